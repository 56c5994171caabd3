package syntax

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// parseFile parses src with a fresh parser.
func parseFile(t *testing.T, src string) *ParsedFile {
	t.Helper()
	pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("t.sql", 0, src))
	if err != nil {
		t.Fatal(err)
	}
	return pf
}

// bodyTexts returns the text of each statement of st's body, checking
// that every one is exactly the file's text at its span and lies inside
// the routine's span.
func bodyTexts(t *testing.T, pf *ParsedFile, st *Stmt) []string {
	t.Helper()
	if st.Routine == nil {
		t.Fatalf("%q: no routine body", st.Text)
	}
	out := []string{}
	for _, b := range st.Body {
		if got := pf.File.Text[b.Span.Start:b.Span.End]; b.Text != got {
			t.Errorf("body statement Text %q, file has %q at %v", b.Text, got, b.Span)
		}
		if b.Span.Start < st.Routine.Span.Start || b.Span.End > st.Routine.Span.End {
			t.Errorf("body statement %q at %v outside the body %v", b.Text, b.Span, st.Routine.Span)
		}
		if b.Parent != st || b.Top() != st.Top() {
			t.Errorf("body statement %q: wrong parent", b.Text)
		}
		out = append(out, b.Text)
	}
	return out
}

// at returns the span of the n'th (from 0) occurrence of needle in src.
func at(t *testing.T, src, needle string, n int) source.Span {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		k := strings.Index(src[off:], needle)
		if k < 0 {
			t.Fatalf("occurrence %d of %q not in the text", n, needle)
		}
		if i == n {
			return source.Span{Start: off + k, End: off + k + len(needle)}
		}
		off += k + 1
	}
}

func TestSQLBody(t *testing.T) {
	src := "-- é 😀 中文\n" +
		"CREATE FUNCTION purge(d date) RETURNS void LANGUAGE sql AS $fn$\n" +
		"  DELETE FROM sessions; -- all of them\n" +
		"  /* 'é' */ UPDATE users SET note = 'über $$ ; ' WHERE seen < d;\n" +
		"$fn$;\n"
	pf := parseFile(t, src)
	st := pf.Stmts[0]
	want := []string{"DELETE FROM sessions;", "UPDATE users SET note = 'über $$ ; ' WHERE seen < d;"}
	if got := bodyTexts(t, pf, st); !reflect.DeepEqual(got, want) {
		t.Fatalf("body = %q, want %q", got, want)
	}
	if got, want := st.Body[0].Span, at(t, src, want[0], 0); got != want {
		t.Errorf("DELETE at %v, want %v", got, want)
	}
	if got, want := st.Body[1].Span, at(t, src, want[1], 0); got != want {
		t.Errorf("UPDATE at %v, want %v", got, want)
	}
	if st.Body[0].Node.GetDeleteStmt() == nil || st.Body[1].Node.GetUpdateStmt() == nil {
		t.Errorf("body nodes %v, %v", st.Body[0].Node, st.Body[1].Node)
	}
	// Node locations are relative to the body statement, like any statement's.
	rel := st.Body[1].Node.GetUpdateStmt().Relation
	if name := st.Body[1].NameSpan(rel.Location); src[name.Start:name.End] != "users" {
		t.Errorf("NameSpan of the UPDATE's table = %q", src[name.Start:name.End])
	}
	r := st.Routine
	if r.Language != "sql" || r.Quote != "$fn$" || src[r.Span.Start:r.Span.End] != strings.SplitN(src, "$fn$", 3)[1] {
		t.Errorf("routine %+v", r)
	}
	var comments []string
	for _, c := range r.Comments {
		comments = append(comments, src[c.Start:c.End])
	}
	if want := []string{"-- all of them", "/* 'é' */"}; !reflect.DeepEqual(comments, want) {
		t.Errorf("body comments %q, want %q", comments, want)
	}
}

