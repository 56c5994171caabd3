// Package report writes the findings of `sqlsage check` in the formats
// people and CI systems read: text (path:line:col: severity: message
// [rule], with a source excerpt), the versioned JSON contract of
// DESIGN.md, SARIF 2.1.0 (GitHub code scanning), GitHub Actions workflow
// commands and GitLab Code Quality. Lines and columns are 1-based in every
// format; columns count Unicode characters.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// A Finding is one diagnostic with the file it belongs to and the display
// path it is reported under.
type Finding struct {
	Path string // as the user should read it: relative to the working directory when inside it
	File *source.File
	Rule *diagnostics.Rule
	diagnostics.Diagnostic
}

// A Run is everything one `sqlsage check` produced.
type Run struct {
	Files    int                 // files checked
	Findings []Finding           // sorted by Sort
	Skipped  int                 // statements that could not be analysed (parse errors)
	Rules    []*diagnostics.Rule // every rule sqlsage has, for formats that describe them (SARIF)
	Root     string              // absolute path of the repository root that SARIF URIs are relative to
	Elapsed  time.Duration       // wall time of the analysis
	Version  string              // sqlsage's version
}

// Sort orders findings by path, line, column, then rule: the
// deterministic order every format prints.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return strings.Compare(a.Diagnostic.Rule, b.Diagnostic.Rule)
	})
}

// Summary returns the one-line summary of a run:
// "2 errors, 1 warning in 2 files (checked 5 files in 31 ms)".
func Summary(run *Run) string {
	counts := map[diagnostics.Severity]int{}
	files := map[string]bool{}
	for _, f := range run.Findings {
		counts[f.Severity]++
		files[f.Path] = true
	}
	var parts []string
	for _, s := range []diagnostics.Severity{diagnostics.Error, diagnostics.Warning, diagnostics.Info, diagnostics.Hint} {
		if n := counts[s]; n > 0 || s == diagnostics.Error || s == diagnostics.Warning {
			parts = append(parts, plural(n, s.String()))
		}
	}
	out := fmt.Sprintf("%s in %s (checked %s in %d ms)", strings.Join(parts, ", "), plural(len(files), "file"),
		plural(run.Files, "file"), run.Elapsed.Milliseconds())
	if run.Skipped > 0 {
		out += fmt.Sprintf("; %s not analysed", plural(run.Skipped, "statement"))
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// A Writer writes a run in one format.
type Writer func(w io.Writer, run *Run) error

// Formats maps each --format name to its writer.
var Formats = map[string]Writer{
	"text":   func(w io.Writer, run *Run) error { return Text(w, run, TextOptions{}) },
	"json":   JSON,
	"sarif":  SARIF,
	"github": GitHub,
	"gitlab": GitLab,
}

// FormatNames lists the formats in the order help text shows them.
var FormatNames = []string{"text", "json", "sarif", "github", "gitlab"}

// A positioner converts byte offsets into 1-based lines and character
// columns, as source.File.OffsetRuneColumn does, for one writer. It
// counts from the offset it converted last when that lies on the same
// line, so that the findings of one long line (minified SQL, a 2 MB
// INSERT) cost about that line's length in all rather than once each:
// writers convert in the order of the sorted findings, so offsets mostly
// ascend.
type positioner struct {
	f              *source.File // the file of the last conversion; nil before the first
	off, line, col int          // the last conversion, at a character boundary
}

// position returns the 1-based line and character column of off in f.
func (p *positioner) position(f *source.File, off int) (line, col int) {
	off = max(0, min(off, len(f.Text)))
	// Counts of characters add up across a split at a byte that is not a
	// UTF-8 continuation byte, invalid UTF-8 included.
	boundary := off == len(f.Text) || utf8.RuneStart(f.Text[off])
	if p.f == f && boundary {
		if line = f.OffsetLine(off) + 1; line == p.line {
			if off >= p.off {
				col = p.col + utf8.RuneCountInString(f.Text[p.off:off])
			} else {
				col = p.col - utf8.RuneCountInString(f.Text[off:p.off])
			}
			p.off, p.col = off, col
			return line, col
		}
	}
	line, col = f.OffsetRuneColumn(off)
	if boundary {
		p.f, p.off, p.line, p.col = f, off, line, col
	}
	return line, col
}
