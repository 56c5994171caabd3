package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// DefaultDebounce is the quiet period after an edit before its document
// is analysed, when Options.Debounce is zero. A burst of keystrokes costs
// one analysis; a lone keystroke still gets diagnostics well within 50 ms.
const DefaultDebounce = 30 * time.Millisecond

// workspaceLoadTimeout bounds the initial scan of the workspace roots.
const workspaceLoadTimeout = 2 * time.Minute

// inflightTimeout bounds how long Serve, once the stream has ended, waits
// for the messages already read to be handled.
const inflightTimeout = 5 * time.Second

// Options configure Serve.
type Options struct {
	// Engine runs the rules; required.
	Engine *diagnostics.Engine
	// Logger receives the server's own log (never the protocol stream).
	// Nil discards it.
	Logger *slog.Logger
	// Debounce is the quiet period after an edit before analysis; zero
	// means DefaultDebounce and a negative value means none.
	Debounce time.Duration
	// Version is reported to the client as serverInfo.version.
	Version string
	// Config is the rule policy used where no .sqlsage.toml is found in
	// force for a workspace folder; a configuration file replaces it (as
	// it replaces the defaults in sqlsage check), and the client's
	// settings (workspace/didChangeConfiguration) override both.
	Config diagnostics.Config

	// loadHook, when set, is called before each file of the workspace is
	// read at start-up: tests use it to hold the load back.
	loadHook func(path string)
}

// Serve runs a language server over rwc, framed with Content-Length
// headers, until the client sends exit, the stream ends or ctx is
// cancelled. It returns nil after a shutdown request followed by exit
// (or by the end of the stream), and an error otherwise, so that a
// binary can exit with status 1 as the LSP specification asks.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Engine == nil {
		return errors.New("server: Options.Engine is nil")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	switch {
	case opts.Debounce == 0:
		opts.Debounce = DefaultDebounce
	case opts.Debounce < 0:
		opts.Debounce = 0
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := lenientStream{Stream: jsonrpc2.NewStream(rwc), log: opts.Logger, w: rwc, mu: new(sync.Mutex)}
	conn := jsonrpc2.NewConn(stream)
	s := newServer(ctx, conn, stream.writeFrame, opts)
	conn.Go(ctx, s.handler())

	var err error
	select {
	case <-s.exited:
		err = s.exitError()
		s.inflight.wait(inflightTimeout, s.log) // replies still being written
	case <-conn.Done():
		// The client may write its last messages (shutdown, exit) and
		// close the stream at once: serve what was read before deciding.
		s.inflight.wait(inflightTimeout, s.log)
		select {
		case <-s.exited:
			err = s.exitError()
		default:
			if s.lifecycle() != shutDown {
				err = fmt.Errorf("connection closed before shutdown: %w", conn.Err())
			}
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	cancel()
	s.sched.stop()
	s.stopBackground()
	// Closing the stream does not wait for the reader: a blocking read of
	// a process's stdin cannot be interrupted, and the process is about to
	// exit anyway.
	_ = conn.Close()
	return err
}

// A counter counts work in progress and lets one wait until there is
// none. Unlike sync.WaitGroup, it may go up again while someone waits
// (a client may keep writing after exit).
type counter struct {
	mu   sync.Mutex    // guards the fields below
	n    int           // work in progress
	idle chan struct{} // closed when n drops to 0; nil while n is 0
}

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == 0 {
		c.idle = make(chan struct{})
	}
	c.n++
}

func (c *counter) done() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
	if c.n == 0 {
		close(c.idle)
		c.idle = nil
	}
}

// wait returns when nothing is in progress, or after timeout (logged).
func (c *counter) wait(timeout time.Duration, log *slog.Logger) {
	c.mu.Lock()
	idle := c.idle
	c.mu.Unlock()
	if idle == nil {
		return
	}
	select {
	case <-idle:
	case <-time.After(timeout):
		log.Warn("messages still being handled when the server stopped", "waited", timeout)
	}
}

// state is the server's place in the LSP lifecycle.
type state int

const (
	uninitialized state = iota // before initialize: only initialize and exit are served
	running                    // after initialize
	shutDown                   // after shutdown: only exit is served
)

