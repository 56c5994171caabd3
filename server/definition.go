package server

import (
	"context"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
)

// Definition jumps from the name of a table or column to where the
// workspace schema model says it is defined: the table's name in its
// CREATE TABLE, the column's name in its CREATE TABLE or ADD COLUMN, in
// whichever file of the workspace (open buffers included) that is.
// Elsewhere the result is null.
func (s *server) Definition(ctx context.Context, params *protocol.DefinitionParams) ([]protocol.Location, error) {
	snap, ref, err := s.resolveAtCursor(ctx, string(params.TextDocument.URI), params.Position)
	if err != nil || ref == nil {
		return nil, err
	}
	df := snap.File(ref.Def.URI)
	if df == nil {
		return nil, nil
	}
	return []protocol.Location{{URI: protocol.DocumentURI(df.URI), Range: spanRange(df, ref.Def.Span)}}, nil
}

// displayName is how a hover names the file at uri: its path relative to
// the workspace folder holding it, or else its base name.
func (s *server) displayName(uri string) string {
	p, ok := uriPath(uri)
	if !ok {
		return uri
	}
	s.mu.Lock()
	roots := s.roots
	s.mu.Unlock()
	for _, r := range roots {
		if rel, err := filepath.Rel(r, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(p)
}
