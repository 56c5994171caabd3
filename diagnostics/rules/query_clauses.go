package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// The query rules' fixes edit clauses the parse tree gives no span for (a
// SELECT node has no location, an expression only its operator's). These
// helpers find clauses by walking the statement's lexemes, counting
// parentheses.

// punct reports whether lexeme i of st is the punctuation p.
func punct(st *syntax.Stmt, i int, p string) bool {
	toks := st.Lexemes()
	return i >= 0 && i < len(toks) && toks[i].Kind == syntax.LexPunct && toks[i].Text(st.Text) == p
}

// word reports whether lexeme i of st is the unquoted word w (any case).
func word(st *syntax.Stmt, i int, w string) bool {
	toks := st.Lexemes()
	return i >= 0 && i < len(toks) && toks[i].Is(st.Text, w)
}

// nextLexeme returns the index of the first non-comment lexeme after i, or -1.
func nextLexeme(st *syntax.Stmt, i int) int {
	toks := st.Lexemes()
	for i++; i < len(toks); i++ {
		if toks[i].Kind != syntax.LexComment {
			return i
		}
	}
	return -1
}

// prevLexeme returns the index of the last non-comment lexeme before i, or -1.
func prevLexeme(st *syntax.Stmt, i int) int {
	toks := st.Lexemes()
	for i--; i >= 0; i-- {
		if toks[i].Kind != syntax.LexComment {
			return i
		}
	}
	return -1
}

// lexemeAtLoc returns the index of the lexeme starting at the
// statement-relative location loc, or -1 when none starts exactly there.
func lexemeAtLoc(st *syntax.Stmt, loc int32) int {
	i := st.LexemeAt(int(loc))
	if i < 0 || st.Lexemes()[i].Start != int(loc) {
		return -1
	}
	return i
}

// closeParen returns the index of the parenthesis that closes the one at
// lexeme open, or -1.
func closeParen(st *syntax.Stmt, open int) int {
	toks := st.Lexemes()
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].Kind != syntax.LexPunct {
			continue
		}
		switch toks[i].Text(st.Text) {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// lastLexeme returns the index of the statement's last lexeme that is
// neither a comment nor its closing semicolon, or -1.
func lastLexeme(st *syntax.Stmt) int {
	i := prevLexeme(st, len(st.Lexemes()))
	if punct(st, i, ";") {
		i = prevLexeme(st, i)
	}
	return i
}

// lexemeSpan returns the file span from the start of lexeme i to the end of lexeme j.
func lexemeSpan(st *syntax.Stmt, i, j int) source.Span {
	return source.Span{Start: st.LexemeSpan(i).Start, End: st.LexemeSpan(j).End}
}

// clauseWords are the keywords that start a clause of a SELECT after its
// FROM clause, or end the SELECT.
var clauseWords = []string{"where", "group", "having", "window", "order", "limit", "offset", "fetch", "for",
	"union", "intersect", "except", "returning", "on"}

// A selectText locates one SELECT's clauses in its statement's lexemes.
type selectText struct {
	from, where int // lexeme index of the FROM and WHERE keywords, -1 when absent
	whereEnd    int // index of the lexeme after the WHERE condition
	fromEnd     int // index of the lexeme after the FROM clause
}

// locateSelect finds the clauses of the SELECT whose text starts at
// lexeme start (its SELECT keyword) and runs, at depth zero, until a
// closing parenthesis, the end of the statement, or a set operation. It
// returns ok false when the text does not look like a plain SELECT.
func locateSelect(st *syntax.Stmt, start int) (selectText, bool) {
	toks := st.Lexemes()
	s := selectText{from: -1, where: -1, whereEnd: -1, fromEnd: -1}
	if !word(st, start, "select") {
		return s, false
	}
	depth := 0
	end := len(toks)
	for i := start + 1; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == syntax.LexPunct {
			switch t.Text(st.Text) {
			case "(", "[":
				depth++
			case ")", "]":
				depth--
			case ";":
				if depth == 0 {
					end = i
				}
			}
			if depth < 0 {
				end = i
			}
			if end != len(toks) {
				break
			}
			continue
		}
		if depth != 0 || t.Kind != syntax.LexWord {
			continue
		}
		prev := prevLexeme(st, i)
		switch {
		case t.Is(st.Text, "from") && s.from < 0 && !word(st, prev, "distinct"):
			s.from = i
		case t.Is(st.Text, "where") && s.from >= 0 && s.where < 0:
			s.where = i
			s.fromEnd = i
		case s.from >= 0 && isClauseWord(st, i) && !t.Is(st.Text, "on") && !(t.Is(st.Text, "group") && word(st, prev, "within")):
			if s.fromEnd < 0 {
				s.fromEnd = i
			}
			if s.where >= 0 && s.whereEnd < 0 {
				s.whereEnd = i
			}
			if t.Is(st.Text, "union") || t.Is(st.Text, "intersect") || t.Is(st.Text, "except") {
				end = i
			}
		}
		if end != len(toks) {
			break
		}
	}
	if s.fromEnd < 0 {
		s.fromEnd = end
	}
	if s.where >= 0 && s.whereEnd < 0 {
		s.whereEnd = end
	}
	return s, s.from >= 0
}