// server implements protocol.Server over one connection.
type server struct {
	opts Options
	log  *slog.Logger
	conn jsonrpc2.Conn
	// frames writes a message already encoded as JSON, beside conn (see
	// lenientStream.writeFrame).
	frames func(body []byte) error
	// encoded holds the JSON of recently published diagnostics; guarded
	// by pubMu.
	encoded diagnosticJSON
	ctx     context.Context // connection-scoped; cancelled when Serve returns
	parser  *syntax.Parser
	sched   *scheduler
	disk    diskQueue // jobs that read the disk, in order

	bgMu       sync.Mutex     // guards bgStopped, and background's Add against its Wait
	bgStopped  bool           // no background goroutine may start any more
	background sync.WaitGroup // goroutines other than the scheduler's (disk jobs, requests to the client)

	inflight    counter       // messages read but not replied to yet
	progressSeq atomic.Int64  // numbers the progress tokens the server creates
	exited      chan struct{} // closed by the exit notification
	exitOnce    sync.Once

	// pubMu makes "is this still the latest version?" and the publication
	// that follows one step, so an old result can never be published after
	// a newer one. Lock order: pubMu, then mu.
	pubMu sync.Mutex

	mu        sync.Mutex // guards the fields below
	state     state
	exitErr   error
	caps      clientCaps // what the client supports, from initialize
	snap      *workspace.Snapshot
	open      map[string]bool      // URIs of SQL documents open in the editor
	published map[string]published // last published (or pulled) diagnostics of each open document
	pulled    map[string]pulled    // last diagnostics answered to textDocument/diagnostic, by URI
	roots     []string             // workspace folders, as file system paths
	config    configState          // configuration files, client settings and their errors
}

// published records the diagnostics last computed for one document
// version, in one snapshot, under one configuration.
type published struct {
	snap  *workspace.Snapshot // the snapshot analysed: the document's other files count too
	file  *source.File        // the exact version analysed
	gen   int                 // the configuration generation (configState.gen) analysed under
	diags []diagnostics.Diagnostic
	// result is the analysis behind diags: the next analysis of the
	// document starts from it (see diagnostics.Engine.AnalyzeFrom).
	result *diagnostics.Result
}

func newServer(ctx context.Context, conn jsonrpc2.Conn, frames func([]byte) error, opts Options) *server {
	parser := syntax.NewParser(0)
	s := &server{
		opts:      opts,
		log:       opts.Logger,
		conn:      conn,
		frames:    frames,
		ctx:       ctx,
		parser:    parser,
		exited:    make(chan struct{}),
		snap:      workspace.New(parser),
		open:      make(map[string]bool),
		published: make(map[string]published),
		pulled:    make(map[string]pulled),
		config:    newConfigState(),
	}
	s.sched = newScheduler(ctx, s.analyze)
	return s
}

var _ protocol.Server = (*server)(nil)

func (s *server) lifecycle() state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

func (s *server) exitError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exitErr
}

// codeActionKindFixAll is the kind of the action that applies every safe fix.
const codeActionKindFixAll protocol.CodeActionKind = "source.fixAll.sqlsage"

// Initialize records the workspace roots and the client's capabilities,
// reads the configuration files in force for the roots, and answers the
// server's capabilities: only what is implemented. (dispatch adds the
// 3.17 diagnosticProvider when the client pulls diagnostics.)
func (s *server) Initialize(ctx context.Context, params *protocol.InitializeParams) (*protocol.InitializeResult, error) {
	var roots []string
	for _, f := range params.WorkspaceFolders {
		if p, ok := uriPath(f.URI); ok {
			roots = append(roots, p)
		}
	}
	//lint:ignore SA1019 clients without workspace folders (Neovim 0.7, older eglot) send only rootUri or rootPath
	rootURI, rootPath := string(params.RootURI), params.RootPath
	if len(roots) == 0 && rootURI != "" {
		if p, ok := uriPath(rootURI); ok {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 && rootPath != "" {
		roots = append(roots, rootPath)
	}
	s.mu.Lock()
	s.state = running
	s.roots = roots
	s.mu.Unlock()
	s.log.Info("initialize", "roots", roots, "client", clientName(params.ClientInfo))
	s.reloadConfig()

	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
				Save:      &protocol.SaveOptions{IncludeText: false},
			},
			CompletionProvider: &protocol.CompletionOptions{TriggerCharacters: completionTriggers},
			HoverProvider:      true,
			DefinitionProvider: true,
			ReferencesProvider: true,
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix, codeActionKindFixAll},
			},
			DocumentSymbolProvider: true,
		},
		ServerInfo: &protocol.ServerInfo{Name: "sqlsage", Version: s.opts.Version},
	}, nil
}

