package lspclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

// SyncKind is the server's TextDocumentSyncKind for didChange.
type SyncKind int

// The TextDocumentSyncKind values.
const (
	SyncNone        SyncKind = 0
	SyncFull        SyncKind = 1
	SyncIncremental SyncKind = 2
)

func (k SyncKind) String() string {
	switch k {
	case SyncNone:
		return "none"
	case SyncFull:
		return "full"
	case SyncIncremental:
		return "incremental"
	}
	return fmt.Sprintf("SyncKind(%d)", int(k))
}

// A Server is a language server process with a client on its stdio.
type Server struct {
	*Client
	cmd    *exec.Cmd
	stdin  *os.File
	stdout *os.File
	stderr *tail
	waited chan struct{} // closed when cmd.Wait returns
}

// Start starts cmd, which must not have its stdin, stdout or stderr set,
// and connects a client to it. The server's stderr is kept (its end) for
// error messages.
func Start(cmd *exec.Cmd) (*Server, error) {
	// Plain pipes, not StdinPipe/StdoutPipe: Wait must not depend on the
	// server's stdout reaching EOF, which a daemon it spawned may delay.
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	s := &Server{cmd: cmd, stdin: inW, stdout: outR, stderr: &tail{max: 4 << 10}, waited: make(chan struct{})}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, s.stderr
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("starting %s: %w", cmd.Path, err)
	}
	s.Client = New(outR, inW)
	go func() {
		_ = cmd.Wait() // the exit status is in cmd.ProcessState
		close(s.waited)
	}()
	return s, nil
}

// Pid is the server's process ID.
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Stderr returns the end of what the server wrote to stderr.
func (s *Server) Stderr() string { return s.stderr.String() }

// Capabilities are the parts of the server's capabilities a benchmark
// needs.
type Capabilities struct {
	// Sync is how the server wants didChange sent.
	Sync SyncKind
	// Pull reports that the server offers textDocument/diagnostic
	// (diagnosticProvider); such a server may publish nothing.
	Pull bool
}

// Initialize sends initialize, with rootDir as the workspace, then
// initialized. The client declares no pull-diagnostics support, so a
// server that can do both publishes.
func (s *Server) Initialize(ctx context.Context, rootDir string) (Capabilities, error) {
	root := FileURI(rootDir)
	params := map[string]any{
		"processId":        os.Getpid(),
		"clientInfo":       map[string]any{"name": "sqlsage-bench"},
		"rootUri":          root,
		"rootPath":         rootDir,
		"workspaceFolders": []any{map[string]any{"uri": root, "name": "bench"}},
		"capabilities": map[string]any{
			"textDocument": map[string]any{
				"synchronization":    map[string]any{"dynamicRegistration": false},
				"publishDiagnostics": map[string]any{"versionSupport": true},
			},
		},
	}
	var result struct {
		Capabilities struct {
			TextDocumentSync   json.RawMessage `json:"textDocumentSync"`
			DiagnosticProvider json.RawMessage `json:"diagnosticProvider"`
		} `json:"capabilities"`
	}
	if err := s.Call(ctx, "initialize", params, &result); err != nil {
		return Capabilities{}, err
	}
	if err := s.Notify("initialized", map[string]any{}); err != nil {
		return Capabilities{}, err
	}
	dp := string(result.Capabilities.DiagnosticProvider)
	return Capabilities{
		Sync: parseSync(result.Capabilities.TextDocumentSync),
		Pull: dp != "" && dp != "null" && dp != "false",
	}, nil
}

// parseSync reads textDocumentSync, a number or an object with change.
func parseSync(raw json.RawMessage) SyncKind {
	var n int
	if json.Unmarshal(raw, &n) == nil {
		return SyncKind(n)
	}
	var o struct {
		Change int `json:"change"`
	}
	if json.Unmarshal(raw, &o) == nil {
		return SyncKind(o.Change)
	}
	return SyncNone
}

// Shutdown asks the server to shut down and exit, waits for the process
// (killing it when it has not exited by ctx's deadline) and returns its
// final state.
func (s *Server) Shutdown(ctx context.Context) (*os.ProcessState, error) {
	var err error
	select {
	case <-s.waited:
	default:
		if err = s.Call(ctx, "shutdown", nil, nil); err == nil {
			err = s.Notify("exit", nil)
		}
	}
	s.stdin.Close()
	select {
	case <-s.waited:
	case <-ctx.Done():
		_ = s.cmd.Process.Kill()
		<-s.waited
		err = errors.Join(err, fmt.Errorf("server did not exit: %w", ctx.Err()))
	}
	s.stdout.Close()
	return s.cmd.ProcessState, err
}

// Kill ends the server at once.
func (s *Server) Kill() {
	_ = s.cmd.Process.Kill()
	<-s.waited
	s.stdin.Close()
	s.stdout.Close()
}

// FileURI turns an absolute path into a file:// URI.
func FileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// tail is an io.Writer that keeps the last max bytes written to it.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
