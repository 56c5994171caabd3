package rules

import (
	"iter"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// eachColumn yields the column definitions of a statement, as columnDefs
// returns them, without building a slice: rules that look at every
// column of every statement on every keystroke call it.
func eachColumn(st *syntax.Stmt) iter.Seq[column] {
	return func(yield func(column) bool) {
		if st.Node == nil {
			return
		}
		switch n := st.Node.Node.(type) {
		case *syntax.Node_CreateStmt:
			for _, elt := range n.CreateStmt.TableElts {
				if c := elt.GetColumnDef(); c != nil && !yield(column{Name: c.Colname, Def: c}) {
					return
				}
			}
		case *syntax.Node_AlterTableStmt:
			for _, c := range n.AlterTableStmt.Cmds {
				cmd := c.GetAlterTableCmd()
				def := cmd.GetDef().GetColumnDef()
				if def == nil {
					continue
				}
				switch cmd.Subtype {
				case syntax.AlterTableType_AT_AddColumn:
					if !yield(column{Name: def.Colname, Def: def, Alter: cmd}) {
						return
					}
				case syntax.AlterTableType_AT_AlterColumnType:
					if !yield(column{Name: cmd.Name, Def: def, Alter: cmd}) {
						return
					}
				}
			}
		}
	}
}
