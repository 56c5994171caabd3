package rules

import (
	"iter"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// An fkConstraint is a FOREIGN KEY constraint as a statement writes it:
// a column's REFERENCES clause or a table constraint. It carries no span,
// which is costly to compute for every key of every statement on every
// keystroke: span computes it for a key a rule reports on, and
// referencesClause finds the part after REFERENCES.
type fkConstraint struct {
	con    *syntax.Constraint
	column string            // the column of a column constraint; "" for a table constraint
	def    *syntax.ColumnDef // the column's definition, for a column constraint
	at     int               // the constraint's index in def.Constraints
	rel    *syntax.RangeVar  // the referencing table
}

// columns returns the referencing columns, as the statement names them.
func (k fkConstraint) columns() []string {
	if k.def != nil {
		return []string{k.column}
	}
	return syntax.Strings(k.con.FkAttrs)
}

// span returns where statement st writes the key: the column's
// REFERENCES clause, or the table constraint.
func (k fkConstraint) span(st *syntax.Stmt) source.Span {
	if k.def != nil {
		return st.ConstraintSpans(k.def)[k.at]
	}
	return st.NodeSpan(k.con.Location)
}

// eachForeignKey yields the foreign keys a CREATE TABLE or ALTER TABLE
// statement declares: column REFERENCES clauses and FOREIGN KEY
// constraints.
func eachForeignKey(st *syntax.Stmt) iter.Seq[fkConstraint] {
	return func(yield func(fkConstraint) bool) {
		var rel *syntax.RangeVar
		column := func(def *syntax.ColumnDef) bool {
			for i, n := range def.Constraints {
				if con := n.GetConstraint(); con.GetContype() == syntax.ConstrType_CONSTR_FOREIGN {
					if !yield(fkConstraint{con: con, column: def.Colname, def: def, at: i, rel: rel}) {
						return false
					}
				}
			}
			return true
		}
		table := func(con *syntax.Constraint) bool {
			return con.GetContype() != syntax.ConstrType_CONSTR_FOREIGN || yield(fkConstraint{con: con, rel: rel})
		}
		switch n := st.Node.GetNode().(type) {
		case *syntax.Node_CreateStmt:
			rel = n.CreateStmt.Relation
			for _, elt := range n.CreateStmt.TableElts {
				if def := elt.GetColumnDef(); def != nil && !column(def) {
					return
				} else if con := elt.GetConstraint(); con != nil && !table(con) {
					return
				}
			}
		case *syntax.Node_AlterTableStmt:
			rel = n.AlterTableStmt.Relation
			for _, c := range n.AlterTableStmt.Cmds {
				cmd := c.GetAlterTableCmd()
				switch cmd.GetSubtype() {
				case syntax.AlterTableType_AT_AddColumn:
					if def := cmd.Def.GetColumnDef(); def != nil && !column(def) {
						return
					}
				case syntax.AlterTableType_AT_AddConstraint:
					if con := cmd.Def.GetConstraint(); con != nil && !table(con) {
						return
					}
				}
			}
		}
	}
}

// referencesClause reads foreign key con of st from its start (its
// CONSTRAINT name, FOREIGN KEY or REFERENCES) through REFERENCES table,
// the referenced columns and MATCH, and the ON UPDATE and ON DELETE
// actions that follow. It returns the span up to the end of the MATCH
// clause (or of the referenced columns, or the table's name), where an
// ON DELETE clause goes, and whether the constraint has one. ok is false
// when the text does not read as expected.
func referencesClause(st *syntax.Stmt, con *syntax.Constraint) (span source.Span, onDelete, ok bool) {
	toks := st.Lexemes()
	next := func(i int) int { // the next non-comment lexeme, or len(toks)
		for i++; i < len(toks) && toks[i].Kind == syntax.LexComment; i++ {
		}
		return i
	}
	i := st.LexemeAt(int(con.Location))
	if i < 0 {
		return span, false, false
	}
	start := toks[i].Start
	for ; i < len(toks) && !toks[i].Is(st.Text, "references"); i = next(i) {
		if t := toks[i].Text(st.Text); t == ";" {
			return span, false, false
		}
	}
	if i+1 >= len(toks) {
		return span, false, false
	}
	name := st.NameSpan(int32(toks[i+1].Start))
	end := name.End - st.Span.Start
	i = st.LexemeAt(end)
	if i >= 0 && toks[i].Text(st.Text) == "(" {
		for depth := 0; i < len(toks); i++ {
			switch toks[i].Text(st.Text) {
			case "(":
				depth++
			case ")":
				depth--
			}
			if depth == 0 {
				break
			}
		}
		if i >= len(toks) {
			return span, false, false
		}
		end = toks[i].End
		i = next(i)
	}
	if i >= 0 && i < len(toks) && toks[i].Is(st.Text, "match") {
		if j := next(i); j < len(toks) {
			end = toks[j].End
			i = next(j)
		}
	}
	span = source.Span{Start: st.Span.Start + start, End: st.Span.Start + end}
	// ON UPDATE action and ON DELETE action follow, in either order.
	for i >= 0 && i < len(toks) && toks[i].Is(st.Text, "on") {
		j := next(i)
		if j >= len(toks) {
			break
		}
		if toks[j].Is(st.Text, "delete") {
			return span, true, true
		}
		if !toks[j].Is(st.Text, "update") {
			break
		}
		// Skip the action: CASCADE | RESTRICT | NO ACTION | SET NULL | SET DEFAULT [(cols)].
		i = next(j)
		if i < len(toks) && (toks[i].Is(st.Text, "no") || toks[i].Is(st.Text, "set")) {
			i = next(i)
		}
		i = next(i)
		if i < len(toks) && toks[i].Text(st.Text) == "(" {
			for i < len(toks) && toks[i].Text(st.Text) != ")" {
				i++
			}
			i = next(i)
		}
	}
	return span, false, true
}
