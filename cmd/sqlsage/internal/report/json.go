package report

import (
	"encoding/json"
	"io"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// JSON schema of --format json, version 1 (DESIGN.md). Fields are only
// ever added, never renamed or removed, without a new version.
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

func rangeOf(pos *positioner, f *source.File, span source.Span) jsonRange {
	sl, sc := pos.position(f, span.Start)
	el, ec := pos.position(f, span.End)
	return jsonRange{jsonPosition{sl, sc}, jsonPosition{el, ec}}
}

// JSON writes the run as the version-1 JSON contract: positions 1-based,
// end positions exclusive, columns in Unicode characters.
func JSON(w io.Writer, run *Run) error {
	out := jsonReport{Version: 1, Files: run.Files, Diagnostics: []jsonDiagnostic{}}
	var pos positioner
	for _, f := range run.Findings {
		d := jsonDiagnostic{
			Path: f.Path, Rule: f.Diagnostic.Rule, Severity: f.Severity.String(), Message: f.Message,
			Range: rangeOf(&pos, f.File, f.Span),
		}
		if f.Rule != nil {
			d.Category = string(f.Rule.Category)
		}
		pref := f.Preferred()
		for i, fix := range f.Fixes {
			jf := jsonFix{Title: fix.Title, Preferred: i == pref, Unsafe: fix.Unsafe, Edits: []jsonEdit{}}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{Range: rangeOf(&pos, f.File, e.Span), NewText: e.New})
			}
			d.Fixes = append(d.Fixes, jf)
		}
		out.Diagnostics = append(out.Diagnostics, d)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
