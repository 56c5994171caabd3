package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// This file answers, for the query rules, which tables a statement's
// queries read, under which names, and which table a column reference
// belongs to. A statement holds one query per SELECT (each branch of a
// UNION counts), UPDATE and DELETE, at any depth: WITH queries,
// subqueries in FROM and subqueries in expressions (EXISTS, IN, scalar
// subqueries). Each query has a scope: the relations its FROM clause
// names (and the target of an UPDATE or DELETE), under their aliases,
// chained to the scope of the query it is nested in, since a subquery may
// name the columns of an enclosing query. A WITH query's name shadows a
// table of the same name.
//
// The walk is a type switch over the node kinds queries are made of: it
// never reflects over the whole tree, so that a rule can afford it on
// every SELECT of a file on every keystroke.

// A queryRole says where a query sits in its statement.
type queryRole uint8

const (
	roleTop     queryRole = iota // the statement itself, or a branch of its UNION, INTERSECT or EXCEPT
	roleInsert                   // the SELECT of INSERT … SELECT
	roleCTE                      // the body of a WITH query
	roleFrom                     // a subquery in FROM
	roleSublink                  // a subquery in an expression: EXISTS, IN, ANY, a scalar subquery…
)

// A query is one SELECT (one branch of a set operation; a VALUES list is
// not a query), UPDATE or DELETE of a statement.
type query struct {
	role    queryRole
	sublink *syntax.SubLink    // the subquery expression, for roleSublink
	parent  *query             // the query this one is nested in; nil for the statement's own
	sel     *syntax.SelectStmt // a SELECT without set operation; nil for UPDATE and DELETE
	upd     *syntax.UpdateStmt
	del     *syntax.DeleteStmt
	where   *syntax.Node
	joins   []*syntax.JoinExpr // the joins of FROM, inner ones first
	scope   *queryScope

	fromQueries []*syntax.SelectStmt // subqueries in FROM, walked after q is visited
	level       *queryLevel
}

// A scopeItem is one relation of a query's FROM clause (or the target of
// an UPDATE or DELETE).
type scopeItem struct {
	name      string           // what the query qualifies its columns with: the alias, else the relation's name
	rel       *syntax.RangeVar // the relation named; nil for subqueries and functions
	table     *schema.Table    // the model's table that rel names; nil for WITH queries and unknown relations
	cte       bool             // rel names a WITH query
	subquery  bool             // a subquery in FROM
	cols      []string         // output columns of a subquery, WITH query or function, when colsKnown
	colsKnown bool
	nullable  bool             // on the nullable side of an outer join
	outerJoin *syntax.JoinExpr // the outermost join that makes it nullable
	target    bool             // the table an UPDATE or DELETE changes
}

// setOuter records the outer join whose nullable side the item is on.
func (it *scopeItem) setOuter(j *syntax.JoinExpr) { it.nullable, it.outerJoin = j != nil, j }

// column reports whether the item's columns are known, and whether col is one of them.
func (it *scopeItem) column(col string) (known, has bool) {
	switch {
	case it.table != nil:
		return true, it.table.Column(col) != nil
	case it.colsKnown:
		return true, slices.Contains(it.cols, col)
	}
	return false, false
}

// A queryScope is the relations one query can name, chained to the scope
// of the query it is nested in. A scope may hold only the WITH queries a
// statement declares, for the queries below it.
type queryScope struct {
	parent *queryScope
	items  []*scopeItem
	ctes   []*syntax.Node // WITH queries declared at this level
}

// cte returns the WITH query called name visible from s, or nil.
func (s *queryScope) cte(name string) *syntax.CommonTableExpr {
	for ; s != nil; s = s.parent {
		for _, c := range s.ctes {
			if cte := c.GetCommonTableExpr(); cte != nil && cte.Ctename == name {
				return cte
			}
		}
	}
	return nil
}

