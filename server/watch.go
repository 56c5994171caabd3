package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/config"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// clientRequestTimeout bounds a request the server sends the client
// (registering watchers, creating a progress token, asking it to pull
// diagnostics again).
const clientRequestTimeout = 10 * time.Second

// watcherRegistrationID names the file watchers the server registers.
const watcherRegistrationID = "sqlsage-watch"

// watchedGlobs are the files the client watches for the server: the
// configuration files and the .sql files of the workspace.
var watchedGlobs = []string{"**/" + config.FileName, "**/*.sql"}

// registerWatchers asks the client, in the background, to report changes
// of the configuration files and .sql files on disk
// (workspace/didChangeWatchedFiles).
func (s *server) registerWatchers() {
	s.spawn(func() {
		watchers := make([]protocol.FileSystemWatcher, len(watchedGlobs))
		for i, g := range watchedGlobs {
			watchers[i] = protocol.FileSystemWatcher{GlobPattern: g}
		}
		params := &protocol.RegistrationParams{Registrations: []protocol.Registration{{
			ID:              watcherRegistrationID,
			Method:          protocol.MethodWorkspaceDidChangeWatchedFiles,
			RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers},
		}}}
		ctx, cancel := context.WithTimeout(s.ctx, clientRequestTimeout)
		defer cancel()
		if _, err := s.conn.Call(ctx, protocol.MethodClientRegisterCapability, params, nil); err != nil && s.ctx.Err() == nil {
			s.log.Warn("the client did not register the file watchers", "error", err)
		}
	})
}

// A diskQueue runs the jobs that read the disk (the workspace load, file
// changes, configuration reloads) one at a time, in the order they were
// asked for, on a background goroutine: a handler only enqueues, and a
// later change can never be overtaken by an earlier one.
type diskQueue struct {
	mu      sync.Mutex // guards the fields below
	jobs    []func(ctx context.Context)
	running bool
}

// enqueue adds job to the queue, starting its goroutine if it is idle.
func (q *diskQueue) enqueue(s *server, job func(ctx context.Context)) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, job)
	if q.running {
		return
	}
	q.running = s.spawn(func() {
		for {
			q.mu.Lock()
			if len(q.jobs) == 0 || s.ctx.Err() != nil {
				q.jobs, q.running = nil, false
				q.mu.Unlock()
				return
			}
			job := q.jobs[0]
			q.jobs = q.jobs[1:]
			q.mu.Unlock()
			s.runJob(job)
		}
	})
}

// runJob runs a disk job, recovering (and logging) a panic so that the
// jobs after it still run.
func (s *server) runJob(job func(ctx context.Context)) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("disk job panicked", "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	job(s.ctx)
}

// DidChangeWatchedFiles takes changes of files on disk. A .sql file of
// the workspace that is not open replaces its earlier contents in the
// snapshot (re-read from disk), or leaves it when deleted; an open one
// is left alone, since its buffer is what counts. A change of a
// configuration file reloads the configuration. The disk is read by the
// disk queue, not here.
func (s *server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	var events []protocol.FileEvent
	for _, e := range params.Changes {
		if e != nil {
			events = append(events, *e)
		}
	}
	if len(events) > 0 {
		s.disk.enqueue(s, func(ctx context.Context) { s.applyFileEvents(ctx, events) })
	}
	return nil
}

