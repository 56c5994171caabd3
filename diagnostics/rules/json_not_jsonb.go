package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// JsonNotJsonb reports columns declared with the json type rather than jsonb.
var JsonNotJsonb = &diagnostics.Rule{
	ID:       "json-not-jsonb",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "JSON column typed json instead of jsonb",
		Why: "`json` stores the document as text and parses it again on every access: each `->`, `->>` or " +
			"`#>` re-reads the whole value. It has no equality operator, so `DISTINCT`, `GROUP BY`, `UNION` " +
			"and unique constraints fail on it, and it cannot be indexed with GIN, so containment (`@>`) and " +
			"key-existence (`?`) queries scan the table. `jsonb` stores a parsed binary form: faster to query, " +
			"comparable, indexable with `CREATE INDEX … USING gin`, with the containment and existence operators " +
			"and `jsonb_set` and friends. The PostgreSQL manual: \"In general, most applications should prefer to " +
			"store JSON data as jsonb, unless there are quite specialized needs, such as legacy assumptions about " +
			"ordering of object keys.\"\n\n" +
			"The rule looks at `json` and `json[]` columns in `CREATE TABLE`, `ADD COLUMN` and `ALTER COLUMN … " +
			"TYPE`, except in down migrations, temporary tables, columns a later migration retypes or drops, and a " +
			"json column kept beside its jsonb twin (`data_json` and `data_jsonb`), which is json on purpose.",
		Bad:  "CREATE TABLE events (id bigint PRIMARY KEY, payload json NOT NULL);",
		Good: "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);",
		Fix: "Replaces the type with `jsonb` (in the case it was written in, and a default's `::json` cast too), keeping the rest of " +
			"the column definition. `jsonb` does not keep white space, key order or duplicate keys (the last " +
			"one wins): keep `json` where the exact text matters. No fix is offered when a `CHECK` constraint or " +
			"a generated expression works on the value (json functions such as `json_typeof` do not take " +
			"`jsonb`), nor for `ALTER COLUMN … TYPE … USING`.",
		Ignore: "A column that must return the document exactly as received — byte for byte, such as a " +
			"webhook body whose signature is verified later.",
	},
	Run: runJsonNotJsonb,
}

func runJsonNotJsonb(pass *diagnostics.Pass) {
	var down downCheck
	for col := range eachColumn(pass.Stmt) {
		tn := col.Def.TypeName
		if syntax.TypeBase(tn) != "json" || len(tn.Names) > 2 {
			continue
		}
		if down.inDown(pass) {
			return
		}
		tbl, fc, known := finalColumn(pass, col)
		if known && (fc == nil || modelTypeBase(fc.Type) != "json" || hasJsonbTwin(tbl, fc.Name)) {
			continue // dropped or retyped by a later statement, or json on purpose
		}
		span := pass.Stmt.TypeSpan(tn)
		d := diagnostics.Diagnostic{
			Span: span,
			Message: fmt.Sprintf("column %q is typed %s, which is reparsed on every access, has no equality and cannot be GIN-indexed",
				col.Name, pass.File.Text[span.Start:span.End]),
		}
		if edits, ok := jsonbEdits(pass, col, span); ok {
			d.Fixes = []diagnostics.Fix{edit.Fix("Use JSONB", edits...)}
		}
		pass.Report(d)
	}
}

// jsonbEdits returns the edits that retype col, whose type is at span, to
// jsonb, and false when that could make the statement invalid.
func jsonbEdits(pass *diagnostics.Pass, col column, span source.Span) ([]source.Edit, bool) {
	st := pass.Stmt
	edits := []source.Edit{edit.ReplaceTokens(pass.File, span, jsonbFor(pass.File.Text[span.Start:span.End], syntax.IsArray(col.Def.TypeName)))}
	if col.Alter != nil && col.Alter.Subtype == syntax.AlterTableType_AT_AlterColumnType && col.Def.RawDefault != nil {
		return nil, false // ALTER COLUMN … TYPE json USING expr
	}
	if len(columnChecks(st, col)) > 0 || columnConstraint(col.Def, syntax.ConstrType_CONSTR_GENERATED) != nil {
		return nil, false
	}
	if dflt := columnConstraint(col.Def, syntax.ConstrType_CONSTR_DEFAULT); dflt != nil {
		expr := dflt.RawExpr
		if tc := expr.GetTypeCast(); tc != nil {
			// '{}'::json: cast to the new type instead.
			if syntax.TypeBase(tc.TypeName) != "json" || syntax.IsArray(tc.TypeName) != syntax.IsArray(col.Def.TypeName) {
				return nil, false
			}
			cast := st.TypeSpan(tc.TypeName)
			edits = append(edits, edit.ReplaceTokens(pass.File, cast, jsonbFor(pass.File.Text[cast.Start:cast.End], syntax.IsArray(tc.TypeName))))
			expr = tc.Arg
		}
		if c := expr.GetAConst(); c == nil || (c.GetSval() == nil && !c.Isnull) {
			return nil, false
		}
	}
	return edits, true
}

// jsonbFor returns the jsonb type to write in place of the json type
// written as old: in lower case when old is, so that "'{}'::json" becomes
// "'{}'::jsonb" and "JSON" becomes "JSONB".
func jsonbFor(old string, array bool) string {
	t := "JSONB"
	if strings.ToLower(old) == old {
		t = "jsonb"
	}
	if array {
		t += "[]"
	}
	return t
}

// hasJsonbTwin reports whether tbl keeps a jsonb column beside the json
// column name, named like it with jsonb for json (data_json and
// data_jsonb): the table holds both forms on purpose.
func hasJsonbTwin(tbl *schema.Table, name string) bool {
	i := strings.LastIndex(strings.ToLower(name), "json")
	return i >= 0 && tbl.Column(name[:i+4]+"b"+name[i+4:]) != nil
}
