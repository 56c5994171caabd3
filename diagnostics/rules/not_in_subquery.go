package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// NotInSubquery reports NOT IN over a subquery.
var NotInSubquery = &diagnostics.Rule{
	ID:       "not-in-subquery",
	Category: diagnostics.Query,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "NOT IN with a subquery",
		Why: "`x NOT IN (SELECT y …)` is true only when `x <> y` is true for every row the subquery " +
			"returns. If a single `y` is NULL, `x <> NULL` is unknown, so the whole test is never true and " +
			"the query returns no rows at all: one NULL in `orders.coupon_id` and \"users who never used " +
			"coupon 7\" is empty. A NULL `x` is excluded too. The PostgreSQL wiki lists it first under " +
			"\"Don't Do This\".\n\n" +
			"It is also slow: because of those NULL semantics the planner cannot turn `NOT IN` into an " +
			"anti-join. It runs the subquery once and probes a hash of its result, and when that result " +
			"does not fit in `work_mem` it scans the result again for every outer row. `NOT EXISTS` has " +
			"neither problem. Even when the schema rules NULLs out, the rule still reports the plan.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, coupon_id bigint);\n" +
			"SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM orders WHERE coupon_id = 7);",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, coupon_id bigint);\n" +
			"SELECT id FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE coupon_id = 7 AND orders.user_id = users.id);",
		Fix: "Rewrites `x NOT IN (SELECT y FROM t WHERE c)` to `NOT EXISTS (SELECT 1 FROM t WHERE c AND t.y = x)`, " +
			"qualifying both columns so that the subquery cannot capture the outer one. The fix is unsafe " +
			"(it changes the result exactly when a NULL is involved: that is the point) unless the schema " +
			"declares both columns `NOT NULL`. There is no fix when the subquery groups, limits, has a " +
			"set operation or returns an expression, or when `NOT` is written before the parenthesis.",
		Ignore: "When both sides are declared `NOT NULL` and the subquery's result is small, `NOT IN` " +
			"is correct and fast enough.",
	},
	Run: runNotInSubquery,
}

// A notIn is an x NOT IN (SELECT …) found in a query's clauses.
type notIn struct {
	not   *syntax.BoolExpr
	sub   *syntax.SubLink
	outer *query // the query whose clause holds the test
}

func runNotInSubquery(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isQueryStmt(st) {
		return
	}
	if indexFold(st.Text, "not") < 0 || !mayHaveSubquery(st) {
		return
	}
	forEachSubqueryTest(pass.Schema, st, func(q *query, x *syntax.Node) (*syntax.SubLink, notIn, bool) {
		b := x.GetBoolExpr()
		if b == nil || b.Boolop != syntax.BoolExprType_NOT_EXPR || len(b.Args) != 1 {
			return nil, notIn{}, false
		}
		sub := b.Args[0].GetSubLink()
		if sub == nil || sub.SubLinkType != syntax.SubLinkType_ANY_SUBLINK || len(sub.OperName) > 0 ||
			sub.Subselect.GetSelectStmt() == nil {
			return nil, notIn{}, false
		}
		return sub, notIn{not: b, sub: sub, outer: q}, true
	}, func(sub *query, n notIn) bool {
		reportNotIn(pass, n, sub) // settled: a UNION's later branches share the subquery
		return true
	})
}

// reportNotIn reports n; sub is the query of its subquery (the first
// branch, when the subquery is a set operation).
func reportNotIn(pass *diagnostics.Pass, n notIn, sub *query) {
	st := pass.Stmt
	notLex := lexemeAtLoc(st, n.not.Location)
	inLex := lexemeAtLoc(st, n.sub.Location)
	if inLex == notLex {
		// x NOT IN (…): the parser puts the subquery at the NOT too.
		inLex = nextLexeme(st, notLex)
	}
	if notLex < 0 || inLex < 0 || !word(st, notLex, "not") || !word(st, inLex, "in") {
		return
	}
	table := "a table"
	if rv := firstRelation(n.sub.Subselect.GetSelectStmt()); rv != nil {
		table = schema.RangeVarName(rv).Key()
	}
	nullability, subCol, column := notInSubColumn(n, sub)
	var msg string
	switch nullability {
	case notNullColumn:
		msg = fmt.Sprintf("NOT IN over a subquery of %s cannot be planned as an anti-join, so a result larger than work_mem is rescanned for every row", table)
	case nullableColumn:
		msg = fmt.Sprintf("NOT IN over a subquery of %s matches no row at all once %s yields a NULL, and cannot be planned as an anti-join", table, column)
	default:
		msg = fmt.Sprintf("NOT IN over a subquery of %s matches no row at all if the subquery yields a NULL, and cannot be planned as an anti-join", table)
	}
	subNotNull := nullability == notNullColumn
	d := diagnostics.Diagnostic{Span: lexemeSpan(st, notLex, inLex), Message: msg}
	if edits, safe, ok := notInFix(pass, n, sub, subCol, notLex, inLex); ok {
		fix := edit.UnsafeFix("Use NOT EXISTS", edits...)
		fix.Unsafe = !(safe && subNotNull)
		d.Fixes = []diagnostics.Fix{fix}
	}
	pass.Report(d)
}

