// Package rulestest runs a rule over the SQL fixtures of testdata and
// checks its findings against "-- want:" markers, and its fixes against
// golden files, in the manner of go/analysis' analysistest.
//
// Fixtures live in testdata/rules/<rule-id>/. A .sql file is a one-file
// workspace; a directory is a workspace of every .sql file under it,
// replayed in path order (so 001_init.sql comes before 002_indexes.sql).
// *.fixed.sql files are goldens, never inputs.
//
// A marker is an SQL comment on the line where a diagnostic starts:
//
//	total float,  -- want: money-float
//	price real,   -- want: money-float@"real" "stores money"
//	x int         -- want: rule-a, rule-b
//
// "-- want: ID" expects one diagnostic of rule ID starting on that line;
// @"text" requires that it start at the first occurrence of text on the
// line; a quoted regexp must match its message. Every diagnostic must be
// wanted and every marker met. A first line "-- sqlsage-test: pg-version=11"
// sets the target PostgreSQL version for that file or directory (in a
// directory, put it in the first file in path order). The same line sets
// the project settings rules read: primary-key-style=uuid, and the name
// word lists boolean-prefixes=, money-words= and timestamp-words=
// (comma-separated, no spaces): "-- sqlsage-test: pg-version=12 primary-key-style=serial".
// modified=a.sql,b.sql checks the case as `sqlsage check --base` would
// after those files (URIs relative to the case) changed since the base.
//
// For every fix of every diagnostic, Run checks that the edits apply, that
// the result parses wherever the input did, and that re-running the rule
// reports fewer findings of that rule (the fix clears its diagnostic).
// Applying each diagnostic's preferred fix must give x.fixed.sql; run
// `go test ./diagnostics/rules -update` to rewrite goldens.
package rulestest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
	"github.com/sqlsage/sqlsage/quickfix"
)

var update = flag.Bool("update", false, "rewrite *.fixed.sql golden files")

// A Case is one fixture: a file or a directory of files.
type Case struct {
	Name      string
	Files     []*source.File // URIs are slash paths relative to the case root
	Dir       string         // where the files live on disk
	PGVersion int
	Settings  diagnostics.Settings
	Changes   *diagnostics.Changes // files marked modified=… in the header, as if checked with --base
}

// Run checks rule against every fixture in dir. The engine runs others
// too, with their default severities, for a rule that judges what other
// rules do (unused-ignore); only rule's findings are matched and fixed.
func Run(t *testing.T, dir string, rule *diagnostics.Rule, others ...*diagnostics.Rule) {
	t.Helper()
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatalf("no fixtures in %s", dir)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) { check(t, c, rule, others) })
	}
}

// Load reads the fixtures in dir.
func Load(dir string) ([]*Case, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var cases []*Case
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			c := &Case{Name: e.Name(), Dir: path}
			paths, err := workspace.FindSQL(context.Background(), path)
			if err != nil {
				return nil, err
			}
			for _, p := range paths {
				if isGolden(p) {
					continue
				}
				rel, _ := filepath.Rel(path, p)
				f, err := workspace.ReadFile(p, filepath.ToSlash(rel))
				if err != nil {
					return nil, err
				}
				c.Files = append(c.Files, f)
			}
			cases = append(cases, c)
		case workspace.IsSQL(e.Name()) && !isGolden(e.Name()):
			f, err := workspace.ReadFile(path, e.Name())
			if err != nil {
				return nil, err
			}
			cases = append(cases, &Case{Name: e.Name(), Dir: dir, Files: []*source.File{f}})
		}
	}
	for _, c := range cases {
		if len(c.Files) > 0 {
			if err := c.header(c.Files[0].Text); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(c.Dir, c.Files[0].URI), err)
			}
		}
	}
	return cases, nil
}

func isGolden(path string) bool { return strings.HasSuffix(path, ".fixed.sql") }

var headerRE = regexp.MustCompile(`^-- sqlsage-test:(.*)`)

