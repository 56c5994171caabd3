package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// rebuildSnippets are typed into files by TestRebuildMatchesBuild: DDL
// on the tables of the workspaces, renames, drops, index names that
// DROP INDEX finds, functions, statement ends and comments.
var rebuildSnippets = []string{
	"x", "_id", " ", "\n", ";", "(", ")", "'", "-- c\n", "-- +goose Down\n",
	"CREATE TABLE users (id bigint PRIMARY KEY, email text);\n", "CREATE TABLE t3 (a int REFERENCES t2 (id));\n",
	"ALTER TABLE users ADD COLUMN phone text NOT NULL;\n", "ALTER TABLE t1 ADD COLUMN z int UNIQUE;\n",
	"ALTER TABLE orders RENAME TO purchases;\n", "ALTER TABLE t2 RENAME COLUMN name TO title;\n",
	"ALTER TABLE t1 ALTER COLUMN price TYPE numeric(12, 2);\n", "ALTER TABLE users DROP COLUMN email;\n",
	"DROP TABLE t1;\n", "DROP INDEX idx_t2_name;\n", "CREATE INDEX idx_t2_name ON t2 (name);\n",
	"CREATE UNIQUE INDEX ux ON users (email);\n", "DROP INDEX ux;\n",
	"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n",
	"CREATE TRIGGER tr BEFORE UPDATE ON t2 FOR EACH ROW EXECUTE FUNCTION touch();\n",
	"ALTER TABLE t2 ADD CONSTRAINT t2_u UNIQUE (name);\n", "ALTER TABLE t2 DROP CONSTRAINT t2_u;\n",
	"SELECT * FROM t1;\n", "price float,", "NOT NULL", "t2", "users",
}

// rebuildWorkspaces are the file sets TestRebuildMatchesBuild edits.
func rebuildWorkspaces(t *testing.T) map[string][]*source.File {
	t.Helper()
	read := func(root string) []*source.File {
		var files []*source.File
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
		return files
	}
	var gen strings.Builder
	for i := range 40 {
		fmt.Fprintf(&gen, "CREATE TABLE t%d (id bigint PRIMARY KEY, parent_id bigint REFERENCES t%d (id), name text, price numeric(10, 2));\n", i, max(i-1, 0))
		fmt.Fprintf(&gen, "CREATE INDEX idx_t%d_name ON t%d (name);\nALTER TABLE t%d ADD COLUMN note text;\nSELECT * FROM t%d;\n", i, i, i, i)
	}
	return map[string][]*source.File{
		"shop":  read(filepath.Join("..", "..", "testdata", "examples", "shop")),
		"goose": read(filepath.Join("..", "..", "testdata", "migrations", "goose")),
		"plain": read(filepath.Join("..", "..", "testdata", "migrations", "plain")),
		"generated": {
			source.NewFile("a.sql", 1, gen.String()),
			source.NewFile("b.sql", 1, "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint, user_id bigint REFERENCES users);\n"),
		},
	}
}

// TestRebuildMatchesBuild edits workspaces at random and checks after
// every edit that Rebuild from the previous model gives exactly the
// model Build gives: tables in order with every position, key and type
// histories, functions, fingerprints and the applied statements.
func TestRebuildMatchesBuild(t *testing.T) {
	ctx := context.Background()
	edits := 300
	if testing.Short() {
		edits = 60
	}
	for name, files := range rebuildWorkspaces(t) {
		t.Run(name, func(t *testing.T) {
			if len(files) == 0 {
				t.Fatal("no files")
			}
			r := rand.New(rand.NewPCG(7, uint64(len(name))))
			parser := syntax.NewParser(0)
			parsed := make([]*syntax.ParsedFile, len(files))
			for i, f := range files {
				pf, err := parser.ParseFile(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				parsed[i] = pf
			}
			model, err := Build(ctx, parsed)
			if err != nil {
				t.Fatal(err)
			}
			incremental := 0
			for i := range edits {
				u := r.IntN(len(parsed))
				text := parsed[u].File.Text
				a := r.IntN(len(text) + 1)
				b := a
				if r.IntN(3) == 0 {
					b = min(len(text), a+r.IntN(16))
				}
				text = text[:a] + rebuildSnippets[r.IntN(len(rebuildSnippets))] + text[b:]
				pf, err := parser.Reparse(ctx, parsed[u], source.NewFile(parsed[u].File.URI, int32(i+2), text))
				if err != nil {
					t.Fatal(err)
				}
				next := slices.Clone(parsed)
				next[u] = pf
				if rebuild(model, next) != nil {
					incremental++
				}
				got, err := Rebuild(ctx, model, next, nil)
				if err != nil {
					t.Fatal(err)
				}
				want, err := Build(ctx, next)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := describeModel(got), describeModel(want); g != w {
					t.Fatalf("edit %d (%q at %d in %s): Rebuild\n%s\nBuild\n%s", i, text[a:min(len(text), a+30)], a, pf.File.URI, g, w)
				}
				parsed, model = next, got
			}
			t.Logf("%d of %d edits rebuilt incrementally", incremental, edits)
			if incremental < edits/3 {
				t.Errorf("only %d of %d edits were rebuilt incrementally", incremental, edits)
			}
		})
	}
}

// describeModel renders everything a model holds.
func describeModel(m *Model) string {
	var b strings.Builder
	for _, t := range m.order {
		data, err := json.Marshal(t)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(&b, "table %s\n", data)
	}
	for _, k := range slices.Sorted(mapKeys(m.tables)) {
		fmt.Fprintf(&b, "key %s → %s\n", k, m.tables[k].Name)
	}
	for _, k := range slices.Sorted(mapKeys(m.keyHistory)) {
		fmt.Fprintf(&b, "key history %s %v\n", k, m.keyHistory[k])
	}
	if m.hist != nil {
		for _, k := range slices.Sorted(mapKeys(m.hist.types)) {
			fmt.Fprintf(&b, "types %q %v\n", k, m.hist.types[k])
		}
	}
	for _, f := range m.functionOrder {
		fmt.Fprintf(&b, "function %+v\n", *f)
	}
	for _, k := range slices.Sorted(mapKeys(m.fp.tables)) {
		fmt.Fprintf(&b, "fingerprint %q %x\n", k, m.fp.tables[k])
	}
	fmt.Fprintf(&b, "fingerprints files %x functions %x\n", m.fp.files, m.fp.functions)
	for _, a := range m.applied {
		fmt.Fprintf(&b, "applied %s %v %v %v\n", a.uri, a.stmt.Span, a.keys, a.functions)
	}
	for _, k := range slices.SortedFunc(mapKeys(m.tableDefs), cmpDefKey) {
		fmt.Fprintf(&b, "table def %v %s\n", k, m.tableDefs[k].Name)
	}
	for _, k := range slices.SortedFunc(mapKeys(m.fkDefs), cmpDefKey) {
		fmt.Fprintf(&b, "fk def %v %s.%s\n", k, m.fkDefs[k].table.Name, m.fkDefs[k].fk.Name)
	}
	return b.String()
}

func cmpDefKey(a, b defKey) int {
	if c := strings.Compare(a.uri, b.uri); c != 0 {
		return c
	}
	return a.start - b.start
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
