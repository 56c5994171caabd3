package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneBatchGC checks that check and fix turn the collector to a heap
// limit, and that GOGC or GOMEMLIMIT in the environment win.
func TestTuneBatchGC(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneBatchGC()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != -1 || l != batchMemoryLimit {
		t.Errorf("after tuneBatchGC: GC percent %d, limit %d; want -1 and %d", p, l, batchMemoryLimit)
	}
	debug.SetMemoryLimit(1 << 40)
	t.Setenv("GOGC", "200")
	tuneBatchGC()
	if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != 100 || l != 1<<40 {
		t.Errorf("with GOGC set: GC percent %d, limit %d; want them untouched (100, %d)", p, l, int64(1)<<40)
	}
}
