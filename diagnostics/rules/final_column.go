package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// finalColumn returns the table and column of the workspace's final
// schema that col, a column the pass's statement declares or retypes,
// has become, or nils when a later statement dropped the column or its
// table (or this statement created nothing). A migration history often
// fixes an early design in a later file: a json column a later file
// turns into jsonb is that later file's business, not the first's.
// A declared column is found by its declaration, so renames are followed.
// Columns of temporary tables give nils too: a temporary table is a
// session's scratch space, not part of the schema being designed.
func finalColumn(pass *diagnostics.Pass, col column) (*schema.Table, *schema.Column) {
	st := pass.Stmt
	var tbl *schema.Table
	if cs := st.Node.GetCreateStmt(); cs != nil {
		if cs.Relation.GetRelpersistence() == "t" {
			return nil, nil
		}
		tbl = pass.Schema.TableDeclaredAt(pass.File.URI, st.Span.Start)
	} else if at := st.Node.GetAlterTableStmt(); at != nil {
		tbl = pass.Schema.Table(schema.RangeVarName(at.Relation))
	}
	if tbl == nil {
		return nil, nil
	}
	if col.Alter != nil && col.Alter.Subtype != syntax.AlterTableType_AT_AddColumn {
		if c := tbl.Column(col.Name); c != nil {
			return tbl, c
		}
		return nil, nil
	}
	start := st.Offset(col.Def.Location)
	for _, c := range tbl.Columns {
		if c.Def.Span.Start == start && c.Def.URI == pass.File.URI {
			return tbl, c
		}
	}
	return nil, nil
}

// modelTypeBase returns the name of a schema.Column's type without
// modifiers or array bounds: "varchar" for "varchar(20)", "json" for "json[]".
func modelTypeBase(typ string) string {
	if i := strings.IndexAny(typ, "(["); i >= 0 {
		return typ[:i]
	}
	return typ
}
