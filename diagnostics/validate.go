package diagnostics

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var ruleID = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Validate checks that rules are well formed: kebab-case unique IDs, a
// category, a default severity, a Run function, and the documentation
// every rule page needs (a summary of at most 60 characters without a
// final period, Why, Bad and Good).
func Validate(rules []*Rule) error {
	var errs []error
	seen := make(map[string]bool)
	for _, r := range rules {
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("rule %q: %s", r.ID, fmt.Sprintf(format, args...)))
		}
		if !ruleID.MatchString(r.ID) {
			bad("ID is not kebab-case")
		}
		if seen[r.ID] {
			bad("duplicate ID")
		}
		seen[r.ID] = true
		if r.Category == "" {
			bad("no category")
		}
		if r.Severity == Off {
			bad("no default severity")
		}
		if r.Run == nil {
			bad("no Run function")
		}
		s := r.Doc.Summary
		if s == "" || utf8.RuneCountInString(s) > 60 || strings.HasSuffix(s, ".") {
			bad("summary %q must be 1-60 characters without a final period", s)
		}
		if r.Doc.Why == "" || r.Doc.Bad == "" || r.Doc.Good == "" {
			bad("documentation needs Why, Bad and Good")
		}
	}
	return errors.Join(errs...)
}
