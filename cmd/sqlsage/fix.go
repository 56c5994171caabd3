package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/aymanbagabas/go-udiff"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/migration"
	"github.com/sqlsage/sqlsage/diagnostics/source"
	"github.com/sqlsage/sqlsage/diagnostics/syntax"
	"github.com/sqlsage/sqlsage/diagnostics/workspace"
	"github.com/sqlsage/sqlsage/quickfix"
)

const fixUsage = `usage: sqlsage fix [flags] [PATH...]

Applies the preferred safe fix of each finding in the .sql files under
each PATH (default "."), re-analyses, and repeats until nothing more can be
fixed. Fixes that change behaviour (marked unsafe) are never applied. Each
file is written atomically, and only when the result parses wherever the
original did. With --diff, prints a unified diff and writes nothing.

Exit status: 0 on success, 2 on a usage, configuration or I/O error.

Flags:
`

// maxFixRounds bounds the fix, re-analyse, fix loop.
const maxFixRounds = 10

func runFix(ctx context.Context, args []string, std streams) int {
	var f checkFlags
	var rulesFlag string
	var diff bool
	fs := flag.NewFlagSet("fix", flag.ContinueOnError)
	fs.StringVar(&rulesFlag, "rule", "", "comma-separated rule IDs whose fixes to apply (default: all)")
	fs.BoolVar(&diff, "diff", false, "print a unified diff instead of writing the files")
	fs.IntVar(&f.pgVersion, "pg-version", 0, fmt.Sprintf("target PostgreSQL major version (default %d)", diagnostics.DefaultPGVersion))
	fs.StringVar(&f.configPath, "config", "", "configuration file (default: the nearest .sqlsage.toml above the first PATH)")
	if code, ok := parseFlags(fs, fixUsage, args, std); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(std.stderr, "sqlsage fix: %v\n", err)
		return exitError
	}
	engine := newEngine()
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if slices.Contains(paths, "-") {
		return fail(errors.New(`"-" (standard input) cannot be fixed in place; use sqlsage check --format json for the edits`))
	}
	cfg, err := f.config(engine, paths[0])
	if err != nil {
		return fail(err)
	}
	rules, err := ruleIDs(engine, "rule", rulesFlag)
	if err != nil {
		return fail(err)
	}
	var only []string
	for _, r := range rules {
		only = append(only, r.ID)
	}
	inputs, err := readInputs(ctx, paths, "", nil)
	if err != nil {
		return fail(err)
	}
	result, err := fix(ctx, engine, cfg, inputs, only, f.migrations...)
	if err != nil {
		return fail(err)
	}
	changed := 0
	for _, in := range inputs {
		after := result.files[in.path]
		if after == in.file.Text {
			continue
		}
		changed++
		if diff {
			fmt.Fprint(std.stdout, udiff.Unified("a/"+in.path, "b/"+in.path, in.file.Text, after))
			continue
		}
		if err := writeAtomic(in.path, after); err != nil {
			return fail(err)
		}
	}
	verb := "fixed"
	if diff {
		verb = "would fix"
	}
	fmt.Fprintf(std.stderr, "%s %s in %s; %s left\n", verb, plural(result.fixed, "finding"), plural(changed, "file"), plural(result.remaining, "fixable finding"))
	return exitOK
}

// fixResult is the outcome of fix: the final text of each file by path.
type fixResult struct {
	files     map[string]string
	fixed     int // findings whose fix was applied
	remaining int // findings with a safe fix that could not be applied (conflicts)
}

// fix applies the preferred safe fixes of the findings of the rules in
// only (all when empty) to every input, as one workspace, re-analysing
// after each round until no fix applies.
func fix(ctx context.Context, engine *diagnostics.Engine, cfg diagnostics.Config, inputs []input, only []string, migrations ...migration.Folder) (*fixResult, error) {
	parser := syntax.NewParser(0)
	files := make([]*source.File, len(inputs))
	for i, in := range inputs {
		files[i] = in.file
	}
	snap := workspace.New(parser, files...)
	if len(migrations) > 0 {
		snap = snap.WithMigrationFolders(migrations)
	}
	want := func(rule string) bool { return len(only) == 0 || slices.Contains(only, rule) }
	res := &fixResult{files: make(map[string]string)}
	for round := 0; ; round++ {
		progress := false
		res.remaining = 0
		for _, in := range inputs {
			f := snap.File(in.file.URI)
			diags, err := engine.Analyze(ctx, snap, f.URI, cfg)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", in.path, err)
			}
			out, err := quickfix.FixAll(ctx, parser, f, diags, want)
			if err != nil {
				return nil, fmt.Errorf("%s: not written: %w", in.path, err)
			}
			res.remaining += len(out.Skipped)
			if len(out.Applied) == 0 {
				continue
			}
			res.fixed += len(out.Applied)
			snap = snap.With(source.NewFile(f.URI, f.Version+1, out.Text))
			progress = true
		}
		if !progress || round == maxFixRounds-1 {
			break
		}
	}
	for _, in := range inputs {
		res.files[in.path] = snap.File(in.file.URI).Text
	}
	return res, nil
}

// writeAtomic replaces the file at path with text: it writes a temporary
// file beside it with the same permissions and renames it over the
// original, so a crash never leaves a half-written file.
func writeAtomic(path, text string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".sqlsage-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// plural formats a count with its noun: "1 file", "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