// resolve returns the scope item a column reference names, and the
// column's name. It returns ok false for a star, for a name no relation in
// scope has, and for an unqualified name that more than one relation has
// or that a relation of unknown columns (a view, a function) might have:
// the rules would rather say nothing than guess.
func (s *queryScope) resolve(ref *syntax.ColumnRef) (item *scopeItem, col string, ok bool) {
	var names [3]string
	if ref == nil || len(ref.Fields) == 0 || len(ref.Fields) > len(names) {
		return nil, "", false
	}
	for i, f := range ref.Fields {
		str := f.GetString_()
		if str == nil {
			return nil, "", false // A_Star
		}
		names[i] = str.Sval
	}
	switch len(ref.Fields) {
	case 1:
		col = names[0]
		for sc := s; sc != nil; sc = sc.parent {
			var found *scopeItem
			n, unknown := 0, false
			for _, it := range sc.items {
				known, has := it.column(col)
				if !known {
					unknown = true
				} else if has {
					found = it
					n++
				}
			}
			if n == 1 && !unknown {
				return found, col, true
			}
			if n > 0 || unknown {
				return nil, "", false
			}
		}
	case 2:
		if it := s.item(names[0]); it != nil {
			return it, names[1], true
		}
	case 3:
		for sc := s; sc != nil; sc = sc.parent {
			for _, it := range sc.items {
				if it.rel != nil && it.rel.Alias == nil && it.rel.Relname == names[1] && it.rel.Schemaname == names[0] {
					return it, names[2], true
				}
			}
		}
	}
	return nil, "", false
}

// eachExpr calls f for each expression of q's own clauses: its output
// columns (SET values and RETURNING of an UPDATE or DELETE), WHERE, ON,
// GROUP BY, HAVING and ORDER BY. Expressions of the queries nested in q are q's children's.
func (q *query) eachExpr(f func(*syntax.Node)) {
	list := func(l []*syntax.Node) {
		for _, n := range l {
			f(n)
		}
	}
	switch {
	case q.sel != nil:
		list(q.sel.TargetList)
		list(q.sel.GroupClause)
		list(q.sel.SortClause)
		if q.sel.HavingClause != nil {
			f(q.sel.HavingClause)
		}
	case q.upd != nil:
		list(q.upd.TargetList)
		list(q.upd.ReturningList)
	case q.del != nil:
		list(q.del.ReturningList)
	}
	if q.where != nil {
		f(q.where)
	}
	for _, j := range q.joins {
		if j.Quals != nil {
			f(j.Quals)
		}
	}
}

// forEachSubqueryTest finds tests on subqueries in the queries of st and
// reports each with the query of its subquery: find is called for every
// node of every query's clauses and returns the subquery a node tests;
// the test is reported when that subquery's own query is visited, which
// comes later and has the scope the subquery's columns resolve in.
// report returns whether the test is settled; one that is not stays for
// the subquery's next query (a branch of a UNION).
func forEachSubqueryTest[T any](m *schema.Model, st *syntax.Stmt,
	find func(q *query, n *syntax.Node) (*syntax.SubLink, T, bool), report func(sub *query, t T) bool) {
	var pending map[*syntax.SubLink]T
	forEachQuery(m, st, func(q *query) {
		if t, ok := pending[q.sublink]; ok && q.sublink != nil && report(q, t) {
			delete(pending, q.sublink)
		}
		q.eachExpr(func(e *syntax.Node) {
			walkExpr(e, func(n *syntax.Node) bool {
				if sub, t, ok := find(q, n); ok {
					if pending == nil {
						pending = make(map[*syntax.SubLink]T)
					}
					pending[sub] = t
				}
				return true
			})
		})
	})
}

// item returns the item a qualifier names, searching outwards.
func (s *queryScope) item(qualifier string) *scopeItem {
	for sc := s; sc != nil; sc = sc.parent {
		for _, it := range sc.items {
			if it.name == qualifier {
				return it
			}
		}
	}
	return nil
}

// local reports whether it is an item of s itself (not of an enclosing query).
func (s *queryScope) local(it *scopeItem) bool { return slices.Contains(s.items, it) }

// isQueryStmt reports whether st is a SELECT, UPDATE, DELETE or INSERT:
// a statement whose queries the query rules look at.
func isQueryStmt(st *syntax.Stmt) bool {
	switch st.Node.GetNode().(type) {
	case *syntax.Node_SelectStmt, *syntax.Node_UpdateStmt, *syntax.Node_DeleteStmt, *syntax.Node_InsertStmt:
		return true
	}
	return false
}

