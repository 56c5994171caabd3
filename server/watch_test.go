package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// writeFile writes text to name in dir and returns its file URI. It
// writes a temporary file and renames it, so that the server, which may
// be reading the file for an earlier event, never reads it half written.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(t.TempDir(), "write")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		t.Fatal(err)
	}
	return string(uri.File(path))
}

// progressValue is the value of a $/progress notification.
type progressValue struct {
	Token string `json:"token"`
	Value struct {
		Kind        string  `json:"kind"`
		Title       string  `json:"title"`
		Message     string  `json:"message"`
		Percentage  *uint32 `json:"percentage"`
		Cancellable *bool   `json:"cancellable"`
	} `json:"value"`
}

// awaitLoaded waits for the end of the workspace load's progress.
func (c *testClient) awaitLoaded(mark int) {
	c.t.Helper()
	c.awaitMessage(mark, protocol.MethodProgress, func(raw json.RawMessage) bool {
		var p progressValue
		return json.Unmarshal(raw, &p) == nil && p.Value.Kind == "end"
	})
}

// TestWatchedFilesUpdateTheModel opens 001_init.sql with a foreign key
// nobody indexed, then writes 002_indexes.sql with the index to disk and
// reports it with didChangeWatchedFiles: the diagnostics of 001 are
// published again without the finding. Deleting the file brings it back;
// a change of an open document on disk is ignored (its buffer counts).
func TestWatchedFilesUpdateTheModel(t *testing.T) {
	dir := t.TempDir()
	initText := "CREATE TABLE users (id bigint PRIMARY KEY);\n" +
		"CREATE TABLE orders (\n" +
		"  id bigint PRIMARY KEY,\n" +
		"  user_id bigint NOT NULL REFERENCES users (id)\n" +
		");\n"
	initURI := writeFile(t, dir, "001_init.sql", initText)

	c := startServer(t, Options{Engine: newEngine(t, rules.SyntaxError, rules.FkMissingIndex)})
	mark := c.markMessages()
	c.initializeWith(string(uri.File(dir)), map[string]any{
		"window":    map[string]any{"workDoneProgress": true},
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
	})
	c.awaitLoaded(mark)
	c.open(initURI, 1, initText)
	p := c.awaitVersion(initURI, 1)
	if got, want := summaryCodes(p.Diagnostics), []string{"fk-missing-index 3:26-3:47"}; !slices.Equal(got, want) {
		t.Fatalf("001 with no index: %q, want %q", got, want)
	}

	// The registration asked for at initialized.
	reg := c.awaitMessage(0, protocol.MethodClientRegisterCapability, nil)
	var rp protocol.RegistrationParams
	if err := json.Unmarshal(reg.params, &rp); err != nil {
		t.Fatal(err)
	}
	opts, _ := json.Marshal(rp.Registrations[0].RegisterOptions)
	if len(rp.Registrations) != 1 || rp.Registrations[0].ID != "sqlsage-watch" || rp.Registrations[0].Method != protocol.MethodWorkspaceDidChangeWatchedFiles ||
		string(opts) != `{"watchers":[{"globPattern":"**/.sqlsage.toml"},{"globPattern":"**/*.sql"}]}` {
		t.Errorf("registration %s, want the two watchers of workspace/didChangeWatchedFiles", reg.params)
	}

	idxURI := writeFile(t, dir, "002_indexes.sql", "CREATE INDEX orders_user_id_idx ON orders (user_id);\n")
	watched := func(u string, typ protocol.FileChangeType) {
		c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
			Changes: []*protocol.FileEvent{{URI: protocol.DocumentURI(u), Type: typ}}})
	}
	mark = c.mark()
	watched(idxURI, protocol.FileChangeTypeCreated)
	p = c.awaitAfter(mark, "001 republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == initURI }).params
	if p.Version != 1 || p.Diagnostics == nil || len(p.Diagnostics) != 0 {
		t.Fatalf("001 after 002 was created: version %d %q, want version 1 with no diagnostics", p.Version, summaryCodes(p.Diagnostics))
	}

	// Deleted on disk: the index is gone again.
	if err := os.Remove(filepath.Join(dir, "002_indexes.sql")); err != nil {
		t.Fatal(err)
	}
	mark = c.mark()
	watched(idxURI, protocol.FileChangeTypeDeleted)
	p = c.awaitAfter(mark, "001 republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == initURI }).params
	if got, want := summaryCodes(p.Diagnostics), []string{"fk-missing-index 3:26-3:47"}; !slices.Equal(got, want) {
		t.Fatalf("001 after 002 was deleted: %q, want %q", got, want)
	}

	// A change on disk of the open 001 is ignored (its buffer counts, or
	// "SELEC" would be a syntax error), and a file in a hidden folder is
	// not part of the workspace (or its index would clear the finding).
	// Neither changes the model; the table a third file creates does, and
	// 001 is published again.
	writeFile(t, dir, "001_init.sql", "SELEC 1;\n")
	hidden := writeFile(t, dir, ".git/x.sql", "CREATE INDEX ON orders (user_id);\n")
	extra := writeFile(t, dir, "sub/003_extra.sql", "CREATE TABLE extra (id bigint PRIMARY KEY);\n")
	mark = c.mark()
	watched(initURI, protocol.FileChangeTypeChanged)
	watched(hidden, protocol.FileChangeTypeCreated)
	watched(extra, protocol.FileChangeTypeCreated)
	p = c.awaitAfter(mark, "001 republished", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == initURI }).params
	if got, want := summaryCodes(p.Diagnostics), []string{"fk-missing-index 3:26-3:47"}; !slices.Equal(got, want) {
		t.Errorf("001 after the three events: %q, want %q", got, want)
	}
	c.shutdown()
}

