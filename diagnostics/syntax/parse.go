package syntax

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	pgparser "github.com/pganalyze/pg_query_go/v5/parser"
)

// GrammarVersion names the PostgreSQL grammar the parser embeds.
const GrammarVersion = "PostgreSQL 16 (pg_query_go v5)"

// parsed is the cached result of parsing one statement's text.
type parsed struct {
	node    *pg_query.Node // the statement; nil on error or for an empty statement
	err     *pgparser.Error
	tokens  []Lexeme // statement-relative, comments included
	routine *routine // the SQL or PL/pgSQL body of a CREATE FUNCTION or DO; nil for others
}

// A Parser parses statements one at a time and caches each result by the
// statement's exact text, so that after an edit only statements whose
// text changed are parsed again. The cache keeps two generations: entries
// used since the last rotation survive the next one, so memory stays
// bounded by what recent snapshots hold. A Parser is safe for concurrent use.
type Parser struct {
	mu       sync.Mutex
	cur, old map[string]*parsed // guarded by mu
	limit    int                // rotate when cur holds this many entries

	parses        atomic.Int64 // statements handed to pg_query, for tests and benchmarks
	plpgsqlParses atomic.Int64 // PL/pgSQL bodies handed to pg_query, for tests
}

// NewParser returns a Parser whose cache rotates after limit entries
// (a limit ≤ 0 picks a default that holds a few large files).
func NewParser(limit int) *Parser {
	if limit <= 0 {
		limit = 1 << 17
	}
	return &Parser{cur: make(map[string]*parsed), old: make(map[string]*parsed), limit: limit}
}

// Parses reports how many statements this Parser has sent to pg_query
// (cache misses), for tests that prove an edit re-parses one statement.
func (p *Parser) Parses() int64 { return p.parses.Load() }

// parse returns the cached result for text, parsing it on a miss.
func (p *Parser) parse(text string) *parsed {
	p.mu.Lock()
	if e, ok := p.cur[text]; ok {
		p.mu.Unlock()
		return e
	}
	if e, ok := p.old[text]; ok {
		p.store(text, e)
		p.mu.Unlock()
		return e
	}
	p.mu.Unlock()

	e := p.parseText(text)
	p.parses.Add(1)

	p.mu.Lock()
	p.store(text, e)
	p.mu.Unlock()
	return e
}

// lookup sets the cached entry of each SQL statement in stmts and
// returns those not in the cache.
func (p *Parser) lookup(stmts []*Stmt) (misses []*Stmt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range stmts {
		if st.Kind != SQL {
			continue
		}
		if e, ok := p.cur[st.Text]; ok {
			st.entry = e
		} else if e, ok := p.old[st.Text]; ok {
			p.store(st.Text, e)
			st.entry = e
		} else {
			misses = append(misses, st)
		}
	}
	return misses
}

// store adds e to the current generation; p.mu must be held.
func (p *Parser) store(text string, e *parsed) {
	if len(p.cur) >= p.limit {
		p.old, p.cur = p.cur, make(map[string]*parsed, len(p.cur))
	}
	p.cur[text] = e
}

// parseText parses one statement. The statements of a routine body are
// parsed here too, each through the cache, so that the cached entry of a
// CREATE FUNCTION holds its body's (and pg_query's PL/pgSQL compilation
// of it runs once per distinct statement text).
//
// A statement pg_query cannot be given whole is not: one larger than
// MaxStatementSize, or holding a NUL byte (the C parser would stop
// there). A byte order mark that starts the statement (the file's) is
// read as white space, as PostgreSQL's psql does.
func (p *Parser) parseText(text string) *parsed {
	if len(text) > MaxStatementSize {
		// Only the first token is lexed: it locates the diagnostic, and
		// lexing, like parsing, would cost memory in proportion to the text.
		first, _ := nextToken(text, 0)
		return &parsed{tokens: []Lexeme{first}, err: &pgparser.Error{
			Message: fmt.Sprintf("statement too large to analyse (%d bytes; limit %d)", len(text), MaxStatementSize)}}
	}
	clean := text
	if strings.HasPrefix(text, bom) {
		clean = strings.Repeat(" ", len(bom)) + text[len(bom):] // byte offsets unchanged
	}
	e := &parsed{tokens: Lex(clean)}
	if i := strings.IndexByte(text, 0); i >= 0 {
		e.err = &pgparser.Error{Message: "NUL byte in the statement: PostgreSQL cannot read it (is this a binary file, or UTF-16 text?)",
			Cursorpos: utf8.RuneCountInString(text[:i]) + 1}
		return e
	}
	tree, err := pg_query.Parse(clean)
	if err != nil {
		e.err = parseError(text, clean, err)
		return e
	}
	if len(tree.Stmts) > 0 {
		e.node = tree.Stmts[0].Stmt
		e.routine = p.routineOf(text, e.tokens, e.node)
	}
	return e
}

