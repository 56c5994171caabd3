package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// appendTableElements returns the edits that add elems (column
// definitions or table constraints, without commas) at the end of the
// element list of cs, the pass's CREATE TABLE statement: on lines of
// their own, indented like the first element, when the list's closing
// parenthesis starts its own line, and on the last element's line
// otherwise. It returns false when the list cannot be found.
func appendTableElements(pass *diagnostics.Pass, cs *syntax.CreateStmt, elems []string) ([]source.Edit, bool) {
	st, f := pass.Stmt, pass.File
	toks := st.Lexemes()
	name := st.NameSpan(cs.Relation.Location)
	open := st.LexemeAt(name.End - st.Span.Start)
	if open < 0 || toks[open].Text(st.Text) != "(" {
		return nil, false
	}
	closing, depth := -1, 0
	for i := open; i < len(toks) && closing < 0; i++ {
		switch toks[i].Text(st.Text) {
		case "(":
			depth++
		case ")":
			if depth--; depth == 0 {
				closing = i
			}
		}
	}
	if closing < 0 {
		return nil, false
	}
	last := closing - 1
	for last > open && toks[last].Kind == syntax.LexComment {
		last--
	}
	lastEnd := st.LexemeSpan(last).End
	if last == open { // CREATE TABLE t ()
		return []source.Edit{edit.Insert(lastEnd, strings.Join(elems, ", "))}, true
	}
	closeAt := st.LexemeSpan(closing).Start
	closeLine := f.OffsetLine(closeAt)
	if f.OffsetLine(lastEnd) == closeLine || strings.TrimSpace(f.Text[f.LineStart(closeLine):closeAt]) != "" {
		return []source.Edit{edit.Insert(lastEnd, ", "+strings.Join(elems, ", "))}, true
	}
	indent := "  "
	if first := st.Span.Start + toks[st.LexemeAt(toks[open].End)].Start; f.OffsetLine(first) != f.OffsetLine(st.LexemeSpan(open).Start) {
		indent = edit.LineIndent(f, first)
	}
	edits := []source.Edit{edit.Insert(lastEnd, ",")}
	for k, e := range elems {
		line := indent + e
		if k < len(elems)-1 {
			line += ","
		}
		edits = append(edits, edit.InsertLineBefore(f, closeAt, line))
	}
	return edits, true
}