// forEachQuery calls visit for every query of statement st, a query
// before the queries nested in its clauses.
func forEachQuery(m *schema.Model, st *syntax.Stmt, visit func(*query)) {
	// Without a second SELECT keyword the statement is one query: its
	// expressions need no walk for subqueries.
	w := queryWalker{model: m, visit: visit, flat: !mayHaveSubquery(st)}
	w.statement(st.Node, nil, nil, roleTop)
}

// A queryWalker finds the queries of a statement and builds their scopes.
type queryWalker struct {
	model *schema.Model
	visit func(*query)
	flat  bool // the statement has no subquery
}

// A queryLevel holds a query, its scope and its first scope items in one
// allocation: the walk runs on every statement on every keystroke.
type queryLevel struct {
	q       query
	scope   queryScope
	itemPtr [4]*scopeItem
	items   [4]scopeItem
	used    int
}

// newQuery returns a query with an empty scope chained to outer.
func newQuery(outer *queryScope) *query {
	l := new(queryLevel)
	l.scope.parent = outer
	l.scope.items = l.itemPtr[:0]
	l.q.scope = &l.scope
	l.q.level = l
	return &l.q
}

// newItem returns a zero scope item for q, from q's allocation while it lasts.
func (q *query) newItem() *scopeItem {
	if l := q.level; l.used < len(l.items) {
		l.used++
		return &l.items[l.used-1]
	}
	return new(scopeItem)
}

func (w *queryWalker) statement(n *syntax.Node, outer *queryScope, parent *query, role queryRole) {
	switch x := n.GetNode().(type) {
	case *syntax.Node_SelectStmt:
		w.selectStmt(x.SelectStmt, outer, parent, role, nil)
	case *syntax.Node_UpdateStmt:
		u := x.UpdateStmt
		q := newQuery(w.with(u.WithClause, outer, parent))
		q.role, q.parent, q.upd, q.where = role, parent, u, u.WhereClause
		w.target(q, u.Relation)
		for _, f := range u.FromClause {
			w.from(q, f, nil)
		}
		w.visit(q)
		w.exprs(q, u.TargetList)
		w.expr(q, u.WhereClause)
		w.joinQuals(q)
		w.exprs(q, u.ReturningList)
	case *syntax.Node_DeleteStmt:
		d := x.DeleteStmt
		q := newQuery(w.with(d.WithClause, outer, parent))
		q.role, q.parent, q.del, q.where = role, parent, d, d.WhereClause
		w.target(q, d.Relation)
		for _, f := range d.UsingClause {
			w.from(q, f, nil)
		}
		w.visit(q)
		w.expr(q, d.WhereClause)
		w.joinQuals(q)
		w.exprs(q, d.ReturningList)
	case *syntax.Node_InsertStmt:
		ins := x.InsertStmt
		scope := w.with(ins.WithClause, outer, parent)
		if role == roleTop {
			role = roleInsert
		}
		w.selectStmt(ins.SelectStmt.GetSelectStmt(), scope, parent, role, nil)
	}
}

// with walks the WITH queries of a statement and returns the scope that
// makes them visible, or outer when there are none.
func (w *queryWalker) with(wc *syntax.WithClause, outer *queryScope, parent *query) *queryScope {
	if wc == nil || len(wc.Ctes) == 0 {
		return outer
	}
	s := &queryScope{parent: outer, ctes: wc.Ctes}
	for _, c := range wc.Ctes {
		if cte := c.GetCommonTableExpr(); cte != nil {
			w.statement(cte.Ctequery, s, parent, roleCTE)
		}
	}
	return s
}

