package syntax

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Routine is the body of a CREATE FUNCTION, CREATE PROCEDURE or DO
// statement, written in SQL or PL/pgSQL, as the statement's Stmt.Body
// holds it: the SQL statements in it, each a Stmt located exactly in the
// file.
//
// What is found in a body, and what is left out:
//
//   - LANGUAGE sql bodies (AS $$…$$ or AS '…') are split into statements
//     like a file; BEGIN ATOMIC … END bodies too (their statements are
//     also part of the CREATE statement's own parse tree).
//   - PL/pgSQL bodies (LANGUAGE plpgsql, and DO blocks) are compiled with
//     PostgreSQL's PL/pgSQL parser, which names the SQL statements of the
//     body (plain SQL statements, RETURN QUERY, FOR … IN query LOOP,
//     OPEN … FOR query, cursor declarations) by line only. Each is
//     located in the text from its line, the keyword before it and the
//     one after it; one that cannot be located exactly is left out, never
//     reported at a guessed place. The INTO clause of a SELECT or
//     RETURNING, which PL/pgSQL removes, is blanked out of the parsed
//     text (not of Text), so the statement reads as the SQL PostgreSQL
//     runs. Expressions (IF conditions, assignments, RAISE arguments),
//     PERFORM and dynamic SQL (EXECUTE) are not statements of the body.
//   - A body in a quoted string ('…' or E'…') is analysed only where its
//     text reads as it is written: a statement that contains a doubled
//     quote or a backslash escape is left out (Skipped says so).
//   - Bodies in other languages (plpython, C, …) are not analysed.
//   - A PL/pgSQL body that does not compile yields one body statement
//     whose Err (kind BodyError, or Placeholder) sits on the line
//     PostgreSQL names; PostgreSQL gives no column. Errors that come only
//     from compiling without a database catalog, as pg_query does
//     (bound cursors, fields of record variables, positional $n aliases,
//     OUT parameters), are not reported: the body is Skipped instead.
//
// Statements of a body may have bodies of their own (a DO block that
// creates a function): Body nests.
type Routine struct {
	Language string        // "sql" or "plpgsql"
	Span     source.Span   // the body in the file: inside the string literal's delimiters, or between BEGIN ATOMIC and END
	Quote    string        // the literal's opening delimiter: "$$", "$tag$", "'" or "E'"; "" for BEGIN ATOMIC
	Comments []source.Span // the comments inside the body, in order, where they are written as they read
	Skipped  []Skip        // what of the body is not analysed, and why
}

// A Skip is a part of a routine body that sqlsage does not analyse.
type Skip struct {
	Span   source.Span // in the file; the whole body when the part cannot be told apart
	Reason string      // lowercase, for people
}

