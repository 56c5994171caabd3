package lookup

import (
	"context"
	"path"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

const initSQL = `-- the schema 😀
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text
);
CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  total numeric(10, 2) DEFAULT 0,
  status text,
  CONSTRAINT orders_status_total_key UNIQUE (status, total)
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE UNIQUE INDEX orders_open_idx ON orders USING btree (status, lower(status)) INCLUDE (total) WHERE status <> 'done';
`

const alterSQL = `ALTER TABLE orders ADD COLUMN note text;
`

const queriesSQL = `-- é 😀 中文 queries
SELECT o.total, u.email, status FROM orders o JOIN users u ON u.id = o.user_id WHERE o.note IS NULL;
UPDATE orders SET status = 'done' WHERE id = 1;
INSERT INTO users (email, name) VALUES ('a', 'b');
DELETE FROM public.orders WHERE total > 0;
WITH orders AS (SELECT 1 AS id) SELECT id FROM orders;
SELECT id FROM orders, users;
CREATE INDEX ON orders USING gin (note);
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (status) REFERENCES users (email);
CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE users SET name = 'x' WHERE email = name; END $$;
`

func snapshot() *workspace.Snapshot {
	return workspace.New(syntax.NewParser(0),
		source.NewFile("db/001_init.sql", 0, initSQL),
		source.NewFile("db/002_alter.sql", 0, alterSQL),
		source.NewFile("db/003_queries.sql", 1, queriesSQL))
}

// described renders a Ref as "table" or "table.column", with the file and
// text of its definition: "orders.total @ 001_init.sql:total".
func described(snap *workspace.Snapshot, r *Ref) string {
	if r == nil {
		return "nil"
	}
	what := r.Table.Name.Key()
	if r.Column != nil {
		what += "." + r.Column.Name
	}
	f := snap.File(r.Def.URI)
	return what + " @ " + path.Base(r.Def.URI) + ":" + f.Text[r.Def.Span.Start:r.Def.Span.End]
}

func TestResolve(t *testing.T) {
	tests := []struct {
		line   string // a unique prefix of the line of queriesSQL
		needle string // the name on that line (its n'th occurrence, n from at)
		nth    int
		want   string // described
		span   string // the text of Ref.Span; "" means needle
	}{
		{"SELECT o.total", "SELECT", 0, "nil", ""}, // a keyword
		{"SELECT o.total", "total", 0, "orders.total @ 001_init.sql:total", ""},
		{"SELECT o.total", "o.", 0, "orders @ 001_init.sql:orders", "o"},
		{"SELECT o.total", "email", 0, "users.email @ 001_init.sql:email", ""},
		{"SELECT o.total", "status", 0, "orders.status @ 001_init.sql:status", ""}, // unqualified, one table has it
		{"SELECT o.total", "orders", 0, "orders @ 001_init.sql:orders", ""},
		{"SELECT o.total", "users", 0, "users @ 001_init.sql:users", ""},
		{"SELECT o.total", "id", 0, "users.id @ 001_init.sql:id", ""}, // u.id
		{"SELECT o.total", "user_id", 0, "orders.user_id @ 001_init.sql:user_id", ""},
		{"SELECT o.total", "note", 0, "orders.note @ 002_alter.sql:note", ""}, // added by ALTER TABLE
		{"UPDATE orders", "orders", 0, "orders @ 001_init.sql:orders", ""},
		{"UPDATE orders", "status", 0, "orders.status @ 001_init.sql:status", ""}, // SET target
		{"UPDATE orders", "id", 0, "orders.id @ 001_init.sql:id", ""},
		{"INSERT INTO users", "email", 0, "users.email @ 001_init.sql:email", ""},
		{"INSERT INTO users", "name", 0, "users.name @ 001_init.sql:name", ""},
		{"DELETE FROM public", "orders", 0, "orders @ 001_init.sql:orders", "public.orders"},
		{"DELETE FROM public", "public", 0, "orders @ 001_init.sql:orders", "public.orders"},
		{"DELETE FROM public", "total", 0, "orders.total @ 001_init.sql:total", ""},
		{"WITH orders", "orders", 1, "nil", ""}, // the CTE hides the table
		{"WITH orders", "id", 1, "nil", ""},
		{"SELECT id FROM orders, users", "id", 0, "nil", ""}, // ambiguous
		{"CREATE INDEX ON orders", "note", 0, "orders.note @ 002_alter.sql:note", ""},
		{"CREATE INDEX ON orders", "gin", 0, "nil", ""},
		{"ALTER TABLE users ALTER", "name", 0, "users.name @ 001_init.sql:name", ""},
		{"ALTER TABLE orders ADD CONSTRAINT", "status", 0, "orders.status @ 001_init.sql:status", ""},
		{"ALTER TABLE orders ADD CONSTRAINT", "email", 0, "users.email @ 001_init.sql:email", ""},
		{"ALTER TABLE orders ADD CONSTRAINT", "fk", 0, "nil", ""},
		{"CREATE FUNCTION f()", "users", 0, "users @ 001_init.sql:users", ""}, // in a PL/pgSQL body
		{"CREATE FUNCTION f()", "name", 1, "users.name @ 001_init.sql:name", ""},
		{"CREATE FUNCTION f()", "email", 0, "users.email @ 001_init.sql:email", ""},
		{"CREATE FUNCTION f()", "void", 0, "nil", ""},
	}
	snap := snapshot()
	ctx := context.Background()
	for _, tt := range tests {
		lineStart := strings.Index(queriesSQL, "\n"+tt.line) + 1
		lineEnd := lineStart + strings.IndexByte(queriesSQL[lineStart:], '\n')
		line := queriesSQL[lineStart:lineEnd]
		k := -1
		for range tt.nth + 1 {
			k += 1 + strings.Index(line[k+1:], tt.needle)
		}
		needle := strings.TrimSuffix(tt.needle, ".")
		start := lineStart + k
		// The name resolves from its first character to just after its last.
		for _, off := range []int{start, start + len(needle)} {
			r, err := Resolve(ctx, snap, "db/003_queries.sql", off)
			if err != nil {
				t.Fatal(err)
			}
			if got := described(snap, r); got != tt.want {
				t.Errorf("%s…: %q (offset %d): got %s, want %s", tt.line, tt.needle, off-start, got, tt.want)
				continue
			}
			span := tt.span
			if span == "" {
				span = needle
			}
			if r != nil && queriesSQL[r.Span.Start:r.Span.End] != span {
				t.Errorf("%s…: %q: span %q, want %q", tt.line, tt.needle, queriesSQL[r.Span.Start:r.Span.End], span)
			}
		}
	}
}

func TestResolveInDefinitions(t *testing.T) {
	snap := snapshot()
	ctx := context.Background()
	tests := []struct{ needle, want string }{
		{"TABLE orders", "orders @ 001_init.sql:orders"},
		{"user_id bigint", "orders.user_id @ 001_init.sql:user_id"},
		{"users (id)", "users @ 001_init.sql:users"},
		{"(id) ON DELETE", "users.id @ 001_init.sql:id"},
		{"UNIQUE (status", "nil"}, // UNIQUE is a keyword
		{"(status, total)", "orders.status @ 001_init.sql:status"},
		{"orders (user_id)", "orders @ 001_init.sql:orders"},
		{"(user_id);", "orders.user_id @ 001_init.sql:user_id"},
		{"lower(status)", "nil"}, // a function name
		{"INCLUDE (total)", "nil"},
		{"(total) WHERE", "orders.total @ 001_init.sql:total"},
		{"bigserial", "nil"}, // a type
	}
	for _, tt := range tests {
		off := strings.Index(initSQL, tt.needle)
		if off < 0 {
			t.Fatalf("%q not in the schema", tt.needle)
		}
		if strings.HasPrefix(tt.needle, "(") {
			off++
		}
		if strings.HasPrefix(tt.needle, "TABLE ") {
			off += len("TABLE ")
		}
		r, err := Resolve(ctx, snap, "db/001_init.sql", off)
		if err != nil {
			t.Fatal(err)
		}
		if got := described(snap, r); got != tt.want {
			t.Errorf("%q: got %s, want %s", tt.needle, got, tt.want)
		}
	}
	// Nothing at all: white space, comments, outside any statement.
	for _, off := range []int{0, 5, len(initSQL)} {
		if r, err := Resolve(ctx, snap, "db/001_init.sql", off); r != nil || err != nil {
			t.Errorf("offset %d: %v, %v", off, r, err)
		}
	}
}

func TestMarkdown(t *testing.T) {
	snap := snapshot()
	ctx := context.Background()
	name := func(uri string) string { return strings.TrimPrefix(uri, "db/") }
	hover := func(needle string) string {
		t.Helper()
		r, err := Resolve(ctx, snap, "db/003_queries.sql", strings.Index(queriesSQL, needle))
		if err != nil || r == nil {
			t.Fatalf("%q: %v, %v", needle, r, err)
		}
		return r.Markdown(snap, name)
	}
	want := "**table** `orders`\n\n" +
		"Defined at [001_init.sql:7](db/001_init.sql#L7)\n\n" +
		"Columns:\n" +
		"- `id` `bigserial` NOT NULL DEFAULT\n" +
		"- `user_id` `bigint` NOT NULL\n" +
		"- `total` `numeric(10,2)` DEFAULT\n" +
		"- `status` `text`\n" +
		"- `note` `text`\n\n" +
		"Primary key: `orders_pkey` (`id`)\n\n" +
		"Unique:\n" +
		"- `orders_status_total_key` (`status`, `total`)\n\n" +
		"Foreign keys:\n" +
		"- `orders_user_id_fkey` (`user_id`) → `users` (`id`) ON DELETE CASCADE\n" +
		"- `fk` (`status`) → `users` (`email`) ON DELETE NO ACTION\n\n" +
		"Indexes:\n" +
		"- `orders_user_id_idx` (`user_id`)\n" +
		"- `orders_open_idx` (`status`, `lower ( status )`) UNIQUE, INCLUDE (`total`), WHERE `status <> 'done'`\n" +
		"- `orders_note_idx` (`note`) gin"
	if got := hover("orders o"); got != want {
		t.Errorf("table markdown:\n%s\n--- want\n%s", got, want)
	}
	want = "**column** `orders.status` `text`\n\n" +
		"Defined at [001_init.sql:11](db/001_init.sql#L11)\n\n" +
		"Constraints:\n" +
		"- unique `orders_status_total_key` (`status`, `total`)\n" +
		"- foreign key `fk` (`status`) → `users` (`email`) ON DELETE NO ACTION\n\n" +
		"Indexes:\n" +
		"- `orders_open_idx` (`status`, `lower ( status )`) UNIQUE, INCLUDE (`total`), WHERE `status <> 'done'`"
	if got := hover("status FROM"); got != want {
		t.Errorf("column markdown:\n%s\n--- want\n%s", got, want)
	}
	want = "**column** `orders.user_id` `bigint` NOT NULL\n\n" +
		"Defined at [001_init.sql:9](db/001_init.sql#L9)\n\n" +
		"Constraints:\n" +
		"- foreign key `orders_user_id_fkey` (`user_id`) → `users` (`id`) ON DELETE CASCADE\n\n" +
		"Indexes:\n" +
		"- `orders_user_id_idx` (`user_id`)"
	if got := hover("user_id WHERE"); got != want {
		t.Errorf("column markdown:\n%s\n--- want\n%s", got, want)
	}
}
