package cli

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/htmltest"
)

// bilingualVaultCopy copies testdata/vault-bilingual into a vault of its
// own, with notes added as name -> text: a note whose file name holds a
// "?" cannot be kept in the repository, which is checked out on Windows
// too.
func bilingualVaultCopy(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, text := range fixtures.Tree(t, filepath.Join(repoRoot, "testdata", "vault-bilingual")) {
		writeFile(t, dir, rel, []byte(text))
	}
	for name, text := range extra {
		writeFile(t, dir, name, []byte(text))
	}
	return dir
}

// TestTitlesAndURLs builds the bilingual vault, whose notes open with
// label headings ("# Question (EN)", "# Вопрос (RU)", a shared
// "# Overview"), through Hugo, and reads what a reader sees: each note
// titled with its question or its file name, at the URL of its file path,
// wherever the site names it (its page, its folder's list, links from
// other notes, search, the practice cards).
func TestTitlesAndURLs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	vault := bilingualVaultCopy(t, map[string]string{
		"Networking/Why UDP?.md": "---\ntags: [networking]\n---\n# Overview\n\nWhy is UDP used for DNS?\n",
		// Its folder would be index.html/, beside the folder's own page.
		"Networking/index.html.md": "A note named like a page file.\n",
	})
	pub := filepath.Join(t.TempDir(), "public")
	const base = "/interview-notes/"
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", pub, "--baseURL", "https://example.github.io"+base)
	if code != exitOK {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}

	pages := []struct{ source, url, title string }{
		{"70-Kotlin/q-stateflow-vs-sharedflow--kotlin--medium.md", "notes/70-kotlin/q-stateflow-vs-sharedflow--kotlin--medium/", "How is a `StateFlow` unlike a `SharedFlow`?"},
		{"70-Kotlin/q-what-is-a-dispatcher--kotlin--easy.md", "notes/70-kotlin/q-what-is-a-dispatcher--kotlin--easy/", "What does a coroutine `Dispatcher` decide?"},
		{"70-Kotlin/q-launch-vs-async--kotlin--medium.md", "notes/70-kotlin/q-launch-vs-async--kotlin--medium/", "What is the difference between `launch` and `async`?"},
		{"Kotlin/flow-basics.md", "notes/kotlin/flow-basics/", "What is `Flow` in Kotlin, and how is it unlike a `Sequence`?"},
		{"Kotlin/scope-answers-first.md", "notes/kotlin/scope-answers-first/", "Why does every coroutine need a `CoroutineScope`?"},
		{"Go/channel-close.md", "notes/go/channel-close/", "Who should close a channel, and when?"},
		{"Go/defer-order.md", "notes/go/defer-order/", "В каком порядке выполняются отложенные вызовы `defer`?"},
		{"Go/select-default.md", "notes/go/select-default/", "select-default"},
		{"Algorithms/stable-sort.md", "notes/algorithms/stable-sort/", "What makes a sort stable?"},
		{"Networking/dns.md", "notes/networking/dns/", "How does a resolver find the address of a name?"},
		{"Networking/tcp-handshake.md", "notes/networking/tcp-handshake/", "tcp-handshake"},
		{"Networking/Что такое NAT.md", "notes/networking/что-такое-nat/", "Что такое NAT"},
		{"Networking/HTTP#2 streams.md", "notes/networking/http2-streams/", "HTTP#2 streams"},
		{"Networking/Why UDP?.md", "notes/networking/why-udp/", "Why is UDP used for DNS?"},
		{"Networking/Load balancing.md", "notes/networking/load-balancing/", "Load balancing"},
		{"Networking/load-balancing.md", "notes/networking/load-balancing-2/", "load-balancing"},
		{"Networking/A reverse proxy in front of many servers.md", "notes/networking/reverse-proxy/", "A reverse proxy in front of many servers"},
		{"Networking/index.html.md", "notes/networking/index-html/", "index.html"},
	}
	for _, p := range pages {
		doc := htmltest.ParseFile(t, filepath.Join(pub, filepath.FromSlash(p.url), "index.html"))
		if h1 := htmltest.FindAll(doc, htmltest.Tag("h1")); len(h1) == 0 || htmltest.Text(h1[0]) != p.title {
			t.Errorf("%s: first h1 %v, want %q", p.source, h1, p.title)
		}
	}
	// A label that is not the title is a heading of the page.
	dns := htmltest.ParseFile(t, filepath.Join(pub, "notes/networking/dns/index.html"))
	var h1s []string
	for _, h := range htmltest.FindAll(dns, htmltest.Tag("h1")) {
		h1s = append(h1s, htmltest.Text(h))
	}
	// The theme gives a heading a "#" link to itself.
	if len(h1s) != 2 || strings.TrimSuffix(h1s[1], "#") != "Overview" {
		t.Errorf("dns: h1s %q, want the title and the label Overview", h1s)
	}
	if want := "Networking/load-balancing.md: warning: URL /notes/networking/load-balancing/ is taken by Networking/Load balancing.md; this note is published at /notes/networking/load-balancing-2/"; !strings.Contains(stderr, want) {
		t.Errorf("no collision warning %q in:\n%s", want, stderr)
	}
	if strings.Contains(stderr, "is also the title of") {
		t.Errorf("notes share a title:\n%s", stderr)
	}

	// Folder lists name each note by its title, none twice.
	kotlin := htmltest.ParseFile(t, filepath.Join(pub, "notes/70-kotlin/index.html"))
	var listed []string
	for _, a := range htmltest.FindAll(kotlin, htmltest.Tag("a")) {
		if strings.HasPrefix(htmltest.Attr(a, "href"), base+"notes/70-kotlin/q-") {
			listed = append(listed, htmltest.Text(a))
		}
	}
	slices.Sort(listed)
	listed = slices.Compact(listed)
	if want := []string{"How is a `StateFlow` unlike a `SharedFlow`?", "What does a coroutine `Dispatcher` decide?", "What is the difference between `launch` and `async`?"}; !slices.Equal(listed, want) {
		t.Errorf("70-Kotlin lists %q, want %q", listed, want)
	}

	// Wikilinks by file name lead to the pages at their new URLs.
	links := htmltest.ParseFile(t, filepath.Join(pub, "notes/networking/links/index.html"))
	var hrefs []string
	for _, a := range htmltest.FindAll(links, htmltest.Tag("a")) {
		href := htmltest.Attr(a, "href")
		if !strings.HasPrefix(href, base+"notes/") || strings.HasSuffix(href, "/notes/networking/") {
			continue
		}
		path, err := url.PathUnescape(strings.TrimPrefix(href, base))
		if err != nil {
			t.Errorf("link %q: %v", href, err)
		}
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(path), "index.html")); err != nil {
			t.Errorf("link %q leads to no page: %v", href, err)
		}
		hrefs = append(hrefs, path)
	}
	for _, want := range []string{
		"notes/networking/dns/", "notes/networking/tcp-handshake/", "notes/networking/что-такое-nat/",
		"notes/networking/load-balancing/", "notes/networking/load-balancing-2/", "notes/networking/reverse-proxy/",
		"notes/70-kotlin/q-stateflow-vs-sharedflow--kotlin--medium/",
	} {
		if !slices.Contains(hrefs, want) {
			t.Errorf("the links page does not link to %s: %q", want, hrefs)
		}
	}

	// Search finds a note by its question, at its URL.
	ix, err := search.LoadDir(filepath.Join(site, filepath.FromSlash(search.Dir)))
	if err != nil {
		t.Fatal(err)
	}
	if res := search.Query(ix, "resolver address"); len(res) == 0 || res[0].Title != "How does a resolver find the address of a name?" || res[0].URL != "notes/networking/dns/" {
		t.Errorf("search for the dns note: %+v", res)
	}

	// Each card names its note by title and URL.
	data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(practice.JSONPath)))
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Cards []struct{ Question, Lang, Note, Page, Anchor string }
	}
	if err := json.Unmarshal(data, &export); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, c := range export.Cards {
		if c.Page == "notes/70-kotlin/q-stateflow-vs-sharedflow--kotlin--medium/" && c.Anchor != "" {
			found++
			if c.Note != "How is a `StateFlow` unlike a `SharedFlow`?" {
				t.Errorf("card %q names its note %q", c.Question, c.Note)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d cards of the StateFlow note, want 2 (one per language)", found)
	}
}

// TestTitleLanguage: language under [params.crib] chooses which of a
// note's questions titles it.
func TestTitleLanguage(t *testing.T) {
	vault := filepath.Join(repoRoot, "testdata", "vault-bilingual")
	for lang, want := range map[string]string{
		"":   "title: How is a `StateFlow` unlike a `SharedFlow`?\n",
		"ru": "title: Чем `StateFlow` отличается от `SharedFlow`?\n",
	} {
		site := t.TempDir()
		writeFile(t, site, "hugo.toml", []byte("[params.crib]\nlanguage = \""+lang+"\"\n"))
		if code, _, stderr := runCLI(t, "build", "--no-hugo", "--site", site, "--vault", vault); code != exitOK {
			t.Fatalf("language %q: build exit %d:\n%s", lang, code, stderr)
		}
		data, _ := os.ReadFile(filepath.Join(site, "content/notes/70-kotlin/q-stateflow-vs-sharedflow--kotlin--medium/index.md"))
		if !strings.Contains(string(data), want) {
			t.Errorf("language %q: want %q in\n%s", lang, want, data)
		}
	}
}
