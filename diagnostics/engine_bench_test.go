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
}{{"20KB", 20 << 10}, {"200KB", 200 << 10}, {"1.6MB", 1600 << 10}}

// BenchmarkKeystroke measures the engine's share of keystroke-to-
// diagnostics: one character typed inside a statement in the middle of the
// file, a new snapshot, and every rule re-run for that file. Parses are
// cached by statement text, so only the edited statement is parsed again.
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
			if _, err := engine.Analyze(ctx, snap, "bench.sql", diagnostics.Config{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				// Alternate between two texts so the edited statement is a cache miss every time.
				edited := text[:at] + fmt.Sprintf("_%d", i) + text[at:]
				snap = snap.With(source.NewFile("bench.sql", int32(i+2), edited))
				if _, err := engine.Analyze(ctx, snap, "bench.sql", diagnostics.Config{}); err != nil {
					b.Fatal(err)
				}
			}
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
