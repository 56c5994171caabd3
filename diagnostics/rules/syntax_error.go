package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics"
)

// SyntaxError reports statements that PostgreSQL's parser rejects, at the
// parser's position, naming MySQL syntax and template placeholders.
var SyntaxError = &diagnostics.Rule{
	ID:       "syntax-error",
	Category: diagnostics.Syntax,
	Severity: diagnostics.Error,
	Default:  true,
	Since:    "v0.1.0",
	Doc: diagnostics.Doc{
		Summary: "Statement does not parse as PostgreSQL",
		Why: "sqlsage parses every statement with PostgreSQL's own grammar (16). A statement it cannot parse " +
			"will fail when it runs, and no other rule can judge it. Statements are parsed one at a time, so " +
			"one error never hides findings in the rest of the file.\n\n" +
			"MySQL syntax (backtick identifiers, `AUTO_INCREMENT`, `ENGINE=`) is named as such, and so are " +
			"template placeholders (Flyway `${name}`, psql `:var`, Go templates `{{ … }}`, `%s`), which make " +
			"a statement unparsable until a tool fills them in.",
		Bad:    "CREATE TABLE users (id int AUTO_INCREMENT PRIMARY KEY);",
		Good:   "CREATE TABLE users (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
		Ignore: "Files that are templates for another tool: add `-- sqlsage-ignore-file syntax-error`.",
	},
	Run: runSyntaxError,
}

func runSyntaxError(pass *diagnostics.Pass) {
	if e := pass.Stmt.Err; e != nil {
		pass.Reportf(e.Span, "%s", e.Message)
	}
}
