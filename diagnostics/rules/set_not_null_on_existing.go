package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// SetNotNullOnExisting reports ALTER COLUMN … SET NOT NULL on a table
// created by an earlier migration, which scans the table under an
// ACCESS EXCLUSIVE lock.
var SetNotNullOnExisting = &diagnostics.Rule{
	ID:       "set-not-null-on-existing",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "SET NOT NULL scans an existing table under its lock",
		Why: "`ALTER TABLE … ALTER COLUMN … SET NOT NULL` takes an `ACCESS EXCLUSIVE` lock and then reads " +
			"every row to prove that the column has no nulls. On a large table that scan takes minutes, and " +
			"every query of the table waits behind the lock for all of it.\n\n" +
			"Since PostgreSQL 12, `SET NOT NULL` skips the scan when a valid `CHECK (col IS NOT NULL)` " +
			"constraint already proves it. Such a constraint can be added `NOT VALID` (instant) and " +
			"validated with `VALIDATE CONSTRAINT`, which scans under a `SHARE UPDATE EXCLUSIVE` lock that " +
			"lets reads and writes go on. Before PostgreSQL 12 there is no way around the scan.\n\n" +
			"The rule judges up migrations that alter a table created by an earlier file (a table the file " +
			"creates, truncates or deletes all rows of is empty). A `SET NOT NULL` after a validated " +
			"`CHECK (col IS NOT NULL)` on the same column earlier in the file is not reported (on " +
			"PostgreSQL 12+). It uses the configured `pg-version`.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n" +
			"-- file: 002_email_required.sql\n" +
			"ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n" +
			"-- file: 002_email_required.sql\n" +
			"ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n" +
			"ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;\n" +
			"ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n" +
			"ALTER TABLE accounts DROP CONSTRAINT accounts_email_not_null;",
		Fix: "On PostgreSQL 12+, for an `ALTER TABLE` whose only command is the `SET NOT NULL`: adds " +
			"`CONSTRAINT <table>_<column>_not_null CHECK (col IS NOT NULL) NOT VALID` and validates it " +
			"before the statement, and drops the constraint after it (`SET NOT NULL` makes it redundant). " +
			"Validation still fails if the column has nulls; backfill them first. Before PostgreSQL 12 " +
			"there is no fix.",
		Ignore: "Tables known to be small, and migrations that run in a maintenance window.",
	},
	Run: runSetNotNullOnExisting,
}

func runSetNotNullOnExisting(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE || existingTable(pass, at.Relation) == nil {
		return
	}
	table := tableText(pass, at.Relation)
	var diags []diagnostics.Diagnostic
	for i, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd.GetSubtype() != syntax.AlterTableType_AT_SetNotNull {
			continue
		}
		if pass.PGVersion >= 12 && notNullChecked(pass, at.Relation, cmd.Name) {
			continue // SET NOT NULL uses the valid CHECK and skips the scan
		}
		d := diagnostics.Diagnostic{Span: cmdSpan(st, at, i)}
		if pass.PGVersion < 12 {
			d.Message = fmt.Sprintf("SET NOT NULL on column %q scans all of table %s under an ACCESS EXCLUSIVE lock (before PostgreSQL 12 no CHECK constraint avoids the scan)", cmd.Name, table)
		} else {
			d.Message = fmt.Sprintf("SET NOT NULL on column %q scans all of table %s under an ACCESS EXCLUSIVE lock; validate a CHECK (%s IS NOT NULL) constraint first", cmd.Name, table, syntax.QuoteIdent(cmd.Name))
			if len(at.Cmds) == 1 {
				d.Fixes = []diagnostics.Fix{notNullViaCheck(pass, at, cmd.Name, table)}
			}
		}
		diags = append(diags, d)
	}
	if len(diags) == 0 || emptiedBefore(pass, at.Relation) {
		return
	}
	for _, d := range diags {
		pass.Report(d)
	}
}

// notNullViaCheck returns the fix that proves column col of table (as
// written) not null with a validated CHECK constraint before the pass's
// statement, so that SET NOT NULL skips its scan, and drops the
// constraint after it.
func notNullViaCheck(pass *diagnostics.Pass, at *syntax.AlterTableStmt, col, table string) diagnostics.Fix {
	st := pass.Stmt
	name := syntax.QuoteIdent(objectName(at.Relation.Relname, []string{col}, "not_null"))
	quoted := syntax.QuoteIdent(col)
	before := fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID;\n"+
		"ALTER TABLE %s VALIDATE CONSTRAINT %s;", table, name, quoted, table, name)
	after := fmt.Sprintf("%sALTER TABLE %s DROP CONSTRAINT %s;", edit.LineIndent(pass.File, st.Span.Start), table, name)
	return edit.Fix("Validate a CHECK ("+quoted+" IS NOT NULL) constraint first",
		insertBeforeStmt(pass.File, st, before), edit.InsertAfterStmt(pass.File, st, after))
}

// notNullChecked reports whether a statement of the file before the
// pass's statement left a valid CHECK (col IS NOT NULL) constraint on
// table rel: one added without NOT VALID, or added NOT VALID and then
// validated, and not dropped since.
func notNullChecked(pass *diagnostics.Pass, rel *syntax.RangeVar, col string) bool {
	key := schema.RangeVarName(rel).Key()
	valid := map[string]bool{} // constraint name → validated
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt.Top() {
			break
		}
		at := st.Node.GetAlterTableStmt()
		if at == nil || schema.RangeVarName(at.Relation).Key() != key {
			continue
		}
		for _, c := range at.Cmds {
			cmd := c.GetAlterTableCmd()
			switch cmd.GetSubtype() {
			case syntax.AlterTableType_AT_AddConstraint:
				if con := cmd.Def.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_CHECK && isNotNullTest(con.RawExpr, col) {
					valid[con.Conname] = !con.SkipValidation
				}
			case syntax.AlterTableType_AT_ValidateConstraint:
				if _, ok := valid[cmd.Name]; ok {
					valid[cmd.Name] = true
				}
			case syntax.AlterTableType_AT_DropConstraint:
				delete(valid, cmd.Name)
			}
		}
	}
	for _, v := range valid {
		if v {
			return true
		}
	}
	return false
}

// isNotNullTest reports whether expr is `col IS NOT NULL`.
func isNotNullTest(expr *syntax.Node, col string) bool {
	nt := expr.GetNullTest()
	if nt == nil || nt.Nulltesttype != syntax.NullTestType_IS_NOT_NULL {
		return false
	}
	fields := syntax.Strings(nt.Arg.GetColumnRef().GetFields())
	return len(fields) > 0 && fields[len(fields)-1] == col
}
