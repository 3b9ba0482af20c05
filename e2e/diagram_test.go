package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/internal/browsertest"
)

// diagramVault holds a flowchart and a sequence diagram, a diagram
// Mermaid cannot read, one whose labels and clicks try to run script,
// and a note without a diagram.
var diagramVault = filepath.Join(repoRoot, "testdata", "hostile", "diagrams")

// buildDiagrams builds diagramVault, served under browsertest.SubPath
// (the vendored library is left out when blockMermaid is set, as when
// it cannot load), and returns the site's URL.
func buildDiagrams(t *testing.T, blockMermaid bool) string {
	t.Helper()
	work := t.TempDir()
	site, pub := filepath.Join(work, "site"), filepath.Join(work, "public")
	if err := copySite(site); err != nil {
		t.Fatal(err)
	}
	var files http.Handler = http.StripPrefix(strings.TrimSuffix(browsertest.SubPath, "/"), http.FileServer(http.Dir(pub)))
	if blockMermaid {
		next := files
		files = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/vendor/mermaid/") {
				http.NotFound(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
	srv := httptest.NewServer(files)
	t.Cleanup(srv.Close)
	base := srv.URL + browsertest.SubPath
	var out strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if code := cli.Run(ctx, []string{"build", "--vault", diagramVault, "--site", site, "--destination", pub, "--baseURL", base}, &out, &out); code != 0 {
		t.Fatalf("build exit %d:\n%s", code, out.String())
	}
	if _, err := os.Stat(filepath.Join(pub, "vendor", "mermaid", "LICENSE")); err != nil {
		t.Errorf("the library's license is not published with it: %v", err)
	}
	return base
}

type diagramState struct {
	Drawn, Failed, Visible int // diagrams drawn, that failed, drawings shown
	SourcesShown           int // sources on screen
	Fill                   string
	Errors                 []string
}

const diagramStateJS = `(() => {
	const shown = e => e && getComputedStyle(e).display !== "none";
	const drawings = [...document.querySelectorAll(".diagram .diagram-drawing")].filter(shown);
	const node = drawings.length ? drawings[0].querySelector("svg .node rect, svg .node path, svg rect.actor") : null;
	return {
		Drawn: document.querySelectorAll(".diagram[data-drawn]").length,
		Failed: document.querySelectorAll(".diagram[data-failed]").length,
		Visible: drawings.filter(d => d.querySelector("svg")).length,
		SourcesShown: [...document.querySelectorAll(".diagram .diagram-source")].filter(shown).length,
		Fill: node ? getComputedStyle(node).fill : "",
		Errors: [...document.querySelectorAll(".diagram-error")].map(e => e.textContent),
	};
})()`

// TestDiagramsDrawnAndFollowDarkMode: a page's Mermaid blocks become SVG
// drawings in their containers, a diagram Mermaid cannot read keeps its
// source with a short reason, the toggle switches every drawing to its
// dark colours with no redraw, and printing shows the light drawing.
func TestDiagramsDrawnAndFollowDarkMode(t *testing.T) {
	base := buildDiagrams(t, false)
	p := browsertest.New(t).Open(base + "notes/request-flow/")
	waitFor(t, p, `document.querySelectorAll(".diagram[data-drawn], .diagram[data-failed]").length === 3`)
	light := browsertest.Eval[diagramState](p, diagramStateJS)
	if light.Drawn != 2 || light.Failed != 1 || light.Visible != 2 || light.SourcesShown != 1 {
		t.Errorf("light: %+v; want 2 drawn and shown, 1 failed with its source shown", light)
	}
	if len(light.Errors) != 1 || !strings.HasPrefix(light.Errors[0], "Not drawn: ") {
		t.Errorf("errors shown: %q", light.Errors)
	}
	if n := browsertest.Eval[int](p, `document.querySelectorAll(".diagram[data-drawn] .diagram-drawing svg").length`); n != 4 {
		t.Errorf("%d drawings in the diagrams' containers, want a light and a dark one of each of 2", n)
	}
	p.Do(chromedp.Click(chromedp.CSS("#theme-toggle")))
	dark := browsertest.Eval[diagramState](p, diagramStateJS)
	if dark.Visible != 2 || dark.Fill == "" || dark.Fill == light.Fill {
		t.Errorf("dark: %+v; light fill %q: the drawing does not follow the theme", dark, light.Fill)
	}
	if th := browsertest.Eval[[]string](p, `[...document.querySelectorAll(".diagram-drawing")].filter(d => getComputedStyle(d).display !== "none").map(d => d.dataset.theme)`); strings.Join(th, ",") != "dark,dark" {
		t.Errorf("drawings shown in dark mode: %v", th)
	}
	p.Do(browsertest.Media("print"))
	printed := browsertest.Eval[diagramState](p, diagramStateJS)
	if printed.Visible != 2 || printed.Fill != light.Fill {
		t.Errorf("print: %+v; want the light drawings (fill %q)", printed, light.Fill)
	}
	p.AssertClean()
}

// TestDiagramsLoadOnlyWhereNeeded: a page without a diagram loads no
// diagram script, and a page with one loads the library's parts that its
// diagram needs.
func TestDiagramsLoadOnlyWhereNeeded(t *testing.T) {
	base := buildDiagrams(t, false)
	b := browsertest.New(t)
	none := b.Open(base + "notes/no-diagram/")
	for _, r := range none.Requests() {
		if strings.Contains(r, "/vendor/mermaid/") || strings.Contains(r, "/js/diagram") {
			t.Errorf("a page without a diagram loaded %s", r)
		}
	}
	if n := browsertest.Eval[int](none, `document.querySelectorAll("script[data-mermaid], .diagram").length`); n != 0 {
		t.Errorf("%d diagram scripts or containers on a page without a diagram", n)
	}
	none.AssertClean()

	one := b.Open(base + "notes/hostile-diagram/")
	waitFor(t, one, `document.querySelectorAll(".diagram[data-drawn], .diagram[data-failed]").length === 1`)
	bytes := browsertest.Eval[int](one, `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((n, e) => n + e.encodedBodySize, 0)`)
	mermaid := browsertest.Eval[int](one, `performance.getEntriesByType("resource").filter(e => e.name.includes("/vendor/mermaid/")).reduce((n, e) => n + e.encodedBodySize, 0)`)
	files := browsertest.Eval[[]string](one, `performance.getEntriesByType("resource").map(e => e.name.replace(/^.*\/interview-notes\//, "")).sort()`)
	t.Logf("a page with one flowchart loads %d bytes, %d of them the diagram library: %s", bytes, mermaid, strings.Join(files, " "))
	one.AssertClean()
}

// TestDiagramsRunNothing: labels that hold HTML and clicks that call
// script stay text and do nothing, and the diagram's own directive cannot
// loosen the security level.
func TestDiagramsRunNothing(t *testing.T) {
	base := buildDiagrams(t, false)
	p := browsertest.New(t).Open(base + "notes/hostile-diagram/")
	waitFor(t, p, `document.querySelectorAll(".diagram[data-drawn], .diagram[data-failed]").length === 1`)
	type found struct {
		Drawn                       bool
		Elements, Handlers, JSLinks int
		Labels                      string
	}
	got := browsertest.Eval[found](p, `(() => {
		const d = document.querySelector(".diagram");
		const all = [...d.querySelectorAll(".diagram-drawing *")];
		return {
			Drawn: d.hasAttribute("data-drawn"),
			Elements: d.querySelectorAll(".diagram-drawing img, .diagram-drawing script, .diagram-drawing foreignObject").length,
			Handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith("on"))).length,
			JSLinks: all.filter(e => /javascript:/i.test(e.getAttribute("href") || e.getAttribute("xlink:href") || "")).length,
			Labels: [...d.querySelectorAll(".diagram-drawing svg g")].map(g => g.textContent).join(" "),
		};
	})()`)
	if !got.Drawn || got.Elements != 0 || got.Handlers != 0 || got.JSLinks != 0 {
		t.Errorf("hostile diagram: %+v", got)
	}
	// Mermaid strips the handler and the script from the labels, and
	// shows what is left of the markup as text.
	if !strings.Contains(got.Labels, `<img src="x">`) || strings.Contains(got.Labels, "alert") {
		t.Errorf("labels: %q", got.Labels)
	}
	p.Do(chromedp.Click(chromedp.CSS(".diagram-drawing .node")))
	p.AssertClean()
}

// TestDiagramSourceWithoutScript: with scripts off, or when the library
// cannot load, each diagram's source stays on the page as code.
func TestDiagramSourceWithoutScript(t *testing.T) {
	noScript := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	for _, tt := range []struct {
		name    string
		blocked bool
		setup   []chromedp.Action[chromedp.Void]
	}{
		{"scripts off", false, []chromedp.Action[chromedp.Void]{noScript}},
		{"library missing", true, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base := buildDiagrams(t, tt.blocked)
			p := browsertest.New(t).Open(base+"notes/request-flow/", tt.setup...)
			want := 0 // reasons shown: none without script
			if tt.blocked {
				waitFor(t, p, `document.querySelectorAll(".diagram[data-failed]").length === 3`)
				want = 3
			}
			got := browsertest.Eval[diagramState](p, diagramStateJS)
			if got.SourcesShown != 3 || got.Visible != 0 || len(got.Errors) != want {
				t.Errorf("%+v; want the 3 sources shown, with %d reasons", got, want)
			}
			for _, e := range got.Errors {
				if e != "Not drawn: the diagram library did not load" {
					t.Errorf("reason shown: %q", e)
				}
			}
			if src := browsertest.Eval[string](p, `document.querySelector(".diagram-source").textContent`); !strings.Contains(src, "flowchart LR") {
				t.Errorf("source shown: %q", src)
			}
		})
	}
}
