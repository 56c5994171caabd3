package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// UnindexedFilter reports queries that filter, join or sort a table on
// columns no index of the table starts with.
var UnindexedFilter = &diagnostics.Rule{
	ID:       "unindexed-filter",
	Category: diagnostics.Query,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Filter, join or sort on a column without an index",
		Why: "To find the rows `WHERE status = 'open'` asks for, PostgreSQL needs an index that starts with " +
			"`status`; without one it reads the whole table, and the query gets slower with every row " +
			"added. The same goes for the column a join looks rows up by, and for `ORDER BY … LIMIT`, " +
			"which without an index on the sort column reads and sorts every row to return the first few. " +
			"A multi-column index serves only conditions on its leading columns: an index on " +
			"`(user_id, status)` serves `user_id = $1` and `user_id = $1 AND status = 'open'`, but not " +
			"`status = 'open'` alone.\n\n" +
			"The rule reasons as the planner does, per table of each `SELECT`, `UPDATE` and `DELETE` " +
			"(subqueries and `WITH` queries included): a comparison (`=`, `<`, `>`, `IN`, `= ANY`, " +
			"`BETWEEN`) of a column with a value, or with a column of a restricted table it is joined to, " +
			"is a way into the table if the primary key, a unique constraint or an index starts with the " +
			"column. When one condition on a table has that, the table's other conditions only filter the " +
			"rows the index returns, and are not reported; a table reached by an index from a restricted " +
			"one is restricted in turn (a user's orders by `user_id`, then their lines by `order_id`). " +
			"Conditions under `OR` or on an expression (`lower(email) = …`), `IS NULL` tests, boolean " +
			"columns, partitioned tables (their partitions may hold the indexes), tables the workspace " +
			"schema does not declare, and columns it cannot tell the table of are left alone. So are " +
			"statements that run once: those of migration files and upgrade folders (but not of the " +
			"functions they define), of `DO` blocks, and `UPDATE` or `DELETE` in a file that also changes " +
			"the schema (a data migration).",
		Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, status text NOT NULL);\n" +
			"SELECT id FROM orders WHERE status = 'open';",
		Good: "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, status text NOT NULL);\n" +
			"CREATE INDEX idx_orders_status ON orders (status);\n" +
			"SELECT id FROM orders WHERE status = 'open';",
		Fix: "Inserts `CREATE INDEX IF NOT EXISTS idx_<table>_<column> ON <table> (<column>);` after the " +
			"statement (`IF NOT EXISTS`, because several queries of a file may ask for the same index); not " +
			"in a routine body, and not before the table exists (a schema file that sorts after the " +
			"queries file). For several equality conditions on the table the index is composite, in the " +
			"order the query writes them, followed by a range or `ORDER BY` column. Move it into a " +
			"migration (built " +
			"`CONCURRENTLY` on a live table), and prefer extending an existing index to adding a new one: " +
			"every index slows writes.",
		Ignore: "Tables that stay small (a few pages read whole are cheaper than an index lookup), and " +
			"one-off maintenance statements.",
	},
	Run: runUnindexedFilter,
}

func runUnindexedFilter(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isQueryStmt(st) {
		return
	}
	if indexFold(st.Text, "where") < 0 && indexFold(st.Text, "join") < 0 && indexFold(st.Text, "order") < 0 {
		return
	}
	if obviouslyServed(pass.Schema, st) {
		return
	}
	forEachQuery(pass.Schema, st, func(q *query) {
		if q.where == nil && len(q.joins) == 0 && (q.sel == nil || q.sel.LimitCount == nil) {
			return
		}
		var qa queryAccess
		if !qa.analyze(q) {
			return
		}
		for i := range qa.nt {
			if qa.tables[i].served == -1 {
				checkUnserved(pass, q, &qa, &qa.tables[i])
			}
		}
	})
}

