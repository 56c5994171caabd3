package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// This file holds the in-process test harness: a JSON-RPC client talking
// to Serve over net.Pipe, test-only rules, and helpers that compute LSP
// positions independently of package source.

// waitTimeout bounds every wait for a server event. It is generous: tests
// wait for events, never for time, so it only matters when one is broken.
const waitTimeout = 10 * time.Second

// testDoc is the URI tests open documents under.
const testDoc = "file:///ws/doc.sql"

// floatRule reports every word "float" with two fixes: a safe one that
// writes DECIMAL(10, 2), and an unsafe one whose result does not parse
// (so the server must withhold it).
func floatRule() *diagnostics.Rule {
	return &diagnostics.Rule{
		ID: "test-float", Category: diagnostics.Schema, Severity: diagnostics.Warning, Default: true,
		Doc: diagnostics.Doc{Summary: "Float used", Why: "Floats are inexact.", Bad: "x float", Good: "x numeric"},
		Run: func(p *diagnostics.Pass) {
			for i, lx := range p.Stmt.Lexemes() {
				if !lx.Is(p.Stmt.Text, "float") {
					continue
				}
				span := p.Stmt.LexemeSpan(i)
				p.Report(diagnostics.Diagnostic{
					Span:    span,
					Message: "float is inexact",
					Fixes: []diagnostics.Fix{
						edit.UnsafeFix("Break the statement", edit.Replace(span, "float((")),
						edit.Fix("Use DECIMAL(10, 2)", edit.Replace(span, "DECIMAL(10, 2)")),
					},
				})
			}
		},
	}
}

// modelRule reports every word "tables" with the names of the tables of
// the workspace schema model, each related to its CREATE TABLE: it makes
// the model, and so the workspace, visible to tests.
func modelRule() *diagnostics.Rule {
	return &diagnostics.Rule{
		ID: "test-model", Category: diagnostics.Schema, Severity: diagnostics.Info, Default: true,
		Doc: diagnostics.Doc{Summary: "Model shown", Why: "Tests read the model.", Bad: "SELECT tables;", Good: "SELECT 1;"},
		Run: func(p *diagnostics.Pass) {
			for i, lx := range p.Stmt.Lexemes() {
				if !lx.Is(p.Stmt.Text, "tables") {
					continue
				}
				var names []string
				var related []diagnostics.Related
				for _, t := range p.Schema.Tables() {
					names = append(names, t.Name.Key())
					related = append(related, diagnostics.Related{URI: t.Def.URI, Span: t.Def.Span, Message: "table " + t.Name.Key()})
				}
				p.Report(diagnostics.Diagnostic{Span: p.Stmt.LexemeSpan(i), Message: "tables: " + strings.Join(names, ","), Related: related})
			}
		},
	}
}

// countingRule counts its runs (one per statement analysed) in n.
func countingRule(n *atomic.Int64) *diagnostics.Rule {
	return &diagnostics.Rule{
		ID: "test-count", Category: diagnostics.Query, Severity: diagnostics.Hint, Default: true,
		Doc: diagnostics.Doc{Summary: "Counts runs", Why: "Tests count analyses.", Bad: "-", Good: "-"},
		Run: func(p *diagnostics.Pass) { n.Add(1) },
	}
}

// panicRule panics on any statement containing the word "boom".
func panicRule() *diagnostics.Rule {
	return &diagnostics.Rule{
		ID: "test-panic", Category: diagnostics.Query, Severity: diagnostics.Error, Default: true,
		Doc: diagnostics.Doc{Summary: "Panics on boom", Why: "Tests recover.", Bad: "SELECT boom;", Good: "SELECT 1;"},
		Run: func(p *diagnostics.Pass) {
			for _, lx := range p.Stmt.Lexemes() {
				if lx.Is(p.Stmt.Text, "boom") {
					panic("test rule exploded")
				}
			}
		},
	}
}

// newEngine returns a strict engine (rule panics are re-raised) over rules.
func newEngine(t testing.TB, rs ...*diagnostics.Rule) *diagnostics.Engine {
	t.Helper()
	e, err := diagnostics.NewEngine(rs)
	if err != nil {
		t.Fatal(err)
	}
	e.Strict = true
	return e
}

