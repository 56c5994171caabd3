package server

import (
	"slices"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// slowRule blocks on a statement with the word "slow" until gate is
// closed, after telling entered (once) that it has started.
func slowRule(entered chan<- struct{}, gate <-chan struct{}) *diagnostics.Rule {
	return &diagnostics.Rule{
		ID: "test-slow", Category: diagnostics.Query, Severity: diagnostics.Hint, Default: true,
		Doc: diagnostics.Doc{Summary: "Blocks on slow", Why: "Tests hold an analysis.", Bad: "SELECT slow;", Good: "SELECT 1;"},
		Run: func(p *diagnostics.Pass) {
			for _, lx := range p.Stmt.Lexemes() {
				if lx.Is(p.Stmt.Text, "slow") {
					select {
					case entered <- struct{}{}:
					default:
					}
					<-gate
				}
			}
		},
	}
}

// TestSlowRequestDoesNotHoldUpTheStream asks for code actions on a
// version not analysed yet, whose analysis blocks: once the request holds
// its snapshot, the messages after it are served (a didOpen is analysed
// and published, a hover answered) while it still works; it is answered
// when its analysis ends.
func TestSlowRequestDoesNotHoldUpTheStream(t *testing.T) {
	entered, gate := make(chan struct{}, 1), make(chan struct{})
	closeGate := func() {
		select {
		case <-gate:
		default:
			close(gate)
		}
	}
	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, slowRule(entered, gate)), Debounce: time.Hour})
	t.Cleanup(closeGate) // before the server's cleanup, which waits for the request
	c.initialize("")
	const a, b = "file:///ws/a.sql", "file:///ws/b.sql"
	c.open(a, 1, "SELECT 1;")
	c.awaitVersion(a, 1)
	c.change(a, 2, contentChange{Text: "SELECT slow;"}) // analysed in an hour

	type result struct {
		actions []protocol.CodeAction
		err     error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.err = c.call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: a}}, &r.actions)
		done <- r
	}()
	select {
	case <-entered:
	case <-time.After(waitTimeout):
		t.Fatal("the code action request never analysed version 2")
	}

	c.open(b, 1, "SELEC 1;")
	if got, want := summaryCodes(c.awaitVersion(b, 1).Diagnostics), []string{"syntax-error 0:0-0:5"}; !slices.Equal(got, want) {
		t.Errorf("b while the request works: %q, want %q", got, want)
	}
	var h *protocol.Hover
	c.mustCall(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: b}, Position: protocol.Position{Character: 2}}}, &h)
	if h == nil || h.Range == nil || fmtRange(*h.Range) != "0:0-0:5" {
		t.Errorf("hover on b while the request works = %+v, want the syntax error's documentation", h)
	}
	select {
	case r := <-done:
		t.Fatalf("the code action request was answered (%+v, %v) before its analysis ended", r.actions, r.err)
	default:
	}

	closeGate()
	select {
	case r := <-done:
		if r.err != nil || r.actions == nil || len(r.actions) != 0 {
			t.Errorf("code actions = %+v, %v; want an empty list", r.actions, r.err)
		}
	case <-time.After(waitTimeout):
		t.Fatal("the code action request was never answered")
	}
	c.shutdown()
}
