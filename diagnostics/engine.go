package diagnostics

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/sqlsage/sqlsage/diagnostics/schema"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

// DefaultPGVersion is the PostgreSQL major version rules target unless
// configured otherwise.
const DefaultPGVersion = 15

// Config is the user's policy for one analysis: target version and
// per-rule severities. The zero Config means defaults.
type Config struct {
	PGVersion int                 // 0 means DefaultPGVersion
	Rules     map[string]Severity // per-rule override; Off turns a rule off, any other turns it on
	Settings  Settings            // options rules read
	Changes   *Changes            // differences from a base revision; nil without --base
}

// SeverityOf returns the severity rule r reports with under c, Off when it
// does not run.
func (c Config) SeverityOf(r *Rule) Severity {
	if s, ok := c.Rules[r.ID]; ok {
		return s
	}
	if !r.Default {
		return Off
	}
	return r.Severity
}

func (c Config) pgVersion() int {
	if c.PGVersion == 0 {
		return DefaultPGVersion
	}
	return c.PGVersion
}

// An Engine runs a fixed list of rules over snapshots. It is safe for
// concurrent use.
type Engine struct {
	rules []*Rule
	byID  map[string]*Rule

	// Logger receives rule panics (recovered so that one broken rule
	// never hides the others' findings). Nil discards them.
	Logger *slog.Logger
	// Strict re-raises rule panics instead of recovering; tests set it.
	Strict bool
}

// NewEngine returns an engine for rules, which must pass Validate.
func NewEngine(rules []*Rule) (*Engine, error) {
	if err := Validate(rules); err != nil {
		return nil, fmt.Errorf("invalid rules: %w", err)
	}
	e := &Engine{rules: rules, byID: make(map[string]*Rule, len(rules))}
	for _, r := range rules {
		e.byID[r.ID] = r
	}
	return e, nil
}

// Rules returns the engine's rules in the order given.
func (e *Engine) Rules() []*Rule { return e.rules }

// Rule returns the rule with ID id, or nil.
func (e *Engine) Rule(id string) *Rule { return e.byID[id] }

// Analyze runs every enabled rule over each statement of the file at uri
// in snap, and over each statement of the routine bodies in them (see
// syntax.Routine), then applies the policy pipeline: suppression
// comments, the configured severities, and ordering by position. It
// returns ctx.Err() when cancelled, and nothing else is an error but an
// unknown URI.
func (e *Engine) Analyze(ctx context.Context, snap *workspace.Snapshot, uri string, cfg Config) ([]Diagnostic, error) {
	pf, err := snap.Parsed(ctx, uri)
	if err != nil {
		return nil, err
	}
	model, err := snap.Model(ctx)
	if err != nil {
		return nil, err
	}
	// Statements are independent: large files are split into contiguous
	// chunks analysed on all cores, each with its own Passes, and the
	// chunks' findings are joined in statement order, so the result is
	// exactly what one goroutine would produce.
	workers := 1
	if len(pf.Stmts) >= parallelStatements {
		workers = min(runtime.GOMAXPROCS(0), len(pf.Stmts)/(parallelStatements/2))
	}
	found := make([][]Diagnostic, workers)
	if workers == 1 {
		found[0] = e.analyzeStmts(ctx, pf, model, cfg, pf.Stmts)
	} else {
		// A rule panic that the engine re-raises (Strict) must reach the
		// caller's goroutine, where the server and tests recover it.
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			panicked any
		)
		for w := range workers {
			lo, hi := w*len(pf.Stmts)/workers, (w+1)*len(pf.Stmts)/workers
			wg.Go(func() {
				defer func() {
					if v := recover(); v != nil {
						mu.Lock()
						if panicked == nil {
							panicked = v
						}
						mu.Unlock()
					}
				}()
				found[w] = e.analyzeStmts(ctx, pf, model, cfg, pf.Stmts[lo:hi])
			})
		}
		wg.Wait()
		if panicked != nil {
			panic(panicked)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var diags []Diagnostic
	for _, d := range found {
		diags = append(diags, d...)
	}
	return filter(pf, diags), nil
}

// runBody runs the passes over the statements of a routine body, and of
// the bodies inside them. The schema model is not built from bodies (a
// function that would create a table when called does not change the
// migration's schema), but every rule judges their statements.
func (e *Engine) runBody(passes []*Pass, body []*syntax.Stmt) {
	for _, st := range body {
		for _, pass := range passes {
			pass.Stmt = st
			e.run(pass)
		}
		if len(st.Body) > 0 {
			e.runBody(passes, st.Body)
		}
	}
}

// bodyFixes adapts the fixes of a diagnostic found in a statement of a
// routine body to the string literals around it: an edit's new text is
// written as each literal requires (quotes doubled in a single-quoted body, for
// example), innermost first. A fix with an edit outside the body, or with
// text that cannot be written inside it, is dropped.
func bodyFixes(st *syntax.Stmt, fixes []Fix) []Fix {
	var out []Fix
next:
	for _, f := range fixes {
		edits := make([]source.Edit, len(f.Edits))
		for i, ed := range f.Edits {
			for b := st; b.Parent != nil; b = b.Parent {
				r := b.Parent.Routine
				if ed.Span.Start < r.Span.Start || ed.Span.End > r.Span.End {
					continue next
				}
				text, ok := r.QuoteText(ed.New)
				if !ok {
					continue next
				}
				ed.New = text
			}
			edits[i] = ed
		}
		f.Edits = edits
		out = append(out, f)
	}
	return out
}

// parallelStatements is the number of statements from which Analyze
// shares a file's statements among cores.
const parallelStatements = 512

// analyzeStmts runs every enabled rule over stmts (and their routine
// bodies), with one Pass per rule reused for every statement, and returns
// the findings in statement order.
func (e *Engine) analyzeStmts(ctx context.Context, pf *syntax.ParsedFile, model *schema.Model, cfg Config, stmts []*syntax.Stmt) []Diagnostic {
	var diags []Diagnostic
	var passes []*Pass
	for _, r := range e.rules {
		sev := cfg.SeverityOf(r)
		if sev == Off {
			continue
		}
		pass := &Pass{Rule: r, File: pf.File, Parsed: pf, Schema: model, PGVersion: cfg.pgVersion(), Settings: cfg.Settings, Changes: cfg.Changes}
		pass.report = func(d Diagnostic) {
			d.Severity = sev
			if pass.Stmt.Parent != nil && len(d.Fixes) > 0 {
				d.Fixes = bodyFixes(pass.Stmt, d.Fixes)
			}
			diags = append(diags, d)
		}
		passes = append(passes, pass)
	}
	for i, st := range stmts {
		if st.Kind != syntax.SQL {
			continue
		}
		if i%256 == 0 && ctx.Err() != nil {
			return nil
		}
		for _, pass := range passes {
			pass.Stmt = st
			e.run(pass)
		}
		if len(st.Body) > 0 {
			e.runBody(passes, st.Body)
		}
	}
	return diags
}

// run calls the pass's rule, recovering a panic unless the engine is strict.
func (e *Engine) run(pass *Pass) {
	if !e.Strict {
		defer func() {
			if v := recover(); v != nil && e.Logger != nil {
				e.Logger.Error("rule panicked", "rule", pass.Rule.ID, "file", pass.File.URI,
					"offset", pass.Stmt.Span.Start, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			}
		}()
	}
	pass.Rule.Run(pass)
}
