package rules

import (
	"fmt"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// CheckNotValid reports a CHECK constraint added to a table created by
// an earlier migration without NOT VALID.
var CheckNotValid = &diagnostics.Rule{
	ID:       "check-not-valid",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "CHECK added to an existing table without NOT VALID",
		Why: "`ALTER TABLE … ADD CONSTRAINT … CHECK` reads every existing row to prove the condition while " +
			"it holds an `ACCESS EXCLUSIVE` lock: every query of the table waits for the scan. Added " +
			"`NOT VALID`, the constraint is enforced for new and updated rows at once, and " +
			"`ALTER TABLE … VALIDATE CONSTRAINT` checks the existing rows later under a `SHARE UPDATE " +
			"EXCLUSIVE` lock, which lets reads and writes go on.\n\n" +
			"The rule judges up migrations that alter a table created by an earlier file (a table the file " +
			"creates is empty).",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));\n" +
			"-- file: 002_check.sql\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));\n" +
			"-- file: 002_check.sql\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n" +
			"ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;",
		Fix: "Adds `NOT VALID` to the constraint and validates it in a statement of its own after the " +
			"`ALTER TABLE`. An unnamed constraint gets the name PostgreSQL would give it: " +
			"`<table>_<column>_check` when the condition uses one column, `<table>_check` otherwise. Run in " +
			"one transaction, `VALIDATE` still holds the first statement's lock; a migration tool that runs " +
			"each file in a transaction needs the validation in a later migration to gain the most.",
		Ignore: "Tables known to be small, and migrations that run in a maintenance window.",
	},
	Run: runCheckNotValid,
}

func runCheckNotValid(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE || existingTable(pass, at.Relation) == nil {
		return
	}
	table := tableText(pass, at.Relation)
	spans := alterCmdSpans(st, at)
	for i, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		con := cmd.GetDef().GetConstraint()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_AddConstraint || con.GetContype() != syntax.ConstrType_CONSTR_CHECK || con.SkipValidation {
			continue
		}
		name := con.Conname
		if name == "" {
			name = objectName(at.Relation.Relname, checkColumns(con.RawExpr), "check")
		}
		d := diagnostics.Diagnostic{Span: cmdSpan(st, at, i),
			Message: fmt.Sprintf("CHECK constraint %s scans all of table %s under an ACCESS EXCLUSIVE lock; add it NOT VALID, then VALIDATE CONSTRAINT", name, table)}
		if spans != nil {
			d.Fixes = []diagnostics.Fix{notValidThenValidate(pass, spans[i], table, name)}
		}
		pass.Report(d)
	}
}

// checkColumns returns the one column a CHECK expression uses, which
// PostgreSQL puts in the constraint's default name, or nil when it uses
// none or several.
func checkColumns(expr *syntax.Node) []string {
	var cols []string
	syntax.Inspect(expr, func(n *syntax.Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			f := syntax.Strings(cr.Fields)
			if c := f[len(f)-1]; c != "" && !slices.Contains(cols, c) {
				cols = append(cols, c)
			}
		}
		return true
	})
	if len(cols) != 1 {
		return nil
	}
	return cols
}
