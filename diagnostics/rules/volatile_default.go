package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// VolatileDefault reports ALTER TABLE … ADD COLUMN … DEFAULT on an
// existing table when the default makes PostgreSQL rewrite the table.
var VolatileDefault = &diagnostics.Rule{
	ID:       "volatile-default",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Column added with a default that rewrites the table",
		Why: "Since PostgreSQL 11, `ADD COLUMN … DEFAULT` with a constant or stable default (`'basic'`, `0`, " +
			"`now()`, `CURRENT_TIMESTAMP`) is instant: the value is evaluated once and stored in the catalog. " +
			"A volatile default — one the catalog marks `provolatile = 'v'`, such as `random()`, " +
			"`gen_random_uuid()`, `uuid_generate_v4()`, `clock_timestamp()`, `timeofday()` or `nextval(…)` — " +
			"must give every row its own value, so PostgreSQL rewrites the whole table while it holds an " +
			"`ACCESS EXCLUSIVE` lock: every read and write of the table waits until the rewrite ends. Before " +
			"PostgreSQL 11 any non-null default rewrites the table.\n\n" +
			"The rule judges up migrations that alter a table created by an earlier file (a table the file " +
			"creates, truncates or deletes all rows of is empty). It uses the configured `pg-version`. " +
			"Columns added `NOT NULL`, `PRIMARY KEY`, `serial` or identity are add-column-not-null's " +
			"findings and not reported again here. A call to a function it does not know is assumed not to " +
			"be volatile.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_token.sql\n" +
			"ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_token.sql\n" +
			"ALTER TABLE accounts ADD COLUMN token uuid;\n" +
			"ALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid();\n" +
			"-- then, in batches: UPDATE accounts SET token = gen_random_uuid() WHERE token IS NULL;",
		Fix: "Adds the column without its default, sets the default for new rows with `ALTER COLUMN … SET " +
			"DEFAULT`, and leaves a commented `UPDATE` template that backfills existing rows (run it in " +
			"batches). Until the backfill runs, existing rows hold NULL instead of a computed value, so the " +
			"fix changes behaviour: it is offered, never applied by `sqlsage fix`.",
		Ignore: "Tables known to be empty or small enough that a rewrite is instant, and migrations that run in " +
			"a maintenance window.",
	},
	Run: runVolatileDefault,
}

func runVolatileDefault(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE || existingTable(pass, at.Relation) == nil {
		return
	}
	table := tableText(pass, at.Relation)
	var diags []diagnostics.Diagnostic
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		def := cmd.GetDef().GetColumnDef()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AddColumn || def == nil {
			continue
		}
		if d := rewritingDefault(pass, def, table); d != nil {
			diags = append(diags, *d)
		}
	}
	if len(diags) == 0 || emptiedBefore(pass, at.Relation) {
		return
	}
	for _, d := range diags {
		pass.Report(d)
	}
}

// rewritingDefault returns the finding for def, a column ALTER TABLE
// table adds to an existing table, when its default rewrites the table
// and add-column-not-null does not report the column already.
func rewritingDefault(pass *diagnostics.Pass, def *syntax.ColumnDef, table string) *diagnostics.Diagnostic {
	st := pass.Stmt
	if serialTypes[syntax.TypeBase(def.TypeName)] && !syntax.IsArray(def.TypeName) {
		return nil // add-column-not-null: filled from a sequence
	}
	spans := st.ConstraintSpans(def)
	var dflt *syntax.Constraint
	var dfltSpan source.Span
	for i, n := range def.Constraints {
		con := n.GetConstraint()
		switch con.GetContype() {
		case syntax.ConstrType_CONSTR_NOTNULL, syntax.ConstrType_CONSTR_PRIMARY, syntax.ConstrType_CONSTR_IDENTITY:
			return nil // add-column-not-null's finding
		case syntax.ConstrType_CONSTR_DEFAULT:
			if c := con.RawExpr.GetAConst(); c == nil || !c.Isnull {
				dflt, dfltSpan = con, spans[i]
			}
		}
	}
	if dflt == nil {
		return nil
	}
	col := def.Colname
	const lock = "rewrites table %s under an ACCESS EXCLUSIVE lock"
	var msg string
	switch fn := volatileCall(dflt.RawExpr); {
	case fn != "":
		msg = fmt.Sprintf("column %q is added with volatile default %s(), which "+lock, col, fn, table)
	case pass.PGVersion < 11:
		msg = fmt.Sprintf("column %q is added with a default, which before PostgreSQL 11 "+lock, col, table)
	default:
		return nil // a constant or stable default on PostgreSQL 11+ is stored in the catalog
	}
	value := defaultExprText(pass, dfltSpan)
	name := lexemeText(st, def.Location)
	indent := edit.LineIndent(pass.File, st.Span.Start)
	lines := []string{
		fmt.Sprintf("%sALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", indent, table, name, value),
		fmt.Sprintf("%s-- UPDATE %s SET %s = %s WHERE %s IS NULL;  -- run in batches", indent, table, name, value, name),
	}
	fix := edit.UnsafeFix("Add the column without a default, then SET DEFAULT and backfill",
		edit.DeleteClause(st, dfltSpan), edit.InsertAfterStmt(pass.File, st, strings.Join(lines, "\n")))
	return &diagnostics.Diagnostic{Span: st.ColumnSpan(def), Message: msg, Fixes: []diagnostics.Fix{fix}}
}
