package e2e

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/crib-notes/crib/generator/linkpreview"
	"github.com/crib-notes/crib/internal/browsertest"
)

// The notes of testdata/vault/Previews: a reading list that links to a
// note, one of its sections and one of its blocks, and a note without
// links.
const (
	readingList = "notes/previews/reading-list/"
	unlinked    = "notes/previews/unlinked/"
	volumesHref = `a[href$="/notes/previews/volumes/"]`
)

// card is what the open preview shows, read from the page.
type card struct {
	Shown     bool
	Role      string
	Title     string
	Tags      string
	Text      []string
	Described string // the aria-describedby of the link it is for
	Focus     string // the tag of the focused element
}

const readCard = `(() => {
	const c = document.querySelector(".link-preview");
	const d = document.querySelector("[aria-describedby]");
	if (!c || c.hidden) return {Shown: false, Focus: document.activeElement.tagName};
	return {
		Shown: true,
		Role: c.getAttribute("role"),
		Title: c.querySelector(".lp-title").textContent,
		Tags: (c.querySelector(".lp-tags") || {}).textContent || "",
		Text: [...c.querySelectorAll("p:not(.lp-title):not(.lp-tags)")].map(p => p.textContent),
		Described: d ? d.getAttribute("aria-describedby") + " " + d.getAttribute("href") : "",
		Focus: document.activeElement.tagName,
	};
})()`

const cardOpen = `(() => { const c = document.querySelector(".link-preview"); return !!c && !c.hidden; })()`

// hover moves the mouse to the middle of the first element sel finds.
func hover(t *testing.T, p *browsertest.Page, sel string) {
	t.Helper()
	xy := browsertest.Eval[[]float64](p, `(() => {
		const e = document.querySelector(`+"`"+sel+"`"+`);
		e.scrollIntoView({block: "center"});
		const r = e.getClientRects()[0];
		return [r.left + r.width / 2, r.top + r.height / 2];
	})()`)
	p.Do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[0], xy[1]))
}

// away moves the mouse to the page's top left corner, off every link.
func away(p *browsertest.Page) {
	p.Do(chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 1, 1))
}

// previewRequests counts the requests for preview shards (not for the
// shard count beside them).
func previewRequests(p *browsertest.Page) int {
	return countRequests(p, "/preview/") - countRequests(p, "/preview/index.json")
}

func TestLinkPreviewOnHover(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(readingList))
	tests := []struct {
		link  string
		title string
		text  string
	}{
		{`.content p ` + volumesHref, "Docker Volumes", "Volumes keep data outside the container's writable layer, so it survives docker rm."},
		{`.content a[href$="/notes/previews/volumes/#bind-mounts"]`, "Docker Volumes › Bind mounts", "A bind mount maps a host folder into the container: edits on either side show on the other."},
		{`.content a[href*="/notes/previews/volumes/#"][href*="driver-choice"]`, "Docker Volumes", "A driver is chosen once, when the volume is created."},
	}
	for _, tt := range tests {
		hover(t, p, tt.link)
		waitFor(t, p, cardOpen)
		c := browsertest.Eval[card](p, readCard)
		if c.Title != tt.title || len(c.Text) != 1 || c.Text[0] != tt.text {
			t.Errorf("%s: preview %q %q, want %q %q", tt.link, c.Title, c.Text, tt.title, tt.text)
		}
		if c.Tags != "#docker #storage" {
			t.Errorf("%s: tags %q", tt.link, c.Tags)
		}
		if c.Role != "tooltip" || !strings.HasPrefix(c.Described, "link-preview ") {
			t.Errorf("%s: role %q, described by %q: the card must be the link's tooltip", tt.link, c.Role, c.Described)
		}
		p.Do(chromedp.KeyEvent(kb.Escape))
		waitFor(t, p, "!("+cardOpen+")")
		if d := browsertest.Eval[int](p, `document.querySelectorAll("[aria-describedby]").length`); d != 0 {
			t.Errorf("%s: %d links still described by a closed card", tt.link, d)
		}
		away(p)
	}
	// Three links to one note: its shard is fetched once.
	if n := previewRequests(p); n != 1 {
		t.Errorf("%d requests for preview shards, want 1: %q", n, p.Requests())
	}

	// Moving away closes the card.
	hover(t, p, `.content p `+volumesHref)
	waitFor(t, p, cardOpen)
	away(p)
	waitFor(t, p, "!("+cardOpen+")")

	// A link to a file beside the notes is not a note: nothing to fetch.
	hover(t, p, `.content a[href$=".txt"]`)
	time.Sleep(800 * time.Millisecond)
	if browsertest.Eval[bool](p, cardOpen) || previewRequests(p) != 1 {
		t.Errorf("a link to a file opened a preview or fetched one: %q", p.Requests())
	}
	away(p)

	// A heading's own anchor link is not previewed, and neither is a
	// link a finger touches.
	hover(t, p, `.content h2 a.anchor`)
	time.Sleep(800 * time.Millisecond)
	if browsertest.Eval[bool](p, cardOpen) {
		t.Error("a heading's anchor opened a preview")
	}
	away(p)
	xy := browsertest.Eval[[]float64](p, `(() => { const r = document.querySelector(".content p a").getClientRects()[0]; return [r.left + 5, r.top + 5]; })()`)
	p.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{
			Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: xy[0], Y: xy[1]}},
		})
		return err
	}))
	time.Sleep(800 * time.Millisecond)
	if browsertest.Eval[bool](p, cardOpen) {
		t.Error("a touch opened a preview")
	}
	p.AssertClean()
}

