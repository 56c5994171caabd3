package source

import (
	"slices"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	long := strings.Repeat("abcdefgh", 2000)
	for _, c := range []struct {
		old, new string
		want     Change
	}{
		{"", "", Change{0, 0, 0}},
		{"abc", "abc", Change{3, 3, 3}},
		{"abc", "abXc", Change{2, 2, 3}},
		{"abXc", "abc", Change{2, 3, 2}},
		{"aaa", "aaaa", Change{3, 3, 4}}, // the suffix never overlaps the prefix
		{"", "xyz", Change{0, 0, 3}},
		{long + "1" + long, long + "22" + long, Change{len(long), len(long) + 1, len(long) + 2}},
		{long, long[:5000] + long[5001:], Change{5000, 5001, 5000}},
	} {
		if got := Diff(c.old, c.new); got != c.want {
			t.Errorf("Diff(%.20q…, %.20q…) = %+v, want %+v", c.old, c.new, got, c.want)
		}
		// The invariant, whatever the texts.
		got := Diff(c.old, c.new)
		if c.old[:got.Start] != c.new[:got.Start] || c.old[got.OldEnd:] != c.new[got.NewEnd:] || got.OldEnd < got.Start || got.NewEnd < got.Start {
			t.Errorf("Diff(%.20q…, %.20q…) = %+v breaks the invariant", c.old, c.new, got)
		}
	}
}

// TestLineStartsFastPath checks the \n-only path of lineStarts against
// the general one on the same texts.
func TestLineStartsFastPath(t *testing.T) {
	for _, text := range []string{"", "a", "\n", "a\n", "a\nb", "\n\n\nx\n", strings.Repeat("line\n", 1000) + "end"} {
		got := lineStarts(text)
		want := []int{0}
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' {
				want = append(want, i+1)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("lineStarts(%.20q) = %v, want %v", text, got, want)
		}
	}
}
