package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// MixedDdlDml reports a migration that backfills rows of an existing
// table in the same transaction as it changes the schema of one.
var MixedDdlDml = &diagnostics.Rule{
	ID:       "mixed-ddl-dml",
	Category: diagnostics.Migration,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Migration changes schema and backfills in one transaction",
		Why: "Locks are held until the transaction ends. A migration that alters a table and then updates " +
			"its rows in the same transaction keeps the `ALTER TABLE`'s `ACCESS EXCLUSIVE` lock for the " +
			"whole backfill: on a large table every query waits minutes. Backfills belong in a migration " +
			"(or a job) of their own, run in batches that each commit.\n\n" +
			"The rule reports, once per up migration, the first `UPDATE`, `DELETE` or `INSERT … SELECT` " +
			"on a table created by an earlier file when the same transaction also changes the schema of " +
			"such a table (`ALTER TABLE`, `CREATE INDEX` without `CONCURRENTLY`, `CREATE TRIGGER`, a " +
			"rename). A file is one transaction unless it opts out (goose `NO TRANSACTION`, dbmate " +
			"`transaction:false`); inside it, each explicit `BEGIN … COMMIT` block is a transaction of its " +
			"own.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);\n" +
			"-- file: 002_plan.sql\n" +
			"ALTER TABLE accounts ADD COLUMN tier text;\n" +
			"UPDATE accounts SET tier = plan;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);\n" +
			"-- file: 002_plan.sql\n" +
			"ALTER TABLE accounts ADD COLUMN tier text;\n" +
			"-- file: 003_backfill_tier.sql\n" +
			"UPDATE accounts SET tier = plan;",
		Ignore: "Small tables, and backfills that touch a handful of rows.",
	},
	Run: runMixedDdlDml,
}

func runMixedDdlDml(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Parent != nil || !inUpMigration(pass) {
		return
	}
	rv := backfilledTable(st)
	if rv == nil || !tableBefore(pass, rv) {
		return
	}
	segs := transactionSegments(pass)
	seg, ok := segs[st]
	if !ok {
		return
	}
	var ddl, first *syntax.Stmt // the transaction's first schema change and first backfill
	for _, other := range pass.Parsed().Stmts {
		if s, ok := segs[other]; !ok || s != seg {
			continue
		}
		if r := lockedTable(other); ddl == nil && r != nil && tableBefore(pass, r) {
			ddl = other
		}
		if r := backfilledTable(other); first == nil && r != nil && tableBefore(pass, r) {
			first = other
		}
	}
	if ddl == nil || first != st {
		return // no schema change, or reported at the first backfill
	}
	line, _ := pass.File.OffsetRuneColumn(ddl.Span.Start)
	pass.Report(diagnostics.Diagnostic{Span: st.Span,
		Message: fmt.Sprintf("rows of table %s are backfilled in the same transaction as the schema change on line %d: its locks are held until the backfill commits; move the backfill to a migration of its own",
			tableText(pass, rv), line)})
}

// backfilledTable returns the table a statement writes rows of in bulk:
// UPDATE, DELETE, or INSERT … SELECT (not INSERT … VALUES); nil otherwise.
func backfilledTable(st *syntax.Stmt) *syntax.RangeVar {
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_UpdateStmt:
		return n.UpdateStmt.Relation
	case *syntax.Node_DeleteStmt:
		return n.DeleteStmt.Relation
	case *syntax.Node_InsertStmt:
		if sel := n.InsertStmt.SelectStmt.GetSelectStmt(); sel != nil && len(sel.ValuesLists) == 0 {
			return n.InsertStmt.Relation
		}
	}
	return nil
}

// transactionSegments numbers the transactions the file's statements run
// in: statements outside explicit BEGIN … COMMIT blocks share the file's
// transaction (0) unless its tool runs it without one, when each is its
// own; each explicit block is one transaction. Transaction control
// statements themselves get no number.
func transactionSegments(pass *diagnostics.Pass) map[*syntax.Stmt]int {
	noTx := false
	for _, c := range pass.Comments() {
		comment := pass.File.Text[c.Start:c.End]
		if gooseNoTx.MatchString(comment) || dbmateUp.MatchString(comment) && dbmateNoTx.MatchString(comment) {
			noTx = true
		}
	}
	segs := make(map[*syntax.Stmt]int)
	next, block := 1, 0
	for _, st := range pass.Parsed().Stmts {
		if ts := st.Node.GetTransactionStmt(); ts != nil {
			switch ts.Kind {
			case syntax.TransactionStmtKind_TRANS_STMT_BEGIN, syntax.TransactionStmtKind_TRANS_STMT_START:
				block, next = next, next+1
			default:
				block = 0
			}
			continue
		}
		switch {
		case block != 0:
			segs[st] = block
		case noTx:
			segs[st], next = next, next+1
		default:
			segs[st] = 0
		}
	}
	return segs
}
