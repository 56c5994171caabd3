package rules

import (
	"fmt"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/quickfix/edit"
)

// FkTypeMismatch reports foreign keys whose columns differ in type from
// the columns they reference.
var FkTypeMismatch = &diagnostics.Rule{
	ID:       "fk-type-mismatch",
	Category: diagnostics.Schema,
	Severity: diagnostics.Warning,
	Default:  true,
	Since:    "unreleased",
	Doc: diagnostics.Doc{
		Summary: "Foreign key column typed differently from its target",
		Why: "The two ends of a foreign key should have the same type. An `integer` column that references a " +
			"`bigint` key works until the parent's ids pass 2,147,483,647 — then new children cannot be " +
			"inserted, typically years into production and at the worst moment. A `varchar(50)` that " +
			"references a `text` key cannot hold longer keys. A wider referencing column admits values no " +
			"parent can have, and every join compares across types. Between unrelated types (`uuid` and " +
			"`text`, `integer` and `text`) PostgreSQL refuses to create the key at all.\n\n" +
			"The rule compares the types of the workspace's final schema after normalising spellings " +
			"(`int`, `integer`, `int4` and `serial` are one type; `bigint`, `int8` and `bigserial` another; " +
			"`varchar` without a length is `text`). It judges the built-in integer, numeric, text and uuid " +
			"types and leaves domains and other types alone.",
		Bad: "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer REFERENCES users (id));",
		Good: "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n" +
			"CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));",
		Fix: "Replaces the referencing column's type with the referenced column's, when the statement that " +
			"declares the key also declares the column (a `CREATE TABLE`, or `ADD COLUMN … REFERENCES`): the " +
			"column is new, so nothing is rewritten. A column declared earlier needs `ALTER COLUMN … TYPE`, " +
			"which rewrites the table under an exclusive lock; no fix is offered for it.",
		Ignore: "A key that deliberately narrows a type whose values are known to stay small, such as a " +
			"`smallint` reference to a lookup table with a `bigint` key.",
	},
	Run: runFkTypeMismatch,
}

// keyType normalises a schema.Column type for comparing the ends of a
// foreign key and returns its family, or "" when the rule does not judge
// the type (domains, arrays, types of extensions).
func keyType(typ string) (norm, family string) {
	if strings.HasSuffix(typ, "]") {
		return "", ""
	}
	switch base := modelTypeBase(typ); base {
	case "int2", "smallserial", "serial2":
		return "int2", "integer"
	case "int4", "serial", "serial4":
		return "int4", "integer"
	case "int8", "bigserial", "serial8":
		return "int8", "integer"
	case "numeric":
		return typ, "numeric"
	case "text":
		return "text", "text"
	case "varchar":
		if typ == "varchar" {
			return "text", "text"
		}
		return typ, "text"
	case "bpchar":
		return typ, "text"
	case "uuid":
		return "uuid", "uuid"
	}
	return "", ""
}

// sqlTypeNames spell normalised key types as SQL.
var sqlTypeNames = map[string]string{"int2": "SMALLINT", "int4": "INTEGER", "int8": "BIGINT", "text": "TEXT", "uuid": "UUID"}

// sqlType spells a normalised key type as SQL: "INTEGER", "VARCHAR(50)", "CHAR(2)".
func sqlType(norm string) string {
	if s, ok := sqlTypeNames[norm]; ok {
		return s
	}
	base, mods, _ := strings.Cut(norm, "(")
	switch base {
	case "varchar":
		base = "VARCHAR"
	case "bpchar":
		base = "CHAR"
	case "numeric":
		base = "NUMERIC"
	}
	if mods != "" {
		return base + "(" + strings.ReplaceAll(mods, ",", ", ")
	}
	return base
}

// intRanges are the largest values of the integer types, for messages.
var intRanges = map[string]string{"int2": "32,767", "int4": "2,147,483,647"}

// mismatchConsequence says what goes wrong when a column of type from
// references a column of type to, both normalised.
func mismatchConsequence(from, fromFamily, to, toFamily string) string {
	switch {
	case fromFamily != toFamily && !(fromFamily == "integer" && toFamily == "numeric" || fromFamily == "numeric" && toFamily == "integer"):
		return "PostgreSQL cannot create a foreign key between them"
	case fromFamily == "integer" && toFamily == "integer" && from < to:
		return fmt.Sprintf("referenced keys above %s cannot be stored in it", intRanges[from])
	case strings.HasPrefix(from, "varchar(") || strings.HasPrefix(from, "bpchar("):
		if to == "text" || strings.HasPrefix(to, "varchar(") {
			return "referenced keys longer than the column cannot be stored in it"
		}
	}
	return "it accepts values no referenced row can have and every join compares across types"
}