// defaultEngine has syntax-error, test-float and test-model.
func defaultEngine(t *testing.T) *diagnostics.Engine {
	return newEngine(t, rules.SyntaxError, floatRule(), modelRule())
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes,
// which lets a test wait for a line to be written.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	written chan struct{} // closed and replaced at every write; nil until awaited
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.written != nil {
		close(b.written)
		b.written = nil
	}
	return b.buf.Write(p)
}

// await waits until the buffer contains want, failing t after waitTimeout.
func (b *syncBuffer) await(t testing.TB, want string) {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		b.mu.Lock()
		found := strings.Contains(b.buf.String(), want)
		if b.written == nil {
			b.written = make(chan struct{})
		}
		written := b.written
		b.mu.Unlock()
		if found {
			return
		}
		select {
		case <-written:
		case <-timeout:
			t.Fatalf("the log has no %q within %v:\n%s", want, waitTimeout, b)
		}
	}
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testClient is the editor's end of an in-process connection.
type testClient struct {
	t    testing.TB
	conn jsonrpc2.Conn
	logs *syncBuffer

	done     chan struct{} // closed when Serve returns
	serveErr error         // Serve's result, once done is closed

	mu      sync.Mutex
	pubs    []publication
	msgs    []serverMessage // every request and notification from the server, publications included
	changed chan struct{}   // closed and replaced at every message from the server

	// light makes the client decode only the URI and version of
	// publications and keep no copy of messages: benchmarks set it, so
	// that this client's decoding of megabyte messages does not compete
	// for the CPU with the server it measures.
	light bool
}

// publicationHead reads the URI and version of publishDiagnostics params
// without decoding, or reading past, the diagnostics that follow them.
func publicationHead(params []byte) (protocol.DocumentURI, uint32, error) {
	dec := json.NewDecoder(bytes.NewReader(params))
	if _, err := dec.Token(); err != nil { // {
		return "", 0, err
	}
	var uri protocol.DocumentURI
	var version uint32
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return "", 0, err
		}
		switch key {
		case "uri":
			err = dec.Decode(&uri)
		case "version":
			err = dec.Decode(&version)
		default:
			return uri, version, nil // the diagnostics: not needed
		}
		if err != nil {
			return "", 0, err
		}
	}
	return uri, version, nil
}

// serverMessage is a request or notification the server sent the client.
type serverMessage struct {
	method string
	params json.RawMessage
	call   bool // a request, answered by the harness
}

// clientRequests are the requests from the server that the test client
// answers with a null result, as an editor does; any other request is
// answered MethodNotFound.
var clientRequests = map[string]bool{
	protocol.MethodClientRegisterCapability: true,
	protocol.MethodWorkDoneProgressCreate:   true,
	methodDiagnosticRefresh:                 true,
}

// publication is one publishDiagnostics notification and when it arrived.
type publication struct {
	params protocol.PublishDiagnosticsParams
	at     time.Time
}

// startServer runs Serve with opts on one end of a pipe and returns a
// client on the other. The connection is closed, and Serve awaited, when
// the test ends; the server's log is printed if the test failed.
func startServer(t testing.TB, opts Options) *testClient {
	t.Helper()
	logs := &syncBuffer{}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if opts.Version == "" {
		opts.Version = "test"
	}
	serverEnd, clientEnd := net.Pipe()
	c := &testClient{t: t, logs: logs, done: make(chan struct{}), changed: make(chan struct{})}
	go func() {
		c.serveErr = Serve(context.Background(), serverEnd, opts)
		close(c.done)
	}()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientEnd))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		c.conn.Close()
		serverEnd.Close()
		<-c.conn.Done()
		select {
		case <-c.done:
		case <-time.After(waitTimeout):
			t.Error("Serve did not return after the connection closed")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	return c
}

