package rules

import (
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// This file reasons about a query's filters as the planner does: each
// condition of a WHERE clause or ON clause that compares a column of a
// table the query reads is a predicate on that table; a predicate an
// index can serve gives the planner a way into the table, and once one
// has, the table's other predicates are filters applied to the few rows
// the index returns.

// A predKind is what a predicate asks of its column.
type predKind uint8

const (
	predEq       predKind = iota // =, IN (list or subquery), = ANY
	predRange                    // <, <=, >, >=, BETWEEN
	predLike                     // LIKE, ILIKE
	predContains                 // jsonb @>, ?, ?|, ?&
)

// A predicate is one condition on a column of a table of the query.
type predicate struct {
	kind   predKind
	served bool       // an index of item can find the rows
	item   *scopeItem // the table whose column is compared
	col    string
	ref    *syntax.ColumnRef
	expr   *syntax.A_Expr // the comparison; nil for col IN (SELECT …)
	other  *scopeItem     // for a join condition t.a = u.b: the other table of the query; nil otherwise
	// via is the relation of the query (a table, or a WITH query,
	// subquery or function) whose column the value is, for a join
	// condition; nil for a comparison with a value.
	via *scopeItem
}

// op returns the predicate's operator: "=", "~~", "@>"…
func (p *predicate) op() string {
	if p.expr == nil || len(p.expr.Name) != 1 {
		return "="
	}
	return p.expr.Name[0].GetString_().GetSval()
}

// A queryAccess is what one query's conditions offer the planner to find
// the rows of each of its tables. A rule declares one and calls analyze;
// it holds its tables and predicates in arrays, not slices, so that it
// stays on the stack: the analysis runs for every SELECT on every
// keystroke.
type queryAccess struct {
	nt, np int
	tables [8]tableAccess // the model tables of the query's FROM, in order
	preds  [16]predicate  // every predicate, in source order (WHERE, then ON clauses)
}

// A tableAccess is one table of a query and the way into it.
type tableAccess struct {
	item       *scopeItem
	restricted bool // see queryAccess.restricted
	// served is the index in preds of the first predicate an index
	// serves: the planner's way into the table, whose other predicates
	// only filter the rows it finds. -1 when there is none; servedByOr
	// when an OR of served conditions is the way in.
	served int
}

const (
	servedByOr      = -2
	servedElsewhere = -3 // a partitioned table, whose partitions' indexes the model does not know
)

// analyze finds the predicates of q's WHERE and ON clauses on the model
// tables of q's own FROM, and which of them an index serves. It returns
// false when q reads no model table, or more tables or conditions than
// it has room for (then it says nothing rather than half the truth).
// Conditions under OR or NOT, on expressions of a column (lower(email) =
// …), and IS NULL tests are not predicates; an OR all of whose branches
// an index serves on one table is that table's way in (a bitmap OR).
func (qa *queryAccess) analyze(q *query) bool {
	qa.nt, qa.np = 0, 0
	for _, it := range q.scope.items {
		if it.table == nil {
			continue
		}
		if qa.nt == len(qa.tables) {
			return false
		}
		qa.tables[qa.nt] = tableAccess{item: it, served: -1}
		if it.table.Partitioned {
			// Its partitions may have indexes of their own, which the
			// model does not tie to it: take it as served.
			qa.tables[qa.nt].served = servedElsewhere
		}
		qa.nt++
	}
	if qa.nt == 0 {
		return false
	}
	if !qa.add(q, q.where, nil) {
		return false
	}
	for _, j := range q.joins {
		if !qa.add(q, j.Quals, j) {
			return false
		}
	}
	// A table with a condition of its own is restricted: the planner may
	// start there. An index on a join column lets the planner look rows
	// up from a restricted table's rows, and the table reached that way
	// is restricted in turn (orders by its user_id from the one user, its
	// lines by their order_id from those orders); from an unrestricted
	// table it saves nothing: joining all of users to orders reads both
	// whole.
	for i := range qa.nt {
		a := &qa.tables[i]
		a.restricted = a.served == servedByOr || a.served == servedElsewhere
	}
	for i := range qa.np {
		p := &qa.preds[i]
		if p.other != nil {
			continue
		}
		a := qa.table(p.item)
		a.restricted = true
		if p.served = indexServes(p); p.served && a.served == -1 {
			a.served = i
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range qa.np {
			p := &qa.preds[i]
			if p.other == nil || p.served || !qa.table(p.other).restricted || !indexServes(p) {
				continue
			}
			p.served, changed = true, true
			a := qa.table(p.item)
			a.restricted = true
			if a.served == -1 {
				a.served = i
			}
		}
	}
	return true
}

// add records the predicates of the conjuncts of cond, a WHERE clause
// (join nil) or join's ON clause. It returns false when they overflow.
func (qa *queryAccess) add(q *query, cond *syntax.Node, join *syntax.JoinExpr) bool {
	if cond == nil {
		return true
	}
	if b := cond.GetBoolExpr(); b != nil {
		switch b.Boolop {
		case syntax.BoolExprType_AND_EXPR:
			for _, c := range b.Args {
				if !qa.add(q, c, join) {
					return false
				}
			}
		case syntax.BoolExprType_OR_EXPR:
			if a := qa.servedOr(q, b); a != nil && a.served == -1 {
				a.served = servedByOr
			}
		}
		return true
	}
	ps, n := predicatesOf(q, cond)
	for _, p := range ps[:n] {
		// The ON clause of an outer join filters only its nullable side.
		if qa.table(p.item) == nil || (join != nil && join.Jointype != syntax.JoinType_JOIN_INNER && !p.item.nullable) {
			continue
		}
		if qa.np == len(qa.preds) {
			return false
		}
		qa.preds[qa.np] = p
		qa.np++
	}
	return true
}

// table returns the access of item, or nil when it is not a model table of the query.
func (qa *queryAccess) table(it *scopeItem) *tableAccess {
	for i := range qa.nt {
		if qa.tables[i].item == it {
			return &qa.tables[i]
		}
	}
	return nil
}

// forEachUnservedPredicate calls report for each predicate of kind in
// the WHERE and ON clauses of the queries of pass's statement that no
// index serves, on a table that no other condition leads the planner
// into: the planner reads every row of the table to test it. It moves on
// to the next query when report returns false. report gets a copy, so
// that the analysis stays on the stack.
func forEachUnservedPredicate(pass *diagnostics.Pass, kind predKind, report func(predicate) bool) {
	forEachQuery(pass.Schema, pass.Stmt, func(q *query) {
		if q.where == nil && len(q.joins) == 0 {
			return
		}
		var qa queryAccess
		if !qa.analyze(q) {
			return
		}
		for i := range qa.np {
			p := &qa.preds[i]
			if p.kind != kind || p.served {
				continue
			}
			if a := qa.table(p.item); a.served != -1 {
				continue // another condition leads the planner in; this one filters what it finds
			}
			if !report(*p) {
				return
			}
		}
	})
}

// restricted reports whether the planner can bound the rows of table it:
// it has a condition of its own, or an index leads to it from a
// restricted table.
func (qa *queryAccess) restricted(it *scopeItem) bool {
	a := qa.table(it)
	return a != nil && a.restricted
}

// servedOr returns the table of an OR whose every branch is a predicate
// on that one table that an index serves (a bitmap OR), or nil.
func (qa *queryAccess) servedOr(q *query, b *syntax.BoolExpr) *tableAccess {
	var table *tableAccess
	for _, arg := range b.Args {
		conds := []*syntax.Node{arg}
		if inner := arg.GetBoolExpr(); inner != nil && inner.Boolop == syntax.BoolExprType_AND_EXPR {
			conds = inner.Args
		}
		ok := false
		for _, c := range conds {
			ps, n := predicatesOf(q, c)
			for i := range n {
				p := &ps[i]
				a := qa.table(p.item)
				if a == nil || (table != nil && a != table) {
					return nil
				}
				if p.other == nil && indexServes(p) {
					table, ok = a, true
				}
			}
		}
		if !ok {
			return nil
		}
	}
	return table
}

// predicatesOf returns the predicates one condition makes on the tables
// of q's own scope: none, one, or two for a join condition t.a = u.b.
func predicatesOf(q *query, n *syntax.Node) (ps [2]predicate, count int) {
	one := func(ae *syntax.A_Expr, col, value *syntax.Node, kind predKind) ([2]predicate, int) {
		if p, ok := columnPredicate(q, ae, col, value, kind); ok {
			return [2]predicate{p}, 1
		}
		return ps, 0
	}
	switch x := n.GetNode().(type) {
	case *syntax.Node_AExpr:
		ae := x.AExpr
		if len(ae.Name) != 1 {
			return ps, 0
		}
		op := ae.Name[0].GetString_().GetSval()
		switch ae.Kind {
		case syntax.A_Expr_Kind_AEXPR_OP:
			switch op {
			case "=":
				return comparison(q, ae, predEq)
			case "<", "<=", ">", ">=":
				return comparison(q, ae, predRange)
			case "@>", "?", "?|", "?&":
				return one(ae, ae.Lexpr, ae.Rexpr, predContains)
			}
		case syntax.A_Expr_Kind_AEXPR_IN, syntax.A_Expr_Kind_AEXPR_OP_ANY:
			if op == "=" {
				return one(ae, ae.Lexpr, ae.Rexpr, predEq)
			}
		case syntax.A_Expr_Kind_AEXPR_BETWEEN, syntax.A_Expr_Kind_AEXPR_BETWEEN_SYM:
			return one(ae, ae.Lexpr, ae.Rexpr, predRange)
		case syntax.A_Expr_Kind_AEXPR_LIKE, syntax.A_Expr_Kind_AEXPR_ILIKE:
			if op == "~~" || op == "~~*" {
				return one(ae, ae.Lexpr, ae.Rexpr, predLike)
			}
		}
	case *syntax.Node_SubLink:
		// col IN (SELECT …): a semi-join that can probe an index on col.
		sl := x.SubLink
		if sl.SubLinkType == syntax.SubLinkType_ANY_SUBLINK && len(sl.OperName) == 0 {
			return one(nil, sl.Testexpr, nil, predEq)
		}
	}
	return ps, 0
}

// comparison returns the predicates of a binary comparison: one per side
// that is a column of a table of q, compared with an expression that does
// not name that table.
func comparison(q *query, ae *syntax.A_Expr, kind predKind) (ps [2]predicate, n int) {
	left, lok := columnPredicate(q, ae, ae.Lexpr, ae.Rexpr, kind)
	right, rok := columnPredicate(q, ae, ae.Rexpr, ae.Lexpr, kind)
	if lok && rok {
		left.other, right.other = right.item, left.item
	}
	if lok {
		ps[n] = left
		n++
	}
	if rok {
		ps[n] = right
		n++
	}
	return ps, n
}

// columnPredicate returns the predicate "col op value" when col is a
// column of a model table of q's own scope and value does not name that
// table (then the planner can compute it before looking into the table).
func columnPredicate(q *query, ae *syntax.A_Expr, col, value *syntax.Node, kind predKind) (predicate, bool) {
	ref := col.GetColumnRef()
	if ref == nil {
		return predicate{}, false
	}
	it, name, ok := q.scope.resolve(ref)
	if !ok || it.table == nil || !q.scope.local(it) || it.table.Column(name) == nil {
		return predicate{}, false
	}
	if value != nil && mentionsItem(q, value, it) {
		return predicate{}, false
	}
	p := predicate{kind: kind, item: it, col: name, ref: ref, expr: ae}
	if vref := value.GetColumnRef(); vref != nil {
		if other, _, ok := q.scope.resolve(vref); ok && q.scope.local(other) {
			p.via = other
		}
	}
	return p, true
}

// mentionsItem reports whether an expression names a column of it.
func mentionsItem(q *query, n *syntax.Node, it *scopeItem) bool {
	found := false
	walkExpr(n, func(x *syntax.Node) bool {
		if found {
			return false
		}
		if ref := x.GetColumnRef(); ref != nil {
			if other, _, ok := q.scope.resolve(ref); ok && other == it {
				found = true
			} else if !ok && len(ref.Fields) == 1 {
				// An unqualified name that may be it's: assume so.
				if known, has := it.column(ref.Fields[0].GetString_().GetSval()); has || !known {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// indexServes reports whether an index of the predicate's table can find
// the rows it asks for.
func indexServes(p *predicate) bool {
	t := p.item.table
	switch p.kind {
	case predEq, predRange:
		return leadingIndex(t, p.col, p.kind == predEq)
	case predLike:
		return trigramIndexed(t, p.col)
	case predContains:
		return ginServes(t, p.col, p.op())
	}
	return false
}

// leadingIndex reports whether the primary key, a unique constraint, an
// exclusion constraint or an index starts with col (for GIN, which has no
// column order, holds col): an index the planner can search by col.
// Hash indexes serve only equality. Partial indexes count: the query may
// well repeat their predicate, and the rule would rather stay silent.
func leadingIndex(t *schema.Table, col string, equality bool) bool {
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 && t.PrimaryKey.Columns[0] == col {
		return true
	}
	for _, u := range t.Uniques {
		if len(u.Columns) > 0 && u.Columns[0] == col {
			return true
		}
	}
	serves := func(ix *schema.Index) bool {
		switch {
		case len(ix.Columns) == 0:
			return false
		case ix.Method == "gin":
			return slices.Contains(ix.Columns, col)
		case ix.Method == "hash":
			return equality && ix.Columns[0] == col
		}
		return ix.Columns[0] == col
	}
	for _, ix := range t.Indexes {
		if serves(ix) {
			return true
		}
	}
	for _, ix := range t.Exclusions {
		if serves(ix) {
			return true
		}
	}
	return false
}

// trigramIndexed reports whether a pg_trgm GIN or GiST index covers col.
func trigramIndexed(t *schema.Table, col string) bool {
	for _, ix := range t.Indexes {
		for i, c := range ix.Columns {
			if c == col && i < len(ix.Keys) && keyHasWord(ix.Keys[i], "gin_trgm_ops", "gist_trgm_ops") {
				return true
			}
		}
	}
	return false
}

// ginServes reports whether a GIN index covers col with an operator class
// that supports op: jsonb_ops (the default) supports @>, ?, ?| and ?&;
// jsonb_path_ops only @>.
func ginServes(t *schema.Table, col, op string) bool {
	for _, ix := range t.Indexes {
		if ix.Method != "gin" {
			continue
		}
		for i, c := range ix.Columns {
			if c != col {
				continue
			}
			if op == "@>" || i >= len(ix.Keys) || !keyHasWord(ix.Keys[i], "jsonb_path_ops") {
				return true
			}
		}
	}
	return false
}

// keyHasWord reports whether an index key's normalised text has one of words.
func keyHasWord(key string, words ...string) bool {
	for _, f := range strings.Fields(key) {
		if slices.Contains(words, f) {
			return true
		}
	}
	return false
}
