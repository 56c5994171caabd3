package quickfix

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

func fixAt(text, old, new string, unsafe bool) diagnostics.Fix {
	i := strings.Index(text, old)
	return diagnostics.Fix{Title: "Replace " + old, Unsafe: unsafe, Edits: []source.Edit{{Span: source.Span{Start: i, End: i + len(old)}, New: new}}}
}

func TestApplyDedupesIdenticalEdits(t *testing.T) {
	text := "SELECT 1;"
	insert := diagnostics.Fix{Edits: []source.Edit{{Span: source.Span{Start: 9, End: 9}, New: "\nSELECT 2;"}}}
	got, err := Apply(text, insert, insert)
	if err != nil || got != "SELECT 1;\nSELECT 2;" {
		t.Errorf("Apply = %q, %v", got, err)
	}
}

func TestFixAll(t *testing.T) {
	text := "CREATE TABLE t (a float8, b float8, c float8);"
	file := source.NewFile("t.sql", 1, text)
	diags := []diagnostics.Diagnostic{
		{Rule: "r1", Fixes: []diagnostics.Fix{fixAt(text, "a float8", "a numeric", false)}},
		{Rule: "r2", Fixes: []diagnostics.Fix{fixAt(text, "a float8, b", "a real, b", false)}},                                     // overlaps r1: skipped
		{Rule: "r3", Fixes: []diagnostics.Fix{fixAt(text, "c float8", "c numeric", true)}},                                         // unsafe: never applied
		{Rule: "r4", Fixes: []diagnostics.Fix{fixAt(text, "b float8", "b int", true), fixAt(text, "b float8", "b bigint", false)}}, // the first safe fix
		{Rule: "r5"}, // no fix
	}
	res, err := FixAll(context.Background(), syntax.NewParser(0), file, diags, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "CREATE TABLE t (a numeric, b bigint, c float8);" {
		t.Errorf("text = %q", res.Text)
	}
	if len(res.Applied) != 2 || res.Applied[0].Rule != "r1" || res.Applied[1].Rule != "r4" || len(res.Skipped) != 1 || res.Skipped[0].Rule != "r2" {
		t.Errorf("applied %v, skipped %v", res.Applied, res.Skipped)
	}
	// want filters by rule.
	res, _ = FixAll(context.Background(), syntax.NewParser(0), file, diags, func(rule string) bool { return rule == "r4" })
	if res.Text != "CREATE TABLE t (a float8, b bigint, c float8);" {
		t.Errorf("only r4: text = %q", res.Text)
	}
}

func TestFixAllRefusesSQLThatDoesNotParse(t *testing.T) {
	text := "CREATE TABLE t (a float8);\nSELECT FROM WHERE;\n"
	file := source.NewFile("t.sql", 1, text)
	diags := []diagnostics.Diagnostic{{Rule: "r", Fixes: []diagnostics.Fix{fixAt(text, "float8", "float8(", false)}}}
	_, err := FixAll(context.Background(), syntax.NewParser(0), file, diags, nil)
	if err == nil || !strings.Contains(err.Error(), "t.sql: the fixed text does not parse at 1:") {
		t.Errorf("FixAll with a breaking fix: err = %v", err)
	}
	// A file that already had a parse error elsewhere may still be fixed.
	diags = []diagnostics.Diagnostic{{Rule: "r", Fixes: []diagnostics.Fix{fixAt(text, "float8", "numeric", false)}}}
	res, err := FixAll(context.Background(), syntax.NewParser(0), file, diags, nil)
	if err != nil || !strings.HasPrefix(res.Text, "CREATE TABLE t (a numeric);") {
		t.Errorf("FixAll beside an existing error = %q, %v", res.Text, err)
	}
}
