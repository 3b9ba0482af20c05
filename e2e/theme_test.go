package e2e

import (
	"encoding/base64"
	"github.com/crib-notes/crib/internal/htmltest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/hugorun"
	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// themeSite is a small site in the shape the generator writes, to pin what
// the theme's render hooks make of each construct. Test data stays visible.
const themeSite = `
-- content/notes/_index.md --
---
title: Notes
---
-- content/notes/docker/_index.md --
---
title: Docker
---
-- content/notes/docker/basics/index.md --
---
title: Docker Basics
date: 2025-12-19
tags: [Docker]
params:
  crib:
    source: Docker/Basics.md
    questions: 9
---
## Interview Q: "What were the pain points before Docker?"
## Q: "Can you run containers without Docker?"
## Q1. what's the difference between a docker image and a container?
## Q 2: volumes vs bind mounts
## Follow-Up: "So didn't VMs solve this?"
## Follow-up question
## Scenario 1: "Container keeps crashing. How do you debug?"
## Trap: the latest tag
## Question (EN)
## How does a pod restart?
## 10. ADVANCED FOLLOW-UPS & TRAP QUESTIONS
## Quick Reference: One-Liners for Each Topic
## Real-World Answer to Follow-Up:
## 5. DO CONTAINERS RUN ON VMs? The Production View
## Questions to ask the interviewer
## Queue design

> [!faq]- Folded FAQ
> closed

> [!tip]+ Open tip
> open

> [!caution] Careful
> warning

> [!cite]
> quote

> [!nonsense] Odd
> note

> Just a quote.

[page](/notes/docker/images#layers)
[missing](/notes/docker/nowhere)
[missing note](Nowhere.md)
[external](https://example.com/x)
[local](#queue-design)
[pdf](/cheatsheet.pdf)

![Gopher](gopher.png?w=120)

| A | B |
|---|---|
| 1 | 2 |
-- content/notes/docker/images/index.md --
---
title: Images
---
## Layers
`

// gopherPNG is a 240×160 PNG.
const gopherPNG = "iVBORw0KGgoAAAANSUhEUgAAAPAAAACgCAIAAAC9uXYyAAAAh0lEQVR42u3BgQAAAADDoPlTH+ECVQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADPAMKvAAEC1MjPAAAAAElFTkSuQmCC"

// buildThemeSite builds themeSite with the repository's theme and
// hugo.toml under a sub-path and returns the output directory and Hugo's
// warnings.
func buildThemeSite(t *testing.T) (string, []diag.Diagnostic) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"hugo.toml", "themes"} {
		if err := copyTree(filepath.Join(repoRoot, name), filepath.Join(dir, name)); err != nil {
			if err := copyFile(filepath.Join(repoRoot, name), filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range txtar.Parse([]byte(themeSite)).Files {
		if err := copyBytes(filepath.Join(dir, f.Name), f.Data); err != nil {
			t.Fatal(err)
		}
	}
	png, _ := base64.StdEncoding.DecodeString(gopherPNG)
	if err := copyBytes(filepath.Join(dir, "content/notes/docker/basics/gopher.png"), png); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	diags, err := hugorun.Build(hugorun.Options{Source: dir, Destination: public, BaseURL: "https://example.github.io/interview-notes/"})
	if err != nil {
		t.Fatalf("hugo: %v %v", err, diags)
	}
	return public, diags
}

func copyBytes(dst string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

func TestThemeRenderHooks(t *testing.T) {
	public, diags := buildThemeSite(t)
	doc := htmltest.ParseFile(t, filepath.Join(public, "notes/docker/basics/index.html"))
	content := htmltest.Find(doc, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "content") })
	if content == nil {
		t.Fatal("no .content element")
	}

	t.Run("question headings", func(t *testing.T) {
		want := map[string]string{ // heading text prefix -> class ("" for none)
			`Interview Q: “What were`:          "q q-question",
			`Q: “Can you run`:                  "q q-question",
			`Q1. what’s the difference`:        "q q-question",
			`Q 2: volumes`:                     "q q-question",
			`Follow-Up: “So didn’t`:            "q q-follow-up",
			`Follow-up question`:               "q q-follow-up",
			`Scenario 1: “Container`:           "q q-scenario",
			`Trap: the latest tag`:             "q q-trap",
			`Question (EN)`:                    "q q-question",
			`How does a pod restart?`:          "q q-question",
			`10. ADVANCED FOLLOW-UPS`:          "",
			`Quick Reference: One-Liners`:      "",
			`Real-World Answer to Follow-Up:`:  "",
			`5. DO CONTAINERS RUN ON VMs?`:     "",
			`Questions to ask the interviewer`: "",
			`Queue design`:                     "",
		}
		seen := 0
		for _, h := range htmltest.FindAll(content, func(n *html.Node) bool { return n.Data == "h2" }) {
			text := strings.TrimSpace(strings.TrimPrefix(htmltest.Text(h), badgeText(h)))
			for prefix, class := range want {
				if !strings.HasPrefix(text, prefix) {
					continue
				}
				seen++
				if got := htmltest.Attr(h, "class"); got != class {
					t.Errorf("%q: class %q, want %q", text, got, class)
				}
				hasBadge := badgeText(h) != ""
				if hasBadge != (class != "") {
					t.Errorf("%q: badge %v, want %v", text, hasBadge, class != "")
				}
				if a := htmltest.Find(h, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "anchor" }); a == nil || htmltest.Attr(a, "href") != "#"+htmltest.Attr(h, "id") {
					t.Errorf("%q: no anchor link to #%s", text, htmltest.Attr(h, "id"))
				}
			}
		}
		if seen != len(want) {
			t.Errorf("matched %d headings, want %d", seen, len(want))
		}
	})

	t.Run("callouts", func(t *testing.T) {
		for _, c := range []struct{ title, tag, class, open string }{
			{"Folded FAQ", "details", "callout callout-question", "no"},
			{"Open tip", "details", "callout callout-tip", "yes"},
			{"Careful", "div", "callout callout-warning", ""},
			{"Cite", "div", "callout callout-quote", ""},
			{"Odd", "div", "callout callout-note", ""},
		} {
			n := htmltest.Find(content, func(n *html.Node) bool {
				return strings.HasPrefix(htmltest.Attr(n, "class"), "callout ") && strings.Contains(htmltest.Text(n), c.title)
			})
			if n == nil {
				t.Errorf("%s: no callout", c.title)
				continue
			}
			if n.Data != c.tag || htmltest.Attr(n, "class") != c.class {
				t.Errorf("%s: <%s class=%q>, want <%s class=%q>", c.title, n.Data, htmltest.Attr(n, "class"), c.tag, c.class)
			}
			_, open := htmltest.HasAttr(n, "open")
			if c.open != "" && open != (c.open == "yes") {
				t.Errorf("%s: open = %v", c.title, open)
			}
		}
		if q := htmltest.Find(content, func(n *html.Node) bool { return n.Data == "blockquote" }); q == nil || !strings.Contains(htmltest.Text(q), "Just a quote.") {
			t.Error("a plain blockquote is not a blockquote")
		}
	})

	t.Run("links", func(t *testing.T) {
		want := map[string]string{
			"page":     "/interview-notes/notes/docker/images/#layers",
			"missing":  "/interview-notes/notes/docker/nowhere",
			"external": "https://example.com/x",
			"local":    "#queue-design",
			"pdf":      "/interview-notes/cheatsheet.pdf",
		}
		for text, href := range want {
			a := htmltest.Find(content, func(n *html.Node) bool { return n.Data == "a" && htmltest.Text(n) == text })
			if a == nil || htmltest.Attr(a, "href") != href {
				t.Errorf("[%s]: href %q, want %q", text, htmltest.Attr(a, "href"), href)
			}
		}
		var warned []string
		for _, d := range diags {
			if strings.Contains(d.Message, "link to missing page") {
				warned = append(warned, d.Message)
			}
		}
		// A link to a .md file that is no note is a missing page too.
		slices.Sort(warned)
		if len(warned) != 2 || !strings.Contains(warned[0], `Docker/Basics.md`) || !strings.Contains(warned[0], `"/notes/docker/nowhere"`) || !strings.Contains(warned[1], `"Nowhere.md"`) {
			t.Errorf("missing-page warnings = %q; want two naming Docker/Basics.md, /notes/docker/nowhere and Nowhere.md", warned)
		}
	})

	t.Run("image", func(t *testing.T) {
		img := htmltest.Find(content, func(n *html.Node) bool { return n.Data == "img" })
		if img == nil {
			t.Fatal("no img")
		}
		for k, v := range map[string]string{
			"src": "/interview-notes/notes/docker/basics/gopher.png", "alt": "Gopher",
			"width": "120", "height": "80", "loading": "lazy",
		} {
			if got := htmltest.Attr(img, k); got != v {
				t.Errorf("img %s = %q, want %q", k, got, v)
			}
		}
	})

	t.Run("table", func(t *testing.T) {
		w := htmltest.Find(content, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "table-wrap" })
		if w == nil || htmltest.Attr(w, "tabindex") != "0" || htmltest.Attr(w, "role") != "region" || htmltest.Attr(w, "aria-label") != "Table: A, B" {
			t.Fatalf("table wrapper missing or unlabelled: %v", w)
		}
		if htmltest.Find(w, func(n *html.Node) bool { return n.Data == "table" }) == nil {
			t.Error("no table inside the wrapper")
		}
	})
}

func TestPrevNextFollowTitleOrder(t *testing.T) {
	public, _ := buildThemeSite(t)
	for page, want := range map[string]map[string]string{
		"notes/docker/basics/index.html": {"next": "/interview-notes/notes/docker/images/"},
		"notes/docker/images/index.html": {"prev": "/interview-notes/notes/docker/basics/"},
	} {
		nav := htmltest.Find(htmltest.ParseFile(t, filepath.Join(public, page)), func(n *html.Node) bool { return htmltest.Attr(n, "class") == "prev-next" })
		if nav == nil {
			t.Errorf("%s: no previous/next links", page)
			continue
		}
		got := map[string]string{}
		for _, a := range htmltest.FindAll(nav, func(n *html.Node) bool { return n.Data == "a" }) {
			got[htmltest.Attr(a, "rel")] = htmltest.Attr(a, "href")
		}
		if len(got) != len(want) || got["prev"] != want["prev"] || got["next"] != want["next"] {
			t.Errorf("%s: links %v, want %v", page, got, want)
		}
	}
}

func badgeText(h *html.Node) string {
	if b := htmltest.Find(h, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "q-badge" }); b != nil {
		return htmltest.Text(b)
	}
	return ""
}
