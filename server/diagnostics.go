package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// analyze is the scheduler's job: it analyses the current snapshot's
// version of the open document uri and publishes the result if that
// version is still the latest when the analysis ends. Cancellation is
// silence: nothing is logged and nothing published.
func (s *server) analyze(ctx context.Context, uri string) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("analysis panicked", "uri", uri, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	s.mu.Lock()
	snap, open, prev := s.snap, s.open[uri], s.published[uri].result
	cfg, gen := s.configForLocked(uri), s.config.gen
	s.mu.Unlock()
	f := snap.File(uri)
	if !open || f == nil {
		return
	}
	res, err := s.opts.Engine.AnalyzeFrom(ctx, snap, uri, cfg, prev)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("analysis failed", "uri", uri, "version", f.Version, "error", err)
		}
		return
	}
	s.publish(ctx, snap, f, gen, res)
}

// publish sends diags for version f of its document, found under the
// configuration of generation gen, and records them for code actions and
// hover, unless f is no longer the document's latest version, the
// configuration has changed since or ctx was cancelled. Empty lists are
// published too, so that the editor clears what an earlier version
// reported.
func (s *server) publish(ctx context.Context, snap *workspace.Snapshot, f *source.File, gen int, res *diagnostics.Result) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	diags := res.Diagnostics
	s.mu.Lock()
	latest := s.open[f.URI] && s.snap.File(f.URI) == f && s.config.gen == gen && ctx.Err() == nil
	if latest {
		s.published[f.URI] = published{snap: snap, file: f, gen: gen, diags: diags, result: res}
	}
	pull := s.caps.pull
	s.mu.Unlock()
	if !latest || pull {
		return
	}
	if err := s.frames(s.publication(snap, f, diags)); err != nil && s.ctx.Err() == nil {
		s.log.Error("cannot publish diagnostics", "uri", f.URI, "version", f.Version, "error", err)
	}
}

// publication returns the JSON-RPC message that publishes diags for
// version f of its document: what conn.Notify would send, written
// directly, each diagnostic's JSON taken from s.encoded when the same
// diagnostic (rule, message, severity, range) was published recently.
// A keystroke changes a few diagnostics of thousands, so publishing
// costs a copy of the others. s.pubMu must be held.
func (s *server) publication(snap *workspace.Snapshot, f *source.File, diags []diagnostics.Diagnostic) []byte {
	uri, _ := json.Marshal(f.URI)
	buf := make([]byte, 0, 256+len(diags)*320)
	buf = append(buf, `{"jsonrpc":"2.0","method":"`+protocol.MethodTextDocumentPublishDiagnostics+`","params":{"uri":`...)
	buf = append(buf, uri...)
	if v := max(f.Version, 0); v != 0 {
		buf = append(buf, `,"version":`...)
		buf = strconv.AppendInt(buf, int64(v), 10)
	}
	buf = append(buf, `,"diagnostics":[`...)
	for i := range diags {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, s.encoded.get(s, snap, f, &diags[i])...)
	}
	return append(buf, "]}}"...)
}

// diagnosticJSON caches the JSON of published diagnostics, keyed by what
// their JSON is made of. It keeps two generations, like the statement
// cache: entries used since the last rotation survive the next one.
type diagnosticJSON struct {
	cur, old map[publishedKey][]byte
}

// A publishedKey is everything a diagnostic's JSON depends on, for a
// diagnostic without related information (those are encoded every time).
type publishedKey struct {
	rule, message string
	severity      diagnostics.Severity
	rng           protocol.Range
}

// diagnosticJSONLimit is the number of entries after which the cache
// rotates its generations.
const diagnosticJSONLimit = 1 << 16

// get returns the JSON of d, a diagnostic of f.
func (c *diagnosticJSON) get(s *server, snap *workspace.Snapshot, f *source.File, d *diagnostics.Diagnostic) []byte {
	if len(d.Related) > 0 {
		return encodeDiagnostic(s.toDiagnostic(snap, f, d))
	}
	key := publishedKey{rule: d.Rule, message: d.Message, severity: d.Severity, rng: spanRange(f, d.Span)}
	if b, ok := c.cur[key]; ok {
		return b
	}
	b, ok := c.old[key]
	if !ok {
		b = encodeDiagnostic(s.toDiagnostic(snap, f, d))
	}
	if c.cur == nil || len(c.cur) >= diagnosticJSONLimit {
		c.old, c.cur = c.cur, make(map[publishedKey][]byte)
	}
	c.cur[key] = b
	return b
}

