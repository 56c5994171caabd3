package syntax

import (
	"context"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Stmt is one segment of a file with its parse result. Node locations
// inside Node are relative to Text; Offset converts them to file offsets.
// A Stmt is immutable and may be shared by many snapshots.
type Stmt struct {
	Kind Kind
	Span source.Span // in the file; for SQL, first token through the semicolon
	Text string      // the file's text at Span
	Node *Node       // parse tree; nil for non-SQL segments, parse errors and empty statements
	Err  *Error      // non-nil when the statement does not parse

	entry *parsed
}

// Offset converts a parse-tree Location (a byte offset relative to the
// statement) into a byte offset in the file.
func (s *Stmt) Offset(loc int32) int { return s.Span.Start + int(loc) }

// Tokens returns the statement's tokens, statement-relative, comments included.
func (s *Stmt) Lexemes() []Lexeme {
	if s.entry == nil {
		return nil
	}
	return s.entry.tokens
}

// LexemeAt returns the index in Tokens of the first non-comment token that
// starts at or after the statement-relative offset rel, or -1.
func (s *Stmt) LexemeAt(rel int) int {
	toks := s.Lexemes()
	lo, hi := 0, len(toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if toks[mid].Start < rel {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for ; lo < len(toks); lo++ {
		if toks[lo].Kind != LexComment {
			return lo
		}
	}
	return -1
}

// LexemeSpan returns the file span of the statement's i'th token.
func (s *Stmt) LexemeSpan(i int) source.Span {
	t := s.Lexemes()[i]
	return source.Span{Start: s.Span.Start + t.Start, End: s.Span.Start + t.End}
}

// A ParsedFile is a file split into statements, each parsed. It is
// immutable once built.
type ParsedFile struct {
	File     *source.File
	Stmts    []*Stmt
	Comments []source.Span // every comment in the file, in order
}

// ParseFile splits f and parses each SQL statement through the cache. It
// stops early, returning ctx.Err(), when ctx is cancelled.
func (p *Parser) ParseFile(ctx context.Context, f *source.File) (*ParsedFile, error) {
	segs, comments := Split(f.Text)
	pf := &ParsedFile{File: f, Stmts: make([]*Stmt, 0, len(segs)), Comments: comments}
	for i, seg := range segs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		st := &Stmt{Kind: seg.Kind, Span: seg.Span, Text: f.Text[seg.Span.Start:seg.Span.End]}
		if seg.Kind == SQL {
			st.entry = p.parse(st.Text)
			st.Node = st.entry.node
			if st.entry.err != nil {
				st.Err = classify(st, st.entry.err)
			}
		}
		pf.Stmts = append(pf.Stmts, st)
	}
	return pf, nil
}

// StmtAt returns the statement whose span contains the file offset off, or nil.
func (pf *ParsedFile) StmtAt(off int) *Stmt {
	lo, hi := 0, len(pf.Stmts)
	for lo < hi {
		mid := (lo + hi) / 2
		if pf.Stmts[mid].Span.End <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(pf.Stmts) && pf.Stmts[lo].Span.Start <= off {
		return pf.Stmts[lo]
	}
	return nil
}
