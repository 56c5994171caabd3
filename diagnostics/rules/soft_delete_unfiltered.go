package rules

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// SoftDeleteUnfiltered reports SELECTs that read a soft-deleted table
// without excluding its deleted rows.
var SoftDeleteUnfiltered = &diagnostics.Rule{
	ID:       "soft-delete-unfiltered",
	Category: diagnostics.Query,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Soft-deleted table read without deleted_at IS NULL",
		Why: "A table with a `deleted_at` column keeps deleted rows and marks them: every query that " +
			"means \"the rows that exist\" must say `deleted_at IS NULL`. Forget it once and a deleted " +
			"account can still sign in, a removed product is still for sale, a count includes what users " +
			"were told is gone. Nothing fails; the rows are just there.\n\n" +
			"The rule looks at each `SELECT` statement, its subqueries and `WITH` queries included, and " +
			"reports each table of the workspace schema that has a nullable `deleted_at` column (a `NOT NULL` " +
			"one records when something was deleted, as in a table of deleted things) and that the query " +
			"reads without mentioning that column at all. A query that does mention it (`deleted_at IS " +
			"NOT NULL` for a trash view, `deleted_at > $1` for a purge, or selecting it) is taken to know " +
			"what it wants. `INSERT … SELECT`, `UPDATE` and `DELETE` are not reported: migrations and " +
			"maintenance often mean every row.",
		Bad: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);\n" +
			"SELECT id, email FROM users WHERE email = $1;",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, deleted_at timestamptz);\n" +
			"SELECT id, email FROM users WHERE email = $1 AND deleted_at IS NULL;",
		Fix: "Adds `deleted_at IS NULL` (qualified with the table's alias when the query reads several " +
			"relations) to the `WHERE` clause, or a new `WHERE` clause; for the nullable side of an outer " +
			"join, to its `ON` clause, so that the join still keeps the rows of the other side. The fix is " +
			"unsafe: it changes the result, which is its point. A view or a partial index " +
			"`WHERE deleted_at IS NULL` makes the condition hard to forget.",
		Ignore: "Admin, audit and restore screens that must see deleted rows: select `deleted_at` to show " +
			"them, which also tells the rule.",
	},
	Run: runSoftDeleteUnfiltered,
}

// softDeleteColumn is the column that marks a row soft-deleted.
const softDeleteColumn = "deleted_at"

// A softRead is a soft-deleted table a query reads.
type softRead struct {
	q  *query
	it *scopeItem
}

func runSoftDeleteUnfiltered(pass *diagnostics.Pass) {
	st := pass.Stmt
	sel := st.Node.GetSelectStmt()
	if sel == nil || sel.IntoClause != nil || !anySoftDeleted(pass.Schema) {
		return
	}
	if !mayHaveSubquery(st) && !readsSoftDeleted(pass.Schema, sel) {
		return // the common case: one query, no table of it has deleted_at
	}
	var reads []softRead
	var mentioned []*scopeItem
	unresolved := false
	forEachQuery(pass.Schema, st, func(q *query) {
		for _, it := range q.scope.items {
			if q.sel != nil && it.table != nil && it.rel != nil && softDeleted(it.table) {
				reads = append(reads, softRead{q, it})
			}
		}
		q.eachExpr(func(e *syntax.Node) {
			walkExpr(e, func(n *syntax.Node) bool {
				ref := n.GetColumnRef()
				if ref == nil || ref.Fields[len(ref.Fields)-1].GetString_().GetSval() != softDeleteColumn {
					return true
				}
				if it, _, ok := q.scope.resolve(ref); ok {
					mentioned = append(mentioned, it)
				} else {
					unresolved = true
				}
				return true
			})
		})
	})
	if unresolved {
		return // a deleted_at the rule cannot place: assume the query handles it
	}
	for _, r := range reads {
		if !containsItem(mentioned, r.it) {
			reportSoftDelete(pass, r)
		}
	}
}

func containsItem(items []*scopeItem, it *scopeItem) bool {
	for _, x := range items {
		if x == it {
			return true
		}
	}
	return false
}

// softDeleted reports whether t marks deleted rows: it has a nullable
// deleted_at column (a NOT NULL one records when something was deleted,
// as in a table of deleted things, and marks nothing).
func softDeleted(t *schema.Table) bool {
	c := t.Column(softDeleteColumn)
	return c != nil && !c.NotNull
}

// anySoftDeleted reports whether a table of the model is soft-deleted.
func anySoftDeleted(m *schema.Model) bool {
	for _, t := range m.TablesWithColumn(softDeleteColumn) {
		if softDeleted(t) {
			return true
		}
	}
	return false
}

// readsSoftDeleted reports whether a relation in the FROM clause of sel
// (or of a branch of its set operation) is a soft-deleted model table.
func readsSoftDeleted(m *schema.Model, sel *syntax.SelectStmt) bool {
	if sel == nil {
		return false
	}
	if sel.Op != syntax.SetOperation_SETOP_NONE {
		return readsSoftDeleted(m, sel.Larg) || readsSoftDeleted(m, sel.Rarg)
	}
	var has func(n *syntax.Node) bool
	has = func(n *syntax.Node) bool {
		switch x := n.GetNode().(type) {
		case *syntax.Node_RangeVar:
			t := m.Table(schema.RangeVarName(x.RangeVar))
			return t != nil && softDeleted(t)
		case *syntax.Node_JoinExpr:
			return has(x.JoinExpr.Larg) || has(x.JoinExpr.Rarg)
		}
		return false
	}
	for _, f := range sel.FromClause {
		if has(f) {
			return true
		}
	}
	return false
}

func reportSoftDelete(pass *diagnostics.Pass, r softRead) {
	st := pass.Stmt
	table := itemLabel(r.it)
	d := diagnostics.Diagnostic{
		Span: st.NameSpan(r.it.rel.Location),
		Message: fmt.Sprintf("%s has a %s column, but this query reads it without %s IS NULL, so it returns soft-deleted rows",
			table, softDeleteColumn, softDeleteColumn),
	}
	if edits, ok := softDeleteFix(st, r); ok {
		d.Fixes = []diagnostics.Fix{edit.UnsafeFix("Exclude soft-deleted rows", edits...)}
	}
	pass.Report(d)
}

// softDeleteFix returns the edits that add deleted_at IS NULL for r's
// table: to the ON clause of the outer join that makes it nullable, or
// else to the query's WHERE clause.
func softDeleteFix(st *syntax.Stmt, r softRead) ([]source.Edit, bool) {
	pred := syntax.QuoteIdent(softDeleteColumn) + " IS NULL"
	if len(r.q.scope.items) > 1 {
		for _, other := range r.q.scope.items {
			if other != r.it && other.name == r.it.name {
				return nil, false
			}
		}
		pred = syntax.QuoteIdent(r.it.name) + "." + pred
	}
	if r.it.outerJoin != nil {
		return andJoinPredicate(st, r.it.outerJoin, pred)
	}
	return andPredicate(st, r.q.sel, pred)
}
