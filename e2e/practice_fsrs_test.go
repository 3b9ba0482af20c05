package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crib-notes/crib/generator/practice/fsrs"
	"github.com/crib-notes/crib/internal/browsertest"
)

const day = 864e5 // a day in milliseconds, the page's unit of time

// refReview is one review of a sequence, as the page's FSRS takes it.
type refReview struct {
	G int `json:"g"` // grade, 1 Again to 4 Easy
	T int `json:"t"` // whole days since the review before
}

// refStep is the memory after one review and what follows from it.
type refStep struct {
	S, D float64
	Days []float64 // days until recall falls to each retention
	Ivl  []int     // the same, in whole days as the page schedules
	R    []float64 // recall at each elapsed time
}

// referenceSequences are the review histories the page's FSRS is held to
// the Go reference on: the published ones of fsrs-rs and py-fsrs, and
// random ones with every grade, same-day reviews and long gaps.
func referenceSequences() [][]refReview {
	seqs := [][]refReview{
		{{1, 0}, {3, 0}, {3, 1}, {3, 3}, {3, 8}, {3, 21}},
		{{3, 0}, {3, 0}, {3, 2}, {3, 11}, {3, 46}, {3, 163}, {1, 498}, {1, 0}, {3, 0}, {3, 2}, {3, 4}, {3, 7}, {3, 12}},
		{{2, 0}, {2, 0}, {2, 0}, {4, 0}, {1, 0}},
		{{4, 0}, {4, 30}, {4, 400}, {4, 3000}, {4, 9000}},
	}
	rng := rand.New(rand.NewPCG(6, 21))
	gaps := []int{0, 0, 1, 2, 3, 5, 8, 13, 30, 60, 120, 365, 1000}
	for range 60 {
		seq := make([]refReview, 1+rng.IntN(25))
		for i := range seq {
			seq[i] = refReview{G: 1 + rng.IntN(4), T: gaps[rng.IntN(len(gaps))]}
		}
		seqs = append(seqs, seq)
	}
	return seqs
}

var (
	refRetentions = []float64{0.7, 0.8, 0.85, 0.9, 0.95, 0.99}
	refElapsed    = []float64{0, 1, 2, 7, 30, 365, 3650}
)

// goReference is what the Go reference computes for each sequence.
func goReference(seqs [][]refReview) [][]refStep {
	out := make([][]refStep, len(seqs))
	for i, seq := range seqs {
		var m fsrs.State
		for k, r := range seq {
			if k == 0 {
				m = fsrs.Default.Init(fsrs.Grade(r.G))
			} else {
				m = fsrs.Default.Next(m, r.T, fsrs.Grade(r.G))
			}
			st := refStep{S: m.Stability, D: m.Difficulty}
			for _, ret := range refRetentions {
				st.Days = append(st.Days, fsrs.Default.Days(m.Stability, ret))
				st.Ivl = append(st.Ivl, fsrs.Default.Interval(m.Stability, ret))
			}
			for _, t := range refElapsed {
				st.R = append(st.R, fsrs.Default.Retrievability(t, m.Stability))
			}
			out[i] = append(out[i], st)
		}
	}
	return out
}

