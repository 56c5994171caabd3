package schema_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestColumnTypeBefore(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("db/1_users.up.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(20), note text);"),
		source.NewFile("db/2_wider.up.sql", 0, "ALTER TABLE users ALTER COLUMN name TYPE varchar(50);"),
		source.NewFile("db/2_wider.down.sql", 0, "ALTER TABLE users ALTER COLUMN name TYPE varchar(20);"),
		source.NewFile("db/3_text.up.sql", 0, "ALTER TABLE users ALTER COLUMN name TYPE text; ALTER TABLE users ALTER COLUMN name TYPE varchar(80);"),
	)
	users := schema.Name{Object: "users"}
	for _, c := range []struct{ col, uri, want string }{
		{"name", "db/1_users.up.sql", "varchar(20)"},
		{"name", "db/2_wider.up.sql", "varchar(20)"},
		{"name", "db/2_wider.down.sql", "varchar(20)"}, // the down file's migration is the same
		{"name", "db/3_text.up.sql", "varchar(50)"},    // before the migration, not before the second statement
		{"name", "db/4_later.up.sql", "varchar(80)"},   // a file the model does not know: the final type
		{"note", "db/3_text.up.sql", "text"},           // never changed
		{"missing", "db/3_text.up.sql", ""},
	} {
		if got := m.ColumnTypeBefore(users, c.col, c.uri); got != c.want {
			t.Errorf("ColumnTypeBefore(users, %s, %s) = %q, want %q", c.col, c.uri, got, c.want)
		}
	}
	var r schema.Reads
	m.Recording(&r).ColumnTypeBefore(users, "name", "db/2_wider.up.sql")
	if !slices.Contains(r.Tables, "users") || !r.Files {
		t.Errorf("reads = %+v, want table users and the files", r)
	}
}

func TestDownDiff(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("db/1_users.up.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"),
		source.NewFile("db/1_users.down.sql", 0, "DROP TABLE users;"),
		source.NewFile("db/2_phone.up.sql", 0, "ALTER TABLE users ADD COLUMN phone text; CREATE INDEX users_phone_idx ON users (phone);"),
		source.NewFile("db/2_phone.down.sql", 0, "ALTER TABLE users ALTER COLUMN phone SET DEFAULT '';"),
		source.NewFile("db/3_rename.up.sql", 0, "ALTER TABLE users RENAME TO members; ALTER TABLE members ALTER COLUMN email DROP NOT NULL;"),
		source.NewFile("db/3_rename.down.sql", 0, "ALTER TABLE members RENAME TO users;"),
		source.NewFile("db/4_orders.up.sql", 0, "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES members (id));"),
		source.NewFile("db/4_orders.down.sql", 0, "SELECT 1;"),
		source.NewFile("db/5_drop.up.sql", 0, "DROP TABLE orders;"),
		source.NewFile("db/5_drop.down.sql", 0, "CREATE TABLE orders (id int PRIMARY KEY, user_id bigint);"),
		source.NewFile("db/6_none.up.sql", 0, "ALTER TABLE members ADD COLUMN x int;"),
		source.NewFile("db/7_goose.sql", 0, "-- +goose Up\nCREATE TABLE tags (id int);\n-- +goose Down\nDROP TABLE tags;\n"),
	)
	want := map[string][]string{
		"1": nil,
		"2": {"column users.phone remains", "index users_phone_idx on users remains"},
		"3": {"column users.email is no longer NOT NULL"},
		"4": {"table orders remains"},
		"5": {"column orders.id is int4, not int8", "constraint orders_user_id_fkey on orders is not restored"},
		"6": nil,
		"7": nil,
	}
	got := map[string][]string{}
	for _, h := range m.Migrations().Histories {
		for _, mig := range h.Migrations {
			got[mig.Version] = m.DownDiff(mig)
		}
	}
	for v, w := range want {
		if !reflect.DeepEqual(got[v], w) {
			t.Errorf("DownDiff(migration %s) = %q, want %q", v, got[v], w)
		}
	}
	if m.Table(schema.Name{Object: "members"}).Column("phone") == nil {
		t.Error("DownDiff changed the model")
	}
}

// TestDownDiffSplitChange checks a change split into a file per
// statement (popx): its down parts undo the change together, the last
// first, and only the down that runs first carries the difference.
func TestDownDiffSplitChange(t *testing.T) {
	m := buildFiles(t,
		source.NewFile("sql/20200101000000000000_users.up.sql", 0, "CREATE TABLE users (id bigint PRIMARY KEY);"),
		source.NewFile("sql/20200101000000000000_users.down.sql", 0, "DROP TABLE users;"),
		source.NewFile("sql/20200202000000000000_rename.up.sql", 0, "ALTER TABLE users RENAME TO accounts;"),
		source.NewFile("sql/20200202000000000000_rename.down.sql", 0, "DROP INDEX accounts_email_idx;"),
		source.NewFile("sql/20200202000000000001_rename.up.sql", 0, "ALTER TABLE accounts ADD COLUMN email text; CREATE INDEX accounts_email_idx ON accounts (email);"),
		source.NewFile("sql/20200202000000000001_rename.down.sql", 0, "ALTER TABLE accounts RENAME TO users;"),
		source.NewFile("sql/20200303000000000000_notes.up.sql", 0, "CREATE TABLE notes (id int);"),
		source.NewFile("sql/20200303000000000001_notes.up.sql", 0, "CREATE INDEX notes_id_idx ON notes (id);"),
		source.NewFile("sql/20200303000000000001_notes.down.sql", 0, "SELECT 1;"),
	)
	got := map[string][]string{}
	for _, h := range m.Migrations().Histories {
		for _, mig := range h.Migrations {
			got[mig.Version] = m.DownDiff(mig)
		}
	}
	want := map[string][]string{
		"20200202000000000000": nil,
		"20200202000000000001": {"column users.email remains"}, // the index is dropped by the other down
		"20200303000000000001": nil,                            // the group has an up without a down
	}
	for v, w := range want {
		if !reflect.DeepEqual(got[v], w) {
			t.Errorf("DownDiff(migration %s) = %q, want %q", v, got[v], w)
		}
	}
}
