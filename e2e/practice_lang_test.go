package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/internal/browsertest"
	"github.com/crib-notes/crib/internal/hugotest"
)

// The questions of testdata/vault-bilingual by language ("": no marker).
var bilingualQuestions = map[string][]string{
	"en": {
		"What is Flow in Kotlin, and how is it unlike a Sequence?",
		"Why does every coroutine need a CoroutineScope?",
		"Who should close a channel, and when?",
		"What does a default case do in a select?",
		"Find the index of an item in a sorted array in O(log n).",
		"How is a StateFlow unlike a SharedFlow?",
		"What does a coroutine Dispatcher decide?",
		"What is the difference between launch and async? Give an example.",
	},
	"ru": {
		"Что такое Flow в Kotlin и чем он отличается от Sequence?",
		"Зачем корутине нужна CoroutineScope?",
		"В каком порядке выполняются отложенные вызовы defer?",
		"Найдите индекс элемента в отсортированном массиве за O(log n).",
		"Чем StateFlow отличается от SharedFlow?",
		"Что решает Dispatcher корутины?",
		"В чём разница между launch и async?",
	},
	"": {
		"Given an array of integers and a target, return the indices of the two numbers that add up to the target.",
		"What makes a sort stable?",
	},
}

// langSites are the bilingual vault built twice: as hugo.toml comes
// (the page shows the language of most cards, English, first) and with
// language = "ru".
var langSites struct {
	mu     sync.Mutex
	sites  map[string]*browsertest.Site
	public map[string]string // each site's output folder
	work   []string          // their folders, removed after the tests
}

func removeLangSites() {
	for _, dir := range langSites.work {
		os.RemoveAll(dir)
	}
}

func bilingualSite(t *testing.T, language string) *browsertest.Site {
	t.Helper()
	langSites.mu.Lock()
	defer langSites.mu.Unlock()
	if s := langSites.sites[language]; s != nil {
		return s
	}
	// Not t.TempDir: the site outlives the test that builds it.
	work, err := os.MkdirTemp("", "crib-practice-lang-")
	if err != nil {
		t.Fatal(err)
	}
	langSites.work = append(langSites.work, work)
	public := filepath.Join(work, "public")
	site := browsertest.Serve(public)
	dir := filepath.Join(work, "site")
	if err := copySite(dir); err != nil {
		t.Fatal(err)
	}
	if language != "" {
		toml := filepath.Join(dir, "hugo.toml")
		b, err := os.ReadFile(toml)
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte("[params.crib]\n"), fmt.Appendf(nil, "[params.crib]\nlanguage = %q\n", language), 1)
		if err := os.WriteFile(toml, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	vault, _ := filepath.Abs(filepath.Join(repoRoot, "testdata", "vault-bilingual"))
	if code := cli.Run(context.Background(), []string{"build", "--vault", vault, "--site", dir, "--destination", public, "--baseURL", site.BaseURL()}, &out, &out); code != 0 {
		t.Fatalf("build exited with %d:\n%s", code, out.String())
	}
	hugotest.NoDuplicatePaths(t, out.String())
	if langSites.sites == nil {
		langSites.sites, langSites.public = map[string]*browsertest.Site{}, map[string]string{}
	}
	langSites.sites[language], langSites.public[language] = site, public
	return site
}

const langValue = `document.getElementById("pr-lang").value`

// practiseAll answers every card of the selection with Good and returns
// their questions, sorted.
func practiseAll(t *testing.T, p *browsertest.Page, n int) []string {
	t.Helper()
	seen := practiseByKeyboard(t, p, n)
	waitFor(t, p, `document.getElementById("pr-card").hidden && !document.getElementById("pr-done").hidden`)
	slices.Sort(seen)
	return seen
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestPracticeLanguageFilter: the page shows first the language of most
// cards, and the language filter shows only that language's cards; all
// languages show every card.
func TestPracticeLanguageFilter(t *testing.T) {
	site := bilingualSite(t, "")
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, langValue); got != "en" {
		t.Errorf("language shown first = %q, want en (8 English cards, 7 Russian, 2 unmarked)", got)
	}
	if got := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pr-lang option")].map(o => o.value)`); !slices.Equal(got, []string{"", "en", "ru"}) {
		t.Errorf("language options = %q", got)
	}
	// English first, then Russian, then all languages, where the two
	// unmarked cards are left (with no lang attribute: the page's).
	for _, step := range []struct {
		lang, counts string
		n            int
		questions    []string
	}{
		{"en", "0 due · 8 new · 0 learned", 8, bilingualQuestions["en"]},
		{"ru", "0 due · 7 new · 0 learned", 7, bilingualQuestions["ru"]},
		{"", "0 due · 2 new · 15 learned", 2, bilingualQuestions[""]},
	} {
		if step.lang != "en" {
			choose(p, "pr-lang", step.lang)
			waitFor(t, p, cardShown)
		}
		if got := browsertest.Eval[string](p, countsText); got != step.counts {
			t.Errorf("language %q: counts %q, want %q", step.lang, got, step.counts)
		}
		if got := browsertest.Eval[string](p, `document.getElementById("pr-question").getAttribute("lang") || ""`); got != step.lang {
			t.Errorf("language %q: question lang attribute %q", step.lang, got)
		}
		if got, want := practiseAll(t, p, step.n), sorted(step.questions); !slices.Equal(got, want) {
			t.Errorf("language %q: cards\n got %q\nwant %q", step.lang, got, want)
		}
	}

	// The choice is remembered; a link can ask for a language.
	if got := filterAfterReload(t, p, "pr-lang"); got != "" {
		t.Errorf("after reload the language is %q, want the one chosen (all)", got)
	}
	q := browsertest.New(t).Open(site.URL("practice/?lang=ru"))
	waitFor(t, q, cardShown)
	if got := browsertest.Eval[string](q, langValue); got != "ru" {
		t.Errorf("?lang=ru shows %q", got)
	}
	p.AssertClean()
	q.AssertClean()
}