// encodeDiagnostic returns the JSON of d. A protocol.Diagnostic always
// encodes.
func encodeDiagnostic(d protocol.Diagnostic) []byte {
	b, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("encoding a diagnostic: %v", err))
	}
	return b
}

// notifyDiagnostics sends a publishDiagnostics notification. It writes
// under the connection's context, not the analysis's: once the decision
// to publish is made, a cancellation must not cut a message in half.
func (s *server) notifyDiagnostics(params *protocol.PublishDiagnosticsParams) error {
	if err := s.conn.Notify(s.ctx, protocol.MethodTextDocumentPublishDiagnostics, params); err != nil {
		return fmt.Errorf("publishing diagnostics for %s: %w", params.URI, err)
	}
	return nil
}

// current returns the snapshot, the latest version of document uri and
// its diagnostics: those last published when they are for that snapshot
// (the document and every file it depends on) and configuration, or else
// computed now on the snapshot (cheap:
// statement parses are cached), so that a request never waits for a
// scheduled analysis. It takes what it reads under one lock and then
// lets the next message start (releaseQueue): from there on the request
// works on its own snapshot, which later edits do not change.
func (s *server) current(ctx context.Context, uri string) (*workspace.Snapshot, *source.File, []diagnostics.Diagnostic, error) {
	snap, f, _, diags, err := s.currentGen(ctx, uri)
	return snap, f, diags, err
}

// currentGen is current, with the configuration generation the
// diagnostics were found under. Diagnostics it computes are kept, as
// published ones are, while they are the latest: a client that pulls
// diagnostics is never published to, and its hovers and code actions
// reuse what its pulls computed.
func (s *server) currentGen(ctx context.Context, uri string) (*workspace.Snapshot, *source.File, int, []diagnostics.Diagnostic, error) {
	s.mu.Lock()
	snap, open, pub := s.snap, s.open[uri], s.published[uri]
	cfg, gen := s.configForLocked(uri), s.config.gen
	s.mu.Unlock()
	releaseQueue(ctx)
	f := snap.File(uri)
	if f == nil || !open {
		return nil, nil, 0, nil, notOpen(uri)
	}
	if pub.snap == snap && pub.gen == gen {
		return snap, f, gen, pub.diags, nil
	}
	res, err := s.opts.Engine.AnalyzeFrom(ctx, snap, uri, cfg, pub.result)
	if err != nil {
		return nil, nil, 0, nil, requestError(err, "analysing "+uri)
	}
	s.mu.Lock()
	if s.open[uri] && s.snap.File(uri) == f && s.config.gen == gen {
		s.published[uri] = published{snap: snap, file: f, gen: gen, diags: res.Diagnostics, result: res}
	}
	s.mu.Unlock()
	return snap, f, gen, res.Diagnostics, nil
}

// document returns the current snapshot and the latest version of the
// open document uri, and lets the next message start (see current).
func (s *server) document(ctx context.Context, uri string) (*workspace.Snapshot, *source.File, error) {
	s.mu.Lock()
	snap, open := s.snap, s.open[uri]
	s.mu.Unlock()
	releaseQueue(ctx)
	f := snap.File(uri)
	if f == nil || !open {
		return nil, nil, notOpen(uri)
	}
	return snap, f, nil
}

// notOpen is the error of a request about a document that is not open.
func notOpen(uri string) error {
	return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "document %s is not open", uri)
}

// requestError is the reply to a request whose work failed with err:
// RequestCancelled when it was cancelled, an InternalError otherwise.
func requestError(err error, doing string) error {
	if errors.Is(err, context.Canceled) {
		return protocol.ErrRequestCancelled
	}
	return jsonrpc2.Errorf(jsonrpc2.InternalError, "%s: %v", doing, err)
}
