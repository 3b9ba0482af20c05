package e2e

import (
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/crib-notes/crib/internal/browsertest"
)

// seedQuestion is a question of the test vault's interview note; the page
// holding it is that note.
const seedQuestion = "What changes when you run containers with IPv6?"

// goQuestion is a question of testdata/vault/Go/Goroutines.md, the note
// with a Go code block, callouts and an image.
const goQuestion = "What leaks if you forget?"

// pageWith returns the site-relative URL of the one page whose HTML
// contains text.
func pageWith(t *testing.T, text string) string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(built.public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), text) {
			rel, _ := filepath.Rel(built.public, filepath.Dir(p))
			found = append(found, filepath.ToSlash(rel)+"/")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The note itself, not a list page quoting it.
	found = slices.DeleteFunc(found, func(u string) bool { return !strings.HasPrefix(u, "notes/") || strings.Count(u, "/") < 3 })
	if len(found) != 1 {
		t.Fatalf("want one note page containing %q, found %v", text, found)
	}
	return found[0]
}

func TestHomeAndSeedNoteLoadCleanly(t *testing.T) {
	b := browsertest.New(t)
	for _, rel := range []string{"", pageWith(t, seedQuestion)} {
		p := b.Open(built.site.URL(rel))
		p.AssertClean()
		if lang := browsertest.Eval[string](p, `document.documentElement.lang`); lang != "en" {
			t.Errorf("%s: lang = %q", rel, lang)
		}
		if n := browsertest.Eval[int](p, `document.querySelectorAll("header, nav, main, footer").length`); n < 4 {
			t.Errorf("%s: want header, nav, main and footer landmarks, found %d elements", rel, n)
		}
	}
}

func TestNoBrokenInternalLinks(t *testing.T) {
	broken, err := browsertest.CheckLinks(built.public, built.site.BaseURL())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range broken {
		t.Error(l)
	}
}

func TestBuildHasNoThemeWarnings(t *testing.T) {
	for _, line := range strings.Split(built.log, "\n") {
		if strings.Contains(line, "hugo:") && (strings.Contains(line, "warning") || strings.Contains(line, "error")) {
			t.Errorf("Hugo reported: %s", line)
		}
	}
}

func TestSeedTablesRenderAsTables(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)))
	cols := browsertest.Eval[[]int](p, `[...document.querySelectorAll(".content table")].map(t => t.querySelectorAll("thead th").length)`)
	if !slices.Equal(cols, []int{3, 3}) {
		t.Errorf("header cells per table = %v, want [3 3]", cols)
	}
	wrapped := browsertest.Eval[int](p, `document.querySelectorAll(".content .table-wrap > table").length`)
	if wrapped != 2 {
		t.Errorf("%d tables in a scrolling wrapper, want 2", wrapped)
	}
}

