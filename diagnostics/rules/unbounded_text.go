package rules

import (
	"fmt"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// UnboundedText reports columns for values of a known maximum length
// (email addresses, phone numbers, postal codes, country codes) declared
// as text without a length limit. It is off by default.
var UnboundedText = &diagnostics.Rule{
	ID:       "unbounded-text",
	Category: diagnostics.Schema,
	Severity: diagnostics.Hint,
	Default:  false,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Bounded value stored as text without a length limit",
		Why: "Some values have a known maximum length: an email address at most 254 characters (RFC 5321's " +
			"path limit), a phone number 15 digits (E.164) plus formatting, a postal code about ten characters " +
			"worldwide, an ISO 3166-1 alpha-2 country code two. Declared `TEXT` (or `VARCHAR` without a " +
			"length), the column accepts a megabyte of anything, so a bug or an attacker can store values " +
			"that break forms, exports, mail headers and index entries (a B-tree entry over about 2.7 kB fails " +
			"to insert). A length limit documents the value and rejects garbage at the database. In PostgreSQL " +
			"`VARCHAR(n)` costs nothing over `TEXT` — both are stored the same way — and a `CHECK (length(col) " +
			"<= n)` on `TEXT` is an equally good limit.\n\n" +
			"The rule is off by default: many teams validate lengths in the application and prefer `TEXT` " +
			"everywhere. It looks at column names ending in `email` (or `email_address`), `phone` (or " +
			"`phone_number`, `telephone`), `zip`, `zip_code`, `zipcode`, `postal_code`, `postcode` and " +
			"`country_code`, declared `TEXT` or `VARCHAR` without a length and with no `CHECK` constraint on " +
			"the column.",
		Bad:  "CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);",
		Good: "CREATE TABLE customers (id bigint PRIMARY KEY, email VARCHAR(254) NOT NULL);",
		Fix: "Replaces the type with a length-limited one: `VARCHAR(254)` for an email address, `VARCHAR(32)` " +
			"for a phone number (room for a + prefix, spaces and an extension), `VARCHAR(16)` for a zip or " +
			"postal code and `VARCHAR(2)` for a country code — not `CHAR(2)`, which pads shorter values with " +
			"spaces instead of rejecting them; add `CHECK (country_code ~ '^[A-Z]{2}$')` to require exactly two " +
			"letters. The fix is offered but never applied by `sqlsage fix`: a limit rejects values that are " +
			"accepted today (an alpha-3 country code, a long phone extension).",
		Ignore: "Columns that hold lists or free text under such a name (`emails` typed by users, a phone field " +
			"with notes), and projects that enforce lengths with a domain type or in the application.",
	},
	Run: runUnboundedText,
}

// boundedText returns the length-limited type for a column whose name
// says it holds a value of known maximum length, or "".
func boundedText(name string) string {
	w := nameWords(name)
	if len(w) == 0 {
		return ""
	}
	last := w[len(w)-1]
	before := ""
	if len(w) >= 2 {
		before = w[len(w)-2]
	}
	switch {
	case last == "email" || last == "address" && before == "email" || last == "emailaddress":
		return "VARCHAR(254)"
	case last == "phone" || last == "telephone" || last == "number" && slices.Contains([]string{"phone", "telephone"}, before):
		return "VARCHAR(32)"
	case last == "zip" || last == "zipcode" || last == "postcode" || last == "code" && (before == "zip" || before == "postal"):
		return "VARCHAR(16)"
	case last == "code" && before == "country":
		return "VARCHAR(2)"
	}
	return ""
}

// isUnboundedText reports whether tn is TEXT or VARCHAR without a length.
func isUnboundedText(tn *syntax.TypeName) bool {
	if tn == nil || syntax.IsArray(tn) {
		return false
	}
	switch syntax.TypeBase(tn) {
	case "text":
		return true
	case "varchar":
		return len(tn.Typmods) == 0
	}
	return false
}

func runUnboundedText(pass *diagnostics.Pass) {
	var down downCheck
	for col := range eachColumn(pass.Stmt) {
		tn := col.Def.TypeName
		if !isUnboundedText(tn) {
			continue
		}
		limited := boundedText(col.Name)
		if limited == "" || len(columnChecks(pass.Stmt, col)) > 0 {
			continue
		}
		if down.inDown(pass) {
			return
		}
		if _, fc, known := finalColumn(pass, col); known && (fc == nil || fc.Type != "text" && fc.Type != "varchar") {
			continue // dropped or retyped by a later statement
		}
		span := pass.Stmt.TypeSpan(tn)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q is %s without a length limit, so it accepts values of any size where %s would do",
				col.Name, pass.File.Text[span.Start:span.End], limited),
		}
		if col.Alter == nil || col.Alter.Subtype == syntax.AlterTableType_AT_AddColumn || col.Def.RawDefault == nil {
			d.Fixes = []diagnostics.Fix{edit.UnsafeFix("Use "+limited, edit.ReplaceTokens(pass.File, span, limited))}
		}
		pass.Report(d)
	}
}
