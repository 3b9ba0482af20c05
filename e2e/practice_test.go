package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/practice/fsrs"
	crvault "github.com/crib-notes/crib/generator/vault"
	"github.com/crib-notes/crib/internal/browsertest"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/htmltest"
	"github.com/crib-notes/crib/internal/hugotest"
)

// untrustedNote is a note whose answer holds HTML that would run code if
// it were inserted as HTML.
const untrustedNote = `---
tags: [security]
---

## Q: What does this answer try?

It tries <img src=x onerror="document.title='pwned';alert(1)"> and <script>alert(2)</script>
and [a link](javascript:alert(3)).
`

// pairNote asks questions and answers each in the same paragraph: the
// answer is the paragraph after the question's lines, on the note page
// (after a soft break; after a hard break, with the question and the
// answer's emphasis over two lines), unless a code span over the line
// break before it makes that break a space: that answer comes from the
// note's card page.
const pairNote = `---
tags: [k8s]
---

## Pods

**Q: What is a pod?**
A: The smallest unit Kubernetes schedules.

**Q: Why group containers
in one pod?**  
**A:** They share a *network
namespace*.

**Q: What runs pods on a node, the ` + "`kube\nlet`" + `?**
A: The node agent.
`

// deckSite is a small site built for the practice tests: the test vault's
// interview note, the untrusted note and the pair note, with the practice deck, served under the sub-path.
var deckSite struct {
	once   sync.Once
	public string
	site   *browsertest.Site
	err    error
}

func practiceSite(t *testing.T) *browsertest.Site {
	t.Helper()
	deckSite.once.Do(func() {
		work, err := os.MkdirTemp("", "crib-practice-")
		if err != nil {
			deckSite.err = err
			return
		}
		deckSite.public = filepath.Join(work, "public")
		deckSite.site = browsertest.Serve(deckSite.public)
		deckSite.err = buildDeckSite(work, deckSite.site.BaseURL())
	})
	if deckSite.err != nil {
		t.Fatalf("building the practice site: %v", deckSite.err)
	}
	return deckSite.site
}

func buildDeckSite(work, baseURL string) error {
	site, vault := filepath.Join(work, "site"), filepath.Join(work, "vault")
	if err := copySite(site); err != nil {
		return err
	}
	networking := filepath.Join(repoRoot, fixtures.VaultPath, filepath.FromSlash(fixtures.Networking))
	if err := copyFile(networking, filepath.Join(vault, filepath.FromSlash(fixtures.Networking))); err != nil {
		return err
	}
	gitCI := filepath.Join(repoRoot, fixtures.VaultPath, filepath.FromSlash(fixtures.GitCI))
	if err := copyFile(gitCI, filepath.Join(vault, filepath.FromSlash(fixtures.GitCI))); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(vault, "Security"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(vault, "Security", "Untrusted.md"), []byte(untrustedNote), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(vault, "Security", "Pods.md"), []byte(pairNote), 0o644); err != nil {
		return err
	}
	cfg, err := config.Load(site)
	if err != nil {
		return err
	}
	w, err := content.OpenSite(site)
	if err != nil {
		return err
	}
	ctx := context.Background()
	v, err := crvault.Open(ctx, vault, cfg.Ignore)
	if err != nil {
		return err
	}
	res, err := pipeline.Run(ctx, pipeline.Options{
		Config: cfg, VaultDir: vault, Writer: w,
		Outputs:  []pipeline.Output{practice.Output{Options: practice.Options{Deck: cfg.Title}}},
		Annotate: []func(*note.Note) map[string]any{practice.Annotation},
	}, v)
	if err != nil {
		return err
	}
	if _, errs := res.Diags.Count(); errs > 0 {
		return fmt.Errorf("notes have errors: %v", res.Diags.Sorted())
	}
	if _, _, err := w.Finish(); err != nil {
		return err
	}
	diags, err := hugorun.Build(hugorun.Options{Source: site, Destination: filepath.Join(work, "public"), BaseURL: baseURL, Output: &strings.Builder{}})
	if err != nil {
		return err
	}
	return hugotest.DuplicatePaths(fmt.Sprint(diags))
}