func TestCodeIsHighlighted(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, goQuestion)))
	type block struct {
		Lang    string
		Label   string
		Tokens  int
		Differs bool // a keyword is coloured differently from plain text
	}
	got := browsertest.Eval[block](p, `(() => {
		const b = document.querySelector(".code-block[data-lang=go]");
		if (!b) return {};
		const kw = b.querySelector(".chroma .kd, .chroma .k");
		const text = getComputedStyle(b.querySelector("pre")).color;
		return {
			Lang: b.dataset.lang,
			Label: b.querySelector(".code-lang").textContent,
			Tokens: b.querySelectorAll("pre.chroma code span[class]:not(.line):not(.cl)").length,
			Differs: !!kw && getComputedStyle(kw).color !== text,
		};
	})()`)
	if got.Lang != "go" || got.Label != "go" {
		t.Errorf("language = %q, label %q; want go", got.Lang, got.Label)
	}
	if got.Tokens < 20 {
		t.Errorf("%d Chroma token spans, want a highlighted block", got.Tokens)
	}
	if !got.Differs {
		t.Error("keywords have the plain text colour: the Chroma stylesheet is not applied")
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll(".code-block .copy").length`); n == 0 {
		t.Error("no copy button on code blocks")
	}
}

func TestDarkModeTogglePersists(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(""))
	theme := func() (string, string) {
		return browsertest.Eval[string](p, `document.documentElement.dataset.theme`),
			browsertest.Eval[string](p, `getComputedStyle(document.body).backgroundColor`)
	}
	before, bgBefore := theme()
	if before != "light" {
		t.Fatalf("initial theme = %q, want light (the system prefers light)", before)
	}
	p.Do(chromedp.Click(chromedp.CSS("#theme-toggle")))
	after, bgAfter := theme()
	if after != "dark" || bgAfter == bgBefore {
		t.Fatalf("after toggling: theme %q, background %s (was %s)", after, bgAfter, bgBefore)
	}
	p.Reload()
	if again, bg := theme(); again != "dark" || bg != bgAfter {
		t.Errorf("after reload: theme %q, background %s; want dark, %s", again, bg, bgAfter)
	}
	if pressed := browsertest.Eval[string](p, `document.getElementById("theme-toggle").getAttribute("aria-pressed")`); pressed != "true" {
		t.Errorf("aria-pressed = %q after reload in dark mode", pressed)
	}
	p.AssertClean()
}

// TestDarkModeFollowsTheSystemBeforeFirstPaint: with no saved choice the
// system's preference decides, and the theme is set by an inline script
// that runs before the stylesheet loads, so a dark page never flashes white.
func TestDarkModeFollowsTheSystemBeforeFirstPaint(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)), browsertest.ColorScheme("dark"))
	if theme := browsertest.Eval[string](p, `document.documentElement.dataset.theme`); theme != "dark" {
		t.Errorf("theme = %q with a system that prefers dark", theme)
	}
	order := browsertest.Eval[[]string](p, `[...document.head.children].filter(e => e.matches("script:not([src]), link[rel=stylesheet]")).map(e => e.tagName)`)
	if len(order) < 2 || order[0] != "SCRIPT" {
		t.Errorf("head order %v: the theme script must come before the stylesheet", order)
	}
	if bg := browsertest.Eval[string](p, `getComputedStyle(document.querySelector(".code-block pre")).backgroundColor`); bg != "rgb(13, 17, 23)" {
		t.Errorf("code background in dark mode = %s, want the dark Chroma style's", bg)
	}
	p.AssertClean()
}

func TestPracticeToggleHidesAndRevealsAnswers(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)))
	type state struct{ Answers, Hidden, Reveals int }
	read := func() state {
		return browsertest.Eval[state](p, `({
			Answers: document.querySelectorAll(".answer").length,
			Hidden: [...document.querySelectorAll(".answer")].filter(a => a.offsetParent === null).length,
			Reveals: [...document.querySelectorAll(".reveal")].filter(b => b.offsetParent !== null).length,
		})`)
	}
	s := read()
	if s.Answers < 19 || s.Hidden != 0 || s.Reveals != 0 {
		t.Fatalf("before practice: %+v; want every answer of the note's 19+ questions shown, no reveal buttons", s)
	}
	p.Do(chromedp.Click(chromedp.CSS("#practice-toggle")))
	if s = read(); s.Hidden != s.Answers || s.Reveals != s.Answers {
		t.Fatalf("practice on: %+v; want every answer hidden behind a reveal button", s)
	}
	// The question text stays visible.
	if vis := browsertest.Eval[bool](p, `[...document.querySelectorAll("h3.q")].some(h => h.textContent.includes("`+seedQuestion+`") && h.offsetParent !== null)`); !vis {
		t.Error("the question heading is hidden in practice mode")
	}
	p.Do(chromedp.Click(chromedp.CSS(".reveal")))
	if s = read(); s.Hidden != s.Answers-1 {
		t.Errorf("after one reveal: %+v; want exactly one answer shown", s)
	}
	p.Reload()
	if s = read(); s.Hidden != s.Answers {
		t.Errorf("after reload: %+v; practice mode should be remembered", s)
	}
	p.Do(chromedp.Click(chromedp.CSS("#practice-toggle")))
	if s = read(); s.Hidden != 0 || s.Reveals != 0 {
		t.Errorf("practice off: %+v; want every answer shown", s)
	}
	p.AssertClean()
}

// TestPrintShowsEveryAnswer: printing a note in practice mode prints the
// answers and none of the site's controls.
func TestPrintShowsEveryAnswer(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)))
	p.Do(chromedp.Click(chromedp.CSS("#practice-toggle")), browsertest.Media("print"))
	type printed struct{ Answers, Shown, Controls int }
	got := browsertest.Eval[printed](p, `({
		Answers: document.querySelectorAll(".answer").length,
		Shown: [...document.querySelectorAll(".answer")].filter(a => a.offsetParent !== null).length,
		Controls: [...document.querySelectorAll(".site-header, .toc, .reveal, .practice-toggle, .site-footer")].filter(e => e.offsetParent !== null).length,
	})`)
	if got.Answers == 0 || got.Shown != got.Answers || got.Controls != 0 {
		t.Errorf("printed: %+v; want every answer shown and no controls", got)
	}
}

// TestKeyboardReachesTheSkipLinkFirst: the first Tab lands on the skip
// link, and following it moves focus to the main content.
func TestKeyboardReachesTheSkipLinkFirst(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)))
	p.Do(chromedp.KeyEvent("\t"))
	if cls := browsertest.Eval[string](p, `document.activeElement.className`); cls != "skip-link" {
		t.Fatalf("first Tab focuses %q, want the skip link", cls)
	}
	p.Do(chromedp.KeyEvent("\r"))
	if id := browsertest.Eval[string](p, `document.activeElement.id`); id != "main" {
		t.Errorf("after the skip link, focus is on #%s, want #main", id)
	}
}

func TestNarrowScreensNeverScrollSideways(t *testing.T) {
	b := browsertest.New(t)
	for _, rel := range []string{"", pageWith(t, seedQuestion), pageWith(t, goQuestion)} {
		p := b.Open(built.site.URL(rel))
		p.Do(chromedp.EmulateViewport(360, 740))
		if over := browsertest.Eval[int](p, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s at 360 px: the page is %d px wider than the screen", rel, over)
		}
	}
}

func TestTableOfContentsOpensOnWideScreens(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(pageWith(t, seedQuestion)))
	if open := browsertest.Eval[bool](p, `document.getElementById("toc").open`); !open {
		t.Error("table of contents closed at 1280 px")
	}
	if pos := browsertest.Eval[string](p, `getComputedStyle(document.getElementById("toc")).position`); pos != "sticky" {
		t.Errorf("table of contents position = %s at 1280 px, want sticky", pos)
	}
}

// budget is the most CSS and JavaScript a page may load, gzipped.
const budget = 30 << 10

var assetRef = regexp.MustCompile(`(?:<link[^>]+rel="?stylesheet"?[^>]+href|<script[^>]+src)="?([^" >]+)`)

// TestAssetBudget sums the gzipped size of the stylesheets and scripts each
// page loads (the search index excluded) and holds it under 30 KB.
func TestAssetBudget(t *testing.T) {
	sizes := map[string]int{} // asset URL -> gzipped bytes
	worst, worstPage := 0, ""
	err := filepath.WalkDir(built.public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		total := 0
		for _, m := range assetRef.FindAllStringSubmatch(string(page), -1) {
			ref := m[1]
			if _, ok := sizes[ref]; !ok {
				sizes[ref] = gzippedSize(t, ref)
			}
			total += sizes[ref]
		}
		rel, _ := filepath.Rel(built.public, p)
		if strings.HasSuffix(rel, "index.html") && (rel == "index.html" || strings.Count(rel, "/") == 3 && strings.HasPrefix(rel, "notes/")) {
			t.Logf("%-50s %5.1f KB CSS+JS gzipped", rel, float64(total)/1024)
		}
		if total > worst {
			worst, worstPage = total, rel
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("largest: %s, %.1f KB", worstPage, float64(worst)/1024)
	if worst > budget {
		t.Errorf("%s loads %.1f KB of CSS and JS gzipped, over the %d KB budget", worstPage, float64(worst)/1024, budget>>10)
	}
}

// gzippedSize is the size of the asset at the site-absolute URL ref after
// gzip -9, as a server would send it.
func gzippedSize(t *testing.T, ref string) int {
	t.Helper()
	rel := strings.TrimPrefix(ref, strings.TrimPrefix(built.site.BaseURL(), strings.TrimSuffix(built.site.BaseURL(), browsertest.SubPath)))
	b, err := os.ReadFile(filepath.Join(built.public, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("asset %s: %v", ref, err)
	}
	var n countWriter
	zw, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
