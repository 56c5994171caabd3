package rules

import (
	"github.com/sqlsage/sqlsage/diagnostics"
)

// UnusedIgnore reports ignore comments that name no rule, or that silence
// nothing. The engine's pipeline finds them after suppression (see
// diagnostics.UnusedIgnoreID), since only then is it known what each
// comment silenced; Run has nothing to do per statement.
var UnusedIgnore = &diagnostics.Rule{
	ID:       "unused-ignore", // diagnostics.UnusedIgnoreID
	Category: diagnostics.Syntax,
	Severity: diagnostics.Hint,
	Default:  true,
	Since:    "v0.1.0",
	Doc: diagnostics.Doc{
		Summary: "Ignore comment that silences nothing",
		Why: "`-- sqlsage-ignore rule-id` before a statement (or `-- sqlsage-ignore-file rule-id`) silences a " +
			"finding someone judged acceptable. Once the statement changes, or the rule ID is misspelled, the " +
			"comment silences nothing, yet it stays, and the next real finding of that rule there is hidden " +
			"without anyone having judged it. An ID that names no rule is reported too. A rule turned off in " +
			"configuration silences nothing either way; its ignore comments are left alone.",
		Bad: "-- sqlsage-ignore money-float\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));\n" +
			"-- sqlsage-ignore selct-star\n" +
			"SELECT * FROM orders;",
		Good: "-- sqlsage-ignore money-float -- legacy import, converted in Q3\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, total float8);",
		Ignore: "An ignore comment kept on purpose for a rule that does not fire yet (a shared file, a rule a " +
			"stricter configuration turns on): add unused-ignore to that comment's list.",
	},
	Run: func(*diagnostics.Pass) {},
}
