package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sqlsage/sqlsage/cmd/sqlsage/internal/report"
	"github.com/sqlsage/sqlsage/diagnostics"
)

// runCLI runs sqlsage in-process with args and stdin, returning its
// output streams and exit status.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(context.Background(), args, streams{strings.NewReader(stdin), &out, &errw})
	return out.String(), errw.String(), code
}

// TestCheckFormats checks every output format on testdata/examples
// against its golden file (testdata/examples/golden/check.<format>): the
// regression net for every rule and every writer. The SARIF run's root
// URI, which depends on where the repository is checked out, is written
// as file:///REPO/ in the golden.
func TestCheckFormats(t *testing.T) {
	chdir(t, filepath.Join("..", ".."))
	root, _ := os.Getwd()
	for _, format := range report.FormatNames {
		t.Run(format, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", "check", "--format", format, "testdata/examples")
			if code != exitFindings {
				t.Errorf("exit status %d, want %d; stderr:\n%s", code, exitFindings, stderr)
			}
			got := strings.ReplaceAll(stdout, (&url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}).String(), "file:///REPO/")
			got = strings.ReplaceAll(got, version, "VERSION")
			golden := filepath.Join("testdata", "examples", "golden", "check."+format)
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
				t.Errorf("check --format %s testdata/examples:\n--- want\n%s--- got\n%s(run go test ./cmd/sqlsage -update to accept)", format, want, got)
			}
			if format == "text" && !regexp.MustCompile(`\(checked 5 files in \d+ ms\); 1 statement not analysed`).MatchString(stderr) {
				t.Errorf("summary on stderr = %q", stderr)
			}
		})
	}
}

// TestSARIFSchema validates the SARIF output against the official SARIF
// 2.1.0 JSON schema (testdata/sarif), and checks what GitHub code
// scanning needs of it.
func TestSARIFSchema(t *testing.T) {
	chdir(t, filepath.Join("..", ".."))
	stdout, _, _ := runCLI(t, "", "check", "--format", "sarif", "testdata/examples")
	compiler := jsonschema.NewCompiler()
	schema, err := compiler.Compile("testdata/sarif/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
	if err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("SARIF output violates the SARIF 2.1.0 schema:\n%v", err)
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						Name    string `json:"name"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []struct{} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].ColumnKind != "unicodeCodePoints" || len(log.Runs[0].Tool.Driver.Rules) != len(newEngine().Rules()) {
		t.Fatalf("want one run, columnKind unicodeCodePoints and every rule in the driver; got %+v", log.Runs)
	}
	fixes := 0
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		if !strings.HasPrefix(loc.ArtifactLocation.URI, "testdata/examples/") || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 {
			t.Errorf("result %s: location %+v", r.RuleID, loc)
		}
		fixes += len(r.Fixes)
	}
	if fixes == 0 {
		t.Errorf("no result carries a fix")
	}
}

// TestGitHubEscaping checks the workflow-command escaping rules.
func TestGitHubEscaping(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a,b:c%.sql")
	os.WriteFile(path, []byte("CREATE TABLE t (id int PRIMARY KEY, price real);\n"), 0o644)
	stdout, _, _ := runCLI(t, "", "check", "--format", "github", "--rule", "money-float", path)
	want := "file=" + strings.NewReplacer("%", "%25", ":", "%3A", ",", "%2C").Replace(path) + ",line=1,col=43,endLine=1,endColumn=47,title=sqlsage(money-float)::column \"price\" stores money as real"
	if !strings.HasPrefix(stdout, "::warning ") || !strings.Contains(stdout, want) {
		t.Errorf("got %q\nwant it to contain %q", stdout, want)
	}
}

// TestGitLabFingerprintsSurviveLineShifts checks that inserting lines
// above a finding keeps its GitLab fingerprint.
func TestGitLabFingerprintsSurviveLineShifts(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.sql")
	fingerprint := func(text string) (string, int) {
		os.WriteFile(path, []byte(text), 0o644)
		stdout, _, _ := runCLI(t, "", "check", "--format", "gitlab", "--rule", "money-float", path)
		var issues []struct {
			Fingerprint string
			Location    struct{ Lines struct{ Begin int } }
		}
		if err := json.Unmarshal([]byte(stdout), &issues); err != nil || len(issues) != 1 {
			t.Fatalf("gitlab output: %v\n%s", err, stdout)
		}
		return issues[0].Fingerprint, issues[0].Location.Lines.Begin
	}
	sql := "CREATE TABLE t (id int PRIMARY KEY, price real);\n"
	before, line1 := fingerprint(sql)
	after, line3 := fingerprint("-- a comment\n\n" + sql)
	if before != after || line1 != 1 || line3 != 3 {
		t.Errorf("fingerprints %s (line %d) and %s (line %d): want equal, lines 1 and 3", before, line1, after, line3)
	}
}

// TestTextExcerptAndColor checks the caret line, the help line and --color.
func TestTextExcerptAndColor(t *testing.T) {
	sql := "CREATE TABLE t (\n\tid int PRIMARY KEY,\n\tprix_é real, price float8\n);\n"
	stdout, _, _ := runCLI(t, sql, "check", "--color", "never", "--rule", "money-float", "-")
	want := "stdin.sql:3:21: warning: column \"price\" stores money as float8, which cannot represent cents exactly [money-float]\n" +
		"   3 | \tprix_é real, price float8\n" +
		"     | \t                   ^^^^^^\n" +
		"     = help: " + diagnostics.DocsBaseURL + "money-float.md\n"
	if stdout != want {
		t.Errorf("text output:\n%q\nwant\n%q", stdout, want)
	}
	stdout, _, _ = runCLI(t, sql, "check", "--color", "always", "--excerpt=false", "--rule", "money-float", "-")
	if !strings.HasPrefix(stdout, "\x1b[1mstdin.sql:3:21\x1b[0m: \x1b[1;33mwarning\x1b[0m: column") {
		t.Errorf("coloured output = %q", stdout)
	}
	if _, stderr, code := runCLI(t, sql, "check", "--color", "sometimes", "-"); code != exitError || !strings.Contains(stderr, `--color "sometimes"`) {
		t.Errorf("bad --color: exit %d, %q", code, stderr)
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
	stdout, stderr, code := runCLI(t, sql, "check", "--format", "json", "--rule", "money-float", "--stdin-filename", "db/orders.sql", "-")
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
		{[]string{"check", "--disable", "money-float", "--fail-on", "warning", warn}, exitOK, "0 errors, 0 warnings"},
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

// TestCheckOnlyRules checks --rule: only the named rules run, a rule that
// is off by default runs when named, and an unknown ID is an error.
func TestCheckOnlyRules(t *testing.T) {
	sql := "CREATE TABLE t (id int PRIMARY KEY, price real, email text);\n"
	stdout, _, _ := runCLI(t, sql, "check", "--excerpt=false", "--rule", "money-float,unbounded-text", "-")
	want := "stdin.sql:1:43: warning: column \"price\" stores money as real, which cannot represent cents exactly [money-float]\n"
	if !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, "[unbounded-text]") || strings.Count(stdout, "\n") != 2 {
		t.Errorf("check --rule money-float,unbounded-text:\n%s", stdout)
	}
	if _, stderr, code := runCLI(t, sql, "check", "--rule", "money-flaot", "-"); code != exitError || !strings.Contains(stderr, `--rule: unknown rule "money-flaot"`) {
		t.Errorf("unknown --rule: exit %d, %s", code, stderr)
	}
}
