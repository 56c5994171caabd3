package server

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/sqlsage/sqlsage/diagnostics"
	"github.com/sqlsage/sqlsage/diagnostics/benchdata"
	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// BenchmarkKeystrokeToDiagnostics measures, through the whole server, the
// time from sending a one-character didChange to receiving the
// publishDiagnostics for that version (its arrival at the client), with every rule and the debounce
// turned off (the debounce, DefaultDebounce, adds to it as a fixed delay
// and is reported separately). It reports the median and 99th percentile
// as custom metrics, since the mean hides the tail.
func BenchmarkKeystrokeToDiagnostics(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"20KB", 20 << 10}, {"200KB", 200 << 10}, {"1.6MB", 1600 << 10}, {"8MB", 8 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			engine, err := diagnostics.NewEngine(rules.All)
			if err != nil {
				b.Fatal(err)
			}
			c := startServer(b, Options{Engine: engine, Debounce: -1})
			c.mu.Lock()
			c.light = true
			c.mu.Unlock()
			c.initialize("")
			text := benchdata.Schema(size.bytes)
			c.open(testDoc, 1, text)
			c.awaitVersion(testDoc, 1)
			// Type into a column name in the middle of the file.
			line := strings.Count(text[:len(text)/2], "\n")
			lines := strings.Split(text, "\n")
			for !strings.HasPrefix(lines[line], "  name text") {
				line++
			}
			col := uint32(len("  name"))
			latencies := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				version := int32(i + 2)
				at := protocol.Position{Line: uint32(line), Character: col}
				start := time.Now()
				c.change(testDoc, version, contentChange{Range: &protocol.Range{Start: at, End: at}, Text: "x"})
				pub := c.await(fmt.Sprintf("version %d", version), func(p protocol.PublishDiagnosticsParams) bool {
					return p.Version == uint32(version)
				})
				// Until the notification reached the client, not until
				// this test client has decoded it into Go values.
				latencies = append(latencies, pub.at.Sub(start))
				col++
			}
			b.StopTimer()
			sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
			b.ReportMetric(float64(latencies[len(latencies)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
			b.Logf("%s: n=%d median %v p99 %v (debounce %v not included)", size.name, len(latencies),
				latencies[len(latencies)/2], latencies[len(latencies)*99/100], DefaultDebounce)
		})
	}
}
