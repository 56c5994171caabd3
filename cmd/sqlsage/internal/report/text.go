package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sqlsage/sqlsage/diagnostics"
)

// TextOptions control the text format.
type TextOptions struct {
	Color   bool // ANSI colours (the CLI decides: --color, a terminal, NO_COLOR)
	Excerpt bool // the source line with a caret line under the range, and the rule's help line
}

// ANSI styles of the text format.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
)

var severityColor = map[diagnostics.Severity]string{
	diagnostics.Error:   "\x1b[1;31m",
	diagnostics.Warning: "\x1b[1;33m",
	diagnostics.Info:    "\x1b[1;34m",
	diagnostics.Hint:    "\x1b[1;36m",
}

// Text writes one line per finding, path:line:col: severity: message
// [rule], which editors' and CI's error matchers read; with
// opts.Excerpt, the source line follows with carets under the range (as
// compilers print them) and the rule page:
//
//	db/orders.sql:3:16: warning: column "total" stores money as float8, … [money-float]
//	   3 |   total float8,
//	     |         ^^^^^^
//	     = help: https://…/money-float.md
func Text(w io.Writer, run *Run, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	style := func(code, s string) string {
		if !opts.Color || code == "" {
			return s
		}
		return code + s + ansiReset
	}
	var pos positioner
	for _, f := range run.Findings {
		line, col := pos.position(f.File, f.Span.Start)
		fmt.Fprintf(bw, "%s: %s: %s %s\n",
			style(ansiBold, fmt.Sprintf("%s:%d:%d", f.Path, line, col)),
			style(severityColor[f.Severity], f.Severity.String()),
			f.Message, style(ansiDim, "["+f.Diagnostic.Rule+"]"))
		if !opts.Excerpt {
			continue
		}
		text := f.File.LineText(line - 1)
		start := min(f.Span.Start-f.File.LineStart(line-1), len(text))
		end := min(f.Span.End-f.File.LineStart(line-1), len(text))
		text, start, end = excerpt(text, start, end)
		gutter := fmt.Sprintf("%4d | ", line)
		pad := strings.Repeat(" ", len(gutter)-2)
		fmt.Fprintf(bw, "%s%s\n", style(ansiDim, gutter), text)
		fmt.Fprintf(bw, "%s%s%s\n", style(ansiDim, pad+"| "), indentLike(text[:start]),
			style(severityColor[f.Severity], strings.Repeat("^", max(1, utf8.RuneCountInString(text[start:max(start, end)])))))
		if f.Rule != nil {
			fmt.Fprintf(bw, "%s= help: %s\n", pad, f.Rule.URL())
		}
	}
	return bw.Flush()
}

// excerptWidth is the longest line, in bytes, that the text format's
// excerpt shows whole. Of a longer line (minified SQL, a 2 MB INSERT on
// one line) it shows about this many bytes from a little before the
// finding, with "…" for what it leaves out: printing the whole line under
// each of its findings would print the line times the findings.
const excerptWidth = 200

// excerpt returns what the excerpt shows of line for a finding at
// [start, end) (byte offsets in line) and that range's offsets in it.
func excerpt(line string, start, end int) (shown string, showStart, showEnd int) {
	if len(line) <= excerptWidth {
		return line, start, end
	}
	from := max(0, start-excerptWidth/4)
	for from > 0 && !utf8.RuneStart(line[from]) {
		from--
	}
	to := min(len(line), from+excerptWidth)
	for to < len(line) && !utf8.RuneStart(line[to]) {
		to++
	}
	shown, showStart, showEnd = line[from:to], start-from, min(end, to)-from
	if from > 0 {
		shown, showStart, showEnd = "…"+shown, showStart+len("…"), showEnd+len("…")
	}
	if to < len(line) {
		shown += "…"
	}
	return shown, showStart, max(showStart, showEnd)
}

// indentLike returns white space as wide as prefix, keeping its tabs so
// the caret lines up under the same column in any tab width.
func indentLike(prefix string) string {
	var b strings.Builder
	for _, r := range prefix {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
