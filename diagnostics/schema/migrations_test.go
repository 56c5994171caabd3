package schema_test

import (
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestDownMigrationsAreNotReplayed(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("0001_init.down.sql", 0, "DROP TABLE users;"),
		source.NewFile("0001_init.up.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY);"),
		source.NewFile("0002_goose.sql", 0, `-- +goose Up
CREATE TABLE teams (id bigint PRIMARY KEY);
-- +goose Down
DROP TABLE teams;
DROP TABLE users;
-- +goose Up
CREATE INDEX teams_id ON teams (id);
`),
		source.NewFile("0003_dbmate.sql", 0, `-- migrate:up transaction:false
CREATE TABLE runs (id bigint);
-- migrate:down
DROP TABLE runs;
`),
		source.NewFile("0004_plain.down.sql", 0, "DROP TABLE teams;"),
	)
	for _, name := range []string{"users", "teams", "runs"} {
		if m.Table(schema.Name{Object: name}) == nil {
			t.Errorf("table %s is missing: a down migration was replayed", name)
		}
	}
	if ix := m.Table(schema.Name{Object: "teams"}).Indexes; len(ix) != 1 {
		t.Errorf("teams has %d indexes, want the one from the second up section", len(ix))
	}
	if m.FileIndex("0004_plain.down.sql") < 0 {
		t.Error("a down file has no place in the migration order")
	}
	if !schema.IsDownFile("x/20210101000000_a.postgres.DOWN.sql") || schema.IsDownFile("down.sql") || schema.IsDownFile("a.up.sql") {
		t.Error("IsDownFile misjudges a name")
	}
}

func TestChangeName(t *testing.T) {
	for uri, want := range map[string]string{
		"migrations/20210410175418000002_network.postgres.up.sql": "network.postgres.up.sql",
		"0007-add-users.sql": "add-users.sql",
		"V1__init.sql":       "",
		"schema.sql":         "",
		"2024_.sql":          ".sql",
		"20240101_":          "",
		"deploy/users.sql":   "",
	} {
		if got := schema.ChangeName(uri); got != want {
			t.Errorf("ChangeName(%q) = %q, want %q", uri, got, want)
		}
	}
}
