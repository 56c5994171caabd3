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
	st := pass.Stmt
	if cs := st.Node.GetCreateStmt(); cs != nil {
		if cs.Relation.GetRelpersistence() == "t" {
			return nil, nil, true
		}
		tbl = pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start)
		if tbl == nil {
			return nil, nil, true
		}
	} else if at := st.Node.GetAlterTableStmt(); at != nil {
		tbl = pass.Schema.Table(schema.RangeVarName(at.Relation))
		if tbl == nil {
			return nil, nil, false
		}
	} else {
		return nil, nil, false
	}
	if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
		return tbl, tbl.Column(col.Name), true
	}
	start := st.Offset(col.Def.Location)
	for _, c := range tbl.Columns {
		if c.Def.Span.Start == start && c.Def.URI == pass.File.URI {
			return tbl, c, true
		}
	}
	return tbl, nil, true
}

// modelTypeBase returns the name of a schema.Column's type without
// modifiers or array bounds: "varchar" for "varchar(20)", "json" for "json[]".
func modelTypeBase(typ string) string {
	if i := strings.IndexAny(typ, "(["); i >= 0 {
		return typ[:i]
	}
	return typ
}
