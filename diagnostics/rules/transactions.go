package rules

import (
	"regexp"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

var (
	// gooseUp and dbmateUp are goose's and dbmate's up markers, where
	// the fixes of concurrent-in-transaction annotate a migration to run
	// without a transaction.
	gooseUp  = regexp.MustCompile(`^--\s*\+goose\s+Up\b`)
	dbmateUp = regexp.MustCompile(`^--\s*migrate:up\b`)
	// gooseNoTx and dbmateNoTx are the annotations that make goose and
	// dbmate run a migration without a transaction (read by
	// mixed-ddl-dml's transaction segments).
	gooseNoTx  = regexp.MustCompile(`^--\s*\+goose\s+NO\s+TRANSACTION\b`)
	dbmateNoTx = regexp.MustCompile(`\btransaction:\s*false\b`)
)

// inTransaction reports whether the pass's statement runs inside a
// transaction block, where CREATE INDEX CONCURRENTLY and other
// non-transactional commands fail: after an explicit BEGIN or START
// TRANSACTION in the file that no COMMIT or ROLLBACK has closed, or in a
// migration its tool runs in a transaction (see toolTransaction).
func inTransaction(pass *diagnostics.Pass) bool {
	tool, _, _ := toolTransaction(pass)
	return tool != "" || openTransaction(pass) != nil
}

// toolTransaction returns the migration tool that runs the pass's
// statement inside a transaction block and why (the tool's default, or
// the annotation or configuration that says so), or "" when no tool
// does. It asks the model, which knows each tool's modes: goose and
// dbmate wrap a migration unless annotated otherwise, Flyway unless a
// statement cannot run in a transaction, sqitch's scripts open their
// own, and golang-migrate sends a file as one query, which PostgreSQL
// runs as one implicit transaction when it holds several statements.
// For goose and dbmate, marker is the up marker comment, where a fix
// annotates the migration to run without a transaction; otherwise it is
// empty.
func toolTransaction(pass *diagnostics.Pass) (tool migration.Tool, reason string, marker source.Span) {
	in, reason := pass.Schema.InTransaction(pass.Parsed(), pass.Stmt)
	if !in {
		return "", "", source.Span{}
	}
	mig, _ := pass.Schema.MigrationAt(pass.File.URI, pass.Stmt.Top().Span.Start)
	if mig == nil {
		return "", "", source.Span{}
	}
	var up *regexp.Regexp
	switch mig.Tool {
	case migration.Goose:
		up = gooseUp
	case migration.Dbmate:
		up = dbmateUp
	}
	if up != nil {
		text := pass.File.Text
		for _, c := range pass.Comments() {
			if up.MatchString(text[c.Start:c.End]) {
				marker = c
				break
			}
		}
	}
	return mig.Tool, reason, marker
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
