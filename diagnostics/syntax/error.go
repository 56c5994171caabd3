package syntax

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	pgparser "github.com/pganalyze/pg_query_go/v5/parser"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// An ErrorKind says why a statement could not be parsed, when sqlsage can tell.
type ErrorKind uint8

// Error kinds.
const (
	PlainError    ErrorKind = iota // the parser's own message
	MySQLError                     // MySQL-only syntax: backticks, AUTO_INCREMENT, ENGINE=
	Placeholder                    // a template placeholder: ${x}, {{ x }}, :var, %s
	EncodingError                  // bytes that are not UTF-8
	NewerSyntax                    // syntax of a PostgreSQL release newer than the grammar
	BodyError                      // an error in a PL/pgSQL body, which PostgreSQL locates only by line
)

// An Error is a statement that does not parse, located in the file.
type Error struct {
	Kind    ErrorKind
	Span    source.Span // file offsets: the token where the parser stopped (or the placeholder)
	Message string
}

func (e *Error) Error() string { return e.Message }

var (
	flywayPlaceholder = regexp.MustCompile(`\$\{[A-Za-z_][\w.]*\}`)
	goTemplate        = regexp.MustCompile(`\{\{.*?\}\}`)
	printfVerb        = regexp.MustCompile(`%(\([A-Za-z_]\w*\))?[sdv]|%[A-Za-z_]\w*%`)
)

// classify turns pg_query's error into a located Error, recognising MySQL
// syntax and template placeholders so that the message names them.
func classify(s *Stmt, perr *pgparser.Error) *Error {
	if bad := invalidUTF8(s.Text); bad >= 0 {
		return &Error{Kind: EncodingError, Span: source.Span{Start: s.Span.Start + bad, End: s.Span.Start + bad + 1},
			Message: fmt.Sprintf("invalid UTF-8 byte 0x%02x: sqlsage reads UTF-8 text; convert the file to UTF-8", s.Text[bad])}
	}
	rel := cursorOffset(s.Text, perr.Cursorpos)
	e := &Error{Kind: PlainError, Span: s.errorSpan(rel), Message: perr.Message}
	toks := s.Lexemes()
	// Template placeholders first: they explain the failure best.
	if m := placeholder(s.Text, toks); m != nil {
		e.Kind = Placeholder
		e.Span = source.Span{Start: s.Span.Start + m[0], End: s.Span.Start + m[1]}
		e.Message = fmt.Sprintf("template placeholder %s: sqlsage cannot analyse this statement until the placeholder is filled in (%s)",
			s.Text[m[0]:m[1]], perr.Message)
		return e
	}
	errAt := s.LexemeAt(rel)
	if m := goTemplate.FindStringIndex(s.Text); m != nil {
		// A Go template can sit inside a quoted identifier: "{{ .Schema }}".users
		e.Kind = Placeholder
		e.Span = source.Span{Start: s.Span.Start + m[0], End: s.Span.Start + m[1]}
		e.Message = fmt.Sprintf("template placeholder %s: sqlsage cannot analyse this statement until the placeholder is filled in (%s)",
			s.Text[m[0]:m[1]], perr.Message)
		return e
	}
	if errAt >= 0 {
		if what, release := newerSyntax(s.Text, toks, errAt); what != "" {
			e.Kind = NewerSyntax
			e.Message = fmt.Sprintf("%s is PostgreSQL %d syntax; sqlsage parses with the PostgreSQL 16 grammar and cannot analyse this statement (%s)",
				what, release, perr.Message)
			return e
		}
		if t := toks[errAt]; (t.Is(s.Text, "index") || t.Is(s.Text, "key")) && errAt > 0 &&
			(toks[errAt-1].Text(s.Text) == "," || toks[errAt-1].Is(s.Text, "unique") || toks[errAt-1].Is(s.Text, "fulltext")) {
			e.Kind = MySQLError
			e.Message = fmt.Sprintf("MySQL syntax (%s inside CREATE TABLE): sqlsage reads PostgreSQL; declare it with a separate CREATE INDEX", strings.ToUpper(t.Text(s.Text)))
			return e
		}
	}
	for i, t := range toks {
		what, hint := "", ""
		switch {
		case t.Kind == LexPunct && s.Text[t.Start] == '`':
			what, hint = "backtick-quoted identifiers", `use "double quotes"`
		case t.Is(s.Text, "auto_increment"):
			what, hint = "AUTO_INCREMENT", "use GENERATED ALWAYS AS IDENTITY"
		case t.Is(s.Text, "engine") && i+1 < len(toks) && toks[i+1].Kind == LexPunct && toks[i+1].Text(s.Text) == "=":
			what, hint = "ENGINE=", "PostgreSQL has no storage engines; remove it"
		case t.Is(s.Text, "unsigned"):
			what, hint = "UNSIGNED", "use a CHECK (col >= 0) constraint"
		default:
			continue
		}
		e.Kind = MySQLError
		e.Span = source.Span{Start: s.Span.Start + t.Start, End: s.Span.Start + t.End}
		e.Message = fmt.Sprintf("MySQL syntax (%s): sqlsage reads PostgreSQL; %s", what, hint)
		return e
	}
	return e
}

