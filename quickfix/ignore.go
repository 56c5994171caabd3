package quickfix

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// The "ignore this rule here" actions write the suppression comments the
// engine reads (diagnostics.Engine's pipeline): "-- sqlsage-ignore ID" on
// the line before a statement, "-- sqlsage-ignore-file ID" for a file.
// They are always safe (a comment changes nothing the database sees) and
// never preferred: silencing a finding is a decision, not a fix.

// IgnoreStatement returns the fix that silences rule for the statement
// holding byte offset off of pf — the innermost one, a statement of a
// routine body when off lies in one: a line "-- sqlsage-ignore <rule>"
// before the statement, indented as the statement's line is. When
// something else precedes the statement on its line (the previous
// statement, BEGIN of a body), the statement is moved to a line of its
// own after the comment. It reports false when off lies in no statement.
func IgnoreStatement(pf *syntax.ParsedFile, rule string, off int) (diagnostics.Fix, bool) {
	st := innermost(pf.Stmts, off)
	if st == nil {
		return diagnostics.Fix{}, false
	}
	f := pf.File
	comment := "-- sqlsage-ignore " + rule
	title := "Ignore " + rule + " for this statement"
	indent := edit.LineIndent(f, st.Span.Start)
	lineStart := f.LineStart(f.OffsetLine(st.Span.Start))
	if strings.TrimLeft(f.Text[lineStart:st.Span.Start], " \t") == "" {
		return edit.Fix(title, edit.InsertLineBefore(f, st.Span.Start, indent+comment)), true
	}
	// Not first on its line: break the line before the statement.
	start := st.Span.Start
	for start > lineStart && (f.Text[start-1] == ' ' || f.Text[start-1] == '\t') {
		start--
	}
	nl := newline(f)
	return edit.Fix(title, edit.Replace(source.Span{Start: start, End: st.Span.Start}, nl+indent+comment+nl+indent)), true
}

// IgnoreFile returns the fix that silences rule in the whole file of pf:
// a line "-- sqlsage-ignore-file <rule>" at the top of the file, or after
// its header (a leading block of "--" comment lines followed by a blank
// line), so that a comment that documents the first statement stays
// with it.
func IgnoreFile(pf *syntax.ParsedFile, rule string) diagnostics.Fix {
	f := pf.File
	title := "Ignore " + rule + " in this file"
	line := 0
	for line < f.LineCount() && strings.HasPrefix(strings.TrimLeft(f.LineText(line), " \t"), "--") {
		line++
	}
	if line == 0 || line >= f.LineCount() || strings.TrimSpace(f.LineText(line)) != "" {
		line = 0 // no header: the very top
	}
	at := f.LineStart(line)
	return edit.Fix(title, edit.Insert(at, "-- sqlsage-ignore-file "+rule+newline(f)))
}

// innermost returns the statement of stmts holding off, the deepest one
// when off lies in a routine body, as the engine's suppressions see it.
func innermost(stmts []*syntax.Stmt, off int) *syntax.Stmt {
	var found *syntax.Stmt
	for {
		var next *syntax.Stmt
		for _, st := range stmts {
			if st.Kind == syntax.SQL && st.Span.Start <= off && off < st.Span.End {
				next = st
				break
			}
		}
		if next == nil {
			return found
		}
		found, stmts = next, next.Body
	}
}

// newline returns the file's line ending: CRLF when it has any, else LF.
func newline(f *source.File) string {
	if strings.Contains(f.Text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}
