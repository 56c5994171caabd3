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

// FkNotValid reports a foreign key added to a table created by an
// earlier migration without NOT VALID.
var FkNotValid = &diagnostics.Rule{
	ID:       "fk-not-valid",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Foreign key added to an existing table without NOT VALID",
		Why: "`ALTER TABLE … ADD CONSTRAINT … FOREIGN KEY` (and `ADD COLUMN … REFERENCES`) checks every " +
			"existing row against the referenced table while it holds a `SHARE ROW EXCLUSIVE` lock on both " +
			"tables: no `INSERT`, `UPDATE` or `DELETE` on either runs until the scan ends. Added `NOT VALID`, " +
			"the constraint is enforced for new rows at once and the check of existing rows is left to " +
			"`ALTER TABLE … VALIDATE CONSTRAINT`, which takes only a `SHARE UPDATE EXCLUSIVE` lock: reads " +
			"and writes go on while it scans.\n\n" +
			"The rule judges up migrations that alter a table created by an earlier file (a table the file " +
			"creates is empty). A partitioned table, where PostgreSQL does not accept a `NOT VALID` foreign " +
			"key, is not reported.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n" +
			"-- file: 002_fk.sql\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n" +
			"-- file: 002_fk.sql\n" +
			"ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n" +
			"ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;",
		Fix: "Adds `NOT VALID` to the constraint and validates it in a statement of its own after the " +
			"`ALTER TABLE`. A column's `REFERENCES` clause cannot be `NOT VALID`, so it moves out of the " +
			"`ADD COLUMN` into `ADD CONSTRAINT <table>_<column>_fkey FOREIGN KEY (column) REFERENCES … NOT " +
			"VALID`. An unnamed constraint gets the name PostgreSQL would give it (`<table>_<columns>_fkey`). " +
			"Run in one transaction, `VALIDATE` still holds the first statement's lock; a migration tool " +
			"that runs each file in a transaction needs the validation in a later migration to gain the " +
			"most.",
		Ignore: "Tables known to be small, and migrations that run in a maintenance window.",
	},
	Run: runFkNotValid,
}

func runFkNotValid(pass *diagnostics.Pass) {
	st := pass.Stmt
	at := st.Node.GetAlterTableStmt()
	if at == nil || at.Objtype != syntax.ObjectType_OBJECT_TABLE {
		return
	}
	tbl := existingTable(pass, at.Relation)
	if tbl == nil || tbl.Partitioned {
		return
	}
	table := tableText(pass, at.Relation)
	spans := alterCmdSpans(st, at)
	for i, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case syntax.AlterTableType_AT_AddConstraint:
			con := cmd.Def.GetConstraint()
			if con.GetContype() != syntax.ConstrType_CONSTR_FOREIGN || con.SkipValidation {
				continue
			}
			cols := syntax.Strings(con.FkAttrs)
			name := con.Conname
			if name == "" {
				name = objectName(at.Relation.Relname, cols, "fkey")
			}
			d := diagnostics.Diagnostic{Span: cmdSpan(st, at, i),
				Message: fmt.Sprintf("foreign key %s on table %s (%s) checks every existing row while it blocks writes to %s and %s; add it NOT VALID, then VALIDATE CONSTRAINT",
					name, table, schema.ColumnList(cols), table, schema.RangeVarName(con.Pktable))}
			if spans != nil {
				d.Fixes = []diagnostics.Fix{notValidThenValidate(pass, spans[i], table, name)}
			}
			pass.Report(d)
		case syntax.AlterTableType_AT_AddColumn:
			def := cmd.Def.GetColumnDef()
			if def == nil {
				continue
			}
			conSpans := st.ConstraintSpans(def)
			for k, n := range def.Constraints {
				con := n.GetConstraint()
				if con.GetContype() != syntax.ConstrType_CONSTR_FOREIGN {
					continue
				}
				name := con.Conname
				if name == "" {
					name = objectName(at.Relation.Relname, []string{def.Colname}, "fkey")
				}
				d := diagnostics.Diagnostic{Span: conSpans[k],
					Message: fmt.Sprintf("column %q is added with a foreign key to %s, which checks every existing row of %s while it blocks writes to both tables; add the key NOT VALID, then VALIDATE CONSTRAINT",
						def.Colname, schema.RangeVarName(con.Pktable), table)}
				if fix, ok := referencesAsConstraint(pass, def, conSpans[k], table, name); ok {
					d.Fixes = []diagnostics.Fix{fix}
				}
				pass.Report(d)
			}
		}
	}
}

// notValidThenValidate returns the fix that adds NOT VALID at the end of
// the ADD CONSTRAINT command at span and validates the constraint called
// name in a statement after the pass's statement.
func notValidThenValidate(pass *diagnostics.Pass, span source.Span, table, name string) diagnostics.Fix {
	validate := fmt.Sprintf("%sALTER TABLE %s VALIDATE CONSTRAINT %s;",
		edit.LineIndent(pass.File, pass.Stmt.Span.Start), table, syntax.QuoteIdent(name))
	return edit.Fix("Add the constraint NOT VALID, then VALIDATE it",
		edit.InsertTokens(pass.File, span.End, " NOT VALID"),
		edit.InsertAfterStmt(pass.File, pass.Stmt, validate))
}

// referencesAsConstraint returns the fix that moves a column's
// REFERENCES clause (at span) out of its ADD COLUMN into an ADD
// CONSTRAINT … NOT VALID after the statement, followed by its
// validation. It reports false when the clause has no REFERENCES keyword
// to copy from.
func referencesAsConstraint(pass *diagnostics.Pass, def *syntax.ColumnDef, span source.Span, table, name string) (diagnostics.Fix, bool) {
	st := pass.Stmt
	toks := st.Lexemes()
	refs := -1
	for i := st.LexemeAt(span.Start - st.Span.Start); i >= 0 && i < len(toks) && st.Span.Start+toks[i].Start < span.End; i++ {
		if toks[i].Is(st.Text, "references") {
			refs = st.Span.Start + toks[i].Start
			break
		}
	}
	if refs < 0 {
		return diagnostics.Fix{}, false
	}
	indent := edit.LineIndent(pass.File, st.Span.Start)
	quoted := syntax.QuoteIdent(name)
	lines := []string{
		fmt.Sprintf("%sALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) %s NOT VALID;", indent, table, quoted,
			lexemeText(st, def.Location), pass.File.Text[refs:span.End]),
		fmt.Sprintf("%sALTER TABLE %s VALIDATE CONSTRAINT %s;", indent, table, quoted),
	}
	return edit.Fix("Add the foreign key NOT VALID, then VALIDATE it",
		edit.DeleteClause(st, span), edit.InsertAfterStmt(pass.File, st, strings.Join(lines, "\n"))), true
}
