package rules

import (
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
			"`INSERT … SELECT`) of a `SELECT` that reads at least one table. Not reported: `LIMIT ALL`, " +
			"`FETCH FIRST` and `SELECT … INTO`; queries that return groups (`GROUP BY`, `DISTINCT`, " +
			"aggregates), whose number is that of the groups; queries whose rows the caller's keys bound " +
			"(`WHERE id = ANY($1)`, an equality on a column that starts the primary key, a unique " +
			"constraint, a foreign key or an index: one row, the children of one parent such as an " +
			"order's lines, or a lookup the schema indexed as selective; `FROM unnest($1)`); queries of " +
			"the system catalogs; statements " +
			"of routine bodies, whose rows go to a loop, a variable or a caller that may limit them; and " +
			"migration files, which run once. It is a hint: reading all rows in order is sometimes " +
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
	// A routine hands its rows to a loop, a variable or a caller that
	// may limit them.
	if st.Parent != nil {
		return
	}
	rel := firstRelation(sel)
	if rel == nil || isCatalog(rel) || groups(sel) || boundedByKeys(pass.Schema, sel) || pass.Schema.InMigrations(pass.File.URI) {
		return
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
		Message: "ORDER BY without LIMIT sorts every matching row of " + table + " and returns them all",
		Fixes:   []diagnostics.Fix{edit.UnsafeFix("Add LIMIT 100", edit.InsertTokens(pass.File, st.LexemeSpan(last).End, " LIMIT 100"))},
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

// isCatalog reports whether rv names a system catalog or information
// schema relation: queries of the database's own metadata.
func isCatalog(rv *syntax.RangeVar) bool {
	return rv.Schemaname == "pg_catalog" || rv.Schemaname == "information_schema" ||
		rv.Schemaname == "" && len(rv.Relname) > 3 && rv.Relname[:3] == "pg_"
}

// groups reports whether sel (each branch of a set operation) returns
// groups or distinct values rather than rows of its tables: GROUP BY,
// DISTINCT, or aggregates without GROUP BY. Their number is that of the
// groups, and reports want them all.
func groups(sel *syntax.SelectStmt) bool {
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		return groups(sel.Larg) && groups(sel.Rarg)
	}
	if len(sel.GroupClause) > 0 || len(sel.DistinctClause) > 0 || sel.HavingClause != nil {
		return true
	}
	for _, t := range sel.TargetList {
		if fc := t.GetResTarget().GetVal().GetFuncCall(); fc != nil && fc.Over == nil && isAggregate(fc) {
			return true
		}
	}
	return false
}

// isAggregate reports whether a call is one of the common aggregates.
func isAggregate(fc *syntax.FuncCall) bool {
	if fc.AggStar || fc.AggDistinct || len(fc.AggOrder) > 0 || fc.AggFilter != nil {
		return true
	}
	switch fc.Funcname[len(fc.Funcname)-1].GetString_().GetSval() {
	case "count", "sum", "avg", "min", "max", "array_agg", "string_agg", "json_agg", "jsonb_agg", "bool_and", "bool_or", "every":
		return true
	}
	return false
}

// boundedByKeys reports whether a SELECT's rows are bounded by what the
// caller asks for rather than by the table's size (in any branch of a set
// operation): it starts from a function or subquery (FROM unnest($1)),
// its WHERE picks rows by a list of keys (id = ANY($1), id IN (1, 2)), or
// compares with a value a column that starts the primary key, a unique
// constraint, a foreign key or an index of its table: one row, the
// children of one parent, or a lookup by a value the schema indexed
// because it picks few rows.
func boundedByKeys(m *schema.Model, sel *syntax.SelectStmt) bool {
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		return boundedByKeys(m, sel.Larg) && boundedByKeys(m, sel.Rarg)
	}
	if len(sel.FromClause) == 0 {
		return true
	}
	first := sel.FromClause[0]
	for first.GetJoinExpr() != nil {
		first = first.GetJoinExpr().Larg
	}
	if first.GetRangeVar() == nil {
		return true
	}
	if sel.WhereClause == nil {
		return false
	}
	byList := false
	walkExpr(sel.WhereClause, func(n *syntax.Node) bool {
		if ae := n.GetAExpr(); ae != nil && ae.Lexpr.GetColumnRef() != nil && len(ae.Name) == 1 && ae.Name[0].GetString_().GetSval() == "=" &&
			(ae.Kind == syntax.A_Expr_Kind_AEXPR_OP_ANY || ae.Kind == syntax.A_Expr_Kind_AEXPR_IN) {
			byList = true
		}
		return !byList
	})
	if byList {
		return true
	}
	var buf [8]*syntax.Node
	for _, c := range conjuncts(sel.WhereClause, buf[:0]) {
		ae := c.GetAExpr()
		if ae == nil || ae.Kind != syntax.A_Expr_Kind_AEXPR_OP || len(ae.Name) != 1 || ae.Name[0].GetString_().GetSval() != "=" {
			continue
		}
		ref, value := ae.Lexpr.GetColumnRef(), ae.Rexpr
		if ref == nil {
			ref, value = ae.Rexpr.GetColumnRef(), ae.Lexpr
		}
		if ref == nil || value.GetColumnRef() != nil {
			continue
		}
		if t, col := fromColumn(m, sel.FromClause, ref); t != nil && (keyLeader(t, col) || leadingIndex(t, col, true)) {
			return true
		}
	}
	return false
}

// fromColumn returns the model table of FROM that a column reference
// names, by its qualifier, or the only relation when it has none.
func fromColumn(m *schema.Model, from []*syntax.Node, ref *syntax.ColumnRef) (*schema.Table, string) {
	var qualifier string
	switch len(ref.Fields) {
	case 1:
		if len(from) != 1 || from[0].GetRangeVar() == nil {
			return nil, ""
		}
		return m.Table(schema.RangeVarName(from[0].GetRangeVar())), ref.Fields[0].GetString_().GetSval()
	case 2:
		qualifier = ref.Fields[0].GetString_().GetSval()
	default:
		return nil, ""
	}
	col := ref.Fields[1].GetString_().GetSval()
	for _, f := range from {
		if rv := namedRelation(f, qualifier); rv != nil {
			return m.Table(schema.RangeVarName(rv)), col
		}
	}
	return nil, ""
}

// namedRelation returns the relation of a FROM item (looking into joins)
// that qualifier names: its alias, or its name when it has none.
func namedRelation(n *syntax.Node, qualifier string) *syntax.RangeVar {
	switch x := n.GetNode().(type) {
	case *syntax.Node_RangeVar:
		rv := x.RangeVar
		if rv.Alias != nil && rv.Alias.Aliasname == qualifier || rv.Alias == nil && rv.Relname == qualifier {
			return rv
		}
	case *syntax.Node_JoinExpr:
		if rv := namedRelation(x.JoinExpr.Larg, qualifier); rv != nil {
			return rv
		}
		return namedRelation(x.JoinExpr.Rarg, qualifier)
	}
	return nil
}

// keyLeader reports whether col starts the primary key, a unique
// constraint or index, or a foreign key of t.
func keyLeader(t *schema.Table, col string) bool {
	first := func(cols []string) bool { return len(cols) > 0 && cols[0] == col }
	if t.PrimaryKey != nil && first(t.PrimaryKey.Columns) {
		return true
	}
	for _, u := range t.Uniques {
		if first(u.Columns) {
			return true
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && first(ix.Columns) {
			return true
		}
	}
	for _, fk := range t.ForeignKeys {
		if first(fk.Columns) {
			return true
		}
	}
	return false
}