// handle receives the server's messages: every one is recorded,
// publications also apart; the requests in clientRequests are answered
// null, and any other request MethodNotFound.
func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	at := time.Now() // arrival, before the test client's own decoding
	_, call := req.(*jsonrpc2.Call)
	c.mu.Lock()
	if !c.light {
		c.msgs = append(c.msgs, serverMessage{req.Method(), slices.Clone(req.Params()), call})
	}
	if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
		var p protocol.PublishDiagnosticsParams
		var err error
		if c.light {
			p.URI, p.Version, err = publicationHead(req.Params())
		} else {
			err = json.Unmarshal(req.Params(), &p)
		}
		if err != nil {
			c.t.Errorf("decoding publishDiagnostics: %v", err)
		}
		c.pubs = append(c.pubs, publication{p, at})
	}
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
	if call && !clientRequests[req.Method()] {
		return jsonrpc2.MethodNotFoundHandler(ctx, reply, req)
	}
	return reply(ctx, nil, nil)
}

// messages returns the messages with method the server has sent so far.
func (c *testClient) messages(method string) []serverMessage {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []serverMessage
	for _, m := range c.msgs {
		if m.method == method {
			out = append(out, m)
		}
	}
	return out
}

// markMessages returns a position in the stream of server messages, for
// awaitMessage.
func (c *testClient) markMessages() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.msgs)
}

// awaitMessage waits until a message with method, after mark, satisfies
// ok (nil: any), and returns the first such.
func (c *testClient) awaitMessage(mark int, method string, ok func(json.RawMessage) bool) serverMessage {
	c.t.Helper()
	timeout := time.After(waitTimeout)
	for {
		c.mu.Lock()
		i := slices.IndexFunc(c.msgs[mark:], func(m serverMessage) bool { return m.method == method && (ok == nil || ok(m.params)) })
		var m serverMessage
		if i >= 0 {
			m = c.msgs[mark+i]
		}
		changed := c.changed
		c.mu.Unlock()
		if i >= 0 {
			return m
		}
		select {
		case <-changed:
		case <-timeout:
			c.t.Fatalf("no %s from the server within %v; got %s", method, waitTimeout, c.describeMessages())
		}
	}
}

func (c *testClient) describeMessages() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, m := range c.msgs {
		fmt.Fprintf(&b, "\n  %s %s", m.method, m.params)
	}
	return b.String()
}

// call sends a request and decodes its result into result.
func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

// mustCall is call that fails the test on an error.
func (c *testClient) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// notify sends a notification.
func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// initialize runs the initialize handshake with root as the workspace
// folder ("" for none) and returns the server's answer.
func (c *testClient) initialize(root string) *protocol.InitializeResult {
	c.t.Helper()
	return c.initializeWith(root, nil)
}

// initializeWith runs the initialize handshake with root as the workspace
// folder ("" for none), declaring the client capabilities caps (JSON, as
// on the wire; nil for none), and returns the server's answer.
func (c *testClient) initializeWith(root string, caps map[string]any) *protocol.InitializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}
	if caps != nil {
		params["capabilities"] = caps
	}
	if root != "" {
		params["workspaceFolders"] = []protocol.WorkspaceFolder{{URI: root, Name: "ws"}}
	}
	var res protocol.InitializeResult
	c.mustCall(protocol.MethodInitialize, params, &res)
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return &res
}

// open sends didOpen for a SQL document.
func (c *testClient) open(uri string, version int32, text string) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{
		TextDocument: protocol.TextDocumentItem{URI: protocol.DocumentURI(uri), LanguageID: "sql", Version: version, Text: text},
	})
}

// change sends didChange with the given content changes.
func (c *testClient) change(uri string, version int32, changes ...contentChange) {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, &didChangeParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{
			TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(uri)},
			Version:                version,
		},
		ContentChanges: changes,
	})
}

// shutdown sends shutdown and exit and checks that Serve returns nil.
func (c *testClient) shutdown() {
	c.t.Helper()
	c.mustCall(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	select {
	case <-c.done:
		if c.serveErr != nil {
			c.t.Fatalf("Serve after shutdown and exit = %v, want nil", c.serveErr)
		}
	case <-time.After(waitTimeout):
		c.t.Fatal("Serve did not return after exit")
	}
}

// mark returns a position in the stream of publications, for awaitAfter.
func (c *testClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.pubs)
}

// await waits until some publication satisfies ok and returns the first.
func (c *testClient) await(what string, ok func(protocol.PublishDiagnosticsParams) bool) publication {
	c.t.Helper()
	return c.awaitAfter(0, what, ok)
}

