package server

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// pullCaps are the capabilities of a client that pulls diagnostics and
// can be asked to pull them again.
var pullCaps = map[string]any{
	"textDocument": map[string]any{"diagnostic": map[string]any{"dynamicRegistration": false}},
	"workspace":    map[string]any{"diagnostics": map[string]any{"refreshSupport": true}},
	"window":       map[string]any{"workDoneProgress": true},
}

// pullReport is a document diagnostic report as the client reads it.
type pullReport struct {
	Kind     string                 `json:"kind"`
	ResultID string                 `json:"resultId"`
	Items    *[]protocol.Diagnostic `json:"items"`
}

// pull sends textDocument/diagnostic for uri.
func (c *testClient) pull(uri, previous string) pullReport {
	c.t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	if previous != "" {
		params["previousResultId"] = previous
	}
	var r pullReport
	c.mustCall(methodDocumentDiagnostic, params, &r)
	return r
}

// TestPullDiagnostics drives a client that pulls diagnostics (LSP 3.17):
// the server declares diagnosticProvider, answers full reports for the
// document's current version computed by the same engine (the resultId is
// the version), unchanged reports when the client holds those very
// diagnostics, asks for a new pull when the workspace changes on disk,
// and publishes nothing.
func TestPullDiagnostics(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, ".sqlsage.toml", "[rules]\ntest-model = \"info\"\n")
	c := startServer(t, Options{Engine: defaultEngine(t)})
	var raw json.RawMessage
	c.mustCall(protocol.MethodInitialize, map[string]any{
		"capabilities":     pullCaps,
		"workspaceFolders": []protocol.WorkspaceFolder{{URI: string(uri.File(dir)), Name: "ws"}},
	}, &raw)
	var res struct {
		Capabilities struct {
			DiagnosticProvider json.RawMessage `json:"diagnosticProvider"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	if got, want := string(res.Capabilities.DiagnosticProvider), `{"identifier":"sqlsage","interFileDependencies":true,"workspaceDiagnostics":false}`; got != want {
		t.Errorf("diagnosticProvider %s, want %s", got, want)
	}
	mark := c.markMessages()
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.awaitLoaded(mark)
	// The configuration read at initialize and the load asked for no pull:
	// nothing is open (and nothing may be asked before initialize's result).
	if m := c.messages(methodDiagnosticRefresh); len(m) != 0 {
		t.Errorf("%d refresh requests with no document open", len(m))
	}

	doc := string(uri.File(filepath.Join(dir, "doc.sql")))
	c.open(doc, 1, "CREATE TABLE t (price float);\nSELECT tables;\n")
	r := c.pull(doc, "")
	if r.Kind != "full" || r.ResultID != "1" || r.Items == nil {
		t.Fatalf("first pull: %+v, want a full report for version 1", r)
	}
	want := []string{"test-float 0:22-0:27 2 float is inexact", "test-model 1:7-1:13 3 tables: t"}
	if got := summarize(*r.Items); !slices.Equal(got, want) {
		t.Errorf("first pull: %q, want %q", got, want)
	}
	if r := c.pull(doc, "1"); r.Kind != "unchanged" || r.ResultID != "1" || r.Items != nil {
		t.Errorf("pull with the current result: %+v, want unchanged 1", r)
	}

	c.change(doc, 2, contentChange{Text: "SELECT tables;\n"})
	r = c.pull(doc, "1")
	if got, want := summarize(*r.Items), []string{"test-model 0:7-0:13 3 tables: "}; r.Kind != "full" || r.ResultID != "2" || !slices.Equal(got, want) {
		t.Errorf("pull after an edit: %s %s %q, want full 2 %q", r.Kind, r.ResultID, got, want)
	}

	// A file created on disk changes the model, not the version: the
	// client is asked to pull again, and gets a full report.
	created := writeFile(t, dir, "001_users.sql", "CREATE TABLE users (id int);\n")
	mark = c.markMessages()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
		Changes: []*protocol.FileEvent{{URI: protocol.DocumentURI(created), Type: protocol.FileChangeTypeCreated}}})
	if m := c.awaitMessage(mark, methodDiagnosticRefresh, nil); !m.call {
		t.Errorf("%s sent as a notification", methodDiagnosticRefresh)
	}
	r = c.pull(doc, "2")
	if got, want := summarize(*r.Items), []string{"test-model 0:7-0:13 3 tables: users"}; r.Kind != "full" || r.ResultID != "2" || !slices.Equal(got, want) {
		t.Errorf("pull after the model changed: %s %s %q, want full 2 %q", r.Kind, r.ResultID, got, want)
	}
	if r := c.pull(doc, "2"); r.Kind != "unchanged" {
		t.Errorf("pull again: %+v, want unchanged", r)
	}

	// A full report with no diagnostics still has its items.
	c.change(doc, 3, contentChange{Text: "SELECT 1;\n"})
	var rawReport json.RawMessage
	c.mustCall(methodDocumentDiagnostic, map[string]any{"textDocument": map[string]any{"uri": doc}}, &rawReport)
	if got, want := string(rawReport), `{"kind":"full","resultId":"3","items":[]}`; got != want {
		t.Errorf("pull of a clean document: %s, want %s", got, want)
	}
	if err := c.call(methodDocumentDiagnostic, map[string]any{"textDocument": map[string]any{"uri": "file:///nowhere.sql"}}, nil); rpcCode(err) != -32602 {
		t.Errorf("pull of a document that is not open: %v, want InvalidParams", err)
	}
	c.shutdown()
	if pubs := c.publications(doc); len(pubs) != 0 {
		t.Errorf("%d publications to a client that pulls, want none", len(pubs))
	}
}

// TestNoPullWithoutTheCapability checks that a client that does not
// declare textDocument.diagnostic is not offered pull diagnostics (and is
// published to, as every other test shows).
func TestNoPullWithoutTheCapability(t *testing.T) {
	c := startServer(t, Options{Engine: defaultEngine(t)})
	var raw map[string]map[string]any
	c.mustCall(protocol.MethodInitialize, map[string]any{"capabilities": map[string]any{}}, &raw)
	if _, ok := raw["capabilities"]["diagnosticProvider"]; ok {
		t.Errorf("capabilities %v offer diagnosticProvider to a client that does not pull", raw["capabilities"])
	}
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	c.shutdown()
}
