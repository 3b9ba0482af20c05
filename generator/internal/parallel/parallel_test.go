package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, tc := range []struct{ workers, n int }{{0, 0}, {0, 1}, {1, 10}, {3, 100}, {0, 1000}, {8, 3}} {
		calls := make([]atomic.Int32, tc.n)
		Each(tc.workers, tc.n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("workers %d, n %d: fn(%d) called %d times", tc.workers, tc.n, i, c)
			}
		}
	}
}

func TestForStopsAtTheFirstError(t *testing.T) {
	// On one CPU no other call can run while the failing one returns
	// and For takes note, so no call after it may start at all; on more,
	// how many start in that moment is up to the scheduler.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	boom := errors.New("boom")
	var after atomic.Int32
	err := For(context.Background(), 10000, func(i int) error {
		if i == 10 {
			return boom
		}
		if i > 10 {
			after.Add(1)
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("For = %v, want boom", err)
	}
	if after.Load() > 0 {
		t.Errorf("%d calls started after the error", after.Load())
	}
	if err := For(context.Background(), 100, func(int) error { return nil }); err != nil {
		t.Errorf("For = %v, want nil", err)
	}
}

func TestForEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := For(ctx, 10000, func(i int) error {
		calls.Add(1)
		// The first call ends the context; a call started beside it
		// waits for that, so that none can finish the work first
		// while the first is kept off the CPU.
		if i == 0 {
			cancel()
		} else {
			<-ctx.Done()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("For = %v, want context.Canceled", err)
	}
	// Only the calls already started when the context ended: one a
	// worker.
	if n := int(calls.Load()); n > runtime.GOMAXPROCS(0) {
		t.Errorf("%d calls, want at most one a worker (%d)", n, runtime.GOMAXPROCS(0))
	}
}
