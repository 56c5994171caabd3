package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// FkMissingIndex reports foreign keys whose columns no index of their
// table leads with, anywhere in the workspace.
var FkMissingIndex = &diagnostics.Rule{
	ID:       "fk-missing-index",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Foreign key without an index on its columns",
		Why: "PostgreSQL indexes the referenced side of a foreign key (it must be a primary key or unique " +
			"constraint) but never the referencing columns. Every `DELETE` of a parent row, and every update " +
			"of its key, must look for child rows: without an index on the child's foreign key columns that " +
			"is a sequential scan of the child table per parent row, run while both tables are locked, and " +
			"`ON DELETE CASCADE` deletes become quadratic. Joins from parent to children cannot use an index " +
			"either.\n\n" +
			"A foreign key is indexed when its columns are the leftmost columns (in any order) of the primary " +
			"key, a unique constraint, or a plain B-tree index without a `WHERE` predicate on the table. The " +
			"whole workspace counts: a key declared in `001_init.sql` and indexed in `002_indexes.sql` is " +
			"indexed, and a key dropped by a later migration is not reported.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));\n" +
			"CREATE INDEX idx_orders_user_id ON orders (user_id);",
		Fix: "Inserts `CREATE INDEX idx_<table>_<columns> ON <table> (<columns>);` on the line after the " +
			"statement that declares the key. When the table was created by an earlier file, the index is " +
			"built `CONCURRENTLY`, so that writes to a live table are not blocked while it builds — except " +
			"inside a transaction block (an open `BEGIN`, or a goose or dbmate migration that runs in a " +
			"transaction), where `CONCURRENTLY` is not allowed, and on a partitioned table, which cannot be " +
			"indexed concurrently.",
		Ignore: "Small lookup tables whose rows are never deleted and never joined from the parent side " +
			"(a `country_code` referencing a fixed list): the index would only cost writes.",
	},
	Run: runFkMissingIndex,
}

func runFkMissingIndex(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Node == nil {
		return
	}
	for k := range eachForeignKey(st) {
		// The key as the final schema has it: renamed columns, indexes
		// created by later files, and nothing when a later file dropped it.
		tbl, fk := pass.Schema.ForeignKeyDeclaredAt(pass.File.URI, st.Offset(k.con.Location))
		if fk == nil || tbl.Covers(fk.Columns) {
			continue
		}
		tableSpan := st.NameSpan(k.rel.Location)
		tableText := pass.File.Text[tableSpan.Start:tableSpan.End]
		keyCols := k.columns()
		cols := make([]string, len(keyCols))
		for i, c := range keyCols {
			cols[i] = syntax.QuoteIdent(c)
		}
		concurrently := ""
		if pass.Schema.CreatedBefore(tbl, pass.File.URI) && !tbl.Partitioned && !inTransaction(pass) {
			concurrently = "CONCURRENTLY "
		}
		name := indexName(pass.Schema, k.rel, keyCols)
		create := fmt.Sprintf("CREATE INDEX %s%s ON %s (%s);", concurrently, syntax.QuoteIdent(name), tableText, strings.Join(cols, ", "))
		pass.Report(diagnostics.Diagnostic{
			Span: k.span(st),
			Message: fmt.Sprintf("foreign key %s (%s) referencing %s has no index, so every delete or key update in %s scans %s",
				tableText, strings.Join(cols, ", "), fk.RefTable, fk.RefTable, tableText),
			Fixes: []diagnostics.Fix{edit.Fix("Create index "+name, edit.InsertAfterStmt(pass.File, st, create))},
		})
	}
}

// maxIdentLen is the longest identifier PostgreSQL keeps (NAMEDATALEN - 1
// bytes); longer names are truncated, so two long names could collide.
const maxIdentLen = 63

// indexName returns idx_<table>_<columns> for an index on rel (cols),
// truncated to PostgreSQL's identifier length and given a numeric suffix
// when an index or table of the workspace already has that name.
func indexName(m *schema.Model, rel *syntax.RangeVar, cols []string) string {
	base := truncateIdent("idx_"+rel.Relname+"_"+strings.Join(cols, "_"), maxIdentLen)
	taken := func(name string) bool {
		return m.NameTaken(rel.Schemaname, name)
	}
	name := base
	for n := 2; taken(name); n++ {
		suffix := fmt.Sprintf("_%d", n)
		name = truncateIdent(base, maxIdentLen-len(suffix)) + suffix
	}
	return name
}

// truncateIdent cuts name to at most n bytes without splitting a UTF-8 character.
func truncateIdent(name string, n int) string {
	if len(name) <= n {
		return name
	}
	for n > 0 && name[n]&0xC0 == 0x80 {
		n--
	}
	return name[:n]
}
