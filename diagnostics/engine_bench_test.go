package diagnostics_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

var sizes = []struct {
	name  string
	bytes int
}{{"20KB", 20 << 10}, {"200KB", 200 << 10}, {"1.6MB", 1600 << 10}, {"8MB", 8 << 20}}

// BenchmarkKeystroke measures the engine's share of keystroke-to-
// diagnostics as the language server runs it: one edit inside a CREATE
// TABLE in the middle of the file (renaming a column, which changes the
// schema model), a new snapshot, and AnalyzeFrom the previous result.
// Only the edited statement is parsed again, and the rules run only on
// the statements that depend on that table.
func BenchmarkKeystroke(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			ctx := context.Background()
			engine, err := diagnostics.NewEngine(rules.All)
			if err != nil {
				b.Fatal(err)
			}
			text := benchdata.Schema(size.bytes)
			at := strings.Index(text[len(text)/2:], "name text NOT NULL") + len(text)/2 + len("name")
			snap := workspace.New(syntax.NewParser(0), source.NewFile("bench.sql", 1, text))
			res, err := engine.AnalyzeFrom(ctx, snap, "bench.sql", diagnostics.Config{}, nil)
			if err != nil {
				b.Fatal(err)
			}
			ran := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				// A new name every time, so the edited statement is a cache miss.
				edited := text[:at] + fmt.Sprintf("_%d", i) + text[at:]
				snap = snap.With(source.NewFile("bench.sql", int32(i+2), edited))
				if res, err = engine.AnalyzeFrom(ctx, snap, "bench.sql", diagnostics.Config{}, res); err != nil {
					b.Fatal(err)
				}
				ran += res.Ran
			}
			b.ReportMetric(float64(ran)/float64(b.N), "stmts-run/op")
			b.ReportMetric(float64(len(res.Diagnostics)), "diagnostics")
		})
	}
}

// BenchmarkCheckCold measures analysing a file from nothing: split, parse
// every statement, build the model, run every rule.
func BenchmarkCheckCold(b *testing.B) {
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			ctx := context.Background()
			engine, err := diagnostics.NewEngine(rules.All)
			if err != nil {
				b.Fatal(err)
			}
			file := source.NewFile("bench.sql", 0, benchdata.Schema(size.bytes))
			b.SetBytes(int64(len(file.Text)))
			b.ReportAllocs()
			for range b.N {
				snap := workspace.New(syntax.NewParser(0), file)
				if _, err := engine.Analyze(ctx, snap, "bench.sql", diagnostics.Config{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
