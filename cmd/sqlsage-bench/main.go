// Command sqlsage-bench measures sqlsage side by side with its peers,
// squawk and postgrestools, when they are installed: the whole `check`
// process on generated files (wall time and peak resident set) and, over
// the Language Server Protocol, the time from a keystroke to the
// diagnostics that answer it. It prints one table with each peer's ratio
// to sqlsage; a peer that is not installed is listed as skipped.
//
// Usage:
//
//	sqlsage-bench [--sqlsage BIN] [--peers NPM_PREFIX] [--runs N] [--keys K] …
//
// Peers are looked for under --peers (an npm --prefix folder where
// squawk-cli and @postgrestools/postgrestools are installed) and then on
// PATH. `make bench-peers` installs both into a temporary folder and runs
// this command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
)

// Exit statuses.
const (
	exitOK    = 0 // measured (a peer that failed or is absent says so in the table)
	exitError = 2 // usage error, or sqlsage itself could not be measured
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, exec.LookPath)
	stop()
	os.Exit(code)
}

const usage = `usage: sqlsage-bench [flags]

Times sqlsage check and sqlsage serve on generated SQL files, and squawk
and postgrestools beside them when they are installed (under --peers, an
npm --prefix folder, or on PATH), then prints a table with the ratios
peer/sqlsage. Sizes count KB as 1024 bytes and MB as 1000 KB, as the
repository's benchmarks do (1.6MB is about 20,000 statements).

Flags:
`

// config is the parsed command line.
type config struct {
	sqlsage     string
	peersDir    string
	runs, keys  int
	checkSizes  []size
	lspSizes    []size
	editTimeout time.Duration
	checkTimout time.Duration
	report      reportStyle
	keep        bool
}

// A size is a generated file's size.
type size struct {
	name  string
	bytes int
}

// run is the command, with its streams and PATH lookup passed in for tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, lookPath func(string) (string, error)) int {
	cfg, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "sqlsage-bench: %v\n", err)
		return exitError
	}
	if err := bench(ctx, cfg, stdout, stderr, lookPath); err != nil {
		fmt.Fprintf(stderr, "sqlsage-bench: %v\n", err)
		return exitError
	}
	return exitOK
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("sqlsage-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.sqlsage, "sqlsage", "", "the sqlsage binary (default: go build ./cmd/sqlsage into the temporary folder)")
	fs.StringVar(&cfg.peersDir, "peers", "", "npm --prefix folder holding squawk-cli and @postgrestools/postgrestools")
	fs.IntVar(&cfg.runs, "runs", 5, "timed check runs per tool and file (after one warm-up run)")
	fs.IntVar(&cfg.keys, "keys", 50, "keystrokes timed per language server")
	checkSizes := fs.String("check-sizes", "200KB,1.6MB", "file sizes for check")
	lspSizes := fs.String("lsp-sizes", "200KB", "file sizes for the keystroke measurement")
	fs.DurationVar(&cfg.editTimeout, "timeout", 10*time.Second, "how long a server may take to publish diagnostics for one edit before it counts as a timeout")
	fs.DurationVar(&cfg.checkTimout, "check-timeout", 5*time.Minute, "how long one check run may take")
	report := fs.String("report", "json", "check's report: json (every tool writes every finding as JSON) or default (each tool's terminal report; postgrestools shows 20 findings at most)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary folder with the generated files")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	switch *report {
	case "json":
		cfg.report = reportJSON
	case "default":
		cfg.report = reportDefault
	default:
		return cfg, fmt.Errorf("--report %q: want json or default", *report)
	}
	if cfg.runs < 1 || cfg.keys < 1 {
		return cfg, errors.New("--runs and --keys must be at least 1")
	}
	var err error
	if cfg.checkSizes, err = parseSizes(*checkSizes); err != nil {
		return cfg, fmt.Errorf("--check-sizes: %w", err)
	}
	if cfg.lspSizes, err = parseSizes(*lspSizes); err != nil {
		return cfg, fmt.Errorf("--lsp-sizes: %w", err)
	}
	return cfg, nil
}

// parseSizes reads a comma-separated list such as "200KB,1.6MB"; an empty
// list is allowed and skips that measurement.
func parseSizes(s string) ([]size, error) {
	var sizes []size
	for f := range strings.SplitSeq(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		unit := 0
		switch {
		case strings.HasSuffix(f, "KB"):
			unit = 1 << 10
		case strings.HasSuffix(f, "MB"):
			unit = 1000 << 10
		default:
			return nil, fmt.Errorf("size %q: want a number followed by KB or MB", f)
		}
		n, err := strconv.ParseFloat(f[:len(f)-2], 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("size %q: want a positive number followed by KB or MB", f)
		}
		sizes = append(sizes, size{f, int(n * float64(unit))})
	}
	return sizes, nil
}

