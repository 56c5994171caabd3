package migration

import (
	"strings"
)

// compareNumbers compares two strings of decimal digits by the numbers
// they write, without a size limit (goose and golang-migrate versions are
// often 14-digit timestamps; some are longer): "9" < "10", "007" = "7".
func compareNumbers(a, b string) int {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// compareDotted compares Flyway versions segment by segment, each
// segment as a number: 1.9 < 1.10 < 2, and missing segments count as
// zero, so 1 = 1.0 (Flyway's MigrationVersion compares its parts as
// BigIntegers and drops trailing zeros). Segments are separated by "."
// or "_" (V1_1__x.sql is version 1.1).
func compareDotted(a, b string) int {
	as, bs := splitVersion(a), splitVersion(b)
	for i := range max(len(as), len(bs)) {
		x, y := "0", "0"
		if i < len(as) {
			x = as[i]
		}
		if i < len(bs) {
			y = bs[i]
		}
		if c := compareNumbers(x, y); c != 0 {
			return c
		}
	}
	return 0
}

func splitVersion(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '_' })
}

// compareNatural compares names in natural order: runs of digits compare
// as numbers and other runs byte-wise, so "2_b.sql" < "10_a.sql". Names
// that compare equal that way ("01" and "1") fall back to byte order, so
// the order is total.
func compareNatural(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			ei, ej := digitsEnd(a, i), digitsEnd(b, j)
			if c := compareNumbers(a[i:ei], b[j:ej]); c != 0 {
				return c
			}
			i, j = ei, ej
			continue
		}
		if a[i] != b[j] {
			return int(a[i]) - int(b[j])
		}
		i++
		j++
	}
	if c := (len(a) - i) - (len(b) - j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
