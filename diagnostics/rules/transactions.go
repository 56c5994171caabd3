package rules

import (
	"regexp"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

var (
	// gooseUp and gooseNoTx are goose's annotations: goose runs a
	// migration in a transaction unless it says NO TRANSACTION.
	gooseUp   = regexp.MustCompile(`^--\s*\+goose\s+Up\b`)
	gooseNoTx = regexp.MustCompile(`^--\s*\+goose\s+NO\s+TRANSACTION\b`)
	// dbmateUp is dbmate's up marker; dbmate runs the section in a
	// transaction unless the marker line says transaction:false.
	dbmateUp   = regexp.MustCompile(`^--\s*migrate:up\b`)
	dbmateNoTx = regexp.MustCompile(`\btransaction:\s*false\b`)
)

// inTransaction reports whether the pass's statement runs inside a
// transaction block, where CREATE INDEX CONCURRENTLY and other
// non-transactional commands fail: after an explicit BEGIN or START
// TRANSACTION in the file that no COMMIT or ROLLBACK has closed, or in a
// migration its tool wraps in a transaction (see toolTransaction).
func inTransaction(pass *diagnostics.Pass) bool {
	tool, _ := toolTransaction(pass)
	return tool != "" || openTransaction(pass) != nil
}

// toolTransaction returns the migration tool that runs the pass's file
// in a transaction of its own, "goose" or "dbmate", and the comment that
// marks the file as that tool's (its up marker), or "" when no tool
// wraps the file: goose runs a migration in a transaction unless it says
// NO TRANSACTION, and dbmate unless its up marker says
// transaction:false. Rules ask this, not the markers, whether a tool
// opens a transaction: it is the one place that knows migration tools'
// transaction defaults.
func toolTransaction(pass *diagnostics.Pass) (tool string, marker source.Span) {
	text := pass.File.Text
	for _, c := range pass.Parsed().Comments {
		comment := text[c.Start:c.End]
		switch {
		case gooseNoTx.MatchString(comment):
			return "", source.Span{}
		case dbmateUp.MatchString(comment):
			if !dbmateNoTx.MatchString(comment) {
				return "dbmate", c
			}
		}
	}
	for _, c := range pass.Parsed().Comments {
		if gooseUp.MatchString(text[c.Start:c.End]) {
			return "goose", c
		}
	}
	return "", source.Span{}
}

// openTransaction returns the BEGIN or START TRANSACTION statement
// earlier in the file that is still open at the pass's statement (no
// COMMIT, ROLLBACK or PREPARE TRANSACTION has closed it), or nil.
func openTransaction(pass *diagnostics.Pass) *syntax.Stmt {
	var open *syntax.Stmt
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt.Top() {
			break
		}
		ts := st.Node.GetTransactionStmt()
		if ts == nil {
			continue
		}
		switch ts.Kind {
		case syntax.TransactionStmtKind_TRANS_STMT_BEGIN, syntax.TransactionStmtKind_TRANS_STMT_START:
			open = st
		case syntax.TransactionStmtKind_TRANS_STMT_COMMIT, syntax.TransactionStmtKind_TRANS_STMT_ROLLBACK,
			syntax.TransactionStmtKind_TRANS_STMT_PREPARE:
			open = nil
		}
	}
	return open
}
