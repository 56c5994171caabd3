package diagnostics

import (
	"fmt"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A Pass is what a Rule's Run sees: one statement of one file of an
// immutable snapshot, the workspace schema model and the target version.
type Pass struct {
	Rule      *Rule
	File      *source.File
	Parsed    *syntax.ParsedFile
	Stmt      *syntax.Stmt  // the statement being judged: of the file, or of a routine body in it (Stmt.Parent != nil)
	Schema    *schema.Model // the workspace model; never nil
	PGVersion int           // target PostgreSQL major version
	Settings  Settings      // project-wide options from config
	Changes   *Changes      // differences from a base revision; nil unless checking with --base

	report func(Diagnostic)
}

// Report records a finding of the pass's rule.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.Rule.ID
	p.report(d)
}

// Reportf records a finding without fixes at span.
func (p *Pass) Reportf(span source.Span, format string, args ...any) {
	p.Report(Diagnostic{Span: span, Message: fmt.Sprintf(format, args...)})
}
