package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// OrderWithoutLimit reports SELECT statements that sort a table's rows
// with ORDER BY but return all of them.
var OrderWithoutLimit = &diagnostics.Rule{
	ID:       "order-without-limit",
	Category: diagnostics.Query,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "ORDER BY without LIMIT in a SELECT",
		Why: "A `SELECT` with `ORDER BY` and no `LIMIT` sorts every matching row and sends all of them. " +
			"While a table is small that goes unnoticed; as it grows, the sort spills to disk once it " +
			"outgrows `work_mem`, and the client receives, and usually holds in memory, rows it never shows: " +
			"a list page that renders 50 rows of a sorted million. With `LIMIT` the planner can keep only " +
			"the top rows of the sort (a top-N heapsort) or stop an index scan early.\n\n" +
			"The rule looks at the statement's own `ORDER BY` (not one in a subquery, a view or an " +
			"`INSERT … SELECT`) of a `SELECT` that reads at least one table; `LIMIT ALL`, `FETCH FIRST` " +
			"and `SELECT … INTO` are not reported. It is a hint: reading all rows in order is sometimes " +
			"exactly what is meant.",
		Bad:  "SELECT id, title FROM posts ORDER BY created_at DESC;",
		Good: "SELECT id, title FROM posts ORDER BY created_at DESC LIMIT 50;",
		Fix: "Adds `LIMIT 100` at the end of the statement. The fix is unsafe, since it changes which rows " +
			"the query returns: pick the page size the caller needs, and page with a keyset " +
			"(`WHERE created_at < $1`) rather than a growing `OFFSET`.",
		Ignore: "Exports, reports and small lookup lists that must return every row in order.",
	},
	Run: runOrderWithoutLimit,
}

func runOrderWithoutLimit(pass *diagnostics.Pass) {
	st := pass.Stmt
	sel := st.Node.GetSelectStmt()
	if sel == nil || len(sel.SortClause) == 0 || sel.LimitCount != nil || sel.IntoClause != nil {
		return
	}
	rel := firstRelation(sel)
	if rel == nil {
		return // VALUES, functions, no FROM: bounded by what the query itself lists
	}
	by := prevLexeme(st, st.LexemeAt(int(exprStart(sel.SortClause[0]))))
	order := prevLexeme(st, by)
	if !word(st, by, "by") || !word(st, order, "order") {
		return
	}
	last := lastLexeme(st)
	table := schema.RangeVarName(rel).Key()
	pass.Report(diagnostics.Diagnostic{
		Span:    lexemeSpan(st, order, by),
		Message: fmt.Sprintf("ORDER BY without LIMIT sorts every matching row of %s and returns them all", table),
		Fixes:   []diagnostics.Fix{edit.UnsafeFix("Add LIMIT 100", edit.Insert(st.LexemeSpan(last).End, " LIMIT 100"))},
	})
}

// firstRelation returns the first table or view named in the FROM clause
// of sel (of any branch of a set operation), or nil.
func firstRelation(sel *syntax.SelectStmt) *syntax.RangeVar {
	if sel == nil {
		return nil
	}
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		if rv := firstRelation(sel.Larg); rv != nil {
			return rv
		}
		return firstRelation(sel.Rarg)
	}
	for _, f := range sel.FromClause {
		if rv := fromRelation(f); rv != nil {
			return rv
		}
	}
	return nil
}

// fromRelation returns the first relation of a FROM item, looking into joins.
func fromRelation(n *syntax.Node) *syntax.RangeVar {
	switch x := n.GetNode().(type) {
	case *syntax.Node_RangeVar:
		return x.RangeVar
	case *syntax.Node_JoinExpr:
		if rv := fromRelation(x.JoinExpr.Larg); rv != nil {
			return rv
		}
		return fromRelation(x.JoinExpr.Rarg)
	}
	return nil
}
