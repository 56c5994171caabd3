package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// RenameBreaking reports ALTER TABLE … RENAME of a table or column that
// an earlier migration created.
var RenameBreaking = &diagnostics.Rule{
	ID:       "rename-breaking",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Table or column renamed under running code",
		Why: "A rename takes effect at once, but a deployment replaces running code gradually: until every " +
			"instance runs the new release, the old code's queries name a table or column that no longer " +
			"exists and fail. Rename in steps instead (expand–contract): add the new column (or a view with " +
			"the new name), write both and backfill, move the readers, then drop the old name in a later " +
			"migration.\n\n" +
			"The rule judges up migrations that rename a table created by an earlier file, or a column of " +
			"one (a column the same file added is new, and renaming it breaks nothing).",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, name text);\n" +
			"-- file: 002_rename.sql\n" +
			"ALTER TABLE users RENAME COLUMN name TO full_name;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, name text);\n" +
			"-- file: 002_add_full_name.sql\n" +
			"ALTER TABLE users ADD COLUMN full_name text;",
		Ignore: "Tables and columns no running code uses, or deployments that stop all old code before migrating.",
	},
	Run: runRenameBreaking,
}

func runRenameBreaking(pass *diagnostics.Pass) {
	st := pass.Stmt
	rs := st.Node.GetRenameStmt()
	if rs == nil || rs.Relation == nil || st.Parent != nil || !inUpMigration(pass) {
		return
	}
	if rs.RenameType == syntax.ObjectType_OBJECT_TABLE {
		// The model holds the final schema, where the table has its new name.
		if !existedBefore(pass, schema.RangeVarName(rs.Relation)) &&
			!existedBefore(pass, schema.Name{Schema: rs.Relation.Schemaname, Object: rs.Newname}) {
			return
		}
		pass.Reportf(st.Span, "renaming table %s to %s breaks running code that still uses the old name; add the new name alongside (a view, or a copy kept in sync) and drop the old one in a later migration",
			tableText(pass, rs.Relation), syntax.QuoteIdent(rs.Newname))
		return
	}
	if rs.RenameType != syntax.ObjectType_OBJECT_COLUMN || rs.RelationType != syntax.ObjectType_OBJECT_TABLE {
		return
	}
	tbl := existingTable(pass, rs.Relation)
	if tbl == nil {
		return
	}
	if col := tbl.Column(rs.Newname); col != nil && col.Def.URI == pass.File.URI {
		return // the file added the column: nothing uses it yet
	}
	pass.Reportf(st.Span, "renaming column %s.%s to %s breaks running code that still uses the old name; add the new column, write both and backfill, then drop the old one in a later migration",
		tableText(pass, rs.Relation), syntax.QuoteIdent(rs.Subname), syntax.QuoteIdent(rs.Newname))
}

// existedBefore reports whether the model's table called name was
// created by a file before the pass's file.
func existedBefore(pass *diagnostics.Pass, name schema.Name) bool {
	tbl := pass.Schema.Table(name)
	return tbl != nil && pass.Schema.CreatedBefore(tbl, pass.File.URI)
}
