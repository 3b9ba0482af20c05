// Package fsrs is FSRS-6, the memory model the practice page schedules
// cards with, in Go: the reference the page's JavaScript
// (themes/crib/assets/js/practice/fsrs.js) is tested against, itself
// tested against the values published in the test suites of the FSRS
// authors' implementations (fsrs-rs and py-fsrs).
//
// It is written here rather than taken from a library because the page
// needs the same few formulas in JavaScript, line for line; a reference
// of the same shape makes every difference between the two a test
// failure. The formulas are those of fsrs-rs's FSRS-6 model
// (src/model_v6.rs): see https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm.
//
// A card's memory is its stability S (the days until the chance of
// recalling it falls to 90 %) and its difficulty D (1 to 10). A review
// the same day as the one before (0 whole days elapsed) changes S by the
// short-term formula (w17 to w19); a later one by the long-term formulas,
// which depend on the recall R predicted for that day.
package fsrs

import "math"

// Params are the 21 weights w0…w20 of FSRS-6.
type Params [21]float64

// Default are FSRS-6's published default parameters (fsrs-rs
// FSRS6_DEFAULT_PARAMETERS, py-fsrs DEFAULT_PARAMETERS).
var Default = Params{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
}

// Grade is the answer to a review: Again (forgotten), Hard, Good, Easy.
type Grade int

const (
	Again Grade = 1 + iota
	Hard
	Good
	Easy
)

func (g Grade) String() string {
	switch g {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return "Grade(?)"
}

// The bounds of the model, as fsrs-rs and py-fsrs keep them.
const (
	MinStability  = 0.001
	MaxStability  = 36500
	MinDifficulty = 1
	MaxDifficulty = 10
	MaxInterval   = 36500 // days
)

// State is a card's memory after a review.
type State struct {
	Stability  float64 // days until recall falls to 90 %
	Difficulty float64 // 1 (easiest) to 10
}

// Review is one review of a card: its grade, and the whole days since
// the review before (ignored for the first).
type Review struct {
	Grade   Grade
	Elapsed int
}

func (w *Params) decay() float64 { return -w[20] }

// factor makes Retrievability(S, S) = 0.9.
func (w *Params) factor() float64 { return math.Pow(0.9, 1/w.decay()) - 1 }

// Retrievability is the chance of recalling a card of the given
// stability the given days after its last review.
func (w *Params) Retrievability(days, stability float64) float64 {
	return math.Pow(1+w.factor()*days/stability, w.decay())
}

// Days is how many days after a review the chance of recall falls to
// retention.
func (w *Params) Days(stability, retention float64) float64 {
	return stability / w.factor() * (math.Pow(retention, 1/w.decay()) - 1)
}

// Interval is Days rounded to whole days, at least one and at most
// MaxInterval.
func (w *Params) Interval(stability, retention float64) int {
	return int(min(max(math.Round(w.Days(stability, retention)), 1), MaxInterval))
}

// Init is the memory of a new card after its first review.
func (w *Params) Init(g Grade) State {
	return State{clampS(w[g-1]), clampD(w.initDifficulty(g))}
}

// Next is the memory after a review of a card with memory s, elapsed
// whole days after the review before.
func (w *Params) Next(s State, elapsed int, g Grade) State {
	var next float64
	switch {
	case elapsed <= 0:
		next = w.shortTermStability(s.Stability, g)
	case g == Again:
		next = w.forgetStability(s.Difficulty, s.Stability, w.Retrievability(float64(elapsed), s.Stability))
	default:
		next = w.recallStability(s.Difficulty, s.Stability, w.Retrievability(float64(elapsed), s.Stability), g)
	}
	return State{clampS(next), w.nextDifficulty(s.Difficulty, g)}
}

// Replay is the memory after a card's reviews, from new.
func (w *Params) Replay(reviews []Review) State {
	var s State
	for i, r := range reviews {
		if i == 0 {
			s = w.Init(r.Grade)
		} else {
			s = w.Next(s, r.Elapsed, r.Grade)
		}
	}
	return s
}

// FromSM2 estimates the memory of a card that SM-2 scheduled with the
// given ease factor and interval (days), assuming SM-2 kept recall at
// retention, as fsrs-rs's memory_state_from_sm2 does: the stability is
// the one whose recall falls to retention after the interval, and the
// difficulty the one that makes a successful review at that recall grow
// the stability by the ease factor, as SM-2 grows the interval.
func (w *Params) FromSM2(ease, interval, retention float64) State {
	s := max(interval, MinStability) * w.factor() / (math.Pow(retention, 1/w.decay()) - 1)
	d := 11 - (ease-1)/(math.Exp(w[8])*math.Pow(s, -w[9])*math.Expm1((1-retention)*w[10]))
	return State{clampS(s), clampD(d)}
}

func (w *Params) initDifficulty(g Grade) float64 {
	return w[4] - math.Exp(w[5]*float64(g-1)) + 1
}

// damped moves difficulty by the grade, less the nearer it is to 10.
func (w *Params) damped(d float64, g Grade) float64 {
	delta := -w[6] * float64(g-3)
	return d + delta*(10-d)/9
}

// nextDifficulty is damped, pulled a little towards the difficulty of
// a first Easy (the mean reversion).
func (w *Params) nextDifficulty(d float64, g Grade) float64 {
	return clampD(w[7]*w.initDifficulty(Easy) + (1-w[7])*w.damped(d, g))
}

func (w *Params) recallStability(d, s, r float64, g Grade) float64 {
	bonus := 1.0
	switch g {
	case Hard:
		bonus = w[15]
	case Easy:
		bonus = w[16]
	}
	return s * (1 + math.Exp(w[8])*(11-d)*math.Pow(s, -w[9])*(math.Exp((1-r)*w[10])-1)*bonus)
}

// forgetStability never exceeds what a same-day Again would leave.
func (w *Params) forgetStability(d, s, r float64) float64 {
	long := w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp((1-r)*w[14])
	return min(long, s/math.Exp(w[17]*w[18]))
}

// shortTermStability: a same-day review that is not Again never lowers
// the stability (fsrs-rs and ts-fsrs; py-fsrs exempts Good and Easy
// only).
func (w *Params) shortTermStability(s float64, g Grade) float64 {
	inc := math.Exp(w[17]*(float64(g)-3+w[18])) * math.Pow(s, -w[19])
	if g >= Hard {
		inc = max(inc, 1)
	}
	return s * inc
}

func clampS(s float64) float64 { return min(max(s, MinStability), MaxStability) }
func clampD(d float64) float64 { return min(max(d, MinDifficulty), MaxDifficulty) }
