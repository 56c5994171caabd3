package edit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

func apply(t *testing.T, text string, edits ...source.Edit) string {
	t.Helper()
	out, err := source.Apply(text, edits)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeleteClause(t *testing.T) {
	text := "ALTER TABLE t ADD COLUMN c text /* keep */ NOT NULL DEFAULT 'x';"
	f := source.NewFile("t.sql", 0, text)
	pf, err := syntax.NewParser(0).ParseFile(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	st := pf.Stmts[0]
	span := func(s string) source.Span {
		i := strings.Index(text, s)
		return source.Span{Start: i, End: i + len(s)}
	}
	got := apply(t, text, edit.DeleteClause(st, span("NOT NULL")), edit.DeleteClause(st, span("DEFAULT 'x'")))
	if want := "ALTER TABLE t ADD COLUMN c text /* keep */;"; got != want {
		t.Errorf("DeleteClause:\n got %q\nwant %q", got, want)
	}
}

func TestInsertLineBefore(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n"} {
		text := "CREATE TABLE t (" + nl + "  a int" + nl + ");"
		f := source.NewFile("t.sql", 0, text)
		got := apply(t, text, edit.InsertLineBefore(f, strings.Index(text, "a int"), "  id int,"))
		if want := "CREATE TABLE t (" + nl + "  id int," + nl + "  a int" + nl + ");"; got != want {
			t.Errorf("InsertLineBefore:\n got %q\nwant %q", got, want)
		}
	}
}

func TestInsertAfterStmt(t *testing.T) {
	tests := []struct{ text, want string }{
		{"SELECT 1; -- note\nSELECT 2;", "SELECT 1; -- note\nCREATE INDEX i ON t (a);\nSELECT 2;"},
		{"SELECT 1;\r\nSELECT 2;", "SELECT 1;\r\nCREATE INDEX i ON t (a);\r\nSELECT 2;"},
		// The last statement of a file without a semicolon gets one.
		{"SELECT 1 -- note", "SELECT 1; -- note\nCREATE INDEX i ON t (a);"},
		// More SQL on the same line stays after the inserted statement.
		{"SELECT 1; SELECT 2", "SELECT 1;\nCREATE INDEX i ON t (a);\n SELECT 2"},
	}
	for _, tt := range tests {
		f := source.NewFile("t.sql", 0, tt.text)
		pf, err := syntax.NewParser(0).ParseFile(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if got := apply(t, tt.text, edit.InsertAfterStmt(f, pf.Stmts[0], "CREATE INDEX i ON t (a);")); got != tt.want {
			t.Errorf("InsertAfterStmt(%q):\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestReplaceTokens(t *testing.T) {
	text := "CREATE TABLE a(x FLOAT(1)DEFAULT 0, y float8)"
	f := source.NewFile("t.sql", 0, text)
	span := func(s string) source.Span {
		i := strings.Index(text, s)
		return source.Span{Start: i, End: i + len(s)}
	}
	got := apply(t, text, edit.ReplaceTokens(f, span("FLOAT(1)"), "NUMERIC"), edit.ReplaceTokens(f, span("float8"), "numeric"))
	if want := "CREATE TABLE a(x NUMERIC DEFAULT 0, y numeric)"; got != want {
		t.Errorf("ReplaceTokens:\n got %q\nwant %q", got, want)
	}
	text = "SELECT a/*x*/FROM t"
	f = source.NewFile("t.sql", 0, text)
	if got := apply(t, text, edit.ReplaceTokens(f, span("/*x*/"), "")); got != "SELECT a FROM t" {
		t.Errorf("ReplaceTokens deleting between words = %q", got)
	}
}
