package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// IndexNotConcurrent reports CREATE INDEX, DROP INDEX and REINDEX without
// CONCURRENTLY on a table created by an earlier migration.
var IndexNotConcurrent = &diagnostics.Rule{
	ID:       "index-not-concurrent",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Index built or dropped without CONCURRENTLY",
		Why: "`CREATE INDEX` holds a `SHARE` lock on its table until the index is built: every `INSERT`, " +
			"`UPDATE` and `DELETE` waits, for minutes on a large table. `DROP INDEX` and `REINDEX` take an " +
			"`ACCESS EXCLUSIVE` lock, which blocks reads too. With `CONCURRENTLY`, PostgreSQL builds (or " +
			"drops) the index without blocking writes, at the cost of more work and of running outside a " +
			"transaction block.\n\n" +
			"The rule judges up migrations: `CREATE INDEX` and `REINDEX TABLE` on a table created by an " +
			"earlier file, and `DROP INDEX` and `REINDEX INDEX` of an index the file did not create itself. " +
			"A table the file creates is empty and needs no `CONCURRENTLY`. A partitioned table cannot be " +
			"indexed concurrently and is not reported. `REINDEX … CONCURRENTLY` needs PostgreSQL 12, so " +
			"`REINDEX` is reported only from the configured `pg-version` 12 on.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n" +
			"-- file: 002_index.sql\n" +
			"CREATE INDEX orders_user_id_idx ON orders (user_id);",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n" +
			"-- file: 002_index.sql\n" +
			"CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);",
		Fix: "Adds `CONCURRENTLY`. Inside a transaction block (an explicit `BEGIN`, or a goose or dbmate " +
			"migration that its tool runs in a transaction) `CONCURRENTLY` fails, so there the fix is offered " +
			"but not preferred, titled to say that the statement must move out of the transaction " +
			"(concurrent-in-transaction then reports it until it does). `DROP INDEX` of several indexes or " +
			"with `CASCADE` gets no fix: `DROP INDEX CONCURRENTLY` allows neither. A concurrent build that " +
			"fails leaves an invalid index behind; drop it and run the statement again.",
		Ignore: "Tables known to be small, and migrations that run in a maintenance window.",
	},
	Run: runIndexNotConcurrent,
}

func runIndexNotConcurrent(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Node == nil || st.Parent != nil || !inUpMigration(pass) {
		return
	}
	var what, kind string // the command, and the keyword CONCURRENTLY follows
	fixable := true
	switch n := st.Node.Node.(type) {
	case *syntax.Node_IndexStmt:
		is := n.IndexStmt
		tbl := existingTable(pass, is.Relation)
		if is.Concurrent || tbl == nil || tbl.Partitioned {
			return
		}
		what, kind = fmt.Sprintf("CREATE INDEX on table %s blocks writes to it", tableText(pass, is.Relation)), "index"
	case *syntax.Node_DropStmt:
		ds := n.DropStmt
		if ds.RemoveType != syntax.ObjectType_OBJECT_INDEX || ds.Concurrent {
			return
		}
		names := make([]string, 0, len(ds.Objects))
		for _, obj := range ds.Objects {
			name := qualifiedIndexName(syntax.Strings(obj.GetList().GetItems()))
			if !createdIndexBefore(pass, name) {
				names = append(names, name.String())
			}
		}
		if len(names) == 0 {
			return
		}
		what, kind = fmt.Sprintf("DROP INDEX %s blocks reads and writes of its table", names[0]), "index"
		fixable = len(ds.Objects) == 1 && ds.Behavior != syntax.DropBehavior_DROP_CASCADE
	case *syntax.Node_ReindexStmt:
		rs := n.ReindexStmt
		if pass.PGVersion < 12 || hasOption(rs.Params, "concurrently") {
			return
		}
		switch rs.Kind {
		case syntax.ReindexObjectType_REINDEX_OBJECT_TABLE:
			if tbl := existingTable(pass, rs.Relation); tbl == nil || tbl.Partitioned {
				return
			}
			what, kind = fmt.Sprintf("REINDEX TABLE %s blocks writes to it and reads through its indexes", tableText(pass, rs.Relation)), "table"
		case syntax.ReindexObjectType_REINDEX_OBJECT_INDEX:
			name := schema.RangeVarName(rs.Relation)
			if createdIndexBefore(pass, name) {
				return
			}
			what, kind = fmt.Sprintf("REINDEX INDEX %s blocks writes to its table and reads through the index", name), "index"
		default:
			return
		}
	default:
		return
	}
	d := diagnostics.Diagnostic{Span: st.Span, Message: what + " until it finishes; use CONCURRENTLY"}
	if i := firstWord(st, kind); fixable && i >= 0 {
		insert := edit.InsertTokens(pass.File, st.LexemeSpan(i).End, " CONCURRENTLY")
		if inTransaction(pass) {
			d.Fixes = []diagnostics.Fix{edit.UnsafeFix("Add CONCURRENTLY and move the statement out of the transaction", insert)}
		} else {
			d.Fixes = []diagnostics.Fix{edit.Fix("Add CONCURRENTLY", insert)}
		}
	}
	pass.Report(d)
}

// qualifiedIndexName makes a Name of a DROP statement's name parts.
func qualifiedIndexName(parts []string) schema.Name {
	var n schema.Name
	if len(parts) > 0 {
		n.Object = parts[len(parts)-1]
	}
	if len(parts) > 1 {
		n.Schema = parts[len(parts)-2]
	}
	return n
}

// createdIndexBefore reports whether a CREATE INDEX earlier in the
// pass's file created the index called name: an index the migration
// itself built is new, and so is its table.
func createdIndexBefore(pass *diagnostics.Pass, name schema.Name) bool {
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt.Top() {
			break
		}
		if is := st.Node.GetIndexStmt(); is != nil && is.Idxname == name.Object &&
			(name.Schema == "" || is.Relation.GetSchemaname() == name.Schema) {
			return true
		}
	}
	return false
}

// hasOption reports whether a list of DefElem options (REINDEX's
// parenthesised options) holds one called name.
func hasOption(opts []*syntax.Node, name string) bool {
	for _, o := range opts {
		if o.GetDefElem().GetDefname() == name {
			return true
		}
	}
	return false
}

// firstWord returns the index in st's lexemes of the first occurrence of
// keyword word outside parentheses, or -1.
func firstWord(st *syntax.Stmt, word string) int {
	depth := 0
	for i, t := range st.Lexemes() {
		switch {
		case t.Kind == syntax.LexPunct && t.Text(st.Text) == "(":
			depth++
		case t.Kind == syntax.LexPunct && t.Text(st.Text) == ")":
			depth--
		case depth == 0 && t.Is(st.Text, word):
			return i
		}
	}
	return -1
}
