package rules

import (
	"iter"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A column is a column definition a statement declares or retypes.
type column struct {
	Name  string                // the column's name (from the command for ALTER COLUMN TYPE)
	Def   *syntax.ColumnDef     // the definition; Def.TypeName is the declared type
	Alter *syntax.AlterTableCmd // the ALTER TABLE command, nil in CREATE TABLE
}

// isTableDefinition reports whether st is a CREATE TABLE or ALTER TABLE:
// a statement that declares columns and constraints.
func isTableDefinition(st *syntax.Stmt) bool {
	switch st.Node.GetNode().(type) {
	case *syntax.Node_CreateStmt, *syntax.Node_AlterTableStmt:
		return true
	}
	return false
}

// eachColumn yields the column definitions of a statement: CREATE TABLE
// columns, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE. It builds no
// slice: rules that look at every column of every statement on every
// keystroke call it.
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
