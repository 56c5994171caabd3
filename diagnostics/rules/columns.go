package rules

import "github.com/sqlsage/sqlsage/diagnostics/syntax"

// A column is a column definition a statement declares or retypes.
type column struct {
	Name  string                // the column's name (from the command for ALTER COLUMN TYPE)
	Def   *syntax.ColumnDef     // the definition; Def.TypeName is the declared type
	Alter *syntax.AlterTableCmd // the ALTER TABLE command, nil in CREATE TABLE
}

// columnDefs returns the column definitions of a statement: CREATE TABLE
// columns, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE.
func columnDefs(st *syntax.Stmt) []column {
	if st.Node == nil {
		return nil
	}
	var cols []column
	switch n := st.Node.Node.(type) {
	case *syntax.Node_CreateStmt:
		for _, elt := range n.CreateStmt.TableElts {
			if c := elt.GetColumnDef(); c != nil {
				cols = append(cols, column{Name: c.Colname, Def: c})
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
				cols = append(cols, column{Name: def.Colname, Def: def, Alter: cmd})
			case syntax.AlterTableType_AT_AlterColumnType:
				cols = append(cols, column{Name: cmd.Name, Def: def, Alter: cmd})
			}
		}
	}
	return cols
}
