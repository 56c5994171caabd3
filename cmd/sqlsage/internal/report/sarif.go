package report

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// srcRoot is the uriBaseId of every artifact location: the repository
// root, which run.originalUriBaseIds resolves.
const srcRoot = "%SRCROOT%"

// sarifLevel maps a severity to a SARIF level; SARIF has no "hint".
var sarifLevel = map[diagnostics.Severity]string{
	diagnostics.Error:   "error",
	diagnostics.Warning: "warning",
	diagnostics.Info:    "note",
	diagnostics.Hint:    "note",
}

// SARIF writes a SARIF 2.1.0 log that GitHub code scanning accepts: one
// run whose driver describes every rule, results with 1-based regions
// (columns in Unicode code points, as run.columnKind says) in files named
// relative to the repository root, fixes for the findings that have one,
// and a partial fingerprint that survives line shifts.
func SARIF(w io.Writer, run *Run) error {
	log := sarif.NewReport()
	r := sarif.NewRunWithInformationURI("sqlsage", "https://github.com/sqlsage/sqlsage")
	r.Tool.Driver.WithVersion(run.Version).WithSemanticVersion(strings.TrimPrefix(run.Version, "v"))
	r.WithColumnKind("unicodeCodePoints")
	if run.Root != "" {
		r.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{srcRoot: *sarif.NewArtifactLocation().WithURI(dirURI(run.Root))})
	}
	for _, rule := range run.Rules {
		level := sarifLevel[rule.Severity]
		r.AddRule(rule.ID).
			WithName(ruleName(rule.ID)).
			WithShortDescription(sarif.NewMultiformatMessageString().WithText(rule.Doc.Summary)).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(firstParagraph(rule.Doc.Why))).
			WithHelp(sarif.NewMultiformatMessageString().WithText(rule.Doc.Why).WithMarkdown(diagnostics.Markdown(rule))).
			WithHelpURI(rule.URL()).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(level).WithEnabled(rule.Default)).
			WithProperties(sarif.NewPropertyBag().Add("category", string(rule.Category)).Add("tags", []string{"sql", string(rule.Category)}))
	}
	prints := Fingerprints(run.Findings)
	var pos positioner
	for i, f := range run.Findings {
		uri := artifactURI(run.Root, f.Path)
		res := r.CreateResultForRule(f.Diagnostic.Rule).
			WithLevel(sarifLevel[f.Severity]).
			WithMessage(sarif.NewTextMessage(f.Message)).
			AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
				WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri).WithURIBaseID(srcRoot)).
				WithRegion(region(&pos, f.File, f.Span)))).
			WithPartialFingerprints(map[string]string{"sqlsage/v1": prints[i]})
		if idx := r.GetRuleIndex(f.Diagnostic.Rule); idx >= 0 {
			res.WithRuleIndex(idx)
		}
		for _, fix := range f.Fixes {
			change := sarif.NewArtifactChange().
				WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri).WithURIBaseID(srcRoot))
			for _, e := range fix.Edits {
				change.AddReplacement(sarif.NewReplacement().
					WithDeletedRegion(region(&pos, f.File, e.Span)).
					WithInsertedContent(sarif.NewArtifactContent().WithText(e.New)))
			}
			res.AddFixe(sarif.NewFix().WithDescription(sarif.NewTextMessage(fix.Title)).AddArtifactChange(change))
		}
	}
	log.AddRun(r)
	return log.PrettyWrite(w)
}

// region returns the 1-based SARIF region of span. An empty span (an
// insertion point) keeps startColumn == endColumn, which SARIF reads as
// an insertion point.
func region(pos *positioner, f *source.File, span source.Span) *sarif.Region {
	sl, sc := pos.position(f, span.Start)
	el, ec := pos.position(f, span.End)
	return sarif.NewRegion().WithStartLine(sl).WithStartColumn(sc).WithEndLine(el).WithEndColumn(ec)
}

// artifactURI returns path (as displayed, relative to the working
// directory) relative to root, as a URI reference with slashes.
func artifactURI(root, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil || root == "" {
		return (&url.URL{Path: filepath.ToSlash(path)}).String()
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = abs
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

// dirURI returns the file URI of a directory, with the trailing slash
// SARIF requires of a base URI.
func dirURI(dir string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	s := u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

// ruleName turns a rule ID into the PascalCase name SARIF viewers show:
// money-float → MoneyFloat.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// firstParagraph returns the first paragraph of Markdown text.
func firstParagraph(md string) string {
	md = strings.TrimSpace(md)
	if i := strings.Index(md, "\n\n"); i >= 0 {
		return md[:i]
	}
	return md
}
