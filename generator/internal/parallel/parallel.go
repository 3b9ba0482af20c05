// Package parallel runs independent calls on every CPU. Each call writes
// only its own slot of a result, so what a caller makes of the results
// never depends on timing.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i in [0, n) on the given number of
// goroutines (GOMAXPROCS when workers < 1), each taking the next index
// when it is done with one.
func Each(workers, n int, fn func(i int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// For calls fn(i) for every i in [0, n) on every CPU. The first error fn
// returns, or the end of ctx, leaves the calls not yet started undone,
// and is returned.
func For(ctx context.Context, n int, fn func(i int) error) error {
	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	Each(0, n, func(i int) {
		// The parent is asked too: a context wakes what waits on it
		// before it ends the contexts made from it, so for a moment
		// ctx may not know yet.
		if parent.Err() != nil || ctx.Err() != nil {
			return
		}
		if err := fn(i); err != nil {
			cancel(err)
		}
	})
	if err := parent.Err(); err != nil && ctx.Err() == nil {
		return context.Cause(parent)
	}
	return context.Cause(ctx)
}