func (w *queryWalker) selectStmt(sel *syntax.SelectStmt, outer *queryScope, parent *query, role queryRole, sl *syntax.SubLink) {
	if sel == nil {
		return
	}
	scope := w.with(sel.WithClause, outer, parent)
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		w.selectStmt(sel.Larg, scope, parent, role, sl)
		w.selectStmt(sel.Rarg, scope, parent, role, sl)
		return
	}
	q := newQuery(scope)
	q.role, q.sublink, q.parent, q.sel, q.where = role, sl, parent, sel, sel.WhereClause
	if len(sel.ValuesLists) > 0 {
		w.exprs(q, sel.ValuesLists)
		return
	}
	for _, f := range sel.FromClause {
		w.from(q, f, nil)
	}
	w.visit(q)
	w.exprs(q, sel.TargetList)
	w.expr(q, sel.WhereClause)
	w.joinQuals(q)
	w.exprs(q, sel.GroupClause)
	w.expr(q, sel.HavingClause)
	w.exprs(q, sel.SortClause)
	w.expr(q, sel.LimitCount)
	w.expr(q, sel.LimitOffset)
}

// target adds the table an UPDATE or DELETE changes to q's scope.
func (w *queryWalker) target(q *query, rv *syntax.RangeVar) {
	if rv != nil {
		w.relation(q, rv, nil).target = true
	}
}

// from adds the relations of one FROM item to q's scope, walking the
// subqueries in it. outer is the outermost join whose nullable side the
// item is on, nil when it is on none.
func (w *queryWalker) from(q *query, n *syntax.Node, outer *syntax.JoinExpr) {
	switch x := n.GetNode().(type) {
	case *syntax.Node_RangeVar:
		w.relation(q, x.RangeVar, outer)
	case *syntax.Node_JoinExpr:
		j := x.JoinExpr
		left, right := outer, outer
		if outer == nil {
			switch j.Jointype {
			case syntax.JoinType_JOIN_LEFT:
				right = j
			case syntax.JoinType_JOIN_RIGHT:
				left = j
			case syntax.JoinType_JOIN_FULL:
				left, right = j, j
			}
		}
		w.from(q, j.Larg, left)
		w.from(q, j.Rarg, right)
		q.joins = append(q.joins, j)
	case *syntax.Node_RangeSubselect:
		rs := x.RangeSubselect
		it := q.newItem()
		it.name, it.subquery = rs.Alias.GetAliasname(), true
		it.setOuter(outer)
		sub := rs.Subquery.GetSelectStmt()
		it.cols, it.colsKnown = outputColumns(sub)
		if rs.Alias != nil && len(rs.Alias.Colnames) > 0 {
			it.cols, it.colsKnown = renameColumns(it.cols, it.colsKnown, rs.Alias.Colnames)
		}
		q.scope.items = append(q.scope.items, it)
		q.fromQueries = append(q.fromQueries, sub)
	case *syntax.Node_RangeFunction:
		rf := x.RangeFunction
		it := q.newItem()
		it.setOuter(outer)
		if rf.Alias != nil {
			it.name = rf.Alias.Aliasname
			if len(rf.Alias.Colnames) > 0 {
				it.cols, it.colsKnown = syntax.Strings(rf.Alias.Colnames), true
			}
		}
		q.scope.items = append(q.scope.items, it)
		for _, f := range rf.Functions {
			w.exprs(q, f.GetList().GetItems())
		}
	case *syntax.Node_RangeTableSample:
		if rv := x.RangeTableSample.Relation.GetRangeVar(); rv != nil {
			w.relation(q, rv, outer)
			return
		}
		it := q.newItem()
		it.setOuter(outer)
		q.scope.items = append(q.scope.items, it)
	default:
		// XMLTABLE, JSON_TABLE and the like: columns unknown.
		it := q.newItem()
		it.setOuter(outer)
		q.scope.items = append(q.scope.items, it)
	}
}

