// Package quickfix owns what happens to fixes after a rule computes them:
// applying and merging their edits, checking that a result still parses,
// and the policy of which fixes `sqlsage fix` and source.fixAll apply
// (the preferred, safe fix of each diagnostic, never an unsafe one), and
// the "ignore this rule here" fixes (IgnoreStatement, IgnoreFile).
package quickfix

import (
	"context"
	"fmt"
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// Apply returns text with the edits of fixes applied. Identical edits
// from different fixes (two fixes inserting the same index) are applied
// once; any other overlap is an error.
func Apply(text string, fixes ...diagnostics.Fix) (string, error) {
	var edits []source.Edit
	for _, f := range fixes {
		for _, e := range f.Edits {
			if !slices.Contains(edits, e) {
				edits = append(edits, e)
			}
		}
	}
	out, err := source.Apply(text, edits)
	if err != nil {
		return "", fmt.Errorf("applying fixes: %w", err)
	}
	return out, nil
}

// A Result is the outcome of FixAll.
type Result struct {
	Text    string                   // the fixed text
	Applied []diagnostics.Diagnostic // diagnostics whose preferred fix was applied
	Skipped []diagnostics.Diagnostic // fixable diagnostics left alone: their edits conflicted
}

// FixAll applies the preferred fix of every diagnostic in diags for which
// want returns true (all when want is nil), in position order, skipping a
// fix whose edits overlap one already taken. Unsafe fixes are never
// applied. It checks that the result parses wherever the input did.
func FixAll(ctx context.Context, p *syntax.Parser, file *source.File, diags []diagnostics.Diagnostic, want func(rule string) bool) (Result, error) {
	res := Result{Text: file.Text}
	var taken []diagnostics.Fix
	for _, d := range diags {
		i := d.Preferred()
		if i < 0 || (want != nil && !want(d.Rule)) {
			continue
		}
		candidate := append(slices.Clone(taken), d.Fixes[i])
		if _, err := Apply(file.Text, candidate...); err != nil {
			res.Skipped = append(res.Skipped, d)
			continue
		}
		taken = candidate
		res.Applied = append(res.Applied, d)
	}
	if len(taken) == 0 {
		return res, nil
	}
	text, err := Apply(file.Text, taken...)
	if err != nil {
		return Result{}, err
	}
	if err := CheckParses(ctx, p, file, text); err != nil {
		return Result{}, err
	}
	res.Text = text
	return res, nil
}

// CheckParses reports an error when after, the text of file after a fix,
// has a statement that does not parse and was not already in file,
// unparsed, with the same text: a fix must never break SQL that parsed
// (nor merge statements by unbalancing a parenthesis or a quote). Parses
// go through p's cache, so only the statements a fix changed are parsed
// again.
func CheckParses(ctx context.Context, p *syntax.Parser, file *source.File, after string) error {
	before, err := p.ParseFile(ctx, file)
	if err != nil {
		return err
	}
	// Statements of routine bodies count too: a fix inside a function
	// body must leave the body's statements parsing.
	broken := make(map[string]int)
	for st := range before.All() {
		if st.Err != nil {
			broken[st.Text]++
		}
	}
	fixed := source.NewFile(file.URI, file.Version, after)
	pf, err := p.ParseFile(ctx, fixed)
	if err != nil {
		return err
	}
	for st := range pf.All() {
		if st.Err == nil {
			continue
		}
		if broken[st.Text] > 0 {
			broken[st.Text]--
			continue
		}
		line, col := fixed.OffsetRuneColumn(st.Err.Span.Start)
		return fmt.Errorf("%s: the fixed text does not parse at %d:%d: %s", file.URI, line, col, st.Err.Message)
	}
	return nil
}
