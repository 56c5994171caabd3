package rules

import "github.com/sqlsage/sqlsage/diagnostics/syntax"

// messageIdent writes a name for a diagnostic message: as it is when it
// is a plain lower-case identifier, else as syntax.QuoteIdent quotes it.
// Unlike QuoteIdent it does not look the name up among keywords (a cgo
// call per name), which a message can do without: rules that report
// often, on every keystroke, call it.
func messageIdent(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || i > 0 && (c >= '0' && c <= '9' || c == '$')) {
			return syntax.QuoteIdent(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}
