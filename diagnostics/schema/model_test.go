package schema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

func buildFiles(t *testing.T, files ...*source.File) *schema.Model {
	t.Helper()
	p := syntax.NewParser(0)
	var pfs []*syntax.ParsedFile
	for _, f := range files {
		pf, err := p.ParseFile(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		pfs = append(pfs, pf)
	}
	m, err := schema.Build(context.Background(), pfs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBuildAcrossFiles(t *testing.T) {
	init := source.NewFile("001_init.sql", 0, `CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE shop.orders (
  id serial,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status text DEFAULT 'new',
  CONSTRAINT orders_pk PRIMARY KEY (id)
);
CREATE TABLE scratch (x int);
`)
	later := source.NewFile("002_more.sql", 0, `CREATE INDEX idx_orders_user ON shop.orders (user_id, status);
ALTER TABLE shop.orders ADD COLUMN note text NOT NULL DEFAULT '';
ALTER TABLE shop.orders RENAME COLUMN status TO state;
ALTER TABLE users ADD CONSTRAINT users_email_fk FOREIGN KEY (email) REFERENCES emails (address) ON DELETE SET NULL;
DROP TABLE scratch;
`)
	m := buildFiles(t, later, init) // order given is the replay order: later first means nothing to alter
	if len(m.Tables()) != 3 {
		t.Fatalf("replaying 002 before 001: %d tables, want 3 (users, shop.orders, scratch)", len(m.Tables()))
	}

	m = buildFiles(t, init, later)
	var names []string
	for _, tb := range m.Tables() {
		names = append(names, tb.Name.Key())
	}
	if got := strings.Join(names, " "); got != "users shop.orders" {
		t.Fatalf("tables = %q, want %q", got, "users shop.orders")
	}
	orders := m.Table(schema.Name{Schema: "shop", Object: "orders"})
	if orders == nil || orders.Def.URI != "001_init.sql" || !strings.HasPrefix(init.Text[orders.Def.Span.Start:], "CREATE TABLE shop.orders") {
		t.Fatalf("orders = %+v", orders)
	}
	var cols []string
	for _, c := range orders.Columns {
		cols = append(cols, c.Name+" "+c.Type)
	}
	if got := strings.Join(cols, ", "); got != "id serial, user_id int8, state text, note text" {
		t.Errorf("columns = %q", got)
	}
	if c := orders.Column("id"); !c.NotNull || !c.HasDefault {
		t.Errorf("serial id: NotNull %v, HasDefault %v; want both", c.NotNull, c.HasDefault)
	}
	if c := orders.Column("note"); !c.NotNull || !c.HasDefault || c.Def.URI != "002_more.sql" {
		t.Errorf("note = %+v", c)
	}
	if orders.PrimaryKey == nil || orders.PrimaryKey.Name != "orders_pk" || orders.PrimaryKey.Columns[0] != "id" {
		t.Errorf("primary key = %+v", orders.PrimaryKey)
	}
	if len(orders.ForeignKeys) != 1 || orders.ForeignKeys[0].OnDelete != schema.Cascade || orders.ForeignKeys[0].RefTable.Object != "users" {
		t.Fatalf("foreign keys = %+v", orders.ForeignKeys)
	}
	fk := orders.ForeignKeys[0]
	if got := init.Text[fk.Def.Span.Start:fk.Def.Span.End]; got != "REFERENCES users (id) ON DELETE CASCADE" {
		t.Errorf("foreign key span = %q", got)
	}
	// The index in 002 covers user_id (leftmost) but not state alone; the rename followed it.
	if !orders.Covers([]string{"user_id"}) || !orders.Covers([]string{"state", "user_id"}) || orders.Covers([]string{"state"}) {
		t.Errorf("Covers: index columns %v", orders.Indexes[0].Columns)
	}
	users := m.Table(schema.Name{Object: "users"})
	if !users.Covers([]string{"email"}) || users.ForeignKeys[0].OnDelete != schema.SetNull {
		t.Errorf("users: uniques %+v, fks %+v", users.Uniques, users.ForeignKeys)
	}
	if !m.CreatedBefore(orders, "002_more.sql") || m.CreatedBefore(orders, "001_init.sql") {
		t.Errorf("CreatedBefore wrong")
	}
}

func TestPartialAndGinIndexesDoNotCover(t *testing.T) {
	m := buildFiles(t, source.NewFile("a.sql", 0, `CREATE TABLE t (id int PRIMARY KEY, a int, b int[]);
CREATE INDEX ON t (a) WHERE a > 0;
CREATE INDEX ON t USING gin (b);
`))
	tb := m.Table(schema.Name{Object: "t"})
	if tb.Covers([]string{"a"}) || tb.Covers([]string{"b"}) || !tb.Covers([]string{"id"}) {
		t.Errorf("Covers: partial/gin indexes must not count; primary key must")
	}
}