// relation adds a relation named in FROM (or as an UPDATE or DELETE
// target) to q's scope: a WITH query when one of that name is visible,
// else the model's table of that name, if any.
func (w *queryWalker) relation(q *query, rv *syntax.RangeVar, outer *syntax.JoinExpr) *scopeItem {
	it := q.newItem()
	it.name, it.rel = rv.Relname, rv
	it.setOuter(outer)
	if rv.Alias != nil {
		it.name = rv.Alias.Aliasname
	}
	if rv.Schemaname == "" && rv.Catalogname == "" {
		if cte := q.scope.cte(rv.Relname); cte != nil {
			it.cte = true
			it.cols, it.colsKnown = cteColumns(cte)
		}
	}
	if !it.cte {
		it.table = w.model.Table(schema.RangeVarName(rv))
	}
	if rv.Alias != nil && len(rv.Alias.Colnames) > 0 {
		// FROM t AS x (a, b) renames t's first columns: let the
		// names be unknown rather than half right.
		it.table, it.cols, it.colsKnown = nil, nil, false
	}
	q.scope.items = append(q.scope.items, it)
	return it
}

// joinQuals walks the subqueries in q's FROM clause, and the ON clauses
// of its joins for subqueries. A subquery in FROM sees all of q's
// relations: LATERAL ones do; for others a reference to them would not
// parse in PostgreSQL, so nothing is lost.
func (w *queryWalker) joinQuals(q *query) {
	for _, sub := range q.fromQueries {
		w.selectStmt(sub, q.scope, q, roleFrom, nil)
	}
	for _, j := range q.joins {
		w.expr(q, j.Quals)
	}
}

func (w *queryWalker) exprs(q *query, list []*syntax.Node) {
	for _, n := range list {
		w.expr(q, n)
	}
}

// expr walks an expression of q for subqueries, each a query nested in q.
func (w *queryWalker) expr(q *query, n *syntax.Node) {
	if n == nil || w.flat {
		return
	}
	walkExpr(n, func(x *syntax.Node) bool {
		if sl := x.GetSubLink(); sl != nil {
			w.selectStmt(sl.Subselect.GetSelectStmt(), q.scope, q, roleSublink, sl)
		}
		return true
	})
}

// walkExpr calls f for the expression n and, while f returns true, for
// the expressions inside it, parents first. It does not enter the query
// of a subquery expression (f sees the SubLink and its test expression)
// nor any SELECT: those are queries of their own.
func walkExpr(n *syntax.Node, f func(*syntax.Node) bool) {
	if n == nil || !f(n) {
		return
	}
	list := func(l []*syntax.Node) {
		for _, x := range l {
			walkExpr(x, f)
		}
	}
	switch x := n.GetNode().(type) {
	case *syntax.Node_ColumnRef, *syntax.Node_AConst, *syntax.Node_ParamRef, *syntax.Node_AStar,
		*syntax.Node_SqlvalueFunction, *syntax.Node_String_, *syntax.Node_Integer, *syntax.Node_SelectStmt:
	case *syntax.Node_AExpr:
		walkExpr(x.AExpr.Lexpr, f)
		walkExpr(x.AExpr.Rexpr, f)
	case *syntax.Node_BoolExpr:
		list(x.BoolExpr.Args)
	case *syntax.Node_SubLink:
		walkExpr(x.SubLink.Testexpr, f)
	case *syntax.Node_ResTarget:
		walkExpr(x.ResTarget.Val, f)
	case *syntax.Node_FuncCall:
		list(x.FuncCall.Args)
		list(x.FuncCall.AggOrder)
		walkExpr(x.FuncCall.AggFilter, f)
	case *syntax.Node_TypeCast:
		walkExpr(x.TypeCast.Arg, f)
	case *syntax.Node_NullTest:
		walkExpr(x.NullTest.Arg, f)
	case *syntax.Node_BooleanTest:
		walkExpr(x.BooleanTest.Arg, f)
	case *syntax.Node_SortBy:
		walkExpr(x.SortBy.Node, f)
	case *syntax.Node_List:
		list(x.List.Items)
	case *syntax.Node_CoalesceExpr:
		list(x.CoalesceExpr.Args)
	case *syntax.Node_MinMaxExpr:
		list(x.MinMaxExpr.Args)
	case *syntax.Node_RowExpr:
		list(x.RowExpr.Args)
	case *syntax.Node_AArrayExpr:
		list(x.AArrayExpr.Elements)
	case *syntax.Node_CaseExpr:
		walkExpr(x.CaseExpr.Arg, f)
		list(x.CaseExpr.Args)
		walkExpr(x.CaseExpr.Defresult, f)
	case *syntax.Node_CaseWhen:
		walkExpr(x.CaseWhen.Expr, f)
		walkExpr(x.CaseWhen.Result, f)
	case *syntax.Node_CollateClause:
		walkExpr(x.CollateClause.Arg, f)
	case *syntax.Node_NamedArgExpr:
		walkExpr(x.NamedArgExpr.Arg, f)
	case *syntax.Node_AIndirection:
		walkExpr(x.AIndirection.Arg, f)
	default:
		// Rarer expressions (XMLEXPR, JSON constructors, GROUPING SETS…):
		// find their children through the parse tree's reflection.
		for _, c := range exprChildren(n) {
			walkExpr(c, f)
		}
	}
}