// TestLoadProgressAndOpenDocumentsFirst holds the workspace load back
// before its first file: a document opened meanwhile is analysed at once
// against what the snapshot holds (no table yet), and published again
// with the whole model when the load ends. The load reports its progress
// to a client that supports it: a token created, then begin, a report
// per file (each a whole percentage), and end.
func TestLoadProgressAndOpenDocumentsFirst(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "001_users.sql", "CREATE TABLE users (id int);\n")
	writeFile(t, dir, "002_orders.sql", "CREATE TABLE orders (id int);\n")
	writeFile(t, dir, "db/003_items.sql", "CREATE TABLE items (id int);\n")
	query := string(uri.File(filepath.Join(dir, "query.sql"))) // not on disk

	reached, release := make(chan struct{}), make(chan struct{})
	first := true
	hook := func(path string) {
		if first { // the disk queue calls it from one goroutine
			first = false
			close(reached)
			<-release
		}
	}
	c := startServer(t, Options{Engine: defaultEngine(t), loadHook: hook})
	t.Cleanup(func() { // before the server's cleanup, which waits for the load
		select {
		case <-release:
		default:
			close(release)
		}
	})
	c.initializeWith(string(uri.File(dir)), map[string]any{"window": map[string]any{"workDoneProgress": true}})
	<-reached

	c.open(query, 1, "SELECT tables;")
	p := c.awaitVersion(query, 1)
	if got, want := summarize(p.Diagnostics), []string{"test-model 0:7-0:13 3 tables: "}; !slices.Equal(got, want) {
		t.Fatalf("while the workspace loads: %q, want %q", got, want)
	}
	mark := c.mark()
	close(release)
	p = c.awaitAfter(mark, "the loaded model", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == query }).params
	if got, want := summarize(p.Diagnostics), []string{"test-model 0:7-0:13 3 tables: users,orders,items"}; !slices.Equal(got, want) {
		t.Errorf("after the load: %q, want %q", got, want)
	}

	create := c.messages(protocol.MethodWorkDoneProgressCreate)
	if len(create) != 1 || string(create[0].params) != `{"token":"sqlsage/1"}` || !create[0].call {
		t.Errorf("progress tokens created: %+v, want one request for sqlsage/1", create)
	}
	var got []string
	for _, m := range c.messages(protocol.MethodProgress) {
		got = append(got, string(m.params))
	}
	want := []string{
		`{"token":"sqlsage/1","value":{"kind":"begin","title":"sqlsage: loading the workspace","cancellable":false,"message":"searching for .sql files","percentage":0}}`,
		`{"token":"sqlsage/1","value":{"kind":"report","message":"1/3 files","percentage":33}}`,
		`{"token":"sqlsage/1","value":{"kind":"report","message":"2/3 files","percentage":66}}`,
		`{"token":"sqlsage/1","value":{"kind":"report","message":"3/3 files","percentage":100}}`,
		`{"token":"sqlsage/1","value":{"kind":"end","message":"3 files loaded"}}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("progress:\n got %q\nwant %q", got, want)
	}
	c.shutdown()
}

// TestNoProgressWithoutTheCapability checks that a client that does not
// declare window.workDoneProgress gets no progress.
func TestNoProgressWithoutTheCapability(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "001_users.sql", "CREATE TABLE users (id int);\n")
	c := startServer(t, Options{Engine: defaultEngine(t)})
	c.initialize(string(uri.File(dir)))
	query := string(uri.File(filepath.Join(dir, "query.sql")))
	c.open(query, 1, "SELECT tables;")
	c.await("the loaded model", func(p protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) == 1 && p.Diagnostics[0].Message == "tables: users"
	})
	c.shutdown()
	if n := len(c.messages(protocol.MethodWorkDoneProgressCreate)) + len(c.messages(protocol.MethodProgress)) + len(c.messages(protocol.MethodClientRegisterCapability)); n != 0 {
		t.Errorf("%d progress or registration messages to a client that supports neither", n)
	}
}

// TestDiskJobPanicKeepsServing makes the workspace load panic: the panic
// is logged, and the disk jobs after it still run.
func TestDiskJobPanicKeepsServing(t *testing.T) {
	dir := t.TempDir()
	users := writeFile(t, dir, "001_users.sql", "CREATE TABLE users (id int);\n")
	c := startServer(t, Options{Engine: defaultEngine(t), loadHook: func(string) { panic("the disk exploded") }})
	mark := c.markMessages()
	c.initializeWith(string(uri.File(dir)), map[string]any{"window": map[string]any{"workDoneProgress": true}})
	c.logs.await(t, "disk job panicked")
	// The progress ends all the same.
	end := c.awaitMessage(mark, protocol.MethodProgress, func(raw json.RawMessage) bool {
		var p progressValue
		return json.Unmarshal(raw, &p) == nil && p.Value.Kind == "end"
	})
	if got, want := string(end.params), `{"token":"sqlsage/1","value":{"kind":"end","message":"cancelled"}}`; got != want {
		t.Errorf("progress end %s, want %s", got, want)
	}
	query := string(uri.File(filepath.Join(dir, "query.sql")))
	c.open(query, 1, "SELECT tables;")
	if got, want := summarize(c.awaitVersion(query, 1).Diagnostics), []string{"test-model 0:7-0:13 3 tables: "}; !slices.Equal(got, want) {
		t.Fatalf("after the failed load: %q, want %q", got, want)
	}
	mark = c.mark()
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{
		Changes: []*protocol.FileEvent{{URI: protocol.DocumentURI(users), Type: protocol.FileChangeTypeChanged}}})
	p := c.awaitAfter(mark, "the model with 001", func(p protocol.PublishDiagnosticsParams) bool { return string(p.URI) == query }).params
	if got, want := summarize(p.Diagnostics), []string{"test-model 0:7-0:13 3 tables: users"}; !slices.Equal(got, want) {
		t.Errorf("after a change of 001 on disk: %q, want %q", got, want)
	}
	c.shutdown()
}
