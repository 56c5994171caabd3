package diagnostics_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// exampleFiles reads the example workspace under testdata/examples/shop.
func exampleFiles(t testing.TB) []*source.File {
	t.Helper()
	var files []*source.File
	root := filepath.Join("..", "testdata", "examples", "shop")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".sql") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files = append(files, source.NewFile(filepath.ToSlash(path), 1, string(data)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d example files", len(files))
	}
	return files
}

// editSnippets are typed into files by the incremental tests: words,
// statement ends, comments that suppress, mark down sections or open
// transactions, DDL that changes the model.
var editSnippets = []string{
	"x", "_id", " ", "\n", ";", "(", ")", "'", "--", "-- sqlsage-ignore fk-missing-index\n",
	"-- +goose Down\n", "BEGIN;\n", "COMMIT;\n", " NOT NULL", " REFERENCES users(id)", "float",
	"CREATE INDEX ON orders (user_id);\n", "DROP TABLE users;\n", "ALTER TABLE users RENAME TO people;\n",
	"SELECT * FROM orders WHERE total > 1;\n", "price float,", "deleted_at timestamptz,",
}

// TestAnalyzeFromMatchesAnalyze edits files at random and checks, after
// every edit, that analysing from the previous Result gives exactly what
// a fresh analysis of the same text gives.
func TestAnalyzeFromMatchesAnalyze(t *testing.T) {
	ctx := context.Background()
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	engine.Strict = true
	files := exampleFiles(t)
	files = append(files, source.NewFile("zz_bench.sql", 1, benchdata.Schema(12<<10)))
	r := rand.New(rand.NewPCG(5, 6))
	edits := 400
	if testing.Short() {
		edits = 60
	}
	snap := workspace.New(syntax.NewParser(0), files...)
	prev := make(map[string]*diagnostics.Result)
	reused := 0
	for i := range edits {
		f := files[r.IntN(len(files))]
		text := snap.File(f.URI).Text
		a := r.IntN(len(text) + 1)
		b := a
		if r.IntN(3) == 0 {
			b = min(len(text), a+r.IntN(12))
		}
		text = text[:a] + editSnippets[r.IntN(len(editSnippets))] + text[b:]
		snap = snap.With(source.NewFile(f.URI, int32(i+2), text))
		for _, uri := range snap.URIs() {
			got, err := engine.AnalyzeFrom(ctx, snap, uri, diagnostics.Config{}, prev[uri])
			if err != nil {
				t.Fatal(err)
			}
			prev[uri] = got
			fresh := workspace.New(syntax.NewParser(0), filesOf(snap)...)
			want, err := engine.Analyze(ctx, fresh, uri, diagnostics.Config{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Diagnostics, want) && !(len(got.Diagnostics) == 0 && len(want) == 0) {
				t.Fatalf("edit %d (%q at %d..%d of %s), analysing %s from the previous result:\n%s\nfresh analysis:\n%s",
					i, text[a:min(len(text), a+20)], a, b, f.URI, uri, describe(got.Diagnostics), describe(want))
			}
			reused += len(snapParsed(t, snap, uri).Stmts) - got.Ran
		}
	}
	if reused == 0 {
		t.Error("no statement's findings were ever reused")
	}
}

func filesOf(snap *workspace.Snapshot) []*source.File {
	var files []*source.File
	for _, uri := range snap.URIs() {
		files = append(files, snap.File(uri))
	}
	return files
}

func snapParsed(t *testing.T, snap *workspace.Snapshot, uri string) *syntax.ParsedFile {
	pf, err := snap.Parsed(context.Background(), uri)
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

func describe(diags []diagnostics.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "  %v %s: %s (related %v, fixes %v)\n", d.Span, d.Rule, d.Message, d.Related, d.Fixes)
	}
	return b.String()
}

// TestAnalyzeFromRunsWhatTheEditCanChange counts the statements whose
// rules run after an edit in a file of 2,000 statements: typing in a
// query runs that query alone; renaming a column of a table runs its
// CREATE TABLE and the statements that read that table, not the rest.
func TestAnalyzeFromRunsWhatTheEditCanChange(t *testing.T) {
	ctx := context.Background()
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	text := benchdata.Schema(200 << 10)
	snap := workspace.New(syntax.NewParser(0), source.NewFile("bench.sql", 1, text))
	first, err := engine.AnalyzeFrom(ctx, snap, "bench.sql", diagnostics.Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pf := snapParsed(t, snap, "bench.sql")
	if first.Ran != len(pf.Stmts) || len(pf.Stmts) < 2000 {
		t.Fatalf("first analysis ran %d of %d statements", first.Ran, len(pf.Stmts))
	}
	edit := func(at int, insert string) *diagnostics.Result {
		t.Helper()
		text = text[:at] + insert + text[at:]
		snap = snap.With(source.NewFile("bench.sql", 2, text))
		res, err := engine.AnalyzeFrom(ctx, snap, "bench.sql", diagnostics.Config{}, first)
		if err != nil {
			t.Fatal(err)
		}
		want, err := engine.Analyze(ctx, workspace.New(syntax.NewParser(0), snap.File("bench.sql")), "bench.sql", diagnostics.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(res.Diagnostics, want) {
			t.Fatalf("incremental findings differ from a fresh analysis")
		}
		first = res
		return res
	}

	// Typing in the WHERE clause of a query in the middle of the file.
	mid := len(text) / 2
	sel := strings.Index(text[mid:], "SELECT ") + mid
	where := strings.Index(text[sel:], " WHERE ") + sel + len(" WHERE ")
	if res := edit(where, "1 = 1 AND "); res.Ran != 1 {
		t.Errorf("an edit inside one query ran the rules on %d statements, want 1", res.Ran)
	}

	// Renaming a column of a table: its CREATE TABLE and the statements
	// naming that table run again, a handful among thousands.
	create := strings.Index(text[mid:], "CREATE TABLE ") + mid
	name := text[create+len("CREATE TABLE "):]
	name = name[:strings.IndexAny(name, " (")]
	col := strings.Index(text[create:], "name text NOT NULL") + create + len("name")
	users := 0
	for _, st := range pf.Stmts {
		if strings.Contains(st.Text, name) {
			users++
		}
	}
	res := edit(col, "_x")
	t.Logf("renaming a column of %s ran the rules on %d of %d statements", name, res.Ran, len(pf.Stmts))
	if res.Ran < 1 || res.Ran > users+1 {
		t.Errorf("renaming a column of %s ran the rules on %d statements; %d statements name the table", name, res.Ran, users)
	}
	if slices.ContainsFunc(res.Diagnostics, func(d diagnostics.Diagnostic) bool { return d.Rule == "syntax-error" }) {
		t.Errorf("the edits broke the file's syntax")
	}
}
