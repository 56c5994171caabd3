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
	Stmt      *syntax.Stmt  // the statement being judged: of the file, or of a routine body in it (Stmt.Parent != nil)
	Schema    *schema.Model // the workspace model, recording what the rule looks up in it; never nil
	PGVersion int           // target PostgreSQL major version
	Settings  Settings      // project-wide options from config
	Changes   *Changes      // differences from a base revision; nil unless checking with --base

	parsed    *syntax.ParsedFile
	fileReads *fileReads // what the rules read of the file beyond the statement, for AnalyzeFrom
	report    func(Diagnostic)
}

// Parsed returns the whole file's parse, for a rule whose judgement of
// a statement depends on the others (a BEGIN before it, a file that also
// changes the schema). The engine then re-runs the rule on the statement
// whenever any statement of the file changes; a rule that needs only the
// comments asks Comments.
func (p *Pass) Parsed() *syntax.ParsedFile {
	if p.fileReads != nil {
		*p.fileReads |= readStmts
	}
	return p.parsed
}

// Comments returns the comments between the file's statements (see
// syntax.ParsedFile.Comments). The engine re-runs the rule on the
// statement whenever a comment of the file changes.
func (p *Pass) Comments() []source.Span {
	if p.fileReads != nil {
		*p.fileReads |= readComments
	}
	return p.parsed.Comments
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
