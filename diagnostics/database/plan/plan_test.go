package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// load parses a real plan from testdata (see testdata/README.md).
func load(t *testing.T, name string) *Plan {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return p
}

func TestParseSeqScan(t *testing.T) {
	p := load(t, "seq_scan")
	want := &Node{
		Type: "Seq Scan", Relation: "orders", Schema: "public", Alias: "orders",
		StartupCost: 0, TotalCost: 1042, Rows: 515, Width: 34,
		Filter: "(orders.status = 'open'::text)",
	}
	if !reflect.DeepEqual(p.Root, want) {
		t.Errorf("root = %+v\nwant %+v", p.Root, want)
	}
	if p.Analyzed || p.PlanningTime != 0 || p.ExecutionTime != 0 || p.Triggers != nil {
		t.Errorf("plan = %+v; want not analysed, no times, no triggers", p)
	}
}

func TestParseAnalyzed(t *testing.T) {
	p := load(t, "join_analyze")
	if !p.Analyzed || p.PlanningTime != 0.387 || p.ExecutionTime != 0.516 {
		t.Errorf("Analyzed, PlanningTime, ExecutionTime = %v, %v, %v; want true, 0.387, 0.516", p.Analyzed, p.PlanningTime, p.ExecutionTime)
	}
	var got []string
	for _, n := range p.Nodes() {
		got = append(got, n.Name()+"|"+n.Table()+"|"+n.Alias+"|"+n.Index+"|"+n.ParentRelationship)
	}
	want := []string{
		"Sort||||",
		"Nested Loop||||Outer",
		"Index Scan|public.customers|c|customers_pkey|Outer",
		"Bitmap Heap Scan|public.orders|o||Inner",
		"Bitmap Index Scan|||orders_customer_id_idx|Outer",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nodes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	sort := p.Root
	if !reflect.DeepEqual(sort.SortKey, []string{"o.created_at"}) || sort.ActualRows != 50 || sort.Loops != 1 ||
		sort.ActualStartupTime != 0.441 || sort.ActualTotalTime != 0.444 || sort.StartupCost != 158.65 || sort.TotalCost != 158.78 {
		t.Errorf("Sort node = %+v", sort)
	}
	if ix := p.Nodes()[2]; ix.IndexCond != "(c.id = 42)" || ix.Rows != 1 || ix.ActualRows != 1 {
		t.Errorf("Index Scan node = %+v", ix)
	}
}

func TestParseTriggers(t *testing.T) {
	p := load(t, "delete_analyze")
	want := []Trigger{{Name: "RI_ConstraintTrigger_a_16407", Constraint: "orders_customer_id_fkey", Relation: "customers", Time: 0.897, Calls: 1}}
	if !reflect.DeepEqual(p.Triggers, want) {
		t.Errorf("Triggers = %+v; want %+v", p.Triggers, want)
	}
	if p.Root.Type != "ModifyTable" || p.Root.Operation != "Delete" || p.Root.Name() != "Delete" {
		t.Errorf("root = %q %q", p.Root.Type, p.Root.Operation)
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{
		``,
		`[]`,
		`[{"Plan": {}}, {"Plan": {}}]`,
		`[{"Planning Time": 1}]`,
		`[{"Plan": {"Node Type": "Seq Scan", "Plan Rows": "many"}}]`,
		`[{"Plan": {"Startup Cost": 1}}]`,
		`[{"Plan": {"Node Type": "Hash", "Plans": [{"Plan Rows": 1}]}}]`,
	} {
		if p, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%s) = %+v; want an error", in, p)
		}
	}
	// A bare object (as auto_explain logs it) is accepted.
	p, err := Parse([]byte(`{"Plan": {"Node Type": "Result", "Plan Rows": 1}}`))
	if err != nil || p.Root.Type != "Result" || p.Root.Rows != 1 {
		t.Errorf("bare object: %+v, %v", p, err)
	}
}

func TestName(t *testing.T) {
	for _, tc := range []struct {
		n    Node
		want string
	}{
		{Node{Type: "Hash Join", JoinType: "Left"}, "Hash Left Join"},
		{Node{Type: "Hash Join", JoinType: "Inner"}, "Hash Join"},
		{Node{Type: "Nested Loop", JoinType: "Anti"}, "Nested Loop Anti Join"},
		{Node{Type: "Aggregate", Strategy: "Hashed"}, "HashAggregate"},
		{Node{Type: "Aggregate", Strategy: "Sorted"}, "GroupAggregate"},
		{Node{Type: "Aggregate", Strategy: "Plain"}, "Aggregate"},
		{Node{Type: "SetOp", Strategy: "Hashed", Command: "Except"}, "HashSetOp Except"},
		{Node{Type: "Seq Scan", Parallel: true}, "Parallel Seq Scan"},
		{Node{Type: "Index Only Scan", ScanBackward: true}, "Index Only Scan Backward"},
		{Node{Type: "ModifyTable", Operation: "Update"}, "Update"},
	} {
		if got := tc.n.Name(); got != tc.want {
			t.Errorf("Name(%+v) = %q; want %q", tc.n, got, tc.want)
		}
	}
}