func TestLinkPreviewOnKeyboardFocus(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(readingList))
	// Tab to the first link of the text, as a keyboard user does.
	for i := 0; ; i++ {
		if i == 80 {
			t.Fatal("tabbing never reached the link to Volumes")
		}
		p.Do(chromedp.KeyEvent(kb.Tab))
		if browsertest.Eval[bool](p, `document.activeElement.matches(`+"`.content p "+volumesHref+"`"+`)`) {
			break
		}
	}
	waitFor(t, p, cardOpen)
	c := browsertest.Eval[card](p, readCard)
	if c.Title != "Docker Volumes" || c.Focus != "A" || c.Role != "tooltip" {
		t.Errorf("after focus: preview %q, role %q, focus on %s; want Docker Volumes, a tooltip, focus kept on the link", c.Title, c.Role, c.Focus)
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll(".link-preview a, .link-preview button, .link-preview [tabindex]").length`); n != 0 {
		t.Errorf("the card has %d focusable elements", n)
	}
	p.Do(chromedp.KeyEvent(kb.Escape))
	waitFor(t, p, "!("+cardOpen+")")
	if !browsertest.Eval[bool](p, `document.activeElement.matches(`+"`.content p "+volumesHref+"`"+`)`) {
		t.Error("Escape moved the focus off the link")
	}
	// The next link, after its own wait.
	p.Do(chromedp.KeyEvent(kb.Tab))
	waitFor(t, p, cardOpen)
	if c := browsertest.Eval[card](p, readCard); c.Title != "Docker Volumes › Bind mounts" {
		t.Errorf("next link's preview %q", c.Title)
	}
	p.AssertClean()
}

// TestLinkPreviewOfACyrillicPath hovers a link to a note whose page path
// is Cyrillic: the script decodes the link's path, as the generator keys
// the note's preview, and fetches the shard the generator put it in (the
// test site is small, so TestLinkPreviewShards checks that on many
// shards).
func TestLinkPreviewOfACyrillicPath(t *testing.T) {
	const (
		link = `.content p a:last-of-type`
		path = "/notes/previews/тома-docker"
	)
	p := browsertest.New(t).Open(built.site.URL(readingList))
	if got := browsertest.Eval[string](p, `decodeURIComponent(document.querySelector(`+"`"+link+"`"+`).pathname)`); got != browsertest.SubPath+path[1:]+"/" {
		t.Fatalf("the link leads to %q, want the page at %q", got, path)
	}
	hover(t, p, link)
	waitFor(t, p, cardOpen)
	c := browsertest.Eval[card](p, readCard)
	if c.Title != "Тома Docker" || len(c.Text) != 1 || c.Text[0] != "Том хранит данные вне слоя контейнера, доступного для записи." {
		t.Errorf("preview %q %q", c.Title, c.Text)
	}
	fetched := previewRequests(p)
	k := shardCount(t, p)
	shard := built.site.URL(strings.TrimPrefix(linkpreview.ShardPath(linkpreview.Shard(path, k), k), "static/"))
	if !slices.Contains(p.Requests(), shard) || fetched != 1 {
		t.Errorf("requests %q, want the one shard %s", p.Requests(), shard)
	}
	p.AssertClean()
}

func TestLinkPreviewWithoutLinks(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL(unlinked))
	if n := browsertest.Eval[int](p, `document.querySelectorAll("script[src*='preview']").length`); n != 1 {
		t.Fatalf("%d preview scripts on the page, want 1", n)
	}
	hover(t, p, `.content p`)
	time.Sleep(800 * time.Millisecond)
	if browsertest.Eval[bool](p, `!!document.querySelector(".link-preview")`) || previewRequests(p) != 0 {
		t.Error("a page without links made a preview")
	}
	p.AssertClean()
}

// TestLinkPreviewScreenshots writes pictures of an open preview, light
// and dark, into $CRIB_SCREENSHOTS when it is set.
func TestLinkPreviewScreenshots(t *testing.T) {
	dir := os.Getenv("CRIB_SCREENSHOTS")
	if dir == "" {
		t.Skip("CRIB_SCREENSHOTS is not set")
	}
	for _, scheme := range []string{"light", "dark"} {
		p := browsertest.New(t).Open(built.site.URL(readingList), browsertest.ColorScheme(scheme))
		hover(t, p, `.content a[href$="/notes/previews/volumes/#bind-mounts"]`)
		waitFor(t, p, cardOpen)
		time.Sleep(300 * time.Millisecond)
		png, err := chromedp.Run(p.Context(), chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/preview-"+scheme+".png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