// TestPracticeFSRSMatchesReference runs the page's FSRS (as the site
// serves it, minified) in Chromium on review sequences and holds every
// stability, difficulty, interval and recall to the Go reference within
// 1e-6, and the estimates from SM-2 too.
func TestPracticeFSRSMatchesReference(t *testing.T) {
	site := practiceSite(t)
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, `!!window.cribFSRS`)

	seqs := referenceSequences()
	in, _ := json.Marshal(map[string]any{"seqs": seqs, "retentions": refRetentions, "elapsed": refElapsed})
	got := browsertest.Eval[[][]refStep](p, fmt.Sprintf(`((ref) => ref.seqs.map(seq => {
		let m = null;
		return seq.map((r, i) => {
			m = i === 0 ? cribFSRS.init(r.g) : cribFSRS.next(m, r.t, r.g);
			return {S: m.s, D: m.d,
				Days: ref.retentions.map(x => cribFSRS.days(m.s, x)),
				Ivl: ref.retentions.map(x => cribFSRS.interval(m.s, x)),
				R: ref.elapsed.map(t => cribFSRS.retrievability(t, m.s))};
		});
	}))(%s)`, in))
	want := goReference(seqs)
	if len(got) != len(want) {
		t.Fatalf("%d sequences back, want %d", len(got), len(want))
	}
	const tol = 1e-6
	n, worst := 0, 0.0
	diff := func(a, b float64) float64 {
		worst = max(worst, math.Abs(a-b))
		return math.Abs(a - b)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("sequence %d: %d steps back, want %d", i, len(got[i]), len(want[i]))
		}
		for k, w := range want[i] {
			g := got[i][k]
			where := fmt.Sprintf("sequence %d %v, review %d", i, seqs[i][:k+1], k+1)
			if diff(g.S, w.S) > tol || diff(g.D, w.D) > tol {
				t.Errorf("%s: S %v D %v, want S %v D %v", where, g.S, g.D, w.S, w.D)
			}
			for j := range w.Days {
				if diff(g.Days[j], w.Days[j]) > tol || g.Ivl[j] != w.Ivl[j] {
					t.Errorf("%s: at retention %v interval %v (%d days), want %v (%d)", where, refRetentions[j], g.Days[j], g.Ivl[j], w.Days[j], w.Ivl[j])
				}
			}
			for j := range w.R {
				if diff(g.R[j], w.R[j]) > tol {
					t.Errorf("%s: recall after %v days %v, want %v", where, refElapsed[j], g.R[j], w.R[j])
				}
			}
			n++
		}
	}
	// The published memory of py-fsrs's test_memo_state, through the page.
	if last := got[0][len(got[0])-1]; math.Abs(last.S-53.62691) > 1e-4 || math.Abs(last.D-6.3574867) > 1e-4 {
		t.Errorf("py-fsrs test_memo_state through the page: S %v D %v", last.S, last.D)
	}

	type sm2 struct{ Ease, Interval, Retention float64 }
	var cases []sm2
	for _, e := range []float64{1.3, 1.7, 2.5, 2.9} {
		for _, i := range []float64{1, 6, 15, 100, 400} {
			for _, r := range []float64{0.8, 0.9} {
				cases = append(cases, sm2{e, i, r})
			}
		}
	}
	in, _ = json.Marshal(cases)
	gotSM2 := browsertest.Eval[[]map[string]float64](p, fmt.Sprintf(`(%s).map(c => cribFSRS.fromSM2(c.Ease, c.Interval, c.Retention))`, in))
	for i, c := range cases {
		w := fsrs.Default.FromSM2(c.Ease, c.Interval, c.Retention)
		if diff(gotSM2[i]["s"], w.Stability) > tol || diff(gotSM2[i]["d"], w.Difficulty) > tol {
			t.Errorf("fromSM2%+v = %v, want %+v", c, gotSM2[i], w)
		}
	}
	t.Logf("%d reviews in %d sequences and %d SM-2 estimates: largest difference %.3g", n, len(seqs), len(cases), worst)
	p.AssertClean()
}

// sm2Card is one card of the progress the page kept while it scheduled
// with SM-2 (format version 1): repetitions, E-factor, interval in days,
// lapses, and due and last review in milliseconds since 1970.
type sm2Card struct {
	R int     `json:"r"`
	E float64 `json:"e"`
	I int     `json:"i"`
	L int     `json:"l"`
	D int64   `json:"d"`
	T int64   `json:"t"`
}

// sm2Progress is three cards of SM-2 progress: one learned 5 days ago for
// 15 days, one due since yesterday after a 1-day interval, and one that
// lapsed an hour ago (interval 0).
func sm2Progress(t *testing.T, now int64) map[string]sm2Card {
	return map[string]sm2Card{
		cardID(t, "What broke when every service shared the host's network?"): {R: 3, E: 2.36, I: 15, L: 0, T: now - 5*day, D: now + 10*day},
		cardID(t, "What is a pod?"):                                      {R: 1, E: 2.5, I: 1, L: 0, T: now - 3*day, D: now - 2*day},
		cardID(t, "Can you run Kubernetes Services without kube-proxy?"): {R: 0, E: 2.18, I: 0, L: 2, T: now - 3600e3, D: now - 3600e3 + 60e3},
	}
}