// obviouslyServed reports, without building scopes, that a statement
// gives the rule nothing to report: it has no subquery, and either its
// WHERE clause has, for every table the schema declares, a comparison of
// a column with a constant or parameter that an index serves, or it has
// no WHERE clause and its joins only equate columns (no table is
// restricted, so none is looked up by an index). It answers false
// whenever it is unsure; then the full analysis runs. Most statements of
// an application end here, with nothing allocated.
func obviouslyServed(m *schema.Model, st *syntax.Stmt) bool {
	var from []*syntax.Node
	var where *syntax.Node
	var target *syntax.RangeVar
	switch x := st.Node.GetNode().(type) {
	case *syntax.Node_SelectStmt:
		s := x.SelectStmt
		if s.Op != syntax.SetOperation_SETOP_NONE || s.WithClause != nil || (len(s.SortClause) > 0 && s.LimitCount != nil) {
			return false
		}
		from, where = s.FromClause, s.WhereClause
	case *syntax.Node_UpdateStmt:
		u := x.UpdateStmt
		if u.WithClause != nil || len(u.FromClause) > 0 {
			return false
		}
		target, where = u.Relation, u.WhereClause
	case *syntax.Node_DeleteStmt:
		d := x.DeleteStmt
		if d.WithClause != nil || len(d.UsingClause) > 0 {
			return false
		}
		target, where = d.Relation, d.WhereClause
	default:
		return false
	}
	if mayHaveSubquery(st) {
		return false
	}
	type rel struct {
		name   string
		rv     *syntax.RangeVar
		table  *schema.Table // looked up when a condition needs it
		looked bool
		served bool // or not a table of the schema: never reported
	}
	lookup := func(r *rel) *schema.Table {
		if !r.looked {
			r.table, r.looked = m.Table(schema.RangeVarName(r.rv)), true
		}
		return r.table
	}
	var rels [4]rel
	var quals [4]*syntax.Node
	n, nq := 0, 0
	addRel := func(rv *syntax.RangeVar) bool {
		if n == len(rels) || rv.Alias != nil && len(rv.Alias.Colnames) > 0 {
			return false
		}
		r := rel{name: rv.Relname, rv: rv}
		if rv.Alias != nil {
			r.name = rv.Alias.Aliasname
		}
		rels[n] = r
		n++
		return true
	}
	var addFrom func(f *syntax.Node) bool
	addFrom = func(f *syntax.Node) bool {
		switch x := f.GetNode().(type) {
		case *syntax.Node_RangeVar:
			return addRel(x.RangeVar)
		case *syntax.Node_JoinExpr:
			if nq == len(quals) || len(x.JoinExpr.UsingClause) > 0 || x.JoinExpr.IsNatural {
				return false
			}
			quals[nq] = x.JoinExpr.Quals
			nq++
			return addFrom(x.JoinExpr.Larg) && addFrom(x.JoinExpr.Rarg)
		}
		return false
	}
	if target != nil && !addRel(target) {
		return false
	}
	for _, f := range from {
		if !addFrom(f) {
			return false
		}
	}
	var buf [8]*syntax.Node
	if where == nil {
		for _, q := range quals[:nq] {
			for _, c := range conjuncts(q, buf[:0]) {
				ae := c.GetAExpr()
				if ae == nil || ae.Kind != syntax.A_Expr_Kind_AEXPR_OP || ae.Lexpr.GetColumnRef() == nil || ae.Rexpr.GetColumnRef() == nil {
					return false
				}
			}
		}
		return true
	}
	for _, c := range conjuncts(where, buf[:0]) {
		ae := c.GetAExpr()
		if ae == nil || len(ae.Name) != 1 {
			continue
		}
		col, value := ae.Lexpr, ae.Rexpr
		if col.GetColumnRef() == nil {
			col, value = value, col
		}
		ref := col.GetColumnRef()
		if ref == nil || !isValue(value) {
			continue
		}
		equality := false
		switch op := ae.Name[0].GetString_().GetSval(); ae.Kind {
		case syntax.A_Expr_Kind_AEXPR_OP:
			equality = op == "="
			if !equality && op != "<" && op != "<=" && op != ">" && op != ">=" {
				continue
			}
		case syntax.A_Expr_Kind_AEXPR_IN, syntax.A_Expr_Kind_AEXPR_OP_ANY:
			if op != "=" || col != ae.Lexpr {
				continue
			}
			equality = true
		case syntax.A_Expr_Kind_AEXPR_BETWEEN:
			if col != ae.Lexpr {
				continue
			}
		default:
			continue
		}
		// The column's table: by qualifier, or the only table.
		var r *rel
		switch len(ref.Fields) {
		case 1:
			if n == 1 {
				r = &rels[0]
			}
		case 2:
			for i := range n {
				if rels[i].name == ref.Fields[0].GetString_().GetSval() {
					r = &rels[i]
				}
			}
		}
		name := ref.Fields[len(ref.Fields)-1].GetString_().GetSval()
		if r == nil || r.served {
			continue
		}
		if t := lookup(r); t != nil && t.Column(name) != nil && leadingIndex(t, name, equality) {
			r.served = true
		}
	}
	for i := range n {
		if r := &rels[i]; !r.served && lookup(r) != nil {
			return false
		}
	}
	return true
}

