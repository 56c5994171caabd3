// Package benchdata generates large, realistic SQL files for benchmarks: a mix
// of CREATE TABLE, CREATE INDEX, ALTER TABLE and SELECT statements with
// foreign keys between tables, deterministic for a given size (about 80
// bytes a statement, so 1.6 MB is 20,000 statements).
package benchdata

import (
	"fmt"
	"strings"
)

// Schema returns SQL of at least size bytes, in blocks of eight
// statements: a table with a foreign key to the previous table, two
// indexes, two ALTER TABLEs and three SELECTs. Every tenth block adds a
// money column typed float8, so that rules report findings.
func Schema(size int) string {
	var b strings.Builder
	b.Grow(size + 1024)
	for i := 0; b.Len() < size; i++ {
		p := max(i-1, 0)
		fmt.Fprintf(&b, "CREATE TABLE t%d (\n  id bigint PRIMARY KEY,\n  parent_id bigint REFERENCES t%d (id),\n  name text NOT NULL,\n  price numeric(10, 2),\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n", i, p)
		fmt.Fprintf(&b, "CREATE INDEX idx_t%d_parent ON t%d (parent_id);\n", i, i)
		fmt.Fprintf(&b, "CREATE INDEX idx_t%d_name ON t%d (name);\n", i, i)
		if i%10 == 0 {
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN total_amount float8;\n", i)
		} else {
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN note text;\n", i)
		}
		fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN qty int;\n", i)
		fmt.Fprintf(&b, "SELECT id, name, price, created_at FROM t%d WHERE name = 'a%d' ORDER BY created_at DESC;\n", i, i)
		fmt.Fprintf(&b, "SELECT count(*) FROM t%d WHERE parent_id = %d AND name IS NOT NULL;\n", i, p)
		fmt.Fprintf(&b, "SELECT a.id, a.name, b.name AS parent FROM t%d a JOIN t%d b ON b.id = a.parent_id;\n", i, p)
	}
	return b.String()
}
