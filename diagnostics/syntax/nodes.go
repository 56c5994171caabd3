package syntax

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

//go:generate go run gen_nodes.go

// Strings returns the String values of a list of nodes (name lists such
// as TypeName.Names or a FOREIGN KEY's columns); other nodes give "".
func Strings(nodes []*Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = n.GetString_().GetSval()
	}
	return out
}

// TypeString returns a type's internal name with modifiers and array
// bounds, the schema pg_catalog dropped: "float8", "numeric(10,2)",
// "varchar(50)", "int4[]".
func TypeString(tn *TypeName) string {
	if tn == nil {
		return ""
	}
	if len(tn.Typmods) == 0 && len(tn.ArrayBounds) == 0 {
		// The common case, without allocating: "text", "pg_catalog.int8".
		switch n := len(tn.Names); {
		case n == 1:
			return tn.Names[0].GetString_().GetSval()
		case n == 2 && tn.Names[0].GetString_().GetSval() == "pg_catalog":
			return tn.Names[1].GetString_().GetSval()
		}
	}
	names := Strings(tn.Names)
	if len(names) > 1 && names[0] == "pg_catalog" {
		names = names[1:]
	}
	var b strings.Builder
	b.WriteString(strings.Join(names, "."))
	if len(tn.Typmods) > 0 {
		mods := make([]string, len(tn.Typmods))
		for i, m := range tn.Typmods {
			if c := m.GetAConst(); c != nil && c.GetIval() != nil {
				mods[i] = fmt.Sprint(c.GetIval().GetIval())
			} else {
				mods[i] = "?"
			}
		}
		b.WriteString("(" + strings.Join(mods, ",") + ")")
	}
	for range tn.ArrayBounds {
		b.WriteString("[]")
	}
	return b.String()
}

// TypeBase returns the last part of a type's name without modifiers:
// "float8" for DOUBLE PRECISION, "varchar" for character varying(20).
func TypeBase(tn *TypeName) string {
	if tn == nil || len(tn.Names) == 0 {
		return ""
	}
	return tn.Names[len(tn.Names)-1].GetString_().GetSval()
}

// IsArray reports whether the type has array bounds.
func IsArray(tn *TypeName) bool { return tn != nil && len(tn.ArrayBounds) > 0 }

// columnStop lists the words that end a column's type and start its constraints.
var columnStop = map[string]bool{
	"constraint": true, "not": true, "null": true, "default": true, "primary": true,
	"unique": true, "references": true, "check": true, "collate": true, "generated": true,
	"compression": true, "storage": true, "using": true, "deferrable": true, "initially": true,
}

// TypeSpan returns the file span of a column's type as written, from the
// TypeName's location through its modifiers and array bounds, stopping
// before a constraint keyword, a comma or the closing parenthesis.
func (s *Stmt) TypeSpan(tn *TypeName) source.Span {
	return s.balancedSpan(tn.Location, func(word string) bool { return columnStop[word] })
}

// NodeSpan returns a span for an expression at location loc: from the
// lexeme there to the end of the balanced run of lexemes that follows,
// stopping at a comma, a closing parenthesis or a keyword in stop.
func (s *Stmt) NodeSpan(loc int32, stop ...string) source.Span {
	return s.balancedSpan(loc, func(word string) bool { return slices.Contains(stop, word) })
}

// balancedSpan returns the file span from the lexeme at statement-relative
// loc through the balanced run of lexemes after it, ending before a comma,
// a closing parenthesis or semicolon at depth 0, or a later word for which
// stop (given the lower-cased word) is true.
func (s *Stmt) balancedSpan(loc int32, stop func(word string) bool) source.Span {
	toks := s.Lexemes()
	i := s.LexemeAt(int(loc))
	if i < 0 {
		return source.Span{Start: s.Offset(loc), End: s.Offset(loc)}
	}
	start, end := toks[i].Start, toks[i].End
	depth := 0
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == LexComment {
			continue
		}
		text := t.Text(s.Text)
		if depth == 0 {
			if t.Kind == LexPunct && (text == "," || text == ")" || text == ";") {
				break
			}
			if t.Kind == LexWord && t.Start > start && stop(strings.ToLower(text)) {
				break
			}
		}
		switch text {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		}
		end = t.End
	}
	return source.Span{Start: s.Span.Start + start, End: s.Span.Start + end}
}

// StmtEnd returns the file offset just after the statement's semicolon (or
// its last lexeme when it has none).
func (s *Stmt) StmtEnd() int { return s.Span.End }
