package browsertest

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageRecordsProblems proves the harness notices what a site test must
// catch: a console error, an exception, a missing asset and a request to
// another host.
func TestPageRecordsProblems(t *testing.T) {
	dir := writeSite(t, map[string]string{
		// The icon link keeps Chromium from asking for /favicon.ico, which
		// it does on its own after some loads but not others.
		"index.html": `<!doctype html><html lang="en"><title>ok</title><link rel="icon" href="data:,"><p id="p">fine</p>`,
		"bad/index.html": `<!doctype html><html lang="en"><title>bad</title>
<img src="missing.png" alt="">
<img src="http://example.invalid/x.png" alt="">
<script>console.error("boom"); null.x;</script>`,
	})
	site := Serve(dir)
	defer site.Close()
	b := New(t)

	ok := b.Open(site.URL(""))
	if got := Eval[string](ok, `document.getElementById("p").textContent`); got != "fine" {
		t.Errorf("page text = %q", got)
	}
	if e, f, r := ok.ConsoleErrors(), ok.FailedRequests(), ok.ForeignRequests(); len(e)+len(f)+len(r) > 0 {
		t.Errorf("clean page: console %v, failed %v, foreign %v", e, f, r)
	}

	bad := b.Open(site.URL("bad/"))
	bad.Do(chromedp.Sleep(200e6)) // let the failed image loads report
	console := strings.Join(bad.ConsoleErrors(), "\n")
	for _, want := range []string{"boom", "TypeError"} {
		if !strings.Contains(console, want) {
			t.Errorf("console errors %q: missing %q", console, want)
		}
	}
	if f := strings.Join(bad.FailedRequests(), "\n"); !strings.Contains(f, "404 "+site.URL("bad/missing.png")) {
		t.Errorf("failed requests %q: missing the 404", f)
	}
	if r := bad.ForeignRequests(); !slices.Contains(r, "http://example.invalid/x.png") {
		t.Errorf("foreign requests %q: missing example.invalid", r)
	}
}

func TestServeUnderSubPath(t *testing.T) {
	dir := writeSite(t, map[string]string{"index.html": "home"})
	site := Serve(dir)
	defer site.Close()
	if !strings.HasSuffix(site.BaseURL(), SubPath) || !strings.HasPrefix(site.BaseURL(), "http://127.0.0.1:") {
		t.Errorf("BaseURL = %q", site.BaseURL())
	}
	for url, want := range map[string]int{
		site.URL(""):           200,
		site.URL("index.html"): 200,
		strings.TrimSuffix(site.BaseURL(), SubPath) + "/index.html": 404,
	} {
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", url, resp.StatusCode, want)
		}
	}
}
