package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// CountForExistence reports a subquery that counts rows only to compare
// the count with zero.
var CountForExistence = &diagnostics.Rule{
	ID:       "count-for-existence",
	Category: diagnostics.Query,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "count(*) compared with zero to test for existence",
		Why: "`(SELECT count(*) FROM orders WHERE …) > 0` asks whether a row exists, but makes PostgreSQL " +
			"find and count every matching row first: a customer with 40,000 orders costs 40,000 row " +
			"visits each time. `EXISTS (SELECT 1 FROM orders WHERE …)` stops at the first match, and the " +
			"planner can turn it into a semi-join (or, with `NOT EXISTS`, an anti-join) instead of running " +
			"the subquery for each outer row.\n\n" +
			"The rule reports a scalar subquery whose only output is `count(*)`, `count(1)` or " +
			"`count(column)`, without `GROUP BY`, `HAVING` or `LIMIT`, compared with a constant so that " +
			"the comparison only asks whether the count is zero: `> 0`, `>= 1`, `<> 0`, `!= 0` (exists) " +
			"and `= 0`, `< 1`, `<= 0` (does not exist), either way round.",
		Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);\n" +
			"SELECT id FROM users u WHERE (SELECT count(*) FROM orders o WHERE o.user_id = u.id) > 0;",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL);\n" +
			"SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id);",
		Fix: "Rewrites the comparison to `EXISTS (SELECT 1 …)` or `NOT EXISTS (SELECT 1 …)`, keeping the " +
			"subquery's `FROM` and `WHERE` as written. `count(column)` counts only rows where the column " +
			"is not null, so unless the schema declares the column `NOT NULL` the fix adds " +
			"`column IS NOT NULL` to the subquery's condition. There is no fix for a count with `FILTER` " +
			"or of an expression.",
		Ignore: "Never needed for correctness; when the count itself is also used, select it once instead.",
	},
	Run: runCountForExistence,
}

func runCountForExistence(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isQueryStmt(st) {
		return
	}
	if indexFold(st.Text, "count") < 0 || !mayHaveSubquery(st) {
		return
	}
	forEachSubqueryTest(pass.Schema, st, func(_ *query, n *syntax.Node) (*syntax.SubLink, countTest, bool) {
		t, ok := matchCountTest(n.GetAExpr())
		return t.sub, t, ok
	}, func(sub *query, t countTest) bool {
		if sub.sel != t.sel {
			return false
		}
		reportCountTest(pass, sub, t)
		return true
	})
}

// A countTest is a comparison of a counting subquery with a constant.
type countTest struct {
	cmp      *syntax.A_Expr
	sub      *syntax.SubLink
	sel      *syntax.SelectStmt
	count    *syntax.FuncCall
	constant *syntax.A_Const
	subLeft  bool // (SELECT count…) > 0 rather than 0 < (SELECT count…)
	exists   bool // the comparison means EXISTS, not NOT EXISTS
}

// reportCountTest reports t; sub is the query of its subquery.
func reportCountTest(pass *diagnostics.Pass, sub *query, t countTest) {
	st := pass.Stmt
	open := lexemeAtLoc(st, t.sub.Location)
	closing := closeParen(st, open)
	cnst := lexemeAtLoc(st, t.constant.Location)
	if open < 0 || closing < 0 || cnst < 0 {
		return
	}
	span := lexemeSpan(st, open, cnst)
	if !t.subLeft {
		span = lexemeSpan(st, cnst, closing)
	}
	table := "its table"
	if rv := firstRelation(t.sel); rv != nil {
		table = schema.RangeVarName(rv).Key()
	}
	not := ""
	if !t.exists {
		not = "NOT "
	}
	d := diagnostics.Diagnostic{
		Span: span,
		Message: fmt.Sprintf("counting every matching row of %s only to test whether one exists; %sEXISTS stops at the first",
			table, not),
	}
	if edits, ok := countFixEdits(pass, sub, t, open, cnst); ok {
		d.Fixes = []diagnostics.Fix{edit.Fix("Use "+not+"EXISTS", edits...)}
	}
	pass.Report(d)
}

