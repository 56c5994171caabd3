package syntax

import (
	"context"
	"slices"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// parseOne parses src, which must hold one SQL statement after an
// optional prefix, and returns it.
func parseOne(t *testing.T, src string) *Stmt {
	t.Helper()
	pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("t.sql", 0, src))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range pf.Stmts {
		if st.Node != nil {
			return st
		}
	}
	t.Fatalf("no statement parses in %q", src)
	return nil
}

func TestNameSpan(t *testing.T) {
	for _, src := range []string{
		`ALTER TABLE orders ADD x int;`,
		`ALTER TABLE public.orders ADD x int;`,
		`ALTER TABLE "Sales" . "Orders" ADD x int;`,
		`ALTER TABLE ONLY s."o""x" ADD x int;`,
	} {
		st := parseOne(t, "-- lead\n"+src)
		rv := st.Node.GetAlterTableStmt().Relation
		sp := st.NameSpan(rv.Location)
		got := st.Text[sp.Start-st.Span.Start : sp.End-st.Span.Start]
		want := map[string]string{
			`ALTER TABLE orders ADD x int;`:             `orders`,
			`ALTER TABLE public.orders ADD x int;`:      `public.orders`,
			`ALTER TABLE "Sales" . "Orders" ADD x int;`: `"Sales" . "Orders"`,
			`ALTER TABLE ONLY s."o""x" ADD x int;`:      `s."o""x"`,
		}[src]
		if got != want {
			t.Errorf("NameSpan in %q = %q, want %q", src, got, want)
		}
	}
}

func TestConstraintSpans(t *testing.T) {
	src := `CREATE TABLE t (
  a int CONSTRAINT fk REFERENCES u (id) ON DELETE SET NULL /* why */ NOT NULL,
  b text NOT NULL DEFAULT lower('X') COLLATE "C" CHECK (b <> ''),
  c int DEFAULT 0 -- trailing
);`
	st := parseOne(t, src)
	var got [][]string
	for _, elt := range st.Node.GetCreateStmt().TableElts {
		def := elt.GetColumnDef()
		col := st.ColumnSpan(def)
		row := []string{src[col.Start:col.End]}
		for _, sp := range st.ConstraintSpans(def) {
			row = append(row, src[sp.Start:sp.End])
		}
		got = append(got, row)
	}
	want := [][]string{
		{"a int CONSTRAINT fk REFERENCES u (id) ON DELETE SET NULL /* why */ NOT NULL", "CONSTRAINT fk REFERENCES u (id) ON DELETE SET NULL", "NOT NULL"},
		{`b text NOT NULL DEFAULT lower('X') COLLATE "C" CHECK (b <> '')`, "NOT NULL", "DEFAULT lower('X')", "CHECK (b <> '')"},
		{"c int DEFAULT 0", "DEFAULT 0"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("ConstraintSpans:\n got %q\nwant %q", got, want)
	}
}

func TestPrevLexeme(t *testing.T) {
	st := parseOne(t, "DELETE  FROM /* c */ t;")
	toks := st.Lexemes()
	rv := st.Node.GetDeleteStmt().Relation
	i := st.PrevLexeme(int(rv.Location))
	if i < 0 || toks[i].Text(st.Text) != "/* c */" {
		t.Fatalf("PrevLexeme = %d", i)
	}
	if got := st.PrevLexeme(0); got != -1 {
		t.Errorf("PrevLexeme(0) = %d, want -1", got)
	}
}

func TestQuoteIdent(t *testing.T) {
	for name, want := range map[string]string{
		"user_id":  "user_id",
		"UserId":   `"UserId"`,
		"select":   `"select"`,
		"user":     `"user"`,
		"name":     "name", // unreserved
		"order":    `"order"`,
		"a$b":      "a$b",
		"1st":      `"1st"`,
		`we"ird`:   `"we""ird"`,
		"":         `""`,
		"two word": `"two word"`,
	} {
		if got := QuoteIdent(name); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestInspect(t *testing.T) {
	st := parseOne(t, `WITH d AS (DELETE FROM a RETURNING id) UPDATE b SET x = (SELECT 1 FROM c) WHERE id IN (SELECT id FROM d);`)
	var kinds []string
	Inspect(st.Node, func(n *Node) bool {
		switch {
		case n.GetUpdateStmt() != nil:
			kinds = append(kinds, "update")
		case n.GetDeleteStmt() != nil:
			kinds = append(kinds, "delete")
		case n.GetSelectStmt() != nil:
			kinds = append(kinds, "select")
		}
		return true
	})
	slices.Sort(kinds)
	if want := []string{"delete", "select", "select", "update"}; !slices.Equal(kinds, want) {
		t.Errorf("Inspect visited %q, want %q", kinds, want)
	}
	n := 0
	Inspect(st.Node, func(n2 *Node) bool {
		n++
		return n2.GetUpdateStmt() == nil // prune below the statement
	})
	if n != 1 {
		t.Errorf("Inspect visited %d nodes after pruning the root, want 1", n)
	}
}
