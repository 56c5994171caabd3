package catalog_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/database"
	"github.com/sqlsage/sqlsage/diagnostics/database/catalog"
	"github.com/sqlsage/sqlsage/diagnostics/database/pgtest"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
)

var pg pgtest.Shared

func TestMain(m *testing.M) { pgtest.Main(m, &pg) }

const shop = `
CREATE SCHEMA billing;
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name varchar(100),
  country char(2) NOT NULL DEFAULT 'FR',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT customers_email_key UNIQUE (email)
);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'open',
  total numeric(10,2) NOT NULL CONSTRAINT total_not_negative CHECK (total >= 0),
  tags text[],
  total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED,
  updated_at timestamptz
);
CREATE INDEX orders_open_idx ON orders USING btree (customer_id, created_at_or_id(id)) WHERE status = 'open';
CREATE INDEX orders_tags_idx ON orders USING gin (tags);
CREATE INDEX orders_customer_idx ON orders (customer_id) INCLUDE (total);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE billing.invoices (
  id int PRIMARY KEY,
  order_id bigint REFERENCES public.orders (id) ON DELETE SET NULL ON UPDATE RESTRICT DEFERRABLE,
  customer_id bigint NOT NULL
);
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
CREATE TRIGGER invoices_audit AFTER DELETE ON billing.invoices FOR EACH STATEMENT EXECUTE FUNCTION touch();
ALTER TABLE billing.invoices DISABLE TRIGGER invoices_audit;
`

// created_at_or_id is an immutable function, for an expression key.
const helper = `CREATE FUNCTION created_at_or_id(bigint) RETURNS bigint IMMUTABLE LANGUAGE sql AS 'SELECT $1';`

