package syntax

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A literal is the content of a string literal that holds a routine body,
// with the map from the content back to the text the literal was written
// in. In a dollar-quoted literal the two are the same text; in a quoted
// one, each doubled quote and, in an E'…' string, each backslash
// escape stands for other bytes of the content, so only the runs of
// content between escapes can be located in the text exactly.
type literal struct {
	quote   string      // the opening delimiter: "$tag$", "'" or "E'"; "" for a BEGIN ATOMIC block
	inner   source.Span // the text between the delimiters, relative to the text lexed
	content string      // the value: what PostgreSQL compiles
	runs    []run       // the stretches of content written as they are, in order
}

// A run is a stretch of a literal's content written as is:
// content[c:c+n] is text[t:t+n].
type run struct{ c, t, n int }

// plainLiteral returns a literal whose content is text[span] itself: a
// BEGIN ATOMIC block.
func plainLiteral(text string, span source.Span) *literal {
	return &literal{inner: span, content: text[span.Start:span.End], runs: []run{{0, span.Start, span.Len()}}}
}

// decodeLiteral decodes the string literal tok of text (a dollar-quoted
// string, a standard single-quoted string, or an escape string when escape is true)
// and returns it if its value is want, the value the parser saw. A literal
// sqlsage decodes differently from PostgreSQL, or one not terminated,
// gives nil: better no body than a body mapped to the wrong place.
func decodeLiteral(text string, tok Lexeme, escape bool, want string) *literal {
	raw := tok.Text(text)
	var l *literal
	switch {
	case strings.HasPrefix(raw, "$"):
		end := strings.IndexByte(raw[1:], '$')
		if end < 0 {
			return nil
		}
		tag := raw[:end+2]
		if len(raw) < 2*len(tag) || !strings.HasSuffix(raw, tag) {
			return nil
		}
		inner := source.Span{Start: tok.Start + len(tag), End: tok.End - len(tag)}
		l = &literal{quote: tag, inner: inner, content: text[inner.Start:inner.End],
			runs: []run{{0, inner.Start, inner.Len()}}}
	case strings.HasPrefix(raw, "'"):
		if len(raw) < 2 || raw[len(raw)-1] != '\'' {
			return nil
		}
		l = decodeQuoted(text, source.Span{Start: tok.Start + 1, End: tok.End - 1}, escape)
		if l == nil {
			return nil
		}
	default:
		return nil
	}
	if l.content != want {
		return nil
	}
	return l
}

// decodeQuoted decodes the inside of a quoted string literal, text[inner].
func decodeQuoted(text string, inner source.Span, escape bool) *literal {
	l := &literal{quote: "'", inner: inner}
	if escape {
		l.quote = "E'"
	}
	var b strings.Builder
	runStart := inner.Start // start in text of the current run
	flush := func(end int) {
		if end > runStart {
			l.runs = append(l.runs, run{b.Len(), runStart, end - runStart})
			b.WriteString(text[runStart:end])
		}
	}
	for i := inner.Start; i < inner.End; {
		c := text[i]
		switch {
		case c == '\'':
			if i+1 >= inner.End || text[i+1] != '\'' {
				return nil // a lone quote inside: not one literal
			}
			flush(i)
			b.WriteByte('\'')
			i += 2
			runStart = i
		case c == '\\' && escape:
			value, n := unescape(text[i:inner.End])
			if n == 0 {
				return nil
			}
			flush(i)
			b.WriteString(value)
			i += n
			runStart = i
		default:
			i++
		}
	}
	flush(inner.End)
	l.content = b.String()
	return l
}

// unescape decodes the backslash escape at the start of s, as
// PostgreSQL's scanner does in an E'…' string, returning its value and
// length; n is 0 when s holds no complete escape.
func unescape(s string) (value string, n int) {
	if len(s) < 2 {
		return "", 0
	}
	hexRun := func(from, max int) int {
		k := from
		for k < len(s) && k-from < max && strings.IndexByte("0123456789abcdefABCDEF", s[k]) >= 0 {
			k++
		}
		return k
	}
	switch c := s[1]; {
	case c >= '0' && c <= '7':
		k := 1
		for k < len(s) && k < 4 && s[k] >= '0' && s[k] <= '7' {
			k++
		}
		v, _ := strconv.ParseUint(s[1:k], 8, 16)
		return string([]byte{byte(v)}), k
	case c == 'x' && len(s) > 2 && hexRun(2, 2) > 2:
		k := hexRun(2, 2)
		v, _ := strconv.ParseUint(s[2:k], 16, 8)
		return string([]byte{byte(v)}), k
	case c == 'u' || c == 'U':
		width := 4
		if c == 'U' {
			width = 8
		}
		k := hexRun(2, width)
		if k-2 != width {
			return "", 0
		}
		v, _ := strconv.ParseUint(s[2:k], 16, 32)
		r := rune(v)
		if r >= 0xD800 && r <= 0xDBFF { // a surrogate pair: \uD83D\uDE00
			if len(s) < k+6 || s[k] != '\\' || s[k+1] != 'u' {
				return "", 0
			}
			lo, err := strconv.ParseUint(s[k+2:k+6], 16, 32)
			if err != nil || lo < 0xDC00 || lo > 0xDFFF {
				return "", 0
			}
			r = 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00)
			k += 6
		}
		if !utf8.ValidRune(r) || r == 0 {
			return "", 0
		}
		return string(r), k
	case c == 'b':
		return "\b", 2
	case c == 'f':
		return "\f", 2
	case c == 'n':
		return "\n", 2
	case c == 'r':
		return "\r", 2
	case c == 't':
		return "\t", 2
	default:
		_, size := utf8.DecodeRuneInString(s[1:])
		return s[1 : 1+size], 1 + size
	}
}

// span maps a span of the content to the text, when the span lies within
// one run (it is written exactly as it reads).
func (l *literal) span(s source.Span) (source.Span, bool) {
	for _, r := range l.runs {
		if s.Start >= r.c && s.End <= r.c+r.n {
			return s.Shift(r.t - r.c), true
		}
		if r.c > s.Start {
			break
		}
	}
	return source.Span{}, false
}

// offset maps an offset of the content to the text: inside a run,
// exactly; inside the value of escapes, to where those escapes start.
func (l *literal) offset(c int) int {
	t := l.inner.Start // where the text after the previous run starts
	for _, r := range l.runs {
		if c < r.c {
			break
		}
		if c <= r.c+r.n {
			return r.t + c - r.c
		}
		t = r.t + r.n
	}
	return t
}