func isClauseWord(st *syntax.Stmt, i int) bool {
	for _, w := range clauseWords {
		if st.Lexemes()[i].Is(st.Text, w) {
			return true
		}
	}
	return false
}

// selectStart returns the index of the SELECT keyword of sel, found by
// walking back from its first output column at depth zero, or -1.
func selectStart(st *syntax.Stmt, sel *syntax.SelectStmt) int {
	if sel == nil || len(sel.TargetList) == 0 {
		return -1
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil {
		return -1
	}
	i := st.LexemeAt(int(rt.Location))
	depth := 0
	for i = prevLexeme(st, i); i >= 0; i = prevLexeme(st, i) {
		switch {
		case punct(st, i, ")"):
			depth++
		case punct(st, i, "("):
			depth--
			if depth < 0 {
				return -1
			}
		case depth == 0 && word(st, i, "select"):
			return i
		}
	}
	return -1
}

// andPredicate returns the edits that add the condition pred to the
// WHERE clause of sel, a SELECT of st: "WHERE a AND pred", with the old
// condition parenthesised when it is an OR; or a new "WHERE pred" after
// the FROM clause. ok is false when the clauses cannot be located.
func andPredicate(st *syntax.Stmt, sel *syntax.SelectStmt, pred string) (edits []source.Edit, ok bool) {
	start := selectStart(st, sel)
	if start < 0 {
		return nil, false
	}
	loc, ok := locateSelect(st, start)
	if !ok {
		return nil, false
	}
	if sel.WhereClause == nil {
		last := prevLexeme(st, loc.fromEnd)
		if last <= loc.from {
			return nil, false
		}
		return []source.Edit{{Span: emptySpan(st.LexemeSpan(last).End), New: " WHERE " + pred}}, true
	}
	if loc.where < 0 {
		return nil, false
	}
	last := prevLexeme(st, loc.whereEnd)
	if last <= loc.where {
		return nil, false
	}
	end := st.LexemeSpan(last).End
	if b := sel.WhereClause.GetBoolExpr(); b != nil && b.Boolop == syntax.BoolExprType_OR_EXPR && !parenthesized(st, loc.where, last) {
		first := nextLexeme(st, loc.where)
		return []source.Edit{
			{Span: emptySpan(st.LexemeSpan(first).Start), New: "("},
			{Span: emptySpan(end), New: ") AND " + pred},
		}, true
	}
	return []source.Edit{{Span: emptySpan(end), New: " AND " + pred}}, true
}

// emptySpan returns the empty span at offset off, where an insertion goes.
func emptySpan(off int) source.Span { return source.Span{Start: off, End: off} }

// onClauseEnd lists the words that end a join's ON condition.
var onClauseEnd = []string{"join", "inner", "left", "right", "full", "cross", "natural", "on", "where", "group", "having",
	"window", "order", "limit", "offset", "fetch", "for", "union", "intersect", "except", "returning"}

// andJoinPredicate returns the edits that add the condition pred to the
// ON clause of join j, parenthesising the old condition when it is an
// OR. ok is false when the clause cannot be located (USING, NATURAL).
func andJoinPredicate(st *syntax.Stmt, j *syntax.JoinExpr, pred string) (edits []source.Edit, ok bool) {
	if j.Quals == nil {
		return nil, false
	}
	first := lexemeAtLoc(st, exprStart(j.Quals))
	on := prevLexeme(st, first)
	for punct(st, on, "(") {
		on = prevLexeme(st, on)
	}
	if first < 0 || !word(st, on, "on") {
		return nil, false
	}
	toks := st.Lexemes()
	end := len(toks)
	depth := 0
scan:
	for k := nextLexeme(st, on); k >= 0; k = nextLexeme(st, k) {
		switch t := toks[k]; {
		case punct(st, k, "("):
			depth++
		case punct(st, k, ")"):
			if depth == 0 {
				end = k
				break scan
			}
			depth--
		case depth == 0 && (punct(st, k, ",") || punct(st, k, ";")):
			end = k
			break scan
		case depth == 0 && t.Kind == syntax.LexWord && !punct(st, nextLexeme(st, k), "("):
			for _, w := range onClauseEnd {
				if t.Is(st.Text, w) {
					end = k
					break scan
				}
			}
		}
	}
	last := prevLexeme(st, end)
	if last <= on {
		return nil, false
	}
	stop := st.LexemeSpan(last).End
	if b := j.Quals.GetBoolExpr(); b != nil && b.Boolop == syntax.BoolExprType_OR_EXPR && !parenthesized(st, on, last) {
		return []source.Edit{
			{Span: emptySpan(st.LexemeSpan(nextLexeme(st, on)).Start), New: "("},
			{Span: emptySpan(stop), New: ") AND " + pred},
		}, true
	}
	return []source.Edit{{Span: emptySpan(stop), New: " AND " + pred}}, true
}

// parenthesized reports whether the lexemes after kw through last are
// one parenthesised expression.
func parenthesized(st *syntax.Stmt, kw, last int) bool {
	first := nextLexeme(st, kw)
	return punct(st, first, "(") && closeParen(st, first) == last
}