// waitFor polls a JavaScript expression until it is true.
func waitFor(t *testing.T, p *browsertest.Page, expr string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !browsertest.Eval[bool](p, expr) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	cardShown  = `!document.getElementById("pr-card").hidden && !document.getElementById("pr-card").hasAttribute("aria-busy") && document.getElementById("pr-question").textContent !== ""`
	answerOpen = `!document.getElementById("pr-answer").hidden`
	progress   = `Object.keys((JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key) || "{}").cards) || {}).length`
	countsText = `document.getElementById("pr-counts").textContent`
)

// practiseByKeyboard answers n cards with Space then 3 (Good), and returns
// their questions.
func practiseByKeyboard(t *testing.T, p *browsertest.Page, n int) []string {
	t.Helper()
	var seen []string
	for i := 0; i < n; i++ {
		waitFor(t, p, cardShown)
		q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`)
		if browsertest.Eval[bool](p, answerOpen) {
			t.Fatalf("card %d: answer shown before Reveal", i+1)
		}
		p.Do(chromedp.KeyEvent(" "))
		waitFor(t, p, answerOpen)
		if browsertest.Eval[int](p, `document.getElementById("pr-answer").childElementCount`) == 0 {
			t.Errorf("card %q: empty answer", q)
		}
		p.Do(chromedp.KeyEvent("3"))
		waitFor(t, p, fmt.Sprintf(`document.getElementById("pr-question").textContent !== %q || document.getElementById("pr-card").hidden`, q))
		seen = append(seen, q)
	}
	return seen
}

func TestPracticeByKeyboardSurvivesReload(t *testing.T) {
	site := practiceSite(t)
	b := browsertest.New(t)
	p := b.Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, countsText); got != "0 due · 38 new · 0 learned" {
		t.Errorf("counts before practice = %q", got)
	}
	done := practiseByKeyboard(t, p, 3)
	if n := browsertest.Eval[int](p, progress); n != 3 {
		t.Errorf("progress holds %d cards, want 3", n)
	}
	// FSRS-6 after one Good on a new card: the initial memory of Good,
	// due when recall falls to 90 %, two days later.
	good := fsrs.Default.Init(fsrs.Good)
	if bad := browsertest.Eval[[]string](p, fmt.Sprintf(`Object.entries(JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key)).cards)
		.filter(([id, s]) => !(Math.abs(s.stability - %v) < 1e-9 && Math.abs(s.difficulty - %v) < 1e-9 && s.lapses === 0 && s.due - s.reviewed === 2 * 864e5))
		.map(([id, s]) => id + " " + JSON.stringify(s))`, good.Stability, good.Difficulty)); len(bad) > 0 {
		t.Errorf("schedules after Good: %q", bad)
	}

	p.Reload()
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, countsText); got != "0 due · 35 new · 3 learned" {
		t.Errorf("counts after reload = %q", got)
	}
	if n := browsertest.Eval[int](p, progress); n != 3 {
		t.Errorf("progress after reload holds %d cards, want 3", n)
	}
	// Learned cards are not due: the deck goes on with a new card.
	q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`)
	for _, d := range done {
		if q == d {
			t.Errorf("card %q came back right after it was learned", q)
		}
	}

	// Again (1) on a new card: the initial memory of Again, and the card
	// comes back in a minute, in this session.
	p.Do(chromedp.KeyEvent(" "))
	waitFor(t, p, answerOpen)
	p.Do(chromedp.KeyEvent("1"))
	waitFor(t, p, fmt.Sprintf(`document.getElementById("pr-question").textContent !== %q`, q))
	again := browsertest.Eval[map[string]float64](p, `(() => {
		const cards = JSON.parse(localStorage.getItem(document.getElementById("practice").dataset.key)).cards;
		const id = Object.keys(cards).find(id => cards[id].due - cards[id].reviewed === 60000);
		return id ? {s: cards[id].stability, d: cards[id].difficulty, lapses: cards[id].lapses} : {};
	})()`)
	if first := fsrs.Default.Init(fsrs.Again); again["s"] != first.Stability || math.Abs(again["d"]-first.Difficulty) > 1e-9 || again["lapses"] != 0 {
		t.Errorf("schedule after Again = %v, want %+v", again, first)
	}
	p.AssertClean()
}

