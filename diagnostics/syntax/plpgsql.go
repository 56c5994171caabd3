package syntax

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	pgparser "github.com/pganalyze/pg_query_go/v5/parser"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// plpgsqlBody compiles the PL/pgSQL body lit of the statement text (a
// CREATE FUNCTION, CREATE PROCEDURE or DO) with pg_query and locates the
// SQL statements the compiler found in it. pg_query gives each statement's
// text and the line of the PL/pgSQL statement holding it, counted from 1
// at the line of the body's opening quote, and no offsets.
func (p *Parser) plpgsqlBody(text string, lit *literal) *routine {
	r := &routine{language: "plpgsql", lit: lit}
	toks := Lex(lit.content)
	var comments []source.Span
	for _, t := range toks {
		if t.Kind == LexComment {
			comments = append(comments, source.Span{Start: t.Start, End: t.End})
		}
	}
	r.comments = lit.spans(comments)

	p.plpgsqlParses.Add(1)
	out, err := pg_query.ParsePlPgSqlToJSON(text)
	if err != nil {
		r.bodyError(toks, err)
		return r
	}
	sites, err := plpgsqlSites(out)
	if err != nil {
		r.skipped = append(r.skipped, Skip{Span: lit.inner, Reason: "PL/pgSQL body not analysed: " + err.Error()})
		return r
	}
	loc := newLocator(lit.content, toks)
	for _, s := range sites {
		span, parseText, ok := loc.find(s)
		if !ok {
			line := loc.line(s.line)
			r.skipped = append(r.skipped, Skip{Span: lit.looseSpan(line),
				Reason: fmt.Sprintf("PL/pgSQL statement %q not found where the PL/pgSQL compiler places it", abbreviate(s.query))})
			continue
		}
		mapped, ok := lit.span(span)
		if !ok {
			r.skipped = append(r.skipped, Skip{Span: lit.looseSpan(span), Reason: escapedReason})
			continue
		}
		r.parts = append(r.parts, bodyPart{span: mapped, entry: p.parse(parseText)})
	}
	slices.SortFunc(r.parts, func(a, b bodyPart) int { return a.span.Start - b.span.Start })
	return r
}

// abbreviate shortens a statement for a message.
func abbreviate(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len(q) > 40 {
		i := 40
		for i > 0 && q[i]&0xC0 == 0x80 {
			i--
		}
		q = q[:i] + "…"
	}
	return q
}

// A plSite is an SQL statement of a PL/pgSQL body as pg_query reports it.
type plSite struct {
	where string // node type and field: "PLpgSQL_stmt_execsql.sqlstmt"
	line  int    // the line of the PL/pgSQL statement (or declaration), from 1
	query string // the statement's text, INTO clause removed
}

// A siteShape says where the text of an SQL statement of a PL/pgSQL body
// starts and ends: on the PL/pgSQL statement's line or after it, after one
// of the words in prev, before one of those in next. Only the places
// listed in plSiteShapes hold SQL statements; others hold expressions
// (parse mode other than 0), text PL/pgSQL rewrote (PERFORM becomes
// SELECT) or synthesised (cursor arguments).
type siteShape struct {
	sameLine bool     // starts on the PL/pgSQL statement's line
	prev     []string // the lexeme before the statement, lower-cased
	next     []string // the lexeme after it: ";", "loop", "into"
}

// stmtStarts are the lexemes that end what comes before a PL/pgSQL
// statement.
var stmtStarts = []string{";", "begin", "then", "else", "loop"}

var plSiteShapes = map[string]siteShape{
	"PLpgSQL_stmt_execsql.sqlstmt":     {sameLine: true, prev: stmtStarts, next: []string{";", "into"}},
	"PLpgSQL_stmt_call.expr":           {sameLine: true, prev: stmtStarts, next: []string{";"}},
	"PLpgSQL_stmt_return_query.query":  {prev: []string{"query"}, next: []string{";"}},
	"PLpgSQL_stmt_fors.query":          {prev: []string{"in"}, next: []string{"loop"}},
	"PLpgSQL_stmt_open.query":          {prev: []string{"for"}, next: []string{";"}},
	"PLpgSQL_var.cursor_explicit_expr": {prev: []string{"for", "is"}, next: []string{";"}},
}

// plpgsqlSites returns the SQL statements of pg_query's PL/pgSQL JSON, in
// source order.
func plpgsqlSites(out string) ([]plSite, error) {
	var fns []any
	if err := json.Unmarshal([]byte(out), &fns); err != nil {
		return nil, fmt.Errorf("decoding pg_query's PL/pgSQL tree: %w", err)
	}
	var sites []plSite
	walkPL(fns, 1, &sites)
	return sites, nil
}