func runFkTypeMismatch(pass *diagnostics.Pass) {
	st := pass.Stmt
	if !isTableDefinition(st) {
		return
	}
	var down downCheck
	for k := range eachForeignKey(st) {
		tbl, fk := pass.Schema.ForeignKeyDeclaredAt(pass.File.URI, st.Offset(k.con.Location))
		if fk == nil {
			continue
		}
		ref := pass.Schema.Table(fk.RefTable)
		if ref == nil {
			continue
		}
		refCols := fk.RefColumns
		if len(refCols) == 0 && ref.PrimaryKey != nil {
			refCols = ref.PrimaryKey.Columns
		}
		if len(refCols) != len(fk.Columns) {
			continue
		}
		type mismatch struct {
			col      string
			from, to string // normalised types
			msg      string
		}
		var found []mismatch
		for i, name := range fk.Columns {
			c, rc := tbl.Column(name), ref.Column(refCols[i])
			if c == nil || rc == nil {
				continue
			}
			from, ff := keyType(c.Type)
			to, tf := keyType(rc.Type)
			if ff == "" || tf == "" || from == to {
				continue
			}
			msg := fmt.Sprintf("column %q is %s but references %s.%s of type %s, so %s", name, sqlTypeLower(from),
				ref.Name, refCols[i], sqlTypeLower(to), mismatchConsequence(from, ff, to, tf))
			found = append(found, mismatch{col: name, from: from, to: to, msg: msg})
		}
		if len(found) == 0 {
			continue
		}
		if down.inDown(pass) {
			return
		}
		msgs := make([]string, len(found))
		var edits []source.Edit
		fixable := true
		for i, m := range found {
			msgs[i] = m.msg
			def := declaredColumn(st, m.col)
			if def == nil || syntax.TypeString(def.TypeName) != tbl.Column(m.col).Type || !retypableKey(def, m.from, m.to) {
				fixable = false
				continue
			}
			edits = append(edits, edit.ReplaceTokens(pass.File, st.TypeSpan(def.TypeName), sqlType(m.to)))
		}
		span, _, ok := referencesClause(st, k.con)
		if !ok {
			span = source.Span{Start: st.Offset(k.con.Location), End: st.Offset(k.con.Location)}
		}
		diag := diagnostics.Diagnostic{Span: span, Message: strings.Join(msgs, "; ")}
		if fixable {
			title := "Use " + sqlType(found[0].to)
			if len(found) > 1 {
				title = "Use the referenced columns' types"
			}
			diag.Fixes = []diagnostics.Fix{edit.Fix(title, edits...)}
		}
		pass.Report(diag)
	}
}

// sqlTypeLower spells a normalised key type as SQL in lower case, for messages.
func sqlTypeLower(norm string) string { return strings.ToLower(sqlType(norm)) }

// declaredColumn returns the definition of column name in a CREATE TABLE
// or ALTER TABLE … ADD COLUMN statement, or nil.
func declaredColumn(st *syntax.Stmt, name string) *syntax.ColumnDef {
	for col := range eachColumn(st) {
		if col.Name == name && (col.Alter == nil || col.Alter.Subtype == syntax.AlterTableType_AT_AddColumn) {
			return col.Def
		}
	}
	return nil
}

// retypableKey reports whether def, a new column of normalised type from,
// can be declared with type to instead without breaking the statement:
// within a family any default and check still apply; across families
// only a column without them can change.
func retypableKey(def *syntax.ColumnDef, from, to string) bool {
	_, ff := keyType(from)
	_, tf := keyType(to)
	if ff == tf {
		return true
	}
	for _, n := range def.Constraints {
		switch n.GetConstraint().GetContype() {
		case syntax.ConstrType_CONSTR_DEFAULT, syntax.ConstrType_CONSTR_CHECK, syntax.ConstrType_CONSTR_GENERATED:
			return false
		}
	}
	return true
}
