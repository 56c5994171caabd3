package lspclient

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// buildSqlsage builds the module's sqlsage command into a temporary folder.
func buildSqlsage(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not found; cannot build sqlsage")
	}
	bin := filepath.Join(t.TempDir(), "sqlsage")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/sqlsage/sqlsage/cmd/sqlsage").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/sqlsage: %v\n%s", err, out)
	}
	return bin
}

// TestSqlsageServe drives the real sqlsage serve: the client gets back the
// diagnostics of exactly the versions it sent, then the server shuts down
// cleanly.
func TestSqlsageServe(t *testing.T) {
	t.Parallel()
	bin := buildSqlsage(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "a.sql")
	text := "CREATE TABLE orders (\n  id bigint PRIMARY KEY,\n  total_amount float8\n);\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	cmd := exec.Command(bin, "serve", "--debounce", "0")
	cmd.Dir = dir
	srv, err := Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Kill()
	caps, err := srv.Initialize(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if caps.Sync != SyncIncremental || caps.Pull {
		t.Errorf("capabilities = %+v, want incremental sync and push diagnostics", caps)
	}
	uri := FileURI(path)
	since := time.Now()
	err = srv.Notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "sql", "version": 1, "text": text},
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := srv.NextDiagnostics(ctx, uri, 1, since)
	if err != nil {
		t.Fatal(err)
	}
	if p.Version == nil || *p.Version != 1 || p.Count == 0 || p.At.Before(since) {
		t.Errorf("after didOpen: %+v, want version 1 with the money-float diagnostic", p)
	}
	for version := int32(2); version <= 4; version++ {
		at := map[string]any{"line": 1, "character": 4}
		since := time.Now()
		err := srv.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": at, "end": at}, "text": "x"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		p, err := srv.NextDiagnostics(ctx, uri, version, since)
		if err != nil {
			t.Fatal(err)
		}
		if p.Version == nil || *p.Version != version || p.URI != uri {
			t.Errorf("after didChange %d: got %+v", version, p)
		}
	}
	state, err := srv.Shutdown(ctx)
	if err != nil {
		t.Fatalf("Shutdown: %v (stderr: %s)", err, srv.Stderr())
	}
	if state.ExitCode() != 0 {
		t.Errorf("sqlsage serve exited with %v after shutdown and exit, want 0", state)
	}
}

// TestServerRequestsAnswered checks that a request from the server gets a
// reply, so that a server waiting on its client cannot stall a benchmark.
func TestServerRequestsAnswered(t *testing.T) {
	t.Parallel()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	defer serverOut.Close() // ends the client's reader
	New(clientIn, clientOut)
	if err := WriteMessage(serverOut, map[string]any{
		"jsonrpc": "2.0", "id": 7, "method": "workspace/configuration",
		"params": map[string]any{"items": []any{map[string]any{}, map[string]any{}}},
	}); err != nil {
		t.Fatal(err)
	}
	body, err := ReadMessage(bufio.NewReader(serverIn))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":7,"jsonrpc":"2.0","result":[null,null]}`; string(body) != want {
		t.Errorf("reply = %s, want %s", body, want)
	}
}
