package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// AddColumnNotNull reports ALTER TABLE … ADD COLUMN … NOT NULL on an
// existing table when it fails on existing rows or rewrites the table.
var AddColumnNotNull = &diagnostics.Rule{
	ID:       "add-column-not-null",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "NOT NULL column added to an existing table unsafely",
		Why: "Adding a `NOT NULL` column to a table that already has rows needs a value for every row. " +
			"Without a `DEFAULT` the statement fails as soon as the table has one row — a migration that " +
			"passed on an empty development database breaks in production. With a default that is " +
			"volatile (`gen_random_uuid()`, `random()`, `clock_timestamp()`, `nextval(…)`, …), PostgreSQL " +
			"must compute it row by row: it rewrites the whole table while holding an `ACCESS EXCLUSIVE` " +
			"lock, so every read and write of the table waits for the rewrite. `serial` and identity " +
			"columns are filled from a sequence and rewrite the table the same way. Before PostgreSQL 11 " +
			"any default rewrites the table; since 11 a constant or stable default (`'basic'`, `0`, " +
			"`now()`, `CURRENT_TIMESTAMP`) is stored in the catalog and the column is added instantly.\n\n" +
			"The rule judges tables created by an earlier file of the workspace (migration order): a table " +
			"created in the same file is still empty, and so is one the file truncates (or deletes all rows " +
			"of) before adding the column. It uses the configured `pg-version`. A call to a " +
			"function it does not know is assumed not to be volatile.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_plan.sql\n" +
			"ALTER TABLE accounts ADD COLUMN plan text NOT NULL;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_plan.sql\n" +
			"ALTER TABLE accounts ADD COLUMN plan text;\n" +
			"UPDATE accounts SET plan = 'basic' WHERE plan IS NULL;  -- in batches on a large table\n" +
			"ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;",
		Fix: "Splits the change into steps that neither fail nor rewrite: the column is added without " +
			"`NOT NULL` (and without its default when that default would rewrite the table), the default " +
			"is then set for new rows with `ALTER COLUMN … SET DEFAULT`, a commented `UPDATE` template " +
			"backfills existing rows (fill in `<value>`, run it in batches), and `ALTER COLUMN … SET NOT " +
			"NULL` comes last. `SET NOT NULL` still scans the table under its lock; on PostgreSQL 12+ a " +
			"validated `CHECK (col IS NOT NULL)` constraint added before it lets it skip the scan. " +
			"`serial`, identity and `PRIMARY KEY` columns get no fix.",
		Ignore: "Tables known to be empty or small enough that a rewrite is instant, and migrations that run " +
			"in a maintenance window.",
	},
	Run: runAddColumnNotNull,
}

// serialTypes are the pseudo-types that create a sequence and a nextval default.
var serialTypes = map[string]bool{
	"serial": true, "bigserial": true, "smallserial": true, "serial2": true, "serial4": true, "serial8": true,
}

func runAddColumnNotNull(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE {
		return
	}
	tbl := pass.Schema.Table(schema.RangeVarName(at.Relation))
	if tbl == nil || !pass.Schema.CreatedBefore(tbl, pass.File.URI) {
		return // a new table has no rows; an unknown one may have none
	}
	tableSpan := st.NameSpan(at.Relation.Location)
	tableText := pass.File.Text[tableSpan.Start:tableSpan.End]
	var diags []diagnostics.Diagnostic
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		def := cmd.GetDef().GetColumnDef()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AddColumn || def == nil {
			continue
		}
		if d := checkAddedColumn(pass, def, tableText); d != nil {
			diags = append(diags, *d)
		}
	}
	if len(diags) == 0 || emptiedBefore(pass, at.Relation) {
		return // an emptied table has no rows either
	}
	for _, d := range diags {
		pass.Report(d)
	}
}

// emptiedBefore reports whether a statement of the file before the pass's
// statement empties rel: a TRUNCATE of it, or a DELETE of all its rows.
func emptiedBefore(pass *diagnostics.Pass, rel *syntax.RangeVar) bool {
	key := schema.RangeVarName(rel).Key()
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt.Top() {
			break
		}
		if t := st.Node.GetTruncateStmt(); t != nil {
			for _, r := range t.Relations {
				if schema.RangeVarName(r.GetRangeVar()).Key() == key {
					return true
				}
			}
		}
		if d := st.Node.GetDeleteStmt(); d != nil && d.WhereClause == nil && schema.RangeVarName(d.Relation).Key() == key {
			return true
		}
	}
	return false
}

