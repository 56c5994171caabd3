package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// SelectStar reports SELECT * and t.* in the output of a SELECT statement.
var SelectStar = &diagnostics.Rule{
	ID:       "select-star",
	Category: diagnostics.Query,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "SELECT * in the result of a query",
		Why: "`SELECT *` returns whatever columns the table has when the query runs, not the ones the code " +
			"was written for. Add a column and every such query sends it, however large (a `jsonb` " +
			"document, a `bytea` image), to callers that ignore it; drop or rename one and callers that " +
			"read columns by position, or map rows onto structs, break at run time rather than at review. " +
			"It also keeps the planner from answering from an index alone (an index-only scan needs every " +
			"selected column in the index).\n\n" +
			"The rule looks at the columns a `SELECT` statement returns, in each branch of a `UNION`: `*` " +
			"and `t.*` over a table, a view, or a subquery that itself selects `*`. A star inside " +
			"`EXISTS (SELECT * …)`, `count(*)`, a star over a `WITH` query or subquery that lists its " +
			"columns, and the `SELECT` of an `INSERT` are not reported.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, avatar bytea);\n" +
			"SELECT * FROM users WHERE id = $1;",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, avatar bytea);\n" +
			"SELECT id, email, avatar FROM users WHERE id = $1;",
		Fix: "Replaces the star with the table's columns as the workspace schema declares them, in table " +
			"order, qualified with the table's alias when the query reads several relations. There is no " +
			"fix when a relation is not a table of the schema (a view, a table created elsewhere), or when " +
			"a join `USING` or `NATURAL` merges columns. Then trim the list to the columns the caller uses.",
		Ignore: "Ad-hoc queries in a console, and generic tooling that must copy whole rows.",
	},
	Run: runSelectStar,
}

func runSelectStar(pass *diagnostics.Pass) {
	st := pass.Stmt
	sel := st.Node.GetSelectStmt()
	if sel == nil || sel.IntoClause != nil || strings.IndexByte(st.Text, '*') < 0 || !branchesHaveStar(sel) {
		return
	}
	var rowType *schema.Name // the table row type the routine returns
	if st.Parent != nil {
		if wholeRowsWanted(pass, st) {
			return
		}
		rowType = returnedRowType(st)
	}
	forEachQuery(pass.Schema, st, func(q *query) {
		if q.role != roleTop || q.sel == nil || probesOnly(q.sel) {
			return
		}
		for _, t := range q.sel.TargetList {
			if ref := t.GetResTarget().GetVal().GetColumnRef(); isStar(ref) {
				reportStar(pass, q, ref, rowType)
			}
		}
	})
}

// wholeRowsWanted reports whether a SELECT of a routine body hands its
// rows to something that takes whole rows: PL/pgSQL's SELECT … INTO a
// variable, FOR … IN SELECT and PERFORM.
func wholeRowsWanted(pass *diagnostics.Pass, st *syntax.Stmt) bool {
	// The word before the statement, in the body: "IN" of FOR r IN, PERFORM.
	before := strings.TrimRight(pass.File.Text[:st.Span.Start], " \t\r\n")
	for _, w := range []string{"in", "perform"} {
		if n := len(before) - len(w); n >= 0 && strings.EqualFold(before[n:], w) && (n == 0 || !isWordByte(before[n-1])) {
			return true
		}
	}
	return hasInto(st)
}

// returnedRowType returns the name of the type the routine holding st
// returns (RETURNS t or RETURNS SETOF t), or nil. When it names the
// relation a star selects, the star is the row type by definition.
func returnedRowType(st *syntax.Stmt) *schema.Name {
	fn := st.Top().Node.GetCreateFunctionStmt()
	if fn == nil || fn.ReturnType == nil || len(fn.ReturnType.Names) == 0 {
		return nil
	}
	names := syntax.Strings(fn.ReturnType.Names)
	ret := &schema.Name{Object: names[len(names)-1]}
	if len(names) > 1 {
		ret.Schema = names[len(names)-2]
	}
	return ret
}