// fsrsCard is one card of the progress the page keeps now (version 2).
type fsrsCard struct {
	Stability, Difficulty *float64
	Due, Reviewed         float64
	Lapses                int
}

func savedCards(t *testing.T, p *browsertest.Page) (version int, cards map[string]fsrsCard) {
	t.Helper()
	var s struct {
		Version int                 `json:"version"`
		Cards   map[string]fsrsCard `json:"cards"`
	}
	raw := browsertest.Eval[string](p, `localStorage.getItem(document.getElementById("practice").dataset.key) || "{}"`)
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatalf("saved progress %q: %v", raw, err)
	}
	return s.Version, s.Cards
}

// checkFromSM2 checks the FSRS cards carried over from progress: the
// memory FSRS estimates from each ease and interval (none for interval 0),
// lapses and due dates kept.
func checkFromSM2(t *testing.T, progress map[string]sm2Card, cards map[string]fsrsCard) {
	t.Helper()
	if len(cards) != len(progress) {
		t.Errorf("%d cards carried over, want %d", len(cards), len(progress))
	}
	for id, old := range progress {
		c, ok := cards[id]
		if !ok {
			t.Errorf("card %s not carried over", id)
			continue
		}
		if c.Due != float64(old.D) || c.Reviewed != float64(old.T) || c.Lapses != old.L {
			t.Errorf("card %s: due %v reviewed %v lapses %d, want %d %d %d", id, c.Due, c.Reviewed, c.Lapses, old.D, old.T, old.L)
		}
		if old.I == 0 {
			if c.Stability != nil {
				t.Errorf("card %s of interval 0 got a memory: %v", id, *c.Stability)
			}
			continue
		}
		want := fsrs.Default.FromSM2(old.E, float64(old.I), 0.9)
		if c.Stability == nil || c.Difficulty == nil || math.Abs(*c.Stability-want.Stability) > 1e-9 || math.Abs(*c.Difficulty-want.Difficulty) > 1e-9 {
			t.Errorf("card %s: memory %v %v, want %+v", id, c.Stability, c.Difficulty, want)
		}
	}
}

// TestPracticeImportsSM2Progress imports a progress file the page wrote
// while it scheduled with SM-2: every card gets an FSRS memory and keeps
// its due date, the page shows each card's chance of recall, and the
// next grade schedules from the carried-over memory.
func TestPracticeImportsSM2Progress(t *testing.T) {
	site := practiceSite(t)
	now := time.Now().UnixMilli()
	progress := sm2Progress(t, now)
	file := filepath.Join(t.TempDir(), "crib-practice-sm2.json")
	data, _ := json.MarshalIndent(map[string]any{
		"format": "crib-practice", "version": 1, "exported": time.UnixMilli(now).UTC().Format(time.RFC3339), "seed": "7", "cards": progress,
	}, "", " ")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}

	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	p.Do(chromedp.SetUploadFiles(chromedp.CSS("#pr-import"), []string{file}))
	waitFor(t, p, `document.getElementById("pr-message").textContent !== ""`)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-message").textContent`); got != "Imported progress for 3 cards (from SM-2)." {
		t.Fatalf("import says %q", got)
	}
	version, cards := savedCards(t, p)
	if version != 2 {
		t.Errorf("progress version %d after import", version)
	}
	checkFromSM2(t, progress, cards)
	if got := browsertest.Eval[string](p, countsText); got != "2 due · 35 new · 1 learned" {
		t.Errorf("counts after import = %q", got)
	}

	// The card due longest comes first, with its chance of recall: its
	// stability is its interval, 1 day, and 3 days have passed.
	pod := cardID(t, "What is a pod?")
	waitFor(t, p, `document.getElementById("pr-question").textContent === "What is a pod?"`)
	want := fmt.Sprintf("Recall %d %%", int(math.Round(100*fsrs.Default.Retrievability(3, 1))))
	if got := browsertest.Eval[string](p, `document.getElementById("pr-recall").textContent`); got != want {
		t.Errorf("recall shown = %q, want %q", got, want)
	}
	p.Do(chromedp.KeyEvent(" "))
	waitFor(t, p, answerOpen)
	p.Do(chromedp.KeyEvent("3"))
	waitFor(t, p, `document.getElementById("pr-question").textContent !== "What is a pod?"`)
	_, cards = savedCards(t, p)
	next := fsrs.Default.Next(fsrs.Default.FromSM2(2.5, 1, 0.9), 3, fsrs.Good)
	c := cards[pod]
	if c.Stability == nil || math.Abs(*c.Stability-next.Stability) > 1e-9 || math.Abs(*c.Difficulty-next.Difficulty) > 1e-9 {
		t.Errorf("after Good: %v %v, want %+v", c.Stability, c.Difficulty, next)
	}
	if days := (c.Due - c.Reviewed) / day; days != float64(fsrs.Default.Interval(next.Stability, 0.9)) {
		t.Errorf("after Good: due in %v days, want %d", days, fsrs.Default.Interval(next.Stability, 0.9))
	}

	// The lapsed card, with no memory yet, comes next; its grade starts one.
	waitFor(t, p, `document.getElementById("pr-question").textContent === "Can you run Kubernetes Services without kube-proxy?"`)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-recall").textContent`); got != "Relearning" {
		t.Errorf("recall shown for the lapsed card = %q", got)
	}
	p.AssertClean()
}

