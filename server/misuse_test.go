package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// TestMalformedParamsAnswerInvalidParams sends requests whose params do
// not fit their method: each is answered with InvalidParams, and the
// server goes on answering.
func TestMalformedParamsAnswerInvalidParams(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	c.open(testDoc, 1, "SELECT 1;\n")
	c.awaitVersion(testDoc, 1)
	for _, tc := range []struct{ method, params string }{
		{protocol.MethodTextDocumentHover, `{"textDocument": 5}`},
		{protocol.MethodTextDocumentHover, `"not an object"`},
		{protocol.MethodTextDocumentCodeAction, `{"textDocument": {"uri": "file:///ws/doc.sql"}, "range": "everything"}`},
		{protocol.MethodTextDocumentCompletion, `[1, 2, 3]`},
		{protocol.MethodTextDocumentDefinition, `{"textDocument": {"uri": 7}, "position": {"line": -1}}`},
	} {
		err := c.call(tc.method, json.RawMessage(tc.params), nil)
		if rpcCode(err) != jsonrpc2.InvalidParams {
			t.Errorf("%s with %s: error %v (code %d), want InvalidParams (%d)", tc.method, tc.params, err, rpcCode(err), jsonrpc2.InvalidParams)
		}
	}
	// Still serving.
	var hover *protocol.Hover
	pos := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: testDoc}}
	c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: pos}, &hover)
}

// TestChangeToUnopenedDocument sends didChange (and didClose) for a
// document that was never opened: the server logs it, publishes nothing
// for it, and goes on serving the documents that are open.
func TestChangeToUnopenedDocument(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	ghost := "file:///ws/ghost.sql"
	c.change(ghost, 2, contentChange{Range: &protocol.Range{}, Text: "SELEC 1;"})
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(ghost)}})
	c.open(testDoc, 1, "SELEC 1;\n")
	p := c.awaitVersion(testDoc, 1)
	if got := summarize(p.Diagnostics); len(got) != 1 || !strings.HasPrefix(got[0], "syntax-error 0:0-0:5") {
		t.Errorf("diagnostics of the open document: %q", got)
	}
	if pubs := c.publications(ghost); len(pubs) != 0 {
		t.Errorf("published %d times for a document that was never opened", len(pubs))
	}
	if !strings.Contains(c.logs.String(), ghost) {
		t.Errorf("the change to %s was not logged:\n%s", ghost, c.logs)
	}
}

// TestClientDiesMidMessage closes the connection in the middle of a
// message: Serve returns (the peer is gone, so it reports an error), and
// does not panic or hang.
func TestClientDiesMidMessage(t *testing.T) {
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	serverEnd, clientEnd := net.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), serverEnd, Options{Engine: engine, Logger: slog.New(slog.DiscardHandler)})
	}()
	go io.Copy(io.Discard, clientEnd) // whatever the server says
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.sql","languageId":"sql","version":1,"text":"SELECT 1;"}}}`
	fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s", len(init), init)
	fmt.Fprintf(clientEnd, "Content-Length: %d\r\n\r\n%s", len(open), open)
	fmt.Fprintf(clientEnd, "Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didCh")
	clientEnd.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Errorf("Serve returned nil after the client vanished without exit; want an error saying the stream ended")
		}
	case <-time.After(waitTimeout):
		t.Fatal("Serve did not return after the client closed the connection")
	}
}

// TestEditStorm sends 1,000 changes without waiting: the server ends with
// the diagnostics of exactly the last version, identical to a fresh
// analysis of its text, publishes nothing for an earlier version after
// it, and drops the analyses of the stale versions on the way.
func TestEditStorm(t *testing.T) {
	engine, err := diagnostics.NewEngine(rules.All)
	if err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{Engine: engine})
	c.initialize("")
	text := "CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users, total float);\n"
	c.open(testDoc, 1, text)
	c.awaitVersion(testDoc, 1)
	const edits = 1000
	f := source.NewFile(testDoc, 1, text)
	for i := range edits {
		// Type at the end of the file, one character at a time, and now
		// and then delete the line typed so far.
		var ch contentChange
		switch {
		case i%50 == 49:
			start := position(f, strings.LastIndexByte(f.Text[:len(f.Text)-1], '\n')+1)
			ch = contentChange{Range: &protocol.Range{Start: start, End: position(f, len(f.Text))}, Text: ""}
		default:
			end := position(f, len(f.Text))
			ch = contentChange{Range: &protocol.Range{Start: end, End: end}, Text: string("SELECT * FROM orders;\n"[i%22])}
		}
		f = applyChange(t, f, ch, int32(i+2))
		c.change(testDoc, int32(i+2), ch)
	}
	last := int32(edits + 1)
	got := c.awaitVersion(testDoc, last)
	time.Sleep(3 * DefaultDebounce) // anything still in flight would arrive now

	snap := workspace.New(syntax.NewParser(0), source.NewFile(testDoc, last, f.Text))
	fresh, err := engine.Analyze(context.Background(), snap, testDoc, diagnostics.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Diagnostics) != len(fresh) {
		t.Errorf("last version: %d diagnostics, a fresh analysis of its text finds %d", len(got.Diagnostics), len(fresh))
	}
	for i, d := range fresh {
		if i < len(got.Diagnostics) && (got.Diagnostics[i].Code != d.Rule || got.Diagnostics[i].Message != d.Message) {
			t.Errorf("diagnostic %d: got %v %q, want %s %q", i, got.Diagnostics[i].Code, got.Diagnostics[i].Message, d.Rule, d.Message)
		}
	}
	pubs := c.publications(testDoc)
	versions := make([]uint32, len(pubs))
	for i, p := range pubs {
		versions[i] = p.Version
	}
	if versions[len(versions)-1] != uint32(last) {
		t.Errorf("the last publication is for version %d, want %d (all: %v)", versions[len(versions)-1], last, versions)
	}
	if !slices.IsSorted(versions) {
		t.Errorf("publications went back to an earlier version: %v", versions)
	}
	if len(pubs) > edits/10 {
		t.Errorf("%d publications for %d edits: stale versions were analysed and published", len(pubs), edits)
	}
	t.Logf("%d edits, %d publications (versions %v)", edits, len(pubs), versions)
}

// position returns the protocol position of byte offset off of f.
func position(f *source.File, off int) protocol.Position {
	line, col := f.OffsetPosition(off)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

// applyChange applies ch to f as the server does, for the test's own copy.
func applyChange(t *testing.T, f *source.File, ch contentChange, version int32) *source.File {
	t.Helper()
	r := ch.Range
	start, err := f.PositionOffset(int(r.Start.Line), int(r.Start.Character))
	if err != nil {
		t.Fatal(err)
	}
	end, err := f.PositionOffset(int(r.End.Line), int(r.End.Character))
	if err != nil {
		t.Fatal(err)
	}
	return source.NewFile(f.URI, version, f.Text[:start]+ch.Text+f.Text[end:])
}