func TestRead(t *testing.T) {
	t.Parallel()
	srv := pg.Get(t)
	dsn := srv.NewDatabase(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, dsn, helper+shop); err != nil {
		t.Fatal(err)
	}
	db, err := database.Connect(ctx, dsn, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	c, err := catalog.Read(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.ServerVersion < 120000 || !reflect.DeepEqual(c.Schemas, []string{"billing", "public"}) {
		t.Errorf("ServerVersion, Schemas = %d, %q; want ≥ 120000, [billing public]", c.ServerVersion, c.Schemas)
	}
	var names []string
	for _, tb := range c.Tables {
		names = append(names, tb.Name.Key())
	}
	if !reflect.DeepEqual(names, []string{"billing.invoices", "customers", "orders"}) {
		t.Fatalf("tables = %q", names)
	}

	want := &catalog.Table{
		Name:        schema.Name{Schema: "public", Object: "customers"},
		RowEstimate: -1,
		Columns: []*catalog.Column{
			{Name: "id", Type: "bigint", NotNull: true, Identity: "always"},
			{Name: "email", Type: "text", NotNull: true},
			{Name: "name", Type: "character varying(100)"},
			{Name: "country", Type: "character(2)", NotNull: true, Default: "'FR'::bpchar"},
			{Name: "created_at", Type: "timestamp with time zone", NotNull: true, Default: "now()"},
		},
		PrimaryKey: &catalog.Key{Name: "customers_pkey", Columns: []string{"id"}, Index: "customers_pkey"},
		Uniques:    []*catalog.Key{{Name: "customers_email_key", Columns: []string{"email"}, Index: "customers_email_key"}},
		Indexes: []*catalog.Index{
			{Name: "customers_email_key", Method: "btree", Columns: []string{"email"}, Keys: []string{"email"}, Unique: true, Valid: true,
				Constraint: "customers_email_key", Def: "CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (email)"},
			{Name: "customers_pkey", Method: "btree", Columns: []string{"id"}, Keys: []string{"id"}, Unique: true, Primary: true, Valid: true,
				Constraint: "customers_pkey", Def: "CREATE UNIQUE INDEX customers_pkey ON public.customers USING btree (id)"},
		},
	}
	check(t, c.Table("public", "customers"), want)

	want = &catalog.Table{
		Name:        schema.Name{Schema: "public", Object: "orders"},
		RowEstimate: -1,
		Columns: []*catalog.Column{
			{Name: "id", Type: "bigint", NotNull: true, Default: "nextval('orders_id_seq'::regclass)"},
			{Name: "customer_id", Type: "bigint", NotNull: true},
			{Name: "status", Type: "text", NotNull: true, Default: "'open'::text"},
			{Name: "total", Type: "numeric(10,2)", NotNull: true},
			{Name: "tags", Type: "text[]"},
			{Name: "total_cents", Type: "bigint", Generated: "(total * 100::numeric)::bigint"},
			{Name: "updated_at", Type: "timestamp with time zone"},
		},
		PrimaryKey: &catalog.Key{Name: "orders_pkey", Columns: []string{"id"}, Index: "orders_pkey"},
		ForeignKeys: []*catalog.ForeignKey{{
			Name: "orders_customer_id_fkey", Columns: []string{"customer_id"},
			RefTable: schema.Name{Schema: "public", Object: "customers"}, RefColumns: []string{"id"},
			OnDelete: schema.Cascade, OnUpdate: schema.NoAction, Validated: true,
		}},
		Checks: []*catalog.Check{{Name: "total_not_negative", Def: "CHECK (total >= 0::numeric)", Validated: true}},
		Indexes: []*catalog.Index{
			{Name: "orders_customer_idx", Method: "btree", Columns: []string{"customer_id"}, Keys: []string{"customer_id"}, Include: []string{"total"}, Valid: true,
				Def: "CREATE INDEX orders_customer_idx ON public.orders USING btree (customer_id) INCLUDE (total)"},
			{Name: "orders_open_idx", Method: "btree", Columns: []string{"customer_id", ""}, Keys: []string{"customer_id", "created_at_or_id(id)"}, Valid: true,
				Predicate: "status = 'open'::text",
				Def:       "CREATE INDEX orders_open_idx ON public.orders USING btree (customer_id, created_at_or_id(id)) WHERE (status = 'open'::text)"},
			{Name: "orders_pkey", Method: "btree", Columns: []string{"id"}, Keys: []string{"id"}, Unique: true, Primary: true, Valid: true,
				Constraint: "orders_pkey", Def: "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)"},
			{Name: "orders_tags_idx", Method: "gin", Columns: []string{"tags"}, Keys: []string{"tags"}, Valid: true,
				Def: "CREATE INDEX orders_tags_idx ON public.orders USING gin (tags)"},
		},
		Triggers: []*catalog.Trigger{{
			Name: "orders_touch", Timing: "BEFORE", Events: []string{"INSERT", "UPDATE"}, ForEachRow: true, Function: "touch", Enabled: true,
			Def: "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
		}},
	}
	check(t, c.Table("", "orders"), want)

	want = &catalog.Table{
		Name:        schema.Name{Schema: "billing", Object: "invoices"},
		RowEstimate: -1,
		Columns: []*catalog.Column{
			{Name: "id", Type: "integer", NotNull: true},
			{Name: "order_id", Type: "bigint"},
			{Name: "customer_id", Type: "bigint", NotNull: true},
		},
		PrimaryKey: &catalog.Key{Name: "invoices_pkey", Columns: []string{"id"}, Index: "invoices_pkey"},
		ForeignKeys: []*catalog.ForeignKey{
			{Name: "invoices_customer_fk", Columns: []string{"customer_id"}, RefTable: schema.Name{Schema: "public", Object: "customers"},
				RefColumns: []string{"id"}, OnDelete: schema.NoAction, OnUpdate: schema.NoAction},
			{Name: "invoices_order_id_fkey", Columns: []string{"order_id"}, RefTable: schema.Name{Schema: "public", Object: "orders"},
				RefColumns: []string{"id"}, OnDelete: schema.SetNull, OnUpdate: schema.Restrict, Deferrable: true, Validated: true},
		},
		Indexes: []*catalog.Index{{Name: "invoices_pkey", Method: "btree", Columns: []string{"id"}, Keys: []string{"id"}, Unique: true, Primary: true, Valid: true,
			Constraint: "invoices_pkey", Def: "CREATE UNIQUE INDEX invoices_pkey ON billing.invoices USING btree (id)"}},
		Triggers: []*catalog.Trigger{{
			Name: "invoices_audit", Timing: "AFTER", Events: []string{"DELETE"}, Function: "touch",
			Def: "CREATE TRIGGER invoices_audit AFTER DELETE ON billing.invoices FOR EACH STATEMENT EXECUTE FUNCTION touch()",
		}},
	}
	check(t, c.Table("billing", "invoices"), want)

	// Only the schemas asked for.
	c, err = catalog.Read(ctx, db, []string{"billing", "nosuch"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Schemas, []string{"billing"}) || len(c.Tables) != 1 || c.Tables[0].Name.Object != "invoices" {
		t.Errorf("billing only: schemas %q, %d tables", c.Schemas, len(c.Tables))
	}
	if c.Table("", "orders") != nil {
		t.Errorf("orders read though public was not asked for")
	}
}

// check compares a table with what is expected, field by field, printing
// both as JSON when they differ.
func check(t *testing.T, got, want *catalog.Table) {
	t.Helper()
	if got == nil {
		t.Fatalf("no table %s", want.Name.Key())
	}
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	if string(g) != string(w) {
		gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Errorf("%s: first difference at line %d:\n got %s\nwant %s", want.Name.Key(), i+1, gl[i], wl[i])
				break
			}
		}
		t.Errorf("%s:\n%s\nwant:\n%s", want.Name.Key(), g, w)
	}
}

func TestRowEstimate(t *testing.T) {
	t.Parallel()
	srv := pg.Get(t)
	dsn := srv.NewDatabase(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, dsn, `
		CREATE TABLE events (id bigint PRIMARY KEY, kind text NOT NULL);
		INSERT INTO events SELECT i, 'k' || i % 7 FROM generate_series(1, 25000) i;
		CREATE TABLE fresh (id int);
		CREATE TABLE parent (id int, at date) PARTITION BY RANGE (at);
		CREATE TABLE parent_2024 PARTITION OF parent FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
		INSERT INTO parent SELECT i, '2024-03-01' FROM generate_series(1, 300) i;
	`); err != nil {
		t.Fatal(err)
	}
	db, err := database.Connect(ctx, dsn, database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)

	// Before ANALYZE the planner knows nothing.
	c, err := catalog.Read(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := c.RowEstimate("public", "events"); ok {
		t.Errorf("events before ANALYZE: RowEstimate = %v, true; want unknown", n)
	}

	if err := srv.Exec(ctx, dsn, "ANALYZE"); err != nil {
		t.Fatal(err)
	}
	c, err = catalog.Read(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	// ANALYZE samples 30,000 rows at the default statistics target:
	// 25,000 are all read, and the estimate is exact.
	if n, ok := c.RowEstimate("", "events"); !ok || n != 25000 || c.Table("", "events").Pages == 0 {
		t.Errorf("events after ANALYZE: RowEstimate = %v, %v, pages %d; want 25000, true, > 0", n, ok, c.Table("", "events").Pages)
	}
	if n, ok := c.RowEstimate("public", "fresh"); !ok || n != 0 {
		t.Errorf("empty table after ANALYZE: %v, %v; want 0, true", n, ok)
	}
	p := c.Table("", "parent")
	if !p.Partitioned || p.RowEstimate != -1 {
		t.Errorf("partitioned parent: Partitioned %v, RowEstimate %v; want true, -1", p.Partitioned, p.RowEstimate)
	}
	if part := c.Table("", "parent_2024"); !part.Partition || part.RowEstimate != 300 {
		t.Errorf("partition: Partition %v, RowEstimate %v; want true, 300", part.Partition, part.RowEstimate)
	}
	if _, ok := c.RowEstimate("", "nosuch"); ok {
		t.Errorf("RowEstimate of an unknown table: ok")
	}

	// The same estimates, for a few tables only.
	est, err := catalog.RowEstimates(ctx, db, []schema.Name{{Object: "events"}, {Schema: "public", Object: "parent"}, {Object: "nosuch"}, {Schema: "x", Object: "y"}})
	want := map[schema.Name]float64{{Schema: "public", Object: "events"}: 25000, {Schema: "public", Object: "parent"}: -1}
	if err != nil || !reflect.DeepEqual(est, want) {
		t.Errorf("RowEstimates = %v, %v; want %v", est, err, want)
	}
}