func TestPLpgSQLBody(t *testing.T) {
	src := "-- ünïcödé 😀\n" +
		"CREATE OR REPLACE FUNCTION\n" +
		"  bump(n int) RETURNS SETOF int\n" +
		"  LANGUAGE plpgsql\n" +
		"AS\n" +
		"$body$\n" +
		"DECLARE\n" +
		"  v int; w int; r record;\n" +
		"BEGIN\n" +
		"  UPDATE counters SET n = n + 1 -- 'no WHERE'\n" +
		"  ;\n" +
		"  DELETE FROM log WHERE msg = 'é; $x$'; DELETE FROM log WHERE msg = 'é; $x$';\n" +
		"  IF EXISTS (SELECT 1 FROM t) THEN RETURN QUERY SELECT 1 FROM t; END IF;\n" +
		"  FOR r IN\n" +
		"    SELECT * FROM items -- the items\n" +
		"  LOOP\n" +
		"    INSERT INTO audit VALUES (r.id);\n" +
		"  END LOOP;\n" +
		"  SELECT a, b INTO v, w FROM pairs;\n" +
		"  UPDATE counters SET n = 0 WHERE n > 9 RETURNING n INTO STRICT v;\n" +
		"  PERFORM pg_sleep(1);\n" +
		"  EXECUTE 'DELETE FROM log';\n" +
		"  v := (SELECT 2);\n" +
		"  CALL refresh();\n" +
		"  <<inner>> BEGIN DELETE FROM a; EXCEPTION WHEN others THEN DELETE FROM b; END;\n" +
		"END\n" +
		"$body$;\n"
	pf := parseFile(t, src)
	st := pf.Stmts[0]
	if st.Err != nil {
		t.Fatal(st.Err)
	}
	want := []string{
		"UPDATE counters SET n = n + 1 -- 'no WHERE'\n  ;",
		"DELETE FROM log WHERE msg = 'é; $x$';",
		"DELETE FROM log WHERE msg = 'é; $x$';",
		"SELECT 1 FROM t;",
		"SELECT * FROM items -- the items",
		"INSERT INTO audit VALUES (r.id);",
		"SELECT a, b INTO v, w FROM pairs;",
		"UPDATE counters SET n = 0 WHERE n > 9 RETURNING n INTO STRICT v;",
		"CALL refresh();",
		"DELETE FROM a;",
		"DELETE FROM b;",
	}
	if got := bodyTexts(t, pf, st); !reflect.DeepEqual(got, want) {
		t.Fatalf("body:\n got %q\nwant %q", got, want)
	}
	// Exact places, the same text twice on a line and the query of RETURN
	// QUERY after an IF condition holding the same text included.
	wantAt := []source.Span{
		at(t, src, want[0], 0), at(t, src, want[1], 0), at(t, src, want[2], 1),
		at(t, src, "SELECT 1 FROM t;", 0), at(t, src, want[4], 0),
	}
	for i, w := range wantAt {
		if st.Body[i].Span != w {
			t.Errorf("body statement %d at %v, want %v", i, st.Body[i].Span, w)
		}
	}
	if src[st.Body[3].Span.Start-len("QUERY "):st.Body[3].Span.Start] != "QUERY " {
		t.Errorf("RETURN QUERY's query found at %v, not after QUERY", st.Body[3].Span)
	}
	// PL/pgSQL's INTO is blanked out of what is parsed, not out of Text.
	sel := st.Body[6]
	if s := sel.Node.GetSelectStmt(); s == nil || s.IntoClause != nil {
		t.Errorf("SELECT … INTO v, w parsed as %v, want a plain SELECT", sel.Node)
	}
	for _, lx := range sel.Lexemes() {
		if lx.Is(sel.Text, "into") {
			t.Errorf("lexeme INTO at %d: the INTO clause should be blanked", lx.Start)
		}
	}
	if i := sel.LexemeAt(strings.Index(sel.Text, "FROM")); i < 0 || !sel.Lexemes()[i].Is(sel.Text, "from") {
		t.Errorf("lexemes of the blanked statement are not at their places in Text")
	}
	if u := st.Body[7].Node.GetUpdateStmt(); u == nil || len(u.ReturningList) != 1 {
		t.Errorf("UPDATE … RETURNING n INTO STRICT v parsed as %v", st.Body[7].Node)
	}
	if len(st.Routine.Skipped) != 0 {
		t.Errorf("skipped %+v", st.Routine.Skipped)
	}
}

