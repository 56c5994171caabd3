package syntax

import (
	"context"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

func TestSplit(t *testing.T) {
	src := `\restrict abc123
\set ON_ERROR_STOP 1
-- a comment; with a semicolon
WITH a AS (
  SELECT 1

), b AS (SELECT 2)
SELECT * FROM a, b;
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
BEGIN
  RETURN 1; -- inside the body
END;
$body$;
\connect other
CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;
  SELECT x;
END;
/* block /* nested; */ comment */ SELECT 'it''s; here', E'a\'; b', "q;uote";
\i other.sql
COPY t (a, b) FROM stdin;
1	x;y
\.
SELECT $1 FROM a$b
`
	segs, comments := Split(src)
	var got []string
	for _, s := range segs {
		got = append(got, [...]string{"sql", "meta", "copy"}[s.Kind]+": "+src[s.Span.Start:s.Span.End])
	}
	want := []string{
		`meta: \restrict abc123`,
		`meta: \set ON_ERROR_STOP 1`,
		"sql: WITH a AS (\n  SELECT 1\n\n), b AS (SELECT 2)\nSELECT * FROM a, b;",
		"sql: CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$\nBEGIN\n  RETURN 1; -- inside the body\nEND;\n$body$;",
		`meta: \connect other`,
		"sql: CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\n  SELECT x;\nEND;",
		`sql: SELECT 'it''s; here', E'a\'; b', "q;uote";`,
		`meta: \i other.sql`,
		"sql: COPY t (a, b) FROM stdin;",
		"copy: 1\tx;y\n\\.",
		"sql: SELECT $1 FROM a$b",
	}
	if strings.Join(got, "\n|") != strings.Join(want, "\n|") {
		t.Errorf("Split:\n got %q\nwant %q", got, want)
	}
	if len(comments) != 2 || src[comments[0].Start:comments[0].End] != "-- a comment; with a semicolon" {
		t.Errorf("comments = %v", comments)
	}
}

func TestMetaCommandEndsStatement(t *testing.T) {
	src := "SELECT 1\n\\gset\nSELECT 2;"
	segs, _ := Split(src)
	if len(segs) != 3 || src[segs[0].Span.Start:segs[0].Span.End] != "SELECT 1" || segs[1].Kind != MetaCmd {
		t.Errorf("segments = %+v", segs)
	}
}

func TestParseFileErrors(t *testing.T) {
	src := "SELECT 1;\nSELECT 'é' FROM WHERE;\nSELECT '\xff';\nCREATE TABLE t (id int AUTO_INCREMENT);\nCREATE TABLE `t` (id int);\nSELECT * FROM ${schema}.t;\nSELECT :'v';\nSELECT 2;"
	p := NewParser(0)
	pf, err := p.ParseFile(context.Background(), source.NewFile("t.sql", 0, src))
	if err != nil {
		t.Fatal(err)
	}
	type res struct {
		kind ErrorKind
		at   string
	}
	want := []*res{nil, {PlainError, "WHERE"}, {EncodingError, "\xff"}, {MySQLError, "AUTO_INCREMENT"}, {MySQLError, "`"}, {Placeholder, "${schema}"}, {Placeholder, ":'v'"}, nil}
	if len(pf.Stmts) != len(want) {
		t.Fatalf("%d statements, want %d", len(pf.Stmts), len(want))
	}
	for i, st := range pf.Stmts {
		w := want[i]
		if w == nil {
			if st.Err != nil || st.Node == nil {
				t.Errorf("stmt %d: unexpected error %v", i, st.Err)
			}
			continue
		}
		if st.Err == nil {
			t.Errorf("stmt %d: no error, want %q", i, w.at)
			continue
		}
		if st.Err.Kind != w.kind || src[st.Err.Span.Start:st.Err.Span.End] != w.at {
			t.Errorf("stmt %d: error %v at %q (%s), want kind %v at %q", i, st.Err.Kind, src[st.Err.Span.Start:st.Err.Span.End], st.Err.Message, w.kind, w.at)
		}
	}
	if m := pf.Stmts[3].Err.Message; !strings.Contains(m, "MySQL syntax") || !strings.Contains(m, "PostgreSQL") {
		t.Errorf("MySQL message = %q", m)
	}
}

func TestParseCacheReparsesOnlyEditedStatement(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		b.WriteString("CREATE TABLE t")
		b.WriteString(strings.Repeat("x", i))
		b.WriteString(" (id int);\n")
	}
	text := b.String()
	p := NewParser(0)
	ctx := context.Background()
	if _, err := p.ParseFile(ctx, source.NewFile("a.sql", 1, text)); err != nil {
		t.Fatal(err)
	}
	if n := p.Parses(); n != 100 {
		t.Fatalf("first parse: %d statements parsed, want 100", n)
	}
	// Edit statement 42 only.
	edited := strings.Replace(text, "txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (id int)", "txxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx (id bigint)", 1)
	pf, err := p.ParseFile(ctx, source.NewFile("a.sql", 2, edited))
	if err != nil {
		t.Fatal(err)
	}
	if n := p.Parses(); n != 101 {
		t.Errorf("after editing one statement: %d parses in all, want 101", n)
	}
	if len(pf.Stmts) != 100 || !strings.Contains(pf.Stmts[42].Text, "bigint") {
		t.Errorf("statement 42 = %q", pf.Stmts[42].Text)
	}
}

func TestParseErrorsNameTheirCause(t *testing.T) {
	tests := []struct {
		sql  string
		kind ErrorKind
		at   string
		msg  string
	}{
		{"CREATE TABLE r (id int, during tstzrange, PRIMARY KEY (id, during WITHOUT OVERLAPS));", NewerSyntax, "WITHOUT", "WITHOUT OVERLAPS is PostgreSQL 18 syntax"},
		{"UPDATE r FOR PORTION OF during FROM '2020-01-01' TO '2021-01-01' SET x = 1;", NewerSyntax, "FOR", "FOR PORTION OF is PostgreSQL 18 syntax"},
		{"CREATE TABLE t (id int,\n  UNIQUE INDEX t_id_idx (id));", MySQLError, "INDEX", "MySQL syntax (INDEX inside CREATE TABLE)"},
		{"SELECT * FROM t WHERE %query% ORDER BY %order%;", Placeholder, "%query%", "template placeholder %query%"},
		{`CREATE INDEX i ON "{{ index .Options "Namespace" }}".users (id);`, Placeholder, `{{ index .Options "Namespace" }}`, "template placeholder {{"},
	}
	for _, tt := range tests {
		pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("t.sql", 0, tt.sql))
		if err != nil {
			t.Fatal(err)
		}
		e := pf.Stmts[0].Err
		if e == nil {
			t.Errorf("%s: parses", tt.sql)
			continue
		}
		if e.Kind != tt.kind || tt.sql[e.Span.Start:e.Span.End] != tt.at || !strings.Contains(e.Message, tt.msg) {
			t.Errorf("%s:\n got kind %d at %q: %s\nwant kind %d at %q: %s", tt.sql, e.Kind, tt.sql[e.Span.Start:e.Span.End], e.Message, tt.kind, tt.at, tt.msg)
		}
	}
}
