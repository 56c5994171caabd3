package diagnostics

import "fmt"

// A Severity ranks a finding. The zero value is Off: the rule does not run.
type Severity uint8

// Severities, lowest first. Error: the statement will fail or is invalid;
// Warning: a likely bug or an unsafe migration; Info: a design smell;
// Hint: an improvement that carries a fix.
const (
	Off Severity = iota
	Hint
	Info
	Warning
	Error
)

var severityNames = [...]string{"off", "hint", "info", "warning", "error"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", s)
}

// ParseSeverity parses a severity name as written in config and flags.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want off, hint, info, warning or error)", name)
}

// A Category groups rules by what they judge.
type Category string

// Rule categories.
const (
	Schema    Category = "schema"
	Migration Category = "migration"
	Query     Category = "query"
	Syntax    Category = "syntax"
)
