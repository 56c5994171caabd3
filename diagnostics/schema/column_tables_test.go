package schema_test

import (
	"sync"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestTablesWithColumn(t *testing.T) {
	m := buildFiles(t, source.NewFile("a.sql", 0, `CREATE TABLE users (id bigint PRIMARY KEY, deleted_at timestamptz);
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY);
ALTER TABLE posts ADD COLUMN deleted_at timestamptz;
ALTER TABLE users RENAME COLUMN deleted_at TO removed_at;
`))
	names := func(ts []*schema.Table) (out []string) {
		for _, tb := range ts {
			out = append(out, tb.Name.Key())
		}
		return out
	}
	var wg sync.WaitGroup
	for range 4 { // concurrent callers share the memo
		wg.Go(func() {
			if got := names(m.TablesWithColumn("deleted_at")); len(got) != 1 || got[0] != "posts" {
				t.Errorf("TablesWithColumn(deleted_at) = %v, want [posts]", got)
			}
		})
	}
	wg.Wait()
	if got := m.TablesWithColumn("id"); len(got) != 3 {
		t.Errorf("TablesWithColumn(id) = %v, want 3 tables", names(got))
	}
	if got := m.TablesWithColumn("nope"); got != nil {
		t.Errorf("TablesWithColumn(nope) = %v, want none", names(got))
	}
	var empty *schema.Model
	if empty.TablesWithColumn("id") != nil {
		t.Error("nil model has tables")
	}
}
