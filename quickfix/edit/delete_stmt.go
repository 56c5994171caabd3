package edit

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// DeleteStmt deletes statement st of file f. When the statement has its
// lines to itself (nothing but white space before it on its first line,
// nothing but white space or a comment after it on its last), those whole
// lines go, the trailing comment with them: it spoke of the statement.
// Otherwise only the statement's text goes, with the white space that
// separates it from what comes before it on its line. Comments on lines
// of their own before the statement are kept.
func DeleteStmt(f *source.File, st *syntax.Stmt) source.Edit {
	first, last := f.OffsetLine(st.Span.Start), f.OffsetLine(max(st.Span.End-1, st.Span.Start))
	before := f.Text[f.LineStart(first):st.Span.Start]
	lastEnd := f.LineStart(last) + len(f.LineText(last))
	after := strings.TrimLeft(f.Text[st.Span.End:lastEnd], " \t")
	if strings.TrimLeft(before, " \t") == "" && (after == "" || strings.HasPrefix(after, "--")) {
		end := len(f.Text)
		if last+1 < f.LineCount() {
			end = f.LineStart(last + 1)
		}
		return source.Edit{Span: source.Span{Start: f.LineStart(first), End: end}}
	}
	start := st.Span.Start
	for start > f.LineStart(first) && (f.Text[start-1] == ' ' || f.Text[start-1] == '\t') {
		start--
	}
	return source.Edit{Span: source.Span{Start: start, End: st.Span.End}}
}
