package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
)

// DownNotInverse reports a down migration that does not restore the
// schema its up migration changed.
var DownNotInverse = &diagnostics.Rule{
	ID:       "down-not-inverse",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Down migration does not undo its up migration",
		Why: "A rollback runs the down migration and then the previous release's code, which expects the " +
			"schema as it was. A down migration that forgets a column, an index or a table the up migration " +
			"created leaves a schema no release was tested against, and the next run of the up migration " +
			"fails on the object that is still there.\n\n" +
			"The rule applies the migration's up part and then its down part to the schema model as it " +
			"stood before the migration, and compares the result with that schema: tables, their columns " +
			"(type, NOT NULL, default), primary keys, unique, foreign key and exclusion constraints, indexes " +
			"and triggers, by name. Views, functions and types are not compared, and neither is data. It " +
			"reports on the first statement of the down part (the `.down.sql` file, the down section, the " +
			"undo or revert script), and names each difference.",
		Bad: "-- file: 001_create_users.up.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_phone.up.sql\n" +
			"ALTER TABLE users ADD COLUMN phone text;\n" +
			"CREATE INDEX users_phone_idx ON users (phone);\n" +
			"-- file: 002_add_phone.down.sql\n" +
			"DROP INDEX users_phone_idx;",
		Good: "-- file: 001_create_users.up.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"-- file: 002_add_phone.up.sql\n" +
			"ALTER TABLE users ADD COLUMN phone text;\n" +
			"CREATE INDEX users_phone_idx ON users (phone);\n" +
			"-- file: 002_add_phone.down.sql\n" +
			"ALTER TABLE users DROP COLUMN phone;",
		Ignore: "Down migrations that deliberately keep an object (data that must survive a rollback), and " +
			"objects the model does not follow (created through dynamic SQL or in a function).",
	},
	Run: runDownNotInverse,
}

// maxDownDiffs is how many differences a message names before it counts
// the rest.
const maxDownDiffs = 4

func runDownNotInverse(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Parent != nil || st.Node == nil || st.Node.GetTransactionStmt() != nil {
		return
	}
	mig, part := pass.Schema.MigrationAt(pass.File.URI, st.Span.Start)
	if mig == nil || part == nil || part != mig.Down || mig.Up == nil {
		return
	}
	if down := partStmts(pass.Parsed(), mig.Down); len(down) == 0 || down[0] != st {
		return
	}
	diffs := pass.Schema.DownDiff(mig)
	if len(diffs) == 0 {
		return
	}
	list := diffs
	if len(list) > maxDownDiffs {
		list = append(list[:maxDownDiffs:maxDownDiffs], fmt.Sprintf("and %d more", len(diffs)-maxDownDiffs))
	}
	pass.Reportf(st.Span, "this down migration does not undo migration %s: %s", migrationName(mig), strings.Join(list, ", "))
}