func TestPLpgSQLLoopsInOrder(t *testing.T) {
	// Two loops over the same query on one line: pg_query lists a loop's
	// body before its query; the outer query comes first in the text.
	src := "DO $$ DECLARE r record; s record; BEGIN FOR r IN SELECT 1 LOOP FOR s IN SELECT 1 LOOP NULL; END LOOP; END LOOP; END $$;"
	pf := parseFile(t, src)
	st := pf.Stmts[0]
	got := []source.Span{}
	for _, b := range st.Body {
		got = append(got, b.Span)
	}
	if want := []source.Span{at(t, src, "SELECT 1", 0), at(t, src, "SELECT 1", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("loop queries at %v, want %v", got, want)
	}
}

func TestQuotedBodies(t *testing.T) {
	src := "CREATE FUNCTION s() RETURNS void LANGUAGE sql AS 'UPDATE t SET a = ''x''; DELETE FROM t; DELETE FROM u WHERE b = 1';\n" +
		"CREATE FUNCTION p() RETURNS void LANGUAGE plpgsql AS E'BEGIN\\n  UPDATE t SET a = \\'x\\';\\n  DELETE FROM t;\\nEND';\n" +
		"CREATE FUNCTION q() RETURNS void LANGUAGE plpgsql AS '\nBEGIN\n  UPDATE t SET a = ''é'';\n  DELETE FROM t;\nEND';\n"
	pf := parseFile(t, src)
	tests := []struct {
		want    []string
		skipped []string // the text of each skipped part
		quote   string
	}{
		{[]string{"DELETE FROM t;", "DELETE FROM u WHERE b = 1"}, []string{"UPDATE t SET a = ''x'';"}, "'"},
		{[]string{"DELETE FROM t;"}, []string{`UPDATE t SET a = \'x\';`}, "E'"},
		{[]string{"DELETE FROM t;"}, []string{"UPDATE t SET a = ''é'';"}, "'"},
	}
	for i, tt := range tests {
		st := pf.Stmts[i]
		if got := bodyTexts(t, pf, st); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d: body %q, want %q", i, got, tt.want)
		}
		var skipped []string
		for _, s := range st.Routine.Skipped {
			skipped = append(skipped, src[s.Span.Start:s.Span.End])
			if !strings.Contains(s.Reason, "doubled quotes or backslash escapes") {
				t.Errorf("%d: skip reason %q", i, s.Reason)
			}
		}
		if !reflect.DeepEqual(skipped, tt.skipped) {
			t.Errorf("%d: skipped %q, want %q", i, skipped, tt.skipped)
		}
		if st.Routine.Quote != tt.quote {
			t.Errorf("%d: quote %q, want %q", i, st.Routine.Quote, tt.quote)
		}
	}
	// The DELETE of the E'' body sits after escapes on one file line.
	if got, want := pf.Stmts[1].Body[0].Span, at(t, src, "DELETE FROM t;", 1); got != want {
		t.Errorf("DELETE in the E'' body at %v, want %v", got, want)
	}
}

func TestAtomicBody(t *testing.T) {
	src := "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  DELETE FROM t; -- c\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\nEND;"
	pf := parseFile(t, src)
	st := pf.Stmts[0]
	want := []string{"DELETE FROM t;", "SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;"}
	if got := bodyTexts(t, pf, st); !reflect.DeepEqual(got, want) {
		t.Errorf("body %q, want %q", got, want)
	}
	if st.Routine.Quote != "" || st.Routine.Language != "sql" || len(st.Routine.Comments) != 1 {
		t.Errorf("routine %+v", st.Routine)
	}
	// RETURN expression bodies hold no statement.
	if st := parseFile(t, "CREATE FUNCTION g() RETURNS int LANGUAGE sql RETURN 1;").Stmts[0]; st.Routine != nil {
		t.Errorf("RETURN body: routine %+v", st.Routine)
	}
}

func TestDoBlocksAndNestedBodies(t *testing.T) {
	src := "DO LANGUAGE plpgsql $do$\n" +
		"BEGIN\n" +
		"  CREATE FUNCTION inner_f() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN UPDATE z SET a = 1; END $f$;\n" +
		"  EXECUTE $x$ DELETE FROM y $x$;\n" +
		"END $do$;\n" +
		"DO $$ BEGIN DELETE FROM z; END $$ LANGUAGE plpgsql;\n" +
		"DO LANGUAGE plpython3u $$ plpy.execute('DELETE FROM z') $$;\n" +
		"CREATE FUNCTION py() RETURNS int LANGUAGE plpython3u AS $$ return 1 $$;\n" +
		"CREATE FUNCTION c_f() RETURNS int LANGUAGE c AS 'lib', 'sym';\n"
	pf := parseFile(t, src)
	outer := pf.Stmts[0]
	if got := bodyTexts(t, pf, outer); len(got) != 1 || !strings.HasPrefix(got[0], "CREATE FUNCTION inner_f()") {
		t.Fatalf("DO body %q", got)
	}
	inner := outer.Body[0]
	if got, want := bodyTexts(t, pf, inner), []string{"UPDATE z SET a = 1;"}; !reflect.DeepEqual(got, want) {
		t.Errorf("nested body %q, want %q", got, want)
	}
	if u := inner.Body[0]; u.Span != at(t, src, "UPDATE z SET a = 1;", 0) || u.Top() != outer {
		t.Errorf("nested UPDATE at %v", u.Span)
	}
	if got, want := bodyTexts(t, pf, pf.Stmts[1]), []string{"DELETE FROM z;"}; !reflect.DeepEqual(got, want) {
		t.Errorf("DO … LANGUAGE plpgsql body %q, want %q", got, want)
	}
	for _, st := range pf.Stmts[2:] {
		if st.Routine != nil || st.Body != nil {
			t.Errorf("%q: body analysed in another language", st.Text)
		}
	}
	var all []string
	for st := range pf.All() {
		all = append(all, st.Text[:min(len(st.Text), 12)])
	}
	if want := []string{"DO LANGUAGE ", "CREATE FUNCT", "UPDATE z SET", "DO $$ BEGIN ", "DELETE FROM ", "DO LANGUAGE ", "CREATE FUNCT", "CREATE FUNCT"}; !reflect.DeepEqual(all, want) {
		t.Errorf("All() = %q, want %q", all, want)
	}
}

func TestPLpgSQLBodyErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		kind ErrorKind
		at   string // the error's text; "" when nothing is reported (or the error is empty)
		msg  string // in the message, or (when at is "") in the skip reason
	}{
		{"declaration", "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\ndeclare\n  d1, d2 integer;\nbegin\n  return 1;\nend $$;",
			BodyError, "d1, d2 integer;", `missing data type declaration at or near "," in the PL/pgSQL body, at or after this line`},
		{"sql statement", "-- é\nDO $$\nBEGIN\n  UPDATE t SET x = = 1;\nEND $$;",
			BodyError, "BEGIN", `syntax error at or near "=" in the PL/pgSQL body`}, // PostgreSQL says line 1, the $$ line
		{"empty body", "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS '';",
			BodyError, "", "in the PL/pgSQL body"},
		{"label", "DO $$\nBEGIN\n  CONTINUE;\nEND $$;",
			BodyError, "CONTINUE;", "CONTINUE cannot be used outside a loop"},
		{"flyway placeholder", "DO $$ BEGIN UPDATE ${schema}.t SET x = 1; END $$;",
			Placeholder, "${schema}", "template placeholder ${schema}"},
		{"go template in a quoted identifier", "DO $$ BEGIN ALTER TABLE \"{{ index .Options \"Namespace\" }}\".users ADD x int; END $$;",
			Placeholder, `{{ index .Options "Namespace" }}`, "template placeholder {{"},
		{"bound cursor", "DO $$\nDECLARE c CURSOR FOR SELECT 1;\nBEGIN\n  FOR r IN c LOOP NULL; END LOOP;\nEND $$;",
			0, "", "without a database catalog"},
		{"record field", "DO $$\nDECLARE r record;\nBEGIN\n  r.x := 1;\nEND $$;",
			0, "", "without a database catalog"},
		{"OUT parameters", "CREATE FUNCTION f() RETURNS TABLE (a int) LANGUAGE plpgsql AS $$ BEGIN a := 1; RETURN NEXT; END $$;",
			0, "", "without a database catalog"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf := parseFile(t, tt.src)
			st := pf.Stmts[0]
			if st.Err != nil || st.Routine == nil {
				t.Fatalf("statement error %v, routine %v", st.Err, st.Routine)
			}
			if tt.at == "" && tt.kind == 0 {
				if len(st.Body) != 0 || len(st.Routine.Skipped) != 1 || !strings.Contains(st.Routine.Skipped[0].Reason, tt.msg) {
					t.Errorf("body %d statements, skipped %+v; want a skip naming %q", len(st.Body), st.Routine.Skipped, tt.msg)
				}
				return
			}
			if len(st.Body) != 1 || st.Body[0].Err == nil {
				t.Fatalf("body %d statements, want one error", len(st.Body))
			}
			b := st.Body[0]
			e := b.Err
			if got := tt.src[e.Span.Start:e.Span.End]; e.Kind != tt.kind || got != tt.at || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("error kind %d at %q: %s\nwant kind %d at %q: …%s…", e.Kind, got, e.Message, tt.kind, tt.at, tt.msg)
			}
			if b.Node != nil || b.Span != e.Span || b.Text != tt.src[b.Span.Start:b.Span.End] {
				t.Errorf("error statement %+v", b)
			}
		})
	}
}

