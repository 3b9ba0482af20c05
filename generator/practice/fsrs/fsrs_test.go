package fsrs

import (
	"math"
	"testing"
)

// The published values below come from the test suites of the FSRS
// authors' own implementations, with FSRS-6's default parameters:
//
//   - fsrs-rs, src/model_v6.rs (commit 48b7d2f6): test_power_forgetting_curve,
//     test_forward, test_next_difficulty, test_next_stability and
//     test_next_interval_scalar_is_fractional. fsrs-rs computes in float32,
//     so its values are compared to a relative 1e-5.
//   - fsrs-rs, src/inference.rs: test_memory_state, with the same-day
//     step of w17 to w19 and without it (ts-fsrs's FSRS-6.test.ts has
//     the same two memories, and the first-review memories of TestInit).
//   - py-fsrs, tests/test_basic.py of its FSRS-6 releases: test_memo_state
//     and test_review_card (the intervals of thirteen reviews, fuzz off).

// near reports whether got is within a relative tol of want.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestDefaultParameters(t *testing.T) {
	want := [21]float64{
		0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
		0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
		0.1542,
	}
	if Default != Params(want) {
		t.Errorf("Default = %v, want FSRS-6's %v", Default, want)
	}
}

func TestRetrievability(t *testing.T) {
	// fsrs-rs test_power_forgetting_curve.
	elapsed := []float64{0, 1, 2, 3, 4, 5}
	stability := []float64{1, 2, 3, 4, 4, 2}
	want := []float64{1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359}
	for i := range elapsed {
		if got := Default.Retrievability(elapsed[i], stability[i]); !near(got, want[i], 1e-5) {
			t.Errorf("R(t=%v, S=%v) = %.7f, want %.7f", elapsed[i], stability[i], got, want[i])
		}
	}
	// By definition, recall is 90 % when as many days have passed as the
	// stability says.
	for _, s := range []float64{0.5, 3, 40, 1000} {
		if got := Default.Retrievability(s, s); !near(got, 0.9, 1e-12) {
			t.Errorf("R(S, S=%v) = %v, want 0.9", s, got)
		}
	}
}

func TestInit(t *testing.T) {
	// ts-fsrs (FSRS-6.test.ts): the memory of a new card after its first
	// review with each grade.
	wantS := []float64{0.212, 1.2931, 2.3065, 8.2956}
	wantD := []float64{6.4133, 5.11217071, 2.11810397, 1.0}
	for i, g := range []Grade{Again, Hard, Good, Easy} {
		if s := Default.Init(g); !near(s.Stability, wantS[i], 1e-8) || !near(s.Difficulty, wantD[i], 1e-7) {
			t.Errorf("Init(%v) = %+v, want S %v D %v", g, s, wantS[i], wantD[i])
		}
	}
}

func TestFirstAndSecondReview(t *testing.T) {
	// fsrs-rs test_forward: a first review with each grade, then the same
	// grade again one day later (two days for the last two).
	grades := []Grade{Again, Hard, Good, Easy, Again, Hard}
	elapsed := []int{1, 1, 1, 1, 2, 2}
	wantS := []float64{0.10088589, 3.2494123, 7.3153, 18.014914, 0.112798266, 4.4694576}
	wantD := []float64{8.806304, 6.7404594, 2.1112142, 1.0, 8.806304, 6.7404594}
	for i, g := range grades {
		s := Default.Next(Default.Init(g), elapsed[i], g)
		if !near(s.Stability, wantS[i], 1e-5) || !near(s.Difficulty, wantD[i], 1e-5) {
			t.Errorf("%v then %v after %d days = %+v, want S %v D %v", g, g, elapsed[i], s, wantS[i], wantD[i])
		}
	}
}

func TestNextDifficulty(t *testing.T) {
	// fsrs-rs test_next_difficulty: from difficulty 5, before and after
	// the mean reversion.
	damped := []float64{8.354889, 6.6774445, 5.0, 3.3225555}
	want := []float64{8.341763, 6.6659956, 4.990228, 3.3144615}
	for i, g := range []Grade{Again, Hard, Good, Easy} {
		if got := Default.damped(5, g); !near(got, damped[i], 1e-5) {
			t.Errorf("damped(5, %v) = %v, want %v", g, got, damped[i])
		}
		if got := Default.nextDifficulty(5, g); !near(got, want[i], 1e-5) {
			t.Errorf("nextDifficulty(5, %v) = %v, want %v", g, got, want[i])
		}
	}
}

func TestNextStability(t *testing.T) {
	// fsrs-rs test_next_stability: stability 5, difficulty 1 to 4 and
	// recall 0.9 to 0.6 with grades Again to Easy.
	recall := []float64{25.602541, 28.226582, 58.656002, 127.226685}
	forget := []float64{1.0525396, 1.1894329, 1.3680838, 1.584989}
	short := []float64{1.596818, 5.0, 5.0, 8.12961}
	for i, g := range []Grade{Again, Hard, Good, Easy} {
		d, r := float64(i+1), 0.9-0.1*float64(i)
		if got := Default.recallStability(d, 5, r, g); !near(got, recall[i], 1e-5) {
			t.Errorf("recallStability(D %v, R %v, %v) = %v, want %v", d, r, g, got, recall[i])
		}
		if got := Default.forgetStability(d, 5, r); !near(got, forget[i], 1e-5) {
			t.Errorf("forgetStability(D %v, R %v) = %v, want %v", d, r, got, forget[i])
		}
		if got := Default.shortTermStability(5, g); !near(got, short[i], 1e-5) {
			t.Errorf("shortTermStability(5, %v) = %v, want %v", g, got, short[i])
		}
	}
}

