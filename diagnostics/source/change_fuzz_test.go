package source_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// refDoc is the reference document of FuzzIncrementalEdits: the text as
// UTF-16 code units, which is what LSP positions count, edited by slicing.
// It shares no code with File.
type refDoc []uint16

func newRefDoc(s string) refDoc { return utf16.Encode([]rune(s)) }

func (d refDoc) String() string { return string(utf16.Decode(d)) }

// lines returns the start of each line and the end of its content
// (before "\n", "\r\n" or a lone "\r").
func (d refDoc) lines() (starts, ends []int) {
	starts = []int{0}
	for i := 0; i < len(d); i++ {
		switch d[i] {
		case '\n':
			ends = append(ends, i)
			starts = append(starts, i+1)
		case '\r':
			ends = append(ends, i)
			if i+1 < len(d) && d[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts, append(ends, len(d))
}

// offset returns the code-unit offset of p and whether p lies in the
// text: a line past the last means the end of the text, a column past
// the end of its line the end of the line, and a column between the two
// halves of a surrogate pair the start of that character.
func (d refDoc) offset(p source.Position) (int, bool) {
	starts, ends := d.lines()
	if p.Line >= len(starts) {
		return len(d), false
	}
	start, end := starts[p.Line], ends[p.Line]
	if p.Character > end-start {
		return end, false
	}
	off := start + p.Character
	if off > start && off < end && isHigh(d[off-1]) && isLow(d[off]) {
		off--
	}
	return off, true
}

func isHigh(u uint16) bool { return 0xd800 <= u && u < 0xdc00 }
func isLow(u uint16) bool  { return 0xdc00 <= u && u < 0xe000 }

// change replaces [start, end) (put in order) by text.
func (d refDoc) change(start, end source.Position, text string) (refDoc, bool) {
	s, ok1 := d.offset(start)
	e, ok2 := d.offset(end)
	if e < s {
		s, e = e, s
	}
	return slices.Concat(d[:s], newRefDoc(text), d[e:]), ok1 && ok2
}

// editPieces are the texts an edit inserts: line ends of every kind
// (which may join into, or split, a CRLF), characters of 1 to 4 UTF-8
// bytes and 1 or 2 UTF-16 units, NUL, and the empty string (a deletion).
var editPieces = []string{"", "a", "\n", "\r", "\r\n", "😀", "é", "日本", "\x00", ";", "\uFFFD", "\n\r", "x😀\r\ny", "-- c\r", "𝄞𝄞"}

// maxChanges bounds the changes of one FuzzIncrementalEdits execution.
const maxChanges = 64

// program decodes FuzzIncrementalEdits' byte program into LSP changes.
type program struct{ b []byte }

func (p *program) next() (byte, bool) {
	if len(p.b) == 0 {
		return 0, false
	}
	c := p.b[0]
	p.b = p.b[1:]
	return c, true
}

// position draws a position of d: a line up to two past the last, a
// column up to three past the line's end, or (for 0xff) the largest
// value an LSP uinteger can hold.
func (p *program) position(d refDoc) source.Position {
	starts, ends := d.lines()
	lb, _ := p.next()
	cb, _ := p.next()
	var pos source.Position
	if lb == 0xff {
		pos.Line = math.MaxUint32
	} else {
		pos.Line = int(lb) % (len(starts) + 2)
	}
	width := 0
	if pos.Line < len(starts) {
		width = ends[pos.Line] - starts[pos.Line]
	}
	if cb == 0xff {
		pos.Character = math.MaxUint32
	} else {
		pos.Character = int(cb) % (width + 4)
	}
	return pos
}

// text draws the inserted text: a piece, or (high bit set) up to 15
// bytes of the program itself, made valid UTF-8 as JSON decoding would.
func (p *program) text() string {
	c, _ := p.next()
	if c&0x80 == 0 {
		return editPieces[int(c)%len(editPieces)]
	}
	n := min(int(c&0x0f), len(p.b))
	s := string(p.b[:n])
	p.b = p.b[n:]
	return strings.ToValidUTF8(s, "\uFFFD")
}

// FuzzIncrementalEdits applies a random sequence of LSP content changes
// to a document through File.Change, the function the server's didChange
// applies each change with, and checks after every change that the text,
// the line count and the out-of-range report agree with refDoc, an
// independent implementation over UTF-16 code units. Ranges cover
// surrogate pairs (and columns between their halves), CRLF and lone CR
// line ends, reversed ranges, and positions past the end of a line or
// of the document; one change in eight replaces the whole document.
//
//	go test ./diagnostics/source -run '^$' -fuzz FuzzIncrementalEdits -fuzztime 5m
func FuzzIncrementalEdits(f *testing.F) {
	f.Add("SELECT 1;\r\nSELECT '😀';\rx\n", []byte{0, 1, 9, 1, 11, 5, 2, 1, 1, 0xff, 0xff, 2})
	f.Fuzz(func(t *testing.T, initial string, prog []byte) {
		// Documents arrive as JSON strings: always valid UTF-8.
		initial = strings.ToValidUTF8(initial, "\uFFFD")
		file := source.NewFile("file:///fuzz.sql", 1, initial)
		ref := newRefDoc(initial)
		// Each change costs O(document) here and in refDoc: a bounded
		// number keeps an execution fast, and the fuzzer's time on
		// varied programs rather than long ones.
		p := &program{prog[:min(len(prog), 4*maxChanges)]}
		for version := int32(2); len(p.b) > 0; version++ {
			op, _ := p.next()
			if op%8 == 7 { // a change without a range: the whole document
				text := p.text()
				file, ref = source.NewFile(file.URI, version, text), newRefDoc(text)
				continue
			}
			start, end := p.position(ref), p.position(ref)
			text := p.text()
			before := file.Text
			next, err := file.Change(version, start, end, text)
			want, inRange := ref.change(start, end, text)
			if next.Text != want.String() {
				t.Fatalf("change %v-%v to %q of %q:\ngot  %q\nwant %q", start, end, text, before, next.Text, want.String())
			}
			if inRange != (err == nil) || (err != nil && !errors.Is(err, source.ErrOutOfRange)) {
				t.Fatalf("change %v-%v of %q: error %v, but in range is %v", start, end, before, err, inRange)
			}
			if starts, _ := want.lines(); next.LineCount() != len(starts) {
				t.Fatalf("%q: %d lines, want %d", next.Text, next.LineCount(), len(starts))
			}
			if next.Version != version || next.URI != file.URI {
				t.Fatalf("change made version %d of %s, want %d of %s", next.Version, next.URI, version, file.URI)
			}
			file, ref = next, want
		}
	})
}
