package lookup

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

func TestSymbols(t *testing.T) {
	text := `-- é 😀
CREATE TABLE app.orders (
  id bigint PRIMARY KEY,
  "Total" numeric(10, 2) NOT NULL,
  CONSTRAINT total_positive CHECK ("Total" > 0)
);
CREATE TABLE orders_2024 PARTITION OF app.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON app.orders ("Total");
CREATE INDEX ON app.orders (id);
CREATE VIEW big_orders AS SELECT * FROM app.orders WHERE "Total" > 100;
CREATE MATERIALIZED VIEW order_totals AS SELECT sum("Total") FROM app.orders;
CREATE TABLE copy AS SELECT 1 AS x;
CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE PROCEDURE purge() LANGUAGE sql AS 'DELETE FROM app.orders';
CREATE TRIGGER touch_orders BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
ALTER TABLE app.orders ADD COLUMN note text;
CREATE TABLE broken (id int,;
`
	pf, err := syntax.NewParser(0).ParseFile(context.Background(), source.NewFile("a.sql", 1, text))
	if err != nil {
		t.Fatal(err)
	}
	// Each symbol as "kind name [detail] statement-or-definition-prefix | name-span-text".
	var got []string
	var render func(indent string, syms []Symbol)
	render = func(indent string, syms []Symbol) {
		for _, s := range syms {
			body := text[s.Span.Start:s.Span.End]
			if i := strings.IndexByte(body, '\n'); i >= 0 {
				body = body[:i] + "…"
			}
			if !strings.HasSuffix(body, ";") && !strings.HasSuffix(body, "…") && s.Kind != SymbolColumn {
				body += " (not the whole statement)"
			}
			got = append(got, fmt.Sprintf("%s%d %s [%s] %s | %s", indent, s.Kind, s.Name, s.Detail, body, text[s.NameSpan.Start:s.NameSpan.End]))
			render(indent+"  ", s.Children)
		}
	}
	render("", Symbols(pf))
	want := []string{
		"1 app.orders [table] CREATE TABLE app.orders (… | app.orders",
		`  2 id [bigint] id bigint PRIMARY KEY | id`,
		`  2 Total [numeric(10,2)] "Total" numeric(10, 2) NOT NULL | "Total"`,
		"1 orders_2024 [partition of app.orders] CREATE TABLE orders_2024 PARTITION OF app.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01'); | orders_2024",
		`5 orders_total_idx [unique index on app.orders] CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON app.orders ("Total"); | orders_total_idx`,
		"5 (unnamed) on app.orders [index on app.orders] CREATE INDEX ON app.orders (id); | app.orders",
		`3 big_orders [view] CREATE VIEW big_orders AS SELECT * FROM app.orders WHERE "Total" > 100; | big_orders`,
		`4 order_totals [materialized view] CREATE MATERIALIZED VIEW order_totals AS SELECT sum("Total") FROM app.orders; | order_totals`,
		"1 copy [table] CREATE TABLE copy AS SELECT 1 AS x; | copy",
		"6 app.touch [function] CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$; | app.touch",
		"7 purge [procedure] CREATE PROCEDURE purge() LANGUAGE sql AS 'DELETE FROM app.orders'; | purge",
		"8 touch_orders [trigger on app.orders] CREATE TRIGGER touch_orders BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch(); | touch_orders",
	}
	if !slices.Equal(got, want) {
		t.Errorf("symbols:\n got %q\nwant %q", got, want)
	}
}
