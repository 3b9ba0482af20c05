package browsertest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCheckLinks(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"index.html": `<!doctype html><title>x</title>
<link rel="stylesheet" href="/interview-notes/css/site.css">
<link rel="canonical" href="https://example.github.io/interview-notes/">
<a href="/interview-notes/notes/docker/">ok, section</a>
<a href="notes/docker/#what-is-docker">ok, relative with fragment</a>
<a href="/interview-notes/notes/docker/#no-such-heading">bad fragment</a>
<a href="/notes/docker/">leading slash, outside the sub-path</a>
<a href="/interview-notes/notes/missing/">missing page</a>
<a href="https://other.example/x">another site</a>
<a href="mailto:me@example.com">mail</a>
<a href="#main">own fragment</a>
<a href="">empty: the page itself</a>
<a href="notes/docker/#card=12">script state, not an id</a>
<a href="#nowhere">bad own fragment</a>
<img src="/interview-notes/img/a.png">
<img src="/interview-notes/img/missing.png">
<main id="main"></main>`,
		"css/site.css":             "body{}",
		"img/a.png":                "png",
		"notes/docker/index.html":  `<h2 id="what-is-docker">What is Docker</h2><a href="../../">home</a><a href="../..">home, no slash</a>`,
		"notes/docker/gopher.html": `<a href="index.html#what-is-docker">same folder</a>`,
	})
	got, err := CheckLinks(dir, "https://example.github.io/interview-notes/")
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, b := range got {
		urls = append(urls, b.URL)
		t.Log(b)
	}
	want := []string{
		"/interview-notes/notes/docker/#no-such-heading",
		"/notes/docker/",
		"/interview-notes/notes/missing/",
		"#nowhere",
		"/interview-notes/img/missing.png",
	}
	if !slices.Equal(urls, want) {
		t.Errorf("broken links:\n got %q\nwant %q", urls, want)
	}
}

func TestCheckLinksCleanSite(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"index.html":   `<a href="a/">a</a><a href="http://127.0.0.1:8080/sub/a/">absolute</a>`,
		"a/index.html": `<a href="/sub/">up</a>`,
	})
	got, err := CheckLinks(dir, "http://127.0.0.1:8080/sub")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("want no broken links, got %v", got)
	}
}
