package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// TestPositioner checks positioner against source.File.OffsetRuneColumn
// at every offset of a text with multi-byte characters, invalid UTF-8,
// and every line end, in ascending, descending and alternating order.
func TestPositioner(t *testing.T) {
	f := source.NewFile("p.sql", 0, "SELECT 'é日😀\xff\xe2\x82x' AS a;\r\nb\rc\n\xe2\x82\xac€ end")
	var offs []int
	for off := 0; off <= len(f.Text)+1; off++ {
		offs = append(offs, off)
	}
	for i := len(f.Text); i >= -1; i-- {
		offs = append(offs, i, len(f.Text)-i)
	}
	var p positioner
	for _, off := range offs {
		line, col := p.position(f, off)
		wl, wc := f.OffsetRuneColumn(off)
		if line != wl || col != wc {
			t.Fatalf("position(%d) = %d:%d, want %d:%d", off, line, col, wl, wc)
		}
	}
}

// TestLongLine writes 50,000 findings on one 2 MB line in every format:
// each must take a few seconds at most (converting each position from the
// line's start took minutes), and the text excerpt shows a window of the
// line rather than the whole line under each finding.
func TestLongLine(t *testing.T) {
	const stmt = "SELECT * FROM t; "
	text := strings.Repeat(stmt, 2<<20/len(stmt))
	f := source.NewFile("long.sql", 0, text)
	run := &Run{Files: 1}
	for off := 0; off < len(text) && len(run.Findings) < 50_000; off += len(stmt) {
		run.Findings = append(run.Findings, Finding{Path: "long.sql", File: f, Diagnostic: diagnostics.Diagnostic{
			Rule: "select-star", Span: source.Span{Start: off + 7, End: off + 8}, Message: "select *", Severity: diagnostics.Warning}})
	}
	for _, name := range FormatNames {
		start := time.Now()
		var out bytes.Buffer
		var err error
		if name == "text" {
			err = Text(&out, run, TextOptions{Excerpt: true})
		} else {
			err = Formats[name](&out, run)
		}
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v for %d findings on one line", name, d, len(run.Findings))
		}
		if name == "text" && out.Len() > 50_000*1000 {
			t.Errorf("text: %d bytes of output", out.Len())
		}
	}
	// The excerpt of the 1,000th finding: 50 bytes before it, 200 in all.
	var out bytes.Buffer
	Text(&out, &Run{Findings: run.Findings[999:1000]}, TextOptions{Excerpt: true})
	off := 999*len(stmt) + 7
	shown := text[off-50 : off+150]
	want := fmt.Sprintf("long.sql:1:%d: warning: select * [select-star]\n   1 | …%s…\n     | %s^\n", off+1, shown, strings.Repeat(" ", 51))
	if out.String() != want {
		t.Errorf("excerpt:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestExcerpt(t *testing.T) {
	short := "SELECT * FROM t;"
	if s, a, b := excerpt(short, 7, 8); s != short || a != 7 || b != 8 {
		t.Errorf("short line: %q %d %d", s, a, b)
	}
	// A line of 300 'é' (600 bytes): the window starts on a character.
	long := strings.Repeat("é", 300)
	s, a, b := excerpt(long, 300, 302)
	if want := "…" + long[250:450] + "…"; s != want || a != len("…")+50 || b != len("…")+52 {
		t.Errorf("long line: %q %d %d", s, a, b)
	}
	// At the start of a long line: no leading "…".
	if s, a, b := excerpt(long, 0, 2); s != long[:200]+"…" || a != 0 || b != 2 {
		t.Errorf("start of a long line: %q %d %d", s, a, b)
	}
}