// initializeReply wraps initialize's reply so that the result declares
// the 3.17 capabilities protocol v0.12.0 cannot express: pull diagnostics
// when the client pulls them.
func (s *server) initializeReply(reply jsonrpc2.Replier) jsonrpc2.Replier {
	return func(ctx context.Context, result any, err error) error {
		res, ok := result.(*protocol.InitializeResult)
		if err != nil || !ok || res == nil {
			return reply(ctx, result, err)
		}
		out := initializeResult{Capabilities: serverCapabilities{ServerCapabilities: res.Capabilities}, ServerInfo: res.ServerInfo}
		if s.clientCaps().pull {
			out.Capabilities.DiagnosticProvider = &diagnosticOptions{Identifier: "sqlsage", InterFileDependencies: true}
		}
		return reply(ctx, out, nil)
	}
}

func clientName(ci *protocol.ClientInfo) string {
	if ci == nil {
		return ""
	}
	return strings.TrimSpace(ci.Name + " " + ci.Version)
}

// clientCaps returns what the client declared it supports.
func (s *server) clientCaps() clientCaps {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.caps
}

// Initialized asks the client to watch the workspace's .sql files and
// configuration files for us (when it can register watchers
// dynamically), and starts loading the workspace's .sql files from disk
// in the background.
func (s *server) Initialized(ctx context.Context, params *protocol.InitializedParams) error {
	s.mu.Lock()
	roots, caps := s.roots, s.caps
	s.mu.Unlock()
	if caps.watchRegistration {
		s.registerWatchers()
	}
	if len(roots) > 0 {
		s.disk.enqueue(s, func(ctx context.Context) { s.loadWorkspace(ctx, roots) })
	}
	return nil
}

// Shutdown stops all analysis; the server then answers only exit.
func (s *server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.state = shutDown
	s.mu.Unlock()
	s.sched.stop()
	return nil
}

// Exit ends Serve: with nil after shutdown, with an error before it.
func (s *server) Exit(ctx context.Context) error {
	s.mu.Lock()
	if s.state != shutDown {
		s.exitErr = errors.New("exit notification received before shutdown")
	}
	s.mu.Unlock()
	s.exitOnce.Do(func() { close(s.exited) })
	return nil
}

// Request receives every method protocol.ServerHandler does not know:
// textDocument/diagnostic (LSP 3.17) is answered, other requests get
// MethodNotFound, notifications (such as "$/…" ones) are ignored silently.
func (s *server) Request(ctx context.Context, method string, params any) (any, error) {
	if !isCall(ctx) {
		return nil, nil
	}
	if method == methodDocumentDiagnostic {
		return s.documentDiagnostic(ctx, params)
	}
	return nil, methodNotFound(method)
}

// methodNotFound is the answer to a request sqlsage does not implement.
func methodNotFound(method string) error {
	return jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
}

// uriPath returns the file system path of a file:// URI.
func uriPath(u string) (string, bool) {
	parsed, err := uri.Parse(u)
	if err != nil || !parsed.IsFile() {
		return "", false
	}
	return parsed.FsPath(), true
}

// pathURI returns the file:// URI of a file system path.
func pathURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return string(uri.File(path))
}

// rootOf returns the workspace root that holds path (the deepest one, when
// roots nest) and true, or "" and false when none does.
func (s *server) rootOf(path string) (string, bool) {
	s.mu.Lock()
	roots := s.roots
	s.mu.Unlock()
	return rootOf(roots, path)
}

// rootOf returns the root of roots that holds path, the deepest one.
func rootOf(roots []string, path string) (string, bool) {
	best, found := "", false
	for _, r := range roots {
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			if !found || len(r) > len(best) {
				best, found = r, true
			}
		}
	}
	return best, found
}

// spawn runs f on a background goroutine that Serve waits for, unless
// Serve is already stopping; it reports whether f was started. A panic in
// f is logged, not fatal.
func (s *server) spawn(f func()) bool {
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	if s.bgStopped {
		return false
	}
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("background work panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			}
		}()
		f()
	}()
	return true
}

// stopBackground refuses new background goroutines and waits for those
// running; the connection's context is cancelled by then.
func (s *server) stopBackground() {
	s.bgMu.Lock()
	s.bgStopped = true
	s.bgMu.Unlock()
	s.background.Wait()
}