// TestPracticeLanguageSetting: language = "ru" under [params.crib] makes
// the Russian cards the ones shown first, though most cards are English.
func TestPracticeLanguageSetting(t *testing.T) {
	site := bilingualSite(t, "ru")
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, langValue); got != "ru" {
		t.Errorf("language shown first = %q, want ru", got)
	}
	if got := browsertest.Eval[string](p, countsText); got != "0 due · 7 new · 0 learned" {
		t.Errorf("counts = %q", got)
	}
	q := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`)
	if !slices.Contains(bilingualQuestions["ru"], q) {
		t.Errorf("first card %q is not a Russian one", q)
	}
	p.AssertClean()
}

// TestPracticeDeepLinkOtherLanguage: a link to a card of another language
// than the one shown first opens that card, and shows its language.
func TestPracticeDeepLinkOtherLanguage(t *testing.T) {
	site := bilingualSite(t, "ru")
	question := "What is Flow in Kotlin, and how is it unlike a Sequence?"
	p := browsertest.New(t).Open(site.URL("practice/#card=" + cardIDIn(t, langSites.public["ru"], question)))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-question").textContent`); got != question {
		t.Fatalf("deep link opened %q", got)
	}
	if got := browsertest.Eval[string](p, langValue); got != "en" {
		t.Errorf("language = %q, want the card's, en", got)
	}
	p.Do(chromedp.KeyEvent(" "))
	waitFor(t, p, answerOpen)
	if got := browsertest.Eval[string](p, `document.getElementById("pr-answer").textContent`); !strings.Contains(got, "cold asynchronous stream") || strings.Contains(got, "холодный") {
		t.Errorf("answer = %.200q, want the English section only", got)
	}
	if got := browsertest.Eval[string](p, `document.getElementById("pr-answer").lang`); got != "en" {
		t.Errorf("answer lang attribute = %q, want en", got)
	}
	p.AssertClean()
}

// choose picks a value in one of the deck's filters, as a reader does.
func choose(p *browsertest.Page, id, value string) {
	p.Do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const s = document.getElementById(%q);
		s.value = %q;
		s.dispatchEvent(new Event("change"));
	})()`, id, value)))
}

// filterAfterReload reloads the page and returns the value its filter
// id then has.
func filterAfterReload(t *testing.T, p *browsertest.Page, id string) string {
	t.Helper()
	p.Reload()
	waitFor(t, p, `document.getElementById("pr-counts").textContent !== ""`)
	return browsertest.Eval[string](p, fmt.Sprintf(`document.getElementById(%q).value`, id))
}

// TestPracticeDifficultyFilter: the notes' difficulties (front matter
// difficulty: or a difficulty/… tag) filter the deck, and combine with
// the language; the choice is remembered, and a link can make it.
func TestPracticeDifficultyFilter(t *testing.T) {
	site := bilingualSite(t, "")
	p := browsertest.New(t).Open(site.URL("practice/"))
	waitFor(t, p, cardShown)
	if got := browsertest.Eval[[]string](p, `[...document.querySelectorAll("#pr-difficulty option")].map(o => o.value)`); !slices.Equal(got, []string{"", "easy", "medium", "hard"}) {
		t.Errorf("difficulty options = %q", got)
	}
	if browsertest.Eval[bool](p, `document.getElementById("pr-difficulty-label").hidden`) {
		t.Errorf("the difficulty filter is hidden")
	}
	for _, step := range []struct {
		lang, difficulty, counts string
		questions                []string
	}{
		{"en", "medium", "0 due · 2 new · 0 learned", []string{"How is a StateFlow unlike a SharedFlow?", "What is the difference between launch and async? Give an example."}},
		{"ru", "hard", "0 due · 1 new · 0 learned", []string{"Найдите индекс элемента в отсортированном массиве за O(log n)."}},
		{"", "easy", "0 due · 2 new · 0 learned", []string{"What does a coroutine Dispatcher decide?", "Что решает Dispatcher корутины?"}},
		{"", "medium", "0 due · 2 new · 2 learned", []string{"В чём разница между launch и async?", "Чем StateFlow отличается от SharedFlow?"}},
	} {
		choose(p, "pr-lang", step.lang)
		choose(p, "pr-difficulty", step.difficulty)
		waitFor(t, p, fmt.Sprintf(`%s === %q`, countsText, step.counts))
		if got, want := practiseAll(t, p, len(step.questions)), sorted(step.questions); !slices.Equal(got, want) {
			t.Errorf("%q and %q: cards\n got %q\nwant %q", step.lang, step.difficulty, got, want)
		}
	}
	choose(p, "pr-difficulty", "")
	waitFor(t, p, countsText+` === "0 due · 10 new · 7 learned"`)

	if got := filterAfterReload(t, p, "pr-difficulty"); got != "" {
		t.Errorf("after reload the difficulty is %q, want the one chosen (all)", got)
	}
	q := browsertest.New(t).Open(site.URL("practice/?difficulty=hard"))
	waitFor(t, q, cardShown)
	if got := browsertest.Eval[string](q, countsText); got != "0 due · 1 new · 0 learned" {
		t.Errorf("?difficulty=hard (English first): counts %q", got)
	}
	p.AssertClean()
	q.AssertClean()
}
