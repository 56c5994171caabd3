package schema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

func TestCreatedBeforeIsAnEarlierMigration(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("db/1_users.up.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY);"),
		source.NewFile("db/1_users.down.sql", 0, "DROP TABLE users;"),
		source.NewFile("db/2_phone.up.sql", 0, "ALTER TABLE users ADD COLUMN phone text;"),
		source.NewFile("db/2_phone.down.sql", 0, "ALTER TABLE users DROP COLUMN phone;"),
		source.NewFile("schema.sql", 0, "SELECT 1;"),
	)
	users := m.Table(schema.Name{Object: "users"})
	for uri, want := range map[string]bool{
		"db/1_users.up.sql":   false,
		"db/1_users.down.sql": false, // the same migration, though a later file
		"db/2_phone.up.sql":   true,
		"db/2_phone.down.sql": true,
		"schema.sql":          true,
		"elsewhere.sql":       false,
	} {
		if got := m.CreatedBefore(users, uri); got != want {
			t.Errorf("CreatedBefore(users, %s) = %v, want %v", uri, got, want)
		}
	}
	if users.Column("phone") == nil {
		t.Error("the up migration's column is missing")
	}
}

func TestUndoRevertAndVerifyScriptsAreNotReplayed(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("sql/V1__users.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY);"),
		source.NewFile("sql/U2__teams.sql", 0, "DROP TABLE teams; CREATE TABLE undone (id int);"),
		source.NewFile("sql/V2__teams.sql", 0, "CREATE TABLE teams (id bigint PRIMARY KEY);"),
		source.NewFile("proj/deploy/runs.sql", 0, "BEGIN; CREATE TABLE runs (id bigint); COMMIT;"),
		source.NewFile("proj/revert/runs.sql", 0, "BEGIN; DROP TABLE runs; CREATE TABLE reverted (id int); COMMIT;"),
		source.NewFile("proj/verify/runs.sql", 0, "CREATE TABLE verified (id int);"),
	)
	for _, name := range []string{"users", "teams", "runs"} {
		if m.Table(schema.Name{Object: name}) == nil {
			t.Errorf("table %s is missing", name)
		}
	}
	for _, name := range []string{"undone", "reverted", "verified"} {
		if m.Table(schema.Name{Object: name}) != nil {
			t.Errorf("table %s exists: an undo, revert or verify script was replayed", name)
		}
	}
	for uri, want := range map[string]bool{"sql/U2__teams.sql": true, "proj/revert/runs.sql": true, "sql/V2__teams.sql": false, `C:\p\revert\x.sql`: true, "reverts/x.sql": false} {
		if got := schema.IsDownFile(uri); got != want {
			t.Errorf("IsDownFile(%q) = %v, want %v", uri, got, want)
		}
	}
}

func TestInTransaction(t *testing.T) {
	files := []*source.File{
		source.NewFile("goose/1_a.sql", 0, "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n"),
		source.NewFile("goose/2_b.sql", 0, "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"),
		source.NewFile("gm/1_one.up.sql", 0, "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"),
		source.NewFile("gm/2_two.up.sql", 0, "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY a_id ON a (id);\n"),
		source.NewFile("fw/V1__a.sql", 0, "CREATE TABLE b (id int);\n"),
		source.NewFile("fw/V2__b.sql", 0, "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n"),
		source.NewFile("migrations/1_plain.sql", 0, "CREATE INDEX CONCURRENTLY b_id ON b (id);\n"),
		source.NewFile("schema.sql", 0, "CREATE TABLE c (id int);\n"),
	}
	p := syntax.NewParser(0)
	parsed := make(map[string]*syntax.ParsedFile)
	var pfs []*syntax.ParsedFile
	for _, f := range files {
		pf, err := p.ParseFile(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		parsed[f.URI] = pf
		pfs = append(pfs, pf)
	}
	m, err := schema.Build(context.Background(), pfs)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		uri, stmt string
		want      bool
		reason    string
	}{
		{"goose/1_a.sql", "CREATE TABLE", true, "goose runs each migration in a transaction"},
		{"goose/1_a.sql", "DROP TABLE", true, "goose runs each migration in a transaction"},
		{"goose/2_b.sql", "CREATE INDEX", false, "-- +goose NO TRANSACTION"},
		{"gm/1_one.up.sql", "CREATE INDEX", false, "golang-migrate sends the file as one query, and a query of one statement runs outside a transaction block"},
		{"gm/2_two.up.sql", "CREATE INDEX", true, "golang-migrate sends the file as one query, which PostgreSQL runs as one implicit transaction"},
		{"fw/V1__a.sql", "CREATE TABLE", true, "Flyway runs each migration in a transaction unless a statement cannot run in one"},
		{"fw/V2__b.sql", "SET", false, "Flyway runs the script without a transaction because it holds CREATE INDEX CONCURRENTLY"},
		{"migrations/1_plain.sql", "CREATE INDEX", false, "plain SQL files run without a transaction unless they open one"},
		{"schema.sql", "CREATE TABLE", false, ""},
	} {
		pf := parsed[tc.uri]
		var st *syntax.Stmt
		for _, s := range pf.Stmts {
			if strings.HasPrefix(s.Text, tc.stmt) {
				st = s
				break
			}
		}
		if st == nil {
			t.Fatalf("%s: no statement %q", tc.uri, tc.stmt)
		}
		if got, reason := m.InTransaction(pf, st); got != tc.want || reason != tc.reason {
			t.Errorf("InTransaction(%s, %s) = %v, %q; want %v, %q", tc.uri, tc.stmt, got, reason, tc.want, tc.reason)
		}
	}
	if mig, part := m.MigrationAt("goose/1_a.sql", strings.Index(files[0].Text, "DROP")); mig == nil || part != mig.Down {
		t.Errorf("MigrationAt(goose DROP) = %v, %v; want the down part", mig, part)
	}
}
