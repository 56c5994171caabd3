package diagnostics

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// ignoreDirective matches "-- sqlsage-ignore a, b reason" and
// "-- sqlsage-ignore-file a"; group 1 is "-file" or "", group 2 the IDs.
var ignoreDirective = regexp.MustCompile(`^(?:--|/\*)\s*sqlsage-ignore(-file)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)`)

// suppressions lists what a file's ignore comments silence.
type suppressions struct {
	file  map[string]bool         // rule IDs ignored in the whole file
	stmts map[int]map[string]bool // statement index → rule IDs ignored there
}

// findSuppressions reads the ignore comments of pf. A statement-level
// comment applies to the statement it trails (a comment after a
// statement's end on the line where it ends) or else to the next statement.
func findSuppressions(pf *syntax.ParsedFile) suppressions {
	s := suppressions{}
	text := pf.File.Text
	for _, c := range pf.Comments {
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
		i, _ := slices.BinarySearchFunc(pf.Stmts, c.Start, func(st *syntax.Stmt, off int) int { return st.Span.End - off })
		if i > 0 && pf.File.OffsetLine(pf.Stmts[i-1].Span.End) == pf.File.OffsetLine(c.Start) {
			i-- // trailing comment
		}
		if i >= len(pf.Stmts) {
			continue
		}
		if s.stmts == nil {
			s.stmts = make(map[int]map[string]bool)
		}
		if s.stmts[i] == nil {
			s.stmts[i] = make(map[string]bool)
		}
		for _, id := range ids {
			s.stmts[i][id] = true
		}
	}
	return s
}

// filter drops suppressed diagnostics and sorts the rest by position, then rule.
func filter(pf *syntax.ParsedFile, diags []Diagnostic) []Diagnostic {
	sup := findSuppressions(pf)
	if sup.file != nil || sup.stmts != nil {
		diags = slices.DeleteFunc(diags, func(d Diagnostic) bool {
			if sup.file[d.Rule] {
				return true
			}
			i, _ := slices.BinarySearchFunc(pf.Stmts, d.Span.Start, func(st *syntax.Stmt, off int) int {
				if st.Span.End <= off {
					return -1
				}
				if st.Span.Start > off {
					return 1
				}
				return 0
			})
			return i < len(pf.Stmts) && sup.stmts[i][d.Rule]
		})
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
	return diags
}
