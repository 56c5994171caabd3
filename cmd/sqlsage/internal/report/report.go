// Package report writes the findings of `sqlsage check` in the formats CI
// systems and people read: text (path:line:col: severity: message [rule])
// and the versioned JSON contract of DESIGN.md. Lines and columns are
// 1-based everywhere; columns count Unicode characters.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

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
	Files    int       // files checked
	Findings []Finding // sorted by Sort
	Skipped  int       // statements that could not be analysed (parse errors)
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

// Text writes one line per finding: path:line:col: severity: message [rule].
func Text(w io.Writer, run *Run) error {
	for _, f := range run.Findings {
		line, col := f.File.OffsetRuneColumn(f.Span.Start)
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.Path, line, col, f.Severity, f.Message, f.Diagnostic.Rule); err != nil {
			return err
		}
	}
	return nil
}

// Summary returns the one-line summary of a run: "2 errors, 1 warning in 2 files (checked 5 files)".
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
	out := fmt.Sprintf("%s in %s (checked %s)", strings.Join(parts, ", "), plural(len(files), "file"), plural(run.Files, "file"))
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

// JSON schema of --format json, version 1.
type (
	jsonReport struct {
		Version     int              `json:"version"`
		Files       int              `json:"files"`
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	jsonDiagnostic struct {
		Path     string    `json:"path"`
		Rule     string    `json:"rule"`
		Category string    `json:"category"`
		Severity string    `json:"severity"`
		Message  string    `json:"message"`
		Range    jsonRange `json:"range"`
		Fixes    []jsonFix `json:"fixes,omitempty"`
	}
	jsonRange struct {
		Start jsonPosition `json:"start"`
		End   jsonPosition `json:"end"`
	}
	jsonPosition struct {
		Line   int `json:"line"`
		Column int `json:"column"`
	}
	jsonFix struct {
		Title     string     `json:"title"`
		Preferred bool       `json:"preferred"`
		Unsafe    bool       `json:"unsafe,omitempty"`
		Edits     []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Range   jsonRange `json:"range"`
		NewText string    `json:"newText"`
	}
)

func rangeOf(f *source.File, span source.Span) jsonRange {
	sl, sc := f.OffsetRuneColumn(span.Start)
	el, ec := f.OffsetRuneColumn(span.End)
	return jsonRange{jsonPosition{sl, sc}, jsonPosition{el, ec}}
}

// JSON writes the run as the version-1 JSON contract: positions 1-based,
// end positions exclusive, columns in Unicode characters.
func JSON(w io.Writer, run *Run) error {
	out := jsonReport{Version: 1, Files: run.Files, Diagnostics: []jsonDiagnostic{}}
	for _, f := range run.Findings {
		d := jsonDiagnostic{
			Path: f.Path, Rule: f.Diagnostic.Rule, Severity: f.Severity.String(), Message: f.Message,
			Range: rangeOf(f.File, f.Span),
		}
		if f.Rule != nil {
			d.Category = string(f.Rule.Category)
		}
		pref := f.Preferred()
		for i, fix := range f.Fixes {
			jf := jsonFix{Title: fix.Title, Preferred: i == pref, Unsafe: fix.Unsafe, Edits: []jsonEdit{}}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{Range: rangeOf(f.File, e.Span), NewText: e.New})
			}
			d.Fixes = append(d.Fixes, jf)
		}
		out.Diagnostics = append(out.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
