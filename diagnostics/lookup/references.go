package lookup

import (
	"context"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// References returns every place in the files of snap where a name
// refers to table t or, when c is not nil, to its column c: each name
// that Resolve would resolve to that object, in the statements of every
// file (routine bodies included), in migration order of the files and
// then by offset. A place is the span of the name itself (orders in
// public.orders, total in o.total); an alias that stands for the table
// (o in o.total) is not a reference to it. The declaration (the table's
// name in its CREATE TABLE, the column's name in its definition) is one
// of them when includeDeclaration is set, and left out otherwise.
func References(ctx context.Context, snap *workspace.Snapshot, t *schema.Table, c *schema.Column, includeDeclaration bool) ([]schema.Location, error) {
	model, err := snap.Model(ctx)
	if err != nil {
		return nil, err
	}
	name := t.Name.Object
	decl := t.Def
	if c != nil {
		name, decl = c.Name, c.Def
	} else if decl, err = tableDef(ctx, snap, t); err != nil {
		return nil, err
	}
	lowName := asciiLower(name)
	var out []schema.Location
	for _, uri := range snap.URIs() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pf, err := snap.Parsed(ctx, uri)
		if err != nil {
			return nil, err
		}
		lowText := asciiLower(pf.File.Text) // same length: offsets carry over
		var found []source.Span
		for st := range pf.All() {
			if st.Node == nil || !containsAt(lowText, st.Span, lowName) {
				continue
			}
			found = append(found, stmtReferences(st, model, t, c, name)...)
		}
		slices.SortFunc(found, func(a, b source.Span) int { return a.Start - b.Start })
		found = slices.Compact(found) // a BEGIN ATOMIC body is seen from its statement too
		for _, sp := range found {
			isDecl := uri == decl.URI && decl.Span.Start <= sp.Start && sp.End <= decl.Span.End
			if isDecl && !includeDeclaration {
				continue
			}
			out = append(out, schema.Location{URI: uri, Span: sp})
		}
	}
	return out, nil
}

// stmtReferences returns the spans of the names of st that refer to t,
// or to its column c when c is not nil; name is the object's name.
func stmtReferences(st *syntax.Stmt, model *schema.Model, t *schema.Table, c *schema.Column, name string) []source.Span {
	var sc *scope
	var out []source.Span
	for i, tok := range st.Lexemes() {
		if (tok.Kind != syntax.LexWord && tok.Kind != syntax.LexQuotedIdent) || fold(st.Text, tok) != name {
			continue
		}
		if sc == nil {
			sc = newScope(st, model)
		}
		ref := sc.resolve(i)
		if ref == nil || ref.Table != t || ref.Column != c {
			continue
		}
		out = append(out, st.LexemeSpan(i))
	}
	return out
}

// asciiLower lower-cases the ASCII letters of s, as PostgreSQL folds
// unquoted identifiers; other bytes are kept, so offsets are unchanged.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// containsAt reports whether text[span] contains sub.
func containsAt(text string, span source.Span, sub string) bool {
	return span.End <= len(text) && strings.Contains(text[span.Start:span.End], sub)
}
