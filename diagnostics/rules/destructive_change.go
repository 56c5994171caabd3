package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// DestructiveChange reports statements of an up migration that delete
// data: DROP TABLE, DROP COLUMN, TRUNCATE and DROP SCHEMA.
var DestructiveChange = &diagnostics.Rule{
	ID:       "destructive-change",
	Category: diagnostics.Migration,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Migration drops a table, column or schema, or truncates",
		Why: "`DROP TABLE`, `ALTER TABLE … DROP COLUMN`, `TRUNCATE` and `DROP SCHEMA` delete data that no " +
			"down migration can bring back, and while the new code rolls out the old code still reads and " +
			"writes what was dropped: its queries fail until every instance is replaced. The safe way is " +
			"expand–contract: stop using the table or column in a release first, deploy it everywhere, and " +
			"drop it in a later migration once nothing reads it (and a backup holds the data, if it may be " +
			"needed).\n\n" +
			"The rule judges up migrations (a migration file, outside its down sections): a table or schema " +
			"the file itself created earlier, and a column of a table the file created, hold no data yet " +
			"and are not reported; neither is a table the file creates again after dropping it (a file " +
			"that rebuilds a table from scratch).",
		Bad: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, legacy_name text);\n" +
			"-- file: 002_drop_legacy.sql\n" +
			"ALTER TABLE users DROP COLUMN legacy_name;",
		Good: "-- file: 001_create.sql\n" +
			"CREATE TABLE users (id bigint PRIMARY KEY, legacy_name text);\n" +
			"-- file: 002_drop_legacy.down.sql\n" +
			"ALTER TABLE users DROP COLUMN legacy_name;",
		Ignore: "A drop that the application already stopped depending on in an earlier release (the contract " +
			"step of expand–contract), after the data was archived or is known to be disposable.",
	},
	Run: runDestructiveChange,
}

// expandContract is the advice every destructive-change message ends with.
const expandContract = "stop using it in a release first and drop it in a later migration (expand–contract)"

func runDestructiveChange(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Node == nil || st.Parent != nil || !inUpMigration(pass) {
		return
	}
	switch n := st.Node.Node.(type) {
	case *syntax.Node_DropStmt:
		ds := n.DropStmt
		var kind string
		switch ds.RemoveType {
		case syntax.ObjectType_OBJECT_TABLE:
			kind = "table"
		case syntax.ObjectType_OBJECT_SCHEMA:
			kind = "schema"
		default:
			return
		}
		var names []string
		for _, obj := range ds.Objects {
			if kind == "schema" {
				name := obj.GetString_().GetSval()
				if !createdSchemaInFile(pass, name) {
					names = append(names, name)
				}
				continue
			}
			name := qualifiedIndexName(syntax.Strings(obj.GetList().GetItems()))
			if !createdTableInFile(pass, name) {
				names = append(names, name.String())
			}
		}
		if len(names) == 0 {
			return
		}
		what := "its data"
		if kind == "schema" {
			what = "every object in it and their data"
		}
		pass.Reportf(st.Span, "DROP %s %s deletes %s for good, and running code that still uses it fails; %s",
			strings.ToUpper(kind), strings.Join(names, ", "), what, expandContract)
	case *syntax.Node_TruncateStmt:
		var names []string
		for _, r := range n.TruncateStmt.Relations {
			rv := r.GetRangeVar()
			if name := schema.RangeVarName(rv); !createdTableInFile(pass, name) {
				names = append(names, tableText(pass, rv))
			}
		}
		if len(names) > 0 {
			pass.Reportf(st.Span, "TRUNCATE %s deletes every row for good; copy the rows elsewhere first if they may be needed", strings.Join(names, ", "))
		}
	case *syntax.Node_AlterTableStmt:
		at := n.AlterTableStmt
		if at.Objtype != syntax.ObjectType_OBJECT_TABLE || createdTableInFile(pass, schema.RangeVarName(at.Relation)) {
			return
		}
		table := tableText(pass, at.Relation)
		for i, c := range at.Cmds {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() != syntax.AlterTableType_AT_DropColumn {
				continue
			}
			pass.Report(diagnostics.Diagnostic{Span: cmdSpan(st, at, i),
				Message: fmt.Sprintf("DROP COLUMN %s deletes the column's data in table %s for good, and running code that still uses it fails; %s",
					syntax.QuoteIdent(cmd.Name), table, expandContract)})
		}
	}
}

// createdTableInFile reports whether the pass's file creates a table
// called name: before the statement (the table is new and holds nothing
// yet) or after it (the file rebuilds the table from scratch).
func createdTableInFile(pass *diagnostics.Pass, name schema.Name) bool {
	for _, st := range pass.Parsed().Stmts {
		var rv *syntax.RangeVar
		switch n := st.Node.GetNode().(type) {
		case *syntax.Node_CreateStmt:
			rv = n.CreateStmt.Relation
		case *syntax.Node_CreateTableAsStmt:
			rv = n.CreateTableAsStmt.GetInto().GetRel()
		}
		if rv != nil && schema.RangeVarName(rv).Key() == name.Key() {
			return true
		}
	}
	return false
}

// createdSchemaInFile reports whether the pass's file creates schema name.
func createdSchemaInFile(pass *diagnostics.Pass, name string) bool {
	for _, st := range pass.Parsed().Stmts {
		if cs := st.Node.GetCreateSchemaStmt(); cs != nil && cs.Schemaname == name {
			return true
		}
	}
	return false
}
