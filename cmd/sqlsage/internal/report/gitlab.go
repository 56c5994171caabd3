package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics"
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
	for i, f := range run.Findings {
		line, _ := position(f.File, f.Span.Start)
		endLine, _ := position(f.File, f.Span.End)
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

// Fingerprints returns a fingerprint for each finding (in the same
// order): a hash of the path, the rule, the message and the text of the
// finding's line with its white space collapsed, plus how many identical
// findings precede it. Positions are left out, so moving the code does
// not make a finding look new.
func Fingerprints(findings []Finding) []string {
	out := make([]string, len(findings))
	seen := make(map[string]int)
	for i, f := range findings {
		line, _ := position(f.File, f.Span.Start)
		code := strings.Join(strings.Fields(f.File.LineText(line-1)), " ")
		key := strings.Join([]string{f.Path, f.Diagnostic.Rule, f.Message, code}, "\x00")
		n := seen[key]
		seen[key]++
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, n)))
		out[i] = hex.EncodeToString(sum[:16])
	}
	return out
}