// QuoteText returns text as it must be written inside the routine's body
// literal to read as text: quotes doubled in a single-quoted string, backslashes
// doubled too in an E'…' string. It reports false when text cannot be
// written there, as when it holds a dollar-quoted literal's closing
// delimiter.
func (r *Routine) QuoteText(text string) (string, bool) {
	switch {
	case r.Quote == "":
		return text, true
	case r.Quote == "'":
		return strings.ReplaceAll(text, "'", "''"), true
	case r.Quote == "E'":
		return strings.ReplaceAll(strings.ReplaceAll(text, `\`, `\\`), "'", "''"), true
	default:
		return text, !strings.Contains(text, r.Quote)
	}
}

// routine is the cached, statement-relative form of a Routine: it is
// computed once per distinct statement text, with the parse of each body
// statement through the same cache.
type routine struct {
	language string
	lit      *literal
	comments []source.Span // relative to the statement
	parts    []bodyPart
	skipped  []Skip // spans relative to the statement
}

// A bodyPart is one statement of a routine body, relative to the
// enclosing statement's text.
type bodyPart struct {
	span  source.Span // relative to the statement
	entry *parsed     // the parse of the part's text (with a PL/pgSQL INTO clause blanked); nil for err
	err   *Error      // a PL/pgSQL body that does not compile, its Span relative to the statement
}

// attachBody builds s.Routine and s.Body, in file offsets, from the
// cached routine of s's parse. text is the file's text.
func (s *Stmt) attachBody(text string) {
	r := s.entry.routine
	base := s.Span.Start
	s.Routine = &Routine{Language: r.language, Span: r.lit.inner.Shift(base), Quote: r.lit.quote}
	if len(r.comments) > 0 {
		s.Routine.Comments = make([]source.Span, len(r.comments))
		for i, c := range r.comments {
			s.Routine.Comments[i] = c.Shift(base)
		}
	}
	for _, sk := range r.skipped {
		s.Routine.Skipped = append(s.Routine.Skipped, Skip{Span: sk.Span.Shift(base), Reason: sk.Reason})
	}
	s.Body = make([]*Stmt, 0, len(r.parts))
	for _, part := range r.parts {
		span := part.span.Shift(base)
		b := &Stmt{Kind: SQL, Span: span, Text: text[span.Start:span.End], Parent: s, entry: part.entry}
		if part.err != nil {
			e := *part.err
			e.Span = e.Span.Shift(base)
			b.Err = &e
		} else {
			b.Node = part.entry.node
			if part.entry.err != nil {
				b.Err = classify(b, part.entry.err)
			}
			if part.entry.routine != nil {
				b.attachBody(text)
			}
		}
		s.Body = append(s.Body, b)
	}
}

// routineOf finds the body of a CREATE FUNCTION, CREATE PROCEDURE or DO
// statement written in SQL or PL/pgSQL, and the statements in it; nil for
// other statements. text is the statement's text and toks its lexemes.
func (p *Parser) routineOf(text string, toks []Lexeme, n *pg_query.Node) *routine {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_CreateFunctionStmt:
		cf := x.CreateFunctionStmt
		if cf.SqlBody != nil {
			if cf.SqlBody.GetList() == nil {
				return nil // RETURN expression: no statements
			}
			lit := atomicBlock(text, toks)
			if lit == nil {
				return nil
			}
			return p.sqlBody("sql", lit)
		}
		var lang, body string
		hasBody := false
		for _, o := range cf.Options {
			d := o.GetDefElem()
			switch d.GetDefname() {
			case "language":
				lang = strings.ToLower(d.Arg.GetString_().GetSval())
			case "as":
				if items := d.Arg.GetList().GetItems(); len(items) == 1 {
					body, hasBody = items[0].GetString_().GetSval(), true
				}
			}
		}
		if !hasBody || (lang != "sql" && lang != "plpgsql") {
			return nil
		}
		tok, escape, ok := functionLiteral(text, toks)
		if !ok {
			return nil
		}
		return p.bodyOf(lang, text, decodeLiteral(text, tok, escape, body))
	case *pg_query.Node_DoStmt:
		lang, body, hasBody := "plpgsql", "", false
		for _, o := range x.DoStmt.Args {
			d := o.GetDefElem()
			switch d.GetDefname() {
			case "language":
				lang = strings.ToLower(d.Arg.GetString_().GetSval())
			case "as":
				body, hasBody = d.Arg.GetString_().GetSval(), true
			}
		}
		if !hasBody || lang != "plpgsql" {
			return nil
		}
		tok, escape, ok := doLiteral(text, toks)
		if !ok {
			return nil
		}
		return p.bodyOf(lang, text, decodeLiteral(text, tok, escape, body))
	}
	return nil
}

// bodyOf analyses the body lit, written in lang, of the statement text.
// A body sqlsage could not decode as PostgreSQL did (lit nil) is left
// out whole.
func (p *Parser) bodyOf(lang, text string, lit *literal) *routine {
	if lit == nil {
		return nil
	}
	if lang == "sql" {
		return p.sqlBody(lang, lit)
	}
	return p.plpgsqlBody(text, lit)
}

// functionLiteral returns the string literal after AS (outside
// parentheses) in a CREATE FUNCTION statement, and whether it is an
// E'…' string.
func functionLiteral(text string, toks []Lexeme) (tok Lexeme, escape, ok bool) {
	depth := 0
	for i, t := range toks {
		switch {
		case t.Kind == LexComment:
			continue
		case t.Kind == LexPunct && text[t.Start] == '(':
			depth++
		case t.Kind == LexPunct && text[t.Start] == ')':
			depth--
		case depth == 0 && t.Is(text, "as"):
			return literalAt(text, toks, i+1)
		}
	}
	return Lexeme{}, false, false
}

// doLiteral returns the string literal of a DO statement that is its code
// (the one not after LANGUAGE), and whether it is an E'…' string.
func doLiteral(text string, toks []Lexeme) (tok Lexeme, escape, ok bool) {
	prev := Lexeme{Kind: LexPunct}
	for i, t := range toks {
		if t.Kind == LexComment {
			continue
		}
		if i > 0 && !prev.Is(text, "language") {
			if tok, escape, ok := literalAt(text, toks, i); ok {
				return tok, escape, true
			}
		}
		prev = t
	}
	return Lexeme{}, false, false
}

// literalAt returns the string literal that starts at toks[i] (skipping
// comments): a LexString, or E glued to one.
func literalAt(text string, toks []Lexeme, i int) (tok Lexeme, escape, ok bool) {
	for i < len(toks) && toks[i].Kind == LexComment {
		i++
	}
	if i >= len(toks) {
		return Lexeme{}, false, false
	}
	t := toks[i]
	if t.Kind == LexString {
		return t, false, true
	}
	if (t.Is(text, "e")) && i+1 < len(toks) && toks[i+1].Kind == LexString && toks[i+1].Start == t.End && text[t.End] == '\'' {
		return toks[i+1], true, true
	}
	return Lexeme{}, false, false
}

// atomicBlock returns the statements of a BEGIN ATOMIC … END body as a
// literal of plain text: from after ATOMIC to before its END.
func atomicBlock(text string, toks []Lexeme) *literal {
	start, depth, nest := -1, 0, 0
	var prev Lexeme
	for _, t := range toks {
		if t.Kind == LexComment {
			continue
		}
		switch {
		case t.Kind == LexPunct && text[t.Start] == '(':
			depth++
		case t.Kind == LexPunct && text[t.Start] == ')':
			depth--
		case start < 0 && depth == 0 && t.Is(text, "atomic") && prev.Is(text, "begin"):
			start, nest = t.End, 1
		case start >= 0 && t.Is(text, "case"):
			nest++
		case start >= 0 && t.Is(text, "end"):
			nest--
			if nest == 0 {
				return plainLiteral(text, source.Span{Start: start, End: t.Start})
			}
		}
		prev = t
	}
	return nil
}

// sqlBody splits an SQL body into statements, as a file is split, and
// parses each through the cache.
func (p *Parser) sqlBody(lang string, lit *literal) *routine {
	r := &routine{language: lang, lit: lit}
	segs, comments := Split(lit.content)
	r.comments = lit.spans(comments)
	for _, seg := range segs {
		if seg.Kind != SQL {
			continue
		}
		span, ok := lit.span(seg.Span)
		if !ok {
			r.skipped = append(r.skipped, Skip{Span: lit.looseSpan(seg.Span), Reason: escapedReason})
			continue
		}
		r.parts = append(r.parts, bodyPart{span: span, entry: p.parse(lit.content[seg.Span.Start:seg.Span.End])})
	}
	return r
}

// escapedReason says why a statement of a quoted body is skipped.
const escapedReason = "statement of a quoted function body with doubled quotes or backslash escapes: " +
	"its text in the file is not the text PostgreSQL runs; dollar-quote the body ($$ … $$) to have it analysed"

// spans maps content spans (comments) to the text, leaving out those that
// are not written as they read.
func (l *literal) spans(in []source.Span) []source.Span {
	var out []source.Span
	for _, c := range in {
		if s, ok := l.span(c); ok {
			out = append(out, s)
		}
	}
	return out
}

// looseSpan maps a content span to the text through offset: the text
// that holds it, escapes included.
func (l *literal) looseSpan(s source.Span) source.Span {
	return source.Span{Start: l.offset(s.Start), End: max(l.offset(s.Start), l.offset(s.End))}
}
