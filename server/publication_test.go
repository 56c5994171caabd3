package server

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestPublicationMatchesProtocolEncoding checks that the message the
// server writes itself decodes to exactly the publishDiagnostics
// notification jsonrpc2 would have sent, with diagnostics that carry
// related information and multi-byte text, from an empty cache and from
// a warm one.
func TestPublicationMatchesProtocolEncoding(t *testing.T) {
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	f := source.NewFile("file:///w/a.sql", 7, "CREATE TABLE users (id bigint PRIMARY KEY);\n"+
		"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, -- é 日本 😀\n  price float);\n"+
		"SELECT * FROM orders WHERE user_id = 1;\n")
	snap := workspace.New(syntax.NewParser(0), f)
	diags, err := engine.Analyze(context.Background(), snap, f.URI, diagnostics.Config{})
	if err != nil {
		t.Fatal(err)
	}
	related := false
	for _, d := range diags {
		related = related || len(d.Related) > 0
	}
	if len(diags) < 3 || !related {
		t.Fatalf("want several diagnostics, one with related information; got %+v", diags)
	}
	s := &server{opts: Options{Engine: engine}}
	want := protocol.PublishDiagnosticsParams{URI: protocol.DocumentURI(f.URI), Version: 7}
	for i := range diags {
		want.Diagnostics = append(want.Diagnostics, s.toDiagnostic(snap, f, &diags[i]))
	}
	for round := range 2 {
		var msg struct {
			JSONRPC string                            `json:"jsonrpc"`
			Method  string                            `json:"method"`
			Params  protocol.PublishDiagnosticsParams `json:"params"`
		}
		if err := json.Unmarshal(s.publication(snap, f, diags), &msg); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if msg.JSONRPC != "2.0" || msg.Method != protocol.MethodTextDocumentPublishDiagnostics {
			t.Errorf("round %d: message %q %q", round, msg.JSONRPC, msg.Method)
		}
		if !reflect.DeepEqual(msg.Params, want) {
			t.Errorf("round %d: params\n got %+v\nwant %+v", round, msg.Params, want)
		}
	}
	if n := len(s.encoded.cur); n == 0 || n >= len(diags) {
		t.Errorf("%d diagnostics cached; want those without related information", n)
	}
}
