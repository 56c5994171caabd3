package syntax

import "strings"

// LexKind classifies a lexical token of PostgreSQL SQL as seen by psql.
type LexKind uint8

// Token kinds produced by Lex.
const (
	LexWord        LexKind = iota // identifier or keyword, unquoted
	LexQuotedIdent                // "identifier"
	LexString                     // '...', E'...', $tag$...$tag$
	LexNumber                     // 42, 3.14, 1e5
	LexParam                      // $1
	LexPunct                      // operators and punctuation: ( ) , ; . :: = ...
	LexComment                    // -- line or /* block */ comment
	LexMeta                       // a psql meta-command: from "\" to the end of the line
)

// A Lexeme is one lexical unit, located by byte offsets relative to the
// text that was lexed.
type Lexeme struct {
	Kind       LexKind
	Start, End int
}

// Text returns the token's text within src, the string that was lexed.
func (t Lexeme) Text(src string) string { return src[t.Start:t.End] }

// Is reports whether the token is the unquoted word w, compared
// case-insensitively (keywords and identifiers fold to lower case).
func (t Lexeme) Is(src, w string) bool {
	return t.Kind == LexWord && strings.EqualFold(src[t.Start:t.End], w)
}

// Lex returns the tokens of src, comments and meta-commands included.
// It never fails: an unterminated string or comment runs to the end.
func Lex(src string) []Lexeme {
	var toks []Lexeme
	for pos := 0; ; {
		t, ok := nextToken(src, pos)
		if !ok {
			return toks
		}
		toks = append(toks, t)
		pos = t.End
	}
}

// nextToken returns the token starting at or after pos, skipping white space.
func nextToken(src string, pos int) (Lexeme, bool) {
	n := len(src)
	if pos == 0 && strings.HasPrefix(src, bom) {
		pos = len(bom) // a byte order mark starting the text is white space
	}
	for pos < n && isSpace(src[pos]) {
		pos++
	}
	if pos >= n {
		return Lexeme{}, false
	}
	start := pos
	c := src[pos]
	switch {
	case c == '-' && pos+1 < n && src[pos+1] == '-':
		end := strings.IndexByte(src[pos:], '\n')
		if end < 0 {
			return Lexeme{LexComment, start, n}, true
		}
		end += pos
		if end > start && src[end-1] == '\r' {
			end--
		}
		return Lexeme{LexComment, start, end}, true
	case c == '/' && pos+1 < n && src[pos+1] == '*':
		depth := 0
		for pos < n {
			if src[pos] == '/' && pos+1 < n && src[pos+1] == '*' {
				depth++
				pos += 2
			} else if src[pos] == '*' && pos+1 < n && src[pos+1] == '/' {
				depth--
				pos += 2
				if depth == 0 {
					break
				}
			} else {
				pos++
			}
		}
		return Lexeme{LexComment, start, pos}, true
	case c == '\\':
		end := strings.IndexAny(src[pos:], "\r\n")
		if end < 0 {
			return Lexeme{LexMeta, start, n}, true
		}
		return Lexeme{LexMeta, start, pos + end}, true
	case c == '\'':
		return Lexeme{LexString, start, scanQuoted(src, pos, '\'', escapeString(src, pos))}, true
	case c == '"':
		return Lexeme{LexQuotedIdent, start, scanQuoted(src, pos, '"', false)}, true
	case c == '$':
		if pos+1 < n && isDigit(src[pos+1]) {
			pos++
			for pos < n && isDigit(src[pos]) {
				pos++
			}
			return Lexeme{LexParam, start, pos}, true
		}
		if end, ok := scanDollarQuote(src, pos); ok {
			return Lexeme{LexString, start, end}, true
		}
		return Lexeme{LexPunct, start, pos + 1}, true
	case isIdentStart(c):
		for pos < n && isIdentCont(src[pos]) {
			pos++
		}
		return Lexeme{LexWord, start, pos}, true
	case isDigit(c) || c == '.' && pos+1 < n && isDigit(src[pos+1]):
		for pos < n && (isDigit(src[pos]) || src[pos] == '.' || src[pos] == '_' ||
			(src[pos] == 'e' || src[pos] == 'E') ||
			((src[pos] == '+' || src[pos] == '-') && (src[pos-1] == 'e' || src[pos-1] == 'E'))) {
			pos++
		}
		return Lexeme{LexNumber, start, pos}, true
	case c == ':' && pos+1 < n && src[pos+1] == ':':
		return Lexeme{LexPunct, start, pos + 2}, true
	case strings.IndexByte("+-*/<>=~!@#%^&|`?", c) >= 0:
		for pos < n && strings.IndexByte("+-*/<>=~!@#%^&|`?", src[pos]) >= 0 {
			if pos > start && (src[pos] == '-' && pos+1 < n && src[pos+1] == '-' ||
				src[pos] == '/' && pos+1 < n && src[pos+1] == '*') {
				break
			}
			pos++
		}
		return Lexeme{LexPunct, start, pos}, true
	}
	// Single-byte punctuation, and any other byte (including the lead
	// byte of a non-ASCII character outside an identifier): take the whole
	// UTF-8 sequence so that token boundaries stay on character boundaries.
	pos++
	for pos < n && src[pos]&0xC0 == 0x80 {
		pos++
	}
	return Lexeme{LexPunct, start, pos}, true
}

// escapeString reports whether the quote at pos opens an E'...' string,
// in which a backslash escapes the next character.
func escapeString(src string, pos int) bool {
	if pos == 0 || (src[pos-1] != 'e' && src[pos-1] != 'E') {
		return false
	}
	return pos == 1 || !isIdentCont(src[pos-2])
}

// scanQuoted returns the end of the quoted run opening at pos, where a
// doubled quote stands for itself.
func scanQuoted(src string, pos int, q byte, backslash bool) int {
	n := len(src)
	for pos++; pos < n; pos++ {
		switch src[pos] {
		case '\\':
			if backslash {
				pos++
			}
		case q:
			if pos+1 < n && src[pos+1] == q {
				pos++
				continue
			}
			return pos + 1
		}
	}
	return n
}

// scanDollarQuote reports the end of a $tag$...$tag$ string opening at pos.
func scanDollarQuote(src string, pos int) (int, bool) {
	if pos > 0 && isIdentCont(src[pos-1]) {
		return 0, false // part of an identifier such as a$b
	}
	i := pos + 1
	for i < len(src) && src[i] != '$' {
		if !isIdentCont(src[i]) || (i == pos+1 && isDigit(src[i])) {
			return 0, false
		}
		i++
	}
	if i >= len(src) {
		return 0, false
	}
	delim := src[pos : i+1]
	end := strings.Index(src[i+1:], delim)
	if end < 0 {
		return len(src), true
	}
	return i + 1 + end + len(delim), true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}
func isIdentCont(c byte) bool { return isIdentStart(c) || isDigit(c) || c == '$' }

// unterminatedComment reports whether t, a comment of src, is a block
// comment that the end of src cut off before it was closed.
func unterminatedComment(src string, t Lexeme) bool {
	if t.Kind != LexComment || t.End != len(src) || !strings.HasPrefix(src[t.Start:], "/*") {
		return false
	}
	depth := 0
	for pos := t.Start; pos < t.End; {
		switch {
		case strings.HasPrefix(src[pos:], "/*"):
			depth++
			pos += 2
		case strings.HasPrefix(src[pos:], "*/"):
			depth--
			pos += 2
		default:
			pos++
		}
	}
	return depth > 0
}