// exprChildren returns the nodes right below n. It is kept apart from
// walkExpr so that walkExpr's f does not escape to the heap (and the
// closures rules pass it stay on the stack).
func exprChildren(n *syntax.Node) []*syntax.Node {
	var kids []*syntax.Node
	syntax.Inspect(n, func(c *syntax.Node) bool {
		if c == n {
			return true
		}
		kids = append(kids, c)
		return false
	})
	return kids
}

// outputColumns returns the names of the columns a SELECT returns, with
// known false when a star makes them depend on other tables.
func outputColumns(sel *syntax.SelectStmt) (cols []string, known bool) {
	if sel == nil {
		return nil, false
	}
	for sel.Op != syntax.SetOperation_SETOP_NONE && sel.Larg != nil {
		sel = sel.Larg
	}
	if len(sel.ValuesLists) > 0 {
		for i := range sel.ValuesLists[0].GetList().GetItems() {
			cols = append(cols, "column"+strconv.Itoa(i+1))
		}
		return cols, true
	}
	return targetNames(sel.TargetList)
}

// targetNames returns the names PostgreSQL gives the columns of a target
// list (or RETURNING list): the alias, else the column or function name.
func targetNames(targets []*syntax.Node) (cols []string, known bool) {
	cols = make([]string, 0, len(targets))
	for _, t := range targets {
		rt := t.GetResTarget()
		if rt == nil {
			return nil, false
		}
		if rt.Name != "" {
			cols = append(cols, rt.Name)
			continue
		}
		v := rt.Val
		if tc := v.GetTypeCast(); tc != nil {
			v = tc.Arg
		}
		switch x := v.GetNode().(type) {
		case *syntax.Node_ColumnRef:
			last := x.ColumnRef.Fields[len(x.ColumnRef.Fields)-1]
			if last.GetAStar() != nil {
				return nil, false
			}
			cols = append(cols, last.GetString_().GetSval())
		case *syntax.Node_FuncCall:
			names := x.FuncCall.Funcname
			cols = append(cols, names[len(names)-1].GetString_().GetSval())
		default:
			cols = append(cols, "?column?")
		}
	}
	return cols, true
}

// cteColumns returns the output columns of a WITH query.
func cteColumns(cte *syntax.CommonTableExpr) ([]string, bool) {
	var cols []string
	var known bool
	switch x := cte.Ctequery.GetNode().(type) {
	case *syntax.Node_SelectStmt:
		cols, known = outputColumns(x.SelectStmt)
	case *syntax.Node_InsertStmt:
		cols, known = targetNames(x.InsertStmt.ReturningList)
	case *syntax.Node_UpdateStmt:
		cols, known = targetNames(x.UpdateStmt.ReturningList)
	case *syntax.Node_DeleteStmt:
		cols, known = targetNames(x.DeleteStmt.ReturningList)
	}
	if len(cte.Aliascolnames) > 0 {
		return renameColumns(cols, known, cte.Aliascolnames)
	}
	return cols, known
}

// renameColumns applies a column alias list: the first columns take the
// aliases' names.
func renameColumns(cols []string, known bool, aliases []*syntax.Node) ([]string, bool) {
	names := syntax.Strings(aliases)
	if !known {
		// Only the aliased columns are known to exist; others may.
		return nil, false
	}
	out := slices.Clone(cols)
	for i, n := range names {
		if i < len(out) {
			out[i] = n
		}
	}
	return out, true
}

