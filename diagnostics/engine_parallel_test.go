package diagnostics_test

import (
	"context"
	"reflect"
	"runtime"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestParallelAnalysisIsDeterministic checks that a large file analysed
// on several cores gives exactly the findings, in exactly the order, of
// one core.
func TestParallelAnalysisIsDeterministic(t *testing.T) {
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	engine.Strict = true
	file := source.NewFile("big.sql", 1, benchdata.Schema(100<<10))
	analyze := func(procs int) []diagnostics.Diagnostic {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		snap := workspace.New(syntax.NewParser(0), file)
		diags, err := engine.Analyze(context.Background(), snap, file.URI, diagnostics.Config{})
		if err != nil {
			t.Fatal(err)
		}
		return diags
	}
	one := analyze(1)
	if len(one) < 100 {
		t.Fatalf("only %d findings; the file should have many", len(one))
	}
	for _, procs := range []int{2, 3, 8} {
		if many := analyze(procs); !reflect.DeepEqual(one, many) {
			t.Errorf("GOMAXPROCS=%d: %d findings differ from one core's %d", procs, len(many), len(one))
		}
	}
}

// TestParallelPanicReachesCaller checks that a rule panic in a worker
// goroutine of a large file is re-raised in the caller's goroutine when
// the engine is strict (and recovered there, as the server does).
func TestParallelPanicReachesCaller(t *testing.T) {
	boom := &diagnostics.Rule{
		ID: "test-boom", Category: diagnostics.Query, Severity: diagnostics.Error, Default: true,
		Doc: diagnostics.Doc{Summary: "Panics", Why: "Tests recovery.", Bad: "-", Good: "-"},
		Run: func(p *diagnostics.Pass) {
			if p.Stmt.Span.Start > 50<<10 {
				panic("rule exploded")
			}
		},
	}
	engine, err := diagnostics.NewEngine([]*diagnostics.Rule{boom})
	if err != nil {
		t.Fatal(err)
	}
	engine.Strict = true
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	file := source.NewFile("big.sql", 1, benchdata.Schema(100<<10))
	snap := workspace.New(syntax.NewParser(0), file)
	defer func() {
		if v := recover(); v != "rule exploded" {
			t.Errorf("recovered %v, want the rule's panic", v)
		}
	}()
	engine.Analyze(context.Background(), snap, file.URI, diagnostics.Config{})
	t.Errorf("Analyze returned; want the rule's panic")
}
