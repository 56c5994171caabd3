package source

// A Change locates where two versions of a text differ: they share
// Text[:Start], and old[OldEnd:] equals new[NewEnd:].
type Change struct {
	Start  int // length of the common prefix
	OldEnd int // where the common suffix starts in the old text
	NewEnd int // where the common suffix starts in the new text
}

// Diff returns the one region where new differs from old: everything
// before it is a common prefix, everything after it a common suffix (as
// long as possible, not overlapping the prefix). Equal texts give an
// empty region at their end.
func Diff(old, new string) Change {
	n := min(len(old), len(new))
	p := 0
	// Compare in blocks first: string equality is a memcmp.
	for step := 4096; step > 0; step /= 8 {
		for p+step <= n && old[p:p+step] == new[p:p+step] {
			p += step
		}
	}
	for p < n && old[p] == new[p] {
		p++
	}
	s, m := 0, n-p
	for step := 4096; step > 0; step /= 8 {
		for s+step <= m && old[len(old)-s-step:len(old)-s] == new[len(new)-s-step:len(new)-s] {
			s += step
		}
	}
	for s < m && old[len(old)-1-s] == new[len(new)-1-s] {
		s++
	}
	return Change{Start: p, OldEnd: len(old) - s, NewEnd: len(new) - s}
}
