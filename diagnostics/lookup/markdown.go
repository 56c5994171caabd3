package lookup

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// Markdown describes what r refers to, from the schema model: a table's
// columns (type, NOT NULL, DEFAULT), primary key, unique constraints,
// foreign keys and indexes; a column's type, the constraints and indexes
// it is part of; and for both, a link to where it is defined. name gives
// the text shown for a file's URI (a path relative to the workspace, say).
func (r *Ref) Markdown(snap *workspace.Snapshot, name func(uri string) string) string {
	var b strings.Builder
	t := r.Table
	if r.Column == nil {
		fmt.Fprintf(&b, "**table** `%s`", t.Name.Key())
		switch {
		case t.Partitioned:
			b.WriteString(" (partitioned)")
		case t.Partition:
			b.WriteString(" (a partition)")
		}
		b.WriteString("\n\n" + definedAt(snap, r.Def, name) + "\n")
		if len(t.Columns) > 0 {
			b.WriteString("\nColumns:\n")
			for _, c := range t.Columns {
				fmt.Fprintf(&b, "- %s\n", columnLine(c))
			}
		}
		if t.PrimaryKey != nil {
			fmt.Fprintf(&b, "\nPrimary key: %s\n", keyText(t.PrimaryKey))
		}
		list(&b, "Unique", t.Uniques, keyText)
		list(&b, "Foreign keys", t.ForeignKeys, foreignKeyText)
		list(&b, "Indexes", t.Indexes, indexText)
		return strings.TrimSuffix(b.String(), "\n")
	}

	c := r.Column
	fmt.Fprintf(&b, "**column** `%s.%s` %s\n\n", t.Name.Key(), c.Name, strings.TrimPrefix(columnLine(c), "`"+c.Name+"` "))
	b.WriteString(definedAt(snap, r.Def, name) + "\n")
	has := func(cols []string) bool { return slices.Contains(cols, c.Name) }
	var cons []string
	if k := t.PrimaryKey; k != nil && has(k.Columns) {
		cons = append(cons, "primary key "+keyText(k))
	}
	for _, k := range t.Uniques {
		if has(k.Columns) {
			cons = append(cons, "unique "+keyText(k))
		}
	}
	for _, fk := range t.ForeignKeys {
		if has(fk.Columns) {
			cons = append(cons, "foreign key "+foreignKeyText(fk))
		}
	}
	list(&b, "Constraints", cons, func(s string) string { return s })
	var idx []*schema.Index
	for _, ix := range t.Indexes {
		if has(ix.Columns) || has(ix.Include) {
			idx = append(idx, ix)
		}
	}
	list(&b, "Indexes", idx, indexText)
	return strings.TrimSuffix(b.String(), "\n")
}

// list writes a titled bullet list of items, nothing when there are none.
func list[T any](b *strings.Builder, title string, items []T, text func(T) string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s:\n", title)
	for _, it := range items {
		fmt.Fprintf(b, "- %s\n", text(it))
	}
}

// definedAt is "Defined at [file:line](uri#Lline)".
func definedAt(snap *workspace.Snapshot, def schema.Location, name func(string) string) string {
	line := 0
	if f := snap.File(def.URI); f != nil {
		line = f.OffsetLine(def.Span.Start) + 1
	}
	return fmt.Sprintf("Defined at [%s:%d](%s#L%d)", name(def.URI), line, def.URI, line)
}

// columnLine is "`name` `type` NOT NULL DEFAULT".
func columnLine(c *schema.Column) string {
	s := fmt.Sprintf("`%s` `%s`", c.Name, typeName(c.Type))
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.HasDefault {
		s += " DEFAULT"
	}
	return s
}

// sqlTypeNames are the SQL names of the types whose internal names the
// model keeps (bigint is int8 inside PostgreSQL).
var sqlTypeNames = map[string]string{
	"int2": "smallint", "int4": "integer", "int8": "bigint",
	"float4": "real", "float8": "double precision", "bool": "boolean",
}

// typeName returns a type as people write it: "bigint[]" for "int8[]".
func typeName(t string) string {
	base := strings.TrimRight(t, "[]")
	if n, ok := sqlTypeNames[base]; ok {
		return n + t[len(base):]
	}
	return t
}

// names is "(`a`, `b`)".
func names(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		if c == "" {
			c = "expression"
		}
		q[i] = "`" + c + "`"
	}
	return "(" + strings.Join(q, ", ") + ")"
}

func keyText(k *schema.Key) string { return fmt.Sprintf("`%s` %s", k.Name, names(k.Columns)) }

// foreignKeyText is "`name` (`cols`) → `table` (`cols`) ON DELETE action".
func foreignKeyText(fk *schema.ForeignKey) string {
	s := fmt.Sprintf("`%s` %s → `%s`", fk.Name, names(fk.Columns), fk.RefTable.Key())
	if len(fk.RefColumns) > 0 {
		s += " " + names(fk.RefColumns)
	}
	return s + " ON DELETE " + actionText(fk.OnDelete)
}

func actionText(a schema.Action) string {
	switch a {
	case schema.Restrict:
		return "RESTRICT"
	case schema.Cascade:
		return "CASCADE"
	case schema.SetNull:
		return "SET NULL"
	case schema.SetDefault:
		return "SET DEFAULT"
	default:
		return "NO ACTION"
	}
}

// indexText is "`name` (keys) UNIQUE, gin, INCLUDE (`c`), WHERE …".
func indexText(ix *schema.Index) string {
	keys := ix.Keys
	if len(keys) == 0 {
		keys = ix.Columns
	}
	s := fmt.Sprintf("`%s` %s", ix.Name, names(keys))
	var attrs []string
	if ix.Unique {
		attrs = append(attrs, "UNIQUE")
	}
	if ix.Method != "" && ix.Method != "btree" {
		attrs = append(attrs, ix.Method)
	}
	if len(ix.Include) > 0 {
		attrs = append(attrs, "INCLUDE "+names(ix.Include))
	}
	if ix.Partial {
		if ix.Predicate != "" {
			attrs = append(attrs, "WHERE `"+ix.Predicate+"`")
		} else {
			attrs = append(attrs, "partial")
		}
	}
	if len(attrs) > 0 {
		s += " " + strings.Join(attrs, ", ")
	}
	return s
}
