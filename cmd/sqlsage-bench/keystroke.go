package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sqlsage/sqlsage/cmd/sqlsage-bench/internal/lspclient"
)

// maxTimeouts is how many edits in a row may go unanswered before the
// benchmark gives up on a server.
const maxTimeouts = 3

// A keystrokeResult is one server's keystroke-to-diagnostics timing.
type keystrokeResult struct {
	latencies []time.Duration // sorted; answered edits only
	timeouts  int             // edits answered by no diagnostics within the timeout
	sent      int             // edits sent
	open      time.Duration   // didOpen to the first diagnostics
	caps      lspclient.Capabilities
	count     int   // diagnostics in the last notification
	peakKB    int64 // the server's (and its helpers') peak resident set, in KiB
}

// median is the middle latency.
func (r keystrokeResult) median() time.Duration { return r.latencies[len(r.latencies)/2] }

// p99 is the 99th percentile latency.
func (r keystrokeResult) p99() time.Duration { return r.latencies[len(r.latencies)*99/100] }

// keystrokeOptions configure measureKeystrokes.
type keystrokeOptions struct {
	keys        int           // edits to time
	editTimeout time.Duration // wait for the diagnostics of one edit
	openTimeout time.Duration // wait for initialize and the first diagnostics
	env         []string
}

// measureKeystrokes starts the tool's language server in file's folder,
// opens file and types keys characters into a column name in the middle
// of it, one at a time, timing each from the didChange to the
// publishDiagnostics that follows it.
func measureKeystrokes(ctx context.Context, t tool, file string, opt keystrokeOptions) (keystrokeResult, error) {
	text, err := os.ReadFile(file)
	if err != nil {
		return keystrokeResult{}, fmt.Errorf("reading %s: %w", file, err)
	}
	doc := newDocument(string(text))
	line, col, err := doc.typingPoint()
	if err != nil {
		return keystrokeResult{}, fmt.Errorf("%s: %w", file, err)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return keystrokeResult{}, fmt.Errorf("locating %s: %w", file, err)
	}
	cmd := exec.Command(t.path, t.serve...)
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = opt.env
	srv, err := lspclient.Start(cmd)
	if err != nil {
		return keystrokeResult{}, err
	}
	r, err := typeInto(ctx, srv, doc, abs, line, col, opt)
	if err != nil {
		srv.Kill()
		if s := lastLine(srv.Stderr()); s != "" {
			err = fmt.Errorf("%w (stderr: %s)", err, s)
		}
		return keystrokeResult{}, fmt.Errorf("%s: %w", t.name, err)
	}
	r.peakKB = treePeakKB(srv.Pid())
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	state, err := srv.Shutdown(sctx)
	if state != nil {
		r.peakKB = max(r.peakKB, peakRSS(state))
	}
	if err != nil {
		return r, fmt.Errorf("%s: shutting down: %w", t.name, err)
	}
	return r, nil
}

// typeInto runs the session: initialize, open, then the timed edits.
func typeInto(ctx context.Context, srv *lspclient.Server, doc *document, path string, line, col int, opt keystrokeOptions) (keystrokeResult, error) {
	var r keystrokeResult
	ictx, cancel := context.WithTimeout(ctx, opt.openTimeout)
	defer cancel()
	caps, err := srv.Initialize(ictx, filepath.Dir(path))
	if err != nil {
		return r, err
	}
	if caps.Sync != lspclient.SyncFull && caps.Sync != lspclient.SyncIncremental {
		return r, fmt.Errorf("server does not accept document changes (textDocumentSync %v)", caps.Sync)
	}
	r.caps = caps
	uri := lspclient.FileURI(path)
	// diagnostics waits for the answer to the change that made version:
	// the publishDiagnostics that follows it, or for a server that only
	// answers pulls (squawk), the reply to textDocument/diagnostic sent
	// right after the change, as an editor does.
	diagnostics := func(ctx context.Context, version int32, since time.Time) (lspclient.Published, error) {
		if caps.Pull {
			return srv.PullDiagnostics(ctx, uri)
		}
		return srv.NextDiagnostics(ctx, uri, version, since)
	}
	start := time.Now()
	err = srv.Notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "sql", "version": 1, "text": doc.String()},
	})
	if err != nil {
		return r, err
	}
	p, err := diagnostics(ictx, 1, start)
	if err != nil {
		return r, fmt.Errorf("no diagnostics after opening the file: %w", err)
	}
	r.open, r.count = p.At.Sub(start), p.Count

	inRow := 0
	for i := range opt.keys {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		version := int32(i + 2)
		change := doc.insert(line, col+i, "x")
		if caps.Sync == lspclient.SyncFull {
			change = map[string]any{"text": doc.String()}
		}
		start := time.Now()
		err := srv.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{change},
		})
		if err != nil {
			return r, err
		}
		r.sent++
		ectx, cancel := context.WithTimeout(ctx, opt.editTimeout)
		p, err := diagnostics(ectx, version, start)
		cancel()
		switch {
		case err == nil:
			r.latencies = append(r.latencies, p.At.Sub(start))
			r.count = p.Count
			inRow = 0
		case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
			r.timeouts++
			if inRow++; inRow == maxTimeouts {
				slices.Sort(r.latencies)
				return r, nil
			}
		default:
			return r, err
		}
	}
	slices.Sort(r.latencies)
	return r, nil
}

// A document is the client's copy of the text, as lines, kept in step
// with the edits sent.
type document struct {
	lines []string // without their "\n"
}

func newDocument(text string) *document {
	return &document{lines: strings.Split(text, "\n")}
}

func (d *document) String() string { return strings.Join(d.lines, "\n") }

// typingPoint is where the edits go: just after "name" in the first
// "  name text" column definition past the middle of the file (ASCII, so
// byte and UTF-16 columns agree).
func (d *document) typingPoint() (line, col int, err error) {
	for i := len(d.lines) / 2; i < len(d.lines); i++ {
		if strings.HasPrefix(d.lines[i], "  name text") {
			return i, len("  name"), nil
		}
	}
	return 0, 0, errors.New(`no "  name text" line in the second half`)
}

// insert inserts s at line and col (ASCII columns) and returns the
// incremental change that says so.
func (d *document) insert(line, col int, s string) map[string]any {
	l := d.lines[line]
	d.lines[line] = l[:col] + s + l[col:]
	at := map[string]any{"line": line, "character": col}
	return map[string]any{"range": map[string]any{"start": at, "end": at}, "text": s}
}