// isValue reports whether n is a constant or parameter, possibly cast, or
// a list of them: a value known before any table is read.
func isValue(n *syntax.Node) bool {
	switch x := n.GetNode().(type) {
	case *syntax.Node_AConst, *syntax.Node_ParamRef:
		return true
	case *syntax.Node_TypeCast:
		return isValue(x.TypeCast.Arg)
	case *syntax.Node_List:
		for _, item := range x.List.Items {
			if !isValue(item) {
				return false
			}
		}
		return true
	}
	return false
}

// A candidate is a column that an index could give the planner a way
// into a table by.
type candidate struct {
	col  string
	ref  *syntax.ColumnRef
	kind predKind   // predEq or predRange
	join *scopeItem // the relation a join condition compares the column with
	sort bool       // the ORDER BY column of a query with LIMIT
}

// checkUnserved reports table a of q, none of whose conditions an index
// serves, when an index could serve one.
func checkUnserved(pass *diagnostics.Pass, q *query, qa *queryAccess, a *tableAccess) {
	var cands []candidate
	for i := range qa.np {
		p := &qa.preds[i]
		if p.item != a.item || (p.kind != predEq && p.kind != predRange) {
			continue
		}
		if p.other != nil && (p.kind != predEq || !qa.restricted(p.other)) {
			continue // a join from an unrestricted table reads this one whole anyway
		}
		if c := p.item.table.Column(p.col); c != nil && (c.Type == "bool" || c.Type == "boolean") {
			continue // two values: an index would rarely beat reading the table
		}
		cands = append(cands, candidate{col: p.col, ref: p.ref, kind: p.kind, join: p.via})
	}
	if c, ok := sortCandidate(q, a); ok {
		cands = append(cands, c)
	}
	if len(cands) == 0 || runsOnce(pass) {
		return
	}
	first := cands[0]
	for _, c := range cands[1:] {
		if c.ref.Location < first.ref.Location {
			first = c
		}
	}
	t := a.item.table
	table := itemLabel(a.item)
	var what, consequence string
	switch {
	case first.sort:
		what, consequence = "sort", fmt.Sprintf("ORDER BY … LIMIT reads and sorts every row of %s", table)
	case first.join != nil:
		what, consequence = "join", fmt.Sprintf("the join from %s reads every row of %s", itemLabel(first.join), table)
	default:
		what, consequence = "filter", fmt.Sprintf("this filter scans every row of %s", table)
	}
	msg := fmt.Sprintf("no index on %s starts with %s, so %s", table, first.col, consequence)
	if note := leftmostNote(t, first.col, what); note != "" {
		msg += "; " + note
	}
	st := pass.Stmt
	ref := st.NameSpan(first.ref.Location)
	d := diagnostics.Diagnostic{Span: ref, Message: msg}
	// No index inside a routine body: it would be created each time the
	// routine runs.
	if a.item.rel != nil && st.Parent == nil && indexableHere(pass, t) {
		cols := indexColumns(cands)
		name := indexName(pass.Schema, a.item.rel, cols)
		rel := st.NameSpan(a.item.rel.Location)
		quoted := make([]string, len(cols))
		for i, c := range cols {
			quoted[i] = syntax.QuoteIdent(c)
		}
		create := fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s ON %s (%s);", syntax.QuoteIdent(name), pass.File.Text[rel.Start:rel.End], strings.Join(quoted, ", "))
		d.Fixes = []diagnostics.Fix{edit.Fix("Create index "+name, edit.InsertAfterStmt(pass.File, st, create))}
	}
	pass.Report(d)
}

