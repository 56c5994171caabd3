package rules_test

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
	"github.com/sqlsage/sqlsage/quickfix"
)

// A fixCase applies the fix titled fix of the one diagnostic rule reports
// on in, a one-file workspace, and expects want.
type fixCase struct {
	in, fix, want string
	pgVersion     int
}

// runFixCases runs a rule's fix table: each case must report exactly one
// diagnostic, offer a fix with the given title, and give exactly want. When
// preferred is "", no fix may be preferred (all are unsafe); otherwise it is
// the title of the preferred fix.
func runFixCases(t *testing.T, rule *diagnostics.Rule, preferred string, tests []fixCase) {
	t.Helper()
	engine := strictEngine(t, rule)
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{rule.ID: rule.Severity}}
	for _, tt := range tests {
		t.Run(tt.fix+"/"+tt.in, func(t *testing.T) {
			f := source.NewFile("t.sql", 0, tt.in)
			cfg := cfg
			cfg.PGVersion = tt.pgVersion
			diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 {
				t.Fatalf("%d diagnostics, want 1: %v", len(diags), diags)
			}
			d := diags[0]
			switch p := d.Preferred(); {
			case preferred == "" && p >= 0:
				t.Errorf("fix %q is preferred, want none (all unsafe)", d.Fixes[p].Title)
			case preferred != "" && (p < 0 || d.Fixes[p].Title != preferred):
				t.Errorf("preferred fix is %d (%v), want %q", p, d.Fixes, preferred)
			}
			applyFixTitled(t, d.Fixes, tt.fix, tt.in, tt.want)
		})
	}
}

// applyFixTitled applies the fix titled title among fixes to in and
// expects want; it returns that fix, or false (and fails the test) when
// there is no fix so titled.
func applyFixTitled(t *testing.T, fixes []diagnostics.Fix, title, in, want string) (diagnostics.Fix, bool) {
	t.Helper()
	for _, fix := range fixes {
		if fix.Title != title {
			continue
		}
		got, err := quickfix.Apply(in, fix)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("fix %q:\n got %s\nwant %s", title, got, want)
		}
		return fix, true
	}
	t.Errorf("no fix titled %q among %v", title, fixes)
	return diagnostics.Fix{}, false
}

// strictEngine returns an engine that runs rule alone, in strict mode
// (a rule's panic fails the test).
func strictEngine(t *testing.T, rules ...*diagnostics.Rule) *diagnostics.Engine {
	t.Helper()
	engine, err := diagnostics.NewEngine(rules)
	if err != nil {
		t.Fatal(err)
	}
	engine.Strict = true
	return engine
}

// analyzeOne runs rule alone over sql, a one-file workspace.
func analyzeOne(t *testing.T, rule *diagnostics.Rule, sql string) []diagnostics.Diagnostic {
	t.Helper()
	engine := strictEngine(t, rule)
	f := source.NewFile("t.sql", 0, sql)
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{rule.ID: rule.Severity}}
	diags, err := engine.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return diags
}
