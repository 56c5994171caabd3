package server

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// TestNamesHoverAndDefinition checks hover and go-to-definition on table
// and column names across files: the tables are created in 001_init.sql,
// on disk, and named in 002_queries.sql, open in the editor with
// multi-byte text before the names (positions are UTF-16 columns).
func TestNamesHoverAndDefinition(t *testing.T) {
	dir := t.TempDir()
	initText := "-- the schema\n" +
		"CREATE TABLE users (\n" +
		"  id bigint PRIMARY KEY,\n" +
		"  email text NOT NULL\n" +
		");\n" +
		"CREATE TABLE orders (\n" +
		"  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n" +
		"  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n" +
		"  total numeric(10, 2)\n" +
		");\n" +
		"CREATE INDEX orders_user_id_idx ON orders (user_id);\n"
	initPath := filepath.Join(dir, "001_init.sql")
	if err := os.WriteFile(initPath, []byte(initText), 0o666); err != nil {
		t.Fatal(err)
	}
	initURI := string(uri.File(initPath))
	queries := string(uri.File(filepath.Join(dir, "002_queries.sql")))
	text := "-- 😀 中文\n" +
		"SELECT '😀é' AS x, o.total FROM orders o WHERE o.user_id = 1;\n" +
		"ALTER TABLE orders ADD COLUMN note text;\n" +
		"SELECT '𝄞' AS y, note FROM orders;\n" +
		"DELETE FROM orders;\n" +
		"SELECT tables;\n"

	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, rules.UpdateDeleteWithoutWhere, modelRule())})
	c.initialize(string(uri.File(dir)))
	c.open(queries, 1, text)
	// The workspace folder is read in the background: wait until the
	// model holds the tables of 001_init.sql.
	c.await("the workspace model", func(p protocol.PublishDiagnosticsParams) bool {
		return string(p.URI) == queries && slices.ContainsFunc(p.Diagnostics, func(d protocol.Diagnostic) bool {
			return d.Message == "tables: users,orders"
		})
	})

	at := func(needle string, from int) protocol.TextDocumentPositionParams {
		return protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(queries)},
			Position: pos(t, text, needle, from)}
	}
	hover := func(p protocol.TextDocumentPositionParams) *protocol.Hover {
		t.Helper()
		var h *protocol.Hover
		c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: p}, &h)
		return h
	}
	definition := func(p protocol.TextDocumentPositionParams) []protocol.Location {
		t.Helper()
		var locs []protocol.Location
		c.mustCall(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: p}, &locs)
		return locs
	}
	line2 := strings.Index(text, "SELECT '😀é'")

	h := hover(at("orders", line2))
	ordersMarkdown := "**table** `orders`\n\n" +
		"Defined at [001_init.sql:6](" + initURI + "#L6)\n\n" +
		"Columns:\n" +
		"- `id` `bigint` NOT NULL DEFAULT\n" +
		"- `user_id` `bigint` NOT NULL\n" +
		"- `total` `numeric(10,2)`\n" +
		"- `note` `text`\n\n" +
		"Primary key: `orders_pkey` (`id`)\n\n" +
		"Foreign keys:\n" +
		"- `orders_user_id_fkey` (`user_id`) → `users` (`id`) ON DELETE CASCADE\n\n" +
		"Indexes:\n" +
		"- `orders_user_id_idx` (`user_id`)"
	if h == nil || h.Contents.Kind != protocol.Markdown || h.Contents.Value != ordersMarkdown {
		t.Fatalf("hover on orders = %+v, want markdown:\n%s", h, ordersMarkdown)
	}
	if want := rng(t, text, "orders", line2); h.Range == nil || *h.Range != want {
		t.Errorf("hover range %v, want %v", h.Range, fmtRange(want))
	}

	// A column qualified by an alias, after multi-byte text.
	h = hover(at("total", line2))
	want := "**column** `orders.total` `numeric(10,2)`\n\n" +
		"Defined at [001_init.sql:9](" + initURI + "#L9)"
	if h == nil || h.Contents.Value != want {
		t.Errorf("hover on o.total = %+v, want markdown:\n%s", h, want)
	} else if wantRange := rng(t, text, "total", line2); *h.Range != wantRange {
		t.Errorf("hover range %s, want %s", fmtRange(*h.Range), fmtRange(wantRange))
	}
	h = hover(at("user_id", line2))
	want = "**column** `orders.user_id` `bigint` NOT NULL\n\n" +
		"Defined at [001_init.sql:8](" + initURI + "#L8)\n\n" +
		"Constraints:\n" +
		"- foreign key `orders_user_id_fkey` (`user_id`) → `users` (`id`) ON DELETE CASCADE\n\n" +
		"Indexes:\n" +
		"- `orders_user_id_idx` (`user_id`)"
	if h == nil || h.Contents.Value != want {
		t.Errorf("hover on o.user_id = %+v, want markdown:\n%s", h, want)
	}

	// Definitions: in the other file, with UTF-16 ranges; in this file for
	// a column its ALTER TABLE adds.
	tests := []struct {
		needle string
		from   int
		uri    string
		want   protocol.Range
	}{
		{"orders", line2, initURI, rng(t, initText, "orders", 0)},
		{"total", line2, initURI, rng(t, initText, "total", 0)},
		{"o.", line2 + strings.Index(text[line2:], "FROM"), initURI, rng(t, initText, "orders", 0)},
		{"user_id", line2, initURI, rng(t, initText, "user_id", 0)},
		{"note", strings.Index(text, "'𝄞'"), queries, rng(t, text, "note", 0)},
	}
	for _, tt := range tests {
		locs := definition(at(tt.needle, tt.from))
		if len(locs) != 1 || string(locs[0].URI) != tt.uri || locs[0].Range != tt.want {
			t.Errorf("definition of %q = %+v, want %s %s", tt.needle, locs, tt.uri, fmtRange(tt.want))
		}
	}
	// No definition where there is no name of the model.
	for _, needle := range []string{"SELECT", "AS", "'😀é'", "x,"} {
		if locs := definition(at(needle, line2)); locs != nil {
			t.Errorf("definition of %q = %+v, want null", needle, locs)
		}
	}

	// On a name inside a diagnostic: the rule's documentation, then the table.
	del := strings.Index(text, "DELETE")
	h = hover(at("orders", del))
	want = ruleMarkdown(rules.UpdateDeleteWithoutWhere) + "\n\n---\n\n" + ordersMarkdown
	if h == nil || h.Contents.Value != want {
		t.Errorf("hover on the DELETE's table = %+v, want markdown:\n%s", h, want)
	} else if wantRange := rng(t, text, "DELETE FROM orders", del); *h.Range != wantRange {
		t.Errorf("hover range %s, want the diagnostic's %s", fmtRange(*h.Range), fmtRange(wantRange))
	}
	c.shutdown()
}
