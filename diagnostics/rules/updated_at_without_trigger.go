package rules

import (
	"fmt"
	"regexp"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// UpdatedAtWithoutTrigger reports updated_at columns of tables that have
// no BEFORE UPDATE trigger to keep them current.
var UpdatedAtWithoutTrigger = &diagnostics.Rule{
	ID:       "updated-at-without-trigger",
	Category: diagnostics.Schema,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "updated_at column without a trigger to maintain it",
		Why: "A `DEFAULT now()` fills `updated_at` when a row is inserted and never again: it stays current " +
			"only if every `UPDATE` — from every service, script, console session and bulk backfill — remembers " +
			"to set it. Sooner or later one does not, and the column silently lies: incremental exports miss " +
			"the row, caches keep stale copies, \"recently changed\" lists are wrong. A `BEFORE UPDATE … FOR EACH " +
			"ROW` trigger that sets `NEW.updated_at := now()` makes the database keep the promise the column's " +
			"name makes.\n\n" +
			"The rule reads the workspace's final schema and reports an `updated_at` column (in `CREATE TABLE` " +
			"or `ADD COLUMN`) of a table with no `BEFORE UPDATE` row trigger; any such trigger counts. " +
			"Partitions (whose parent's trigger applies), temporary tables and down migrations are left alone.",
		Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());\n" +
			"CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$\n" +
			"BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\n" +
			"CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();",
		Fix: "Inserts `CREATE TRIGGER <table>_set_updated_at BEFORE UPDATE ON <table> FOR EACH ROW EXECUTE " +
			"FUNCTION set_updated_at();` after the statement (`EXECUTE PROCEDURE` before PostgreSQL 11). The " +
			"trigger function is reused when the workspace already defines one that sets `NEW.updated_at`; " +
			"otherwise `CREATE OR REPLACE FUNCTION set_updated_at()` is inserted once per file, after the first " +
			"statement that needs it, and every fix in the file shares it. On a table created by an earlier " +
			"file the fix is offered but not applied by `sqlsage fix`: from then on the trigger overwrites any " +
			"`updated_at` an application sets itself.",
		Ignore: "Tables whose `updated_at` an ORM or the application maintains on purpose with its own clock, " +
			"and append-only tables that are never updated.",
	},
	Run: runUpdatedAtWithoutTrigger,
}

// setsUpdatedAt matches a trigger function body that assigns NEW.updated_at.
var setsUpdatedAt = regexp.MustCompile(`(?i)\bnew\s*\.\s*"?updated_at"?\s*:?=`)

// hasBeforeUpdateTrigger reports whether t has a BEFORE UPDATE row trigger.
func hasBeforeUpdateTrigger(t *schema.Table) bool {
	for _, tr := range t.Triggers {
		if tr.Row && tr.Fires(schema.Before, schema.OnUpdate) {
			return true
		}
	}
	return false
}

// unmaintainedUpdatedAt returns the updated_at column that statement st
// of the pass's file declares for a table without a BEFORE UPDATE
// trigger, and that table.
func unmaintainedUpdatedAt(pass *diagnostics.Pass, st *syntax.Stmt) (column, *schema.Table, bool) {
	if !isTableDefinition(st) {
		return column{}, nil, false
	}
	p := *pass
	p.Stmt = st
	for col := range eachColumn(st) {
		if col.Name != "updated_at" || col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
			continue
		}
		tbl, fc, known := finalColumn(&p, col)
		if !known || fc == nil || tbl.Partition || hasBeforeUpdateTrigger(tbl) || inDownMigration(&p) {
			return column{}, nil, false
		}
		return col, tbl, true
	}
	return column{}, nil, false
}

func runUpdatedAtWithoutTrigger(pass *diagnostics.Pass) {
	st := pass.Stmt
	col, tbl, ok := unmaintainedUpdatedAt(pass, st)
	if !ok {
		return
	}
	var rel *syntax.RangeVar
	if cs := st.Node.GetCreateStmt(); cs != nil {
		rel = cs.Relation
	} else {
		rel = st.Node.GetAlterTableStmt().Relation
	}
	tableSpan := st.NameSpan(rel.Location)
	tableText := pass.File.Text[tableSpan.Start:tableSpan.End]
	d := diagnostics.Diagnostic{
		Span: st.LexemeSpan(st.LexemeAt(int(col.Def.Location))),
		Message: fmt.Sprintf("table %s has updated_at but no BEFORE UPDATE trigger, so the column keeps its insert time "+
			"unless every UPDATE remembers to set it", tableText),
	}
	edits := updatedAtTriggerEdits(pass, tbl, tableText)
	title := "Add a trigger that sets updated_at"
	if pass.Schema.CreatedBefore(tbl, pass.File.URI) {
		d.Fixes = []diagnostics.Fix{edit.UnsafeFix(title, edits...)}
	} else {
		d.Fixes = []diagnostics.Fix{edit.Fix(title, edits...)}
	}
	pass.Report(d)
}

// updatedAtTriggerEdits returns the edits that add a trigger maintaining
// tbl's updated_at after the pass's statement, and the trigger function
// after the file's first statement that needs it, unless the workspace
// defines one before that: every fix in a file carries the same function
// edit, so applying several adds it once.
func updatedAtTriggerEdits(pass *diagnostics.Pass, tbl *schema.Table, tableText string) []source.Edit {
	var first *syntax.Stmt
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt {
			first = st
			break
		}
		if _, _, ok := unmaintainedUpdatedAt(pass, st); ok {
			first = st
			break
		}
	}
	fn, defined := updatedAtFunction(pass, first)
	var edits []source.Edit
	if !defined {
		edits = append(edits, edit.InsertAfterStmt(pass.File, first, "CREATE OR REPLACE FUNCTION "+fn+"() RETURNS trigger\n"+
			"LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;"))
	}
	execute := "FUNCTION"
	if pass.PGVersion < 11 {
		execute = "PROCEDURE" // EXECUTE FUNCTION arrived in PostgreSQL 11
	}
	trigger := syntax.QuoteIdent(truncateIdent(tbl.Name.Object+"_set_updated_at", maxIdentLen))
	edits = append(edits, edit.InsertAfterStmt(pass.File, pass.Stmt, fmt.Sprintf(
		"CREATE TRIGGER %s BEFORE UPDATE ON %s\n  FOR EACH ROW EXECUTE %s %s();", trigger, tableText, execute, fn)))
	return edits
}

// updatedAtFunction returns the name of the trigger function to use, and
// whether the workspace defines it before statement first of the pass's
// file: a function that sets NEW.updated_at, or else set_updated_at (or,
// when a function of that name does something else, sqlsage_set_updated_at).
func updatedAtFunction(pass *diagnostics.Pass, first *syntax.Stmt) (string, bool) {
	before := func(f *schema.Function) bool {
		if f.Def.URI == pass.File.URI {
			return f.Def.Span.Start < first.Span.Start
		}
		fi, ui := pass.Schema.FileIndex(f.Def.URI), pass.Schema.FileIndex(pass.File.URI)
		return fi >= 0 && ui >= 0 && fi < ui
	}
	for _, f := range pass.Schema.Functions() {
		if f.ReturnsTrigger && setsUpdatedAt.MatchString(f.Body) && before(f) {
			return qualifiedTableName(f.Name), true
		}
	}
	for _, name := range []string{"set_updated_at", "sqlsage_set_updated_at"} {
		f := pass.Schema.Function(schema.Name{Object: name})
		if f == nil || f.ReturnsTrigger && setsUpdatedAt.MatchString(f.Body) {
			return name, false
		}
	}
	return "sqlsage_set_updated_at", false
}