// bench generates the files, finds the tools, measures and prints.
func bench(ctx context.Context, cfg config, stdout, stderr io.Writer, lookPath func(string) (string, error)) error {
	tmp, err := os.MkdirTemp("", "sqlsage-bench-")
	if err != nil {
		return fmt.Errorf("creating a temporary folder: %w", err)
	}
	if cfg.keep {
		fmt.Fprintf(stderr, "sqlsage-bench: keeping %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	// Tools run in the generated files' folders: make paths absolute.
	bin := cfg.sqlsage
	if bin == "" {
		fmt.Fprintln(stderr, "sqlsage-bench: building sqlsage")
		if bin, err = buildSqlsage(ctx, tmp); err != nil {
			return err
		}
	} else if bin, err = absPath(bin); err != nil {
		return err
	}
	if cfg.peersDir != "" {
		if cfg.peersDir, err = filepath.Abs(cfg.peersDir); err != nil {
			return fmt.Errorf("--peers: %w", err)
		}
	}
	sage := sqlsageTool(bin, sqlsageDebounce)
	if sage.version, err = sqlsageVersion(ctx, bin); err != nil {
		return err
	}
	tools := []tool{sage}
	f := finder{prefix: cfg.peersDir, lookPath: lookPath}
	for _, p := range peers {
		tools = append(tools, f.find(ctx, p))
	}

	files := map[string]string{} // size name → generated file
	var names []string
	for _, s := range append(append([]size(nil), cfg.checkSizes...), cfg.lspSizes...) {
		if files[s.name] == "" {
			if files[s.name], err = writeBenchFile(tmp, s); err != nil {
				return err
			}
			names = append(names, s.name)
		}
	}

	tb := &table{}
	header(stdout, cfg, tools, names, files)
	env := toolEnv(filepath.Join(tmp, "cache"))
	for _, s := range cfg.checkSizes {
		m := "check " + s.name
		for _, t := range tools {
			if t.path == "" {
				tb.skip(t.name, m, notInstalled)
				continue
			}
			fmt.Fprintf(stderr, "sqlsage-bench: %s %s\n", t.name, m)
			r, err := measureCheck(ctx, t, files[s.name], cfg.report, cfg.runs, env, cfg.checkTimout)
			if err != nil {
				if t.name == sage.name {
					return err
				}
				tb.skip(t.name, m, "failed: "+err.Error())
				continue
			}
			tb.addCheck(t.name, m, r)
		}
	}
	opt := keystrokeOptions{keys: cfg.keys, editTimeout: cfg.editTimeout, openTimeout: 2 * time.Minute, env: env}
	for _, s := range cfg.lspSizes {
		m := "keystroke " + s.name
		for _, t := range tools {
			if t.path == "" {
				tb.skip(t.name, m, notInstalled)
				continue
			}
			fmt.Fprintf(stderr, "sqlsage-bench: %s %s\n", t.name, m)
			r, err := measureKeystrokes(ctx, t, files[s.name], opt)
			if err == nil && len(r.latencies) == 0 {
				err = fmt.Errorf("%s: no edit answered within %v", t.name, cfg.editTimeout)
			}
			if err != nil {
				if t.name == sage.name {
					return err
				}
				tb.skip(t.name, m, "failed: "+err.Error())
				continue
			}
			tb.addKeystroke(t.name, m, r, t.debounce)
			if t.name == sage.name {
				// The same server without its debounce, for the figure
				// the targets are set in; not a ratio baseline.
				r, err := measureKeystrokes(ctx, sqlsageTool(bin, 0), files[s.name], opt)
				if err != nil {
					return err
				}
				tb.addKeystroke("sqlsage --debounce 0", m, r, 0)
			}
		}
	}
	tb.write(stdout)
	if len(cfg.lspSizes) > 0 {
		fmt.Fprintf(stdout, "\ndebounce %s included in sqlsage's keystroke figures (sqlsage serve --debounce %v, the default); the --debounce 0 row has none\n",
			formatMillis(sqlsageDebounce), sqlsageDebounce)
	}
	return nil
}

// absPath makes a command path absolute; a bare name is looked up on PATH.
func absPath(path string) (string, error) {
	if !strings.ContainsRune(path, filepath.Separator) {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("--sqlsage: %w", err)
		}
		path = p
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("--sqlsage: %w", err)
	}
	return p, nil
}

// sqlsageVersion runs sqlsage version.
func sqlsageVersion(ctx context.Context, bin string) (string, error) {
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", bin, err)
	}
	// "sqlsage v0.1.0-dev (grammar: …)"
	if f := strings.Fields(string(out)); len(f) > 1 {
		return f[1], nil
	}
	return strings.TrimSpace(string(out)), nil
}

// writeBenchFile writes the generated file of size s into its own folder
// (so that a language server's workspace holds that one file) and returns
// its path. The folder also gets a postgrestools configuration that lifts
// its 1 MiB file-size limit.
func writeBenchFile(tmp string, s size) (string, error) {
	dir := filepath.Join(tmp, s.name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating %s: %w", dir, err)
	}
	conf := `{"files": {"maxSize": 1073741824}}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "postgres-language-server.jsonc"), []byte(conf), 0o644); err != nil {
		return "", fmt.Errorf("writing the postgrestools configuration: %w", err)
	}
	path := filepath.Join(dir, "bench.sql")
	if err := os.WriteFile(path, []byte(benchdata.Schema(s.bytes)), 0o644); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}

// header prints what is measured, on what.
func header(w io.Writer, cfg config, tools []tool, names []string, files map[string]string) {
	report := "every finding reported as JSON"
	if cfg.report == reportDefault {
		report = "each tool's default report"
	}
	fmt.Fprintf(w, "sqlsage-bench: %s/%s, %d CPUs; check: %d timed runs after a warm-up, %s",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cfg.runs, report)
	if len(cfg.lspSizes) > 0 {
		fmt.Fprintf(w, "; keystrokes: %d per server, timeout %v", cfg.keys, cfg.editTimeout)
	}
	fmt.Fprintln(w)
	for _, name := range names {
		if data, err := os.ReadFile(files[name]); err == nil {
			fmt.Fprintf(w, "  file %-7s %d bytes, %d statements (diagnostics/benchdata)\n",
				name, len(data), strings.Count(string(data), ";\n"))
		}
	}
	for _, t := range tools {
		if t.path == "" {
			fmt.Fprintf(w, "  %-14s %s\n", t.name, notInstalled)
			continue
		}
		fmt.Fprintf(w, "  %-14s %s (%s)\n", t.name, t.version, t.path)
	}
	fmt.Fprintln(w)
}