// checkAddedColumn returns the finding for def, a column ALTER TABLE
// tableText adds to an existing table, when adding it fails on existing
// rows or rewrites the table, and nil otherwise.
func checkAddedColumn(pass *diagnostics.Pass, def *syntax.ColumnDef, tableText string) *diagnostics.Diagnostic {
	st := pass.Stmt
	spans := st.ConstraintSpans(def)
	var notNull []source.Span // NOT NULL constraints, which the fix removes
	primary, identity := false, false
	var dflt *syntax.Constraint
	var dfltSpan source.Span
	for i, n := range def.Constraints {
		con := n.GetConstraint()
		switch con.GetContype() {
		case syntax.ConstrType_CONSTR_NOTNULL:
			notNull = append(notNull, spans[i])
		case syntax.ConstrType_CONSTR_PRIMARY:
			primary = true
		case syntax.ConstrType_CONSTR_IDENTITY:
			identity = true
		case syntax.ConstrType_CONSTR_DEFAULT:
			if c := con.RawExpr.GetAConst(); c == nil || !c.Isnull { // DEFAULT NULL is no default
				dflt, dfltSpan = con, spans[i]
			}
		}
	}
	col := def.Colname
	span := st.ColumnSpan(def)
	const lock = "rewrites table %s under an ACCESS EXCLUSIVE lock"
	var msg string
	switch {
	case serialTypes[syntax.TypeBase(def.TypeName)] && !syntax.IsArray(def.TypeName):
		msg = fmt.Sprintf("column %q is added as %s, filled from a sequence row by row, which "+lock,
			col, syntax.TypeBase(def.TypeName), tableText)
		return &diagnostics.Diagnostic{Span: span, Message: msg}
	case identity:
		msg = fmt.Sprintf("identity column %q is added, filled from a sequence row by row, which "+lock, col, tableText)
		return &diagnostics.Diagnostic{Span: span, Message: msg}
	case len(notNull) == 0 && !primary:
		return nil
	case dflt == nil && len(notNull) == 0:
		msg = fmt.Sprintf("column %q is added as a PRIMARY KEY without a default, which fails if table %s has any rows", col, tableText)
	case dflt == nil:
		msg = fmt.Sprintf("column %q is added NOT NULL without a default, which fails if table %s has any rows", col, tableText)
	case volatileCall(dflt.RawExpr) != "":
		msg = fmt.Sprintf("column %q is added NOT NULL with volatile default %s(), which "+lock, col, volatileCall(dflt.RawExpr), tableText)
	case pass.PGVersion < 11:
		msg = fmt.Sprintf("column %q is added NOT NULL with a default, which before PostgreSQL 11 "+lock, col, tableText)
	default:
		return nil // a constant or stable default on PostgreSQL 11+ is instant
	}
	d := diagnostics.Diagnostic{Span: span, Message: msg}
	if len(notNull) > 0 && !primary {
		d.Fixes = []diagnostics.Fix{addColumnInSteps(pass, def, tableText, notNull, dflt, dfltSpan)}
	}
	return &d
}

// addColumnInSteps returns the fix that adds def without NOT NULL (and
// without its default, which would rewrite the table), then sets the
// default for new rows, leaves a backfill template and sets NOT NULL.
func addColumnInSteps(pass *diagnostics.Pass, def *syntax.ColumnDef, tableText string, notNull []source.Span, dflt *syntax.Constraint, dfltSpan source.Span) diagnostics.Fix {
	st := pass.Stmt
	var edits []source.Edit
	for _, sp := range notNull {
		edits = append(edits, edit.DeleteClause(st, sp))
	}
	nameTok := st.Lexemes()[st.LexemeAt(int(def.Location))]
	col := nameTok.Text(st.Text)
	indent := edit.LineIndent(pass.File, st.Span.Start)
	var lines []string
	value := "<value>"
	if dflt != nil {
		// Any default that reached here would rewrite the table: move it
		// to a SET DEFAULT, which only applies to rows inserted later.
		edits = append(edits, edit.DeleteClause(st, dfltSpan))
		value = defaultExprText(pass, dfltSpan)
		lines = append(lines, fmt.Sprintf("%sALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", indent, tableText, col, value))
	}
	lines = append(lines,
		fmt.Sprintf("%s-- UPDATE %s SET %s = %s WHERE %s IS NULL;  -- run in batches", indent, tableText, col, value, col),
		fmt.Sprintf("%sALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", indent, tableText, col))
	edits = append(edits, edit.InsertAfterStmt(pass.File, st, strings.Join(lines, "\n")))
	return edit.Fix("Add the column nullable, backfill, then SET NOT NULL", edits...)
}

// defaultExprText returns the source text of the expression of a DEFAULT
// constraint at span: what follows its DEFAULT keyword.
func defaultExprText(pass *diagnostics.Pass, span source.Span) string {
	st := pass.Stmt
	toks := st.Lexemes()
	for i := st.LexemeAt(span.Start - st.Span.Start); i >= 0 && i < len(toks); i++ {
		if toks[i].Is(st.Text, "default") {
			if j := st.LexemeAt(toks[i].End); j >= 0 && st.Span.Start+toks[j].Start < span.End {
				return pass.File.Text[st.Span.Start+toks[j].Start : span.End]
			}
			break
		}
	}
	return "<value>"
}
