package diagnostics_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
	"github.com/sqlsage/sqlsage/quickfix"
)

// deleteRule reports every DELETE anywhere in a statement's parse tree (so
// also, from the CREATE FUNCTION statement, those of a BEGIN ATOMIC body)
// at its table name, with a fix that adds WHERE a = 'x'.
var deleteRule = &diagnostics.Rule{
	ID: "test-delete", Category: diagnostics.Query, Severity: diagnostics.Warning, Default: true,
	Doc: diagnostics.Doc{Summary: "DELETE found", Why: "Tests find DELETEs.", Bad: "DELETE FROM t;", Good: "SELECT 1;"},
	Run: func(p *diagnostics.Pass) {
		syntax.Inspect(p.Stmt.Node, func(n *syntax.Node) bool {
			if d := n.GetDeleteStmt(); d != nil {
				name := p.Stmt.NameSpan(d.Relation.Location)
				p.Report(diagnostics.Diagnostic{Span: name, Message: "DELETE from " + p.File.Text[name.Start:name.End],
					Fixes: []diagnostics.Fix{{Title: "Add WHERE", Edits: []source.Edit{{Span: source.Span{Start: name.End, End: name.End}, New: " WHERE a = 'x'"}}}}})
			}
			return true
		})
	},
}

func analyze(t *testing.T, text string) ([]diagnostics.Diagnostic, *workspace.Snapshot, *source.File) {
	t.Helper()
	e, err := diagnostics.NewEngine([]*diagnostics.Rule{deleteRule})
	if err != nil {
		t.Fatal(err)
	}
	e.Strict = true
	f := source.NewFile("t.sql", 1, text)
	snap := workspace.New(syntax.NewParser(0), f)
	diags, err := e.Analyze(context.Background(), snap, f.URI, diagnostics.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return diags, snap, f
}

// found renders diagnostics as "line:text" with the text at each span.
func found(f *source.File, diags []diagnostics.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		line, _ := f.OffsetRuneColumn(d.Span.Start)
		out = append(out, fmt.Sprintf("%d:%s", line, f.Text[d.Span.Start:d.Span.End]))
	}
	return out
}

func TestRulesRunInRoutineBodies(t *testing.T) {
	text := `DELETE FROM top;
CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM in_plpgsql;
END $$;
CREATE FUNCTION g() RETURNS void LANGUAGE sql AS $$ DELETE FROM in_sql; $$;
CREATE FUNCTION h() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM in_atomic; END;
DO $$ BEGIN EXECUTE 'DELETE FROM dynamic'; DELETE FROM in_do; END $$;
`
	diags, _, f := analyze(t, text)
	want := []string{"1:top", "4:in_plpgsql", "6:in_sql", "7:in_atomic", "8:in_do"}
	if got := found(f, diags); !reflect.DeepEqual(got, want) {
		t.Errorf("found %q, want %q (the BEGIN ATOMIC DELETE once)", got, want)
	}
}

