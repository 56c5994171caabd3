package server

import (
	"context"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestScheduler checks, on synctest's fake clock, that rescheduling a
// document drops its pending analysis and cancels its running one, that
// documents do not disturb each other, and that stop cancels and waits.
func TestScheduler(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var (
			mu      sync.Mutex
			started []string                       // URIs in the order their analyses started
			running = map[string]context.Context{} // the latest running analysis of each URI
		)
		sc := newScheduler(context.Background(), func(ctx context.Context, uri string) {
			mu.Lock()
			started = append(started, uri)
			running[uri] = ctx
			mu.Unlock()
			<-ctx.Done() // an analysis that only ends when cancelled
		})
		const d = 10 * time.Millisecond

		// A burst: each call drops the pending analysis; one runs, d after the last.
		start := time.Now()
		for range 5 {
			sc.schedule("a", d)
			time.Sleep(d / 2)
		}
		synctest.Wait()
		mu.Lock()
		if len(started) != 0 {
			t.Errorf("analyses started during the burst: %v", started)
		}
		mu.Unlock()
		time.Sleep(d / 2)
		synctest.Wait()
		mu.Lock()
		if !slices.Equal(started, []string{"a"}) {
			t.Fatalf("started %v after the burst, want [a]", started)
		}
		if got, want := time.Since(start), 5*d/2+d/2; got != want {
			t.Errorf("the analysis started %v after the burst began, want %v", got, want)
		}
		firstA := running["a"]
		mu.Unlock()

		// Another document runs beside it.
		sc.schedule("b", 0)
		synctest.Wait()
		if firstA.Err() != nil {
			t.Error("scheduling b cancelled a's analysis")
		}

		// Rescheduling a cancels its running analysis at once.
		sc.schedule("a", d)
		synctest.Wait()
		if firstA.Err() == nil {
			t.Error("rescheduling a left its running analysis uncancelled")
		}
		time.Sleep(d)
		synctest.Wait()
		mu.Lock()
		if !slices.Equal(started, []string{"a", "b", "a"}) {
			t.Errorf("started %v, want [a b a]", started)
		}
		secondA, b := running["a"], running["b"]
		mu.Unlock()

		// stop cancels everything, waits, and refuses new work.
		sc.stop()
		if secondA.Err() == nil || b.Err() == nil {
			t.Error("stop left analyses running")
		}
		sc.schedule("c", 0)
		synctest.Wait()
		mu.Lock()
		if slices.Contains(started, "c") {
			t.Error("an analysis started after stop")
		}
		mu.Unlock()
	})
}
