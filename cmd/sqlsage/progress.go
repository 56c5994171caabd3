package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressThreshold is the number of files from which check shows its
// progress on a terminal.
const progressThreshold = 300

// A progress shows "checked N/M files" on stderr while a large check
// runs, only when stderr is a terminal; elsewhere it does nothing.
type progress struct {
	w     io.Writer
	total int

	mu   sync.Mutex // guards the fields below
	n    int
	last time.Time
}

// newProgress returns a progress for total files written to w, or nil
// (which does nothing) when w is not a terminal or the run is small.
func newProgress(w io.Writer, total int, terminal bool) *progress {
	if total < progressThreshold || !terminal {
		return nil
	}
	return &progress{w: w, total: total}
}

// step records one more file checked, redrawing at most every 100 ms.
func (p *progress) step() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || p.n == p.total {
		p.last = now
		fmt.Fprintf(p.w, "\rsqlsage: checked %d/%d files", p.n, p.total)
	}
}

// done clears the progress line.
func (p *progress) done() {
	if p == nil {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
}
