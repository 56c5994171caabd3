package schema_test

import (
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// TestIndexKeys checks the comparable text of index keys and predicates:
// plain columns by name, anything else normalised from the source.
func TestIndexKeys(t *testing.T) {
	text := `CREATE TABLE t (id int PRIMARY KEY, a int, b text, c int);
CREATE INDEX i1 ON t (a, b);
CREATE INDEX i2 ON ONLY public.t USING btree (LOWER(b) /* ci */, a DESC NULLS LAST, b text_pattern_ops) INCLUDE (c) WHERE  a > 0 AND (b <> 'X');
CREATE UNIQUE INDEX i3 ON t (a) WITH (fillfactor = 90) WHERE c IS NULL; -- trailing
CREATE INDEX IF NOT EXISTS i1 ON t (c);
CREATE INDEX ON t ((a + 1));
CREATE INDEX t_asc ON t (a ASC NULLS LAST, b ASC);
`
	m := buildFiles(t, source.NewFile("a.sql", 0, text))
	tb := m.Table(schema.Name{Object: "t"})
	if len(tb.Indexes) != 5 {
		t.Fatalf("%d indexes, want 5 (IF NOT EXISTS of an existing name creates nothing)", len(tb.Indexes))
	}
	tests := []struct {
		keys, include, predicate string
		unique                   bool
	}{
		{"a|b", "", "", false},
		{"lower ( b )|a desc nulls last|b text_pattern_ops", "c", "a > 0 and ( b <> 'X' )", false},
		{"a", "", "c is null", true},
		{"( a + 1 )", "", "", false},
		{"a|b", "", "", false}, // ASC and NULLS LAST are the default order
	}
	for i, tt := range tests {
		ix := tb.Indexes[i]
		if got := strings.Join(ix.Keys, "|"); got != tt.keys {
			t.Errorf("index %s keys = %q, want %q", ix.Name, got, tt.keys)
		}
		if got := strings.Join(ix.Include, "|"); got != tt.include {
			t.Errorf("index %s include = %q, want %q", ix.Name, got, tt.include)
		}
		if ix.Predicate != tt.predicate || ix.Partial != (tt.predicate != "") || ix.Unique != tt.unique {
			t.Errorf("index %s predicate = %q (partial %v, unique %v), want %q", ix.Name, ix.Predicate, ix.Partial, ix.Unique, tt.predicate)
		}
		if tbl, got := m.IndexDeclaredAt("a.sql", ix.Def.Span.Start); got != ix || tbl != tb {
			t.Errorf("IndexDeclaredAt(%s) = %v, %v", ix.Name, tbl, got)
		}
	}
	if _, got := m.IndexDeclaredAt("a.sql", strings.Index(text, "CREATE INDEX IF NOT EXISTS")); got != nil {
		t.Errorf("IndexDeclaredAt(IF NOT EXISTS of an existing index) = %v, want nil", got.Name)
	}
}

// TestTriggers replays CREATE, CREATE OR REPLACE, ALTER … RENAME and DROP TRIGGER.
func TestTriggers(t *testing.T) {
	m := buildFiles(t, source.NewFile("001.sql", 0, `CREATE TABLE app.users (id int PRIMARY KEY, updated_at timestamptz);
CREATE TABLE logs (id int PRIMARY KEY);
CREATE TRIGGER touch BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app.set_updated_at();
CREATE TRIGGER audit AFTER INSERT OR DELETE ON app.users EXECUTE PROCEDURE audit();
CREATE TRIGGER gone BEFORE INSERT OR UPDATE OF id ON logs FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER on_view INSTEAD OF INSERT ON some_view FOR EACH ROW EXECUTE FUNCTION f();
`), source.NewFile("002.sql", 0, `ALTER TRIGGER audit ON app.users RENAME TO audit_users;
CREATE OR REPLACE TRIGGER touch BEFORE INSERT OR UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION touch();
DROP TRIGGER IF EXISTS gone ON logs;
`))
	users := m.Table(schema.Name{Schema: "app", Object: "users"})
	if len(users.Triggers) != 2 {
		t.Fatalf("users has %d triggers, want 2", len(users.Triggers))
	}
	audit, touch := users.Triggers[0], users.Triggers[1]
	if audit.Name != "audit_users" || audit.Timing != schema.After || audit.Row || !audit.Fires(schema.After, schema.OnDelete) ||
		audit.Fires(schema.After, schema.OnUpdate) || audit.Function.Object != "audit" {
		t.Errorf("audit = %+v", audit)
	}
	if touch.Name != "touch" || !touch.Fires(schema.Before, schema.OnUpdate) || !touch.Fires(schema.Before, schema.OnInsert) ||
		!touch.Row || touch.Function.Key() != "touch" || touch.Def.URI != "002.sql" {
		t.Errorf("touch = %+v", touch)
	}
	if n := len(m.Table(schema.Name{Object: "logs"}).Triggers); n != 0 {
		t.Errorf("logs has %d triggers after DROP TRIGGER, want 0", n)
	}
}

// TestFunctions replays CREATE [OR REPLACE] FUNCTION and DROP FUNCTION.
func TestFunctions(t *testing.T) {
	m := buildFiles(t, source.NewFile("001.sql", 0, `CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE FUNCTION util.add(a int, b int) RETURNS int AS 'SELECT a + b' LANGUAGE SQL;
CREATE FUNCTION gone() RETURNS int RETURN 1;
CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.updated_at = clock_timestamp(); RETURN NEW; END $$;
DROP FUNCTION gone();
`))
	var names []string
	for _, f := range m.Functions() {
		names = append(names, f.Name.Key())
	}
	if got := strings.Join(names, " "); got != "util.add set_updated_at" {
		t.Fatalf("functions = %q, want %q", got, "util.add set_updated_at")
	}
	f := m.Function(schema.Name{Object: "set_updated_at"})
	if !f.ReturnsTrigger || f.Language != "plpgsql" || !strings.Contains(f.Body, "clock_timestamp") {
		t.Errorf("set_updated_at = %+v", f)
	}
	if add := m.Function(schema.Name{Schema: "util", Object: "add"}); add.ReturnsTrigger || add.Language != "sql" || add.Body != "SELECT a + b" {
		t.Errorf("util.add = %+v", add)
	}
}

// TestDeclaredKeys checks that the key history keeps keys that later
// statements drop, across a table's re-creation, and keys added before
// the table exists.
func TestDeclaredKeys(t *testing.T) {
	m := buildFiles(t, source.NewFile("000.sql", 0, `ALTER TABLE ONLY links ADD CONSTRAINT links_early UNIQUE (a);
`), source.NewFile("001.sql", 0, `CREATE TABLE links (a int, b int, PRIMARY KEY (a, b));
CREATE UNIQUE INDEX links_b ON links (b) WHERE b > 0;
ALTER TABLE links ADD CONSTRAINT links_ab UNIQUE (b, a);
ALTER TABLE links DROP CONSTRAINT links_pkey;
DROP TABLE links;
CREATE TABLE links (a int, b int);
CREATE TABLE other (x int UNIQUE);
`))
	var got []string
	for _, k := range m.DeclaredKeys(schema.Name{Schema: "public", Object: "links"}) {
		got = append(got, strings.Join(k, ","))
	}
	// 000's key on the table to come, the dropped primary key, then what
	// the dropped table had: its unique constraint and unique index.
	if s := strings.Join(got, " "); s != "a a,b b,a b" {
		t.Errorf("DeclaredKeys(links) = %q, want %q", s, "a a,b b,a b")
	}
	if keys := m.DeclaredKeys(schema.Name{Object: "other"}); len(keys) != 0 {
		t.Errorf("DeclaredKeys(other) = %v, want none: its key is in the final schema", keys)
	}
	if tb := m.Table(schema.Name{Object: "links"}); tb.PrimaryKey != nil || len(tb.Uniques) != 0 {
		t.Errorf("the re-created table has keys: %+v %+v", tb.PrimaryKey, tb.Uniques)
	}
}

// TestIndexKeysFollowRenames checks that index keys and INCLUDE columns
// follow column renames, and that dropping an INCLUDE column drops the index.
func TestIndexKeysFollowRenames(t *testing.T) {
	m := buildFiles(t, source.NewFile("001.sql", 0, `CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int);
CREATE INDEX t_a ON t (a) INCLUDE (b);
CREATE INDEX t_c ON t (id) INCLUDE (c);
ALTER TABLE t RENAME COLUMN a TO x;
ALTER TABLE t RENAME COLUMN b TO y;
ALTER TABLE t DROP COLUMN c;
`))
	tb := m.Table(schema.Name{Object: "t"})
	if len(tb.Indexes) != 1 {
		t.Fatalf("%d indexes, want 1 (dropping an INCLUDE column drops the index)", len(tb.Indexes))
	}
	if ix := tb.Indexes[0]; strings.Join(ix.Keys, ",") != "x" || strings.Join(ix.Include, ",") != "y" {
		t.Errorf("index keys %v include %v, want [x] [y]", ix.Keys, ix.Include)
	}
}

// TestAttachedAndDuplicateIndexes checks ALTER INDEX … ATTACH PARTITION
// and that a second CREATE INDEX of an existing name creates nothing.
func TestAttachedAndDuplicateIndexes(t *testing.T) {
	m := buildFiles(t, source.NewFile("001.sql", 0, `CREATE TABLE p (a int, b int) PARTITION BY RANGE (a);
CREATE TABLE public.p1 (a int, b int);
CREATE INDEX p_b ON ONLY p (b);
CREATE INDEX p1_b_idx ON public.p1 (b);
CREATE INDEX p1_b_fk ON public.p1 (b);
ALTER INDEX public.p_b ATTACH PARTITION public.p1_b_idx;
CREATE INDEX p1_b_fk ON public.p1 (a);
`))
	p1 := m.Table(schema.Name{Object: "p1"})
	if len(p1.Indexes) != 2 {
		t.Fatalf("p1 has %d indexes, want 2", len(p1.Indexes))
	}
	if !p1.Indexes[0].Attached || p1.Indexes[1].Attached || strings.Join(p1.Indexes[1].Keys, ",") != "b" {
		t.Errorf("indexes = %+v, %+v", p1.Indexes[0], p1.Indexes[1])
	}
}
