package syntax

import (
	"sort"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Kind says what a Segment of a file holds.
type Kind uint8

// Segment kinds.
const (
	SQL      Kind = iota // one SQL statement, up to and including its semicolon
	MetaCmd              // a psql meta-command line such as \set or \connect
	CopyData             // the data lines of COPY ... FROM stdin, through the \. line
)

// A Segment is one statement-sized piece of a file, located in it by byte offsets.
type Segment struct {
	Kind Kind
	Span source.Span
}

// Split divides src into segments the way psql reads a script: statements
// end at a semicolon outside quotes, comments, parentheses and BEGIN ATOMIC
// bodies; a backslash outside quotes starts a meta-command that runs to the
// end of its line (and ends any statement in progress, as \g would); the
// data lines after COPY ... FROM stdin run to a "\." line. Comments and
// white space between statements belong to no segment; comment spans are
// returned separately, for suppression comments and markers.
func Split(src string) (segs []Segment, comments []source.Span) {
	var sp splitter
	sp.scan(src, 0, nil)
	return sp.segs, sp.comments
}

// A splitter holds Split's output and the state of the statement in
// progress. Its state is neutral (as at the start of a file) wherever a
// segment has just ended, which is what lets resplit start and stop in
// the middle of a file.
type splitter struct {
	segs     []Segment
	comments []source.Span

	start, last int    // start and end of the statement in progress; start < 0 between statements
	depth       int    // parenthesis depth
	atomic      int    // BEGIN ATOMIC ... END nesting
	words       int    // words seen in the statement so far
	first       string // the statement's first word, lower-cased, when it is CREATE or COPY
	routine     bool   // CREATE [OR REPLACE] FUNCTION/PROCEDURE: may have a BEGIN ATOMIC body
	stdin       bool   // COPY ... FROM STDIN: inline data follows
	prev        Lexeme
}

// flush ends the statement in progress at end, if any, and resets the
// state to neutral.
func (sp *splitter) flush(end int) {
	if sp.start >= 0 {
		sp.segs = append(sp.segs, Segment{SQL, source.Span{Start: sp.start, End: end}})
	}
	sp.start, sp.depth, sp.atomic, sp.words, sp.first, sp.routine, sp.stdin, sp.prev = -1, 0, 0, 0, "", false, false, Lexeme{}
}

// scan splits src from pos, where the state must be neutral, to the end.
// When stop is non-nil it is asked at every point where a segment has
// just ended and the state is neutral again, with the offset reached; if
// it returns true, scan returns that offset at once. Otherwise scan
// returns -1 at the end of src.
func (sp *splitter) scan(src string, pos int, stop func(pos int) bool) int {
	sp.start, sp.last = -1, pos
	for {
		t, ok := nextToken(src, pos)
		if !ok {
			break
		}
		pos = t.End
		switch {
		case t.Kind == LexComment && unterminatedComment(src, t):
			// Not a comment but a mistake: a statement, so that the
			// parser reports it (a comment would hide the rest of the file).
		case t.Kind == LexComment:
			sp.comments = append(sp.comments, source.Span{Start: t.Start, End: t.End})
			continue
		case t.Kind == LexMeta:
			sp.flush(sp.last)
			sp.segs = append(sp.segs, Segment{MetaCmd, source.Span{Start: t.Start, End: t.End}})
			if stop != nil && stop(pos) {
				return pos
			}
			continue
		}
		if sp.start < 0 {
			sp.start = t.Start
		}
		sp.last = t.End
		if t.Kind == LexWord {
			sp.words++
			switch {
			case sp.words == 1 && (t.Is(src, "create") || t.Is(src, "copy")):
				sp.first = strings.ToLower(t.Text(src))
			case sp.first == "create" && sp.words <= 6 && (t.Is(src, "function") || t.Is(src, "procedure")):
				sp.routine = true
			case sp.first == "copy" && t.Is(src, "stdin") && sp.prev.Is(src, "from"):
				sp.stdin = true
			}
		}
		switch {
		case t.Kind == LexPunct && src[t.Start] == '(':
			sp.depth++
		case t.Kind == LexPunct && src[t.Start] == ')':
			sp.depth = max(0, sp.depth-1)
		case t.Kind == LexWord && sp.atomic > 0 && t.Is(src, "case"):
			sp.atomic++
		case t.Kind == LexWord && sp.atomic > 0 && t.Is(src, "end"):
			sp.atomic--
		case sp.routine && t.Is(src, "atomic") && sp.prev.Is(src, "begin"):
			sp.atomic = 1
		case t.Kind == LexPunct && t.End-t.Start == 1 && src[t.Start] == ';' && sp.depth == 0 && sp.atomic == 0:
			copyStdin := sp.stdin
			sp.flush(t.End)
			if copyStdin {
				if data, ok := copyData(src, t.End); ok {
					sp.segs = append(sp.segs, Segment{CopyData, data})
					pos = data.End
				}
			}
			if stop != nil && stop(pos) {
				return pos
			}
			continue
		}
		sp.prev = t
	}
	sp.flush(sp.last)
	return -1
}

// A resplitResult is resplit's result with how it relates to the old
// segments: segs[:head] are oldSegs[:head], unchanged, and the last
// len(oldSegs)-tail segments are oldSegs[tail:] shifted by delta.
type resplitResult struct {
	segs       []Segment
	comments   []source.Span
	head, tail int
	delta      int
}

// resplit returns Split(src) given oldSegs and oldComments, the result of
// Split(old): it splits again only from the last segment boundary before
// the first byte where src and old differ, and from the first boundary
// after the last differing byte where the two splits agree, it reuses the
// old segments, shifted. An edit costs the size of the statements it
// touches and a comparison of the texts, not a scan of the file.
func resplit(old string, oldSegs []Segment, oldComments []source.Span, src string) resplitResult {
	change := source.Diff(old, src)
	if change.Start == len(old) && len(old) == len(src) {
		return resplitResult{segs: oldSegs, comments: oldComments, head: len(oldSegs), tail: len(oldSegs)}
	}
	prefix := change.Start
	delta := len(src) - len(old)
	changedEnd := change.NewEnd // src[changedEnd:] == old[changedEnd-delta:]

	// Resume after the last old segment that ends before the change where
	// the state was neutral: after a meta-command or COPY data, or after a
	// statement followed by another (it ended at its semicolon). A
	// statement ended by a meta-command or the end of the file was still
	// open, and one of COPY ... FROM stdin has its data after it.
	keep := sort.Search(len(oldSegs), func(i int) bool { return oldSegs[i].Span.End >= prefix })
	for keep > 0 && oldSegs[keep-1].Kind == SQL && (keep == len(oldSegs) || oldSegs[keep].Kind != SQL || isCopy(old, oldSegs[keep-1])) {
		keep--
	}
	// COPY ... FROM stdin takes its data from the line after its
	// semicolon, which may come after later statements on that line.
	if keep > 0 {
		lineStart := strings.LastIndexByte(old[:oldSegs[keep-1].Span.End], '\n') + 1
		for j := keep - 1; j >= 0 && oldSegs[j].Span.End >= lineStart; j-- {
			if oldSegs[j].Kind == SQL && isCopy(old, oldSegs[j]) {
				keep = j
			}
		}
	}
	resume := 0
	if keep > 0 {
		resume = oldSegs[keep-1].Span.End
	}
	sp := splitter{segs: make([]Segment, keep, len(oldSegs)+8)}
	copy(sp.segs, oldSegs[:keep])
	nc := sort.Search(len(oldComments), func(i int) bool { return oldComments[i].Start >= resume })
	sp.comments = append(make([]source.Span, 0, len(oldComments)+8), oldComments[:nc]...)

	// Stop where a segment ends past the change at the shifted end of an
	// old segment that is not followed by COPY data: from there both
	// texts are equal and both splits start neutral.
	var rest int // index in oldSegs of the first segment to reuse
	stop := func(pos int) bool {
		if pos < changedEnd {
			return false
		}
		o := pos - delta
		i := sort.Search(len(oldSegs), func(i int) bool { return oldSegs[i].Span.End >= o })
		if i == len(oldSegs) || oldSegs[i].Span.End != o || (i+1 < len(oldSegs) && oldSegs[i+1].Kind == CopyData) {
			return false
		}
		rest = i + 1
		return true
	}
	at := sp.scan(src, resume, stop)
	if at < 0 {
		return resplitResult{segs: sp.segs, comments: sp.comments, head: keep, tail: len(oldSegs), delta: delta}
	}
	for _, s := range oldSegs[rest:] {
		s.Span = s.Span.Shift(delta)
		sp.segs = append(sp.segs, s)
	}
	for _, c := range oldComments[sort.Search(len(oldComments), func(i int) bool { return oldComments[i].Start >= at-delta }):] {
		sp.comments = append(sp.comments, c.Shift(delta))
	}
	return resplitResult{segs: sp.segs, comments: sp.comments, head: keep, tail: rest, delta: delta}
}

// isCopy reports whether seg, a statement of src, is a COPY: whether
// data follows it depends on the text after it.
func isCopy(src string, seg Segment) bool {
	for pos := seg.Span.Start; pos < seg.Span.End; {
		t, ok := nextToken(src[:seg.Span.End], pos)
		if !ok {
			break
		}
		if t.Kind == LexWord {
			return t.Is(src, "copy")
		}
		pos = t.End
	}
	return false
}

// copyData returns the span of the COPY data that begins on the line after
// offset end and runs through the line holding only "\.", or to the end.
func copyData(src string, end int) (source.Span, bool) {
	nl := strings.IndexByte(src[end:], '\n')
	if nl < 0 {
		return source.Span{}, false
	}
	begin := end + nl + 1
	for i := begin; i < len(src); {
		lineEnd := strings.IndexByte(src[i:], '\n')
		line := src[i:]
		if lineEnd >= 0 {
			line = src[i : i+lineEnd]
		}
		if strings.TrimRight(line, "\r \t") == `\.` {
			return source.Span{Start: begin, End: i + len(strings.TrimRight(line, "\r"))}, true
		}
		if lineEnd < 0 {
			break
		}
		i += lineEnd + 1
	}
	return source.Span{Start: begin, End: len(src)}, begin < len(src)
}
