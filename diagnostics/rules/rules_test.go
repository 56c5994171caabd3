package rules_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/rules/rulestest"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

const testdata = "../../testdata/rules"

// judgedBy returns the other rules r needs in its engine: unused-ignore
// judges the ignore comments of every other rule.
func judgedBy(r *diagnostics.Rule) []*diagnostics.Rule {
	if r != rules.UnusedIgnore {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(rules.All), func(o *diagnostics.Rule) bool { return o == r })
}

// TestRules runs every rule over its fixtures in testdata/rules/<id>/.
func TestRules(t *testing.T) {
	for _, r := range rules.All {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			rulestest.Run(t, filepath.Join(testdata, r.ID), r, judgedBy(r)...)
		})
	}
}

// TestRegistry checks that rules.All is valid and complete, and that each
// rule has one file named for it (money_float.go declares MoneyFloat with
// ID money-float) and a fixture directory with at least one wanted
// diagnostic and one file without any.
func TestRegistry(t *testing.T) {
	if err := diagnostics.Validate(rules.All); err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]*diagnostics.Rule)
	for _, r := range rules.All {
		byID[r.ID] = r
	}
	// Every file declaring a rule is named for its ID and listed in All.
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, v := range vs.Values {
					u, ok := v.(*ast.UnaryExpr)
					if !ok {
						continue
					}
					if cl, ok := u.X.(*ast.CompositeLit); !ok || !isRuleType(cl.Type) {
						continue
					}
					declared++
					varName := vs.Names[i].Name
					id := kebab(varName)
					if byID[id] == nil {
						t.Errorf("%s declares %s, but rules.All has no rule %q (run go generate ./diagnostics/rules)", name, varName, id)
					}
					if want := strings.ReplaceAll(id, "-", "_") + ".go"; filepath.Base(name) != want {
						t.Errorf("rule %s is declared in %s, want %s", id, name, want)
					}
				}
			}
		}
	}
	if declared != len(rules.All) {
		t.Errorf("%d rules declared, %d in rules.All (run go generate ./diagnostics/rules)", declared, len(rules.All))
	}
	// Every rule has fixtures; every fixture directory has a rule.
	entries, err := os.ReadDir(testdata)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if byID[e.Name()] == nil {
			t.Errorf("testdata/rules/%s has no rule", e.Name())
		}
	}
	for _, r := range rules.All {
		cases, err := rulestest.Load(filepath.Join(testdata, r.ID))
		if err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
			continue
		}
		wanted, clean := 0, 0
		for _, c := range cases {
			for _, f := range c.Files {
				m, err := rulestest.Markers(f)
				if err != nil {
					t.Error(err)
				}
				if len(m) > 0 {
					wanted++
				} else {
					clean++
				}
			}
		}
		if wanted == 0 || clean == 0 {
			t.Errorf("rule %s: fixtures need at least one file with a want marker (%d) and one without (%d)", r.ID, wanted, clean)
		}
	}
}

func isRuleType(e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Rule"
}

// kebab converts a Go name to a rule ID: MoneyFloat → money-float.
func kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// docFileLine starts a file of a documentation example that is a
// workspace of several files, such as a migration that alters a table an
// earlier file created.
var docFileLine = regexp.MustCompile(`(?m)^-- file: (\S+\.sql)\n`)

// docFiles returns the files of a documentation example: one doc.sql, or
// one file per "-- file: NAME.sql" line, each holding the lines after it.
func docFiles(sql string) []*source.File {
	marks := docFileLine.FindAllStringSubmatchIndex(sql, -1)
	if len(marks) == 0 {
		return []*source.File{source.NewFile("doc.sql", 0, sql)}
	}
	var files []*source.File
	for i, m := range marks {
		end := len(sql)
		if i+1 < len(marks) {
			end = marks[i+1][0]
		}
		files = append(files, source.NewFile(sql[m[2]:m[3]], 0, sql[m[1]:end]))
	}
	return files
}

// TestRuleDocs checks each rule's documented examples: Bad reports the
// rule, Good does not. An example with "-- file: NAME.sql" lines is a
// workspace of those files, in name order.
func TestRuleDocs(t *testing.T) {
	for _, r := range rules.All {
		t.Run(r.ID, func(t *testing.T) {
			engine := strictEngine(t, append([]*diagnostics.Rule{r}, judgedBy(r)...)...)
			// The examples are checked as with --base: Bad's files were
			// edited since the base, Good's were added.
			changes := &diagnostics.Changes{Base: "main", Modified: map[string]bool{}, Added: map[string]bool{}}
			for _, f := range docFiles(r.Doc.Bad) {
				changes.Modified[f.URI] = true
			}
			for _, f := range docFiles(r.Doc.Good) {
				changes.Added[f.URI] = true
			}
			cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{r.ID: r.Severity}, Changes: changes}
			count := func(sql string) int {
				files := docFiles(sql)
				snap := workspace.New(syntax.NewParser(0), files...)
				n := 0
				for _, f := range files {
					diags, err := engine.Analyze(context.Background(), snap, f.URI, cfg)
					if err != nil {
						t.Fatal(err)
					}
					for _, d := range diags {
						if d.Rule == r.ID {
							n++
						}
					}
				}
				return n
			}
			if count(r.Doc.Bad) == 0 {
				t.Errorf("Doc.Bad does not report %s:\n%s", r.ID, r.Doc.Bad)
			}
			if n := count(r.Doc.Good); n != 0 {
				t.Errorf("Doc.Good reports %s %d times:\n%s", r.ID, n, r.Doc.Good)
			}
		})
	}
}
