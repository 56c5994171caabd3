package server

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// namesWorkspace is a workspace folder with the schema on disk
// (001_init.sql) and a document of queries, with multi-byte text before
// the names, open in the editor. It returns the client, the schema's URI
// and text, and the queries' URI and text.
func namesWorkspace(t *testing.T, caps map[string]any) (*testClient, string, string, string, string) {
	t.Helper()
	dir := t.TempDir()
	initText := "-- the schema é\n" +
		"CREATE TABLE users (\n" +
		"  id bigint PRIMARY KEY,\n" +
		"  email text NOT NULL\n" +
		");\n" +
		"CREATE TABLE orders (\n" +
		"  id bigint PRIMARY KEY,\n" +
		"  user_id bigint NOT NULL REFERENCES users (id),\n" +
		"  total numeric(10, 2)\n" +
		");\n" +
		"CREATE INDEX orders_user_id_idx ON orders (user_id);\n"
	initURI := writeFile(t, dir, "001_init.sql", initText)
	queries := string(uri.File(filepath.Join(dir, "002_queries.sql")))
	text := "-- 😀 中文\n" +
		"SELECT '😀é' AS x, o.total FROM orders o WHERE o.user_id = 1;\n" +
		"UPDATE orders SET total = 0 WHERE user_id = 2;\n"
	if caps == nil {
		caps = map[string]any{}
	}
	caps["window"] = map[string]any{"workDoneProgress": true}
	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError)})
	mark := c.markMessages()
	c.initializeWith(string(uri.File(dir)), caps)
	c.awaitLoaded(mark)
	c.open(queries, 1, text)
	c.awaitVersion(queries, 1)
	return c, initURI, initText, queries, text
}

// loc renders a location as "file range".
func loc(l protocol.Location) string {
	return filepath.Base(string(l.URI)) + " " + fmtRange(l.Range)
}

func TestReferences(t *testing.T) {
	c, _, initText, queries, text := namesWorkspace(t, nil)
	refs := func(needle string, from int, decl bool) []string {
		t.Helper()
		var locs []protocol.Location
		c.mustCall(protocol.MethodTextDocumentReferences, &protocol.ReferenceParams{
			TextDocumentPositionParams: protocol.TextDocumentPositionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(queries)},
				Position:     pos(t, text, needle, from),
			},
			Context: protocol.ReferenceContext{IncludeDeclaration: decl},
		}, &locs)
		if locs == nil {
			return nil
		}
		out := []string{}
		for _, l := range locs {
			out = append(out, loc(l))
		}
		return out
	}
	line1 := strings.Index(text, "SELECT")
	ordersDecl := "001_init.sql " + fmtRange(rng(t, initText, "orders", 0))
	ordersRefs := []string{
		"001_init.sql " + fmtRange(rng(t, initText, "orders", strings.Index(initText, "ON orders"))),
		"002_queries.sql " + fmtRange(rng(t, text, "orders", line1)),
		"002_queries.sql " + fmtRange(rng(t, text, "orders", strings.Index(text, "UPDATE"))),
	}
	if got, want := refs("orders", line1, true), append([]string{ordersDecl}, ordersRefs...); !slices.Equal(got, want) {
		t.Errorf("references of orders with its declaration:\n got %q\nwant %q", got, want)
	}
	if got := refs("orders", line1, false); !slices.Equal(got, ordersRefs) {
		t.Errorf("references of orders without its declaration:\n got %q\nwant %q", got, ordersRefs)
	}
	// A column, from an alias-qualified reference; o (the alias) is not
	// one of the references to orders.
	userID := []string{
		"001_init.sql " + fmtRange(rng(t, initText, "user_id", 0)),
		"001_init.sql " + fmtRange(rng(t, initText, "user_id", strings.Index(initText, "(user_id)"))),
		"002_queries.sql " + fmtRange(rng(t, text, "user_id", line1)),
		"002_queries.sql " + fmtRange(rng(t, text, "user_id", strings.Index(text, "UPDATE"))),
	}
	if got := refs("user_id", line1, true); !slices.Equal(got, userID) {
		t.Errorf("references of orders.user_id:\n got %q\nwant %q", got, userID)
	}
	// From the alias, as go-to-definition does: the table it stands for.
	if got, want := refs("o.", line1+strings.Index(text[line1:], "FROM"), true), append([]string{ordersDecl}, ordersRefs...); !slices.Equal(got, want) {
		t.Errorf("references from the alias o:\n got %q\nwant %q", got, want)
	}
	if got := refs("SELECT", 0, true); got != nil {
		t.Errorf("references of a keyword = %q, want null", got)
	}
	c.shutdown()
}

