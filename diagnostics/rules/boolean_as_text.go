package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// BooleanAsText reports columns named for a yes/no value (is_active,
// has_paid, can_edit, mfa_enabled, deleted_flag) declared with a text type.
var BooleanAsText = &diagnostics.Rule{
	ID:       "boolean-as-text",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Yes/no value stored in a text column",
		Why: "A flag kept as `VARCHAR`, `CHAR` or `TEXT` accepts any string: one code path writes `'Y'`, " +
			"another `'yes'`, a third `'true'` or `'1'`, and every query must guess (`WHERE is_active IN ('Y', " +
			"'y', 'yes', 'true', '1')`) or miss rows. It cannot be used as a condition (`WHERE is_active`), " +
			"`NOT`, `AND` and `bool_or()` do not apply, and it takes more space than the one byte of " +
			"`BOOLEAN`, which accepts exactly true, false and NULL and reads `'y'`, `'yes'`, `'t'`, `'1'` and " +
			"`'on'` as true on input.\n\n" +
			"The rule looks at column names that start with `is`, `has` or `can` (plus the `boolean-prefixes` " +
			"setting) or end in `enabled` or `flag` (`is_active`, `hasPaid`, `mfa_enabled`, `deleted_flag`) " +
			"declared `VARCHAR`, `CHAR` or `TEXT` in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … TYPE`. " +
			"A column whose `CHECK` constraint or default names values that are not yes/no words (`CHECK " +
			"(status_flag IN ('A', 'I', 'D'))`) holds a code, not a flag, and is left alone; so are names " +
			"such as `feature_flag` and `country_flag`, and columns a later migration retypes or drops.",
		Bad:  "CREATE TABLE users (id bigint PRIMARY KEY, is_active varchar(1) DEFAULT 'Y');",
		Good: "CREATE TABLE users (id bigint PRIMARY KEY, is_active BOOLEAN NOT NULL DEFAULT true);",
		Fix: "Replaces the type with `BOOLEAN`, keeping the rest of the column definition: a default such as " +
			"`'Y'`, `'N'`, `'true'` or `'0'` is valid boolean input and stays as written. No fix is offered for " +
			"`ALTER COLUMN … TYPE` (existing text needs a `USING` expression that maps it), nor when a `CHECK` " +
			"constraint works on the text or the default is not a yes/no literal.",
		Ignore: "Columns that hold more than two states under a boolean-sounding name (`is_verified` with " +
			"'pending'), or a legacy interface that reads the text as written.",
	},
	Run: runBooleanAsText,
}

// booleanPrefixes are the first words of a name that say it holds a yes/no value.
var booleanPrefixes = []string{"is", "has", "can"}

// notFlagBefore are words before "flag" that make it a thing, not a yes/no value.
var notFlagBefore = []string{"feature", "country", "nation", "national", "red", "green", "status", "type"}

// isBooleanName reports whether a column's name says it holds a yes/no
// value: is_*, has_*, can_* (and the configured prefixes) with another
// word after, or a name ending in enabled or flag.
func isBooleanName(settings diagnostics.Settings, name string) bool {
	w := nameWords(name)
	if len(w) == 0 {
		return false
	}
	if len(w) >= 2 && (hasWord(w[0], booleanPrefixes...) || hasWord(w[0], settings.BooleanPrefixes...)) {
		return true
	}
	switch w[len(w)-1] {
	case "enabled":
		return true
	case "flag":
		return len(w) >= 2 && !hasWord(w[len(w)-2], notFlagBefore...)
	}
	return false
}

// mayBeBooleanName is a cheap test that rules out most names before
// isBooleanName splits them into words: a boolean name starts with a
// prefix or ends in enabled or flag, in any case.
func mayBeBooleanName(settings diagnostics.Settings, name string) bool {
	for _, p := range booleanPrefixes {
		if hasPrefixFold(name, p) {
			return true
		}
	}
	for _, p := range settings.BooleanPrefixes {
		if hasPrefixFold(name, p) {
			return true
		}
	}
	return hasSuffixFold(name, "enabled") || hasSuffixFold(name, "flag")
}

// booleanWords are the strings PostgreSQL's boolean input accepts
// (with unique prefixes of them, which flags rarely use).
var booleanWords = map[string]bool{
	"t": true, "true": true, "f": true, "false": true, "y": true, "yes": true, "n": true, "no": true,
	"on": true, "off": true, "1": true, "0": true,
}

func isBooleanWord(s string) bool { return booleanWords[strings.ToLower(strings.TrimSpace(s))] }

func runBooleanAsText(pass *diagnostics.Pass) {
	var down downCheck
	for col := range eachColumn(pass.Stmt) {
		tn := col.Def.TypeName
		if !mayBeBooleanName(pass.Settings, col.Name) || !isTextType(tn) || !isBooleanName(pass.Settings, col.Name) {
			continue
		}
		if down.inDown(pass) {
			return
		}
		fixable, flag := booleanColumn(pass.Stmt, col)
		if !flag {
			continue
		}
		if _, fc, known := finalColumn(pass, col); known && (fc == nil || !isTextTypeName(fc.Type)) {
			continue // dropped or retyped by a later statement
		}
		span := pass.Stmt.TypeSpan(tn)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q stores a yes/no value as %s, which accepts any string and cannot be used as a condition",
				col.Name, pass.File.Text[span.Start:span.End]),
		}
		if fixable {
			d.Fixes = []diagnostics.Fix{edit.Fix("Use BOOLEAN", edit.ReplaceTokens(pass.File, span, "BOOLEAN"))}
		}
		pass.Report(d)
	}
}

// booleanColumn judges a text column with a boolean name by its
// constraints: flag is false when a CHECK or the default names a value
// that is not a yes/no word (the column holds a code); fixable is true
// when retyping it to BOOLEAN keeps the statement valid.
func booleanColumn(st *syntax.Stmt, col column) (fixable, flag bool) {
	fixable = col.Alter == nil || col.Alter.Subtype == syntax.AlterTableType_AT_AddColumn
	checks := columnChecks(st, col)
	for _, expr := range checks {
		for _, s := range stringLiterals(expr) {
			if !isBooleanWord(s) {
				return false, false
			}
		}
	}
	if len(checks) > 0 {
		fixable = false // the expression may use text functions
	}
	if columnConstraint(col.Def, syntax.ConstrType_CONSTR_GENERATED) != nil {
		fixable = false
	}
	if dflt := columnConstraint(col.Def, syntax.ConstrType_CONSTR_DEFAULT); dflt != nil {
		expr := dflt.RawExpr
		if tc := expr.GetTypeCast(); tc != nil {
			expr, fixable = tc.Arg, false // 'Y'::bpchar
		}
		switch c := expr.GetAConst(); {
		case c == nil:
			fixable = false
		case c.GetSval() != nil:
			if !isBooleanWord(c.GetSval().GetSval()) {
				return false, false
			}
		case c.GetBoolval() != nil || c.Isnull:
		default:
			fixable = false // a number: no integer-to-boolean assignment cast
		}
	}
	return fixable, true
}

// isTextTypeName reports whether a schema.Column's type is VARCHAR, CHAR
// or TEXT, not an array.
func isTextTypeName(typ string) bool {
	if strings.HasSuffix(typ, "]") {
		return false
	}
	switch modelTypeBase(typ) {
	case "varchar", "bpchar", "text":
		return true
	}
	return false
}
