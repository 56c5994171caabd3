package syntax

import (
	"context"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// FuzzRoutineBodies checks that whatever the text, every statement found
// in a routine body is exactly the file's text at its span, inside the
// body, and that errors and skips lie in the file.
func FuzzRoutineBodies(f *testing.F) {
	for _, s := range []string{
		"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$\nDECLARE v int;\nBEGIN\n  UPDATE t SET a = 1 RETURNING a INTO v;\n  SELECT a INTO v FROM t;\n  FOR r IN SELECT 1 LOOP NULL; END LOOP;\nEND $$;",
		"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'UPDATE t SET a = ''x''; DELETE FROM t';",
		"CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS E'BEGIN\\n DELETE FROM t; UPDATE t SET a = \\'é\\';\\nEND';",
		"CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN x > 0 THEN 1 END; END;",
		"DO $d$ BEGIN CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $g$ BEGIN DELETE FROM z; END $g$; END $d$;",
		"DO $$ BEGIN UPDATE ${t} SET x = 1; END $$;",
		"DO $$\ndeclare\n  d1, d2 integer;\nbegin\nend $$;",
		"CREATE FUNCTION A() RETURNS A000 LANGUAGE plpgsql AS  '' ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		pf, err := NewParser(0).ParseFile(context.Background(), source.NewFile("f.sql", 0, text))
		if err != nil {
			t.Fatal(err)
		}
		inFile := func(s source.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(text) }
		for st := range pf.All() {
			if st.Parent != nil {
				r := st.Parent.Routine
				if !inFile(st.Span) || st.Text != text[st.Span.Start:st.Span.End] || st.Span.Start < r.Span.Start || st.Span.End > r.Span.End {
					t.Fatalf("body statement %q at %v: not the file's text inside the body %v", st.Text, st.Span, r.Span)
				}
				if st.Err != nil && !inFile(st.Err.Span) {
					t.Fatalf("error span %v outside the file", st.Err.Span)
				}
			}
			if st.Routine != nil {
				for _, c := range st.Routine.Comments {
					if !inFile(c) {
						t.Fatalf("comment span %v outside the file", c)
					}
				}
				for _, s := range st.Routine.Skipped {
					if !inFile(s.Span) {
						t.Fatalf("skipped span %v outside the file", s.Span)
					}
				}
			}
		}
	})
}