func TestIgnoreCommentsInRoutineBodies(t *testing.T) {
	text := `-- sqlsage-ignore test-delete
CREATE FUNCTION all_ignored() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM a1;
END $$;
CREATE FUNCTION one_ignored() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- sqlsage-ignore test-delete: the queue is emptied on purpose
  DELETE FROM b1;
  DELETE FROM b2; -- sqlsage-ignore test-delete
  DELETE FROM b3;
  IF true THEN
    -- sqlsage-ignore other-rule
    DELETE FROM b4;
  END IF;
END $$;
CREATE FUNCTION s() RETURNS void LANGUAGE sql AS $$
  -- sqlsage-ignore test-delete
  DELETE FROM c1;
  DELETE FROM c2;
$$;
`
	diags, _, f := analyze(t, text)
	want := []string{"11:b3", "14:b4", "20:c2"}
	if got := found(f, diags); !reflect.DeepEqual(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
}

func TestFixesInRoutineBodies(t *testing.T) {
	text := "CREATE FUNCTION q() RETURNS void LANGUAGE sql AS 'DELETE FROM q1';\n" +
		"CREATE FUNCTION d() RETURNS void LANGUAGE sql AS $$ DELETE FROM d1 $$;\n" +
		"CREATE FUNCTION e() RETURNS void LANGUAGE plpgsql AS E'BEGIN DELETE FROM e1; END';\n"
	diags, snap, f := analyze(t, text)
	if got, want := found(f, diags), []string{"1:q1", "2:d1", "3:e1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("found %q, want %q", got, want)
	}
	var news []string
	for _, d := range diags {
		news = append(news, d.Fixes[0].Edits[0].New)
	}
	if want := []string{" WHERE a = ''x''", " WHERE a = 'x'", " WHERE a = ''x''"}; !reflect.DeepEqual(news, want) {
		t.Errorf("fix texts %q, want %q", news, want)
	}
	res, err := quickfix.FixAll(context.Background(), snap.Parser(), f, diags, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "CREATE FUNCTION q() RETURNS void LANGUAGE sql AS 'DELETE FROM q1 WHERE a = ''x''';\n" +
		"CREATE FUNCTION d() RETURNS void LANGUAGE sql AS $$ DELETE FROM d1 WHERE a = 'x' $$;\n" +
		"CREATE FUNCTION e() RETURNS void LANGUAGE plpgsql AS E'BEGIN DELETE FROM e1 WHERE a = ''x''; END';\n"
	if res.Text != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", res.Text, want)
	}
	// The fixed bodies read as intended.
	pf, err := snap.Parser().ParseFile(context.Background(), source.NewFile("t.sql", 2, res.Text))
	if err != nil {
		t.Fatal(err)
	}
	// In the quoted bodies, the fixed statement now holds doubled quotes,
	// so it is skipped: its text in the file is not the text that runs.
	for i, st := range pf.Stmts {
		if quoted := i != 1; quoted && (len(st.Body) != 0 || len(st.Routine.Skipped) != 1) || !quoted && len(st.Body) != 1 {
			t.Errorf("statement %d: body %d statements, skipped %v", i, len(st.Body), st.Routine.Skipped)
		}
	}
	if b := pf.Stmts[1].Body[0]; !strings.Contains(b.Text, "WHERE a = 'x'") || b.Err != nil {
		t.Errorf("fixed body statement %q (%v)", b.Text, b.Err)
	}
}

func TestFixesLeavingABodyAreDropped(t *testing.T) {
	// A fix whose text would close the dollar quote is not offered.
	rule := *deleteRule
	rule.ID = "test-dollar"
	rule.Run = func(p *diagnostics.Pass) {
		if p.Stmt.Node.GetDeleteStmt() != nil {
			end := p.Stmt.Span.End
			p.Report(diagnostics.Diagnostic{Span: p.Stmt.Span, Message: "delete", Fixes: []diagnostics.Fix{
				{Title: "Close the quote", Edits: []source.Edit{{Span: source.Span{Start: end, End: end}, New: "$$"}}},
				{Title: "Edit past the body", Edits: []source.Edit{{Span: source.Span{Start: end, End: end + 10}, New: ""}}},
				{Title: "Fine", Edits: []source.Edit{{Span: source.Span{Start: end, End: end}, New: " -- ok"}}},
			}})
		}
	}
	e, err := diagnostics.NewEngine([]*diagnostics.Rule{&rule})
	if err != nil {
		t.Fatal(err)
	}
	f := source.NewFile("t.sql", 1, "DO $$ BEGIN DELETE FROM t; END $$;\n")
	diags, err := e.Analyze(context.Background(), workspace.New(syntax.NewParser(0), f), f.URI, diagnostics.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || len(diags[0].Fixes) != 1 || diags[0].Fixes[0].Title != "Fine" {
		t.Errorf("diagnostics %+v, want one with only the fix that stays inside the body", diags)
	}
}
