package schema

import (
	"sync"

	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A history keeps, beside the final schema, what rules need to know of
// the schema as it stood at an earlier migration: the type changes of
// columns, and the files Build replayed, from which DownDiff replays
// migrations on demand.
type history struct {
	// types holds, by typeKey, each ALTER COLUMN … TYPE applied to a
	// column, in order. Only changes are recorded: a column whose type
	// never changed has its final type, and costs nothing.
	types map[string][]typeChange
	files []*syntax.ParsedFile // as Build got them, in migration order

	inverse struct {
		once  sync.Once
		diffs map[*migration.Migration]downDiff
	}
}

// A typeChange is one ALTER COLUMN … TYPE: the step of its file in the
// migration order, and the column's type before it.
type typeChange struct {
	step int
	from string
}

// typeKey is the key of a column in history.types: the table's key (as
// named when the change was made) and the column's name.
func typeKey(table, col string) string { return table + "\x00" + col }

// recordTypeChange records that a statement of the file at uri is about
// to change the type of column col of table t.
func (m *Model) recordTypeChange(uri string, t *Table, col *Column) {
	if m.hist == nil {
		return
	}
	if m.hist.types == nil {
		m.hist.types = make(map[string][]typeChange)
	}
	k := typeKey(t.Name.Key(), col.Name)
	m.hist.types[k] = append(m.hist.types[k], typeChange{step: m.steps[uri], from: col.Type})
}

// ColumnTypeBefore returns the type column col of the table called
// table had before the migration of the file at uri ran (as Column.Type
// writes types: "varchar(20)"), or "" when the model does not know the
// column. The table and column are named as they were then: a later
// rename is not followed.
func (m *Model) ColumnTypeBefore(table Name, col, uri string) string {
	if m == nil {
		return ""
	}
	k := table.Key()
	m.reads.table(k)
	m.readFiles()
	if step, ok := m.steps[uri]; ok && m.hist != nil {
		for _, c := range m.hist.types[typeKey(k, col)] {
			if c.step >= step {
				return c.from
			}
		}
	}
	if t := m.tables[k]; t != nil {
		if c := t.Column(col); c != nil {
			return c.Type
		}
	}
	return ""
}
