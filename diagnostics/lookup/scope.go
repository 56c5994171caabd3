package lookup

import (
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A scope is what one statement names: its table references (with their
// aliases and the CTEs that hide tables), column references, column
// definitions and column targets, each with a statement-relative location.
type scope struct {
	st    *syntax.Stmt
	model *schema.Model

	rels    []*syntax.RangeVar
	cols    []*syntax.ColumnRef
	defs    []located // column definitions: CREATE TABLE elements, ADD COLUMN
	targets []located // INSERT column lists, UPDATE … SET targets
	types   map[int32]bool
	ctes    map[string]bool
	primary *syntax.RangeVar // the table a CREATE TABLE, ALTER TABLE or CREATE INDEX is about
}

// located is a column name at a location, with the table it belongs to.
type located struct {
	rel  *syntax.RangeVar
	name string
	loc  int32
}

func newScope(st *syntax.Stmt, model *schema.Model) *scope {
	s := &scope{st: st, model: model, types: map[int32]bool{}, ctes: map[string]bool{}}
	switch n := st.Node.GetNode().(type) {
	case *syntax.Node_CreateStmt:
		s.primary = n.CreateStmt.Relation
	case *syntax.Node_AlterTableStmt:
		s.primary = n.AlterTableStmt.Relation
	case *syntax.Node_IndexStmt:
		s.primary = n.IndexStmt.Relation
	}
	syntax.Walk(st.Node, func(m any) bool {
		switch x := m.(type) {
		case *syntax.RangeVar:
			s.rels = append(s.rels, x)
		case *syntax.ColumnRef:
			s.cols = append(s.cols, x)
		case *syntax.TypeName:
			s.types[x.Location] = true
		case *syntax.CommonTableExpr:
			s.ctes[x.Ctename] = true
		case *syntax.CreateStmt:
			for _, e := range x.TableElts {
				if d := e.GetColumnDef(); d != nil {
					s.defs = append(s.defs, located{x.Relation, d.Colname, d.Location})
				}
			}
		case *syntax.AlterTableStmt:
			for _, c := range x.Cmds {
				if d := c.GetAlterTableCmd().GetDef().GetColumnDef(); d != nil {
					s.defs = append(s.defs, located{x.Relation, d.Colname, d.Location})
				}
			}
		case *syntax.InsertStmt:
			for _, c := range x.Cols {
				if t := c.GetResTarget(); t != nil {
					s.targets = append(s.targets, located{x.Relation, t.Name, t.Location})
				}
			}
		case *syntax.UpdateStmt:
			for _, c := range x.TargetList {
				if t := c.GetResTarget(); t != nil {
					s.targets = append(s.targets, located{x.Relation, t.Name, t.Location})
				}
			}
		}
		return true
	})
	return s
}

// table returns the model's table that rv names, or nil (also when rv is
// a CTE's name).
func (s *scope) table(rv *syntax.RangeVar) *schema.Table {
	if rv == nil || rv.Schemaname == "" && s.ctes[rv.Relname] {
		return nil
	}
	return s.model.Table(schema.RangeVarName(rv))
}

// qualifier returns the table that q, the qualifier of a column reference,
// stands for: a table reference's alias, or else its name.
func (s *scope) qualifier(q string) *schema.Table {
	for _, rv := range s.rels {
		if rv.Alias != nil && rv.Alias.Aliasname == q {
			return s.table(rv)
		}
	}
	for _, rv := range s.rels {
		if rv.Alias == nil && rv.Relname == q {
			return s.table(rv)
		}
	}
	return nil
}

// unqualified returns the column name of the one table of the statement
// that has one, or nil when none or several do.
func (s *scope) unqualified(name string) (*schema.Table, *schema.Column) {
	var t *schema.Table
	var c *schema.Column
	for _, rv := range s.rels {
		tbl := s.table(rv)
		if tbl == nil || tbl == t {
			continue
		}
		if col := tbl.Column(name); col != nil {
			if t != nil {
				return nil, nil // ambiguous
			}
			t, c = tbl, col
		}
	}
	return t, c
}

// resolve returns what the identifier lexeme i of the statement names.
func (s *scope) resolve(i int) *Ref {
	st := s.st
	toks := st.Lexemes()
	tok := toks[i]
	span := source.Span{Start: st.Span.Start + tok.Start, End: st.Span.Start + tok.End}
	name := fold(st.Text, tok)
	chain, pos := s.chain(i)

	// A table reference: any part of its possibly qualified name.
	for _, rv := range s.rels {
		ns := st.NameSpan(rv.Location)
		if ns.Start <= span.Start && span.End <= ns.End {
			if t := s.table(rv); t != nil {
				return &Ref{Span: ns, Table: t}
			}
			return nil
		}
	}
	column := func(rv *syntax.RangeVar, col string) *Ref {
		if t := s.table(rv); t != nil {
			if c := t.Column(col); c != nil {
				return &Ref{Span: span, Table: t, Column: c}
			}
		}
		return nil
	}
	for _, d := range s.defs {
		if int(d.loc) == tok.Start {
			return column(d.rel, d.name)
		}
	}
	for _, d := range s.targets {
		if int(d.loc) == tok.Start {
			return column(d.rel, d.name)
		}
	}
	if s.types[int32(tok.Start)] {
		return nil
	}
	// A column reference: col, t.col, alias.col, schema.t.col.
	for _, cr := range s.cols {
		if int(cr.Location) != toks[chain[0]].Start {
			continue
		}
		fields := syntax.Strings(cr.Fields)
		if pos >= len(fields) || fields[pos] != name {
			return nil
		}
		var t *schema.Table
		switch len(fields) {
		case 1:
			t, c := s.unqualified(name)
			if c == nil {
				return nil
			}
			return &Ref{Span: span, Table: t, Column: c}
		case 2:
			t = s.qualifier(fields[0])
		case 3:
			t = s.model.Table(schema.Name{Schema: fields[0], Object: fields[1]})
			if pos == 0 {
				return nil // the schema
			}
			pos--
		default:
			return nil
		}
		if t == nil {
			return nil
		}
		if pos == 0 {
			return &Ref{Span: span, Table: t}
		}
		if c := t.Column(fields[len(fields)-1]); c != nil {
			return &Ref{Span: span, Table: t, Column: c}
		}
		return nil
	}
	if len(chain) != 1 {
		return nil
	}
	// A name in the column list right after a table reference:
	// REFERENCES users (id), CREATE INDEX ON t USING gin (tags).
	if rv := s.listOwner(i); rv != nil {
		return column(rv, name)
	}
	// A column of the table the statement is about: PRIMARY KEY (id),
	// ALTER COLUMN x, INCLUDE (y).
	if s.primary != nil {
		return column(s.primary, name)
	}
	return nil
}

// chain returns the identifier lexemes of the dotted name that holds
// lexeme i (a.b.c), and i's place in it.
func (s *scope) chain(i int) (chain []int, pos int) {
	st := s.st
	toks := st.Lexemes()
	isDot := func(k int) bool {
		return k >= 0 && k < len(toks) && toks[k].Kind == syntax.LexPunct && toks[k].Text(st.Text) == "."
	}
	isIdent := func(k int) bool {
		return k >= 0 && k < len(toks) && (toks[k].Kind == syntax.LexWord || toks[k].Kind == syntax.LexQuotedIdent)
	}
	start := i
	for isDot(start-1) && isIdent(start-2) {
		start -= 2
	}
	end := i
	for isDot(end+1) && isIdent(end+2) {
		end += 2
	}
	for k := start; k <= end; k += 2 {
		if k == i {
			pos = len(chain)
		}
		chain = append(chain, k)
	}
	return chain, pos
}

// listOwner returns the table reference whose parenthesised column list
// holds lexeme i directly: the list opens right after the reference's
// name, or after USING method (CREATE INDEX … ON t USING gin (…)).
func (s *scope) listOwner(i int) *syntax.RangeVar {
	st := s.st
	toks := st.Lexemes()
	text := func(k int) string { return toks[k].Text(st.Text) }
	depth := 0
	open := -1
	for k := i - 1; k >= 0; k-- {
		if toks[k].Kind != syntax.LexPunct {
			continue
		}
		switch text(k) {
		case ")":
			depth++
		case "(":
			if depth == 0 {
				open = k
			} else {
				depth--
			}
		}
		if open >= 0 {
			break
		}
	}
	before := st.PrevLexeme(toks[max(open, 0)].Start)
	for before >= 0 && toks[before].Kind == syntax.LexComment {
		before--
	}
	if open < 0 || before < 0 {
		return nil
	}
	if before >= 2 && toks[before-1].Is(st.Text, "using") {
		before -= 2
	}
	for _, rv := range s.rels {
		if ns := st.NameSpan(rv.Location); ns.End == st.Span.Start+toks[before].End {
			return rv
		}
	}
	return nil
}
