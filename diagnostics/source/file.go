package source

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A File is one version of one document: its URI (or path), the version
// the editor gave it (0 for files read from disk) and its text. A File is
// immutable; an edit makes a new File.
type File struct {
	URI     string
	Version int32
	Text    string

	lines []int // byte offset of the start of each line; lines[0] == 0
}

// NewFile returns a File for text, with its line index built.
func NewFile(uri string, version int32, text string) *File {
	return &File{URI: uri, Version: version, Text: text, lines: lineStarts(text)}
}

// lineStarts returns the offset of each line start. Lines end at "\n",
// "\r\n" or a lone "\r", as the LSP specification counts them.
func lineStarts(text string) []int {
	starts := make([]int, 1, len(text)/32+1)
	if strings.IndexByte(text, '\r') < 0 {
		// The usual case: only \n ends lines, and IndexByte finds them
		// many bytes at a time.
		for i := 0; ; {
			nl := strings.IndexByte(text[i:], '\n')
			if nl < 0 {
				return starts
			}
			i += nl + 1
			starts = append(starts, i)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// LineCount reports the number of lines (a final line without a newline counts).
func (f *File) LineCount() int { return len(f.lines) }

// LineStart returns the byte offset where 0-based line starts.
func (f *File) LineStart(line int) int { return f.lines[line] }

// lineEnd returns the offset of the end of line's content, before its terminator.
func (f *File) lineEnd(line int) int {
	end := len(f.Text)
	if line+1 < len(f.lines) {
		end = f.lines[line+1]
	}
	for end > f.lines[line] && (f.Text[end-1] == '\n' || f.Text[end-1] == '\r') {
		end--
	}
	return end
}

// OffsetLine returns the 0-based line that contains byte offset off.
func (f *File) OffsetLine(off int) int {
	lo, hi := 0, len(f.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// ErrOutOfRange is returned (wrapped) when a position lies outside the text.
var ErrOutOfRange = errors.New("position out of range")

// OffsetPosition converts a byte offset into a 0-based line and a column
// counted in UTF-16 code units, the LSP default encoding. An offset inside
// a multi-byte character maps to that character's start.
func (f *File) OffsetPosition(off int) (line, col int) {
	off = clamp(off, 0, len(f.Text))
	line = f.OffsetLine(off)
	for i := f.lines[line]; i < off; {
		r, size := utf8.DecodeRuneInString(f.Text[i:])
		if i+size > off {
			break
		}
		col += utf16Len(r)
		i += size
	}
	return line, col
}

// PositionOffset converts a 0-based line and UTF-16 column into a byte
// offset. A column past the end of its line means the line's end (as the
// LSP specification says); a line past the end of the text means the end
// of the text. In both cases the clamped offset is returned together with
// an error wrapping ErrOutOfRange, so that callers can log the bad request
// and still apply it without losing text. A column inside a surrogate pair
// maps to the start of that character.
func (f *File) PositionOffset(line, col int) (int, error) {
	if line < 0 || col < 0 {
		return 0, fmt.Errorf("%w: negative position %d:%d", ErrOutOfRange, line, col)
	}
	if line >= len(f.lines) {
		return len(f.Text), fmt.Errorf("%w: line %d, but the document has %d lines", ErrOutOfRange, line, len(f.lines))
	}
	end := f.lineEnd(line)
	i, units := f.lines[line], 0
	for i < end {
		r, size := utf8.DecodeRuneInString(f.Text[i:])
		n := utf16Len(r)
		if units+n > col {
			return i, nil
		}
		units += n
		i += size
	}
	if units < col {
		return end, fmt.Errorf("%w: character %d, but line %d has %d", ErrOutOfRange, col, line, units)
	}
	return end, nil
}

// OffsetRuneColumn converts a byte offset into the 1-based line and the
// 1-based column counted in Unicode characters, as the CLI prints them.
func (f *File) OffsetRuneColumn(off int) (line, col int) {
	off = clamp(off, 0, len(f.Text))
	l := f.OffsetLine(off)
	return l + 1, utf8.RuneCountInString(f.Text[f.lines[l]:off]) + 1
}

// RuneColumnOffset converts a 1-based line and 1-based rune column back into
// a byte offset, clamped to the line.
func (f *File) RuneColumnOffset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(f.lines) {
		return len(f.Text)
	}
	end := f.lineEnd(line - 1)
	i := f.lines[line-1]
	for n := 1; n < col && i < end; n++ {
		_, size := utf8.DecodeRuneInString(f.Text[i:])
		i += size
	}
	return i
}

// LineText returns the text of 0-based line without its terminator.
func (f *File) LineText(line int) string {
	return f.Text[f.lines[line]:f.lineEnd(line)]
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	if r == utf8.RuneError {
		return 1
	}
	return len(utf16.Encode([]rune{r}))
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