func TestPracticeExportImportIntoFreshProfile(t *testing.T) {
	site := practiceSite(t)
	laptop := browsertest.New(t).Open(site.URL("practice/"))
	practiseByKeyboard(t, laptop, 2)

	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(laptop.Context(), browsertest.Timeout)
	defer cancel()
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes,
	}); err != nil {
		t.Fatalf("allowing downloads: %v", err)
	}
	laptop.Do(chromedp.Click(chromedp.CSS("#pr-export")))
	exported := waitForDownload(t, dir)
	var data struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Cards   map[string]struct {
			Stability, Difficulty, Due, Reviewed float64
		} `json:"cards"`
	}
	if err := json.Unmarshal(exported, &data); err != nil || data.Format != "crib-practice" || data.Version != 2 || len(data.Cards) != 2 {
		t.Fatalf("exported file: %v %q version %d, %d cards:\n%s", err, data.Format, data.Version, len(data.Cards), exported)
	}
	for id, c := range data.Cards {
		if c.Stability <= 0 || c.Difficulty < 1 || c.Due-c.Reviewed != 2*864e5 {
			t.Errorf("exported card %s = %+v", id, c)
		}
	}
	file := filepath.Join(dir, "progress.json")
	if err := os.WriteFile(file, exported, 0o644); err != nil {
		t.Fatal(err)
	}

	phone := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, phone, cardShown)
	if n := browsertest.Eval[int](phone, progress); n != 0 {
		t.Fatalf("fresh profile already has progress for %d cards", n)
	}
	phone.Do(chromedp.SetUploadFiles(chromedp.CSS("#pr-import"), []string{file}))
	waitFor(t, phone, `document.getElementById("pr-message").textContent === "Imported progress for 2 cards."`)
	if n := browsertest.Eval[int](phone, progress); n != 2 {
		t.Errorf("imported progress holds %d cards, want 2", n)
	}
	if got := browsertest.Eval[string](phone, countsText); got != "0 due · 36 new · 2 learned" {
		t.Errorf("counts after import = %q", got)
	}
	laptop.AssertClean()
	phone.AssertClean()
}

func waitForDownload(t *testing.T, dir string) []byte {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".crdownload") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err == nil && json.Valid(b) {
				return b
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the progress file was not downloaded")
	return nil
}

// cardID finds the id of the card asking question in the built deck's
// index, which lists every note's card ids and questions.
func cardID(t *testing.T, question string) string {
	t.Helper()
	return cardIDIn(t, deckSite.public, question)
}

// deckCard is a card of a built deck's index: its id and question.
type deckCard struct{ ID, Question string }

// deckCards is every card of the deck index of the site built into
// public, in note order.
func deckCards(t *testing.T, public string) []deckCard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(public, "practice", "cards", "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index struct {
		Notes []struct {
			C []string `json:"c"`
			M []struct {
				Q string `json:"q"`
			} `json:"m"`
		} `json:"notes"`
	}
	if err := json.Unmarshal(b, &index); err != nil {
		t.Fatal(err)
	}
	var cards []deckCard
	for _, n := range index.Notes {
		for i, m := range n.M {
			if i < len(n.C) {
				cards = append(cards, deckCard{n.C[i], m.Q})
			}
		}
	}
	return cards
}

// cardIDIn finds the id of the card asking question in the deck index of
// the site built into public.
func cardIDIn(t *testing.T, public, question string) string {
	t.Helper()
	for _, c := range deckCards(t, public) {
		if c.Question == question {
			return c.ID
		}
	}
	t.Fatalf("no card asks %q", question)
	return ""
}

