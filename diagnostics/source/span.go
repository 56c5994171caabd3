package source

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A Span is a half-open byte range [Start, End) of a File's text.
type Span struct {
	Start, End int
}

// Len reports the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether offset off lies within s (an empty span contains its start).
func (s Span) Contains(off int) bool {
	return s.Start <= off && (off < s.End || (s.Start == s.End && off == s.Start))
}

// Overlaps reports whether s and t share at least one byte, or are the same empty point.
func (s Span) Overlaps(t Span) bool {
	if s.Len() == 0 || t.Len() == 0 {
		return s.Start >= t.Start && s.Start <= t.End || t.Start >= s.Start && t.Start <= s.End
	}
	return s.Start < t.End && t.Start < s.End
}

// Shift returns s moved by delta bytes.
func (s Span) Shift(delta int) Span { return Span{s.Start + delta, s.End + delta} }

func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// An Edit replaces the bytes of Span with New. An empty Span inserts.
type Edit struct {
	Span Span
	New  string
}

// ErrOverlap is returned by Apply when two edits touch the same bytes.
var ErrOverlap = errors.New("overlapping edits")

// Apply returns text with edits applied. Edits are byte-offset based,
// relative to the original text, in any order; they must lie within the
// text and must not overlap (two insertions at one point keep their order).
func Apply(text string, edits []Edit) (string, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b Edit) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	})
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, e := range sorted {
		if e.Span.Start < 0 || e.Span.End > len(text) || e.Span.Start > e.Span.End {
			return "", fmt.Errorf("edit %v outside text of %d bytes", e.Span, len(text))
		}
		if e.Span.Start < last {
			return "", fmt.Errorf("%w: edit %v starts before byte %d", ErrOverlap, e.Span, last)
		}
		b.WriteString(text[last:e.Span.Start])
		b.WriteString(e.New)
		last = e.Span.End
	}
	b.WriteString(text[last:])
	return b.String(), nil
}
