package migration

import (
	"regexp"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A marker is an annotation line that opens a section of a migration
// file.
type marker struct {
	up    bool   // an up marker (else down)
	start int    // byte offset of the line
	line  string // the line, without its newline
}

var (
	// goose's annotations are case-insensitive comments on their own
	// line, with no leading whitespace (goose's annotation reference:
	// pressly.github.io/goose/reference/annotations).
	gooseMarker = regexp.MustCompile(`(?i)^--\s*\+goose\s+(up|down)\b`)
	gooseNoTx   = regexp.MustCompile(`(?i)^--\s*\+goose\s+no\s+transaction\b`)
	// dbmate's markers, as its parser matches them (amacneil/dbmate
	// pkg/dbmate/migration.go upRegExp / downRegExp: "^--\s*migrate:up"
	// at a line start, options after whitespace).
	dbmateMarker = regexp.MustCompile(`^--\s*migrate:(up|down)(\s|$)`)
	// dbmate's transaction option on a marker line; only "false" turns
	// the transaction off (migrationOptions.Transaction).
	dbmateNoTx = regexp.MustCompile(`(^|\s)transaction:false(\s|$)`)
)

// lines calls f with the start offset and text (without "\n" or "\r\n")
// of each line of text.
func lines(text string, f func(start int, line string)) {
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := len(text)
		if end < 0 {
			end = len(text)
		} else {
			end += start
			next = end + 1
		}
		f(start, strings.TrimSuffix(text[start:end], "\r"))
		start = next
	}
}

// markers returns the lines of text that re matches, in order; group 1
// of re is the direction.
func markers(text string, re *regexp.Regexp) []marker {
	var ms []marker
	lines(text, func(start int, line string) {
		if !strings.HasPrefix(line, "--") {
			return
		}
		if m := re.FindStringSubmatch(line); m != nil {
			ms = append(ms, marker{up: strings.EqualFold(m[1], "up"), start: start, line: line})
		}
	})
	return ms
}

// hasMarker reports whether any line of text matches re.
func hasMarker(text string, re *regexp.Regexp) bool {
	found := false
	lines(text, func(_ int, line string) {
		found = found || (strings.HasPrefix(line, "--") && re.MatchString(line))
	})
	return found
}

// sections splits text at markers into the spans of its up and down
// sections: each runs from its marker to the next marker or the end.
// Text before the first marker belongs to neither (goose and dbmate
// reject statements there); a text without markers is one up section.
func sections(text string, ms []marker) (up, down []source.Span) {
	if len(ms) == 0 {
		return []source.Span{{Start: 0, End: len(text)}}, nil
	}
	for i, m := range ms {
		end := len(text)
		if i+1 < len(ms) {
			end = ms[i+1].start
		}
		s := source.Span{Start: m.start, End: end}
		if m.up {
			up = append(up, s)
		} else {
			down = append(down, s)
		}
	}
	return up, down
}
