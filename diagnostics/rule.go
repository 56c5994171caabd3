package diagnostics

// A Rule describes one check: its identity, its documentation and its Run
// function. Rules are plain values, declared once in package rules and
// never mutated.
type Rule struct {
	ID       string   // stable kebab-case ID users write in config and ignore comments
	Category Category // schema, migration, query or syntax
	Severity Severity // default severity; config may override it or turn the rule off
	Default  bool     // true when the rule is on unless config turns it off
	Since    string   // release that introduced the rule
	Doc      Doc

	// Run is called once for every SQL statement of the file being
	// analysed, including statements that do not parse (Pass.Stmt.Node is
	// then nil and Pass.Stmt.Err says why), and once for every SQL
	// statement of the routine bodies in them (function, procedure and DO
	// bodies: see syntax.Routine). A body statement's Parent is the
	// statement that holds it; its Top the statement of the file.
	Run func(*Pass)
}

// Doc is a rule's documentation; `sqlsage rules` and docs/rules are generated from it.
type Doc struct {
	Summary string // one line, ≤ 60 characters, sentence case, no period
	Why     string // Markdown: the practice, the consequence
	Bad     string // SQL that reports the rule; "-- file: NAME.sql" lines make it a workspace of several files
	Good    string // SQL that does not
	Fix     string // what the fix does and when it is unsafe; "" when there is no fix
	Ignore  string // when ignoring is right
}

// URL returns the address of the rule's documentation page.
func (r *Rule) URL() string { return DocsBaseURL + r.ID + ".md" }

// DocsBaseURL is where the generated rule pages are published.
const DocsBaseURL = "https://github.com/sqlsage/sqlsage/blob/main/docs/rules/"