func TestRender(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"seq_scan", `Seq Scan on public.orders  (cost=0.00..1042.00 rows=515 width=34)
    Filter: (orders.status = 'open'::text)
`},
		{"join_analyze", `Sort  (cost=158.65..158.78 rows=50 width=32) (actual time=0.441..0.444 rows=50 loops=1)
│   Sort Key: o.created_at
└── Nested Loop  (cost=4.95..157.24 rows=50 width=32) (actual time=0.059..0.410 rows=50 loops=1)
    ├── Index Scan using customers_pkey on public.customers c  (cost=0.28..8.29 rows=1 width=24) (actual time=0.026..0.027 rows=1 loops=1)
    │       Index Cond: (c.id = 42)
    └── Bitmap Heap Scan on public.orders o  (cost=4.68..148.45 rows=50 width=24) (actual time=0.029..0.371 rows=50 loops=1)
        │   Recheck Cond: (o.customer_id = 42)
        └── Bitmap Index Scan using orders_customer_id_idx  (cost=0.00..4.67 rows=50 width=0) (actual time=0.020..0.020 rows=50 loops=1)
                Index Cond: (o.customer_id = 42)
Planning time: 0.387 ms
Execution time: 0.516 ms
`},
		{"delete_analyze", `Delete on public.customers  (cost=0.28..8.29 rows=0 width=0) (actual time=0.136..0.136 rows=0 loops=1)
└── Index Scan using customers_pkey on public.customers  (cost=0.28..8.29 rows=1 width=6) (actual time=0.032..0.033 rows=1 loops=1)
        Index Cond: (customers.id = 7)
Trigger RI_ConstraintTrigger_a_16407 for constraint orders_customer_id_fkey on customers: time=0.897 ms calls=1
Planning time: 0.373 ms
Execution time: 1.122 ms
`},
		{"misestimate_analyze", `Aggregate  (cost=2041.02..2041.03 rows=1 width=8) (actual time=7.565..7.566 rows=1 loops=1)
└── Seq Scan on public.pairs  (cost=0.00..2041.00 rows=9 width=0) (actual time=0.011..7.495 rows=1000 loops=1)
        Filter: ((pairs.a = 1) AND (pairs.b = 1))
        Rows Removed by Filter: 99000
Planning time: 0.317 ms
Execution time: 7.627 ms
`},
	} {
		if got := Render(load(t, tc.file)); got != tc.want {
			t.Errorf("Render(%s):\n%s\nwant:\n%s", tc.file, got, tc.want)
		}
	}
}

func TestRenderNeverExecutedAndFractionalRows(t *testing.T) {
	p, err := Parse([]byte(`[{"Plan": {"Node Type": "Nested Loop", "Join Type": "Left", "Plan Rows": 3, "Actual Rows": 0.5, "Actual Loops": 2,
		"Plans": [{"Node Type": "CTE Scan", "CTE Name": "recent", "Alias": "r", "Plan Rows": 1, "Actual Rows": 0, "Actual Loops": 0, "Parent Relationship": "Inner"}]},
		"Execution Time": 0.1}]`))
	if err != nil {
		t.Fatal(err)
	}
	want := `Nested Loop Left Join  (cost=0.00..0.00 rows=3 width=0) (actual time=0.000..0.000 rows=0.50 loops=2)
└── CTE Scan on recent r  (cost=0.00..0.00 rows=1 width=0) (never executed)
Execution time: 0.100 ms
`
	if got := Render(p); got != want {
		t.Errorf("Render:\n%s\nwant:\n%s", got, want)
	}
}