// awaitAfter waits until a publication after mark satisfies ok and
// returns the first such.
func (c *testClient) awaitAfter(mark int, what string, ok func(protocol.PublishDiagnosticsParams) bool) publication {
	c.t.Helper()
	timeout := time.After(waitTimeout)
	for {
		c.mu.Lock()
		i := slices.IndexFunc(c.pubs[mark:], func(p publication) bool { return ok(p.params) })
		var pub publication
		if i >= 0 {
			pub = c.pubs[mark+i]
		}
		changed := c.changed
		c.mu.Unlock()
		if i >= 0 {
			return pub
		}
		select {
		case <-changed:
		case <-timeout:
			c.t.Fatalf("no publication of %s within %v; got %s", what, waitTimeout, c.describe())
		}
	}
}

// awaitVersion waits for the diagnostics of version v of uri.
func (c *testClient) awaitVersion(uri string, v int32) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	return c.await(fmt.Sprintf("%s version %d", uri, v), func(p protocol.PublishDiagnosticsParams) bool {
		return string(p.URI) == uri && p.Version == uint32(v)
	}).params
}

// publications returns the publications received so far for uri.
func (c *testClient) publications(uri string) []protocol.PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []protocol.PublishDiagnosticsParams
	for _, p := range c.pubs {
		if string(p.params.URI) == uri {
			out = append(out, p.params)
		}
	}
	return out
}

func (c *testClient) describe() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for _, p := range c.pubs {
		fmt.Fprintf(&b, "\n  %s v%d %v", p.params.URI, p.params.Version, summarize(p.params.Diagnostics))
	}
	return b.String()
}

// summarize renders diagnostics as "code line:col-line:col severity message".
func summarize(diags []protocol.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%v %s %d %s", d.Code, fmtRange(d.Range), int(d.Severity), d.Message))
	}
	return out
}

// summaryCodes renders diagnostics as "code line:col-line:col".
func summaryCodes(diags []protocol.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%v %s", d.Code, fmtRange(d.Range)))
	}
	return out
}

func fmtRange(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// pos returns the LSP position (UTF-16 columns) of the first occurrence of
// needle in text at or after byte offset from, computed without package
// source: the test's own oracle.
func pos(t *testing.T, text, needle string, from int) protocol.Position {
	t.Helper()
	i := strings.Index(text[from:], needle)
	if i < 0 {
		t.Fatalf("%q not in %q", needle, text[from:])
	}
	return utf16Pos(text, from+i)
}

// utf16Pos converts a byte offset into an LSP position by counting UTF-16 units.
func utf16Pos(text string, off int) protocol.Position {
	line := strings.Count(text[:off], "\n")
	start := strings.LastIndex(text[:off], "\n") + 1
	return protocol.Position{Line: uint32(line), Character: uint32(len(utf16.Encode([]rune(text[start:off]))))}
}

// rng returns the range of the first occurrence of needle at or after from.
func rng(t *testing.T, text, needle string, from int) protocol.Range {
	t.Helper()
	start := pos(t, text, needle, from)
	i := strings.Index(text[from:], needle) + from
	return protocol.Range{Start: start, End: utf16Pos(text, i+len(needle))}
}

// applyEdits applies LSP text edits to text, converting positions by
// counting UTF-16 units (again without package source). Edits must not
// overlap; they are applied from the last to the first.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	offset := func(p protocol.Position) int {
		lineStart := 0
		for range p.Line {
			i := strings.IndexByte(text[lineStart:], '\n')
			if i < 0 {
				t.Fatalf("line %d past the end", p.Line)
			}
			lineStart += i + 1
		}
		units, off := 0, lineStart
		for _, r := range text[lineStart:] {
			if units >= int(p.Character) || r == '\n' {
				break
			}
			units += len(utf16.Encode([]rune{r}))
			off += len(string(r))
		}
		return off
	}
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b protocol.TextEdit) int {
		return offset(b.Range.Start) - offset(a.Range.Start)
	})
	for _, e := range sorted {
		s, en := offset(e.Range.Start), offset(e.Range.End)
		text = text[:s] + e.NewText + text[en:]
	}
	return text
}

// rpcCode returns the JSON-RPC error code of err, or 0.
func rpcCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}
