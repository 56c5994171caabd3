package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs sqlsage in-process with args and stdin, returning its
// output streams and exit status.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(context.Background(), args, streams{strings.NewReader(stdin), &out, &errw})
	return out.String(), errw.String(), code
}

// TestCheckExamples checks the text output on testdata/examples against
// its golden file: the regression net for every rule together.
func TestCheckExamples(t *testing.T) {
	chdir(t, filepath.Join("..", ".."))
	stdout, stderr, code := runCLI(t, "", "check", "testdata/examples")
	if code != exitFindings {
		t.Errorf("exit status %d, want %d; stderr:\n%s", code, exitFindings, stderr)
	}
	golden := filepath.Join("testdata", "examples", "check.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Errorf("check testdata/examples:\n--- want\n%s--- got\n%s(run go test ./cmd/sqlsage -update to accept)", want, stdout)
	}
	if !strings.Contains(stderr, "(checked 5 files)") || !strings.Contains(stderr, "1 statement not analysed") {
		t.Errorf("summary on stderr = %q", stderr)
	}
}

func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

func TestCheckJSON(t *testing.T) {
	sql := "CREATE TABLE orders (id bigint PRIMARY KEY,\n  -- é 日本 😀\n  price float8);\n"
	stdout, stderr, code := runCLI(t, sql, "check", "--format", "json", "--stdin-filename", "db/orders.sql", "-")
	if code != exitOK {
		t.Fatalf("exit status %d (warnings do not fail by default); stderr: %s", code, stderr)
	}
	var got struct {
		Version     int `json:"version"`
		Files       int `json:"files"`
		Diagnostics []struct {
			Path, Rule, Category, Severity, Message string
			Range                                   struct{ Start, End struct{ Line, Column int } }
			Fixes                                   []struct {
				Title     string
				Preferred bool
				Edits     []struct {
					Range   struct{ Start, End struct{ Line, Column int } }
					NewText string `json:"newText"`
				}
			}
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if got.Version != 1 || got.Files != 1 || len(got.Diagnostics) != 1 {
		t.Fatalf("got %+v", got)
	}
	d := got.Diagnostics[0]
	if d.Path != "db/orders.sql" || d.Rule != "money-float" || d.Category != "schema" || d.Severity != "warning" {
		t.Errorf("diagnostic = %+v", d)
	}
	if d.Range.Start.Line != 3 || d.Range.Start.Column != 9 || d.Range.End.Line != 3 || d.Range.End.Column != 15 {
		t.Errorf("range = %+v, want 3:9-3:15", d.Range)
	}
	if len(d.Fixes) != 1 || d.Fixes[0].Title != "Use DECIMAL(10, 2)" || !d.Fixes[0].Preferred || d.Fixes[0].Edits[0].NewText != "DECIMAL(10, 2)" {
		t.Errorf("fixes = %+v", d.Fixes)
	}
}

func TestCheckExitStatus(t *testing.T) {
	dir := t.TempDir()
	warn := filepath.Join(dir, "warn.sql")
	os.WriteFile(warn, []byte("CREATE TABLE t (id int PRIMARY KEY, price real);\n"), 0o644)
	broken := filepath.Join(dir, "broken.sql")
	os.WriteFile(broken, []byte("SELECT FROM WHERE;\n"), 0o644)
	tests := []struct {
		args []string
		code int
		out  string // substring of stdout+stderr
	}{
		{[]string{"check", warn}, exitOK, "warn.sql:1:43: warning: column \"price\" stores money as real"},
		{[]string{"check", "--fail-on", "warning", warn}, exitFindings, "[money-float]"},
		{[]string{"check", "--fail-on", "never", broken}, exitOK, "error: syntax error at or near"},
		{[]string{"check", broken}, exitFindings, "broken.sql:1:13: error: syntax error at or near \"WHERE\""},
		{[]string{"check", "--disable", "money-float", "--fail-on", "warning", warn}, exitOK, "0 errors, 0 warnings in 0 files (checked 1 file)"},
		{[]string{"check", filepath.Join(dir, "missing.sql")}, exitError, "missing.sql: no such file or directory"},
		{[]string{"check", "--format", "xml", warn}, exitError, `unknown --format "xml"`},
		{[]string{"check", "--enable", "no-such-rule", warn}, exitError, `unknown rule "no-such-rule"`},
		{[]string{"check", "--bogus"}, exitError, "flag provided but not defined: -bogus"},
		{[]string{"frobnicate"}, exitError, `unknown command "frobnicate"`},
		{[]string{"version"}, exitOK, "sqlsage v"},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
			t.Errorf("sqlsage %s: exit %d, want %d; output lacks %q:\n%s%s", strings.Join(tt.args, " "), code, tt.code, tt.out, stdout, stderr)
		}
	}
}

// TestHelp checks that every subcommand answers --help on stdout with exit 0.
func TestHelp(t *testing.T) {
	for _, c := range append(commands(), command{name: "--help"}) {
		args := []string{c.name, "--help"}
		if c.name == "--help" {
			args = args[:1]
		}
		stdout, stderr, code := runCLI(t, "", args...)
		if code != exitOK || !strings.Contains(stdout, "sqlsage") || !strings.Contains(strings.ToLower(stdout), "usage") {
			t.Errorf("sqlsage %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	stdout, _, code := runCLI(t, "", "rules")
	if code != exitOK || !regexp.MustCompile(`(?m)^money-float +schema +warning +Money stored in a floating-point column$`).MatchString(stdout) {
		t.Errorf("sqlsage rules: exit %d\n%s", code, stdout)
	}
	stdout, _, code = runCLI(t, "", "rules", "money-float")
	if code != exitOK || !strings.HasPrefix(stdout, "# money-float — Money stored in a floating-point column") {
		t.Errorf("sqlsage rules money-float: exit %d\n%s", code, stdout)
	}
	var list []struct{ ID string }
	stdout, _, _ = runCLI(t, "", "rules", "--format", "json")
	if err := json.Unmarshal([]byte(stdout), &list); err != nil || len(list) < 2 {
		t.Errorf("rules --format json: %v\n%s", err, stdout)
	}
}

// TestCheckConfig checks that .sqlsage.toml is found above the checked
// folder, that flags win over it, and that a typo is an error naming the
// file, the line and the key.
func TestCheckConfig(t *testing.T) {
	root := t.TempDir()
	db := filepath.Join(root, "db")
	os.MkdirAll(db, 0o755)
	os.WriteFile(filepath.Join(db, "a.sql"), []byte("CREATE TABLE t (id int PRIMARY KEY, price real);\n"), 0o644)
	cfgPath := filepath.Join(root, ".sqlsage.toml")

	os.WriteFile(cfgPath, []byte("[rules]\nmoney-float = \"error\"\n"), 0o644)
	stdout, stderr, code := runCLI(t, "", "check", db)
	if code != exitFindings || !strings.Contains(stdout, "a.sql:1:43: error: column \"price\"") {
		t.Errorf("with money-float = error: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, _, code := runCLI(t, "", "check", "--disable", "money-float", db); code != exitOK {
		t.Errorf("--disable over the config file: exit %d, want 0", code)
	}

	os.WriteFile(cfgPath, []byte("pg-version = 15\n[rules]\nmoney-flaot = \"off\"\n"), 0o644)
	_, stderr, code = runCLI(t, "", "check", db)
	want := cfgPath + `:3: [rules] has unknown rule "money-flaot" (did you mean "money-float"?)`
	if code != exitError || !strings.Contains(stderr, want) {
		t.Errorf("typo in config: exit %d, stderr %q; want exit 2 and %q", code, stderr, want)
	}
	_, stderr, code = runCLI(t, "", "check", "--config", filepath.Join(root, "missing.toml"), db)
	if code != exitError || !strings.Contains(stderr, "missing.toml: no such file or directory") {
		t.Errorf("missing --config: exit %d, stderr %q", code, stderr)
	}
}
