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
	res, err := e.AnalyzeFrom(ctx, snap, uri, cfg, nil)
	if err != nil {
		return nil, err
	}
	return res.Diagnostics, nil
}

// AnalyzeFrom is Analyze for a file analysed before: prev is the Result
// of an earlier version of it (nil for none). A statement whose text is
// unchanged keeps its findings, moved with it, unless something its rules
// read changed since: the tables they looked up in the schema model (see
// schema.Reads), the file order, the other statements or comments of the
// file. So a keystroke runs the rules on the edited statement and on
// those that depend on what the edit changed, not on the whole file.
// The result is exactly what Analyze returns.
func (e *Engine) AnalyzeFrom(ctx context.Context, snap *workspace.Snapshot, uri string, cfg Config, prev *Result) (*Result, error) {
	pf, err := snap.Parsed(ctx, uri)
	if err != nil {
		return nil, err
	}
	model, err := snap.Model(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{uri: uri, pf: pf, model: model, cfg: cfg, stmts: make([]stmtResult, len(pf.Stmts))}
	var todo []int // indexes of the statements to analyse
	if prev != nil && prev.uri == uri && sameConfig(prev.cfg, cfg) {
		diff := schema.Compare(prev.model, model)
		partner, delta, fc := carryOver(prev, pf)
		for i, j := range partner {
			if j >= 0 && prev.stmts[j].reusable(diff, fc) {
				r := prev.stmts[j]
				r.diags = shifted(r.diags, delta[i])
				res.stmts[i] = r
				continue
			}
			todo = append(todo, i)
		}
	} else {
		todo = make([]int, len(pf.Stmts))
		for i := range todo {
			todo[i] = i
		}
	}
	if err := e.analyzeStmts(ctx, res, todo); err != nil {
		return nil, err
	}
	res.Ran = len(todo)
	n := 0
	for i := range res.stmts {
		n += len(res.stmts[i].diags)
	}
	diags := make([]Diagnostic, 0, n)
	for i := range res.stmts {
		diags = append(diags, res.stmts[i].diags...)
	}
	res.Diagnostics = e.filter(pf, diags, cfg)
	return res, nil
}

// analyzeStmts runs the rules over the statements of res.pf at indexes
// todo, recording each one's findings and reads in res.stmts. Many
// statements (a file's first analysis) are shared among cores in
// contiguous chunks, each with its own Passes; what a statement gets
// does not depend on the chunk, so the result is what one goroutine
// would produce.
func (e *Engine) analyzeStmts(ctx context.Context, res *Result, todo []int) error {
	workers := 1
	if len(todo) >= parallelStatements {
		workers = min(runtime.GOMAXPROCS(0), len(todo)/(parallelStatements/2))
	}
	if workers == 1 {
		e.analyzeChunk(ctx, res, todo)
		return ctx.Err()
	}
	// A rule panic that the engine re-raises (Strict) must reach the
	// caller's goroutine, where the server and tests recover it.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	for w := range workers {
		lo, hi := w*len(todo)/workers, (w+1)*len(todo)/workers
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
			e.analyzeChunk(ctx, res, todo[lo:hi])
		})
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return ctx.Err()
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

// analyzeChunk runs every enabled rule over the statements of res.pf at
// indexes todo (and their routine bodies), with one Pass per rule reused
// for every statement and one Recording view of the model for them all.
func (e *Engine) analyzeChunk(ctx context.Context, res *Result, todo []int) {
	pf, cfg := res.pf, res.cfg
	var (
		diags []Diagnostic
		reads schema.Reads
		file  fileReads
	)
	view := res.model.Recording(&reads)
	var passes []*Pass
	for _, r := range e.rules {
		sev := cfg.SeverityOf(r)
		if sev == Off {
			continue
		}
		pass := &Pass{Rule: r, File: pf.File, parsed: pf, Schema: view, PGVersion: cfg.pgVersion(), Settings: cfg.Settings, Changes: cfg.Changes, fileReads: &file}
		pass.report = func(d Diagnostic) {
			d.Severity = sev
			if pass.Stmt.Parent != nil && len(d.Fixes) > 0 {
				d.Fixes = bodyFixes(pass.Stmt, d.Fixes)
			}
			diags = append(diags, d)
		}
		passes = append(passes, pass)
	}
	for n, i := range todo {
		st := pf.Stmts[i]
		if st.Kind != syntax.SQL {
			res.stmts[i] = stmtResult{local: true}
			continue
		}
		if n%256 == 0 && ctx.Err() != nil {
			return
		}
		diags, file = nil, 0
		reads.Reset()
		for _, pass := range passes {
			pass.Stmt = st
			e.run(pass)
		}
		if len(st.Body) > 0 {
			e.runBody(passes, st.Body)
		}
		res.stmts[i] = stmtResult{diags: diags, reads: reads.Clone(), file: file, local: local(pf.File, st, diags)}
	}
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
