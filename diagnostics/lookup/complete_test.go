package lookup

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// cursor marks the cursor in the texts of TestComplete.
const cursor = "‸"

func TestComplete(t *testing.T) {
	tables := []string{"users", "orders", "app.line_items"}
	orders := []string{"orders.id", "orders.user_id", "orders.total", "orders.status", "orders.note"}
	users := []string{"users.id", "users.email", "users.name"}
	items := []string{"app.line_items.order_id", "app.line_items.Qty", "app.line_items.order"}
	tests := []struct {
		text string
		want []string // tables as names, columns as table.column
	}{
		// Tables, in statements that do not parse yet.
		{"SELECT * FROM ‸", tables},
		{"SELECT * FROM or‸", tables},
		{"SELECT * FROM orders o JOIN ‸", tables},
		{"SELECT * FROM orders o, ‸", tables},
		{"INSERT INTO ‸", tables},
		{"UPDATE ‸", tables},
		{"DELETE FROM ‸ WHERE id = 1;", tables},
		{"ALTER TABLE ‸", tables},
		{"TRUNCATE ‸", tables},
		{"CREATE TABLE t (a bigint REFERENCES ‸", tables},
		{"CREATE INDEX ON ‸", tables},
		{"CREATE TRIGGER x BEFORE INSERT ON ‸", tables},
		{"SELECT * FROM app.‸", []string{"line_items"}},
		// No tables where a new name is written.
		{"CREATE TABLE ‸", nil},
		{"SELECT * FROM orders ‸", nil},
		// Columns of the tables in scope, aliases resolved, even when the
		// FROM comes after the cursor.
		{"SELECT ‸ FROM orders", orders},
		{"SELECT o.‸ FROM orders o JOIN users u ON u.id = o.user_id", orders},
		{"SELECT u.em‸ FROM orders o JOIN users u ON u.id = o.user_id", users},
		{"SELECT orders.‸ FROM orders", orders},
		{"SELECT * FROM orders o JOIN users u ON ‸", append(slices.Clone(orders), users...)},
		{"SELECT * FROM orders WHERE ‸", orders},
		{"SELECT * FROM orders WHERE total > 1 AND ‸", orders},
		{"SELECT * FROM orders WHERE total > ‸", orders},
		{"SELECT id, ‸ FROM users", users},
		{"SELECT * FROM users WHERE lower(‸", users},
		{"SELECT * FROM users ORDER BY ‸", users},
		{"UPDATE users SET ‸", users},
		{"UPDATE users u SET name = u.‸", users},
		{"INSERT INTO users (‸", users},
		{"INSERT INTO users (email, ‸) VALUES (1, 2);", users},
		{"CREATE INDEX ON orders USING gin (‸", orders},
		{"CREATE TABLE t (a bigint REFERENCES users (‸", users},
		{"SELECT i.‸ FROM app.line_items AS i", items},
		// Nothing in a comment, a string, after a name, or after a semicolon.
		{"SELECT * FROM orders; -- FROM ‸", nil},
		{"SELECT 'FROM ‸' FROM orders;", nil},
		{"SELECT * FROM orders;\n‸", nil},
		{"SELECT * FROM orders; ‸", nil},
		{"SELECT * FROM orders WHERE total ‸", nil},
		{"SELECT * FROM orders WHERE tot‸", orders}, // the word being typed
		{"SELECT 'unterminated‸", nil},
		{"INSERT INTO users VALUES (‸", nil},
		// Inside a dollar-quoted routine body being typed.
		{"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE users SET x = 1; DELETE FROM orders WHERE ‸", orders},
		{"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n  PERFORM 1 FROM ‸\nEND $body$;", tables},
	}
	const lineItems = "CREATE TABLE app.line_items (order_id bigint REFERENCES orders, \"Qty\" int, \"order\" int);\n"
	ctx := context.Background()
	for _, tt := range tests {
		off := strings.Index(tt.text, cursor)
		text := strings.Replace(tt.text, cursor, "", 1)
		snap := snapshot().With(source.NewFile("db/002b_items.sql", 0, lineItems), source.NewFile("db/004_typing.sql", 1, text))
		got, err := Complete(ctx, snap, "db/004_typing.sql", off)
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		var names []string
		for _, c := range got {
			name := c.Name
			if c.Column != nil {
				name = c.Table.Name.Key() + "." + c.Column.Name
			}
			names = append(names, name)
		}
		if !slices.Equal(names, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, names, tt.want)
		}
	}
}

// TestCompleteInsertText checks how names that need quotes are written.
func TestCompleteInsertText(t *testing.T) {
	snap := workspace.New(syntax.NewParser(0),
		source.NewFile("a.sql", 0, `CREATE TABLE "Order Items" ("Qty" int, "order" int, plain int); CREATE TABLE s.t (x int);`),
		source.NewFile("b.sql", 1, "SELECT  FROM \"Order Items\" i"))
	ctx := context.Background()
	check := func(off int, want []string) {
		t.Helper()
		got, err := Complete(ctx, snap, "b.sql", off)
		if err != nil {
			t.Fatal(err)
		}
		var ins []string
		for _, c := range got {
			ins = append(ins, c.Name+" → "+c.Insert)
		}
		if !slices.Equal(ins, want) {
			t.Errorf("offset %d:\n got %q\nwant %q", off, ins, want)
		}
	}
	check(len("SELECT "), []string{`Qty → "Qty"`, `order → "order"`, "plain → plain"})
	check(len("SELECT  FROM "), []string{`Order Items → "Order Items"`, "s.t → s.t"})
}
