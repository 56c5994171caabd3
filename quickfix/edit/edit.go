// Package edit holds the builders rules use to express fixes as minimal
// text edits (staticcheck's analysis/edit): replace a span, insert a line
// after a statement. Rules never compute offsets by hand and never
// regenerate a statement from its parse tree (that would drop comments,
// case and layout).
package edit

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// Fix returns a safe fix titled title made of edits.
func Fix(title string, edits ...source.Edit) diagnostics.Fix {
	return diagnostics.Fix{Title: title, Edits: edits}
}

// UnsafeFix returns a fix that may change behaviour: offered in the
// editor, never preferred, never applied by `sqlsage fix`.
func UnsafeFix(title string, edits ...source.Edit) diagnostics.Fix {
	return diagnostics.Fix{Title: title, Edits: edits, Unsafe: true}
}

// Replace replaces the bytes of span with text.
func Replace(span source.Span, text string) source.Edit {
	return source.Edit{Span: span, New: text}
}

// InsertAfterStmt inserts lines on their own after the line on which st
// ends (after any comment that trails it there), keeping the line ending
// style of the file. lines must not end with a newline.
func InsertAfterStmt(f *source.File, st *syntax.Stmt, lines string) source.Edit {
	line := f.OffsetLine(st.Span.End)
	end := f.LineStart(line) + len(f.LineText(line))
	nl := "\n"
	if strings.Contains(f.Text, "\r\n") {
		nl = "\r\n"
	}
	return source.Edit{Span: source.Span{Start: end, End: end}, New: nl + strings.ReplaceAll(lines, "\n", nl)}
}

// LineIndent returns the white space that starts the line holding offset off.
func LineIndent(f *source.File, off int) string {
	text := f.LineText(f.OffsetLine(off))
	return text[:len(text)-len(strings.TrimLeft(text, " \t"))]
}
