package server_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
)

// BenchmarkInitialize measures a real `sqlsage serve` process from its
// start to its answer to initialize (the editor waits on it before
// anything else), one fresh process per iteration.
func BenchmarkInitialize(b *testing.B) {
	bin := buildBinary(b)
	var total time.Duration
	for range b.N {
		start := time.Now()
		p := startProcess(b, bin)
		p.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}})
		total += time.Since(start)
		p.call("shutdown", nil)
		p.notify("exit", nil)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/initialize")
}

// BenchmarkMemoryOverEdits opens the 1.6 MB benchmark file in a real
// `sqlsage serve` and makes 10,000 edits (typing a name in a CREATE
// TABLE and deleting it again, waiting for the diagnostics after every
// tenth edit), reading the process's resident memory (VmRSS) along the
// way: it must stay under 150 MB and not grow. The series is logged;
// the start and end are reported as metrics. Run it with
// `make bench-memory` (about a minute); it runs once whatever b.N is.
func BenchmarkMemoryOverEdits(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc to read resident memory")
	}
	bin := buildBinary(b)
	p := startProcess(b, bin)
	p.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}})
	p.notify("initialized", map[string]any{})
	const uri = "file:///bench/schema.sql"
	text := benchdata.Schema(1600 << 10)
	p.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "sql", "version": 1, "text": text}})
	p.awaitDiagnostics(uri, 1)
	pid := p.cmd.Process.Pid
	line := strings.Count(text[:len(text)/2], "\n")
	for lines := strings.Split(text, "\n"); !strings.HasPrefix(lines[line], "  name text"); line++ {
	}
	const edits = 10000
	var series []string
	var first, peak, last int
	col := len("  name")
	for i := 1; i <= edits; i++ {
		version := i + 1
		// Type up to nine characters after "name", then delete them.
		var change map[string]any
		if typed := (i - 1) % 18; typed < 9 {
			at := map[string]any{"line": line, "character": col + typed}
			change = map[string]any{"range": map[string]any{"start": at, "end": at}, "text": "x"}
		} else {
			start := map[string]any{"line": line, "character": col + 17 - typed}
			end := map[string]any{"line": line, "character": col + 18 - typed}
			change = map[string]any{"range": map[string]any{"start": start, "end": end}, "text": ""}
		}
		p.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{change},
		})
		if i%10 == 0 {
			p.awaitDiagnostics(uri, version)
			p.seen = p.seen[:0] // earlier versions' publications: not needed
		}
		if i%1000 == 0 {
			rss := residentMB(b, pid)
			if first == 0 {
				first = rss
			}
			peak, last = max(peak, rss), rss
			series = append(series, fmt.Sprintf("%d:%dMB", i, rss))
		}
	}
	b.Logf("resident memory after N edits: %s", strings.Join(series, " "))
	b.ReportMetric(float64(first), "MB-after-1k-edits")
	b.ReportMetric(float64(last), "MB-after-10k-edits")
	b.ReportMetric(float64(peak), "MB-peak")
	if peak > 150 {
		b.Errorf("resident memory peaked at %d MB; the target is 150 MB", peak)
	}
	if last > first+first/10 {
		b.Errorf("resident memory grew from %d MB (1,000 edits) to %d MB (10,000 edits)", first, last)
	}
}

// residentMB returns the resident memory of process pid in megabytes.
func residentMB(b *testing.B, pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for l := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS in /proc status")
	return 0
}
