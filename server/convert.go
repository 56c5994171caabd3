package server

import (
	"errors"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// This file is the only place where byte offsets become LSP positions
// (UTF-16 code units, the protocol's default encoding) and back. Every
// conversion goes through source.File, never through string slicing with
// a protocol column.

// offsetPosition converts a byte offset of f into an LSP position.
func offsetPosition(f *source.File, off int) protocol.Position {
	line, col := f.OffsetPosition(off)
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

// spanRange converts a byte span of f into an LSP range.
func spanRange(f *source.File, s source.Span) protocol.Range {
	return protocol.Range{Start: offsetPosition(f, s.Start), End: offsetPosition(f, s.End)}
}

// positionOffset converts an LSP position into a byte offset of f. A
// position past the end of its line or of the text is clamped; the
// clamped offset comes with an error wrapping source.ErrOutOfRange.
func positionOffset(f *source.File, p protocol.Position) (int, error) {
	return f.PositionOffset(int(p.Line), int(p.Character))
}

// rangeSpan converts an LSP range into a byte span of f, clamped as
// positionOffset does (and with its error). A reversed range is put in order.
func rangeSpan(f *source.File, r protocol.Range) (source.Span, error) {
	start, err1 := positionOffset(f, r.Start)
	end, err2 := positionOffset(f, r.End)
	if end < start {
		start, end = end, start
	}
	return source.Span{Start: start, End: end}, errors.Join(err1, err2)
}

// severity maps a diagnostics.Severity to the protocol's.
func severity(s diagnostics.Severity) protocol.DiagnosticSeverity {
	switch s {
	case diagnostics.Error:
		return protocol.DiagnosticSeverityError
	case diagnostics.Warning:
		return protocol.DiagnosticSeverityWarning
	case diagnostics.Info:
		return protocol.DiagnosticSeverityInformation
	default:
		return protocol.DiagnosticSeverityHint
	}
}

// toDiagnostic converts d, found in f, into a protocol diagnostic. Related
// places in other files are converted with those files' text in snap, and
// left out when snap no longer holds them.
func (s *server) toDiagnostic(snap *workspace.Snapshot, f *source.File, d *diagnostics.Diagnostic) protocol.Diagnostic {
	pd := protocol.Diagnostic{
		Range:    spanRange(f, d.Span),
		Severity: severity(d.Severity),
		Code:     d.Rule,
		Source:   "sqlsage",
		Message:  d.Message,
	}
	if r := s.opts.Engine.Rule(d.Rule); r != nil {
		if href, err := uri.Parse(r.URL()); err == nil {
			pd.CodeDescription = &protocol.CodeDescription{Href: href}
		}
	}
	for _, rel := range d.Related {
		rf := f
		if rel.URI != "" && rel.URI != f.URI {
			rf = snap.File(rel.URI)
		}
		if rf == nil {
			continue
		}
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: protocol.DocumentURI(rf.URI), Range: spanRange(rf, rel.Span)},
			Message:  rel.Message,
		})
	}
	return pd
}

// textEdits converts byte-offset edits of f into protocol text edits.
func textEdits(f *source.File, edits []source.Edit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: spanRange(f, e.Span), NewText: e.New})
	}
	return out
}

// documentEdit returns a WorkspaceEdit applying edits to version f of its
// document. The version lets the client reject an edit computed for a
// text that has changed since.
func documentEdit(f *source.File, edits []source.Edit) *protocol.WorkspaceEdit {
	version := f.Version
	return &protocol.WorkspaceEdit{
		DocumentChanges: []protocol.TextDocumentEdit{{
			TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
				TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(f.URI)},
				Version:                &version,
			},
			Edits: textEdits(f, edits),
		}},
	}
}
