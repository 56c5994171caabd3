package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// corpusDir is the shared real-world SQL corpus (see its MANIFEST.md). It
// is test input only and never copied into this repository.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus")

// TestCorpus runs every rule over every file of the real-world corpus as
// one workspace: nothing may panic, every finding must lie inside its
// file, and every fix must apply. It skips when the corpus is absent.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("corpus not present at %s", corpusDir)
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	ctx := context.Background()
	inputs, err := readInputs(ctx, []string{corpusDir}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	engine := newEngine()
	engine.Strict = true // a rule panic fails the test instead of being logged
	run, err := check(ctx, engine, mustConfig(t), inputs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if run.Files < 3000 {
		t.Errorf("checked %d files, want the whole corpus (over 3,000)", run.Files)
	}
	for _, f := range run.Findings {
		if f.Span.Start < 0 || f.Span.End > len(f.File.Text) || f.Span.Start > f.Span.End {
			t.Errorf("%s: %s span %v outside the file (%d bytes)", f.Path, f.Diagnostic.Rule, f.Span, len(f.File.Text))
		}
		for _, fix := range f.Fixes {
			for _, e := range fix.Edits {
				if e.Span.Start < 0 || e.Span.End > len(f.File.Text) || e.Span.Start > e.Span.End {
					t.Errorf("%s: %s fix %q edit %v outside the file", f.Path, f.Diagnostic.Rule, fix.Title, e.Span)
				}
			}
		}
	}
	t.Logf("%d files, %d findings, %d statements not analysed", run.Files, len(run.Findings), run.Skipped)

	// No statement is parsed twice: a second pass over the whole corpus
	// with the same parser is answered entirely from its cache.
	parser := syntax.NewParser(1 << 21)
	for pass := range 2 {
		before := parser.Parses()
		for _, in := range inputs {
			if _, err := parser.ParseFile(ctx, in.file); err != nil {
				t.Fatal(err)
			}
		}
		if n := parser.Parses() - before; pass == 1 && n != 0 {
			t.Errorf("second pass over the corpus parsed %d statements again", n)
		} else if pass == 0 {
			t.Logf("first pass parsed %d distinct statements", n)
		}
	}
}

func mustConfig(t *testing.T) diagnostics.Config {
	t.Helper()
	f := checkFlags{}
	c, err := f.config(newEngine(), corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
