package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sqlsage/sqlsage/cmd/sqlsage/internal/report"
	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/config"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
)

const checkUsage = `usage: sqlsage check [flags] [PATH...]

Lints .sql files. Each PATH is a file or a folder searched recursively for
*.sql (default "."); "-" reads standard input. All files checked together
form the workspace: a foreign key in one file is indexed by an index in
another. Findings print as path:line:col: severity: message [rule].

Exit status: 0 when nothing is at or above --fail-on, 1 when something is,
2 on a usage, configuration or I/O error.

Flags:
`

// checkFlags are the options of `sqlsage check`.
type checkFlags struct {
	format        string
	failOn        string
	enable        string
	only          string
	disable       string
	pgVersion     int
	stdinFilename string
	configPath    string
	color         string
	excerpt       bool
	base          string

	// migrations are the folders the configuration's migrations setting
	// names, as paths in the form check names files; set by config.
	migrations []migration.Folder
}

func runCheck(ctx context.Context, args []string, std streams) int {
	var f checkFlags
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(report.FormatNames, ", "))
	fs.StringVar(&f.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info, hint or never")
	fs.StringVar(&f.only, "rule", "", "comma-separated rule IDs: run only these rules")
	fs.StringVar(&f.enable, "enable", "", "comma-separated rule IDs to turn on (with their default severity)")
	fs.StringVar(&f.disable, "disable", "", "comma-separated rule IDs to turn off")
	fs.IntVar(&f.pgVersion, "pg-version", 0, fmt.Sprintf("target PostgreSQL major version (default %d)", diagnostics.DefaultPGVersion))
	fs.StringVar(&f.stdinFilename, "stdin-filename", "stdin.sql", `path to report for standard input ("-")`)
	fs.StringVar(&f.configPath, "config", "", "configuration file (default: the nearest .sqlsage.toml above the first PATH)")
	fs.StringVar(&f.color, "color", "auto", "colour the text format: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.BoolVar(&f.excerpt, "excerpt", true, "text format: show the source line with carets under each finding, and the rule's help page")
	fs.StringVar(&f.base, "base", "", "report only in files changed since the merge base of this git revision and HEAD (enables edited-applied-migration)")
	if code, ok := parseFlags(fs, checkUsage, args, std); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(std.stderr, "sqlsage check: %v\n", err)
		return exitError
	}
	start := time.Now()
	engine := newEngine()
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cfg, err := f.config(engine, paths[0])
	if err != nil {
		return fail(err)
	}
	failOn, err := parseFailOn(f.failOn)
	if err != nil {
		return fail(err)
	}
	write, ok := report.Formats[f.format]
	if !ok {
		return fail(fmt.Errorf("unknown --format %q (want %s)", f.format, strings.Join(report.FormatNames, ", ")))
	}
	color, err := useColor(f.color, std.stdout)
	if err != nil {
		return fail(err)
	}
	if f.format == "text" {
		write = func(w io.Writer, run *report.Run) error {
			return report.Text(w, run, report.TextOptions{Color: color, Excerpt: f.excerpt})
		}
	}
	if f.base != "" {
		if cfg.Changes, err = changesSince(ctx, f.base); err != nil {
			return fail(err)
		}
	}
	files, err := readInputs(ctx, paths, f.stdinFilename, std.stdin)
	if err != nil {
		return fail(err)
	}
	progress := newProgress(std.stderr, len(files), isTerminal(std.stderr))
	run, err := check(ctx, engine, cfg, files, progress.step, f.migrations...)
	progress.done()
	if err != nil {
		return fail(err)
	}
	if cfg.Changes != nil {
		run.Findings = slices.DeleteFunc(run.Findings, func(fd report.Finding) bool {
			return !cfg.Changes.Modified[fd.Path] && !cfg.Changes.Added[fd.Path]
		})
	}
	run.Rules, run.Version, run.Root = engine.Rules(), version, repoRoot()
	run.Elapsed = time.Since(start)
	if err := write(std.stdout, run); err != nil {
		return fail(fmt.Errorf("writing output: %w", err))
	}
	if f.format == "text" {
		fmt.Fprintln(std.stderr, report.Summary(run))
	}
	for _, fd := range run.Findings {
		if failOn != diagnostics.Off && fd.Severity >= failOn {
			return exitFindings
		}
	}
	return exitOK
}

// useColor decides --color: auto colours only a terminal, and never when
// NO_COLOR is set (https://no-color.org).
func useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return os.Getenv("NO_COLOR") == "" && isTerminal(w), nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// repoRoot returns the root of the git work tree holding the working
// directory (the folder with .git), or the working directory itself.
func repoRoot() string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := cwd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return cwd
		}
		dir = parent
	}
}

