package parallel

import (
	"context"
	"errors"
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
	boom := errors.New("boom")
	var after atomic.Int32
	err := For(context.Background(), 10000, func(i int) error {
		if i == 10 {
			return boom
		}
		if i > 5000 {
			after.Add(1)
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("For = %v, want boom", err)
	}
	if after.Load() > 0 {
		t.Errorf("%d calls ran long after the error", after.Load())
	}
	if err := For(context.Background(), 100, func(int) error { return nil }); err != nil {
		t.Errorf("For = %v, want nil", err)
	}
}

func TestForEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	err := For(ctx, 10000, func(i int) error {
		if calls.Add(1) == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("For = %v, want context.Canceled", err)
	}
	if calls.Load() > 100 {
		t.Errorf("%d calls after the context ended", calls.Load())
	}
}
