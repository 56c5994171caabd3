package server

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/quickfix"
)

// fixAllTitle is the title of the source.fixAll.sqlsage action.
const fixAllTitle = "Fix all sqlsage problems"

// CodeAction offers, for every diagnostic of the document's latest version
// whose range meets the requested one, one quickfix action per fix whose
// result still parses; the diagnostic's preferred fix is marked so. Then,
// for each, "Ignore <rule> for this statement" and "Ignore <rule> in this
// file" (quickfix.IgnoreStatement and IgnoreFile: the suppression
// comments the engine reads), never preferred, each offered once however
// many diagnostics it would silence. When context.only asks for
// source.fixAll (or a kind above it), it also offers one action applying
// every preferred safe fix of the document at once.
func (s *server) CodeAction(ctx context.Context, params *protocol.CodeActionParams) ([]protocol.CodeAction, error) {
	snap, f, diags, err := s.current(ctx, string(params.TextDocument.URI))
	if err != nil {
		return nil, err
	}
	only := params.Context.Only
	actions := []protocol.CodeAction{}

	if kindWanted(only, protocol.QuickFix) {
		span, err := rangeSpan(f, params.Range)
		if err != nil {
			s.log.Warn("codeAction range outside the document; clamped", "uri", f.URI, "version", f.Version, "error", err)
		}
		pf, err := snap.Parsed(ctx, f.URI)
		if err != nil {
			return nil, requestError(err, "parsing "+f.URI)
		}
		var ignores []protocol.CodeAction
		offered := make(map[string]bool) // ignore actions by title and edit
		ignore := func(d *diagnostics.Diagnostic, fix diagnostics.Fix) {
			key := fmt.Sprint(fix.Title, fix.Edits)
			if offered[key] {
				return
			}
			offered[key] = true
			ignores = append(ignores, protocol.CodeAction{
				Title:       fix.Title,
				Kind:        protocol.QuickFix,
				Diagnostics: []protocol.Diagnostic{s.toDiagnostic(snap, f, d)},
				Edit:        documentEdit(f, fix.Edits),
			})
		}
		// Clients such as Neovim 0.7 ask with the cursor position and send
		// the line's diagnostics in the context: those count as requested.
		listed := make(map[string]bool, len(params.Context.Diagnostics))
		for _, cd := range params.Context.Diagnostics {
			listed[diagnosticKey(cd)] = true
		}
		for i := range diags {
			d := &diags[i]
			if !d.Span.Overlaps(span) && (len(listed) == 0 || !listed[diagnosticKey(s.toDiagnostic(snap, f, d))]) {
				continue
			}
			if fix, ok := quickfix.IgnoreStatement(pf, d.Rule, d.Span.Start); ok {
				ignore(d, fix)
			}
			ignore(d, quickfix.IgnoreFile(pf, d.Rule))
			for j, fix := range d.Fixes {
				if ctx.Err() != nil {
					return nil, protocol.ErrRequestCancelled
				}
				if !s.fixParses(ctx, f, fix) {
					continue
				}
				actions = append(actions, protocol.CodeAction{
					Title:       fix.Title,
					Kind:        protocol.QuickFix,
					Diagnostics: []protocol.Diagnostic{s.toDiagnostic(snap, f, d)},
					IsPreferred: j == d.Preferred(),
					Edit:        documentEdit(f, fix.Edits),
				})
			}
		}
		actions = append(actions, ignores...)
	}

	if len(only) > 0 && kindWanted(only, codeActionKindFixAll) {
		if a, ok := s.fixAll(ctx, f, diags); ok {
			actions = append(actions, a)
		}
	}
	return actions, nil
}

// fixParses reports whether f still parses where it did after fix.
func (s *server) fixParses(ctx context.Context, f *source.File, fix diagnostics.Fix) bool {
	after, err := quickfix.Apply(f.Text, fix)
	if err != nil {
		s.log.Warn("fix does not apply", "uri", f.URI, "fix", fix.Title, "error", err)
		return false
	}
	if err := quickfix.CheckParses(ctx, s.parser, f, after); err != nil {
		if ctx.Err() == nil {
			s.log.Info("fix withheld: its result does not parse", "uri", f.URI, "fix", fix.Title, "error", err)
		}
		return false
	}
	return true
}

// fixAll returns the source.fixAll.sqlsage action for f, when at least one
// safe fix applies.
func (s *server) fixAll(ctx context.Context, f *source.File, diags []diagnostics.Diagnostic) (protocol.CodeAction, bool) {
	res, err := quickfix.FixAll(ctx, s.parser, f, diags, nil)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Info("fix all withheld", "uri", f.URI, "error", err)
		}
		return protocol.CodeAction{}, false
	}
	if len(res.Applied) == 0 {
		return protocol.CodeAction{}, false
	}
	// The edits FixAll applied: each applied diagnostic's preferred fix,
	// identical edits once (quickfix.Apply's rule).
	var edits []source.Edit
	for _, d := range res.Applied {
		for _, e := range d.Fixes[d.Preferred()].Edits {
			if !slices.Contains(edits, e) {
				edits = append(edits, e)
			}
		}
	}
	slices.SortStableFunc(edits, func(a, b source.Edit) int { return a.Span.Start - b.Span.Start })
	return protocol.CodeAction{
		Title: fixAllTitle,
		Kind:  codeActionKindFixAll,
		Edit:  documentEdit(f, edits),
	}, true
}

// kindWanted reports whether a code action of kind k may be returned for a
// request whose context.only is only: every kind when only is empty,
// otherwise kinds equal to or below one of its entries ("source" admits
// "source.fixAll.sqlsage").
func kindWanted(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if k == o || strings.HasPrefix(string(k), string(o)+".") {
			return true
		}
	}
	return false
}

// diagnosticKey identifies a diagnostic a client sends back in a code
// action's context: its rule and range.
func diagnosticKey(d protocol.Diagnostic) string {
	return fmt.Sprint(d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character)
}