// TestBodyParseCache checks that a routine's body is parsed once per
// distinct statement text: editing another statement neither compiles
// the PL/pgSQL body again nor parses its statements again, and editing
// the body parses only the changed statement of it (and the routine).
func TestBodyParseCache(t *testing.T) {
	fn := "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE a SET x = 1;\n  DELETE FROM b;\nEND $$;\n"
	p := NewParser(0)
	ctx := context.Background()
	parse := func(text string) *ParsedFile {
		pf, err := p.ParseFile(ctx, source.NewFile("a.sql", 0, text))
		if err != nil {
			t.Fatal(err)
		}
		return pf
	}
	parse("SELECT 1;\n" + fn)
	if n, m := p.Parses(), p.plpgsqlParses.Load(); n != 4 || m != 1 {
		t.Fatalf("first parse: %d statements and %d PL/pgSQL bodies parsed, want 4 and 1", n, m)
	}
	pf := parse("SELECT 2;\n" + fn)
	if n, m := p.Parses(), p.plpgsqlParses.Load(); n != 5 || m != 1 {
		t.Errorf("after an edit outside the body: %d and %d, want 5 and 1", n, m)
	}
	if got := bodyTexts(t, pf, pf.Stmts[1]); len(got) != 2 || pf.Stmts[1].Body[0].Span.Start != strings.Index(pf.File.Text, "UPDATE") {
		t.Errorf("body after the edit: %q", got)
	}
	parse("SELECT 2;\n" + strings.Replace(fn, "DELETE FROM b", "DELETE FROM c", 1))
	if n, m := p.Parses(), p.plpgsqlParses.Load(); n != 7 || m != 2 {
		t.Errorf("after an edit inside the body: %d and %d, want 7 and 2", n, m)
	}
}

func TestDecodeLiteral(t *testing.T) {
	tests := []struct {
		lit, want string
		runs      []run
	}{
		{`$a$x'y$a$`, `x'y`, []run{{0, 3, 3}}},
		{`'it''s'`, `it's`, []run{{0, 1, 2}, {3, 5, 1}}},
		{`'a\nb'`, `a\nb`, []run{{0, 1, 4}}}, // standard strings keep backslashes
		{`E'a\nb'`, "a\nb", []run{{0, 2, 1}, {2, 5, 1}}},
		{`E'\x41\101\u00e9\U0001F600\uD83D\uDE00\'\\z'`, "AAé😀😀'\\z", []run{{14, 42, 1}}},
	}
	for _, tt := range tests {
		escape := strings.HasPrefix(tt.lit, "E")
		toks := Lex(tt.lit)
		tok := toks[len(toks)-1]
		l := decodeLiteral(tt.lit, tok, escape, tt.want)
		if l == nil {
			t.Errorf("%s: not decoded to %q", tt.lit, tt.want)
			continue
		}
		if !reflect.DeepEqual(l.runs, tt.runs) {
			t.Errorf("%s: runs %v, want %v", tt.lit, l.runs, tt.runs)
		}
		for _, r := range l.runs {
			if l.content[r.c:r.c+r.n] != tt.lit[r.t:r.t+r.n] {
				t.Errorf("%s: run %v reads %q in the content, %q in the text", tt.lit, r, l.content[r.c:r.c+r.n], tt.lit[r.t:r.t+r.n])
			}
		}
	}
	// A value that is not what PostgreSQL saw gives no literal.
	if l := decodeLiteral(`'abc'`, Lex(`'abc'`)[0], false, "abd"); l != nil {
		t.Errorf("mismatching value decoded: %+v", l)
	}
}

func TestQuoteText(t *testing.T) {
	tests := []struct {
		quote, in, want string
		ok              bool
	}{
		{"$$", "WHERE a = 'x'", "WHERE a = 'x'", true},
		{"$$", "AS $$ x $$", "", false},
		{"$f$", "AS $$ x $$", "AS $$ x $$", true},
		{"'", "WHERE a = 'x'", "WHERE a = ''x''", true},
		{"E'", `WHERE a = 'x\y'`, `WHERE a = ''x\\y''`, true},
		{"", "WHERE a = 'x'", "WHERE a = 'x'", true},
	}
	for _, tt := range tests {
		got, ok := (&Routine{Quote: tt.quote}).QuoteText(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("QuoteText(%q) in %s = %q, %v; want %q, %v", tt.in, tt.quote, got, ok, tt.want, tt.ok)
		}
	}
}
