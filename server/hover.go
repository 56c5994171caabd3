package server

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/lookup"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// Hover documents what is under the cursor: the rules behind the
// diagnostics there ("**rule-id** — Summary", why the rule exists and a
// link to its page), then the table or column a name there refers to, as
// the workspace schema model defines it (lookup.Ref.Markdown). Elsewhere
// the result is null.
func (s *server) Hover(ctx context.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	uri := string(params.TextDocument.URI)
	snap, f, diags, err := s.current(ctx, uri)
	if err != nil {
		return nil, err
	}
	off, err := positionOffset(f, params.Position)
	if err != nil {
		return nil, nil // outside the text: nothing is there
	}
	var (
		parts []string
		span  source.Span
		seen  = make(map[string]bool)
	)
	for i := range diags {
		d := &diags[i]
		if !hoverHits(d.Span, off) || seen[d.Rule] {
			continue
		}
		r := s.opts.Engine.Rule(d.Rule)
		if r == nil {
			continue
		}
		if len(parts) == 0 {
			span = d.Span
		}
		seen[d.Rule] = true
		parts = append(parts, ruleMarkdown(r))
	}
	ref, err := lookup.Resolve(ctx, snap, uri, off)
	if err != nil {
		return nil, requestError(err, "resolving the name at the cursor")
	}
	if ref != nil {
		if len(parts) == 0 {
			span = ref.Span
		}
		parts = append(parts, ref.Markdown(snap, s.displayName))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	rng := spanRange(f, span)
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n\n---\n\n")},
		Range:    &rng,
	}, nil
}

// hoverHits reports whether the cursor at off is over span. The cursor
// may sit just after the last character, where editors place it after a
// double click, and on an empty span's point.
func hoverHits(span source.Span, off int) bool {
	return span.Start <= off && off <= span.End
}

// ruleMarkdown is a rule's hover text.
func ruleMarkdown(r *diagnostics.Rule) string {
	var b strings.Builder
	b.WriteString("**" + r.ID + "** — " + r.Doc.Summary + "\n\n")
	if r.Doc.Why != "" {
		b.WriteString(r.Doc.Why + "\n\n")
	}
	b.WriteString("[Documentation](" + r.URL() + ")")
	return b.String()
}
