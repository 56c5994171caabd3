package rules

import (
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
)

// junctionColumns returns the two columns of t when t is a junction
// (association) table: its columns, apart from timestamps and a
// one-column surrogate primary key, are exactly two, each the only
// column of a foreign key of t.
func junctionColumns(t *schema.Table) (pair [2]string, ok bool) {
	var surrogate string
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) == 1 {
		surrogate = t.PrimaryKey.Columns[0]
	}
	n := 0
	for _, c := range t.Columns {
		if isTimestampTypeName(c.Type) {
			continue
		}
		if !isSoleForeignKeyColumn(t, c.Name) {
			if c.Name == surrogate {
				continue
			}
			return pair, false
		}
		if n == 2 {
			return pair, false
		}
		pair[n] = c.Name
		n++
	}
	return pair, n == 2
}

// isSoleForeignKeyColumn reports whether col is the only column of a foreign key of t.
func isSoleForeignKeyColumn(t *schema.Table, col string) bool {
	return slices.ContainsFunc(t.ForeignKeys, func(fk *schema.ForeignKey) bool {
		return len(fk.Columns) == 1 && fk.Columns[0] == col
	})
}

// isTimestampTypeName reports whether a schema.Column's type holds a date or time.
func isTimestampTypeName(typ string) bool {
	switch modelTypeBase(typ) {
	case "timestamp", "timestamptz", "date", "time", "timetz":
		return true
	}
	return false
}
