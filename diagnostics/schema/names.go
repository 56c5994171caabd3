package schema

import (
	"strings"
	"unicode/utf8"
)

// maxIdentLen is the longest identifier PostgreSQL keeps: NAMEDATALEN - 1 bytes.
const maxIdentLen = 63

// defaultName returns the name PostgreSQL gives an unnamed constraint or
// index of table on cols, as its makeObjectName does: table, the columns
// joined by "_" and label ("pkey", "key", "fkey", "idx"), joined by "_",
// with the longer of the first two parts shortened until the whole fits
// in an identifier. A primary key's name has no columns ("orders_pkey").
// PostgreSQL appends a number when the name is taken; the model does not.
func defaultName(table string, cols []string, label string) string {
	var add string
	if label != "pkey" {
		// ChooseForeignKeyConstraintNameAddition and ChooseIndexNameAddition
		// stop adding columns once the name is long enough.
		var b strings.Builder
		for _, c := range cols {
			if b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteString(c)
			if b.Len() > maxIdentLen {
				break
			}
		}
		add = b.String()
	}
	overhead := len(label) + 1
	if add != "" {
		overhead++
	}
	avail := maxIdentLen - overhead
	n1, n2 := len(table), len(add)
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := clip(table, n1)
	if add != "" {
		name += "_" + clip(add, n2)
	}
	return name + "_" + label
}

// clip cuts s to at most n bytes without splitting a UTF-8 character.
func clip(s string, n int) string {
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