// conjuncts appends the operands of a chain of ANDs (n itself when it is
// not an AND) to out.
func conjuncts(n *syntax.Node, out []*syntax.Node) []*syntax.Node {
	if n == nil {
		return out
	}
	if b := n.GetBoolExpr(); b != nil && b.Boolop == syntax.BoolExprType_AND_EXPR {
		for _, a := range b.Args {
			out = conjuncts(a, out)
		}
		return out
	}
	return append(out, n)
}

// exprStart returns the statement-relative location of the leftmost
// token of an expression (not counting an opening parenthesis), or -1.
func exprStart(n *syntax.Node) int32 {
	best := int32(-1)
	note := func(loc int32) {
		if loc >= 0 && (best < 0 || loc < best) {
			best = loc
		}
	}
	walkExpr(n, func(x *syntax.Node) bool {
		switch v := x.GetNode().(type) {
		case *syntax.Node_ColumnRef:
			note(v.ColumnRef.Location)
		case *syntax.Node_AConst:
			note(v.AConst.Location)
		case *syntax.Node_ParamRef:
			note(v.ParamRef.Location)
		case *syntax.Node_FuncCall:
			note(v.FuncCall.Location)
		case *syntax.Node_TypeCast:
			note(v.TypeCast.Location)
		case *syntax.Node_AExpr:
			note(v.AExpr.Location)
		case *syntax.Node_BoolExpr:
			note(v.BoolExpr.Location)
		case *syntax.Node_SubLink:
			note(v.SubLink.Location)
		case *syntax.Node_CaseExpr:
			note(v.CaseExpr.Location)
		case *syntax.Node_NullTest:
			note(v.NullTest.Location)
		case *syntax.Node_RowExpr:
			note(v.RowExpr.Location)
		case *syntax.Node_AArrayExpr:
			note(v.AArrayExpr.Location)
		case *syntax.Node_CoalesceExpr:
			note(v.CoalesceExpr.Location)
		case *syntax.Node_SqlvalueFunction:
			note(v.SqlvalueFunction.Location)
		}
		return true
	})
	return best
}

// itemLabel returns how messages name a scope item's table: its name as
// the model has it (schema-qualified outside public).
func itemLabel(it *scopeItem) string {
	if it.table != nil {
		return it.table.Name.Key()
	}
	if it.rel != nil {
		return schema.RangeVarName(it.rel).Key()
	}
	return it.name
}

// mayHaveSubquery reports whether statement st may hold a subquery: a
// SELECT keyword in an UPDATE, DELETE or INSERT, or a second one in a
// SELECT. A cheap prefilter, like indexFold.
func mayHaveSubquery(st *syntax.Stmt) bool {
	i := indexFold(st.Text, "select")
	if i < 0 {
		return false
	}
	if st.Node.GetSelectStmt() == nil {
		return true
	}
	return indexFold(st.Text[i+len("select"):], "select") >= 0
}

// indexFold returns the index of the first occurrence of word, a lower-case
// ASCII word, in text in any letter case, or -1. It is a prefilter that
// lets rules skip statements cheaply: it does not care about token
// boundaries, comments or strings.
func indexFold(text, word string) int {
	lo := word[0]
	up := lo
	if lo >= 'a' && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	n := len(word)
	nextLo, nextUp := -2, -2 // next position of lo and up at or after i; -2 = not looked yet, -1 = none
	for i := 0; i+n <= len(text); {
		if nextLo != -1 && nextLo < i {
			if nextLo = strings.IndexByte(text[i:], lo); nextLo >= 0 {
				nextLo += i
			}
		}
		if nextUp != -1 && nextUp < i {
			if nextUp = strings.IndexByte(text[i:], up); nextUp >= 0 {
				nextUp += i
			}
		}
		j := nextLo
		if j < 0 || (nextUp >= 0 && nextUp < j) {
			j = nextUp
		}
		if j < 0 || j+n > len(text) {
			return -1
		}
		if strings.EqualFold(text[j:j+n], word) {
			return j
		}
		i = j + 1
	}
	return -1
}
