package server

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Pull diagnostics (LSP 3.17): a client that declares
// textDocument.diagnostic asks for a document's diagnostics itself
// (textDocument/diagnostic) instead of receiving publishDiagnostics, and
// the server stops publishing to it. protocol v0.12.0 does not know the
// method, so it reaches Request.

// pulled is what the server last answered to a pull for one document.
type pulled struct {
	resultID string
	items    []protocol.Diagnostic
}

// documentDiagnostic answers textDocument/diagnostic with the diagnostics
// of the document's latest version, computed by the same engine and
// configuration as published ones: a full report whose resultId is the
// document's version, or an unchanged report when the client already
// holds exactly these diagnostics under previousResultId. (The version
// alone cannot tell: an edit of another file or of the configuration
// changes a document's diagnostics without changing its version.)
func (s *server) documentDiagnostic(ctx context.Context, raw any) (any, error) {
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", methodDocumentDiagnostic, err)
	}
	var params documentDiagnosticParams
	if err := json.Unmarshal(data, &params); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", methodDocumentDiagnostic, err)
	}
	uri := string(params.TextDocument.URI)
	if isConfigURI(uri) {
		// A configuration file's error is published, whoever pulls.
		releaseQueue(ctx)
		return fullDocumentDiagnosticReport{Kind: reportFull, Items: []protocol.Diagnostic{}}, nil
	}
	snap, f, diags, err := s.current(ctx, uri)
	if err != nil {
		return nil, err
	}
	items := make([]protocol.Diagnostic, 0, len(diags))
	for i := range diags {
		items = append(items, s.toDiagnostic(snap, f, &diags[i]))
	}
	id := strconv.Itoa(int(f.Version))
	s.mu.Lock()
	last, seen := s.pulled[uri]
	unchanged := seen && params.PreviousResultID == id && last.resultID == id && reflect.DeepEqual(last.items, items)
	if s.open[uri] && s.snap.File(uri) == f {
		s.pulled[uri] = pulled{resultID: id, items: items}
	}
	s.mu.Unlock()
	if unchanged {
		return unchangedDocumentDiagnosticReport{Kind: reportUnchanged, ResultID: id}, nil
	}
	return fullDocumentDiagnosticReport{Kind: reportFull, ResultID: id, Items: items}, nil
}

// refreshPull asks a client that pulls diagnostics to pull them again for
// its open documents (workspace/diagnostic/refresh), in the background.
func (s *server) refreshPull() {
	s.spawn(func() {
		ctx, cancel := context.WithTimeout(s.ctx, clientRequestTimeout)
		defer cancel()
		if _, err := s.conn.Call(ctx, methodDiagnosticRefresh, nil, nil); err != nil && s.ctx.Err() == nil {
			s.log.Warn("the client did not refresh its diagnostics", "error", err)
		}
	})
}
