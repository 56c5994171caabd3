package rules

import (
	"slices"
	"strings"
	"unicode"
)

// nameWords splits an identifier into lower-case words at underscores,
// digits-to-letters boundaries and camelCase humps: "totalAmount_usd" →
// [total amount usd].
func nameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	runes := []rune(name)
	for i, r := range runes {
		switch {
		case r == '_' || r == '-' || r == ' ':
			flush()
			continue
		case unicode.IsUpper(r) && i > 0 && unicode.IsLower(runes[i-1]):
			flush()
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// hasWord reports whether any word of name is in set.
func hasWord(name string, set ...string) bool {
	for _, w := range nameWords(name) {
		if slices.Contains(set, w) {
			return true
		}
	}
	return false
}
