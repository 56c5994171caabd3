package diagnostics

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// ignoreDirective matches "-- sqlsage-ignore a, b reason" and
// "-- sqlsage-ignore-file a"; group 1 is "-file" or "", group 2 the IDs.
var ignoreDirective = regexp.MustCompile(`^(?:--|/\*)\s*sqlsage-ignore(-file)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)`)

// suppressions lists what a file's ignore comments silence.
type suppressions struct {
	file  map[string]bool                  // rule IDs ignored in the whole file
	stmts map[*syntax.Stmt]map[string]bool // statement → rule IDs ignored there
}

// findSuppressions reads the ignore comments of pf. A statement-level
// comment applies to the statement it trails (a comment after a
// statement's end on the line where it ends) or else to the next statement.
//
// Inside a routine body the same holds among the body's statements: an
// ignore comment in the body silences the body statement it trails or
// precedes (the next SQL statement of the body, however deep in the body's
// blocks). A diagnostic inside a body also belongs to every statement
// that holds it, so an ignore comment before CREATE FUNCTION or DO
// silences the rule in the whole body.
func findSuppressions(pf *syntax.ParsedFile) suppressions {
	s := suppressions{}
	s.scan(pf, pf.Comments, pf.Stmts)
	for st := range pf.All() {
		if st.Routine != nil && len(st.Routine.Comments) > 0 {
			s.scan(pf, st.Routine.Comments, st.Body)
		}
	}
	return s
}

// scan records the ignore directives among comments, which lie between
// (or around) stmts.
func (s *suppressions) scan(pf *syntax.ParsedFile, comments []source.Span, stmts []*syntax.Stmt) {
	text := pf.File.Text
	for _, c := range comments {
		m := ignoreDirective.FindStringSubmatch(text[c.Start:c.End])
		if m == nil {
			continue
		}
		ids := strings.FieldsFunc(m[2], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
		if m[1] == "-file" {
			if s.file == nil {
				s.file = make(map[string]bool)
			}
			for _, id := range ids {
				s.file[id] = true
			}
			continue
		}
		// The first statement that ends after the comment starts.
		i, _ := slices.BinarySearchFunc(stmts, c.Start, func(st *syntax.Stmt, off int) int { return st.Span.End - off })
		if i > 0 && pf.File.OffsetLine(stmts[i-1].Span.End) == pf.File.OffsetLine(c.Start) {
			i-- // trailing comment
		}
		if i >= len(stmts) {
			continue
		}
		if s.stmts == nil {
			s.stmts = make(map[*syntax.Stmt]map[string]bool)
		}
		st := stmts[i]
		if s.stmts[st] == nil {
			s.stmts[st] = make(map[string]bool)
		}
		for _, id := range ids {
			s.stmts[st][id] = true
		}
	}
}

// suppressed reports whether an ignore comment silences rule at offset
// off: one for the whole file, or one for a statement that holds off.
func (s suppressions) suppressed(pf *syntax.ParsedFile, rule string, off int) bool {
	if s.file[rule] {
		return true
	}
	for stmts := pf.Stmts; ; {
		st := stmtAt(stmts, off)
		if st == nil {
			return false
		}
		if s.stmts[st][rule] {
			return true
		}
		stmts = st.Body
	}
}

// stmtAt returns the statement of stmts (in order, not overlapping) whose
// span holds off, or nil.
func stmtAt(stmts []*syntax.Stmt, off int) *syntax.Stmt {
	i, _ := slices.BinarySearchFunc(stmts, off, func(st *syntax.Stmt, off int) int {
		if st.Span.End <= off {
			return -1
		}
		if st.Span.Start > off {
			return 1
		}
		return 0
	})
	if i < len(stmts) && stmts[i].Span.Start <= off && off < stmts[i].Span.End {
		return stmts[i]
	}
	return nil
}

// filter drops suppressed diagnostics, sorts the rest by position, then
// rule, and drops duplicates: a rule that looks into a BEGIN ATOMIC body
// from the CREATE FUNCTION statement finds again what it finds in the
// body's own statements.
func filter(pf *syntax.ParsedFile, diags []Diagnostic) []Diagnostic {
	sup := findSuppressions(pf)
	if sup.file != nil || sup.stmts != nil {
		diags = slices.DeleteFunc(diags, func(d Diagnostic) bool { return sup.suppressed(pf, d.Rule, d.Span.Start) })
	}
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		if a.Span.End != b.Span.End {
			return a.Span.End - b.Span.End
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	out := diags[:0]
	for _, d := range diags {
		dup := false
		for j := len(out) - 1; j >= 0 && out[j].Span == d.Span && out[j].Rule == d.Rule; j-- {
			if out[j].Message == d.Message {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}
