package server

import (
	"context"
	"sync"
	"time"
)

// A scheduler runs one analysis per document at a time, debounced: asking
// for a document cancels its pending or running analysis and starts a new
// one after the given quiet period. A burst of edits therefore costs one
// analysis, and work for an old version is cancelled as soon as a new
// version exists.
type scheduler struct {
	ctx context.Context                       // parent of every analysis; cancelled when the connection ends
	run func(ctx context.Context, uri string) // the analysis; must return promptly once ctx is cancelled

	wg sync.WaitGroup // scheduled and running analyses

	mu      sync.Mutex      // guards the fields below
	jobs    map[string]*job // the latest analysis of each document
	stopped bool
}

// A job is one scheduled analysis.
type job struct {
	timer  *time.Timer
	cancel context.CancelFunc
}

func newScheduler(ctx context.Context, run func(ctx context.Context, uri string)) *scheduler {
	return &scheduler{ctx: ctx, run: run, jobs: make(map[string]*job)}
}

// schedule cancels the analysis of uri, if any, and runs a new one after delay.
func (sc *scheduler) schedule(uri string, delay time.Duration) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.stopped {
		return
	}
	sc.cancelLocked(uri)
	ctx, cancel := context.WithCancel(sc.ctx)
	j := &job{cancel: cancel}
	sc.jobs[uri] = j
	sc.wg.Add(1)
	j.timer = time.AfterFunc(delay, func() {
		defer sc.wg.Done()
		defer func() {
			sc.mu.Lock()
			if sc.jobs[uri] == j {
				delete(sc.jobs, uri)
			}
			sc.mu.Unlock()
			cancel()
		}()
		if ctx.Err() == nil {
			sc.run(ctx, uri)
		}
	})
}

// cancel cancels the pending or running analysis of uri.
func (sc *scheduler) cancel(uri string) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.cancelLocked(uri)
}

// cancelLocked cancels uri's job; sc.mu must be held.
func (sc *scheduler) cancelLocked(uri string) {
	j := sc.jobs[uri]
	if j == nil {
		return
	}
	delete(sc.jobs, uri)
	j.cancel()
	if j.timer.Stop() {
		sc.wg.Done() // the timer will never fire
	}
}

// stop cancels every analysis, refuses new ones and waits for those
// running to return.
func (sc *scheduler) stop() {
	sc.mu.Lock()
	sc.stopped = true
	for uri := range sc.jobs {
		sc.cancelLocked(uri)
	}
	sc.mu.Unlock()
	sc.wg.Wait()
}
