package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

var update = flag.Bool("update", false, "rewrite generated files and goldens")

// TestGenerated checks that docs/rules and the README's rule table match
// the rule declarations (gopls' TestGenerated). Run
// `go test ./cmd/sqlsage -run TestGenerated -update` after changing a rule.
func TestGenerated(t *testing.T) {
	root := filepath.Join("..", "..")
	want := map[string]string{filepath.Join(root, "docs", "rules", "README.md"): rulesIndex(rules.All)}
	for _, r := range rules.All {
		want[filepath.Join(root, "docs", "rules", r.ID+".md")] = diagnostics.Markdown(r)
	}
	readme := filepath.Join(root, "README.md")
	body, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	marker := regexp.MustCompile(`(?s)(<!-- rules:begin[^>]*-->\n).*?(<!-- rules:end -->)`)
	if !marker.Match(body) {
		t.Fatalf("README.md has no <!-- rules:begin --> … <!-- rules:end --> block")
	}
	want[readme] = marker.ReplaceAllLiteralString(string(body), string(marker.FindSubmatch(body)[1])+ruleTable(rules.All, "docs/rules/")+"<!-- rules:end -->")
	// No stale pages.
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	for _, p := range pages {
		if _, ok := want[p]; !ok {
			if *update {
				os.Remove(p)
				continue
			}
			t.Errorf("%s documents no rule (run go test ./cmd/sqlsage -run TestGenerated -update)", p)
		}
	}
	for path, text := range want {
		got, _ := os.ReadFile(path)
		if string(got) == text {
			continue
		}
		if *update {
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s is stale: run go test ./cmd/sqlsage -run TestGenerated -update", path)
	}
}