// MaxStatementSize is the largest statement, in bytes, that is parsed
// and analysed. pg_query needs about a hundred times a statement's size
// in memory and a second per megabyte; a larger statement (a generated
// INSERT of a whole table, or the rest of a file after an unterminated
// quote) gets a syntax-error diagnostic "statement too large to analyse"
// and is counted as not analysed, like a statement that does not parse.
const MaxStatementSize = 1 << 20

// bom is the UTF-8 encoding of U+FEFF, the byte order mark some editors
// put at the start of a file.
const bom = "\uFEFF"

// nearLimit is how many characters of the text after "at or near" a
// parse error message keeps; the text is also cut at its first line end.
const nearLimit = 40

// parseError turns the error of pg_query.Parse(clean) into a
// pgparser.Error located in text, the statement before its byte order
// mark was blanked: it names nesting too deep for the parser, and cuts
// the text after "at or near", which for an unterminated string or
// comment is the rest of the file.
func parseError(text, clean string, err error) *pgparser.Error {
	var perr *pgparser.Error
	if !errors.As(err, &perr) {
		// pg_query returns the tree as protobuf, whose decoder refuses
		// nesting deeper than protowire's limit of 10,000 messages.
		msg := err.Error()
		if strings.Contains(msg, "exceeded maximum recursion depth") {
			msg = "statement nested too deeply to analyse (its parse tree is deeper than 10000 levels)"
		}
		return &pgparser.Error{Message: msg}
	}
	out := *perr
	if strings.HasPrefix(out.Message, "memory exhausted") {
		// Bison's stack (YYMAXDEPTH, 10000 entries) overflowed.
		out.Message = "statement nested too deeply for PostgreSQL's parser (" + out.Message + ")"
	}
	if i := strings.Index(out.Message, ` at or near "`); i >= 0 && strings.HasSuffix(out.Message, `"`) {
		head, near := out.Message[:i+len(` at or near "`)], out.Message[i+len(` at or near "`):len(out.Message)-1]
		cut := near
		if j := strings.IndexAny(cut, "\r\n"); j >= 0 {
			cut = cut[:j]
		}
		if n := 0; utf8.RuneCountInString(cut) > nearLimit {
			for j := range cut {
				if n == nearLimit {
					cut = cut[:j]
					break
				}
				n++
			}
		}
		if cut != near {
			cut += "…"
		}
		out.Message = head + cut + `"`
	}
	if clean != text && out.Cursorpos > len(bom) {
		// The blanked mark is one character of text but three of clean.
		out.Cursorpos -= len(bom) - 1
	} else if clean != text && out.Cursorpos > 0 {
		out.Cursorpos = 1
	}
	return &out
}

// cursorOffset converts pg_query's Cursorpos (a 1-based character number)
// into a byte offset within text; 0 means "no position" and maps to 0.
func cursorOffset(text string, cursorpos int) int {
	if cursorpos <= 1 {
		return 0
	}
	off := 0
	for n := 1; n < cursorpos && off < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[off:])
		off += size
	}
	return off
}

// Deparse renders a parse tree node back to SQL; used only for messages,
// never for edits (it drops comments and layout).
func Deparse(n *Node) (string, error) {
	res := &pg_query.ParseResult{Stmts: []*pg_query.RawStmt{{Stmt: n}}}
	s, err := pg_query.Deparse(res)
	if err != nil {
		return "", fmt.Errorf("deparsing: %w", err)
	}
	return s, nil
}

// Valid reports whether text parses as PostgreSQL. quickfix uses it to
// refuse a fix whose result does not parse.
func Valid(text string) error {
	_, err := pg_query.Parse(text)
	return err
}
