package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMigrationHistories runs check over each migration history of
// testdata/migrations/<tool> and compares its findings, one line each
// (path:line:column: severity: message [rule]), with the golden
// cmd/sqlsage/testdata/migrations/<tool>.diag (-update rewrites it).
func TestMigrationHistories(t *testing.T) {
	chdir(t, filepath.Join("..", ".."))
	dirs, err := os.ReadDir(filepath.Join("testdata", "migrations"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if !dir.IsDir() {
			continue
		}
		tool := dir.Name()
		t.Run(tool, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", "check", "--format", "json", "--fail-on", "never", filepath.ToSlash(filepath.Join("testdata", "migrations", tool)))
			if code != exitOK {
				t.Fatalf("exit status %d; stderr:\n%s", code, stderr)
			}
			var out struct {
				Diagnostics []struct {
					Path, Rule, Severity, Message string
					Range                         struct{ Start struct{ Line, Column int } }
				}
			}
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout)
			}
			var b strings.Builder
			for _, d := range out.Diagnostics {
				fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", d.Path, d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Message, d.Rule)
			}
			got := b.String()
			golden := filepath.Join("cmd", "sqlsage", "testdata", "migrations", tool+".diag")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("check testdata/migrations/%s:\n--- want\n%s--- got\n%s(run go test ./cmd/sqlsage -run TestMigrationHistories -update to accept)", tool, want, got)
			}
		})
	}
}
