package database

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/sqlsage/sqlsage/diagnostics/database/plan"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// ExplainOptions say how to explain a statement.
type ExplainOptions struct {
	// Analyze runs the statement (EXPLAIN ANALYZE) to report actual rows
	// and times. Without it the statement is only planned.
	Analyze bool
	// Writes says that the statement may change data (see Explainable).
	// With Analyze, it then runs in a read-write transaction that is
	// rolled back (DryRun); otherwise every EXPLAIN runs read only, where
	// the server refuses any write.
	Writes bool
}

// Explain returns the plan of one statement (its text without or with
// its final semicolon): EXPLAIN (FORMAT JSON, VERBOSE) — VERBOSE for the
// schema of each table — and ANALYZE only when opts.Analyze. The
// statement travels alone in the extended protocol, which refuses a
// second statement, and inside a transaction that is rolled back. An
// error from the server is an *Error whose Position, when set, is the
// 1-based character position in stmt.
func (db *DB) Explain(ctx context.Context, stmt string, opts ExplainOptions) (*plan.Plan, error) {
	stmt = strings.TrimSpace(stmt)
	stmt = strings.TrimSpace(strings.TrimSuffix(stmt, ";"))
	prefix := "EXPLAIN (FORMAT JSON, VERBOSE) "
	if opts.Analyze {
		prefix = "EXPLAIN (ANALYZE, FORMAT JSON, VERBOSE) "
	}
	run, op := db.ReadOnly, "explaining the statement"
	if opts.Analyze && opts.Writes {
		run, op = db.DryRun, "explaining the statement (analysed, then rolled back)"
	}
	var out string
	err := run(ctx, op, func(ctx context.Context, tx *Tx) error {
		return tx.QueryRow(ctx, prefix+stmt, pgx.QueryExecModeExec).Scan(&out)
	})
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Position > 0 {
			e.Position -= utf8.RuneCountInString(prefix)
			if e.Position < 1 {
				e.Position = 0
			}
		}
		return nil, err
	}
	p, err := plan.Parse([]byte(out))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return p, nil
}

// Explainable reports whether EXPLAIN can show a plan for st, and whether
// the statement may change data when it runs: INSERT, UPDATE, DELETE,
// MERGE (also in a WITH clause), SELECT … FOR UPDATE/SHARE, SELECT INTO,
// CREATE TABLE AS and EXECUTE (whose prepared statement is unknown) may.
// The error says why a statement cannot be explained.
func Explainable(st *syntax.Stmt) (writes bool, err error) {
	switch {
	case st == nil:
		return false, errors.New("no statement")
	case st.Kind != syntax.SQL:
		return false, errors.New("not an SQL statement (a psql meta-command or COPY data)")
	case st.Err != nil:
		return false, fmt.Errorf("the statement does not parse: %s", st.Err.Message)
	case st.Node == nil:
		return false, errors.New("empty statement")
	}
	n := st.Node
	switch {
	case n.GetSelectStmt() != nil:
		writes = n.GetSelectStmt().GetIntoClause() != nil // SELECT … INTO creates a table
	case n.GetDeclareCursorStmt() != nil:
	case n.GetInsertStmt() != nil, n.GetUpdateStmt() != nil, n.GetDeleteStmt() != nil,
		n.GetMergeStmt() != nil, n.GetCreateTableAsStmt() != nil, n.GetExecuteStmt() != nil:
		writes = true
	case n.GetExplainStmt() != nil:
		return false, errors.New("the statement is already an EXPLAIN; give the statement to explain")
	default:
		return false, fmt.Errorf("EXPLAIN shows plans of SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE AS only, not of %s", statementName(st))
	}
	syntax.Inspect(n, func(c *syntax.Node) bool {
		if c.GetInsertStmt() != nil || c.GetUpdateStmt() != nil || c.GetDeleteStmt() != nil ||
			c.GetMergeStmt() != nil || c.GetLockingClause() != nil {
			writes = true
		}
		return !writes
	})
	return writes, nil
}

// statementName returns the first two words of a statement, upper-cased,
// to name its kind in a message: "CREATE TABLE", "VACUUM orders".
func statementName(st *syntax.Stmt) string {
	words := strings.Fields(st.Text)
	if len(words) > 2 {
		words = words[:2]
	}
	return strings.ToUpper(strings.TrimSuffix(strings.Join(words, " "), ";"))
}
