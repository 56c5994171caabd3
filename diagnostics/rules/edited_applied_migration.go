package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// EditedAppliedMigration reports migration files that existed at the base
// revision of `sqlsage check --base` and have changed since.
var EditedAppliedMigration = &diagnostics.Rule{
	ID:       "edited-applied-migration",
	Category: diagnostics.Migration,
	Severity: diagnostics.Error,
	Default:  true,
	Since:    "v0.1.0",
	Doc: diagnostics.Doc{
		Summary: "Migration edited after it was merged",
		Why: "A migration that is on the base branch has probably run already: in production, in staging, on " +
			"every developer's database. Migration tools record that it ran and never run it again, so an edit " +
			"reaches only new databases, and environments drift apart without any error. Merged migrations are " +
			"history; a change needs a new migration.\n\n" +
			"The rule runs only with `sqlsage check --base REF`: it reports a migration file (by its tool's " +
			"naming, or a migrations folder) that existed at the merge base of REF and HEAD and differs now.",
		Bad: "-- file: db/migrations/001_init.sql\n" +
			"-- (checked with --base main after changing this merged file)\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
		Good:   "-- file: db/migrations/002_add_name.sql\nALTER TABLE users ADD COLUMN name text;",
		Ignore: "A migration that has never left the branch it is being edited on (the base is wrong), or comment-only edits.",
	},
	Run: runEditedAppliedMigration,
}

func runEditedAppliedMigration(pass *diagnostics.Pass) {
	uri := pass.File.URI
	if !pass.Changes.IsModified(uri) || !pass.Schema.InMigrations(uri) || !isFirstStatement(pass) {
		return
	}
	pass.Reportf(pass.Stmt.Span, "migration %s existed at %s and was edited; it may already have run where %s is deployed, so add a new migration instead",
		uri, pass.Changes.Base, pass.Changes.Base)
}

// isFirstStatement reports whether the pass's statement is the file's
// first SQL statement, where file-level findings are reported.
func isFirstStatement(pass *diagnostics.Pass) bool {
	for _, st := range pass.Parsed().Stmts {
		if st.Kind == syntax.SQL {
			return st == pass.Stmt
		}
	}
	return false
}