// walkPL collects the SQL statements under v, a part of the PL/pgSQL
// tree; line is the line of the nearest enclosing node that has one.
func walkPL(v any, line int, sites *[]plSite) {
	switch x := v.(type) {
	case []any:
		for _, c := range x {
			walkPL(c, line, sites)
		}
	case map[string]any:
		for kind, f := range x { // a node is {"PLpgSQL_stmt_…": {fields}}
			fields, ok := f.(map[string]any)
			if !ok || !strings.HasPrefix(kind, "PLpgSQL_") {
				continue
			}
			if l, ok := fields["lineno"].(float64); ok {
				line = int(l)
			}
			for _, k := range plFieldOrder(fields) {
				if q, mode, ok := plExpr(fields[k]); ok {
					if _, known := plSiteShapes[kind+"."+k]; known && mode == 0 {
						*sites = append(*sites, plSite{where: kind + "." + k, line: line, query: q})
					}
					continue
				}
				walkPL(fields[k], line, sites)
			}
		}
	}
}

// plFieldRank orders a node's fields as their contents appear in the
// source: declarations, the node's own expressions, then the statement
// lists in the order they are written. pg_query writes a loop's body
// before its query; the source has the query first.
var plFieldRank = map[string]int{
	"datums": 0, "body": 2, "then_body": 2, "stmts": 2, "elsif_list": 3, "case_when_list": 3,
	"else_body": 4, "else_stmts": 4, "exceptions": 5, "exc_list": 5, "action": 6,
}

func plFieldOrder(fields map[string]any) []string {
	rank := func(k string) int {
		if _, _, ok := plExpr(fields[k]); ok {
			return 1
		}
		if r, ok := plFieldRank[k]; ok {
			return r
		}
		return 7
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(rank(a)-rank(b), strings.Compare(a, b)) })
	return keys
}

// plExpr returns the text and parse mode of a {"PLpgSQL_expr": …} value.
func plExpr(v any) (query string, mode int, ok bool) {
	m, _ := v.(map[string]any)
	e, _ := m["PLpgSQL_expr"].(map[string]any)
	if e == nil {
		return "", 0, false
	}
	q, ok := e["query"].(string)
	pm, _ := e["parseMode"].(float64)
	return q, int(pm), ok
}

// A locator finds the SQL statements of a PL/pgSQL body in its text.
type locator struct {
	content string
	toks    []Lexeme      // every lexeme of content, comments included
	code    []Lexeme      // the lexemes that are not comments
	lines   []int         // the offset where each line starts
	taken   []source.Span // the statements found so far, in order of their start
	last    int           // the end of the statement found last
}

func newLocator(content string, toks []Lexeme) *locator {
	l := &locator{content: content, toks: toks, lines: []int{0}}
	for _, t := range toks {
		if t.Kind != LexComment {
			l.code = append(l.code, t)
		}
	}
	for i := 0; i < len(content); i++ {
		if content[i] == '\n' {
			l.lines = append(l.lines, i+1)
		}
	}
	return l
}

// line returns the span of line n (from 1) of the content, without its
// line break.
func (l *locator) line(n int) source.Span {
	n = min(max(n, 1), len(l.lines))
	end := len(l.content)
	if n < len(l.lines) {
		end = l.lines[n] - 1
	}
	return source.Span{Start: l.lines[n-1], End: end}
}

