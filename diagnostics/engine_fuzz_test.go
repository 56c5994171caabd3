package diagnostics_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
	"github.com/sqlsage/sqlsage/quickfix"
)

// FuzzAnalyze sends arbitrary bytes through the whole engine (split,
// parse, the schema model, every rule, every fix): nothing may panic
// (rule panics are re-raised: the engine is strict), every span must lie
// in the text, and every fix must apply and leave SQL that parses wherever
// the input did. Seeds are every SQL fixture in testdata.
//
//	go test ./diagnostics -run '^$' -fuzz FuzzAnalyze -fuzztime 5m
func FuzzAnalyze(f *testing.F) {
	for _, pattern := range []string{"../testdata/rules/*/*.sql", "../testdata/rules/*/*/*.sql", "../testdata/examples/*.sql", "../testdata/examples/*/*/*.sql"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, ".fixed.sql") {
				f.Add(string(b))
			}
		}
	}
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		f.Fatal(err)
	}
	engine.Strict = true
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{}}
	for _, r := range rules.All {
		cfg.Rules[r.ID] = r.Severity // off-by-default rules too
	}
	f.Fuzz(func(t *testing.T, text string) {
		ctx := context.Background()
		parser := syntax.NewParser(0)
		file := source.NewFile("fuzz.sql", 1, text)
		snap := workspace.New(parser, file)
		diags, err := engine.Analyze(ctx, snap, file.URI, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.End > len(text) || d.Span.Start > d.Span.End {
				t.Fatalf("%s: span %v outside %d bytes", d.Rule, d.Span, len(text))
			}
			for _, fix := range d.Fixes {
				out, err := quickfix.Apply(text, fix)
				if err != nil {
					t.Fatalf("%s: fix %q does not apply: %v", d.Rule, fix.Title, err)
				}
				if err := quickfix.CheckParses(ctx, parser, file, out); err != nil {
					t.Fatalf("%s: fix %q: %v\n--- input\n%s\n--- output\n%s", d.Rule, fix.Title, err, text, out)
				}
			}
		}
	})
}
