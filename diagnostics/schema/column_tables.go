package schema

import "sync"

// A columnMemo holds the answers TablesWithColumn has computed for one
// model. The model stays immutable: the memo only saves recomputing the
// same answer.
type columnMemo struct {
	mu     sync.Mutex
	tables map[string][]*Table // column name → tables that have it
}

// TablesWithColumn returns the tables that have a column called name, in
// creation order. The first call for a name scans every table; later
// calls on the same model are a map lookup, so that a rule can ask it
// for every statement of a file ("does any table have deleted_at?").
func (m *Model) TablesWithColumn(name string) []*Table {
	if m == nil {
		return nil
	}
	if m.reads != nil {
		m.reads.Columns = append(m.reads.Columns, name)
	}
	scan := func() []*Table {
		var out []*Table
		for _, t := range m.order {
			if t.Column(name) != nil {
				out = append(out, t)
			}
		}
		return out
	}
	memo := m.byColumn
	if memo == nil {
		return scan()
	}
	memo.mu.Lock()
	defer memo.mu.Unlock()
	if ts, ok := memo.tables[name]; ok {
		return ts
	}
	if memo.tables == nil {
		memo.tables = make(map[string][]*Table)
	}
	ts := scan()
	memo.tables[name] = ts
	return ts
}
