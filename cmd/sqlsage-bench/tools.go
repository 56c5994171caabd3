package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// notInstalled is what the table says for a peer that was not found.
const notInstalled = "skipped (not installed)"

// sqlsageDebounce is the quiet period sqlsage serve waits after an edit
// before analysing (server.DefaultDebounce; a test keeps them equal). The
// benchmark passes it explicitly, so that the figure it prints as
// included is the one the server used.
const sqlsageDebounce = 30 * time.Millisecond

// A tool is one linter and language server under measurement.
type tool struct {
	name    string
	path    string // the executable; "" when not installed
	version string
	// check returns the arguments that lint file (a name in the working
	// directory) and write the report in the given style.
	check func(file string, style reportStyle) []string
	// serve is the arguments that run the language server over stdio.
	serve []string
	// debounce is the delay the server adds to every edit, which the
	// keystroke figures include; zero when it has none we know of.
	debounce time.Duration
	// exitOK reports whether an exit status means the run worked (linters
	// exit non-zero when they find something).
	exitOK func(code int) bool
}

// findingsOK accepts 0 (nothing found) and 1 (findings).
func findingsOK(code int) bool { return code == 0 || code == 1 }

// sqlsageTool is sqlsage at path.
func sqlsageTool(path string, debounce time.Duration) tool {
	return tool{
		name: "sqlsage",
		path: path,
		check: func(file string, style reportStyle) []string {
			if style == reportDefault {
				return []string{"check", file}
			}
			return []string{"check", "--format", "json", file}
		},
		serve:    []string{"serve", "--debounce", debounce.String()},
		debounce: debounce,
		exitOK:   findingsOK,
	}
}

// A reportStyle is how check reports what it found.
type reportStyle int

const (
	// reportJSON has every tool write every finding as JSON, as CI
	// integrations read it: like for like.
	reportJSON reportStyle = iota
	// reportDefault is each tool's default terminal report.
	reportDefault
)

// A peer describes how to find and run another tool of the same kind.
type peer struct {
	name string
	// native are globs, under an npm prefix, of the platform binary the
	// npm package's Node.js launcher would start; running it directly
	// keeps Node's start-up out of the figures.
	native []string
	// bin is the launcher npm links into node_modules/.bin and the name
	// looked up on PATH.
	bin   string
	check func(file string, style reportStyle) []string
	serve []string
}

// peers are the tools compared with sqlsage.
var peers = []peer{
	{
		name:   "squawk",
		native: []string{"node_modules/@squawk-cli/*/bin/squawk"},
		bin:    "squawk",
		check: func(file string, style reportStyle) []string {
			if style == reportDefault {
				return []string{file}
			}
			return []string{"--reporter", "json", file}
		},
		serve: []string{"server"},
	},
	{
		name:   "postgrestools",
		native: []string{"node_modules/@postgrestools/cli-*/postgrestools"},
		bin:    "postgrestools",
		// postgrestools skips files over 1 MiB unless told otherwise, and
		// would try a database if the environment named one. Its default
		// report shows 20 findings at most.
		check: func(file string, style reportStyle) []string {
			args := []string{"check", "--disable-db", "--files-max-size=1073741824"}
			if style == reportJSON {
				args = append(args, "--reporter=json", "--max-diagnostics=none")
			}
			return append(args, file)
		},
		serve: []string{"lsp-proxy"},
	},
}

// A finder locates peers: first under an npm prefix, then on PATH.
type finder struct {
	prefix   string // an npm --prefix folder; "" for none
	lookPath func(string) (string, error)
}

// find returns p as a tool; its path is "" when p is not installed (or
// none of the candidates runs here).
func (f finder) find(ctx context.Context, p peer) tool {
	t := tool{name: p.name, check: p.check, serve: p.serve, exitOK: findingsOK}
	var candidates []string
	if f.prefix != "" {
		for _, pattern := range p.native {
			matches, _ := filepath.Glob(filepath.Join(f.prefix, pattern))
			candidates = append(candidates, matches...)
		}
		candidates = append(candidates, filepath.Join(f.prefix, "node_modules", ".bin", p.bin))
	}
	if f.lookPath != nil {
		if path, err := f.lookPath(p.bin); err == nil {
			candidates = append(candidates, path)
		}
	}
	for _, c := range candidates {
		if v, err := toolVersion(ctx, c); err == nil {
			t.path, t.version = c, v
			break
		}
	}
	return t
}

// toolVersion runs path --version: it proves the binary runs on this
// machine and names the version measured.
func toolVersion(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "", fmt.Errorf("%s --version: %w", path, err)
	}
	for line := range strings.SplitSeq(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			return f[len(f)-1], nil
		}
	}
	return "", errors.New(path + " --version printed nothing")
}

// buildSqlsage builds the sqlsage command of this module into dir.
func buildSqlsage(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "sqlsage")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/sqlsage/sqlsage/cmd/sqlsage")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/sqlsage (or pass --sqlsage): %w\n%s", err, out)
	}
	return bin, nil
}

// toolEnv is the environment every measured tool runs in: the current
// one without the PostgreSQL connection variables, so that no tool
// reaches for a database (sqlsage does not either), and with its own
// cache folder, so that postgrestools starts its own daemon (whose socket
// and logs live there) rather than joining one already running.
func toolEnv(cacheDir string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "PG") || name == "DATABASE_URL" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "XDG_CACHE_HOME="+cacheDir)
}
