package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
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
			"`WHERE` clause; `TRUNCATE` says what it does and is not reported.\n\n" +
			"Two patterns of migration files are evidently on purpose and not reported: a table created " +
			"earlier in the same file (its rows are the file's own, as in a temporary work table), and an " +
			"`UPDATE` that only sets columns added earlier in the same file, or by an earlier file of the " +
			"same change (a backfill of a new column; tools such as popx put each statement of a change in " +
			"a file of its own, numbered under one name: `…000001_network.up.sql`, `…000002_network.up.sql`).",
		Bad:  "DELETE FROM sessions;",
		Good: "DELETE FROM sessions WHERE expires_at < now();",
		Ignore: "When touching every row is the intent, say so: `WHERE true` is not reported (and `TRUNCATE` " +
			"empties a table faster than `DELETE`, if its locking and trigger semantics suit).",
	},
	Run: runUpdateDeleteWithoutWhere,
}

func runUpdateDeleteWithoutWhere(pass *diagnostics.Pass) {
	st := pass.Stmt
	if st.Node == nil || !mentionsUpdateOrDelete(st) {
		return
	}
	var setup *fileSetup // computed when first needed
	intended := func(rel *syntax.RangeVar, targets []*syntax.Node) bool {
		if setup == nil {
			setup = scanFileSetup(pass)
		}
		return setup.intended(rel, targets) || backfillsNewColumns(pass, rel, targets)
	}
	syntax.Inspect(st.Node, func(n *syntax.Node) bool {
		if u := n.GetUpdateStmt(); u != nil && u.WhereClause == nil && u.Relation != nil && !intended(u.Relation, u.TargetList) {
			span, table := commandSpan(pass, u.Relation)
			pass.Reportf(span, "UPDATE without WHERE changes every row of %s", table)
		}
		if d := n.GetDeleteStmt(); d != nil && d.WhereClause == nil && d.Relation != nil && !intended(d.Relation, nil) {
			span, table := commandSpan(pass, d.Relation)
			pass.Reportf(span, "DELETE without WHERE removes every row of %s", table)
		}
		return true
	})
}

// fileSetup is what the statements of a file before the pass's statement
// set up: tables they create and columns they add to existing tables.
type fileSetup struct {
	created map[string]bool            // table key → created in this file
	added   map[string]map[string]bool // table key → columns added in this file
}

func scanFileSetup(pass *diagnostics.Pass) *fileSetup {
	s := &fileSetup{created: map[string]bool{}, added: map[string]map[string]bool{}}
	for _, st := range pass.Parsed().Stmts {
		if st == pass.Stmt.Top() {
			break
		}
		switch n := st.Node.GetNode().(type) {
		case *syntax.Node_CreateStmt:
			s.created[schema.RangeVarName(n.CreateStmt.Relation).Key()] = true
		case *syntax.Node_CreateTableAsStmt:
			s.created[schema.RangeVarName(n.CreateTableAsStmt.GetInto().GetRel()).Key()] = true
		case *syntax.Node_SelectStmt:
			if into := n.SelectStmt.IntoClause; into != nil {
				s.created[schema.RangeVarName(into.Rel).Key()] = true
			}
		case *syntax.Node_AlterTableStmt:
			key := schema.RangeVarName(n.AlterTableStmt.Relation).Key()
			for _, c := range n.AlterTableStmt.Cmds {
				cmd := c.GetAlterTableCmd()
				if def := cmd.GetDef().GetColumnDef(); def != nil && cmd.Subtype == syntax.AlterTableType_AT_AddColumn {
					if s.added[key] == nil {
						s.added[key] = map[string]bool{}
					}
					s.added[key][def.Colname] = true
				}
			}
		}
	}
	return s
}

// intended reports whether an UPDATE (with its SET targets) or a DELETE
// (targets nil) of every row of rel is evidently on purpose: the table
// was created earlier in the file, so its rows are the file's own, or the
// UPDATE only sets columns added earlier in the file (a backfill).
func (s *fileSetup) intended(rel *syntax.RangeVar, targets []*syntax.Node) bool {
	key := schema.RangeVarName(rel).Key()
	if s.created[key] {
		return true
	}
	if len(targets) == 0 || s.added[key] == nil {
		return false
	}
	for _, t := range targets {
		if !s.added[key][t.GetResTarget().GetName()] {
			return false
		}
	}
	return true
}

// backfillsNewColumns reports whether targets, the SET list of an UPDATE
// of rel, only set columns the workspace model says were declared by this
// file or an earlier file of the same change (popx and similar tools put
// each statement of a change in a file of its own, numbered under one
// name: ADD COLUMN in one, its backfill a few files later).
func backfillsNewColumns(pass *diagnostics.Pass, rel *syntax.RangeVar, targets []*syntax.Node) bool {
	tbl := pass.Schema.Table(schema.RangeVarName(rel))
	if tbl == nil || len(targets) == 0 {
		return false
	}
	uri := pass.File.URI
	change := schema.ChangeName(uri)
	for _, t := range targets {
		col := tbl.Column(t.GetResTarget().GetName())
		if col == nil {
			return false
		}
		sameChange := change != "" && schema.ChangeName(col.Def.URI) == change &&
			pass.Schema.FileIndex(col.Def.URI) < pass.Schema.FileIndex(uri)
		if col.Def.URI != uri && !sameChange {
			return false
		}
	}
	return true
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

// mentionsUpdateOrDelete reports whether the statement has an UPDATE or
// DELETE keyword that is not a foreign key's ON UPDATE/ON DELETE: a cheap
// lexeme scan that spares walking the parse tree of every other statement
// on every keystroke.
func mentionsUpdateOrDelete(st *syntax.Stmt) bool {
	lexemes := st.Lexemes()
	for i, lx := range lexemes {
		if !lx.Is(st.Text, "update") && !lx.Is(st.Text, "delete") {
			continue
		}
		if i > 0 && lexemes[i-1].Is(st.Text, "on") {
			continue
		}
		return true
	}
	return false
}
