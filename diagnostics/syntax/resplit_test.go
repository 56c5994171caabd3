package syntax

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// resplitPieces are fragments that exercise every state of the splitter:
// quotes, dollar quotes, comments, parentheses, BEGIN ATOMIC bodies,
// meta-commands and COPY data.
var resplitPieces = []string{
	"SELECT 1;", " ", "\n", ";", "(", ")", "'", "$$", "$f$", "--c\n", "/*", "*/", "E'\\''",
	"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
	"CASE WHEN a THEN b END", "\\set x 1\n", "\\", "COPY t FROM stdin;\n1\t2\n\\.\n", "COPY t FROM stdin;",
	"\\.\n", "CREATE TABLE t (id int);", "begin", "atomic", "end", "x", "\"q;\"", "\r\n",
}

// TestResplitMatchesSplit checks resplit against Split on random texts
// and random edits: it must give exactly Split's segments and comments.
func TestResplitMatchesSplit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(resplitPieces[r.IntN(len(resplitPieces))])
		}
		return b.String()
	}
	for i := range 50000 {
		old := random(r.IntN(30))
		a := r.IntN(len(old) + 1)
		b := a + r.IntN(len(old)-a+1)
		src := old[:a] + random(r.IntN(3)) + old[b:]
		oldSegs, oldComments := Split(old)
		r := resplit(old, oldSegs, oldComments, src)
		gotSegs, gotComments := r.segs, r.comments
		wantSegs, wantComments := Split(src)
		if !reflect.DeepEqual(gotSegs, wantSegs) && !(len(gotSegs) == 0 && len(wantSegs) == 0) ||
			!reflect.DeepEqual(gotComments, wantComments) && !(len(gotComments) == 0 && len(wantComments) == 0) {
			t.Fatalf("case %d: resplit(%q → %q)\n got %v %v\nwant %v %v", i, old, src, gotSegs, gotComments, wantSegs, wantComments)
		}
	}
}

func FuzzResplit(f *testing.F) {
	f.Add("SELECT 1; SELECT 2;", "SELECT 1; SELECT 22;")
	f.Add("COPY t FROM stdin;\n1\n\\.\nSELECT 1;", "COPY t FROM stdin;\n12\n\\.\nSELECT 1;")
	f.Add("\\set x 1\nSELECT 1;", "\\set x 12\nSELECT 1;")
	f.Fuzz(func(t *testing.T, old, src string) {
		oldSegs, oldComments := Split(old)
		r := resplit(old, oldSegs, oldComments, src)
		gotSegs, gotComments := r.segs, r.comments
		wantSegs, wantComments := Split(src)
		if !reflect.DeepEqual(gotSegs, wantSegs) && !(len(gotSegs) == 0 && len(wantSegs) == 0) ||
			!reflect.DeepEqual(gotComments, wantComments) && !(len(gotComments) == 0 && len(wantComments) == 0) {
			t.Fatalf("resplit(%q → %q)\n got %v %v\nwant %v %v", old, src, gotSegs, gotComments, wantSegs, wantComments)
		}
	})
}

// TestReparseMatchesParseFile edits random statements of a file and
// checks that Reparse gives what ParseFile gives, parsing only the
// statements whose text is new.
func TestReparseMatchesParseFile(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{
		"CREATE TABLE t (id int PRIMARY KEY);\n", "SELECT 1;\n", "SELECT 'é' FROM WHERE;\n",
		"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\n",
		"DO $$ BEGIN PERFORM 1; END $$;\n", "\\set x 1\n", "-- note\n", "COPY t FROM stdin;\n1\n\\.\n",
	}
	text := ""
	for range 40 {
		text += pieces[r.IntN(len(pieces))]
	}
	p := NewParser(0)
	prev, err := p.ParseFile(ctx, source.NewFile("a.sql", 1, text))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		a := r.IntN(len(text) + 1)
		b := min(len(text), a+r.IntN(20))
		ins := []string{"", "x", ";", " 2", "'", "$$", "\n", "é", "SELECT 3;"}[r.IntN(9)]
		text = text[:a] + ins + text[b:]
		f := source.NewFile("a.sql", int32(i+2), text)
		before := p.Parses()
		got, err := p.Reparse(ctx, prev, f)
		if err != nil {
			t.Fatal(err)
		}
		parses := p.Parses() - before
		want, err := NewParser(0).ParseFile(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := describeParse(got), describeParse(want); g != w {
			t.Fatalf("edit %d: Reparse\n%s\nParseFile\n%s", i, g, w)
		}
		// Only statements whose text the old file did not have are parsed.
		seen := map[string]bool{}
		for st := range prev.All() {
			seen[st.Text] = true
		}
		fresh := map[string]bool{}
		for _, st := range got.Stmts {
			if st.Kind == SQL && !seen[st.Text] {
				fresh[st.Text] = true
			}
		}
		if parses > int64(len(fresh)) {
			t.Fatalf("edit %d: %d statements parsed, want at most %d", i, parses, len(fresh))
		}
		prev = got
	}
}

// describeParse renders everything Reparse must reproduce of a parse.
func describeParse(pf *ParsedFile) string {
	var b strings.Builder
	fmt.Fprintf(&b, "comments %v\n", pf.Comments)
	for st := range pf.All() {
		fmt.Fprintf(&b, "%d %v %q node=%v", st.Kind, st.Span, st.Text, st.Node != nil)
		if st.Err != nil {
			fmt.Fprintf(&b, " err=%+v", *st.Err)
		}
		if st.Routine != nil {
			fmt.Fprintf(&b, " routine=%v body=%d", st.Routine.Span, len(st.Body))
		}
		if st.Parent != nil {
			fmt.Fprintf(&b, " parent=%v", st.Parent.Span)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