// find locates site in the content: the first place, not taken by an
// earlier site, that starts at a lexeme on or after the site's line (on
// it, for a plain SQL statement), reads as the site's text (but for an
// INTO clause PL/pgSQL blanked), ends at a lexeme's end, and has the
// lexemes the site's shape wants before and after it. It returns the
// statement's span, through its semicolon when one ends it, and the text
// to parse: the span's text with INTO clauses blanked.
func (l *locator) find(s plSite) (span source.Span, parseText string, ok bool) {
	shape := plSiteShapes[s.where]
	if s.line < 1 || s.line > len(l.lines) || s.query == "" {
		return source.Span{}, "", false
	}
	line := l.line(s.line)
	start := line.Start
	if shape.sameLine && line.Start <= l.last && l.last <= line.End {
		// Statements on one line come in order: search after the last
		// one found (a body written on one line has them all there).
		start = l.last
	}
	i, _ := slices.BinarySearchFunc(l.code, start, func(t Lexeme, off int) int { return t.Start - off })
	for ; i < len(l.code); i++ {
		t := l.code[i]
		if shape.sameLine && t.Start > line.End {
			break
		}
		if i == 0 || !l.is(l.code[i-1], shape.prev) || l.isTaken(t.Start) {
			continue
		}
		blank, ok := matchQuery(l.content, t.Start, s.query)
		if !ok {
			continue
		}
		end := t.Start + len(s.query)
		if !l.endsLexeme(end) {
			continue
		}
		j, _ := slices.BinarySearchFunc(l.code, end, func(t Lexeme, off int) int { return t.Start - off })
		if j >= len(l.code) {
			continue
		}
		next := l.code[j]
		blanks := []source.Span{}
		if blank.Len() > 0 {
			blanks = append(blanks, blank)
		}
		switch {
		case l.content[next.Start:next.End] == ";" && slices.Contains(shape.next, ";"):
			span = source.Span{Start: t.Start, End: next.End}
		case next.Is(l.content, "loop") && slices.Contains(shape.next, "loop"):
			span = source.Span{Start: t.Start, End: end}
		case next.Is(l.content, "into") && slices.Contains(shape.next, "into"):
			// A trailing INTO target, which PL/pgSQL cut off: blank it
			// through the last lexeme before the semicolon.
			k := j
			for k < len(l.code) && l.content[l.code[k].Start:l.code[k].End] != ";" {
				k++
			}
			if k >= len(l.code) {
				continue
			}
			blanks = append(blanks, source.Span{Start: next.Start, End: l.code[k-1].End})
			span = source.Span{Start: t.Start, End: l.code[k].End}
		default:
			continue
		}
		k, _ := slices.BinarySearchFunc(l.taken, span.Start, func(t source.Span, off int) int { return t.Start - off })
		l.taken = slices.Insert(l.taken, k, span)
		l.last = span.End
		return span, blankOut(l.content, span, blanks), true
	}
	return source.Span{}, "", false
}

// is reports whether lexeme t is one of words (lower-case words or
// punctuation).
func (l *locator) is(t Lexeme, words []string) bool {
	text := l.content[t.Start:t.End]
	for _, w := range words {
		if t.Kind == LexWord && strings.EqualFold(text, w) || t.Kind == LexPunct && text == w {
			return true
		}
	}
	return false
}

// isTaken reports whether off lies in a statement found earlier.
func (l *locator) isTaken(off int) bool {
	k, _ := slices.BinarySearchFunc(l.taken, off+1, func(t source.Span, off int) int { return t.Start - off })
	return k > 0 && off < l.taken[k-1].End
}

// endsLexeme reports whether a lexeme (a comment included) ends at off.
func (l *locator) endsLexeme(off int) bool {
	_, found := slices.BinarySearchFunc(l.toks, off, func(t Lexeme, off int) int { return t.End - off })
	return found
}