// A nullability is what the schema says of a column: NOT NULL, nullable,
// or nothing (the column or its table is not in the schema, or the
// subquery returns an expression).
type nullability uint8

const (
	unknownNullability nullability = iota
	notNullColumn
	nullableColumn
)

// notInSubColumn returns the subquery's output column when it is a plain
// column reference, what the schema says of its nulls, and its name for
// messages (table.column).
func notInSubColumn(n notIn, sub *query) (nullability, *syntax.ColumnRef, string) {
	sel := n.sub.Subselect.GetSelectStmt()
	if sub.sel != sel || len(sel.TargetList) != 1 {
		return unknownNullability, nil, ""
	}
	ref := sel.TargetList[0].GetResTarget().GetVal().GetColumnRef()
	if ref == nil || isStar(ref) {
		return unknownNullability, nil, ""
	}
	it, col, ok := sub.scope.resolve(ref)
	if !ok || it.table == nil || it.table.Column(col) == nil {
		return unknownNullability, ref, ""
	}
	name := itemLabel(it) + "." + col
	if columnNotNull(sub.scope, ref) {
		return notNullColumn, ref, name
	}
	return nullableColumn, ref, name
}

// columnNotNull reports whether ref resolves to a column the schema
// declares NOT NULL, of a table not on the nullable side of an outer join.
func columnNotNull(s *queryScope, ref *syntax.ColumnRef) bool {
	it, col, ok := s.resolve(ref)
	if !ok || it.table == nil || it.nullable {
		return false
	}
	c := it.table.Column(col)
	return c != nil && c.NotNull
}

// notInFix returns the edits of the NOT EXISTS rewrite, and whether the
// outer value is known not to be NULL.
func notInFix(pass *diagnostics.Pass, n notIn, sub *query, subCol *syntax.ColumnRef, notLex, inLex int) (edits []source.Edit, safe, ok bool) {
	st := pass.Stmt
	sel := n.sub.Subselect.GetSelectStmt()
	if subCol == nil || sel.WithClause != nil || len(sel.GroupClause) > 0 || sel.HavingClause != nil ||
		sel.LimitCount != nil || sel.LimitOffset != nil || len(sel.DistinctClause) > 0 || len(sel.SortClause) > 0 ||
		len(sel.WindowClause) > 0 || len(sel.FromClause) == 0 {
		return nil, false, false
	}
	open := nextLexeme(st, inLex)
	if !punct(st, open, "(") {
		return nil, false, false
	}
	// The outer value: a column, parameter or constant written before NOT.
	test := n.sub.Testexpr
	start := exprStart(test)
	first := lexemeAtLoc(st, start)
	if first < 0 || start >= n.not.Location {
		return nil, false, false // NOT (x IN (…)), or no location
	}
	lastOuter := prevLexeme(st, notLex)
	outerText := pass.File.Text[st.LexemeSpan(first).Start:st.LexemeSpan(lastOuter).End]
	switch {
	case test.GetColumnRef() != nil:
		ref := test.GetColumnRef()
		it, col, ok := n.outer.scope.resolve(ref)
		if !ok || isStar(ref) {
			return nil, false, false
		}
		if len(ref.Fields) == 1 {
			outerText = syntax.QuoteIdent(it.name) + "." + syntax.QuoteIdent(col)
		}
		// The subquery must not capture the qualifier.
		for _, inner := range sub.scope.items {
			if inner.name == it.name {
				return nil, false, false
			}
		}
		safe = columnNotNull(n.outer.scope, ref)
	case test.GetParamRef() != nil:
	case test.GetAConst() != nil:
		safe = !test.GetAConst().Isnull
	default:
		return nil, false, false
	}
	if first != lastOuter && test.GetColumnRef() == nil {
		return nil, false, false // a signed or cast constant: keep it simple
	}
	// The subquery's column, qualified with its relation.
	it, col, ok := sub.scope.resolve(subCol)
	if !ok || !sub.scope.local(it) || it.name == "" {
		return nil, false, false
	}
	innerText := syntax.QuoteIdent(it.name) + "." + syntax.QuoteIdent(col)
	target := lexemeAtLoc(st, subCol.Location)
	targetSpan := st.NameSpan(subCol.Location)
	if target < 0 {
		return nil, false, false
	}
	more, ok := andPredicate(st, sel, innerText+" = "+outerText)
	if !ok {
		return nil, false, false
	}
	edits = append([]source.Edit{
		edit.ReplaceTokens(pass.File, source.Span{Start: st.LexemeSpan(first).Start, End: st.LexemeSpan(open).Start}, "NOT EXISTS "),
		edit.ReplaceTokens(pass.File, targetSpan, "1"),
	}, more...)
	return edits, safe, true
}
