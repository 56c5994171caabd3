package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// finalColumn returns the table and column of the workspace's final
// schema that col, a column the pass's statement declares or retypes,
// has become. A migration history often fixes an early design in a later
// file: a json column a later file turns into jsonb is that later file's
// business, not the first's. A declared column is found by its
// declaration, so renames are followed.
//
// The column is nil when a later statement dropped it or its table (or
// this statement created nothing), and for a temporary table: that is a
// session's scratch space, not part of the schema being designed. known
// is false, and both are nil, when the statement alters a table the
// workspace does not declare: nothing is known of its future.
func finalColumn(pass *diagnostics.Pass, col column) (tbl *schema.Table, c *schema.Column, known bool) {
	tbl, known = statementTable(pass)
	if tbl == nil {
		return nil, nil, known
	}
	return tbl, columnIn(pass, tbl, col), true
}

// statementTable returns the table of the final schema that the pass's
// CREATE TABLE or ALTER TABLE statement creates or changes, as
// finalColumn finds it: nil and known for a temporary table and a table
// a later statement dropped, nil and unknown for an ALTER TABLE of a
// table the workspace does not declare (or another statement). Rules
// that look at many columns call it once and columnIn for each.
func statementTable(pass *diagnostics.Pass) (tbl *schema.Table, known bool) {
	st := pass.Stmt
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_CreateStmt:
		if n.CreateStmt.Relation.GetRelpersistence() == "t" {
			return nil, true
		}
		return pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start), true
	case *syntax.Node_AlterTableStmt:
		tbl = pass.Schema.Table(schema.RangeVarName(n.AlterTableStmt.Relation))
		return tbl, tbl != nil
	}
	return nil, false
}

// columnIn returns the column of tbl, the pass's statement's table in the
// final schema, that col has become, or nil.
func columnIn(pass *diagnostics.Pass, tbl *schema.Table, col column) *schema.Column {
	if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
		return tbl.Column(col.Name)
	}
	start := pass.Stmt.Offset(col.Def.Location)
	for _, c := range tbl.Columns {
		if c.Def.Span.Start == start && c.Def.URI == pass.File.URI {
			return c
		}
	}
	return nil
}

// modelTypeBase returns the name of a schema.Column's type without
// modifiers or array bounds: "varchar" for "varchar(20)", "json" for "json[]".
func modelTypeBase(typ string) string {
	if i := strings.IndexAny(typ, "(["); i >= 0 {
		return typ[:i]
	}
	return typ
}