// matchQuery reports whether the content at pos reads as query: the same
// bytes, except for one run where query is blank and the content holds an
// INTO clause (PL/pgSQL replaces "INTO target" in the middle of a
// statement by spaces). It returns that run, relative to the content.
func matchQuery(content string, pos int, query string) (blank source.Span, ok bool) {
	if pos+len(query) > len(content) {
		return source.Span{}, false
	}
	text := content[pos : pos+len(query)]
	if text == query {
		return source.Span{}, true
	}
	first, last := -1, -1
	for i := range len(query) {
		if text[i] != query[i] {
			if query[i] != ' ' {
				return source.Span{}, false
			}
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if strings.TrimLeft(query[first:last+1], " ") != "" {
		return source.Span{}, false
	}
	into := text[first:]
	if len(into) < 4 || !strings.EqualFold(into[:4], "into") || len(into) > 4 && isIdentCont(into[4]) {
		return source.Span{}, false
	}
	return source.Span{Start: pos + first, End: pos + last + 1}, true
}

// blankOut returns content[span] with the blanks (spans of content)
// replaced by spaces, line breaks kept, so that offsets do not move.
func blankOut(content string, span source.Span, blanks []source.Span) string {
	text := content[span.Start:span.End]
	if len(blanks) == 0 {
		return text
	}
	b := []byte(text)
	for _, bl := range blanks {
		for i := bl.Start; i < bl.End; i++ {
			if c := b[i-span.Start]; c != '\n' && c != '\r' {
				b[i-span.Start] = ' '
			}
		}
	}
	return string(b)
}

var (
	nearLine = regexp.MustCompile(`near line (\d+)`)
	nearWord = regexp.MustCompile(`at or near "((?:[^"]|"")*)"`)
)

// bodyError records why the PL/pgSQL body does not compile: a template
// placeholder, located exactly; an error of the body, located at the line
// PostgreSQL names (it gives no column); or, when the error comes only
// from compiling without a database catalog, a Skip.
func (r *routine) bodyError(toks []Lexeme, err error) {
	lit := r.lit
	var perr *pgparser.Error
	if !errors.As(err, &perr) {
		perr = &pgparser.Error{Message: err.Error()}
	}
	m := templatePlaceholder(lit.content, toks)
	if m == nil {
		// Template tools substitute inside quoted strings and identifiers
		// too: "{{ .Schema }}".users.
		m = goTemplate.FindStringIndex(lit.content)
	}
	if m == nil {
		m = flywayPlaceholder.FindStringIndex(lit.content)
	}
	if m != nil {
		if span, ok := lit.span(source.Span{Start: m[0], End: m[1]}); ok {
			r.parts = append(r.parts, bodyPart{span: span, err: &Error{Kind: Placeholder, Span: span,
				Message: fmt.Sprintf("template placeholder %s: sqlsage cannot analyse this function body until the placeholder is filled in (%s)",
					lit.content[m[0]:m[1]], perr.Message)}})
			return
		}
	}
	if !compileError(perr, lit.content, toks) {
		r.skipped = append(r.skipped, Skip{Span: lit.inner,
			Reason: fmt.Sprintf("PL/pgSQL body not analysed: compiled without a database catalog, it fails with %q", perr.Message)})
		return
	}
	n := 1
	if m := nearLine.FindStringSubmatch(perr.Context); m != nil {
		n, _ = strconv.Atoi(m[1])
	}
	// The error is on line n or after it: put it on the first line from
	// n on that has text (the opening quote's line often has none).
	loc := newLocator(lit.content, toks)
	span := source.Span{Start: lit.inner.End, End: lit.inner.End}
	for k := max(n, 1); k <= len(loc.lines); k++ {
		line := loc.line(k)
		text := lit.content[line.Start:line.End]
		line.Start += len(text) - len(strings.TrimLeft(text, " \t\r\f\v"))
		line.End -= len(text) - len(strings.TrimRight(text, " \t\r\f\v"))
		if line.Start < line.End {
			span = lit.looseSpan(line)
			break
		}
	}
	r.parts = append(r.parts, bodyPart{span: span, err: &Error{Kind: BodyError, Span: span,
		Message: perr.Message + " in the PL/pgSQL body, at or after this line"}})
}

// compileError reports whether perr, from compiling a PL/pgSQL body, is
// an error of the body itself, which PostgreSQL would report too. pg_query
// compiles without a database catalog: it knows no types, so a bound
// cursor is not a cursor, a record has no fields, an OUT parameter is not
// a variable, and $n aliases find no parameter. Those errors, and any not
// known to be the body's own, are not reported.
func compileError(perr *pgparser.Error, content string, toks []Lexeme) bool {
	switch perr.Funcname {
	case "check_labels", "check_raise_parameters", "check_assignable":
		return true
	case "plpgsql_yyerror":
		// "missing expression" is RETURN without a value, valid in a
		// function with OUT parameters, which pg_query does not see.
		return !strings.HasPrefix(perr.Message, "missing expression")
	case "scanner_yyerror":
		// An SQL statement of the body does not parse; but FOR r IN c
		// over a bound cursor c reads as a query "c" without the catalog.
		if m := nearWord.FindStringSubmatch(perr.Message); m != nil && declaresCursor(content, toks, strings.ReplaceAll(m[1], `""`, `"`)) {
			return false
		}
		return true
	case "plpgsql_yyparse":
		for _, s := range []string{"cannot be used outside a loop", "there is no label", "cannot be used in CONTINUE"} {
			if strings.Contains(perr.Message, s) {
				return true
			}
		}
	}
	return false
}

// declaresCursor reports whether the body declares a cursor (or a
// refcursor variable) called name.
func declaresCursor(content string, toks []Lexeme, name string) bool {
	var code []Lexeme
	for _, t := range toks {
		if t.Kind != LexComment {
			code = append(code, t)
		}
	}
	for i, t := range code {
		if !(t.Kind == LexWord && strings.EqualFold(t.Text(content), name) ||
			t.Kind == LexQuotedIdent && t.Text(content) == `"`+name+`"`) {
			continue
		}
		k := i + 1
		for k < len(code) && (code[k].Is(content, "no") || code[k].Is(content, "scroll")) {
			k++
		}
		if k < len(code) && (code[k].Is(content, "cursor") || code[k].Is(content, "refcursor")) {
			return true
		}
	}
	return false
}
