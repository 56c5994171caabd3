package syntax

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// wantErr is one statement's expected parse error: its kind, span and message.
type wantErr struct {
	Kind    ErrorKind
	Span    source.Span
	Message string
}

func (w wantErr) String() string { return fmt.Sprintf("kind %d %v %s", w.Kind, w.Span, w.Message) }

// TestPathologicalInput parses inputs that break other tools (deep
// nesting, huge statements and lines, floods of semicolons, unterminated
// quotes and comments, NUL bytes, invalid UTF-8, every line end, a byte
// order mark) and checks the exact errors: each is a located error or a
// bounded skip, never a crash, and each input parses in bounded time.
// The inputs are generated here; none is committed.
func TestPathologicalInput(t *testing.T) {
	nested := func(n int) string {
		return "SELECT " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + ";\n"
	}
	subqueries := strings.Repeat("SELECT (", 3000) + "1" + strings.Repeat(")", 3000) + ";"
	// A generated INSERT just under the statement size limit, and one just over it.
	insert := func(size int) string {
		var b strings.Builder
		b.WriteString("INSERT INTO t (id, name) VALUES (0, 'x')")
		for i := 1; b.Len() < size-len(", (0, 'x');"); i++ {
			fmt.Fprintf(&b, ", (%d, 'x')", i%10)
		}
		for b.Len() < size-1 {
			b.WriteByte(' ')
		}
		b.WriteByte(';')
		return b.String()
	}
	under, over := insert(MaxStatementSize), insert(MaxStatementSize+1)
	longLine := strings.Repeat("SELECT a FROM t; ", 2<<20/len("SELECT a FROM t; "))
	longStmt := "SELECT " + strings.Repeat("a, ", 2<<20/3) + "a FROM t;"
	dollar := "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n" + strings.Repeat("SELECT 2;\n", 1000)
	tooLarge := func(n int) string {
		return fmt.Sprintf("statement too large to analyse (%d bytes; limit %d)", n, MaxStatementSize)
	}
	const deep = `statement nested too deeply for PostgreSQL's parser (memory exhausted at or near "(")`
	tests := []struct {
		name  string
		text  string
		stmts int // statements in the file
		errs  []wantErr
	}{
		{"10,000 nested parentheses", nested(10_000), 1, []wantErr{{PlainError, source.Span{Start: 10_003, End: 10_004}, deep}}},
		{"100,000 nested parentheses", nested(100_000), 1, []wantErr{{PlainError, source.Span{Start: 10_003, End: 10_004}, deep}}},
		{"3,000 nested subqueries", subqueries, 1, []wantErr{{PlainError, source.Span{Start: 0, End: 6},
			"statement nested too deeply to analyse (its parse tree is deeper than 10000 levels)"}}},
		{"a 1 MB statement", under, 1, nil},
		{"a statement over the size limit", over, 1, []wantErr{{PlainError, source.Span{Start: 0, End: 6}, tooLarge(len(over))}}},
		{"a 2 MB line", longLine, len(longLine) / len("SELECT a FROM t; "), nil},
		{"a 2 MB statement on one line", longStmt, 1, []wantErr{{PlainError, source.Span{Start: 0, End: 6}, tooLarge(len(longStmt))}}},
		{"200 KB of semicolons", strings.Repeat(";", 200_000), 200_000, nil},
		{"an unterminated dollar quote", dollar, 2, []wantErr{{PlainError, source.Span{Start: 45, End: len(dollar)},
			`unterminated dollar-quoted string at or near "$$ SELECT 1;…"`}}},
		{"an unterminated quoted string", "SELECT 'abc" + strings.Repeat("x", 1000), 1, []wantErr{{PlainError, source.Span{Start: 7, End: 1011},
			`unterminated quoted string at or near "'abcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"`}}},
		{"an unterminated block comment after a statement", "SELECT 1; /* never /* closed */ SELECT 2;", 2, []wantErr{{PlainError, source.Span{Start: 10, End: 41},
			`unterminated /* comment at or near "/* never /* closed */ SELECT 2;"`}}},
		{"an unterminated block comment inside a statement", "SELECT 1 /* open", 1, []wantErr{{PlainError, source.Span{Start: 9, End: 16},
			`unterminated /* comment at or near "/* open"`}}},
		{"a file of NUL bytes", strings.Repeat("\x00", 4096), 1, []wantErr{{PlainError, source.Span{Start: 0, End: 1},
			"NUL byte in the statement: PostgreSQL cannot read it (is this a binary file, or UTF-16 text?)"}}},
		{"a NUL byte in a statement", "SELECT 'é'\x00;", 1, []wantErr{{PlainError, source.Span{Start: 11, End: 12},
			"NUL byte in the statement: PostgreSQL cannot read it (is this a binary file, or UTF-16 text?)"}}},
		{"invalid UTF-8", "SELECT 1;\nSELECT '\xff\xfe' AS x;\n", 2, []wantErr{{EncodingError, source.Span{Start: 18, End: 19},
			"invalid UTF-8 byte 0xff: sqlsage reads UTF-8 text; convert the file to UTF-8"}}},
		{"CRLF line ends", "SELECT 1;\r\nSELECT * FROM;\r\n", 2, []wantErr{{PlainError, source.Span{Start: 24, End: 25}, `syntax error at or near ";"`}}},
		{"lone CR line ends", "SELECT 1;\rSELECT * FROM;\r", 2, []wantErr{{PlainError, source.Span{Start: 23, End: 24}, `syntax error at or near ";"`}}},
		{"a byte order mark", "\uFEFFCREATE TABLE t (id bigint PRIMARY KEY);\n", 1, nil},
		{"a byte order mark before a comment", "\uFEFF-- schema\nCREATE TABLE t (id bigint PRIMARY KEY);\n", 1, nil},
		{"a byte order mark and an error", "\uFEFFSELECT * FROM;", 1, []wantErr{{PlainError, source.Span{Start: 16, End: 17}, `syntax error at or near ";"`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("p.sql", 0, tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("parsing took %v", d)
			}
			if len(pf.Stmts) != tt.stmts {
				t.Errorf("%d statements, want %d", len(pf.Stmts), tt.stmts)
			}
			var got []wantErr
			for st := range pf.All() {
				if st.Err != nil {
					got = append(got, wantErr{st.Err.Kind, st.Err.Span, st.Err.Message})
				} else if st.Kind == SQL && st.Node == nil && strings.Trim(st.Text, ";") != "" {
					t.Errorf("statement %v has neither a tree nor an error", st.Span)
				}
			}
			if !slices.Equal(got, tt.errs) {
				t.Errorf("errors:\ngot  %v\nwant %v", got, tt.errs)
			}
		})
	}
}

// TestByteOrderMarkTokens checks that a byte order mark at the start of
// a file is white space: the first statement starts after it, with
// CREATE as its first word and the tree's locations relative to it.
func TestByteOrderMarkTokens(t *testing.T) {
	pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("p.sql", 0, "\uFEFFCREATE TABLE t (id int);"))
	if err != nil {
		t.Fatal(err)
	}
	st := pf.Stmts[0]
	if st.Err != nil || st.Node.GetCreateStmt() == nil {
		t.Fatalf("not a CREATE TABLE: %v", st.Err)
	}
	if st.Span.Start != 3 || st.Text[:6] != "CREATE" {
		t.Errorf("statement at %v %q, want it to start after the byte order mark, at 3", st.Span, st.Text)
	}
	if toks := st.Lexemes(); len(toks) == 0 || toks[0].Start != 0 || !toks[0].Is(st.Text, "create") {
		t.Errorf("first token %+v, want CREATE at 0", toks)
	}
	if loc := st.Node.GetCreateStmt().Relation.Location; loc != 13 || st.Offset(loc) != 16 {
		t.Errorf("table name at %d (file offset %d), want 13 (16)", loc, st.Offset(loc))
	}
}
