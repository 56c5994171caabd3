package schema_test

import (
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestDeclaredAt(t *testing.T) {
	init := `CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES users,
  shop_id bigint,
  CONSTRAINT orders_shop_fk FOREIGN KEY (shop_id) REFERENCES shops (id)
);
CREATE TABLE gone (id bigint PRIMARY KEY, user_id bigint REFERENCES users);
ALTER TABLE orders ADD CONSTRAINT orders_buyer_fk FOREIGN KEY (user_id) REFERENCES users;
`
	later := `ALTER TABLE orders RENAME COLUMN user_id TO buyer_id;
ALTER TABLE orders RENAME TO purchases;
CREATE INDEX ON purchases (buyer_id);
ALTER TABLE purchases DROP CONSTRAINT orders_shop_fk;
DROP TABLE gone;
`
	m := buildFiles(t, source.NewFile("001.sql", 0, init), source.NewFile("002.sql", 0, later))
	at := func(text string) int { return strings.Index(init, text) }

	if got := m.TableDeclaredAt("001.sql", at("CREATE TABLE orders")); got == nil || got.Name.Object != "purchases" {
		t.Errorf("TableDeclaredAt(orders) = %v, want the renamed table purchases", got)
	}
	if got := m.TableDeclaredAt("001.sql", at("CREATE TABLE gone")); got != nil {
		t.Errorf("TableDeclaredAt(gone) = %v, want nil for a dropped table", got.Name)
	}
	if got := m.TableDeclaredAt("002.sql", at("CREATE TABLE orders")); got != nil {
		t.Errorf("TableDeclaredAt in another file = %v, want nil", got.Name)
	}

	tbl, fk := m.ForeignKeyDeclaredAt("001.sql", at("REFERENCES users,"))
	if fk == nil || tbl.Name.Object != "purchases" || strings.Join(fk.Columns, ",") != "buyer_id" || fk.RefTable.Object != "users" {
		t.Fatalf("column REFERENCES: table %v, key %+v", tbl, fk)
	}
	if !tbl.Covers(fk.Columns) {
		t.Errorf("the key's columns are indexed in a later file, but Covers(%v) is false", fk.Columns)
	}
	if _, fk := m.ForeignKeyDeclaredAt("001.sql", at("CONSTRAINT orders_buyer_fk")); fk == nil || fk.Name != "orders_buyer_fk" {
		t.Errorf("ALTER TABLE ADD CONSTRAINT key = %+v", fk)
	}
	if _, fk := m.ForeignKeyDeclaredAt("001.sql", at("CONSTRAINT orders_shop_fk")); fk != nil {
		t.Errorf("dropped constraint found: %+v", fk)
	}
	if _, fk := m.ForeignKeyDeclaredAt("001.sql", at("REFERENCES users);\nALTER")); fk != nil {
		t.Errorf("key of a dropped table found: %+v", fk)
	}
	if got := m.TableDeclaredAt("001.sql", at("CREATE TABLE users")); got == nil || got.Partitioned {
		t.Errorf("users: %+v, want a table that is not partitioned", got)
	}
	m2 := buildFiles(t, source.NewFile("p.sql", 0, `CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 (id bigint, at date);
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_old (id bigint, at date);
ALTER TABLE events ATTACH PARTITION events_old FOR VALUES FROM ('2000-01-01') TO ('2024-01-01');
ALTER TABLE events DETACH PARTITION events_old;
`))
	if got := m2.Table(schema.Name{Object: "events"}); got == nil || !got.Partitioned || got.Partition {
		t.Errorf("events: %+v, want a partitioned table", got)
	}
	for name, want := range map[string]bool{"events_2024": true, "events_2025": true, "events_old": false} {
		if got := m2.Table(schema.Name{Object: name}); got == nil || got.Partition != want {
			t.Errorf("%s: %+v, want Partition %v", name, got, want)
		}
	}
	var nilModel *schema.Model
	if tbl, fk := nilModel.ForeignKeyDeclaredAt("001.sql", 0); tbl != nil || fk != nil || nilModel.TableDeclaredAt("001.sql", 0) != nil {
		t.Error("a nil model finds declarations")
	}
}