func TestDocumentSymbols(t *testing.T) {
	text := "-- 😀 中文\n" +
		"CREATE TABLE \"Ünits\" (\n" +
		"  id bigint PRIMARY KEY, \"é\" text\n" +
		");\n" +
		"CREATE INDEX units_e_idx ON \"Ünits\" (\"é\");\n" +
		"CREATE VIEW v AS SELECT 1;\n" +
		"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n" +
		"CREATE TRIGGER trg BEFORE INSERT ON \"Ünits\" FOR EACH ROW EXECUTE FUNCTION f();\n" +
		"SELEC 1;\n"
	stmt := func(prefix string) protocol.Range {
		i := strings.Index(text, prefix)
		end := i + strings.Index(text[i:], ";") + 1
		return protocol.Range{Start: utf16Pos(text, i), End: utf16Pos(text, end)}
	}
	table := stmt("CREATE TABLE")
	table.End = utf16Pos(text, strings.Index(text, ");")+2)

	for _, hierarchical := range []bool{true, false} {
		caps := map[string]any{}
		if hierarchical {
			caps["textDocument"] = map[string]any{"documentSymbol": map[string]any{"hierarchicalDocumentSymbolSupport": true}}
		}
		c := startServer(t, Options{Engine: defaultEngine(t)})
		c.initializeWith("", caps)
		c.open(testDoc, 1, text)
		var raw json.RawMessage
		c.mustCall(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: testDoc}}, &raw)
		if hierarchical {
			var got []protocol.DocumentSymbol
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			want := []protocol.DocumentSymbol{
				{Name: "Ünits", Detail: "table", Kind: protocol.SymbolKindStruct, Range: table, SelectionRange: rng(t, text, `"Ünits"`, 0),
					Children: []protocol.DocumentSymbol{
						{Name: "id", Detail: "bigint", Kind: protocol.SymbolKindField, Range: rng(t, text, "id bigint PRIMARY KEY", 0), SelectionRange: rng(t, text, "id", 0)},
						{Name: "é", Detail: "text", Kind: protocol.SymbolKindField, Range: rng(t, text, `"é" text`, 0), SelectionRange: rng(t, text, `"é"`, 0)},
					}},
				{Name: "units_e_idx", Detail: "index on Ünits", Kind: protocol.SymbolKindKey, Range: stmt("CREATE INDEX"), SelectionRange: rng(t, text, "units_e_idx", 0)},
				{Name: "v", Detail: "view", Kind: protocol.SymbolKindInterface, Range: stmt("CREATE VIEW"), SelectionRange: rng(t, text, "v ", 0)},
				{Name: "f", Detail: "function", Kind: protocol.SymbolKindFunction, Range: stmt("CREATE FUNCTION"), SelectionRange: rng(t, text, "f()", 0)},
				{Name: "trg", Detail: "trigger on Ünits", Kind: protocol.SymbolKindEvent, Range: stmt("CREATE TRIGGER"), SelectionRange: rng(t, text, "trg", 0)},
			}
			want[2].SelectionRange.End.Character-- // "v", not "v "
			want[3].SelectionRange.End.Character -= 2
			// The function's range runs to the semicolon after its body.
			want[3].Range.End = utf16Pos(text, strings.Index(text, "END $$;")+len("END $$;"))
			if !jsonEqual(t, got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(want, "", " ")
				t.Errorf("document symbols:\n got %s\nwant %s", g, w)
			}
		} else {
			var got []protocol.SymbolInformation
			if err := json.Unmarshal(raw, &got); err != nil {
				t.Fatal(err)
			}
			var flat []string
			for _, s := range got {
				flat = append(flat, s.Name+" "+s.Kind.String()+" "+fmtRange(s.Location.Range)+" in "+s.ContainerName)
			}
			want := []string{
				"Ünits Struct " + fmtRange(table) + " in ",
				"id Field " + fmtRange(rng(t, text, "id bigint PRIMARY KEY", 0)) + " in Ünits",
				"é Field " + fmtRange(rng(t, text, `"é" text`, 0)) + " in Ünits",
				"units_e_idx Key " + fmtRange(stmt("CREATE INDEX")) + " in ",
				"v Interface " + fmtRange(stmt("CREATE VIEW")) + " in ",
				"f Function 6:0-6:84 in ",
				"trg Event " + fmtRange(stmt("CREATE TRIGGER")) + " in ",
			}
			if !slices.Equal(flat, want) {
				t.Errorf("flat symbols:\n got %q\nwant %q", flat, want)
			}
		}
		c.shutdown()
	}
}

