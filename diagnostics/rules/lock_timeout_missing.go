package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// LockTimeoutMissing reports the first statement of a migration that
// locks an existing table when no SET lock_timeout comes before it.
var LockTimeoutMissing = &diagnostics.Rule{
	ID:       "lock-timeout-missing",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  false,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Migration locks a table without a lock_timeout",
		Why: "An `ALTER TABLE` needs an `ACCESS EXCLUSIVE` lock, and `CREATE INDEX`, `CREATE TRIGGER` and " +
			"renames need strong locks too. If a long query or an idle transaction holds a weaker lock on " +
			"the table, the migration waits — and every query that comes after it queues behind the " +
			"migration's pending lock, so a statement that would take a millisecond blocks the table for as " +
			"long as the oldest transaction lasts. `SET lock_timeout` makes the migration give up instead " +
			"(and be retried), which keeps the application up.\n\n" +
			"The rule is off by default. It reports, in up migrations, the first statement that locks a " +
			"table created by an earlier file (`ALTER TABLE`, `CREATE INDEX` without `CONCURRENTLY`, " +
			"`CREATE TRIGGER`, `ALTER TABLE … RENAME`) when no `SET lock_timeout` (or `SET LOCAL " +
			"lock_timeout`, or `set_config('lock_timeout', …)`) comes before it in the file.",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_plan.sql\n" +
			"ALTER TABLE accounts ADD COLUMN plan text;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE accounts (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_plan.sql\n" +
			"SET lock_timeout = '5s';\n" +
			"ALTER TABLE accounts ADD COLUMN plan text;",
		Fix: "Inserts `SET lock_timeout = '5s';` on a line of its own before the statement. It lasts for the " +
			"session (the migration tool's connection); use `SET LOCAL` inside a transaction to limit it to " +
			"the migration.",
		Ignore: "Migrations that run while nothing else uses the database.",
	},
	Run: runLockTimeoutMissing,
}

func runLockTimeoutMissing(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Parent != nil || !inUpMigration(pass) {
		return
	}
	rv := lockedTable(st)
	if rv == nil || !tableBefore(pass, rv) {
		return
	}
	for _, prev := range pass.Parsed().Stmts {
		if prev == st {
			break
		}
		if setsLockTimeout(prev) {
			return
		}
		if r := lockedTable(prev); r != nil && tableBefore(pass, r) {
			return // reported there: one SET covers the whole file
		}
	}
	pass.Report(diagnostics.Diagnostic{Span: st.Span,
		Message: fmt.Sprintf("this statement locks table %s with no lock_timeout set: queued behind a long transaction, it blocks every query of %s until it gets the lock",
			tableText(pass, rv), tableText(pass, rv)),
		Fixes: []diagnostics.Fix{edit.Fix("Set lock_timeout first", insertBeforeStmt(pass.File, st, "SET lock_timeout = '5s';"))},
	})
}

// lockedTable returns the table a statement takes a strong lock on:
// ALTER TABLE, CREATE INDEX without CONCURRENTLY, CREATE TRIGGER, and
// renames of tables and columns. It returns nil for other statements.
func lockedTable(st *syntax.Stmt) *syntax.RangeVar {
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_AlterTableStmt:
		if n.AlterTableStmt.Objtype == syntax.ObjectType_OBJECT_TABLE {
			return n.AlterTableStmt.Relation
		}
	case *syntax.Node_IndexStmt:
		if !n.IndexStmt.Concurrent {
			return n.IndexStmt.Relation
		}
	case *syntax.Node_CreateTrigStmt:
		return n.CreateTrigStmt.Relation
	case *syntax.Node_RenameStmt:
		if rt := n.RenameStmt.RenameType; rt == syntax.ObjectType_OBJECT_TABLE || rt == syntax.ObjectType_OBJECT_COLUMN {
			return n.RenameStmt.Relation
		}
	}
	return nil
}

// tableBefore reports whether rv names a table an earlier file created.
func tableBefore(pass *diagnostics.Pass, rv *syntax.RangeVar) bool {
	return existedBefore(pass, schema.RangeVarName(rv))
}

// setsLockTimeout reports whether st sets lock_timeout: SET [LOCAL]
// lock_timeout, or SELECT set_config('lock_timeout', …).
func setsLockTimeout(st *syntax.Stmt) bool {
	if vs := st.Node.GetVariableSetStmt(); vs != nil {
		return vs.Name == "lock_timeout"
	}
	if st.Node.GetSelectStmt() == nil {
		return false
	}
	found := false
	syntax.Inspect(st.Node, func(n *syntax.Node) bool {
		if fc := n.GetFuncCall(); fc != nil && len(fc.Args) > 0 {
			parts := syntax.Strings(fc.Funcname)
			if parts[len(parts)-1] == "set_config" && fc.Args[0].GetAConst().GetSval().GetSval() == "lock_timeout" {
				found = true
			}
		}
		return !found
	})
	return found
}