func TestIntervalAtDefaultRetention(t *testing.T) {
	// fsrs-rs test_next_interval_scalar_is_fractional: at 90 % the
	// interval is the stability itself; the page keeps whole days.
	if got := Default.Days(121.01552, 0.9); !near(got, 121.01551, 1e-6) {
		t.Errorf("Days(121.01552, 0.9) = %v", got)
	}
	if got := Default.Interval(121.01552, 0.9); got != 121 {
		t.Errorf("Interval(121.01552, 0.9) = %d, want 121", got)
	}
}

func TestMemoryStateOfAHistory(t *testing.T) {
	// py-fsrs test_memo_state: Again, Good the same day, then Good after
	// 1, 3, 8 and 21 days (py-fsrs asserts to an absolute 1e-4).
	reviews := []Review{{Again, 0}, {Good, 0}, {Good, 1}, {Good, 3}, {Good, 8}, {Good, 21}}
	s := Default.Replay(reviews)
	if math.Abs(s.Stability-53.62691) > 1e-4 || math.Abs(s.Difficulty-6.3574867) > 1e-4 {
		t.Errorf("memory = %+v, want S 53.62691 D 6.3574867", s)
	}
}

func TestMemoryStateWithoutSameDayStep(t *testing.T) {
	// fsrs-rs test_memory_state (src/inference.rs) with w17 to w19 at 0:
	// the same history, its same-day review then leaving the stability as
	// it is, gives the long-term formulas' memory alone.
	w := Default
	w[17], w[18], w[19] = 0, 0, 0
	reviews := []Review{{Again, 0}, {Good, 0}, {Good, 1}, {Good, 3}, {Good, 8}, {Good, 21}}
	if s := w.Replay(reviews); !near(s.Stability, 53.335106, 1e-5) || !near(s.Difficulty, 6.3574867, 1e-5) {
		t.Errorf("memory = %+v, want S 53.335106 D 6.3574867", s)
	}
}

func TestIntervalsOfAHistory(t *testing.T) {
	// py-fsrs test_review_card with fuzz off: each review when the card
	// is due. A learning step of py-fsrs (10 minutes after the first Good
	// and after each Again) is an interval of 0 days, so the review after
	// it is a same-day review.
	grades := []Grade{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	want := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
	var s State
	elapsed := 0
	for i, g := range grades {
		if i == 0 {
			s = Default.Init(g)
		} else {
			s = Default.Next(s, elapsed, g)
		}
		// The first review and each Again wait a learning step of
		// minutes; every other review waits whole days.
		got := 0
		if !(i == 0 || g == Again) {
			got = Default.Interval(s.Stability, 0.9)
		}
		if got != want[i] {
			t.Errorf("review %d (%v): interval %d, want %d (state %+v)", i+1, g, got, want[i], s)
		}
		elapsed = got
	}
}

func TestFromSM2(t *testing.T) {
	// At 90 % retention the stability is the SM-2 interval, and the
	// difficulty is the one that makes a Good review at 90 % recall grow
	// the stability by the ease factor, as SM-2 grows the interval.
	for _, c := range []struct{ ease, interval float64 }{{2.5, 6}, {1.3, 15}, {2.8, 40}, {2.5, 1}} {
		s := Default.FromSM2(c.ease, c.interval, 0.9)
		if !near(s.Stability, c.interval, 1e-12) {
			t.Errorf("FromSM2(%v, %v): stability %v", c.ease, c.interval, s.Stability)
		}
		if s.Difficulty == MinDifficulty || s.Difficulty == MaxDifficulty {
			continue
		}
		if got := Default.recallStability(s.Difficulty, s.Stability, 0.9, Good) / s.Stability; !near(got, c.ease, 1e-9) {
			t.Errorf("FromSM2(%v, %v): growth at 90 %% = %v, want the ease", c.ease, c.interval, got)
		}
	}
	if s := Default.FromSM2(1.3, 1, 0.9); s.Difficulty < MinDifficulty || s.Difficulty > MaxDifficulty {
		t.Errorf("FromSM2(1.3, 1): difficulty %v out of range", s.Difficulty)
	}
}

func TestIntervalLimits(t *testing.T) {
	for _, c := range []struct {
		stability, retention float64
		want                 int
	}{
		{0.001, 0.9, 1},
		{0.212, 0.9, 1},
		{2.3065, 0.9, 2},
		{2.3065, 0.8, 8},
		{2.3065, 0.95, 1},
		{36500, 0.7, MaxInterval},
	} {
		if got := Default.Interval(c.stability, c.retention); got != c.want {
			t.Errorf("Interval(%v, %v) = %d, want %d", c.stability, c.retention, got, c.want)
		}
	}
}
