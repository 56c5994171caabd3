package diagnostics

import (
	"fmt"
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
	file  map[string]*directive                  // rule IDs ignored in the whole file
	stmts map[*syntax.Stmt]map[string]*directive // statement → rule IDs ignored there
	all   []*directive                           // every rule ID of every ignore comment, in order
}

// A directive is one rule ID of one ignore comment.
type directive struct {
	id      string
	span    source.Span // the ID in the comment
	comment source.Span // the comment
	used    bool        // it silenced a finding
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
		m := ignoreDirective.FindStringSubmatchIndex(text[c.Start:c.End])
		if m == nil {
			continue
		}
		var ids []*directive
		list := text[c.Start+m[4] : c.Start+m[5]]
		for at := 0; at < len(list); {
			n := strings.IndexFunc(list[at:], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			if n < 0 {
				n = len(list) - at
			}
			if n > 0 {
				start := c.Start + m[4] + at
				ids = append(ids, &directive{id: list[at : at+n], span: source.Span{Start: start, End: start + n}, comment: c})
			}
			at += n + 1
		}
		s.all = append(s.all, ids...)
		if m[2] >= 0 { // sqlsage-ignore-file
			if s.file == nil {
				s.file = make(map[string]*directive)
			}
			for _, d := range ids {
				if s.file[d.id] == nil {
					s.file[d.id] = d
				}
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
			s.stmts = make(map[*syntax.Stmt]map[string]*directive)
		}
		st := stmts[i]
		if s.stmts[st] == nil {
			s.stmts[st] = make(map[string]*directive)
		}
		for _, d := range ids {
			if s.stmts[st][d.id] == nil {
				s.stmts[st][d.id] = d
			}
		}
	}
}

// suppressed reports whether an ignore comment silences rule at offset
// off: one for the whole file, or one for a statement that holds off.
// Every such comment is marked used.
func (s suppressions) suppressed(pf *syntax.ParsedFile, rule string, off int) bool {
	found := false
	if d := s.file[rule]; d != nil {
		d.used, found = true, true
	}
	for stmts := pf.Stmts; ; {
		st := stmtAt(stmts, off)
		if st == nil {
			return found
		}
		if d := s.stmts[st][rule]; d != nil {
			d.used, found = true, true
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
func (e *Engine) filter(pf *syntax.ParsedFile, diags []Diagnostic, cfg Config) []Diagnostic {
	sup := findSuppressions(pf)
	if sup.file != nil || sup.stmts != nil {
		diags = slices.DeleteFunc(diags, func(d Diagnostic) bool { return sup.suppressed(pf, d.Rule, d.Span.Start) })
	}
	diags = append(diags, e.unusedIgnores(sup, cfg)...)
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

// UnusedIgnoreID is the rule that reports ignore comments naming an
// unknown rule or silencing nothing. The pipeline reports it, after
// suppression; an engine without a rule of that ID reports none.
const UnusedIgnoreID = "unused-ignore"

// unusedIgnores reports the rule IDs of ignore comments that name no
// rule of the engine, or name a rule that runs and yet silenced nothing.
// An ID of a rule configured off silences nothing and is not reported:
// the comment is for whoever turns the rule on. unused-ignore itself,
// named in the same comment or in an ignore-file comment, keeps an
// ignore comment that is there on purpose.
func (e *Engine) unusedIgnores(sup suppressions, cfg Config) []Diagnostic {
	r := e.byID[UnusedIgnoreID]
	if r == nil || len(sup.all) == 0 {
		return nil
	}
	sev := cfg.SeverityOf(r)
	if sev == Off {
		return nil
	}
	kept := func(d *directive) bool {
		if f := sup.file[UnusedIgnoreID]; f != nil {
			f.used = true
			return true
		}
		for _, o := range sup.all {
			if o.id == UnusedIgnoreID && o.comment == d.comment {
				o.used = true
				return true
			}
		}
		return false
	}
	var out []Diagnostic
	for _, d := range sup.all {
		var msg string
		switch rule := e.byID[d.id]; {
		case rule == nil:
			msg = fmt.Sprintf("ignore comment names %s, which is not a rule of sqlsage (sqlsage rules lists them)", d.id)
		case d.used || d.id == UnusedIgnoreID || cfg.SeverityOf(rule) == Off:
			continue
		default:
			msg = fmt.Sprintf("ignore comment for %s silences nothing here: remove it, or it will hide a future finding", d.id)
		}
		if !kept(d) {
			out = append(out, Diagnostic{Rule: UnusedIgnoreID, Span: d.span, Message: msg, Severity: sev})
		}
	}
	return out
}