// header reads the options of a first line "-- sqlsage-test: key=value …".
func (c *Case) header(text string) error {
	line, _, _ := strings.Cut(text, "\n")
	m := headerRE.FindStringSubmatch(strings.TrimSuffix(line, "\r"))
	if m == nil {
		return nil
	}
	for _, opt := range strings.Fields(m[1]) {
		key, value, ok := strings.Cut(opt, "=")
		if !ok {
			return fmt.Errorf("sqlsage-test option %q is not key=value", opt)
		}
		list := strings.Split(value, ",")
		switch key {
		case "pg-version":
			v, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("sqlsage-test pg-version=%q: %v", value, err)
			}
			c.PGVersion = v
		case "primary-key-style":
			if !slices.Contains(diagnostics.PrimaryKeyStyles, value) {
				return fmt.Errorf("sqlsage-test primary-key-style=%q: want one of %v", value, diagnostics.PrimaryKeyStyles)
			}
			c.Settings.PrimaryKeyStyle = value
		case "boolean-prefixes":
			c.Settings.BooleanPrefixes = list
		case "money-words":
			c.Settings.MoneyWords = list
		case "timestamp-words":
			c.Settings.TimestampWords = list
		case "modified":
			c.Changes = &diagnostics.Changes{Base: "BASE", Modified: map[string]bool{}, Added: map[string]bool{}}
			for _, uri := range list {
				c.Changes.Modified[uri] = true
			}
		default:
			return fmt.Errorf("unknown sqlsage-test option %q", key)
		}
	}
	return nil
}

// A Marker is one expected diagnostic.
type Marker struct {
	Line   int // 1-based
	Rule   string
	At     string         // the diagnostic starts at the first occurrence of At on the line; "" means anywhere
	Match  *regexp.Regexp // the message must match; nil means any
	Marker string         // the marker text, for messages
}

var (
	wantRE = regexp.MustCompile(`--\s*want:\s*(.*)$`)
	itemRE = regexp.MustCompile(`^\s*([a-z0-9-]+)(?:@("(?:[^"\\]|\\.)*"))?(?:\s+("(?:[^"\\]|\\.)*"))?\s*(?:,|$)`)
)

// Markers parses the "-- want:" markers of f.
func Markers(f *source.File) ([]Marker, error) {
	var out []Marker
	for line := 0; line < f.LineCount(); line++ {
		m := wantRE.FindStringSubmatch(f.LineText(line))
		if m == nil {
			continue
		}
		rest := m[1]
		for strings.TrimSpace(rest) != "" {
			im := itemRE.FindStringSubmatchIndex(rest)
			if im == nil {
				return nil, fmt.Errorf("%s:%d: bad marker %q", f.URI, line+1, rest)
			}
			mk := Marker{Line: line + 1, Rule: rest[im[2]:im[3]], Marker: strings.TrimSpace(rest[:im[1]])}
			if im[4] >= 0 {
				mk.At, _ = strconv.Unquote(rest[im[4]:im[5]])
			}
			if im[6] >= 0 {
				expr, _ := strconv.Unquote(rest[im[6]:im[7]])
				re, err := regexp.Compile(expr)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad regexp: %v", f.URI, line+1, err)
				}
				mk.Match = re
			}
			out = append(out, mk)
			rest = rest[im[1]:]
		}
	}
	return out, nil
}

func check(t *testing.T, c *Case, rule *diagnostics.Rule, others []*diagnostics.Rule) {
	ctx := context.Background()
	engine, err := diagnostics.NewEngine(append([]*diagnostics.Rule{rule}, others...))
	if err != nil {
		t.Fatal(err)
	}
	engine.Strict = true
	cfg := diagnostics.Config{PGVersion: c.PGVersion, Rules: map[string]diagnostics.Severity{rule.ID: rule.Severity}, Settings: c.Settings, Changes: c.Changes}
	for _, o := range others {
		cfg.Rules[o.ID] = cfg.SeverityOf(o)
	}
	parser := syntax.NewParser(0)
	snap := workspace.New(parser, c.Files...)
	for _, f := range c.Files {
		diags, err := engine.Analyze(ctx, snap, f.URI, cfg)
		if err != nil {
			t.Fatalf("%s: %v", f.URI, err)
		}
		diags = slices.DeleteFunc(diags, func(d diagnostics.Diagnostic) bool { return d.Rule != rule.ID })
		markers, err := Markers(f)
		if err != nil {
			t.Fatal(err)
		}
		matchMarkers(t, f, diags, markers)
		for _, d := range diags {
			checkFixes(t, engine, cfg, snap, f, d)
		}
		checkGolden(t, c, parser, f, diags)
	}
}

