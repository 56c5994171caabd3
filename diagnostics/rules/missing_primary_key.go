package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// MissingPrimaryKey reports tables that have no primary key in the final
// schema of the workspace.
var MissingPrimaryKey = &diagnostics.Rule{
	ID:       "missing-primary-key",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Table without a primary key",
		Why: "A primary key is how a row is named: without one, nothing stops two identical rows, an " +
			"`UPDATE` or `DELETE` of one row has nothing reliable to target, other tables cannot reference " +
			"the rows with a foreign key, and most ORMs and admin tools refuse to edit the table. Logical " +
			"replication publishes a table's updates and deletes only when it has a replica identity, which " +
			"is its primary key unless configured otherwise: without one those statements fail on a " +
			"published table.\n\n" +
			"The rule reads the workspace's final schema, so a key added by a later " +
			"`ALTER TABLE … ADD PRIMARY KEY` (or `ADD CONSTRAINT … PRIMARY KEY`) counts, and a `CREATE TABLE` that declares a key is not " +
			"reported even when a later migration drops it. It skips temporary " +
			"tables, partitions (`PARTITION OF`, or a table a later `ALTER TABLE … ATTACH PARTITION` " +
			"attaches, as pg_dump writes them: the key belongs on the partitioned table), " +
			"`CREATE TABLE … AS` and `SELECT … INTO`, and tables copied with " +
			"`LIKE … INCLUDING INDEXES` (or `INCLUDING ALL`), which may copy their source's key.",
		Bad:  "CREATE TABLE events (name text NOT NULL, payload jsonb);",
		Good: "CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, payload jsonb);",
		Fix: "Adds an `id` primary key column as the first column, on its own line when the columns are on " +
			"separate lines, in the style the `primary-key-style` setting names: `identity` (the default) adds " +
			"`id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY` (`id BIGSERIAL PRIMARY KEY` before PostgreSQL 10, " +
			"which has no identity columns), `serial` adds `id BIGSERIAL PRIMARY KEY`, and `uuid` adds " +
			"`id UUID PRIMARY KEY DEFAULT gen_random_uuid()` — before PostgreSQL 13 `gen_random_uuid()` comes from " +
			"the pgcrypto extension, so run `CREATE EXTENSION IF NOT EXISTS pgcrypto;` first. When the table already " +
			"has a column named `id`, inserts `ALTER TABLE … ADD PRIMARY KEY (id);` after the statement " +
			"instead (a primary key makes the column NOT NULL). A new first column shifts positional " +
			"`INSERT … VALUES` without a column list and `SELECT *`. No fix is offered for partitioned, " +
			"inherited or typed tables, whose key needs more thought, nor for tables with a `LIKE` clause, " +
			"whose copied columns may include an `id`.",
		Ignore: "Append-only staging or log tables that are only bulk-loaded and scanned, and never replicated, " +
			"updated or referenced.",
	},
	Run: runMissingPrimaryKey,
}

// likeIndexes is CREATE_TABLE_LIKE_INDEXES in TableLikeClause.Options,
// the bit of INCLUDING INDEXES (which INCLUDING ALL sets too).
const likeIndexes = 1 << 6

func runMissingPrimaryKey(pass *diagnostics.Pass) {
	st := pass.Stmt
	cs := st.Node.GetCreateStmt()
	if cs == nil || cs.Relation == nil || cs.Relation.Relpersistence == "t" || cs.Partbound != nil {
		return
	}
	like := false
	for _, elt := range cs.TableElts {
		if l := elt.GetTableLikeClause(); l != nil {
			if l.Options&likeIndexes != 0 {
				return
			}
			like = true
		}
	}
	// The table as the workspace leaves it: nil when a later file drops
	// it (or this CREATE … IF NOT EXISTS created nothing).
	tbl := pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start)
	if tbl == nil || tbl.PrimaryKey != nil || tbl.Partition || declaresPrimaryKey(cs) {
		return // a key this statement declares and a later one drops is the later one's business
	}
	name := st.NameSpan(cs.Relation.Location)
	nameText := pass.File.Text[name.Start:name.End]
	d := diagnostics.Diagnostic{
		Span: name,
		Message: fmt.Sprintf("table %s has no primary key, so its rows cannot be addressed one by one "+
			"and logical replication cannot publish its updates and deletes", nameText),
	}
	if cs.Partspec == nil && len(cs.InhRelations) == 0 && cs.OfTypename == nil && !like {
		if fix, ok := primaryKeyFix(pass, cs, name, nameText); ok {
			d.Fixes = []diagnostics.Fix{fix}
		}
	}
	pass.Report(d)
}

// declaresPrimaryKey reports whether a CREATE TABLE declares a primary
// key, on a column or as a table constraint.
func declaresPrimaryKey(cs *syntax.CreateStmt) bool {
	for _, elt := range cs.TableElts {
		if con := elt.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_PRIMARY {
			return true
		}
		for _, n := range elt.GetColumnDef().GetConstraints() {
			if n.GetConstraint().GetContype() == syntax.ConstrType_CONSTR_PRIMARY {
				return true
			}
		}
	}
	return false
}

// keyColumn returns the definition of the id column the fix adds, in the
// configured primary key style.
func keyColumn(pass *diagnostics.Pass) string {
	switch pass.Settings.KeyStyle() {
	case "serial":
		return "id BIGSERIAL PRIMARY KEY"
	case "uuid":
		return "id UUID PRIMARY KEY DEFAULT gen_random_uuid()"
	}
	if pass.PGVersion < 10 {
		return "id BIGSERIAL PRIMARY KEY" // identity columns arrived in PostgreSQL 10
	}
	return "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
}

// primaryKeyFix makes an existing id column the primary key, or adds an
// identity column id as the table's first column.
func primaryKeyFix(pass *diagnostics.Pass, cs *syntax.CreateStmt, name source.Span, nameText string) (diagnostics.Fix, bool) {
	st := pass.Stmt
	for _, elt := range cs.TableElts {
		if def := elt.GetColumnDef(); def != nil && def.Colname == "id" {
			return edit.Fix("Make column id the primary key",
				edit.InsertAfterStmt(pass.File, st, fmt.Sprintf("ALTER TABLE %s ADD PRIMARY KEY (id);", nameText))), true
		}
	}
	column := keyColumn(pass)
	const title = "Add an id primary key column"
	// The column list opens at the first token after the table's name.
	toks := st.Lexemes()
	open := st.LexemeAt(name.End - st.Span.Start)
	if open < 0 || toks[open].Text(st.Text) != "(" {
		return diagnostics.Fix{}, false
	}
	first := st.LexemeAt(toks[open].End)
	if first < 0 {
		return diagnostics.Fix{}, false
	}
	firstSpan := st.LexemeSpan(first)
	if toks[first].Text(st.Text) == ")" { // CREATE TABLE t ()
		return edit.Fix(title, edit.InsertTokens(pass.File, firstSpan.Start, column)), true
	}
	openLine := pass.File.OffsetLine(st.LexemeSpan(open).Start)
	if pass.File.OffsetLine(firstSpan.Start) == openLine {
		return edit.Fix(title, edit.InsertTokens(pass.File, firstSpan.Start, column+", ")), true
	}
	// Columns on their own lines: a line of its own, indented like the
	// first column, right after the line that opens the list (before any
	// comment that introduces the first column).
	indent := edit.LineIndent(pass.File, firstSpan.Start)
	return edit.Fix(title, edit.InsertLineBefore(pass.File, pass.File.LineStart(openLine+1), indent+column+",")), true
}
