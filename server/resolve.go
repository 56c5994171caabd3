package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics/lookup"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// resolveAtCursor resolves the table or column name at pos in the
// document at uri, for the requests that jump from a name (definition,
// references). The Ref is nil, with no error, when pos is outside the
// text or on no name the schema model knows.
func (s *server) resolveAtCursor(ctx context.Context, uri string, pos protocol.Position) (*workspace.Snapshot, *lookup.Ref, error) {
	snap, f, err := s.document(ctx, uri)
	if err != nil {
		return nil, nil, err
	}
	off, err := positionOffset(f, pos)
	if err != nil {
		return snap, nil, nil // outside the text: nothing is there
	}
	ref, err := lookup.Resolve(ctx, snap, uri, off)
	if err != nil {
		return nil, nil, requestError(err, "resolving the name at the cursor")
	}
	return snap, ref, nil
}
