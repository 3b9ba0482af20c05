package e2e

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/crib-notes/crib/internal/browsertest"
)

// seedTerms are the terms of the test vault's interview note's "Quick
// Reference" list, in order.
var seedTerms = []string{
	"Shared host", "Bridge", "veth pair", "Published port", "Overlay", "Network namespace",
	"conntrack", "IPv6", "Routed CNI", "Service", "Request path",
}

func TestCheatsheetPageListsOneLinersAndPDFs(t *testing.T) {
	p := browsertest.New(t).Open(built.site.URL("cheatsheet/"))
	p.AssertClean()

	// The interview note's group holds its eleven terms in order.
	groups := browsertest.Eval[[][]string](p, `[...document.querySelectorAll(".cs-group")].map(g =>
		[...g.querySelectorAll(".cs-term")].map(t => t.textContent))`)
	var seed []string
	for _, g := range groups {
		if slices.Contains(g, "Shared host") {
			seed = g
		}
	}
	if !slices.Equal(seed, seedTerms) {
		t.Errorf("interview note group terms = %q, want %q", seed, seedTerms)
	}
	items := browsertest.Eval[[]string](p, `[...document.querySelectorAll(".cs-item")].map(i => i.textContent)`)
	if !slices.ContainsFunc(items, func(s string) bool {
		return strings.Contains(s, "Request path: Client → load balancer → ingress → Service → pod")
	}) {
		t.Errorf("the interview note's last one-liner is not on the page: %q", items)
	}

	// Every PDF link is under the sub-path and serves a PDF.
	links := browsertest.Eval[[]string](p, `[...document.querySelectorAll(".cs-downloads a")].map(a => a.href)`)
	if len(links) == 0 || !strings.HasSuffix(links[0], browsertest.SubPath+"cheatsheet.pdf") {
		t.Fatalf("PDF links = %q, want the whole-vault sheet first, under %s", links, browsertest.SubPath)
	}
	for _, l := range links {
		resp, err := http.Get(l)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s: status %d, %d bytes, not a PDF", l, resp.StatusCode, len(b))
		}
	}

	// Printed, the page drops its links and sets the groups in columns.
	ctx, cancel := context.WithTimeout(p.Context(), browsertest.Timeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := browsertest.Eval[[]string](p, `[getComputedStyle(document.querySelector(".cs-groups")).columnCount,
		getComputedStyle(document.querySelector(".cs-downloads")).display,
		getComputedStyle(document.querySelector(".site-header")).display]`)
	if !slices.Equal(printed, []string{"3", "none", "none"}) {
		t.Errorf("print styles (columns, downloads, site header) = %q", printed)
	}
}

// poppler returns the path of a poppler tool: missing, it fails the test
// in CI and skips it loudly elsewhere.
func poppler(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found: CI must install poppler-utils", name)
		}
		t.Skipf("SKIPPING: %s not found; install poppler-utils to check the published PDFs", name)
	}
	return p
}

func TestCheatsheetPDFsArePublished(t *testing.T) {
	pdfs, err := filepath.Glob(filepath.Join(built.public, "cheatsheet*.pdf"))
	if err != nil || len(pdfs) < 2 {
		t.Fatalf("published cheat sheets: %v (%v); want the whole vault and one per top-level tag", pdfs, err)
	}
	onePage := regexp.MustCompile(`(?m)^Pages:\s+1$`)
	for _, f := range pdfs {
		out, err := exec.Command(poppler(t, "pdfinfo"), f).CombinedOutput()
		if err != nil || !onePage.Match(out) {
			t.Errorf("%s: not one page (%v):\n%s", filepath.Base(f), err, out)
		}
	}
	out, err := exec.Command(poppler(t, "pdftotext"), "-enc", "UTF-8", filepath.Join(built.public, "cheatsheet.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, term := range seedTerms {
		if !strings.Contains(text, term+":") {
			t.Errorf("cheatsheet.pdf lacks %q", term)
		}
	}
}
