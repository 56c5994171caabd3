package server

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

func TestInitializeCapabilities(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t), Version: "v9.9.9"})
	var raw json.RawMessage
	c.mustCall(protocol.MethodInitialize, &protocol.InitializeParams{}, &raw)
	var got, want any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{
		"capabilities": {
			"textDocumentSync": {"openClose": true, "change": 2, "save": {}},
			"completionProvider": {"triggerCharacters": [".", " "]},
			"hoverProvider": true,
			"definitionProvider": true,
			"referencesProvider": true,
			"documentSymbolProvider": true,
			"codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.sqlsage"]}
		},
		"serverInfo": {"name": "sqlsage", "version": "v9.9.9"}
	}`
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("initialize result:\n got %s\nwant %s", raw, wantJSON)
	}
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.shutdown()
}

func TestLifecycle(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	hover := &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: testDoc}}}

	if err := c.call(protocol.MethodTextDocumentHover, hover, nil); rpcCode(err) != jsonrpc2.ServerNotInitialized {
		t.Errorf("hover before initialize: error %v (code %d), want code %d", err, rpcCode(err), jsonrpc2.ServerNotInitialized)
	}
	c.open(testDoc, 1, "SELEC 1;") // dropped before initialize
	c.initialize("")
	if err := c.call(protocol.MethodInitialize, &protocol.InitializeParams{}, nil); rpcCode(err) != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: error %v, want code %d", err, jsonrpc2.InvalidRequest)
	}
	if err := c.call(protocol.MethodTextDocumentHover, hover, nil); rpcCode(err) != jsonrpc2.InvalidParams {
		t.Errorf("hover on a document opened before initialize: error %v, want code %d (the open was dropped)", err, jsonrpc2.InvalidParams)
	}

	c.mustCall(protocol.MethodShutdown, nil, nil)
	if err := c.call(protocol.MethodTextDocumentHover, hover, nil); rpcCode(err) != jsonrpc2.InvalidRequest {
		t.Errorf("hover after shutdown: error %v, want code %d", err, jsonrpc2.InvalidRequest)
	}
	c.notify(protocol.MethodExit, nil)
	select {
	case <-c.done:
		if c.serveErr != nil {
			t.Errorf("Serve after shutdown and exit = %v, want nil", c.serveErr)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Serve did not return after exit")
	}
}

func TestExitWithoutShutdownIsAnError(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	c.notify(protocol.MethodExit, nil)
	select {
	case <-c.done:
		if c.serveErr == nil || !strings.Contains(c.serveErr.Error(), "before shutdown") {
			t.Errorf("Serve after exit without shutdown = %v, want an error saying so", c.serveErr)
		}
	case <-time.After(waitTimeout):
		t.Fatal("Serve did not return after exit")
	}
}

func TestDidOpenPublishesDiagnostics(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	c.open(testDoc, 1, "CREATE TABLE t (id int, price float);\nSELEC 1;\n")
	p := c.awaitVersion(testDoc, 1)

	want := []string{
		"test-float 0:30-0:35 2 float is inexact",
		`syntax-error 1:0-1:5 1 syntax error at or near "SELEC"`,
	}
	if got := summarize(p.Diagnostics); !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
	}
	for _, d := range p.Diagnostics {
		if d.Source != "sqlsage" {
			t.Errorf("%v: source %q, want sqlsage", d.Code, d.Source)
		}
		wantHref := diagnostics.DocsBaseURL + fmt.Sprint(d.Code) + ".md"
		if d.CodeDescription == nil || string(d.CodeDescription.Href) != wantHref {
			t.Errorf("%v: codeDescription %+v, want href %s", d.Code, d.CodeDescription, wantHref)
		}
	}
	c.shutdown()
}

func TestIncrementalChangesConvertUTF16(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t), Debounce: time.Millisecond})
	c.initialize("")
	text := "-- é 日本 😀\nCREATE TABLE t (\"é\" int, \"日本\" int, \"😀\" int, price int);\n"
	c.open(testDoc, 1, text)
	if p := c.awaitVersion(testDoc, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("version 1: %q, want none", summarize(p.Diagnostics))
	}

	// Two changes in one notification: the second's range is in the text
	// the first leaves, which has more multi-byte characters on line 1.
	insert := contentChange{Range: &protocol.Range{Start: protocol.Position{Line: 1}, End: protocol.Position{Line: 1}}, Text: "/* ünïcode 😀 */ "}
	text1 := "-- é 日本 😀\n/* ünïcode 😀 */ CREATE TABLE t (\"é\" int, \"日本\" int, \"😀\" int, price int);\n"
	priceType := rng(t, text1, "int", strings.Index(text1, "price"))
	text2 := strings.Replace(text1, "price int", "price float", 1)
	c.change(testDoc, 2, insert, contentChange{Range: &priceType, Text: "float"})

	p := c.awaitVersion(testDoc, 2)
	// Counted by hand: 17 UTF-16 units of comment, then `CREATE TABLE t (`
	// (16), `"é" int, ` (9), `"日本" int, ` (10), `"😀" int, ` (10), `price ` (6).
	want := []string{"test-float 1:68-1:73"}
	if got := summaryCodes(p.Diagnostics); !slices.Equal(got, want) {
		t.Fatalf("version 2 diagnostics %q, want %q", got, want)
	}
	if got, want := p.Diagnostics[0].Range, rng(t, text2, "float", 0); got != want {
		t.Errorf("range %s, want %s by the test's own UTF-16 count", fmtRange(got), fmtRange(want))
	}

	// A change without a range replaces the whole text.
	c.change(testDoc, 3, contentChange{Text: "SELECT 1;"})
	p = c.awaitVersion(testDoc, 3)
	if p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Errorf("version 3 diagnostics %#v, want an empty list", p.Diagnostics)
	}

	// A range past the end is clamped to the end, and logged.
	past := protocol.Range{Start: protocol.Position{Line: 99, Character: 3}, End: protocol.Position{Line: 99, Character: 3}}
	c.change(testDoc, 4, contentChange{Range: &past, Text: "\nSELECT float;"})
	p = c.awaitVersion(testDoc, 4)
	if got, want := summaryCodes(p.Diagnostics), []string{"test-float 1:7-1:12"}; !slices.Equal(got, want) {
		t.Errorf("version 4 diagnostics %q, want %q", got, want)
	}
	if !strings.Contains(c.logs.String(), "clamped") {
		t.Errorf("no warning about the clamped range in the log:\n%s", c.logs)
	}
	c.shutdown()
}

func TestUnknownMethodsAnswerMethodNotFound(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	for _, method := range []string{"sqlsage/frobnicate", protocol.MethodTextDocumentTypeDefinition, protocol.MethodTextDocumentSignatureHelp, "$/unknownRequest"} {
		err := c.call(method, map[string]any{"textDocument": map[string]any{"uri": testDoc}}, nil)
		if rpcCode(err) != jsonrpc2.MethodNotFound {
			t.Errorf("%s: error %v (code %d), want code %d", method, err, rpcCode(err), jsonrpc2.MethodNotFound)
		}
	}
	// Unknown and unimplemented notifications are ignored silently, and the
	// stream keeps going.
	c.notify("$/unknownNotification", map[string]any{"x": 1})
	c.notify(protocol.MethodWorkspaceDidChangeConfiguration, map[string]any{"settings": nil})
	c.open(testDoc, 1, "SELECT 1;")
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: testDoc}}}, &h)
	if h != nil {
		t.Errorf("hover over no diagnostic = %+v, want null", h)
	}
	c.shutdown()
}

// TestRecoverHandler drives the recover middleware alone, under the same
// AsyncHandler as the server: a panicking request is answered with an
// InternalError, and the next message is still served.
func TestRecoverHandler(t *testing.T) {
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	fragile := func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if strings.HasPrefix(req.Method(), "test/panic") {
			panic("fragile handler")
		}
		return reply(ctx, "fine", nil)
	}
	serverEnd, clientEnd := net.Pipe()
	sconn := jsonrpc2.NewConn(jsonrpc2.NewStream(serverEnd))
	sconn.Go(context.Background(), protocol.CancelHandler(jsonrpc2.AsyncHandler(recoverHandler(log, fragile))))
	cconn := jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
	cconn.Go(context.Background(), jsonrpc2.MethodNotFoundHandler)
	t.Cleanup(func() { cconn.Close(); sconn.Close(); <-cconn.Done(); <-sconn.Done() })

	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	_, err := cconn.Call(ctx, "test/panic", map[string]any{"textDocument": map[string]any{"uri": testDoc, "version": 7}}, nil)
	if rpcCode(err) != jsonrpc2.InternalError || !strings.Contains(err.Error(), "fragile handler") {
		t.Errorf("panicking request: error %v (code %d), want an InternalError naming the panic", err, rpcCode(err))
	}
	if err := cconn.Notify(ctx, "test/panicNotification", nil); err != nil {
		t.Fatal(err)
	}
	var got string
	if _, err := cconn.Call(ctx, "test/ok", nil, &got); err != nil || got != "fine" {
		t.Errorf("request after the panics = %q, %v; want \"fine\"", got, err)
	}
	log2 := logs.String()
	for _, want := range []string{"handler panicked", "method=test/panic ", "uri=" + testDoc, "version=7", "method=test/panicNotification"} {
		if !strings.Contains(log2, want) {
			t.Errorf("log lacks %q:\n%s", want, log2)
		}
	}
}

// TestPanicInRequestKeepsServing makes a real request panic (a strict
// engine re-raises its rule's panic inside textDocument/codeAction) and
// checks the answer, the log, and that the server goes on serving.
func TestPanicInRequestKeepsServing(t *testing.T) {
	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, panicRule())})
	c.initialize("")
	const boom, other = "file:///ws/boom.sql", "file:///ws/other.sql"
	c.open(boom, 1, "SELECT boom;")
	err := c.call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: boom}}, nil)
	if rpcCode(err) != jsonrpc2.InternalError {
		t.Errorf("codeAction on a panicking rule: error %v (code %d), want code %d", err, rpcCode(err), jsonrpc2.InternalError)
	}

	c.open(other, 1, "SELEC 1;")
	p := c.awaitVersion(other, 1)
	if got, want := summaryCodes(p.Diagnostics), []string{"syntax-error 0:0-0:5"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics after the panic %q, want %q", got, want)
	}
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: other}, Position: protocol.Position{Character: 2}}}, &h)
	if h == nil || !strings.HasPrefix(h.Contents.Value, "**syntax-error**") {
		t.Errorf("hover after the panic = %+v, want syntax-error documentation", h)
	}
	// The codeAction's panic is logged before its reply; the analysis of
	// boom.sql that didOpen scheduled runs in the background, so its log
	// line is waited for.
	logs := c.logs.String()
	for _, want := range []string{"handler panicked", "method=textDocument/codeAction"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	c.logs.await(t, "analysis panicked")
	c.shutdown()
}

// TestDebounce checks, on synctest's fake clock, that a burst of 20 edits
// costs one analysis and yields diagnostics for the last version only,
// and that a lone edit is published one debounce period after it.
func TestDebounce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var runs atomic.Int64
		c := startServer(t, Options{Engine: newEngine(t, countingRule(&runs), floatRule())})
		c.initialize("")
		c.open(testDoc, 1, "SELECT 1;")
		c.awaitVersion(testDoc, 1)
		synctest.Wait()
		if n := runs.Load(); n != 1 {
			t.Fatalf("%d analyses after open, want 1", n)
		}

		for v := int32(2); v <= 21; v++ {
			c.change(testDoc, v, contentChange{Text: fmt.Sprintf("SELECT %d, float;", v)})
		}
		last := time.Now()
		p := c.awaitVersion(testDoc, 21)
		synctest.Wait()
		if got, want := summaryCodes(p.Diagnostics), []string{"test-float 0:11-0:16"}; !slices.Equal(got, want) {
			t.Errorf("version 21 diagnostics %q, want %q", got, want)
		}
		var versions []uint32
		for _, p := range c.publications(testDoc) {
			versions = append(versions, p.Version)
		}
		if want := []uint32{1, 21}; !slices.Equal(versions, want) {
			t.Errorf("published versions %v, want %v", versions, want)
		}
		if n := runs.Load(); n != 2 {
			t.Errorf("%d analyses after the burst, want 2 (one for the open, one for the burst)", n)
		}
		if got := c.await("version 21", func(p protocol.PublishDiagnosticsParams) bool { return p.Version == 21 }).at.Sub(last); got != DefaultDebounce {
			t.Errorf("burst published %v after its last edit, want %v", got, DefaultDebounce)
		}

		start := time.Now()
		c.change(testDoc, 22, contentChange{Text: "SELECT 2;"})
		c.awaitVersion(testDoc, 22)
		if got := c.await("version 22", func(p protocol.PublishDiagnosticsParams) bool { return p.Version == 22 }).at.Sub(start); got > 50*time.Millisecond {
			t.Errorf("a lone edit was published after %v, want at most 50ms", got)
		}
		c.shutdown()
	})
}

func TestCodeActions(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	text := "CREATE TABLE t (id int, price float, cost float);"
	c.open(testDoc, 1, text)
	published := c.awaitVersion(testDoc, 1)

	actions := func(r protocol.Range, only ...protocol.CodeActionKind) []protocol.CodeAction {
		t.Helper()
		var out []protocol.CodeAction
		c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: testDoc},
			Range:        r,
			Context:      protocol.CodeActionContext{Only: only},
		}, &out)
		return out
	}

	first := rng(t, text, "float", 0)
	got := actions(first)
	var titles []string
	for _, a := range got {
		titles = append(titles, a.Title)
	}
	// The unsafe fix does not parse and is withheld; the ignore actions
	// follow the fixes.
	if want := []string{"Use DECIMAL(10, 2)", "Ignore test-float for this statement", "Ignore test-float in this file"}; !slices.Equal(titles, want) {
		t.Fatalf("actions on the first float: %q, want %q", titles, want)
	}
	a := got[0]
	if a.Title != "Use DECIMAL(10, 2)" || a.Kind != protocol.QuickFix || !a.IsPreferred {
		t.Errorf("action %q kind %q preferred %v, want \"Use DECIMAL(10, 2)\" quickfix preferred", a.Title, a.Kind, a.IsPreferred)
	}
	if len(a.Diagnostics) != 1 || !reflect.DeepEqual(a.Diagnostics[0], published.Diagnostics[0]) {
		t.Errorf("action diagnostics %+v, want the published %+v", a.Diagnostics, published.Diagnostics[0])
	}
	if a.Edit == nil || len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("action edit %+v, want one document change", a.Edit)
	}
	dc := a.Edit.DocumentChanges[0]
	if string(dc.TextDocument.URI) != testDoc || dc.TextDocument.Version == nil || *dc.TextDocument.Version != 1 {
		t.Errorf("edit targets %s version %v, want %s version 1", dc.TextDocument.URI, dc.TextDocument.Version, testDoc)
	}
	if fixed, want := applyEdits(t, text, dc.Edits), "CREATE TABLE t (id int, price DECIMAL(10, 2), cost float);"; fixed != want {
		t.Errorf("applying the action gives %q, want %q", fixed, want)
	}

	if got := actions(rng(t, text, "CREATE", 0)); len(got) != 0 {
		t.Errorf("actions away from any diagnostic: %+v, want none", got)
	}
	if got := actions(first, protocol.Refactor); len(got) != 0 {
		t.Errorf("actions with only=refactor: %+v, want none", got)
	}
	for _, only := range []protocol.CodeActionKind{"source.fixAll", codeActionKindFixAll, protocol.Source} {
		got := actions(first, only)
		if len(got) != 1 || got[0].Title != "Fix all sqlsage problems" || got[0].Kind != codeActionKindFixAll {
			t.Fatalf("actions with only=%s: %+v, want the one fix-all action", only, got)
		}
		edits := got[0].Edit.DocumentChanges[0].Edits
		if fixed, want := applyEdits(t, text, edits), "CREATE TABLE t (id int, price DECIMAL(10, 2), cost DECIMAL(10, 2));"; fixed != want {
			t.Errorf("fix all with only=%s gives %q, want %q", only, fixed, want)
		}
	}
	c.shutdown()
}

// TestRequestsNeverWaitForAnalysis asks for code actions on a version the
// scheduler has not analysed yet (the debounce is an hour): the server
// analyses that version itself.
func TestRequestsNeverWaitForAnalysis(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t), Debounce: time.Hour})
	c.initialize("")
	c.open(testDoc, 1, "SELECT 1;")
	c.awaitVersion(testDoc, 1) // didOpen is analysed at once
	text := "CREATE TABLE t (price float);"
	c.change(testDoc, 2, contentChange{Text: text})
	var got []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: testDoc},
		Range:        rng(t, text, "float", 0),
	}, &got)
	if len(got) != 3 || got[0].Title != "Use DECIMAL(10, 2)" || *got[0].Edit.DocumentChanges[0].TextDocument.Version != 2 {
		t.Errorf("actions on an unpublished version: %+v, want the DECIMAL fix for version 2 and the two ignore actions", got)
	}
	if vs := c.publications(testDoc); len(vs) != 1 {
		t.Errorf("%d publications, want only version 1's", len(vs))
	}
	c.shutdown()
}

func TestHover(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	text := "-- 😀\nCREATE TABLE t (id int, price float);"
	c.open(testDoc, 1, text)
	c.awaitVersion(testDoc, 1)

	hover := func(p protocol.Position) *protocol.Hover {
		var h *protocol.Hover
		c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: testDoc}, Position: p}}, &h)
		return h
	}
	h := hover(protocol.Position{Line: 1, Character: 32})
	want := "**test-float** — Float used\n\nFloats are inexact.\n\n[Documentation](" + diagnostics.DocsBaseURL + "test-float.md)"
	if h == nil || h.Contents.Kind != protocol.Markdown || h.Contents.Value != want {
		t.Fatalf("hover on float = %+v, want markdown %q", h, want)
	}
	if h.Range == nil || fmtRange(*h.Range) != "1:30-1:35" {
		t.Errorf("hover range %v, want 1:30-1:35", h.Range)
	}
	if h := hover(protocol.Position{Line: 1, Character: 2}); h != nil {
		t.Errorf("hover away from diagnostics = %+v, want null", h)
	}
	c.shutdown()
}

// TestWorkspace checks that the .sql files of the workspace feed the
// schema model, that an open buffer overrides its file on disk, that an
// edit of one document re-analyses the others, and that closing a
// document reverts it to its file and clears its diagnostics.
func TestWorkspace(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
		return string(uri.File(path))
	}
	users := write("001_users.sql", "CREATE TABLE users (id int);\n")
	orders := write("002_orders.sql", "CREATE TABLE orders (id int);\n")
	write("notes.txt", "CREATE TABLE ignored (id int);\n")
	query := string(uri.File(filepath.Join(dir, "query.sql"))) // not on disk

	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize(string(uri.File(dir)))
	c.open(query, 1, "SELECT tables;")
	message := func(want string) func(protocol.PublishDiagnosticsParams) bool {
		return func(p protocol.PublishDiagnosticsParams) bool {
			return string(p.URI) == query && len(p.Diagnostics) == 1 && p.Diagnostics[0].Message == want
		}
	}
	p := c.await("the workspace model", message("tables: users,orders")).params
	rel := p.Diagnostics[0].RelatedInformation
	if len(rel) != 2 || string(rel[0].Location.URI) != users || string(rel[1].Location.URI) != orders ||
		fmtRange(rel[0].Location.Range) != "0:0-0:28" || rel[1].Message != "table orders" {
		t.Errorf("related information %+v, want users and orders at their CREATE TABLE", rel)
	}

	mark := c.mark()
	c.open(orders, 5, "CREATE TABLE invoices (id int);")
	c.awaitAfter(mark, "the model with the open buffer", message("tables: users,invoices"))

	mark = c.mark()
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(orders)}})
	cleared := c.awaitAfter(mark, "cleared diagnostics of the closed document", func(p protocol.PublishDiagnosticsParams) bool {
		return string(p.URI) == orders
	}).params
	if cleared.Diagnostics == nil || len(cleared.Diagnostics) != 0 {
		t.Errorf("closing published %+v, want an empty list", cleared.Diagnostics)
	}
	c.awaitAfter(mark, "the model reverted to disk", message("tables: users,orders"))
	c.shutdown()
}

// TestCodeActionsForContextDiagnostics checks that a request at the
// cursor (an empty range away from the diagnostic, as Neovim 0.7 sends)
// gets the fixes of the diagnostics listed in its context.
func TestCodeActionsForContextDiagnostics(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize("")
	text := "CREATE TABLE t (id int, price float);"
	c.open(testDoc, 1, text)
	published := c.awaitVersion(testDoc, 1)
	cursor := protocol.Range{Start: protocol.Position{Line: 0, Character: 0}, End: protocol.Position{Line: 0, Character: 0}}
	var got []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: testDoc},
		Range:        cursor,
		Context:      protocol.CodeActionContext{Diagnostics: published.Diagnostics},
	}, &got)
	if len(got) == 0 || got[0].Title != "Use DECIMAL(10, 2)" || !got[0].IsPreferred {
		t.Errorf("actions at the cursor with the diagnostic in context: %+v", got)
	}
	var none []protocol.CodeAction
	c.mustCall(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: testDoc},
		Range:        cursor,
	}, &none)
	if len(none) != 0 {
		t.Errorf("actions at the cursor without context: %+v, want none", none)
	}
}