// TestPracticeMigratesSM2Storage: progress the SM-2 page left in the
// browser is carried over to FSRS when the page loads, and kept as it was
// under another key.
func TestPracticeMigratesSM2Storage(t *testing.T) {
	site := practiceSite(t)
	now := time.Now().UnixMilli()
	progress := sm2Progress(t, now)
	old, _ := json.Marshal(map[string]any{"version": 1, "seed": "", "cards": progress})

	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	p.Do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.clear(); localStorage.setItem(document.getElementById("practice").dataset.key, %q)`, old)))
	p.Reload()
	waitFor(t, p, cardShown)
	version, cards := savedCards(t, p)
	if version != 2 {
		t.Errorf("progress version %d after loading", version)
	}
	checkFromSM2(t, progress, cards)
	if got := browsertest.Eval[string](p, `localStorage.getItem(document.getElementById("practice").dataset.key + ":sm2")`); got != string(old) {
		t.Errorf("the SM-2 progress was not kept: %q", got)
	}
	if got := browsertest.Eval[string](p, countsText); got != "2 due · 35 new · 1 learned" {
		t.Errorf("counts after migration = %q", got)
	}
	// That page dealt new cards in note order unless given a seed: so
	// does this one, for a reader who gave none.
	if got := browsertest.Eval[string](p, shufflePressed); got != "false" {
		t.Errorf("after migration Shuffle pressed = %q, want false (no seed was given)", got)
	}
	p.AssertClean()
}

// newCardOrder answers n new cards with Good and returns their questions,
// in the order the page dealt them.
func newCardOrder(t *testing.T, p *browsertest.Page, n int) []string {
	t.Helper()
	return practiseByKeyboard(t, p, n)
}

// deckOrder is every question of the practice site's deck, in note order.
func deckOrder(t *testing.T) []string {
	t.Helper()
	var qs []string
	for _, c := range deckCards(t, deckSite.public) {
		qs = append(qs, c.Question)
	}
	return qs
}

const shufflePressed = `document.getElementById("pr-shuffle").getAttribute("aria-pressed")`

// TestPracticeShuffle: Shuffle is a toggle, on for a new reader. A seed
// (in the link, or kept in the browser) deals the same order on every
// device and reload; off, new cards come in note order; on again, they
// are dealt anew.
func TestPracticeShuffle(t *testing.T) {
	site := practiceSite(t)
	notes := deckOrder(t)

	a := browsertest.New(t).Open(site.URL("practice/?seed=crib"))
	b := browsertest.New(t).Open(site.URL("practice/?seed=crib"))
	waitFor(t, a, cardShown)
	waitFor(t, b, cardShown)
	if got := browsertest.Eval[string](a, shufflePressed); got != "true" {
		t.Errorf("Shuffle pressed = %q, want true", got)
	}
	orderA, orderB := newCardOrder(t, a, 5), newCardOrder(t, b, 5)
	if !slices.Equal(orderA, orderB) {
		t.Errorf("seed crib dealt\n%q and\n%q", orderA, orderB)
	}
	if slices.Equal(orderA, notes[:5]) {
		t.Errorf("seed crib dealt the cards in note order: %q", orderA)
	}

	// A fresh reader: shuffled with a seed of their own, the same after a
	// reload.
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	first := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`)
	seed := browsertest.Eval[string](p, `JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key)).seed`)
	p.Reload()
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`); got != first || seed == "" {
		t.Errorf("after a reload the first card is %q, was %q (seed %q)", got, first, seed)
	}

	// Off: note order, remembered.
	p.Do(chromedp.Click(chromedp.CSS("#pr-shuffle")))
	waitFor(t, p, shufflePressed+` === "false"`)
	waitFor(t, p, fmt.Sprintf(`document.getElementById("pr-question").textContent === %q`, notes[0]))
	p.Reload()
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, shufflePressed); got != "false" {
		t.Errorf("after a reload Shuffle pressed = %q, want false", got)
	}
	if got := newCardOrder(t, p, 4); !slices.Equal(got, notes[:4]) {
		t.Errorf("shuffle off dealt %q, want note order %q", got, notes[:4])
	}

	// On again: a new seed.
	p.Do(chromedp.Click(chromedp.CSS("#pr-shuffle")))
	waitFor(t, p, shufflePressed+` === "true"`)
	if got := browsertest.Eval[string](p, `JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key)).seed`); got == seed || got == "" {
		t.Errorf("Shuffle on again kept the seed %q", got)
	}
	a.AssertClean()
	p.AssertClean()
}

// TestPracticeRetentionSetting: the desired retention sets how soon a
// card comes back (each grade button says when), and is remembered.
func TestPracticeRetentionSetting(t *testing.T) {
	site := practiceSite(t)
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-retention").value`); got != "90" {
		t.Errorf("desired retention shown = %q, want 90", got)
	}
	goodIn := `document.querySelector("#pr-grades [data-grade='3'] .practice-ivl").textContent`
	setRetention := func(pct int) {
		p.Do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const r = document.getElementById("pr-retention");
			r.value = "%d";
			r.dispatchEvent(new Event("change"));
		})()`, pct)))
	}
	good := fsrs.Default.Init(fsrs.Good).Stability
	p.Do(chromedp.KeyEvent(" "))
	waitFor(t, p, answerOpen)
	for _, pct := range []int{90, 80, 95} {
		if pct != 90 {
			setRetention(pct)
		}
		days := fsrs.Default.Interval(good, float64(pct)/100)
		want := fmt.Sprintf("%d days", days)
		if days == 1 {
			want = "1 day"
		}
		waitFor(t, p, fmt.Sprintf(`%s === %q`, goodIn, want))
		if got := browsertest.Eval[string](p, `document.querySelector("#pr-grades [data-grade='1'] .practice-ivl").textContent`); got != "1 min" {
			t.Errorf("retention %d%%: Again says %q", pct, got)
		}
	}

	setRetention(80)
	q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`)
	p.Do(chromedp.KeyEvent("3"))
	waitFor(t, p, fmt.Sprintf(`document.getElementById("pr-question").textContent !== %q`, q))
	_, cards := savedCards(t, p)
	for id, c := range cards {
		if want := float64(fsrs.Default.Interval(good, 0.8)); (c.Due-c.Reviewed)/day != want {
			t.Errorf("card %s due in %v days at 80 %%, want %v", id, (c.Due-c.Reviewed)/day, want)
		}
	}
	p.Reload()
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-retention").value`); got != "80" {
		t.Errorf("after a reload the desired retention is %q, want 80", got)
	}
	// Out of range: kept within 70 % to 99 %.
	setRetention(40)
	if got := browsertest.Eval[float64](p, `JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key)).retention`); got != 0.7 {
		t.Errorf("retention 40 %% kept as %v, want 0.7", got)
	}
	p.AssertClean()
}