func TestPracticeAnswerCannotRunCode(t *testing.T) {
	site := practiceSite(t)
	id := cardID(t, "What does this answer try?")
	b := browsertest.New(t)
	p := b.Open("about:blank")
	var mu sync.Mutex
	var dialogs []string
	if err := chromedp.Listen(p.Context(), func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, d.Message)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	p.Do(chromedp.Navigate(site.URL("practice/#card=" + id)))
	waitFor(t, p, cardShown)
	if q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`); q != "What does this answer try?" {
		t.Fatalf("deep link opened %q", q)
	}
	p.Do(chromedp.KeyEvent(" "))
	waitFor(t, p, answerOpen)
	time.Sleep(300 * time.Millisecond) // give an injected handler time to fire
	if n := browsertest.Eval[int](p, `document.querySelectorAll("#pr-answer img, #pr-answer script, #pr-answer [onerror]").length`); n != 0 {
		t.Errorf("answer holds %d img/script/handler elements", n)
	}
	if !browsertest.Eval[bool](p, `document.getElementById("pr-answer").textContent.includes("It tries")`) {
		t.Errorf("answer text missing: %q", browsertest.Eval[string](p, `document.getElementById("pr-answer").innerHTML`))
	}
	if browsertest.Eval[bool](p, `[...document.querySelectorAll("#pr-answer a")].some(a => /^javascript:/i.test(a.getAttribute("href") || ""))`) {
		t.Errorf("a javascript: link reached the answer")
	}
	if title := browsertest.Eval[string](p, `document.title`); strings.Contains(title, "pwned") {
		t.Errorf("injected code ran: title %q", title)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("injected code opened dialogs: %q", dialogs)
	}
	for _, r := range p.Requests() {
		if strings.HasSuffix(r, "/x") {
			t.Errorf("the injected image was requested: %s", r)
		}
	}
}

// TestPracticeLinkOnQuestionHeading reads the question headings of the
// interview note's page: each interview question heading (and only those) has
// the class of its kind and a "practise this" link to its card.
func TestPracticeLinkOnQuestionHeading(t *testing.T) {
	practiceSite(t)
	doc := htmltest.ParseFile(t, filepath.Join(deckSite.public, "notes", "docker", "container-networking", "index.html"))
	kinds := map[string]int{}
	for _, h := range htmltest.FindAll(doc, func(n *html.Node) bool { return n.Data == "h2" || n.Data == "h3" }) {
		class := htmltest.Attr(h, "class")
		link := htmltest.Find(h, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "practice-link" })
		text := htmltest.Text(h)
		if !strings.HasPrefix(class, "q q-") {
			if link != nil || class != "" {
				t.Errorf("%q: class %q, practise link %v; want neither", text, class, link != nil)
			}
			continue
		}
		kinds[strings.TrimPrefix(class, "q q-")]++
		if link == nil {
			t.Errorf("%q: no practise link", text)
		} else if !strings.HasPrefix(htmltest.Attr(link, "href"), browsertest.SubPath+"practice/#card=") {
			t.Errorf("%q: practise link %q", text, htmltest.Attr(link, "href"))
		}
	}
	// The note asks 13 questions ("Interview Q:" and "Q:"), 3 follow-ups
	// and 3 scenarios as headings; "A Typical Follow-Up:" and
	// "10. TRICKY FOLLOW-UPS & TRAPS" are not questions.
	if want := map[string]int{"question": 13, "follow-up": 3, "scenario": 3}; !maps.Equal(kinds, want) {
		t.Errorf("question headings by kind = %v, want %v", kinds, want)
	}
	b, err := os.ReadFile(filepath.Join(deckSite.public, "notes", "docker", "container-networking", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	id := cardID(t, "What broke when every service shared the host's network?")
	want := fmt.Sprintf(`href="%spractice/#card=%s"`, browsertest.SubPath, id)
	if !strings.Contains(string(b), want) {
		t.Errorf("the interview note has no practise link %s", want)
	}
}

// TestPracticeAnswersAsOnNotePage opens cards by deep link and reads the
// revealed answer: taken from the note page's elements (markers dropped,
// the code block as the page renders it, nothing of the next question),
// or from the card page when the page cannot show it apart.
func TestPracticeAnswersAsOnNotePage(t *testing.T) {
	site := practiceSite(t)
	b := browsertest.New(t)
	tests := []struct {
		question    string
		startsWith  string
		contains    []string
		notContains []string
		selector    string // an element the answer must hold
		html        string // the answer's HTML, when given
	}{
		{
			question:    "What broke when every service shared the host's network?",
			contains:    []string{"Port Clashes"},
			notContains: []string{"Partly", "Your Answer"},
			selector:    "strong",
		},
		{
			question:    "Can you run Kubernetes Services without kube-proxy?",
			startsWith:  `“Yes. kube-proxy is one way to program Services.`,
			contains:    []string{"Cilium"},
			notContains: []string{"Your Answer"},
			selector:    "ul li",
		},
		{
			question:    "Pods can't reach each other. How do you debug?",
			startsWith:  "text1. Check pod addresses", // the code block's language label, then the code
			notContains: []string{"Answer:", "The Service answers"},
			selector:    ".code-block:first-child pre",
		},
		{
			// The seed's shape: the marker opens a list of bullets.
			question:    "what’s the difference between git merge and git rebase?",
			startsWith:  "merge joins two histories with a merge commit.",
			contains:    []string{"why: shows you can keep history readable."},
			notContains: []string{"answer:", "git stash"},
			selector:    "ul li",
		},
		{
			// The marker alone in the list's first item.
			question:    "common mistakes with git on a team?",
			startsWith:  "committing secrets",
			contains:    []string{"force-pushing to main."},
			notContains: []string{"answer:", "⸻"},
			selector:    "ul li",
		},
		{
			question:   "What is a pod?",
			startsWith: "The smallest unit Kubernetes schedules.",
			selector:   "p",
			html:       "<p>The smallest unit Kubernetes schedules.</p>",
		},
		{
			question:   "Why group containers in one pod?",
			startsWith: "They share a network namespace.",
			selector:   "p em",
			html:       "<p>They share a <em>network\nnamespace</em>.</p>",
		},
		{
			question:   "Q: What runs pods on a node, the kube let?", // the prefix stays when the code span holds a line break
			startsWith: "The node agent.",
			selector:   "p",
			html:       "<p>The node agent.</p>",
		},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			p := b.Open(site.URL("practice/#card=" + cardID(t, tt.question)))
			waitFor(t, p, cardShown)
			if q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`); q != tt.question {
				t.Fatalf("deep link opened %q", q)
			}
			p.Do(chromedp.KeyEvent(" "))
			waitFor(t, p, answerOpen)
			text := strings.Join(strings.Fields(browsertest.Eval[string](p, `document.getElementById("pr-answer").textContent`)), " ")
			if !strings.HasPrefix(text, tt.startsWith) {
				t.Errorf("answer starts %.80q, want %q", text, tt.startsWith)
			}
			for _, want := range tt.contains {
				if !strings.Contains(text, want) {
					t.Errorf("answer lacks %q: %.300q", want, text)
				}
			}
			for _, bad := range tt.notContains {
				if strings.Contains(text, bad) {
					t.Errorf("answer holds %q: %.300q", bad, text)
				}
			}
			if got := strings.TrimSpace(browsertest.Eval[string](p, `document.getElementById("pr-answer").innerHTML`)); tt.html != "" && got != tt.html {
				t.Errorf("answer HTML %q, want %q", got, tt.html)
			}
			if !browsertest.Eval[bool](p, `!!document.querySelector("#pr-answer `+tt.selector+`")`) {
				t.Errorf("answer has no %s: %s", tt.selector, browsertest.Eval[string](p, `document.getElementById("pr-answer").innerHTML`))
			}
		})
	}
}