func TestSeqScans(t *testing.T) {
	sizes := func(schema, table string) (float64, bool) {
		if schema == "public" && table == "orders" {
			return 50000, true
		}
		return 0, false
	}
	// From the catalog's estimate, in a plan that was not analysed.
	got := SeqScans(load(t, "seq_scan"), sizes, 0)
	if len(got) != 1 || got[0].Rule != SeqScanRule || got[0].Node.Relation != "orders" ||
		got[0].Message != "sequential scan of public.orders reads all of its ~50000 rows to keep ~515 with filter (orders.status = 'open'::text); an index on the filtered columns would read only those" {
		t.Errorf("SeqScans(seq_scan) = %+v", got)
	}
	// Unknown size and not analysed: nothing to go on.
	if got := SeqScans(load(t, "seq_scan"), nil, 0); len(got) != 0 {
		t.Errorf("SeqScans without sizes = %+v; want none", got)
	}
	// Below the threshold.
	if got := SeqScans(load(t, "seq_scan"), sizes, 100_000); len(got) != 0 {
		t.Errorf("SeqScans with minRows 100000 = %+v; want none", got)
	}
	// Analysed: the size is what the scan read (500 kept + 49500 removed);
	// the scan of customers has no filter.
	got = SeqScans(load(t, "hash_join_analyze"), nil, 0)
	if len(got) != 1 || got[0].Node.Alias != "o" ||
		got[0].Message != "sequential scan of public.orders reads all of its ~50000 rows to keep ~500 with filter (o.status = 'open'::text); an index on the filtered columns would read only those" {
		t.Errorf("SeqScans(hash_join_analyze) = %+v", got)
	}
	// Index scans are never reported.
	for _, f := range []string{"join_analyze", "nested_loop_analyze", "delete_analyze"} {
		if got := SeqScans(load(t, f), func(string, string) (float64, bool) { return 1e6, true }, 0); len(got) != 0 {
			t.Errorf("SeqScans(%s) = %+v; want none", f, got)
		}
	}
}

func TestMisestimates(t *testing.T) {
	got := Misestimates(load(t, "misestimate_analyze"), 0)
	if len(got) != 1 || got[0].Rule != MisestimateRule || got[0].Node.Type != "Seq Scan" ||
		got[0].Message != "planner estimated 9 rows for Seq Scan on public.pairs but it returned 1000 (111× more); plans built on this estimate may be slow: ANALYZE the table, or add statistics for correlated columns (CREATE STATISTICS)" {
		t.Errorf("Misestimates(misestimate_analyze) = %+v", got)
	}
	// 111× is not more than 200×.
	if got := Misestimates(load(t, "misestimate_analyze"), 200); len(got) != 0 {
		t.Errorf("factor 200: %+v", got)
	}
	// Good estimates; a Limit that stops its scan early (49485 estimated,
	// 5 read); a Delete that returns no rows by design; a plan that was
	// not analysed.
	for _, f := range []string{"join_analyze", "nested_loop_analyze", "hash_join_analyze", "limit_analyze", "delete_analyze", "seq_scan"} {
		if got := Misestimates(load(t, f), 0); len(got) != 0 {
			t.Errorf("Misestimates(%s) = %+v; want none", f, got)
		}
	}
}

func TestMisestimatesReportsTheSource(t *testing.T) {
	// The join's error comes from its outer scan's: only the scan is
	// reported. The inner scan under the anti join's second input stops
	// early: fewer rows than estimated is no finding there.
	p, err := Parse([]byte(`[{"Plan": {"Node Type": "Hash Join", "Join Type": "Anti", "Plan Rows": 10, "Actual Rows": 5000, "Actual Loops": 1,
		"Plans": [
			{"Node Type": "Seq Scan", "Relation Name": "a", "Plan Rows": 10, "Actual Rows": 6000, "Actual Loops": 1},
			{"Node Type": "Hash", "Plan Rows": 1000, "Actual Rows": 3, "Actual Loops": 1, "Plans": [
				{"Node Type": "Seq Scan", "Relation Name": "b", "Plan Rows": 1000, "Actual Rows": 3, "Actual Loops": 1}]}
		]}, "Execution Time": 1}]`))
	if err != nil {
		t.Fatal(err)
	}
	got := Misestimates(p, 0)
	if len(got) != 1 || got[0].Node.Relation != "a" {
		t.Errorf("Misestimates = %+v; want only the scan of a", got)
	}
	// Fewer rows than estimated, per loop, on a node nothing stops early.
	p, _ = Parse([]byte(`[{"Plan": {"Node Type": "Nested Loop", "Plan Rows": 5, "Actual Rows": 5, "Actual Loops": 1, "Plans": [
		{"Node Type": "Seq Scan", "Relation Name": "c", "Plan Rows": 5, "Actual Rows": 5, "Actual Loops": 1},
		{"Node Type": "Index Scan", "Relation Name": "d", "Index Name": "d_pkey", "Plan Rows": 2000, "Actual Rows": 1, "Actual Loops": 5}]}, "Execution Time": 1}]`))
	got = Misestimates(p, 0)
	if len(got) != 1 || got[0].Message != "planner estimated 2000 rows per loop for Index Scan on d but it returned 1 (2000× fewer); plans built on this estimate may be slow: ANALYZE the table, or add statistics for correlated columns (CREATE STATISTICS)" {
		t.Errorf("Misestimates = %+v", got)
	}
}
