package syntax

import (
	"context"
	"iter"
	"runtime"
	"slices"
	"sync"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Stmt is one segment of a file with its parse result. Node locations
// inside Node are relative to Text; Offset converts them to file offsets.
// A Stmt is immutable and may be shared by many snapshots.
//
// A Stmt may also be a statement of a routine body (see Routine): then
// Parent is the statement whose body holds it, and Span and Text are
// still those of the file, so that everything that works on a top-level
// statement works on it unchanged.
type Stmt struct {
	Kind Kind
	Span source.Span // in the file; for SQL, first token through the semicolon
	Text string      // the file's text at Span
	Node *Node       // parse tree; nil for non-SQL segments, parse errors and empty statements
	Err  *Error      // non-nil when the statement does not parse

	// Routine is the body of a CREATE FUNCTION, CREATE PROCEDURE or DO
	// statement written in SQL or PL/pgSQL; nil for other statements.
	Routine *Routine
	// Body holds the SQL statements of Routine, in order, each located
	// exactly in the file (see Routine for what is left out).
	Body []*Stmt
	// Parent is the statement whose routine body holds this one; nil for
	// a statement of the file itself.
	Parent *Stmt

	entry *parsed
}

// Top returns the statement of the file that holds s: s itself, or the
// outermost statement whose routine body holds it.
func (s *Stmt) Top() *Stmt {
	for s.Parent != nil {
		s = s.Parent
	}
	return s
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
	Stmts    []*Stmt       // the statements of the file; routine bodies hang below them (Stmt.Body)
	Comments []source.Span // every comment between statements, in order (not those inside routine bodies: see Routine.Comments)

	segs []Segment // the segments of Stmts, for Reparse
}

// All yields every statement of the file in order, each statement of a
// routine body right after the statement that holds it (depth first).
func (pf *ParsedFile) All() iter.Seq[*Stmt] {
	return func(yield func(*Stmt) bool) {
		for _, st := range pf.Stmts {
			if !st.all(yield) {
				return
			}
		}
	}
}

func (s *Stmt) all(yield func(*Stmt) bool) bool {
	if !yield(s) {
		return false
	}
	for _, b := range s.Body {
		if !b.all(yield) {
			return false
		}
	}
	return true
}

// ParseFile splits f and parses each SQL statement through the cache,
// on all cores when the file is large (pg_query is safe for concurrent
// use). It stops early, returning ctx.Err(), when ctx is cancelled.
func (p *Parser) ParseFile(ctx context.Context, f *source.File) (*ParsedFile, error) {
	segs, comments := Split(f.Text)
	pf := p.newParsedFile(f, segs, comments)
	if err := p.parseMisses(ctx, pf, pf.Stmts); err != nil {
		return nil, err
	}
	return pf, nil
}

// Reparse returns the parse of f, a new version of prev's file: it splits
// only around the text that changed (see resplit), and takes the parse of
// every statement outside it from prev instead of from the cache, so an
// edit costs the statements it touches plus a pass over the statement
// list. The result equals ParseFile(ctx, f).
func (p *Parser) Reparse(ctx context.Context, prev *ParsedFile, f *source.File) (*ParsedFile, error) {
	if prev == nil || len(prev.segs) != len(prev.Stmts) {
		return p.ParseFile(ctx, f)
	}
	r := resplit(prev.File.Text, prev.segs, prev.Comments, f.Text)
	pf := p.newParsedFile(f, r.segs, r.comments)
	// The statements before the change keep their offsets; those after
	// it moved by delta. Their parse entries are prev's.
	reuse := func(st, old *Stmt, delta int) {
		st.entry = old.entry
		st.Node = old.Node
		if old.Err != nil {
			e := *old.Err
			e.Span = e.Span.Shift(delta)
			st.Err = &e
		}
		if old.Routine != nil {
			st.attachBody(f.Text)
		}
	}
	for i := range r.head {
		reuse(pf.Stmts[i], prev.Stmts[i], 0)
	}
	tailNew := len(r.segs) - (len(prev.segs) - r.tail)
	for i := tailNew; i < len(r.segs); i++ {
		reuse(pf.Stmts[i], prev.Stmts[r.tail+i-tailNew], r.delta)
	}
	if err := p.parseMisses(ctx, pf, pf.Stmts[r.head:tailNew]); err != nil {
		return nil, err
	}
	return pf, nil
}

// newParsedFile returns the statements of f's segments, not yet parsed.
func (p *Parser) newParsedFile(f *source.File, segs []Segment, comments []source.Span) *ParsedFile {
	pf := &ParsedFile{File: f, Stmts: make([]*Stmt, len(segs)), Comments: comments, segs: segs}
	stmts := make([]Stmt, len(segs)) // one allocation for the file's statements
	for i, seg := range segs {
		stmts[i] = Stmt{Kind: seg.Kind, Span: seg.Span, Text: f.Text[seg.Span.Start:seg.Span.End]}
		pf.Stmts[i] = &stmts[i]
	}
	return pf
}

// parseMisses sets the parse of each SQL statement of todo, a part of
// pf.Stmts, from the cache or from pg_query.
func (p *Parser) parseMisses(ctx context.Context, pf *ParsedFile, todo []*Stmt) error {
	// Look up every statement under one lock; parse only the misses, on
	// all cores when there are many.
	misses := p.lookup(todo)
	workers := 1
	if len(misses) >= parallelThreshold {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(misses); i += workers {
				if i%256 < workers && ctx.Err() != nil {
					return
				}
				misses[i].entry = p.parse(misses[i].Text)
			}
		})
	}
	wg.Wait()
	for _, st := range todo {
		if st.entry == nil {
			continue
		}
		st.Node = st.entry.node
		if st.entry.err != nil {
			st.Err = classify(st, st.entry.err)
		}
		if st.entry.routine != nil {
			st.attachBody(pf.File.Text)
		}
	}
	return ctx.Err()
}

// parallelThreshold is the number of cache misses from which ParseFile
// parses on several goroutines.
const parallelThreshold = 512

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

// SameComments reports whether pf and other, two versions of a file,
// have the same comments in the same order, each between the same
// statements (the same number of statements before it).
func (pf *ParsedFile) SameComments(other *ParsedFile) bool {
	if len(pf.Comments) != len(other.Comments) {
		return false
	}
	follows := func(f *ParsedFile, c source.Span) int {
		i, _ := slices.BinarySearchFunc(f.Stmts, c.Start, func(st *Stmt, off int) int { return st.Span.Start - off })
		return i
	}
	for i, c := range pf.Comments {
		d := other.Comments[i]
		if pf.File.Text[c.Start:c.End] != other.File.Text[d.Start:d.End] || follows(pf, c) != follows(other, d) {
			return false
		}
	}
	return true
}