// applyFileEvents is the disk job of DidChangeWatchedFiles.
func (s *server) applyFileEvents(ctx context.Context, events []protocol.FileEvent) {
	reload := false
	var add []*source.File
	var remove []string
	for _, e := range events {
		if ctx.Err() != nil {
			return
		}
		path, ok := uriPath(string(e.URI))
		if !ok {
			continue
		}
		if filepath.Base(path) == config.FileName {
			reload = true
			continue
		}
		if !workspace.IsSQL(path) || !s.inWorkspace(path) {
			continue
		}
		u := pathURI(path)
		if e.Type == protocol.FileChangeTypeDeleted {
			remove = append(remove, u)
			continue
		}
		f, err := workspace.ReadFile(path, u)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			remove = append(remove, u) // deleted again since
		case err != nil:
			s.log.Warn("cannot read a changed workspace file", "path", path, "error", err)
		default:
			add = append(add, f)
		}
	}
	if len(add)+len(remove) > 0 {
		s.mu.Lock()
		changed := false
		snap := s.snap
		for _, f := range add {
			if !s.open[f.URI] {
				if old := snap.File(f.URI); old == nil || old.Text != f.Text {
					snap, changed = snap.With(f), true
				}
			}
		}
		for _, u := range remove {
			if !s.open[u] && snap.File(u) != nil {
				snap, changed = snap.Without(u), true
			}
		}
		s.snap = snap
		s.mu.Unlock()
		if changed {
			s.log.Info("workspace files changed on disk", "changed", len(add), "deleted", len(remove))
			s.invalidate("", s.opts.Debounce)
		}
	}
	if reload {
		s.reloadConfig()
	}
}

// inWorkspace reports whether path is a file the workspace load would
// read: under a workspace root, and not in a folder it skips (hidden
// folders, node_modules, vendor: workspace.FindSQL's rule).
func (s *server) inWorkspace(path string) bool {
	root, ok := s.rootOf(path)
	if !ok {
		return false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false
	}
	dirs := strings.Split(filepath.ToSlash(filepath.Dir(rel)), "/")
	for _, d := range dirs {
		if d == "node_modules" || d == "vendor" || (strings.HasPrefix(d, ".") && d != ".") {
			return false
		}
	}
	return true
}

// loadWorkspace reads every .sql file under roots, parses each (filling
// the statement cache, so that the first analysis against the full model
// is fast), then adds those the editor does not have open to the
// snapshot (its buffers win) and re-analyses the open documents against
// the fuller model. Open documents do not wait for it: each is analysed
// as soon as it is opened, against what the snapshot holds then. When the
// client supports it, the load reports its progress.
func (s *server) loadWorkspace(ctx context.Context, roots []string) {
	ctx, cancel := context.WithTimeout(ctx, workspaceLoadTimeout)
	defer cancel()
	start := time.Now()
	prog := s.startProgress(ctx, "sqlsage: loading the workspace", "searching for .sql files")
	defer prog.end("cancelled") // unless ended below: cancelled, shut down, or panicked
	var paths []string
	for _, root := range roots {
		found, err := workspace.FindSQL(ctx, root)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Warn("cannot search workspace folder", "root", root, "error", err)
			}
			continue
		}
		paths = append(paths, found...)
	}
	var files []*source.File
	for i, p := range paths {
		if ctx.Err() != nil {
			return
		}
		if s.opts.loadHook != nil {
			s.opts.loadHook(p)
		}
		f, err := workspace.ReadFile(p, pathURI(p))
		if err != nil {
			s.log.Warn("cannot read workspace file", "path", p, "error", err)
		} else {
			if _, err := workspace.New(s.parser, f).Parsed(ctx, f.URI); err != nil && ctx.Err() == nil {
				s.log.Warn("cannot parse workspace file", "path", p, "error", err)
			}
			files = append(files, f)
		}
		prog.report(i+1, len(paths))
	}
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	if s.state != running {
		s.mu.Unlock()
		return
	}
	var add []*source.File
	for _, f := range files {
		if !s.open[f.URI] {
			add = append(add, f)
		}
	}
	s.snap = s.snap.With(add...)
	s.mu.Unlock()
	s.log.Info("workspace loaded", "files", len(files), "elapsed", time.Since(start).Round(time.Millisecond))
	// The re-analyses are asked for before the progress ends, so that a
	// client sees the end only once they are on their way.
	s.invalidate("", s.opts.Debounce)
	prog.end(loadedMessage(len(files)))
}

// loadedMessage is the progress's last message.
func loadedMessage(n int) string {
	if n == 1 {
		return "1 file loaded"
	}
	return strconv.Itoa(n) + " files loaded"
}