// hasInto reports whether a SELECT of a PL/pgSQL body has an INTO at
// depth zero. The parse, and the statement's lexemes, see the statement
// without its INTO targets, so this lexes the text as written.
func hasInto(st *syntax.Stmt) bool {
	depth := 0
	for _, t := range syntax.Lex(st.Text) {
		switch {
		case t.Kind == syntax.LexPunct && t.Text(st.Text) == "(":
			depth++
		case t.Kind == syntax.LexPunct && t.Text(st.Text) == ")":
			depth--
		case depth == 0 && t.Is(st.Text, "into"):
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// probesOnly reports whether a SELECT returns no rows by construction
// (WHERE false, LIMIT 0): a check that its relations exist, as migration
// tools' verify scripts write.
func probesOnly(sel *syntax.SelectStmt) bool {
	if c := sel.WhereClause.GetAConst(); c != nil && c.GetBoolval() != nil && !c.GetBoolval().Boolval {
		return true
	}
	if c := sel.LimitCount.GetAConst(); c != nil && c.GetIval() != nil && c.GetIval().Ival == 0 {
		return true
	}
	return false
}

// branchesHaveStar reports whether a target of sel, or of a branch of
// its set operation, is a star.
func branchesHaveStar(sel *syntax.SelectStmt) bool {
	if sel == nil {
		return false
	}
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		return branchesHaveStar(sel.Larg) || branchesHaveStar(sel.Rarg)
	}
	for _, t := range sel.TargetList {
		if isStar(t.GetResTarget().GetVal().GetColumnRef()) {
			return true
		}
	}
	return false
}

// isStar reports whether a column reference is * or qualifier.*.
func isStar(ref *syntax.ColumnRef) bool {
	return ref != nil && len(ref.Fields) > 0 && ref.Fields[len(ref.Fields)-1].GetAStar() != nil
}

func reportStar(pass *diagnostics.Pass, q *query, ref *syntax.ColumnRef, rowType *schema.Name) {
	st := pass.Stmt
	// The items the star expands to.
	items := q.scope.items
	if len(ref.Fields) > 1 {
		it := q.scope.item(ref.Fields[len(ref.Fields)-2].GetString_().GetSval())
		if it == nil || !q.scope.local(it) {
			return
		}
		items = []*scopeItem{it}
	}
	if rowType != nil && len(items) == 1 && items[0].rel != nil {
		// By name: the relation may be a view, or a table of another file.
		rv := items[0].rel
		if rv.Relname == rowType.Object && (rv.Schemaname == "" || rowType.Schema == "" || rv.Schemaname == rowType.Schema) {
			return // a function returning the relation's row type
		}
	}
	open := false // the star reaches a table or view, not only subqueries that list their columns
	fixable := true
	var tables []string
	for _, it := range items {
		switch {
		case it.rel != nil && !it.cte:
			open = true
			tables = append(tables, itemLabel(it))
		case it.cte && !it.colsKnown:
			open = true
			tables = append(tables, it.rel.Relname)
		case it.subquery && !it.colsKnown:
			open = true
			tables = append(tables, it.name)
		}
		if it.table == nil {
			fixable = false
		}
	}
	if !open {
		return
	}
	// The star's span: from its qualifier through the "*".
	first := st.LexemeAt(int(ref.Location))
	last := first
	for last >= 0 && last < len(st.Lexemes()) && !punct(st, last, "*") {
		last = nextLexeme(st, last)
	}
	if first < 0 || last < 0 {
		return
	}
	span := lexemeSpan(st, first, last)
	written := pass.File.Text[span.Start:span.End]
	d := diagnostics.Diagnostic{
		Span:    span,
		Message: fmt.Sprintf("%s returns every column of %s, so the result changes whenever the table does", starLabel(written), joinAnd(tables)),
	}
	if fixable && len(ref.Fields) == 1 {
		fixable = !mergesColumns(q)
	}
	if fixable {
		if list, ok := starColumns(q, items, ref, written); ok {
			d.Fixes = []diagnostics.Fix{edit.Fix("List the columns", edit.ReplaceTokens(pass.File, span, list))}
		}
	}
	pass.Report(d)
}

// starLabel names a star as messages write it: "SELECT *" or "u.*".
func starLabel(written string) string {
	if written == "*" {
		return "SELECT *"
	}
	return written
}

// mergesColumns reports whether a join of q merges columns (USING or
// NATURAL), which a star lists once and a column list cannot copy simply.
func mergesColumns(q *query) bool {
	for _, j := range q.joins {
		if j.IsNatural || len(j.UsingClause) > 0 {
			return true
		}
	}
	return false
}

// starColumns returns the column list a star stands for: every column
// of each table of items, in order, qualified when the query reads more
// than one relation (with the qualifier as written for t.*).
func starColumns(q *query, items []*scopeItem, ref *syntax.ColumnRef, written string) (string, bool) {
	qualify := len(q.scope.items) > 1 || len(ref.Fields) > 1
	var cols []string
	for _, it := range items {
		prefix := ""
		if qualify {
			if len(ref.Fields) > 1 {
				prefix = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(written, "*")), ".")) + "."
			} else {
				for _, other := range q.scope.items {
					if other != it && other.name == it.name {
						return "", false // two relations of one name in different schemas
					}
				}
				prefix = syntax.QuoteIdent(it.name) + "."
			}
		}
		for _, c := range it.table.Columns {
			cols = append(cols, prefix+syntax.QuoteIdent(c.Name))
		}
	}
	if len(cols) == 0 {
		return "", false
	}
	return strings.Join(cols, ", "), true
}

// joinAnd joins names as prose: "a", "a and b", "a, b and c".
func joinAnd(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
