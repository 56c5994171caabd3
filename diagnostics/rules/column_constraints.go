package rules

import "github.com/sqlsage/sqlsage/diagnostics/syntax"

// columnChecks returns the CHECK expressions of the pass's statement
// that constrain col: the column's own CHECK constraints and, in a CREATE
// TABLE, the table's CHECK constraints that name it.
func columnChecks(st *syntax.Stmt, col column) []*syntax.Node {
	var exprs []*syntax.Node
	for _, n := range col.Def.Constraints {
		if con := n.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_CHECK {
			exprs = append(exprs, con.RawExpr)
		}
	}
	cs := st.Node.GetCreateStmt()
	if cs == nil {
		return exprs
	}
	for _, elt := range cs.TableElts {
		if con := elt.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_CHECK && mentionsColumn(con.RawExpr, col.Name) {
			exprs = append(exprs, con.RawExpr)
		}
	}
	return exprs
}

// mentionsColumn reports whether expr refers to a column called name.
func mentionsColumn(expr *syntax.Node, name string) bool {
	found := false
	syntax.Inspect(expr, func(n *syntax.Node) bool {
		if ref := n.GetColumnRef(); ref != nil && len(ref.Fields) > 0 {
			if ref.Fields[len(ref.Fields)-1].GetString_().GetSval() == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// columnConstraint returns the column's first constraint of type typ, or nil.
func columnConstraint(def *syntax.ColumnDef, typ syntax.ConstrType) *syntax.Constraint {
	for _, n := range def.Constraints {
		if con := n.GetConstraint(); con.GetContype() == typ {
			return con
		}
	}
	return nil
}

// stringLiterals returns the string constants in expr.
func stringLiterals(expr *syntax.Node) []string {
	var out []string
	syntax.Inspect(expr, func(n *syntax.Node) bool {
		if c := n.GetAConst(); c != nil && c.GetSval() != nil {
			out = append(out, c.GetSval().GetSval())
		}
		return true
	})
	return out
}