// newerSyntax recognises, at the lexeme where parsing stopped, syntax
// that a PostgreSQL release newer than the 16 grammar added, and names it
// with that release.
func newerSyntax(text string, toks []Lexeme, i int) (what string, release int) {
	next := func(k int) Lexeme {
		if i+k < len(toks) {
			return toks[i+k]
		}
		return Lexeme{Kind: LexPunct}
	}
	t := toks[i]
	switch {
	case t.Is(text, "without") && next(1).Is(text, "overlaps"):
		return "WITHOUT OVERLAPS", 18
	case t.Is(text, "period") && i > 0 && toks[i-1].Text(text) == ",":
		return "PERIOD in a foreign key", 18
	case t.Is(text, "for") && next(1).Is(text, "portion") && next(2).Is(text, "of"):
		return "FOR PORTION OF", 18
	case t.Is(text, "virtual") && i > 0 && toks[i-1].Text(text) == ")":
		return "a VIRTUAL generated column", 18
	case t.Is(text, "returning") && len(toks) > 0 && toks[0].Is(text, "merge"):
		return "MERGE … RETURNING", 17
	case t.Is(text, "json_table") || (t.Text(text) == "(" && i > 0 && toks[i-1].Is(text, "json_table")):
		return "JSON_TABLE", 17
	}
	return "", 0
}

// invalidUTF8 returns the offset of the first byte of text that is not
// part of a valid UTF-8 sequence, or -1.
func invalidUTF8(text string) int {
	for i, r := range text {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// placeholder returns the statement-relative span of the first template
// placeholder in text, or nil.
func placeholder(text string, toks []Lexeme) []int {
	if m := templatePlaceholder(text, toks); m != nil {
		return m
	}
	return psqlVariable(text, toks)
}

// templatePlaceholder returns the span of the first placeholder of a
// template tool (Flyway ${x}, Go templates {{ x }}, printf verbs) in
// text, or nil. These tools substitute inside quoted strings too, so the
// placeholders of a routine body count.
func templatePlaceholder(text string, toks []Lexeme) []int {
	for _, t := range toks {
		if t.Kind == LexString || t.Kind == LexQuotedIdent || t.Kind == LexComment {
			continue
		}
		seg := text[t.Start:]
		if t.Kind == LexPunct && strings.HasPrefix(seg, "${") {
			if m := flywayPlaceholder.FindStringIndex(seg); m != nil && m[0] == 0 {
				return []int{t.Start, t.Start + m[1]}
			}
		}
		if t.Kind == LexPunct && strings.HasPrefix(seg, "{{") {
			if m := goTemplate.FindStringIndex(seg); m != nil && m[0] == 0 {
				return []int{t.Start, t.Start + m[1]}
			}
		}
		if t.Kind == LexPunct && text[t.Start] == '%' {
			if m := printfVerb.FindStringIndex(seg); m != nil && m[0] == 0 {
				return []int{t.Start, t.Start + m[1]}
			}
		}
	}
	return nil
}

// psqlVariable returns the span of the first psql variable (:name,
// :'name', :"name": a lone colon, not ::, glued to what follows) in text,
// or nil. psql does not substitute inside quoted strings, so a routine
// body never holds one.
func psqlVariable(text string, toks []Lexeme) []int {
	for i, t := range toks {
		if t.Kind != LexPunct || t.Text(text) != ":" || i+1 >= len(toks) || toks[i+1].Start != t.End {
			continue
		}
		if i > 0 && toks[i-1].End == t.Start && toks[i-1].Kind == LexPunct && text[toks[i-1].Start] == '[' {
			continue // array slice a[1:2]
		}
		next := toks[i+1]
		if next.Kind == LexWord || next.Kind == LexString || next.Kind == LexQuotedIdent {
			return []int{t.Start, next.End}
		}
	}
	return nil
}

// errorSpan returns the file span of the token at statement-relative
// offset rel; at the end of the statement, its last token.
func (s *Stmt) errorSpan(rel int) source.Span {
	// The parser points into a comment only when the comment is the
	// error: one the end of the file left open.
	for i, t := range s.Lexemes() {
		if t.Kind == LexComment && t.Start <= rel && rel < t.End && unterminatedComment(s.Text, t) {
			return s.LexemeSpan(i)
		}
	}
	if i := s.LexemeAt(rel); i >= 0 {
		return s.LexemeSpan(i)
	}
	toks := s.Lexemes()
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Kind != LexComment {
			return s.LexemeSpan(i)
		}
	}
	return source.Span{Start: s.Span.Start, End: s.Span.Start}
}
