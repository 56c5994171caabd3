package rules

import (
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// existingTable returns the table rv names when the pass's statement
// changes a table that already holds rows in production: the statement
// is a statement of an up migration (a migration file, outside its down
// sections; down migrations undo and rarely run against live traffic)
// and the table was created by an earlier file of the migration order,
// as add-column-not-null judges it. It returns nil otherwise: a table the
// file creates is empty, and one the workspace does not create is unknown.
func existingTable(pass *diagnostics.Pass, rv *syntax.RangeVar) *schema.Table {
	if rv == nil || pass.Stmt.Parent != nil || !inUpMigration(pass) {
		return nil
	}
	tbl := pass.Schema.Table(schema.RangeVarName(rv))
	if tbl == nil || !pass.Schema.CreatedBefore(tbl, pass.File.URI) {
		return nil
	}
	return tbl
}

// inUpMigration reports whether the pass's statement belongs to the up
// part of a migration file (by its tool's naming, or a migrations folder).
func inUpMigration(pass *diagnostics.Pass) bool {
	return pass.Schema.InMigrations(pass.File.URI) && !inDownMigration(pass)
}

// tableText returns the table name of rv as the statement writes it:
// `billing.invoices`, `"Orders"`.
func tableText(pass *diagnostics.Pass, rv *syntax.RangeVar) string {
	span := pass.Stmt.NameSpan(rv.Location)
	return pass.File.Text[span.Start:span.End]
}

// lexemeText returns the text of the first token at or after the
// statement-relative location loc: a column name as written.
func lexemeText(st *syntax.Stmt, loc int32) string {
	i := st.LexemeAt(int(loc))
	if i < 0 {
		return ""
	}
	return st.Lexemes()[i].Text(st.Text)
}

// alterCmdSpans returns the file span of each command of ALTER TABLE
// statement st, in the order of at.Cmds: the runs of tokens after the
// table name that commas at parenthesis depth 0 separate (comments at
// their edges left out). It returns nil when the runs do not match the
// commands one to one.
func alterCmdSpans(st *syntax.Stmt, at *syntax.AlterTableStmt) []source.Span {
	if at.Relation == nil {
		return nil
	}
	toks := st.Lexemes()
	name := st.NameSpan(at.Relation.Location)
	var spans []source.Span
	start, end, depth := -1, -1, 0
	flush := func() {
		if start >= 0 {
			spans = append(spans, source.Span{Start: st.Span.Start + start, End: st.Span.Start + end})
		}
		start, end = -1, -1
	}
	for i := st.LexemeAt(name.End - st.Span.Start); i >= 0 && i < len(toks); i++ {
		t := toks[i]
		if t.Kind == syntax.LexComment {
			continue
		}
		text := t.Text(st.Text)
		if t.Kind == syntax.LexPunct && depth == 0 && (text == "," || text == ";") {
			flush()
			continue
		}
		switch text {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		}
		if start < 0 {
			start = t.Start
		}
		end = t.End
	}
	flush()
	if len(spans) != len(at.Cmds) {
		return nil
	}
	return spans
}

// cmdSpan returns the span of the i'th command of ALTER TABLE statement
// st, or the whole statement when the commands cannot be told apart.
func cmdSpan(st *syntax.Stmt, at *syntax.AlterTableStmt, i int) source.Span {
	if spans := alterCmdSpans(st, at); spans != nil {
		return spans[i]
	}
	return st.Span
}

// objectName returns the name PostgreSQL gives an unnamed constraint or
// index of table on cols, as its makeObjectName does: table, the columns
// joined by "_" and label ("key", "fkey", "check", "idx"), joined by "_",
// the longer of the first two parts shortened until the whole fits in an
// identifier. With no columns the name is table and label ("orders_pkey",
// "orders_check"). PostgreSQL adds a number when the name is taken; this
// does not.
func objectName(table string, cols []string, label string) string {
	add := strings.Join(cols, "_")
	overhead := len(label) + 1
	if add != "" {
		overhead++
	}
	n1, n2 := len(table), len(add)
	for n1+n2 > maxIdentLen-overhead {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := truncateIdent(table, n1)
	if add != "" {
		name += "_" + truncateIdent(add, n2)
	}
	return name + "_" + label
}

// insertBeforeStmt inserts lines (statements, without a final newline)
// before statement st: on lines of their own with st's indentation when
// st starts its line, and right before st, followed by a line break and
// st's indentation, when more SQL precedes it on the line.
func insertBeforeStmt(f *source.File, st *syntax.Stmt, lines string) source.Edit {
	line := f.OffsetLine(st.Span.Start)
	lineStart := f.LineStart(line)
	indent := edit.LineIndent(f, st.Span.Start)
	nl := "\n"
	if strings.Contains(f.Text, "\r\n") {
		nl = "\r\n"
	}
	text := indent + strings.ReplaceAll(lines, "\n", nl+indent)
	if strings.TrimSpace(f.Text[lineStart:st.Span.Start]) == "" {
		return edit.InsertLineBefore(f, st.Span.Start, text)
	}
	return edit.Insert(st.Span.Start, strings.TrimLeft(text, " \t")+nl+indent)
}
