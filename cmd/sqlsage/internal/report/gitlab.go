package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// gitlabIssue is one entry of a GitLab Code Quality report.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

var gitlabSeverity = map[diagnostics.Severity]string{
	diagnostics.Error:   "critical",
	diagnostics.Warning: "major",
	diagnostics.Info:    "minor",
	diagnostics.Hint:    "info",
}

// GitLab writes a GitLab Code Quality report (a JSON array), shown in
// merge requests. Each fingerprint is stable across runs and survives
// lines being inserted above the finding: see Fingerprints.
func GitLab(w io.Writer, run *Run) error {
	issues := []gitlabIssue{}
	prints := Fingerprints(run.Findings)
	var pos positioner
	for i, f := range run.Findings {
		line, _ := pos.position(f.File, f.Span.Start)
		endLine, _ := pos.position(f.File, f.Span.End)
		issues = append(issues, gitlabIssue{
			Description: f.Message,
			CheckName:   f.Diagnostic.Rule,
			Fingerprint: prints[i],
			Severity:    gitlabSeverity[f.Severity],
			Location:    gitlabLocation{Path: f.Path, Lines: gitlabLines{Begin: line, End: endLine}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

// maxFingerprintCode is the longest line text, white space collapsed,
// that Fingerprints hashes as it is.
const maxFingerprintCode = 1024

// Fingerprints returns a fingerprint for each finding (in the same
// order): a hash of the path, the rule, the message and the text of the
// finding's line with its white space collapsed, plus how many identical
// findings precede it. Positions are left out, so moving the code does
// not make a finding look new. A line longer than maxFingerprintCode
// once collapsed (minified SQL) enters the hash as its own SHA-256, and
// each line is collapsed once, however many findings it holds.
func Fingerprints(findings []Finding) []string {
	type fileLine struct {
		f    *source.File
		line int
	}
	out := make([]string, len(findings))
	seen := make(map[string]int)
	codes := make(map[fileLine]string)
	for i, f := range findings {
		at := fileLine{f.File, f.File.OffsetLine(f.Span.Start)}
		code, ok := codes[at]
		if !ok {
			code = strings.Join(strings.Fields(f.File.LineText(at.line)), " ")
			if len(code) > maxFingerprintCode {
				sum := sha256.Sum256([]byte(code))
				code = "sha256:" + hex.EncodeToString(sum[:])
			}
			codes[at] = code
		}
		key := strings.Join([]string{f.Path, f.Diagnostic.Rule, f.Message, code}, "\x00")
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}