// jsonEqual compares two values by their JSON.
func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	x, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(x) == string(y)
}

func TestCompletion(t *testing.T) {
	c, _, _, queries, text := namesWorkspace(t, map[string]any{"textDocument": map[string]any{
		"completion": map[string]any{"completionItem": map[string]any{"labelDetailsSupport": true}}}})
	// Type a statement that does not parse yet, without waiting for its
	// analysis, and ask at each step.
	typed := text + "SELECT o. FROM orders o JOIN "
	c.change(queries, 2, contentChange{Text: typed})
	complete := func(at protocol.Position) []string {
		t.Helper()
		var raw json.RawMessage
		c.mustCall(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(queries)}, Position: at}}, &raw)
		var list struct {
			IsIncomplete *bool            `json:"isIncomplete"`
			Items        []map[string]any `json:"items"`
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			t.Fatal(err)
		}
		if list.IsIncomplete == nil || *list.IsIncomplete || list.Items == nil {
			t.Errorf("completion list %s: want isIncomplete false and items", raw)
		}
		var out []string
		for _, it := range list.Items {
			b, _ := json.Marshal(it)
			out = append(out, string(b))
		}
		return out
	}
	last := strings.Count(typed, "\n")
	// After JOIN (the end of the text): the tables, each labelled with
	// the file that creates it.
	got := complete(protocol.Position{Line: uint32(last), Character: uint32(len("SELECT o. FROM orders o JOIN "))})
	want := []string{
		`{"detail":"table","kind":22,"label":"users","labelDetails":{"description":"001_init.sql"},"sortText":"00000"}`,
		`{"detail":"table","kind":22,"label":"orders","labelDetails":{"description":"001_init.sql"},"sortText":"00001"}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("after JOIN:\n got %q\nwant %q", got, want)
	}
	// After "o.": the columns of orders, with their types and table.
	got = complete(protocol.Position{Line: uint32(last), Character: uint32(len("SELECT o."))})
	want = []string{
		`{"detail":"bigint","kind":5,"label":"id","labelDetails":{"description":"orders"},"sortText":"00000"}`,
		`{"detail":"bigint","kind":5,"label":"user_id","labelDetails":{"description":"orders"},"sortText":"00001"}`,
		`{"detail":"numeric(10,2)","kind":5,"label":"total","labelDetails":{"description":"orders"},"sortText":"00002"}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("after o.:\n got %q\nwant %q", got, want)
	}
	// After a multi-byte string on line 1 (UTF-16 columns): WHERE o.
	line1 := strings.Index(text, "SELECT")
	at := pos(t, text, "user_id", line1)
	if got := complete(at); len(got) != 3 || !strings.Contains(got[1], `"label":"user_id"`) {
		t.Errorf("on o.user_id after multi-byte text: %q, want the columns of orders", got)
	}
	// Nowhere to complete: an empty list.
	if got := complete(protocol.Position{Line: 0, Character: 3}); len(got) != 0 {
		t.Errorf("in a comment: %q, want none", got)
	}
	c.shutdown()
}

// TestCompletionWithoutLabelDetails checks that a client that does not
// declare labelDetailsSupport gets the table in the detail instead.
func TestCompletionWithoutLabelDetails(t *testing.T) {
	c, _, _, queries, text := namesWorkspace(t, nil)
	var list completionList
	c.mustCall(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(queries)}, Position: pos(t, text, "total", strings.Index(text, "SELECT"))}}, &list)
	var got []string
	for _, it := range list.Items {
		got = append(got, fmt.Sprintf("%s [%s] %v", it.Label, it.Detail, it.LabelDetails))
	}
	want := []string{"id [bigint · orders] <nil>", "user_id [bigint · orders] <nil>", "total [numeric(10,2) · orders] <nil>"}
	if !slices.Equal(got, want) {
		t.Errorf("completion without labelDetails:\n got %q\nwant %q", got, want)
	}
	c.shutdown()
}
