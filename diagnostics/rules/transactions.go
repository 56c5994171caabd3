package rules

import (
	"regexp"

	"github.com/sqlsage/sqlsage/diagnostics"
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
// goose or dbmate migration that does not opt out of the transaction
// those tools wrap each migration in.
func inTransaction(pass *diagnostics.Pass) bool {
	text := pass.File.Text
	for _, c := range pass.Parsed().Comments {
		comment := text[c.Start:c.End]
		switch {
		case gooseNoTx.MatchString(comment):
			return explicitTransaction(pass)
		case dbmateUp.MatchString(comment):
			if !dbmateNoTx.MatchString(comment) {
				return true
			}
		}
	}
	for _, c := range pass.Parsed().Comments {
		if gooseUp.MatchString(text[c.Start:c.End]) {
			return true
		}
	}
	return explicitTransaction(pass)
}

// explicitTransaction reports whether a BEGIN earlier in the file is still
// open at the pass's statement.
func explicitTransaction(pass *diagnostics.Pass) bool {
	open := false
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
			open = true
		case syntax.TransactionStmtKind_TRANS_STMT_COMMIT, syntax.TransactionStmtKind_TRANS_STMT_ROLLBACK,
			syntax.TransactionStmtKind_TRANS_STMT_PREPARE:
			open = false
		}
	}
	return open
}
