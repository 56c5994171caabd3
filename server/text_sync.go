package server

import (
	"context"
	"errors"
	"io/fs"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// didChangeParams is textDocument/didChange's params with each change's
// range optional, as the specification has it (see dispatch).
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChange                          `json:"contentChanges"`
}

// contentChange is one TextDocumentContentChangeEvent: a replacement of
// Range (in the text as it is before this change) or, without a range, of
// the whole document.
type contentChange struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// DidOpen adds the editor's buffer to the snapshot, overriding the file
// on disk, and analyses it at once.
//
// A configuration file (.sqlsage.toml) is not SQL: it is only recorded,
// so that its errors can be published on it.
func (s *server) DidOpen(ctx context.Context, params *protocol.DidOpenTextDocumentParams) error {
	doc := params.TextDocument
	if isConfigURI(string(doc.URI)) {
		s.openConfig(string(doc.URI), doc.Version)
		return nil
	}
	f := source.NewFile(string(doc.URI), doc.Version, doc.Text)
	s.mu.Lock()
	s.snap = s.snap.With(f)
	s.open[f.URI] = true
	s.mu.Unlock()
	s.analyzeSoon(f.URI, 0)
	s.invalidate(f.URI, s.opts.Debounce)
	return nil
}

// DidChange applies changes decoded by protocol v0.12.0's own types. The
// wire never reaches it (dispatch decodes didChange itself, because this
// type cannot express a whole-document change); it exists to satisfy
// protocol.Server and treats every change as ranged.
func (s *server) DidChange(ctx context.Context, params *protocol.DidChangeTextDocumentParams) error {
	p := &didChangeParams{TextDocument: params.TextDocument}
	for _, c := range params.ContentChanges {
		p.ContentChanges = append(p.ContentChanges, contentChange{Range: &c.Range, Text: c.Text})
	}
	return s.didChange(ctx, p)
}

// didChange applies each change in order to the text left by the previous
// one, converting its UTF-16 range with that text's line index, and swaps
// the new version into the snapshot. A range past the end of the text is
// clamped (and logged) rather than refused, so no typed text is lost.
func (s *server) didChange(ctx context.Context, params *didChangeParams) error {
	uri := string(params.TextDocument.URI)
	if isConfigURI(uri) {
		s.changeConfig(uri, params.TextDocument.Version)
		return nil
	}
	s.mu.Lock()
	old := s.snap.File(uri)
	open := s.open[uri]
	s.mu.Unlock()
	if old == nil || !open {
		s.log.Warn("didChange for a document that is not open", "uri", uri)
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "document %s is not open", uri)
	}
	version := params.TextDocument.Version
	if version <= old.Version {
		s.log.Warn("didChange does not increase the version", "uri", uri, "version", version, "previous", old.Version)
	}

	cur := old
	for i, c := range params.ContentChanges {
		if c.Range == nil {
			cur = source.NewFile(uri, version, c.Text)
			continue
		}
		next, err := cur.Change(version, sourcePosition(c.Range.Start), sourcePosition(c.Range.End), c.Text)
		if err != nil {
			s.log.Warn("didChange range outside the document; clamped", "uri", uri, "version", version,
				"change", i, "error", err)
		}
		cur = next
	}
	if cur == old {
		cur = source.NewFile(uri, version, old.Text) // no changes: still a new version
	}

	s.mu.Lock()
	s.snap = s.snap.With(cur)
	s.mu.Unlock()
	s.changed(uri)
	return nil
}

// sourcePosition converts an LSP position into source's (a plain copy:
// both count UTF-16 code units; source.File does the conversion to bytes).
func sourcePosition(p protocol.Position) source.Position {
	return source.Position{Line: int(p.Line), Character: int(p.Character)}
}

// DidSave of a configuration file reloads the configuration (clients
// without file watchers tell us no other way). Other saves need no work:
// the buffer, not the file, is what is analysed.
func (s *server) DidSave(ctx context.Context, params *protocol.DidSaveTextDocumentParams) error {
	if isConfigURI(string(params.TextDocument.URI)) {
		s.disk.enqueue(s, s.configReloadJob)
	}
	return nil
}

// DidClose reverts the document to its file on disk when it is a .sql file
// of the workspace (its definitions still count in the schema model), or
// drops it otherwise, and clears its diagnostics.
func (s *server) DidClose(ctx context.Context, params *protocol.DidCloseTextDocumentParams) error {
	uri := string(params.TextDocument.URI)
	if isConfigURI(uri) {
		return s.closeConfig(uri)
	}
	s.mu.Lock()
	open := s.open[uri]
	s.mu.Unlock()
	if !open {
		s.log.Warn("didClose for a document that is not open", "uri", uri)
		return nil
	}
	var disk *source.File
	if path, ok := uriPath(uri); ok && workspace.IsSQL(path) && s.inWorkspace(path) {
		f, err := workspace.ReadFile(path, uri)
		switch {
		case err == nil:
			disk = f
		case !errors.Is(err, fs.ErrNotExist):
			s.log.Warn("cannot re-read closed document", "uri", uri, "error", err)
		}
	}
	s.sched.cancel(uri)

	s.pubMu.Lock()
	s.mu.Lock()
	if disk != nil {
		s.snap = s.snap.With(disk)
	} else {
		s.snap = s.snap.Without(uri)
	}
	delete(s.open, uri)
	delete(s.published, uri)
	delete(s.pulled, uri)
	pull := s.caps.pull
	s.mu.Unlock()
	var err error
	if !pull {
		err = s.notifyDiagnostics(&protocol.PublishDiagnosticsParams{URI: params.TextDocument.URI, Diagnostics: []protocol.Diagnostic{}})
	}
	s.pubMu.Unlock()

	s.invalidate("", s.opts.Debounce)
	return err
}

// changed schedules, after an edit of uri, the debounced analysis of uri
// and of every other open document, whose schema model may have changed.
func (s *server) changed(uri string) {
	s.analyzeSoon(uri, s.opts.Debounce)
	s.invalidate(uri, s.opts.Debounce)
}

// analyzeSoon schedules the analysis of the open document uri after
// delay, unless the client pulls diagnostics: then it asks for them
// itself, and nothing is analysed for nobody.
func (s *server) analyzeSoon(uri string, delay time.Duration) {
	if s.clientCaps().pull {
		return
	}
	s.sched.schedule(uri, delay)
}

// invalidate says that what the open documents but except depend on (the
// other files, the configuration) has changed. When the server publishes,
// it schedules their analysis after delay; when the client pulls, the
// client is asked to pull again (workspace/diagnostic/refresh), if it
// can be.
func (s *server) invalidate(except string, delay time.Duration) {
	s.mu.Lock()
	caps := s.caps
	uris := make([]string, 0, len(s.open))
	for u := range s.open {
		if u != except {
			uris = append(uris, u)
		}
	}
	s.mu.Unlock()
	if caps.pull {
		// Not before a document is open: at initialize, a request to the
		// client would precede initialize's result.
		if caps.refresh && except == "" && len(uris) > 0 {
			s.refreshPull()
		}
		return
	}
	for _, u := range uris {
		s.sched.schedule(u, delay)
	}
}
