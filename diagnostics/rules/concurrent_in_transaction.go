package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// ConcurrentInTransaction reports CONCURRENTLY commands that run inside a
// transaction block, where PostgreSQL refuses them.
var ConcurrentInTransaction = &diagnostics.Rule{
	ID:       "concurrent-in-transaction",
	Category: diagnostics.Migration,
	Severity: diagnostics.Error,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "CONCURRENTLY inside a transaction block",
		Why: "`CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY` and " +
			"`ALTER TABLE … DETACH PARTITION … CONCURRENTLY` wait for other transactions in several steps, " +
			"each committed on its own, so PostgreSQL refuses to run them inside a transaction block: " +
			"`ERROR: CREATE INDEX CONCURRENTLY cannot run inside a transaction block`. The migration fails " +
			"when it is deployed.\n\n" +
			"The rule reports such a command after a `BEGIN` or `START TRANSACTION` of the file that no " +
			"`COMMIT` or `ROLLBACK` has closed, and in a migration that its tool runs in a transaction: " +
			"goose unless the file says `-- +goose NO TRANSACTION`; dbmate unless its `-- migrate:up` line " +
			"says `transaction:false`; Flyway when the script's `.conf` file says `executeInTransaction=true` " +
			"(by default Flyway runs a script that holds such a command without a transaction); and " +
			"golang-migrate when the file holds other statements too: it sends the file as one query, and " +
			"PostgreSQL runs a query of several statements as one implicit transaction.",
		Bad: "BEGIN;\n" +
			"CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);\n" +
			"COMMIT;",
		Good: "CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);",
		Fix: "In a goose migration, inserts `-- +goose NO TRANSACTION` before `-- +goose Up`; in a dbmate " +
			"migration, adds `transaction:false` to the `-- migrate:up` line. The migration then runs " +
			"without a transaction, so a statement after a failed one is not rolled back: keep such " +
			"migrations to the concurrent statement alone. An explicit `BEGIN … COMMIT` block gets no fix: " +
			"move the statement after the `COMMIT` (or into a migration of its own).",
		Ignore: "Never: the statement fails.",
	},
	Run: runConcurrentInTransaction,
}

func runConcurrentInTransaction(pass *diagnostics.Pass) {
	st := pass.Stmt
	what := concurrentCommand(st)
	if what == "" || st.Parent != nil {
		return
	}
	span := st.Span
	for i, t := range st.Lexemes() {
		if t.Is(st.Text, "concurrently") {
			span = st.LexemeSpan(i)
			break
		}
	}
	if begin := openTransaction(pass); begin != nil {
		line, _ := pass.File.OffsetRuneColumn(begin.Span.Start)
		pass.Reportf(span, "%s cannot run inside a transaction block, and the %s on line %d opens one: the migration fails",
			what, transactionKeyword(begin), line)
		return
	}
	tool, reason, marker := toolTransaction(pass)
	if tool == "" || inDownMigration(pass) {
		return
	}
	d := diagnostics.Diagnostic{Span: span}
	switch tool {
	case migration.Goose, migration.Dbmate:
		d.Message = fmt.Sprintf("%s cannot run inside a transaction block, and %s runs this migration in one: the migration fails", what, tool)
	case migration.GolangMigrate:
		d.Message = fmt.Sprintf("%s cannot run inside a transaction block, and golang-migrate sends this file as one query, which PostgreSQL runs as one implicit transaction: the migration fails; move the statement to a migration of its own", what)
	default:
		d.Message = fmt.Sprintf("%s cannot run inside a transaction block, and %s runs this migration in one (%s): the migration fails", what, tool, reason)
	}
	switch {
	case marker == source.Span{}:
	case tool == migration.Goose:
		d.Fixes = []diagnostics.Fix{edit.Fix("Add -- +goose NO TRANSACTION",
			edit.InsertLineBefore(pass.File, marker.Start, "-- +goose NO TRANSACTION"))}
	case tool == migration.Dbmate:
		d.Fixes = []diagnostics.Fix{edit.Fix("Add transaction:false to -- migrate:up",
			edit.Insert(marker.End, " transaction:false"))}
	}
	pass.Report(d)
}

// concurrentCommand returns the name of the CONCURRENTLY command st is
// ("CREATE INDEX CONCURRENTLY"), or "" when it is none.
func concurrentCommand(st *syntax.Stmt) string {
	if st.Node == nil {
		return ""
	}
	switch n := st.Node.Node.(type) {
	case *syntax.Node_IndexStmt:
		if n.IndexStmt.Concurrent {
			return "CREATE INDEX CONCURRENTLY"
		}
	case *syntax.Node_DropStmt:
		if n.DropStmt.Concurrent {
			return "DROP INDEX CONCURRENTLY"
		}
	case *syntax.Node_ReindexStmt:
		if hasOption(n.ReindexStmt.Params, "concurrently") {
			return "REINDEX CONCURRENTLY"
		}
	case *syntax.Node_AlterTableStmt:
		for _, c := range n.AlterTableStmt.Cmds {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == syntax.AlterTableType_AT_DetachPartition && cmd.Def.GetPartitionCmd().GetConcurrent() {
				return "DETACH PARTITION CONCURRENTLY"
			}
		}
	}
	return ""
}

// transactionKeyword returns how statement st, a BEGIN or START
// TRANSACTION, is written: "BEGIN" or "START TRANSACTION".
func transactionKeyword(st *syntax.Stmt) string {
	if st.Node.GetTransactionStmt().GetKind() == syntax.TransactionStmtKind_TRANS_STMT_START {
		return "START TRANSACTION"
	}
	return "BEGIN"
}
