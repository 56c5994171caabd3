package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/server"
)

// buildSqlsageForTest builds the module's sqlsage command into a
// temporary folder.
func buildSqlsageForTest(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not found; cannot build sqlsage")
	}
	bin, err := buildSqlsage(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// notFound is a PATH lookup that finds nothing.
func notFound(name string) (string, error) { return "", errors.New(name + " not found") }

// TestAbsentPeersSkipped runs the whole command with no peer under
// --peers or on PATH: every peer measurement is listed as skipped, with
// the exact message, sqlsage is measured, and the command succeeds.
func TestAbsentPeersSkipped(t *testing.T) {
	t.Parallel()
	bin := buildSqlsageForTest(t)
	var stdout, stderr bytes.Buffer
	args := []string{"--sqlsage", bin, "--peers", t.TempDir(), "--check-sizes", "20KB", "--lsp-sizes", "20KB", "--runs", "1", "--keys", "3"}
	if code := run(context.Background(), args, &stdout, &stderr, notFound); code != exitOK {
		t.Fatalf("run = %d, want %d; stderr:\n%s", code, exitOK, stderr.String())
	}
	out := stdout.String()
	for _, name := range []string{"squawk", "postgrestools"} {
		for _, m := range []string{"check 20KB", "keystroke 20KB"} {
			if !hasRow(out, name, m, "skipped (not installed)") {
				t.Errorf("no row %q %q skipped (not installed) in:\n%s", name, m, out)
			}
		}
	}
	for _, m := range []string{"check 20KB", "keystroke 20KB"} {
		if !hasRow(out, "sqlsage", m, " ms") {
			t.Errorf("no sqlsage %q figures in:\n%s", m, out)
		}
	}
	if !strings.Contains(out, "debounce 30 ms included") {
		t.Errorf("the debounce is not said to be included:\n%s", out)
	}
}

// hasRow reports whether out has a line with the tool's name first, then
// the measurement, then text.
func hasRow(out, tool, measurement, text string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == tool {
			rest := strings.TrimSpace(strings.TrimPrefix(line, tool))
			if after, ok := strings.CutPrefix(rest, measurement); ok && strings.Contains(after, text) {
				return true
			}
		}
	}
	return false
}

// TestMeasureKeystrokes measures the real sqlsage serve on a small file:
// every edit is answered, with the diagnostics version it sent (the
// client only accepts that version), and the figures are plausible.
func TestMeasureKeystrokes(t *testing.T) {
	t.Parallel()
	bin := buildSqlsageForTest(t)
	file, err := writeBenchFile(t.TempDir(), size{"20KB", 20 << 10})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opt := keystrokeOptions{keys: 5, editTimeout: 20 * time.Second, openTimeout: time.Minute, env: toolEnv(t.TempDir())}
	r, err := measureKeystrokes(ctx, sqlsageTool(bin, sqlsageDebounce), file, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.latencies) != 5 || r.timeouts != 0 || r.sent != 5 {
		t.Fatalf("%d answered, %d timed out, %d sent; want 5, 0, 5", len(r.latencies), r.timeouts, r.sent)
	}
	if r.median() < sqlsageDebounce {
		t.Errorf("median %v is below the %v debounce it includes", r.median(), sqlsageDebounce)
	}
	if r.count == 0 || r.peakKB == 0 {
		t.Errorf("count %d, peak %d KiB; want both above zero", r.count, r.peakKB)
	}
}

func TestDebounceMatchesServer(t *testing.T) {
	if sqlsageDebounce != server.DefaultDebounce {
		t.Errorf("sqlsageDebounce = %v, server.DefaultDebounce = %v", sqlsageDebounce, server.DefaultDebounce)
	}
}

// TestFinder finds a peer's native binary under an npm prefix before its
// launcher and PATH, and passes over a candidate that does not run.
func TestFinder(t *testing.T) {
	t.Parallel()
	prefix := t.TempDir()
	script := func(path, version string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("#!/bin/sh\necho "+version+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	native := filepath.Join(prefix, "node_modules/@squawk-cli/linux-x64/bin/squawk")
	script(native, "squawk 9.9.9")
	script(filepath.Join(prefix, "node_modules/.bin/squawk"), "launcher 1.0.0")
	broken := filepath.Join(prefix, "node_modules/@postgrestools/cli-x86_64-linux-gnu/postgrestools")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, []byte("not a program"), 0o755); err != nil {
		t.Fatal(err)
	}
	f := finder{prefix: prefix, lookPath: notFound}
	ctx := context.Background()
	if got := f.find(ctx, peers[0]); got.path != native || got.version != "9.9.9" {
		t.Errorf("squawk: found %q version %q, want %q version 9.9.9", got.path, got.version, native)
	}
	if got := f.find(ctx, peers[1]); got.path != "" {
		t.Errorf("postgrestools: found %q, want nothing (the only candidate does not run)", got.path)
	}
}

func TestParseSizes(t *testing.T) {
	t.Parallel()
	got, err := parseSizes("200KB, 1.6MB,")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != (size{"200KB", 200 << 10}) || got[1] != (size{"1.6MB", 1600 << 10}) {
		t.Errorf("parseSizes = %v", got)
	}
	for _, bad := range []string{"200", "xKB", "-1MB"} {
		if _, err := parseSizes(bad); err == nil {
			t.Errorf("parseSizes(%q) succeeded", bad)
		}
	}
}

// TestTable checks the ratios and that a skipped row prints its reason
// without widening the columns of the rows with figures.
func TestTable(t *testing.T) {
	t.Parallel()
	var tb table
	tb.addCheck("sqlsage", "check 1.6MB", checkResult{walls: []time.Duration{90 * time.Millisecond, 100 * time.Millisecond, 110 * time.Millisecond}, peakKB: 100 << 10})
	tb.addCheck("squawk", "check 1.6MB", checkResult{walls: []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}, peakKB: 300 << 10})
	tb.skip("postgrestools", "check 1.6MB", notInstalled)
	var out bytes.Buffer
	tb.write(&out)
	want := `tool           measurement  median    p99/min      peak RSS  peer/sqlsage          notes
sqlsage        check 1.6MB  100.0 ms  min 90.0 ms  100 MiB
squawk         check 1.6MB  2.00 s    min 1.00 s   300 MiB   time 20.0×, RSS 3.0×
postgrestools  check 1.6MB  skipped (not installed)
`
	if out.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", out.String(), want)
	}
}
