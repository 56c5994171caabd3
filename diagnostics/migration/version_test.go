package migration

import (
	"slices"
	"testing"
)

func TestCompare(t *testing.T) {
	sorted := func(cmp func(a, b string) int, in ...string) []string {
		out := slices.Clone(in)
		slices.SortStableFunc(out, cmp)
		return out
	}
	for _, tc := range []struct {
		name string
		cmp  func(a, b string) int
		in   []string
		want []string
	}{
		{"numbers", compareNumbers, []string{"10", "9", "0011", "20240105093000", "1"}, []string{"1", "9", "10", "0011", "20240105093000"}},
		{"dotted", compareDotted, []string{"10", "2", "1.10", "1.9", "1", "1_2", "1.2.1"}, []string{"1", "1_2", "1.2.1", "1.9", "1.10", "2", "10"}},
		{"natural", compareNatural, []string{"10_b.sql", "2_a.sql", "1_z.sql", "01_a.sql", "b.sql", "a10.sql", "a9.sql"},
			[]string{"01_a.sql", "1_z.sql", "2_a.sql", "10_b.sql", "a9.sql", "a10.sql", "b.sql"}},
	} {
		if got := sorted(tc.cmp, tc.in...); !slices.Equal(got, tc.want) {
			t.Errorf("%s: sorted %q = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
	if compareDotted("1.0", "1") != 0 || compareDotted("1.01", "1.1") != 0 {
		t.Error("compareDotted: trailing zero segments and leading zeros must not matter")
	}
}
