package lookup

import (
	"context"
	"fmt"
	"path"
	"slices"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// places renders locations as "file:line:column text" (1-based line,
// byte column), the text being the span's.
func places(snap *workspace.Snapshot, locs []schema.Location) []string {
	out := []string{}
	for _, l := range locs {
		f := snap.File(l.URI)
		line := f.OffsetLine(l.Span.Start)
		out = append(out, fmt.Sprintf("%s:%d:%d %s", path.Base(l.URI), line+1, l.Span.Start-f.LineStart(line)+1, f.Text[l.Span.Start:l.Span.End]))
	}
	return out
}

func TestReferences(t *testing.T) {
	snap := snapshot()
	ctx := context.Background()
	model, err := snap.Model(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orders := model.Table(schema.Name{Object: "orders"})
	users := model.Table(schema.Name{Object: "users"})
	tests := []struct {
		name   string
		table  *schema.Table
		column string
		want   []string // with the declaration, which is first
	}{
		{"table orders", orders, "", []string{
			"001_init.sql:7:14 orders",
			"001_init.sql:14:36 orders",
			"001_init.sql:15:40 orders",
			"002_alter.sql:1:13 orders",
			"003_queries.sql:2:38 orders",
			"003_queries.sql:3:8 orders",
			"003_queries.sql:5:20 orders",
			// WITH orders AS (…) SELECT id FROM orders: the CTE hides the table.
			"003_queries.sql:7:16 orders",
			"003_queries.sql:8:17 orders",
			"003_queries.sql:10:13 orders",
		}},
		{"table users", users, "", []string{
			"001_init.sql:2:14 users",
			"001_init.sql:9:38 users",
			"003_queries.sql:2:52 users",
			"003_queries.sql:4:13 users",
			"003_queries.sql:7:24 users",
			"003_queries.sql:9:13 users",
			"003_queries.sql:10:70 users",
			"003_queries.sql:11:70 users", // in a PL/pgSQL body
		}},
		{"column orders.status", orders, "status", []string{
			"001_init.sql:11:3 status",
			"001_init.sql:12:46 status",   // UNIQUE (status, total)
			"001_init.sql:15:60 status",   // the index key,
			"001_init.sql:15:74 status",   // in its expression,
			"001_init.sql:15:105 status",  // in its predicate
			"003_queries.sql:2:26 status", // unqualified: only orders has it
			"003_queries.sql:3:19 status", // UPDATE … SET
			"003_queries.sql:10:51 status",
		}},
		{"column users.email", users, "email", []string{
			"001_init.sql:4:3 email",
			"003_queries.sql:2:19 email", // u.email
			"003_queries.sql:4:20 email", // INSERT column list
			"003_queries.sql:10:77 email",
			"003_queries.sql:11:97 email",
		}},
		{"column orders.note, added by ALTER TABLE", orders, "note", []string{
			"002_alter.sql:1:31 note",
			"003_queries.sql:2:88 note",
			"003_queries.sql:8:35 note",
		}},
	}
	for _, tt := range tests {
		var col *schema.Column
		if tt.column != "" {
			col = tt.table.Column(tt.column)
		}
		got, err := References(ctx, snap, tt.table, col, true)
		if err != nil {
			t.Fatal(err)
		}
		if g := places(snap, got); !slices.Equal(g, tt.want) {
			t.Errorf("%s, with the declaration:\n got %q\nwant %q", tt.name, g, tt.want)
		}
		got, err = References(ctx, snap, tt.table, col, false)
		if err != nil {
			t.Fatal(err)
		}
		if g := places(snap, got); !slices.Equal(g, tt.want[1:]) {
			t.Errorf("%s, without the declaration:\n got %q\nwant %q", tt.name, g, tt.want[1:])
		}
	}
}

// TestReferencesFoldNames checks that names match as PostgreSQL folds
// them: unquoted words in any case, a quoted name exactly.
func TestReferencesFoldNames(t *testing.T) {
	snap := workspace.New(syntax.NewParser(0), source.NewFile("a.sql", 0,
		"CREATE TABLE Items (Id int, \"Note\" text);\n"+
			"SELECT ID, \"Note\", note FROM ITEMS;\n"+
			"SELECT id FROM \"Items\";\n"+
			"SELECT \"id\" FROM \"items\";\n"))
	ctx := context.Background()
	model, err := snap.Model(ctx)
	if err != nil {
		t.Fatal(err)
	}
	items := model.Table(schema.Name{Object: "items"})
	for _, tt := range []struct {
		column string
		want   []string
	}{
		{"", []string{"a.sql:1:14 Items", "a.sql:2:30 ITEMS", "a.sql:4:18 \"items\""}},
		{"id", []string{"a.sql:1:21 Id", "a.sql:2:8 ID", "a.sql:4:8 \"id\""}},
		{"Note", []string{"a.sql:1:29 \"Note\"", "a.sql:2:12 \"Note\""}},
	} {
		var col *schema.Column
		if tt.column != "" {
			col = items.Column(tt.column)
		}
		got, err := References(ctx, snap, items, col, true)
		if err != nil {
			t.Fatal(err)
		}
		if g := places(snap, got); !slices.Equal(g, tt.want) {
			t.Errorf("references of items %q:\n got %q\nwant %q", tt.column, g, tt.want)
		}
	}
}
