package quickfix

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// wordRule reports every word "float", in statements and routine bodies.
var wordRule = &diagnostics.Rule{
	ID: "test-float", Category: diagnostics.Schema, Severity: diagnostics.Warning, Default: true,
	Doc: diagnostics.Doc{Summary: "Float used", Why: "Floats are inexact.", Bad: "SELECT float;", Good: "SELECT 1;"},
	Run: func(p *diagnostics.Pass) {
		for i, lx := range p.Stmt.Lexemes() {
			if lx.Is(p.Stmt.Text, "float") {
				p.Report(diagnostics.Diagnostic{Span: p.Stmt.LexemeSpan(i), Message: "float"})
			}
		}
	},
}

// analyze returns the lines (1-based) of the diagnostics of text.
func analyze(t *testing.T, text string) []int {
	t.Helper()
	e, err := diagnostics.NewEngine([]*diagnostics.Rule{wordRule})
	if err != nil {
		t.Fatal(err)
	}
	e.Strict = true
	f := source.NewFile("a.sql", 1, text)
	diags, err := e.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, diagnostics.Config{})
	if err != nil {
		t.Fatal(err)
	}
	lines := []int{}
	for _, d := range diags {
		lines = append(lines, f.OffsetLine(d.Span.Start)+1)
	}
	return lines
}

func parse(t *testing.T, text string) *syntax.ParsedFile {
	t.Helper()
	pf, err := syntax.NewParser(0).ParseFile(context.Background(), source.NewFile("a.sql", 1, text))
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

// TestIgnoreStatement applies "Ignore test-float for this statement" to
// the diagnostic on the line marked "here", checks the text it gives,
// and that the engine no longer reports that diagnostic (only it).
func TestIgnoreStatement(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"indented statement",
			"SELECT float;\n  SELECT float; -- here\n",
			"SELECT float;\n  -- sqlsage-ignore test-float\n  SELECT float; -- here\n"},
		{"second statement of a line",
			"SELECT float; SELECT float; -- here\n",
			"SELECT float;\n-- sqlsage-ignore test-float\nSELECT float; -- here\n"},
		{"CRLF line endings",
			"SELECT float;\r\nSELECT 1, float; -- here\r\n",
			"SELECT float;\r\n-- sqlsage-ignore test-float\r\nSELECT 1, float; -- here\r\n"},
		{"statement of a PL/pgSQL body",
			"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n    UPDATE t SET a = float; -- here\n    UPDATE t SET b = float;\nEND $$;\n",
			"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n    -- sqlsage-ignore test-float\n    UPDATE t SET a = float; -- here\n    UPDATE t SET b = float;\nEND $$;\n"},
		{"statement of a one-line body",
			"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE t SET a = float; END $$; -- here\nSELECT float;\n",
			"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN\n-- sqlsage-ignore test-float\nUPDATE t SET a = float; END $$; -- here\nSELECT float;\n"},
		{"statement of a quoted SQL body",
			"CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT float'; -- here\nSELECT float;\n",
			"CREATE FUNCTION g() RETURNS int LANGUAGE sql AS '\n-- sqlsage-ignore test-float\nSELECT float'; -- here\nSELECT float;\n"},
		{"a multi-line statement",
			"SELECT 1;\nCREATE TABLE t (\n  a float -- here\n);\nSELECT float;\n",
			"SELECT 1;\n-- sqlsage-ignore test-float\nCREATE TABLE t (\n  a float -- here\n);\nSELECT float;\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf := parse(t, tt.text)
			here := strings.Index(tt.text, "-- here")
			lineStart := strings.LastIndexByte(tt.text[:here], '\n') + 1
			off := lineStart + strings.LastIndex(tt.text[lineStart:here], "float")
			fix, ok := IgnoreStatement(pf, "test-float", off)
			if !ok {
				t.Fatal("no fix")
			}
			if fix.Title != "Ignore test-float for this statement" || fix.Unsafe {
				t.Errorf("fix %q unsafe=%v, want a safe \"Ignore test-float for this statement\"", fix.Title, fix.Unsafe)
			}
			got, err := Apply(tt.text, fix)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("after the fix:\n got %q\nwant %q", got, tt.want)
			}
			// One diagnostic fewer, and none left on the line marked "here".
			before, after := analyze(t, tt.text), analyze(t, got)
			hereLine := strings.Count(got[:strings.Index(got, "-- here")], "\n") + 1
			if len(after) != len(before)-1 || slices.Contains(after, hereLine) {
				t.Errorf("diagnostics on lines %v before and %v after: want only the one on line %d (after the fix) gone", before, after, hereLine)
			}
		})
	}
	if _, ok := IgnoreStatement(parse(t, "SELECT 1;\n\n-- c\n"), "test-float", 11); ok {
		t.Error("a fix for an offset outside every statement")
	}
}

func TestIgnoreFile(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"no header",
			"-- users\nCREATE TABLE users (a float);\nSELECT float;\n",
			"-- sqlsage-ignore-file test-float\n-- users\nCREATE TABLE users (a float);\nSELECT float;\n"},
		{"after the header",
			"-- Copyright 2026\n-- +goose Up\n\nSELECT float;\n",
			"-- Copyright 2026\n-- +goose Up\n-- sqlsage-ignore-file test-float\n\nSELECT float;\n"},
		{"CRLF",
			"SELECT float;\r\n",
			"-- sqlsage-ignore-file test-float\r\nSELECT float;\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fix := IgnoreFile(parse(t, tt.text), "test-float")
			if fix.Title != "Ignore test-float in this file" || fix.Unsafe {
				t.Errorf("fix %q unsafe=%v, want a safe \"Ignore test-float in this file\"", fix.Title, fix.Unsafe)
			}
			got, err := Apply(tt.text, fix)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("after the fix:\n got %q\nwant %q", got, tt.want)
			}
			if before, after := analyze(t, tt.text), analyze(t, got); len(before) == 0 || len(after) != 0 {
				t.Errorf("diagnostics on lines %v before and %v after, want some and none", before, after)
			}
		})
	}
}