// config returns the engine's Config: the configuration file (--config,
// or the nearest .sqlsage.toml above the first path), then the flags,
// which win.
func (f *checkFlags) config(engine *diagnostics.Engine, firstPath string) (diagnostics.Config, error) {
	cfg := diagnostics.Config{Rules: map[string]diagnostics.Severity{}}
	path := f.configPath
	if path == "" {
		dir := firstPath
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			dir = filepath.Dir(dir)
		}
		path = config.Find(dir)
	}
	if path != "" {
		file, err := config.Load(path, engine.Rules())
		if err != nil {
			return cfg, err
		}
		cfg = file.Config
		cwd, _ := os.Getwd()
		for _, folder := range file.MigrationFolders {
			folder.Dir = displayPath(cwd, folder.Dir)
			f.migrations = append(f.migrations, folder)
		}
	}
	if f.pgVersion != 0 {
		if f.pgVersion < 9 || f.pgVersion > 18 {
			return cfg, fmt.Errorf("--pg-version %d: want a PostgreSQL major version between 9 and 18", f.pgVersion)
		}
		cfg.PGVersion = f.pgVersion
	}
	if f.only != "" {
		only, err := ruleIDs(engine, "rule", f.only)
		if err != nil {
			return cfg, err
		}
		configured := cfg.Rules
		cfg.Rules = make(map[string]diagnostics.Severity, len(engine.Rules()))
		for _, r := range engine.Rules() {
			cfg.Rules[r.ID] = diagnostics.Off
		}
		for _, r := range only {
			cfg.Rules[r.ID] = r.Severity
			if s, ok := configured[r.ID]; ok && s != diagnostics.Off {
				cfg.Rules[r.ID] = s // the file's severity for a rule asked for by name
			}
		}
	}
	enable, err := ruleIDs(engine, "enable", f.enable)
	if err != nil {
		return cfg, err
	}
	for _, r := range enable {
		cfg.Rules[r.ID] = r.Severity
	}
	disable, err := ruleIDs(engine, "disable", f.disable)
	if err != nil {
		return cfg, err
	}
	for _, r := range disable {
		cfg.Rules[r.ID] = diagnostics.Off
	}
	return cfg, nil
}

// ruleIDs returns the rules a comma-separated list given to --flagName
// names; an unknown ID is an error.
func ruleIDs(engine *diagnostics.Engine, flagName, list string) ([]*diagnostics.Rule, error) {
	var rules []*diagnostics.Rule
	for _, id := range strings.Split(list, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		r := engine.Rule(id)
		if r == nil {
			return nil, fmt.Errorf("--%s: unknown rule %q (see sqlsage rules)", flagName, id)
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func parseFailOn(s string) (diagnostics.Severity, error) {
	if s == "never" {
		return diagnostics.Off, nil
	}
	sev, err := diagnostics.ParseSeverity(s)
	if err != nil || sev == diagnostics.Off {
		return 0, fmt.Errorf("--fail-on %q: want error, warning, info, hint or never", s)
	}
	return sev, nil
}

// An input is one file to check and the path it is reported under.
type input struct {
	path string
	file *source.File
}

// readInputs expands paths into the .sql files to check, in path order.
func readInputs(ctx context.Context, paths []string, stdinName string, stdin io.Reader) ([]input, error) {
	cwd, _ := os.Getwd()
	var inputs []input
	seen := make(map[string]bool)
	for _, p := range paths {
		if p == "-" {
			b, err := io.ReadAll(stdin)
			if err != nil {
				return nil, fmt.Errorf("reading standard input: %w", err)
			}
			inputs = append(inputs, input{stdinName, source.NewFile(stdinName, 0, string(b))})
			continue
		}
		found, err := workspace.FindSQL(ctx, p)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) && errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, err
		}
		for _, fp := range found {
			display := displayPath(cwd, fp)
			if seen[display] {
				continue
			}
			seen[display] = true
			file, err := workspace.ReadFile(fp, display)
			if err != nil {
				return nil, err
			}
			inputs = append(inputs, input{display, file})
		}
	}
	return inputs, nil
}

// displayPath returns p relative to cwd when it lies inside it, with slashes.
func displayPath(cwd, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil || cwd == "" {
		return filepath.ToSlash(p)
	}
	if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// check analyses every input as one workspace, files in parallel;
// migrations are the folders the migrations setting names.
func check(ctx context.Context, engine *diagnostics.Engine, cfg diagnostics.Config, inputs []input, step func(), migrations ...migration.Folder) (*report.Run, error) {
	files := make([]*source.File, len(inputs))
	for i, in := range inputs {
		files[i] = in.file
	}
	snap := workspace.New(syntax.NewParser(0), files...)
	if len(migrations) > 0 {
		snap = snap.WithMigrationFolders(migrations)
	}
	workers := runtime.GOMAXPROCS(0)

	// Parse every file in parallel, then build the model once.
	if err := parallel(ctx, len(files), workers, func(i int) error {
		_, err := snap.Parsed(ctx, files[i].URI)
		return err
	}); err != nil {
		return nil, err
	}
	if _, err := snap.Model(ctx); err != nil {
		return nil, err
	}
	results := make([][]report.Finding, len(files))
	skipped := make([]int, len(files))
	if err := parallel(ctx, len(files), workers, func(i int) error {
		f := files[i]
		diags, err := engine.Analyze(ctx, snap, f.URI, cfg)
		if err != nil {
			return fmt.Errorf("%s: %w", f.URI, err)
		}
		pf, _ := snap.Parsed(ctx, f.URI)
		// Statements that do not parse, in the file and in routine bodies,
		// and body parts sqlsage cannot place: never a silent gap.
		for st := range pf.All() {
			if st.Routine != nil {
				skipped[i] += len(st.Routine.Skipped)
			}
			if st.Err != nil {
				skipped[i]++
			}
		}
		for _, d := range diags {
			results[i] = append(results[i], report.Finding{Path: inputs[i].path, File: f, Rule: engine.Rule(d.Rule), Diagnostic: d})
		}
		if step != nil {
			step()
		}
		return nil
	}); err != nil {
		return nil, err
	}
	run := &report.Run{Files: len(files)}
	for i := range results {
		run.Findings = append(run.Findings, results[i]...)
		run.Skipped += skipped[i]
	}
	report.Sort(run.Findings)
	return run, nil
}

// parallel calls fn(0..n-1) on up to workers goroutines and returns the
// first error.
func parallel(ctx context.Context, n, workers int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for range min(workers, n) {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if i >= n || stop || ctx.Err() != nil {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
