package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// UpdateDeleteWithoutWhere reports UPDATE and DELETE statements, anywhere
// in a statement, that have no WHERE clause.
var UpdateDeleteWithoutWhere = &diagnostics.Rule{
	ID:       "update-delete-without-where",
	Category: diagnostics.Query,
	Severity: diagnostics.Error,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "UPDATE or DELETE without a WHERE clause",
		Why: "An `UPDATE` or `DELETE` without `WHERE` changes every row of its table. It is almost always a " +
			"condition lost in an edit, a copy-paste or a half-selected statement run in a console, and the " +
			"damage is done in one statement: every row rewritten (and every index entry with it), or every " +
			"row gone. The rule looks at every `UPDATE` and `DELETE` in a statement, including those in " +
			"`WITH` clauses, rule actions and SQL-standard function bodies. `WHERE CURRENT OF cursor` is a " +
			"`WHERE` clause; `TRUNCATE` says what it does and is not reported.",
		Bad:  "DELETE FROM sessions;",
		Good: "DELETE FROM sessions WHERE expires_at < now();",
		Ignore: "When touching every row is the intent, say so: `WHERE true` is not reported (and `TRUNCATE` " +
			"empties a table faster than `DELETE`, if its locking and trigger semantics suit).",
	},
	Run: runUpdateDeleteWithoutWhere,
}

func runUpdateDeleteWithoutWhere(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Node == nil {
		return
	}
	syntax.Inspect(st.Node, func(n *syntax.Node) bool {
		if u := n.GetUpdateStmt(); u != nil && u.WhereClause == nil && u.Relation != nil {
			span, table := commandSpan(pass, u.Relation)
			pass.Reportf(span, "UPDATE without WHERE changes every row of %s", table)
		}
		if d := n.GetDeleteStmt(); d != nil && d.WhereClause == nil && d.Relation != nil {
			span, table := commandSpan(pass, d.Relation)
			pass.Reportf(span, "DELETE without WHERE removes every row of %s", table)
		}
		return true
	})
}

// commandSpan returns the span from the UPDATE or DELETE keyword that
// governs rel through rel's name, and the name as written.
func commandSpan(pass *diagnostics.Pass, rel *syntax.RangeVar) (source.Span, string) {
	st := pass.Stmt
	name := st.NameSpan(rel.Location)
	span := name
	toks := st.Lexemes()
	// Walk back over "FROM" and "ONLY" (and comments) to the keyword.
	for i := st.PrevLexeme(name.Start - st.Span.Start); i >= 0; i-- {
		t := toks[i]
		if t.Kind == syntax.LexComment || t.Is(st.Text, "only") || t.Is(st.Text, "from") {
			continue
		}
		if t.Is(st.Text, "update") || t.Is(st.Text, "delete") {
			span.Start = st.Span.Start + t.Start
		}
		break
	}
	return span, strings.TrimSpace(pass.File.Text[name.Start:name.End])
}