// sortCandidate returns the ORDER BY column of a one-table query with
// LIMIT, when no index starts with it.
func sortCandidate(q *query, a *tableAccess) (candidate, bool) {
	sel := q.sel
	if sel == nil || len(sel.SortClause) == 0 || sel.LimitCount == nil || sel.LimitCount.GetAConst().GetIsnull() || len(q.scope.items) != 1 {
		return candidate{}, false
	}
	ref := sel.SortClause[0].GetSortBy().GetNode().GetColumnRef()
	if ref == nil {
		return candidate{}, false
	}
	if len(ref.Fields) == 1 {
		// ORDER BY may name an output column.
		name := ref.Fields[0].GetString_().GetSval()
		for _, t := range sel.TargetList {
			if t.GetResTarget().GetName() == name {
				return candidate{}, false
			}
		}
	}
	it, col, ok := q.scope.resolve(ref)
	if !ok || it != a.item || it.table.Column(col) == nil || leadingIndex(it.table, col, false) {
		return candidate{}, false
	}
	return candidate{col: col, ref: ref, kind: predRange, sort: true}, true
}

// indexColumns returns the columns of the index the fix creates: the
// equality columns in the order the query writes them, then one range or
// sort column.
func indexColumns(cands []candidate) []string {
	var cols []string
	for _, c := range cands {
		if c.kind == predEq && !slices.Contains(cols, c.col) {
			cols = append(cols, c.col)
		}
	}
	for _, c := range cands {
		if c.kind == predRange && !slices.Contains(cols, c.col) {
			return append(cols, c.col)
		}
	}
	return cols
}

// leftmostNote explains that an index, key or unique constraint holds
// col but not first, so it cannot serve a condition on col alone.
func leftmostNote(t *schema.Table, col, what string) string {
	later := func(cols []string) bool { return len(cols) > 1 && slices.Index(cols, col) > 0 }
	list := func(cols []string) string {
		out := make([]string, len(cols))
		for i, c := range cols {
			out[i] = cmp.Or(c, "expression")
		}
		return "(" + strings.Join(out, ", ") + ")"
	}
	switch {
	case t.PrimaryKey != nil && later(t.PrimaryKey.Columns):
		return fmt.Sprintf("the primary key %s cannot serve a %s on %s alone", list(t.PrimaryKey.Columns), what, col)
	}
	for _, u := range t.Uniques {
		if later(u.Columns) {
			return fmt.Sprintf("unique constraint %s %s cannot serve a %s on %s alone", u.Name, list(u.Columns), what, col)
		}
	}
	for _, ix := range append(slices.Clip(t.Indexes), t.Exclusions...) {
		if later(ix.Columns) && ix.Method != "gin" {
			return fmt.Sprintf("index %s %s cannot serve a %s on %s alone", ix.Name, list(ix.Columns), what, col)
		}
	}
	return ""
}
