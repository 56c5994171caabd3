package diagnostics

import (
	"reflect"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A Result is the analysis of one file of one snapshot: its diagnostics,
// and what AnalyzeFrom needs to analyse the file's next version without
// running every rule on every statement again. A Result is immutable.
type Result struct {
	// Diagnostics are the findings, after the policy pipeline
	// (suppression comments, configured severities, order by position).
	Diagnostics []Diagnostic
	// Ran is the number of the file's statements whose rules ran; the
	// findings of the others were carried over from the previous Result.
	// Tests and benchmarks read it.
	Ran int

	uri   string
	pf    *syntax.ParsedFile
	model *schema.Model
	cfg   Config
	stmts []stmtResult // one per pf.Stmts
}

// A stmtResult is what the rules found in one statement of the file (and
// in the routine bodies inside it), and what they read to find it.
type stmtResult struct {
	diags []Diagnostic  // before the policy pipeline, in the file offsets of Result.pf
	reads *schema.Reads // the model lookups the rules made; nil for none (shared by the Results that reuse them)
	file  fileReads     // what they read of the rest of the file
	local bool          // every position of every finding lies on the statement's lines
}

// fileReads says what a rule read of the file beyond its statement.
type fileReads uint8

const (
	readStmts    fileReads = 1 << iota // the other statements (Pass.Parsed)
	readComments                       // the comments (Pass.Comments)
)

// A fileChange says what changed in a file between two analyses, as
// fileReads can depend on it.
type fileChange struct {
	stmts    bool // a statement was added, removed or edited
	comments bool // a comment was added, removed or edited, or moved to another place among the statements
}

func (r fileReads) dirty(c fileChange) bool {
	return r&readStmts != 0 && (c.stmts || c.comments) || r&readComments != 0 && c.comments
}

// reusable reports whether the findings of old, a statement whose text
// is unchanged, still hold: nothing it read changed. Findings that point
// outside the statement's own lines are recomputed every time, since
// those places may have moved.
func (r *stmtResult) reusable(model *schema.Diff, file fileChange) bool {
	return r.local && !r.reads.Dirty(model) && !r.file.dirty(file)
}

// local reports whether every position of the findings of st lies on the
// lines that st spans in f: a finding that points anywhere else (a
// related definition, an edit before the statement's line) may move
// independently of the statement.
func local(f *source.File, st *syntax.Stmt, diags []Diagnostic) bool {
	if len(diags) == 0 {
		return true
	}
	lo := f.LineStart(f.OffsetLine(st.Span.Start))
	hi := len(f.Text)
	if l := f.OffsetLine(st.Span.End); l+1 < f.LineCount() {
		hi = f.LineStart(l+1) - 1
	}
	in := func(s source.Span) bool { return s.Start >= lo && s.End <= hi }
	for _, d := range diags {
		if !in(d.Span) {
			return false
		}
		for _, r := range d.Related {
			if r.URI != f.URI || !in(r.Span) {
				return false
			}
		}
		for _, fx := range d.Fixes {
			for _, e := range fx.Edits {
				if !in(e.Span) {
					return false
				}
			}
		}
	}
	return true
}

// shifted returns diags moved by delta bytes: the findings of a statement
// whose text moved, unchanged, within its file.
func shifted(diags []Diagnostic, delta int) []Diagnostic {
	if delta == 0 || len(diags) == 0 {
		return diags
	}
	out := make([]Diagnostic, len(diags))
	for i, d := range diags {
		d.Span = d.Span.Shift(delta)
		if len(d.Related) > 0 {
			rel := make([]Related, len(d.Related))
			for j, r := range d.Related {
				r.Span = r.Span.Shift(delta)
				rel[j] = r
			}
			d.Related = rel
		}
		if len(d.Fixes) > 0 {
			fixes := make([]Fix, len(d.Fixes))
			for j, fx := range d.Fixes {
				edits := make([]source.Edit, len(fx.Edits))
				for k, e := range fx.Edits {
					e.Span = e.Span.Shift(delta)
					edits[k] = e
				}
				fx.Edits = edits
				fixes[j] = fx
			}
			d.Fixes = fixes
		}
		out[i] = d
	}
	return out
}

// carryOver pairs the statements of pf with those of prev.pf whose
// findings may be reused: the same text at the same offset before the
// changed part of the file, or moved by the change's length after it.
// It returns, for each statement of pf, the index of its partner in
// prev.pf.Stmts or -1, and the byte shift from partner to statement.
func carryOver(prev *Result, pf *syntax.ParsedFile) (partner []int, delta []int, fc fileChange) {
	partner = make([]int, len(pf.Stmts))
	delta = make([]int, len(pf.Stmts))
	for i := range partner {
		partner[i] = -1
	}
	old, cur := prev.pf.Stmts, pf.Stmts
	change := source.Diff(prev.pf.File.Text, pf.File.Text)
	head := 0
	for head < len(old) && head < len(cur) && old[head].Span == cur[head].Span && old[head].Kind == cur[head].Kind &&
		old[head].Span.End <= change.Start {
		partner[head] = head
		head++
	}
	d := len(pf.File.Text) - len(prev.pf.File.Text)
	matched := head
	for i, j := len(cur)-1, len(old)-1; i >= head && j >= head; i, j = i-1, j-1 {
		if cur[i].Span != old[j].Span.Shift(d) || cur[i].Kind != old[j].Kind || cur[i].Span.Start < change.NewEnd {
			break
		}
		partner[i], delta[i] = j, d
		matched++
	}
	fc.stmts = matched != len(cur) || len(cur) != len(old)
	fc.comments = !prev.pf.SameComments(pf)

	// A statement on a line the change touched keeps its text but not
	// its surroundings: its findings may depend on them (indentation).
	f := pf.File
	lo := f.LineStart(f.OffsetLine(change.Start))
	hi := len(f.Text)
	if l := f.OffsetLine(change.NewEnd); l+1 < f.LineCount() {
		hi = f.LineStart(l + 1)
	}
	i, _ := slices.BinarySearchFunc(cur, lo, func(st *syntax.Stmt, off int) int { return st.Span.End - off })
	for ; i < len(cur) && cur[i].Span.Start < hi; i++ {
		partner[i] = -1
	}
	return partner, delta, fc
}

// sameConfig reports whether two analyses ran under the same policy, so
// that one's findings hold for the other.
func sameConfig(a, b Config) bool {
	return a.PGVersion == b.PGVersion && a.Changes == b.Changes && reflect.DeepEqual(a.Rules, b.Rules) &&
		reflect.DeepEqual(a.Settings, b.Settings)
}
