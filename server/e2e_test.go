package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// The end-to-end test builds the real sqlsage binary and speaks JSON-RPC
// to `sqlsage serve` over its stdin and stdout, with Content-Length
// framing, as an editor does. It uses no go.lsp.dev code on the client
// side: messages are plain JSON, positions are computed by the test.

// e2eTimeout bounds every wait for the server.
const e2eTimeout = 20 * time.Second

// buildBinary builds ./cmd/sqlsage into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found; cannot build the binary")
	}
	bin := filepath.Join(t.TempDir(), "sqlsage")
	cmd := exec.Command(gotool, "build", "-o", bin, "./cmd/sqlsage")
	cmd.Dir = ".." // the module root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/sqlsage: %v\n%s", err, out)
	}
	return bin
}

// message is any JSON-RPC message.
type message struct {
	ID     *int            `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// lockedBuffer collects the server's stderr.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lspProcess is a running `sqlsage serve` and the client state for it.
type lspProcess struct {
	t      testing.TB
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr *lockedBuffer
	in     chan message  // messages read from stdout, in order
	exited chan struct{} // closed when the process has exited
	err    error         // the process's Wait result, once exited is closed
	seen   []message     // messages read but not consumed yet
	nextID int
}

// startProcess runs `bin serve` with its standard streams piped to the test.
func startProcess(t testing.TB, bin string) *lspProcess {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	p := &lspProcess{t: t, cmd: cmd, stderr: &lockedBuffer{}, in: make(chan message, 1024), exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	var err error
	if p.stdin, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		p.read(stdout)
	}()
	go func() {
		<-readDone // Wait closes stdout: read it all first
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		p.stdin.Close()
		select {
		case <-p.exited:
		case <-time.After(e2eTimeout):
			cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("server stderr:\n%s", p.stderr)
		}
	})
	return p
}

// read decodes framed messages from the server's stdout until it closes.
// Anything on stdout that is not a framed message fails the test: stdout
// belongs to the protocol.
func (p *lspProcess) read(stdout io.Reader) {
	defer close(p.in)
	r := bufio.NewReader(stdout)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				if !errors.Is(err, io.EOF) || line != "" || length != -1 {
					p.t.Errorf("reading a header from stdout: %q, %v", line, err)
				}
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			name, value, ok := strings.Cut(line, ": ")
			switch {
			case ok && name == "Content-Length":
				n, err := strconv.Atoi(value)
				if err != nil {
					p.t.Errorf("bad Content-Length %q", value)
					return
				}
				length = n
			case ok && name == "Content-Type":
			default:
				p.t.Errorf("stdout carries a line that is not a header: %q", line)
				return
			}
		}
		if length < 0 {
			p.t.Errorf("message without Content-Length")
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			p.t.Errorf("reading a %d-byte body: %v", length, err)
			return
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			p.t.Errorf("stdout body is not JSON-RPC: %v: %s", err, body)
			return
		}
		p.in <- m
	}
}

// send writes one framed message to the server's stdin.
func (p *lspProcess) send(m map[string]any) {
	p.t.Helper()
	m["jsonrpc"] = "2.0"
	body, err := json.Marshal(m)
	if err != nil {
		p.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(p.stdin, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		p.t.Fatalf("writing to the server: %v", err)
	}
}

// notify sends a notification.
func (p *lspProcess) notify(method string, params any) {
	p.t.Helper()
	p.send(map[string]any{"method": method, "params": params})
}

// call sends a request and returns its response.
func (p *lspProcess) call(method string, params any) message {
	p.t.Helper()
	p.nextID++
	id := p.nextID
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	p.send(req)
	return p.await(fmt.Sprintf("the response to %s", method), func(m message) bool { return m.ID != nil && *m.ID == id && m.Method == "" })
}

// result calls method and decodes its result into out, failing on an error.
func (p *lspProcess) result(method string, params, out any) {
	p.t.Helper()
	m := p.call(method, params)
	if m.Error != nil {
		p.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if out != nil {
		if err := json.Unmarshal(m.Result, out); err != nil {
			p.t.Fatalf("%s: decoding %s: %v", method, m.Result, err)
		}
	}
}

// await returns (and consumes) the first message, read or to come, that
// satisfies ok.
func (p *lspProcess) await(what string, ok func(message) bool) message {
	p.t.Helper()
	timeout := time.After(e2eTimeout)
	for {
		if i := slices.IndexFunc(p.seen, ok); i >= 0 {
			m := p.seen[i]
			p.seen = slices.Delete(p.seen, i, i+1)
			return m
		}
		select {
		case m, open := <-p.in:
			if !open {
				p.t.Fatalf("stdout closed while waiting for %s", what)
			}
			p.seen = append(p.seen, m)
		case <-timeout:
			p.t.Fatalf("no %s within %v", what, e2eTimeout)
		}
	}
}

// Wire shapes the test reads.
type (
	position struct {
		Line      int `json:"line"`
		Character int `json:"character"`
	}
	lspRange struct {
		Start position `json:"start"`
		End   position `json:"end"`
	}
	diagnostic struct {
		Range    lspRange `json:"range"`
		Severity int      `json:"severity"`
		Code     string   `json:"code"`
		Source   string   `json:"source"`
		Message  string   `json:"message"`
	}
	publishParams struct {
		URI         string       `json:"uri"`
		Version     int          `json:"version"`
		Diagnostics []diagnostic `json:"diagnostics"`
	}
	textEdit struct {
		Range   lspRange `json:"range"`
		NewText string   `json:"newText"`
	}
	codeAction struct {
		Title       string       `json:"title"`
		Kind        string       `json:"kind"`
		IsPreferred bool         `json:"isPreferred"`
		Diagnostics []diagnostic `json:"diagnostics"`
		Edit        struct {
			DocumentChanges []struct {
				TextDocument struct {
					URI     string `json:"uri"`
					Version *int   `json:"version"`
				} `json:"textDocument"`
				Edits []textEdit `json:"edits"`
			} `json:"documentChanges"`
		} `json:"edit"`
	}
)

func (r lspRange) String() string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// awaitDiagnostics waits for the publication of version v of uri and
// returns it with the time it arrived.
func (p *lspProcess) awaitDiagnostics(uri string, v int) (publishParams, time.Time) {
	p.t.Helper()
	var pp publishParams
	p.await(fmt.Sprintf("diagnostics for version %d", v), func(m message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var x publishParams
		if err := json.Unmarshal(m.Params, &x); err != nil {
			p.t.Fatalf("publishDiagnostics params: %v", err)
		}
		if x.URI != uri || x.Version != v {
			return false
		}
		pp = x
		return true
	})
	return pp, time.Now()
}

// codes renders diagnostics as "code range".
func codes(ds []diagnostic) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Code+" "+d.Range.String())
	}
	return out
}

// posOf returns the LSP position of byte offset off of text, counting
// UTF-16 units.
func posOf(text string, off int) position {
	start := strings.LastIndex(text[:off], "\n") + 1
	return position{Line: strings.Count(text[:off], "\n"), Character: len(utf16.Encode([]rune(text[start:off])))}
}

// offsetOf converts an LSP position of text into a byte offset.
func offsetOf(t *testing.T, text string, p position) int {
	t.Helper()
	off := 0
	for range p.Line {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			t.Fatalf("line %d past the end of the text", p.Line)
		}
		off += i + 1
	}
	for units := 0; units < p.Character && off < len(text); {
		r, size := utf8.DecodeRuneInString(text[off:])
		units += len(utf16.Encode([]rune{r}))
		off += size
	}
	return off
}

// replace returns the didChange content change that replaces the first
// occurrence of old at or after byte from with new, and the text after it.
func replace(t *testing.T, text, old, new string, from int) (map[string]any, string) {
	t.Helper()
	i := strings.Index(text[from:], old)
	if i < 0 {
		t.Fatalf("%q not in %q", old, text[from:])
	}
	i += from
	r := lspRange{Start: posOf(text, i), End: posOf(text, i+len(old))}
	return map[string]any{"range": r, "text": new}, text[:i] + new + text[i+len(old):]
}

func TestEndToEnd(t *testing.T) {
	bin := buildBinary(t)

	t.Run("session", func(t *testing.T) {
		root := t.TempDir()
		// The workspace's configuration, read by the binary at initialize:
		// the table below has no timestamps, which is beside this test's
		// point (missing-timestamps, a hint, would report it).
		if err := os.WriteFile(filepath.Join(root, ".sqlsage.toml"), []byte("[rules]\nmissing-timestamps = \"off\"\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		p := startProcess(t, bin)
		docURI := "file://" + filepath.ToSlash(filepath.Join(root, "schema.sql"))

		var init struct {
			Capabilities struct {
				TextDocumentSync struct {
					Change int `json:"change"`
				} `json:"textDocumentSync"`
				HoverProvider bool `json:"hoverProvider"`
			} `json:"capabilities"`
			ServerInfo struct {
				Name string `json:"name"`
			} `json:"serverInfo"`
		}
		p.result("initialize", map[string]any{"processId": os.Getpid(), "rootUri": "file://" + filepath.ToSlash(root), "capabilities": map[string]any{}}, &init)
		if init.ServerInfo.Name != "sqlsage" || init.Capabilities.TextDocumentSync.Change != 2 || !init.Capabilities.HoverProvider {
			t.Fatalf("initialize result %+v, want sqlsage with incremental sync and hover", init)
		}
		p.notify("initialized", map[string]any{})

		// Version 1: a money column stored as float, and a typo.
		text := "SELECT 'é 日本 😀' AS a;\nCREATE TABLE invoices (id bigint PRIMARY KEY, price float);\nSELEC 1;\n"
		p.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": docURI, "languageId": "sql", "version": 1, "text": text}})
		pub, _ := p.awaitDiagnostics(docURI, 1)
		if got, want := codes(pub.Diagnostics), []string{"money-float 1:52-1:57", "syntax-error 2:0-2:5"}; !slices.Equal(got, want) {
			t.Fatalf("version 1 diagnostics %q, want %q", got, want)
		}

		// Version 2, two incremental changes: a syntax error after the
		// multi-byte characters of line 0 ("a" becomes "a b"; "b" is at
		// UTF-16 column 22 but byte 29), and the typo's line deleted.
		change1, text1 := replace(t, text, "AS a", "AS a b", 0)
		change2, text2 := replace(t, text1, "SELEC 1;\n", "", 0)
		p.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": docURI, "version": 2},
			"contentChanges": []any{change1, change2},
		})
		text = text2
		pub, _ = p.awaitDiagnostics(docURI, 2)
		if got, want := codes(pub.Diagnostics), []string{"syntax-error 0:22-0:23", "money-float 1:52-1:57"}; !slices.Equal(got, want) {
			t.Fatalf("version 2 diagnostics %q, want %q", got, want)
		}
		money := pub.Diagnostics[1]

		// Hover on the money-float diagnostic shows its rule's documentation.
		var hover struct {
			Contents struct {
				Kind  string `json:"kind"`
				Value string `json:"value"`
			} `json:"contents"`
			Range *lspRange `json:"range"`
		}
		p.result("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": docURI},
			"position": position{Line: 1, Character: 54}}, &hover)
		if hover.Contents.Kind != "markdown" || !strings.HasPrefix(hover.Contents.Value, "**money-float** — ") ||
			!strings.Contains(hover.Contents.Value, "docs/rules/money-float.md") || hover.Range == nil || *hover.Range != money.Range {
			t.Errorf("hover = %+v, want money-float markdown over %s", hover, money.Range)
		}

		// The code action for it, applied by the test to its copy of the
		// text and sent back as incremental changes.
		var actions []codeAction
		p.result("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": docURI},
			"range":        money.Range,
			"context":      map[string]any{"diagnostics": []diagnostic{money}},
		}, &actions)
		i := slices.IndexFunc(actions, func(a codeAction) bool { return a.Title == "Use DECIMAL(10, 2)" })
		if i < 0 {
			t.Fatalf("code actions %+v, want \"Use DECIMAL(10, 2)\"", actions)
		}
		a := actions[i]
		if a.Kind != "quickfix" || !a.IsPreferred || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "money-float" ||
			len(a.Edit.DocumentChanges) != 1 || a.Edit.DocumentChanges[0].TextDocument.URI != docURI ||
			a.Edit.DocumentChanges[0].TextDocument.Version == nil || *a.Edit.DocumentChanges[0].TextDocument.Version != 2 {
			t.Fatalf("code action %+v, want a preferred quickfix of money-float editing version 2", a)
		}
		edits := slices.Clone(a.Edit.DocumentChanges[0].Edits)
		// Send the edits last first, so that each range is still valid in
		// the text the previous change leaves.
		slices.SortFunc(edits, func(x, y textEdit) int { return offsetOf(t, text, y.Range.Start) - offsetOf(t, text, x.Range.Start) })
		var changes []any
		for _, e := range edits {
			s, en := offsetOf(t, text, e.Range.Start), offsetOf(t, text, e.Range.End)
			text = text[:s] + e.NewText + text[en:]
			changes = append(changes, map[string]any{"range": e.Range, "text": e.NewText})
		}
		if want := "SELECT 'é 日本 😀' AS a b;\nCREATE TABLE invoices (id bigint PRIMARY KEY, price DECIMAL(10, 2));\n"; text != want {
			t.Fatalf("text after the code action %q, want %q", text, want)
		}
		sent := time.Now()
		p.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": docURI, "version": 3}, "contentChanges": changes})
		pub, at3 := p.awaitDiagnostics(docURI, 3)
		if got, want := codes(pub.Diagnostics), []string{"syntax-error 0:22-0:23"}; !slices.Equal(got, want) {
			t.Fatalf("version 3 diagnostics %q, want %q", got, want)
		}
		latency := at3.Sub(sent)

		// Fixing the syntax error clears the diagnostics: an empty list,
		// published with the new version.
		change, fixed := replace(t, text, " b;", ";", 0)
		sent = time.Now()
		p.notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": docURI, "version": 4}, "contentChanges": []any{change}})
		pub, at4 := p.awaitDiagnostics(docURI, 4)
		if pub.Diagnostics == nil || len(pub.Diagnostics) != 0 {
			t.Fatalf("version 4 diagnostics %q of %q, want an empty list", codes(pub.Diagnostics), fixed)
		}
		latency = min(latency, at4.Sub(sent))
		t.Logf("edit to diagnostics, best of two: %v", latency)
		if latency > 50*time.Millisecond {
			t.Errorf("a lone edit took %v to be diagnosed, want at most 50ms", latency)
		}

		// shutdown answers null; exit ends the process with status 0.
		if m := p.call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
			t.Fatalf("shutdown = %s %+v, want a null result", m.Result, m.Error)
		}
		p.notify("exit", nil)
		select {
		case <-p.exited:
			if p.err != nil {
				t.Errorf("sqlsage serve after shutdown and exit: %v, want exit status 0", p.err)
			}
		case <-time.After(e2eTimeout):
			t.Fatal("sqlsage serve did not exit")
		}
		if s := p.stderr.String(); strings.Contains(s, "level=ERROR") {
			t.Errorf("errors logged:\n%s", s)
		}
	})

	t.Run("exit without shutdown", func(t *testing.T) {
		p := startProcess(t, bin)
		p.result("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, nil)
		p.notify("initialized", map[string]any{})
		p.notify("exit", nil)
		select {
		case <-p.exited:
			var exit *exec.ExitError
			if !errors.As(p.err, &exit) || exit.ExitCode() != 1 {
				t.Errorf("sqlsage serve after exit without shutdown: %v, want exit status 1", p.err)
			}
		case <-time.After(e2eTimeout):
			t.Fatal("sqlsage serve did not exit")
		}
	})
}
