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
	nl := newline(f)
	insert := nl + strings.ReplaceAll(lines, "\n", nl)
	if tail := strings.TrimSpace(f.Text[st.Span.End:end]); tail != "" && !strings.HasPrefix(tail, "--") {
		// More SQL follows on the statement's line: insert right after the
		// statement, on lines of its own, and leave the rest after them.
		if !strings.HasSuffix(st.Text, ";") {
			insert = ";" + insert
		}
		return source.Edit{Span: source.Span{Start: st.Span.End, End: st.Span.End}, New: insert + nl}
	}
	if !strings.HasSuffix(st.Text, ";") {
		// The statement has no semicolon (the last one of a file may not):
		// end it, or the inserted statement would continue it. The rest of
		// its line (a trailing comment) is rewritten unchanged.
		return source.Edit{Span: source.Span{Start: st.Span.End, End: end}, New: ";" + f.Text[st.Span.End:end] + insert}
	}
	return source.Edit{Span: source.Span{Start: end, End: end}, New: insert}
}

// InsertLineBefore inserts text as a line of its own before the line
// holding offset off, keeping the line ending style of the file. text must
// not end with a newline; it carries its own indentation.
func InsertLineBefore(f *source.File, off int, text string) source.Edit {
	start := f.LineStart(f.OffsetLine(off))
	return source.Edit{Span: source.Span{Start: start, End: start}, New: text + newline(f)}
}

// Insert inserts text at offset off.
func Insert(off int, text string) source.Edit {
	return source.Edit{Span: source.Span{Start: off, End: off}, New: text}
}

// DeleteClause deletes span, a clause of statement st, together with the
// white space that separates it from the token before it, so that
// "text NOT NULL DEFAULT 0" loses " NOT NULL" and not just "NOT NULL".
// A comment before the clause is kept.
func DeleteClause(st *syntax.Stmt, span source.Span) source.Edit {
	start := span.Start
	if i := st.PrevLexeme(span.Start - st.Span.Start); i >= 0 {
		start = st.Span.Start + st.Lexemes()[i].End
	}
	return source.Edit{Span: source.Span{Start: start, End: span.End}}
}

// newline returns the file's line ending: CRLF when it has any, else LF.
func newline(f *source.File) string {
	if strings.Contains(f.Text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// LineIndent returns the white space that starts the line holding offset off.
func LineIndent(f *source.File, off int) string {
	text := f.LineText(f.OffsetLine(off))
	return text[:len(text)-len(strings.TrimLeft(text, " \t"))]
}

// ReplaceTokens replaces the lexemes covering span with text, adding a
// space on either side where text would otherwise run into a neighbouring
// word or number: "FLOAT(1)DEFAULT 0" becomes "NUMERIC DEFAULT 0", not
// "NUMERICDEFAULT 0"; a deletion between two words leaves a space. Use it
// for every replacement of SQL tokens.
func ReplaceTokens(f *source.File, span source.Span, text string) source.Edit {
	if text == "" {
		// A deletion must not glue the words on either side together.
		if span.Start > 0 && span.End < len(f.Text) && isWordByte(f.Text[span.Start-1]) && isWordByte(f.Text[span.End]) {
			text = " "
		}
	} else {
		if span.End < len(f.Text) && isWordByte(f.Text[span.End]) && isWordByte(text[len(text)-1]) {
			text += " "
		}
		if span.Start > 0 && isWordByte(f.Text[span.Start-1]) && isWordByte(text[0]) {
			text = " " + text
		}
	}
	return source.Edit{Span: span, New: text}
}

// isWordByte reports whether b can continue an identifier, keyword or number.
func isWordByte(b byte) bool {
	return b == '_' || b == '$' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= 0x80
}

// InsertTokens inserts text at offset off with ReplaceTokens' care for
// token boundaries: "(a)NOT VALID" plus " ON DELETE CASCADE" becomes
// "(a) ON DELETE CASCADE NOT VALID".
func InsertTokens(f *source.File, off int, text string) source.Edit {
	return ReplaceTokens(f, source.Span{Start: off, End: off}, text)
}
