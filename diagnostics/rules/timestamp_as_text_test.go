package rules_test

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestTimestampAsTextFixes applies each of the rule's two fixes by title.
func TestTimestampAsTextFixes(t *testing.T) {
	tests := []struct{ in, fix, want string }{
		{"CREATE TABLE t (created_at varchar(50));", "Use TIMESTAMPTZ", "CREATE TABLE t (created_at TIMESTAMPTZ);"},
		{"CREATE TABLE t (created_at varchar(50));", "Use TIMESTAMP", "CREATE TABLE t (created_at TIMESTAMP);"},
		{"CREATE TABLE t (due_date character varying(10) NOT NULL);", "Use TIMESTAMPTZ", "CREATE TABLE t (due_date TIMESTAMPTZ NOT NULL);"},
		{"CREATE TABLE t (due_date character varying(10) NOT NULL);", "Use TIMESTAMP", "CREATE TABLE t (due_date TIMESTAMP NOT NULL);"},
		{"ALTER TABLE t ADD COLUMN \"sentOn\" text DEFAULT now();", "Use TIMESTAMPTZ", "ALTER TABLE t ADD COLUMN \"sentOn\" TIMESTAMPTZ DEFAULT now();"},
		{"ALTER TABLE t ADD COLUMN \"sentOn\" text DEFAULT now();", "Use TIMESTAMP", "ALTER TABLE t ADD COLUMN \"sentOn\" TIMESTAMP DEFAULT now();"},
	}
	engine := strictEngine(t, rules.TimestampAsText)
	for _, tt := range tests {
		t.Run(tt.fix+"/"+tt.in, func(t *testing.T) {
			f := source.NewFile("t.sql", 0, tt.in)
			diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, diagnostics.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			if p := d.Preferred(); p < 0 || d.Fixes[p].Title != "Use TIMESTAMPTZ" {
				t.Errorf("preferred fix is %d (%v), want Use TIMESTAMPTZ", p, d.Fixes)
			}
			applyFixTitled(t, d.Fixes, tt.fix, tt.in, tt.want)
		})
	}
}