// matchMarkers requires a one-to-one match between diags and markers.
func matchMarkers(t *testing.T, f *source.File, diags []diagnostics.Diagnostic, markers []Marker) {
	t.Helper()
	used := make([]bool, len(markers))
	for _, d := range diags {
		line, col := f.OffsetRuneColumn(d.Span.Start)
		found := false
		for i, m := range markers {
			if used[i] || m.Line != line || m.Rule != d.Rule {
				continue
			}
			if m.At != "" {
				idx := strings.Index(f.LineText(line-1), m.At)
				if idx < 0 || f.LineStart(line-1)+idx != d.Span.Start {
					continue
				}
			}
			if m.Match != nil && !m.Match.MatchString(d.Message) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected diagnostic: %s [%s] (span %q)", f.URI, line, col, d.Message, d.Rule, f.Text[d.Span.Start:d.Span.End])
		}
	}
	for i, m := range markers {
		if !used[i] {
			t.Errorf("%s:%d: no diagnostic matched marker %q", f.URI, m.Line, m.Marker)
		}
	}
}

// checkFixes applies each fix of d alone: it must apply, parse, and clear d.
func checkFixes(t *testing.T, engine *diagnostics.Engine, cfg diagnostics.Config, snap *workspace.Snapshot, f *source.File, d diagnostics.Diagnostic) {
	t.Helper()
	ctx := context.Background()
	before := 0
	diags, _ := engine.Analyze(ctx, snap, f.URI, cfg)
	for _, x := range diags {
		if x.Rule == d.Rule {
			before++
		}
	}
	line, _ := f.OffsetRuneColumn(d.Span.Start)
	for _, fix := range d.Fixes {
		text, err := quickfix.Apply(f.Text, fix)
		if err != nil {
			t.Errorf("%s:%d: fix %q: %v", f.URI, line, fix.Title, err)
			continue
		}
		if err := quickfix.CheckParses(ctx, snap.Parser(), f, text); err != nil {
			t.Errorf("%s:%d: fix %q: %v\n%s", f.URI, line, fix.Title, err, text)
			continue
		}
		fixed := source.NewFile(f.URI, f.Version+1, text)
		after, err := engine.Analyze(ctx, snap.With(fixed), f.URI, cfg)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range after {
			if x.Rule == d.Rule {
				n++
			}
		}
		if n >= before {
			t.Errorf("%s:%d: fix %q does not clear the diagnostic (%d findings before, %d after):\n%s", f.URI, line, fix.Title, before, n, text)
		}
	}
}

// checkGolden compares the preferred fixes applied together with f's golden.
func checkGolden(t *testing.T, c *Case, parser *syntax.Parser, f *source.File, diags []diagnostics.Diagnostic) {
	t.Helper()
	res, err := quickfix.FixAll(context.Background(), parser, f, diags, nil)
	if err != nil {
		t.Errorf("%s: applying all fixes: %v", f.URI, err)
		return
	}
	golden := filepath.Join(c.Dir, strings.TrimSuffix(filepath.FromSlash(f.URI), ".sql")+".fixed.sql")
	want, err := os.ReadFile(golden)
	if len(res.Applied) == 0 && os.IsNotExist(err) {
		return // nothing to fix, no golden
	}
	if *update {
		if err := os.WriteFile(golden, []byte(res.Text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: fixes applied but no golden %s (run go test ./diagnostics/rules -update)", f.URI, golden)
		return
	}
	if string(want) != res.Text {
		t.Errorf("%s: fixed text differs from %s:\n--- want\n%s\n--- got\n%s", f.URI, golden, want, res.Text)
	}
}
