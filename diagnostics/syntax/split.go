package syntax

import (
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
	start, last := -1, 0 // start and end of the statement in progress
	var (
		depth   int    // parenthesis depth
		atomic  int    // BEGIN ATOMIC ... END nesting
		words   int    // words seen in the statement so far
		first   string // the statement's first word, lower-cased, when it is CREATE or COPY
		routine bool   // CREATE [OR REPLACE] FUNCTION/PROCEDURE: may have a BEGIN ATOMIC body
		stdin   bool   // COPY ... FROM STDIN: inline data follows
		prev    Lexeme
	)
	flush := func(end int) {
		if start >= 0 {
			segs = append(segs, Segment{SQL, source.Span{Start: start, End: end}})
		}
		start, depth, atomic, words, first, routine, stdin, prev = -1, 0, 0, 0, "", false, false, Lexeme{}
	}
	for pos := 0; ; {
		t, ok := nextToken(src, pos)
		if !ok {
			break
		}
		pos = t.End
		switch t.Kind {
		case LexComment:
			comments = append(comments, source.Span{Start: t.Start, End: t.End})
			continue
		case LexMeta:
			flush(last)
			segs = append(segs, Segment{MetaCmd, source.Span{Start: t.Start, End: t.End}})
			continue
		}
		if start < 0 {
			start = t.Start
		}
		last = t.End
		if t.Kind == LexWord {
			words++
			switch {
			case words == 1 && (t.Is(src, "create") || t.Is(src, "copy")):
				first = strings.ToLower(t.Text(src))
			case first == "create" && words <= 6 && (t.Is(src, "function") || t.Is(src, "procedure")):
				routine = true
			case first == "copy" && t.Is(src, "stdin") && prev.Is(src, "from"):
				stdin = true
			}
		}
		switch {
		case t.Kind == LexPunct && src[t.Start] == '(':
			depth++
		case t.Kind == LexPunct && src[t.Start] == ')':
			depth = max(0, depth-1)
		case t.Kind == LexWord && atomic > 0 && t.Is(src, "case"):
			atomic++
		case t.Kind == LexWord && atomic > 0 && t.Is(src, "end"):
			atomic--
		case routine && t.Is(src, "atomic") && prev.Is(src, "begin"):
			atomic = 1
		case t.Kind == LexPunct && t.End-t.Start == 1 && src[t.Start] == ';' && depth == 0 && atomic == 0:
			copyStdin := stdin
			flush(t.End)
			if copyStdin {
				if data, ok := copyData(src, t.End); ok {
					segs = append(segs, Segment{CopyData, data})
					pos = data.End
				}
			}
			continue
		}
		prev = t
	}
	flush(last)
	return segs, comments
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
