package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/lookup"
)

// References lists every place in the workspace (every file of the
// snapshot, open buffers included) that names the table or column under
// the cursor, the declaration included when the client asks for it
// (lookup.References). Elsewhere the result is null.
func (s *server) References(ctx context.Context, params *protocol.ReferenceParams) ([]protocol.Location, error) {
	snap, ref, err := s.resolveAtCursor(ctx, string(params.TextDocument.URI), params.Position)
	if err != nil || ref == nil {
		return nil, err
	}
	locs, err := lookup.References(ctx, snap, ref.Table, ref.Column, params.Context.IncludeDeclaration)
	if err != nil {
		return nil, requestError(err, "finding references")
	}
	out := make([]protocol.Location, 0, len(locs))
	for _, l := range locs {
		lf := snap.File(l.URI)
		if lf == nil {
			continue
		}
		out = append(out, protocol.Location{URI: protocol.DocumentURI(l.URI), Range: spanRange(lf, l.Span)})
	}
	return out, nil
}