// matchCountTest reports whether ae compares a counting subquery with a
// constant in a way that only asks whether the count is zero.
func matchCountTest(ae *syntax.A_Expr) (countTest, bool) {
	t := countTest{cmp: ae}
	if ae == nil || ae.Kind != syntax.A_Expr_Kind_AEXPR_OP || len(ae.Name) != 1 {
		return t, false
	}
	op := ae.Name[0].GetString_().GetSval()
	if sub := ae.Lexpr.GetSubLink(); sub != nil {
		t.sub, t.constant, t.subLeft = sub, ae.Rexpr.GetAConst(), true
	} else if sub := ae.Rexpr.GetSubLink(); sub != nil {
		t.sub, t.constant = sub, ae.Lexpr.GetAConst()
		op = mirrorOp(op)
	}
	if t.sub == nil || t.constant == nil || t.sub.SubLinkType != syntax.SubLinkType_EXPR_SUBLINK || t.constant.GetIval() == nil {
		return t, false
	}
	switch n := t.constant.GetIval().GetIval(); {
	case n == 0 && (op == ">" || op == "<>"), n == 1 && op == ">=":
		t.exists = true
	case n == 0 && (op == "=" || op == "<="), n == 1 && op == "<":
		t.exists = false
	default:
		return t, false
	}
	sel := t.sub.Subselect.GetSelectStmt()
	if sel == nil || sel.Op != syntax.SetOperation_SETOP_NONE || len(sel.TargetList) != 1 || len(sel.FromClause) == 0 ||
		len(sel.GroupClause) > 0 || sel.HavingClause != nil || sel.LimitCount != nil || sel.LimitOffset != nil ||
		len(sel.DistinctClause) > 0 || len(sel.WindowClause) > 0 || sel.WithClause != nil || len(sel.SortClause) > 0 {
		return t, false
	}
	fc := sel.TargetList[0].GetResTarget().GetVal().GetFuncCall()
	if fc == nil || fc.Over != nil || len(fc.Funcname) == 0 || fc.Funcname[len(fc.Funcname)-1].GetString_().GetSval() != "count" ||
		(!fc.AggStar && len(fc.Args) != 1) {
		return t, false
	}
	if len(fc.Args) == 1 && fc.Args[0].GetAConst().GetIsnull() {
		return t, false // count(NULL) is always 0
	}
	t.sel, t.count = sel, fc
	return t, true
}

// mirrorOp returns the comparison operator with its operands swapped.
func mirrorOp(op string) string {
	switch op {
	case "<":
		return ">"
	case ">":
		return "<"
	case "<=":
		return ">="
	case ">=":
		return "<="
	}
	return op
}

// countFixEdits returns the edits that turn the comparison into
// [NOT] EXISTS (SELECT 1 …): sub is the subquery's query, open its
// opening parenthesis and cnst the constant's lexeme.
func countFixEdits(pass *diagnostics.Pass, sub *query, t countTest, open, cnst int) ([]source.Edit, bool) {
	st := pass.Stmt
	fc := t.count
	if fc.AggFilter != nil || len(fc.AggOrder) > 0 {
		return nil, false
	}
	// The column a count(column) needs to be not null, if any.
	var notNull string
	if len(fc.Args) == 1 {
		arg := fc.Args[0]
		switch {
		case arg.GetAConst() != nil:
		case arg.GetColumnRef() != nil:
			if !countedColumnNotNull(sub, arg.GetColumnRef()) {
				span := st.NameSpan(arg.GetColumnRef().Location)
				notNull = pass.File.Text[span.Start:span.End] + " IS NOT NULL"
			}
		default:
			return nil, false
		}
	}
	// The count(…) call, through its closing parenthesis.
	name := lexemeAtLoc(st, fc.Location)
	paren := name
	for paren >= 0 && !punct(st, paren, "(") {
		paren = nextLexeme(st, paren)
	}
	closeCall := closeParen(st, paren)
	if name < 0 || closeCall < 0 {
		return nil, false
	}
	not := ""
	if !t.exists {
		not = "NOT "
	}
	edits := []source.Edit{edit.ReplaceTokens(pass.File, lexemeSpan(st, name, closeCall), "1")}
	if t.subLeft {
		// "(SELECT …) > 0": insert before the subquery, delete from the
		// operator through the constant.
		op := prevLexeme(st, cnst)
		before := prevLexeme(st, op)
		edits = append(edits,
			edit.ReplaceTokens(pass.File, source.Span{Start: st.LexemeSpan(open).Start, End: st.LexemeSpan(open).Start}, not+"EXISTS "),
			edit.ReplaceTokens(pass.File, source.Span{Start: st.LexemeSpan(before).End, End: st.LexemeSpan(cnst).End}, ""))
	} else {
		// "0 < (SELECT …)": replace the constant and operator.
		edits = append(edits, edit.ReplaceTokens(pass.File, source.Span{Start: st.LexemeSpan(cnst).Start, End: st.LexemeSpan(open).Start}, not+"EXISTS "))
	}
	if notNull != "" {
		more, ok := andPredicate(st, t.sel, notNull)
		if !ok {
			return nil, false
		}
		edits = append(edits, more...)
	}
	return edits, true
}

// countedColumnNotNull reports whether the column a subquery counts is
// declared NOT NULL (or is part of the primary key) in the schema.
func countedColumnNotNull(sub *query, ref *syntax.ColumnRef) bool {
	it, col, ok := sub.scope.resolve(ref)
	if !ok || it.table == nil || it.nullable {
		return false
	}
	c := it.table.Column(col)
	return c != nil && c.NotNull
}
