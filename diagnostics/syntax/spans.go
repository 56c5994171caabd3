package syntax

import (
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// NameSpan returns the file span of the possibly qualified name that
// starts at statement-relative location loc (a RangeVar's Location):
// identifiers and quoted identifiers joined by dots, such as
// `public."Orders"`.
func (s *Stmt) NameSpan(loc int32) source.Span {
	toks := s.Lexemes()
	i := s.LexemeAt(int(loc))
	if i < 0 {
		return source.Span{Start: s.Offset(loc), End: s.Offset(loc)}
	}
	start, end := toks[i].Start, toks[i].End
	for i+2 < len(toks) && toks[i+1].Kind == LexPunct && toks[i+1].Text(s.Text) == "." &&
		(toks[i+2].Kind == LexWord || toks[i+2].Kind == LexQuotedIdent) {
		i += 2
		end = toks[i].End
	}
	return source.Span{Start: s.Span.Start + start, End: s.Span.Start + end}
}

// ColumnSpan returns the file span of a column definition: from its name
// through its type and constraints, up to the comma, closing parenthesis
// or semicolon that ends it.
func (s *Stmt) ColumnSpan(def *ColumnDef) source.Span {
	return s.balancedSpan(def.Location, func(string) bool { return false })
}

// ConstraintSpans returns the file span of each of a column definition's
// constraints, in the order of def.Constraints: a constraint runs from its
// location (its CONSTRAINT keyword when named) to the last token before
// the next constraint or COLLATE clause of the column, or before the end of
// the column definition. Comments between constraints are left out.
func (s *Stmt) ConstraintSpans(def *ColumnDef) []source.Span {
	col := s.ColumnSpan(def)
	// Every clause of the column after its type starts at one of these
	// statement-relative offsets.
	starts := make([]int, 0, len(def.Constraints)+1)
	for _, n := range def.Constraints {
		starts = append(starts, int(n.GetConstraint().GetLocation()))
	}
	if def.CollClause != nil {
		starts = append(starts, int(def.CollClause.Location))
	}
	sorted := slices.Clone(starts)
	slices.Sort(sorted)
	toks := s.Lexemes()
	spans := make([]source.Span, len(def.Constraints))
	for k, n := range def.Constraints {
		start := int(n.GetConstraint().GetLocation())
		limit := col.End - s.Span.Start // the end of the column, statement-relative
		if j, ok := slices.BinarySearch(sorted, start); ok {
			for ; j < len(sorted); j++ {
				if sorted[j] > start {
					limit = sorted[j]
					break
				}
			}
		}
		end := start
		for i := s.LexemeAt(start); i >= 0 && i < len(toks) && toks[i].Start < limit; i++ {
			if toks[i].Kind != LexComment {
				end = toks[i].End
			}
		}
		spans[k] = source.Span{Start: s.Offset(int32(start)), End: s.Span.Start + end}
	}
	return spans
}

// PrevLexeme returns the index in Lexemes of the last token, comments
// included, that ends at or before the statement-relative offset rel, or -1.
func (s *Stmt) PrevLexeme(rel int) int {
	toks := s.Lexemes()
	i, _ := slices.BinarySearchFunc(toks, rel, func(t Lexeme, off int) int { return t.End - off - 1 })
	return i - 1
}
