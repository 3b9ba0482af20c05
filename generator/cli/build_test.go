package cli

import (
	"bytes"
	"context"
	"github.com/crib-notes/crib/internal/htmltest"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/cheatsheet"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/internal/fixtures"
	"golang.org/x/net/html"
)

// copySite copies the repository's hand-written site (configuration,
// theme, pages) into a temporary folder, leaving out generated paths.
func copySite(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	for _, top := range []string{"hugo.toml", "themes", "layouts", "content", "static"} {
		root := filepath.Join(repoRoot, top)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repoRoot, p)
			if content.IsOwned(filepath.ToSlash(rel)) || strings.HasPrefix(filepath.ToSlash(rel)+"/", "content/notes/") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			writeFile(t, dst, rel, data)
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return dst
}

// TestBuildWithHugo builds the test vault and notes that link to it
// through Hugo with the Crib theme under a sub-path, and reads the HTML.
func TestBuildWithHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	writeFile(t, site, "content/about.md", []byte("---\ntitle: About\n---\nHand-written.\n"))
	vault := fixtureVault(t, map[string]string{
		"Links.md": strings.Join([]string{
			"---", "tags: [DevOps]", "---",
			"- [[Container Networking]]",
			"- [[Container Networking#Interview Q: \"How does Linux give a container its own network stack? Explain network namespaces and veth pairs.\"|namespaces]]",
			"- [[Container Networking#veth Pair Explanation:]]",
			"- [[git-and-ci|ci questions]]",
			"- [[#Local]] ^here",
			"", "## Local", "", "Back to [[Links#^here]].", "",
		}, "\n"),
	})
	pub := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", pub, "--baseURL", "https://example.github.io/interview-notes/")
	if code != exitOK {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(site, "content/about.md")); !strings.Contains(string(data), "Hand-written") {
		t.Errorf("the hand-written content/about.md did not survive the build")
	}

	seed := htmltest.ParseFile(t, filepath.Join(pub, "notes/docker/container-networking/index.html"))
	if h1 := htmltest.FindAll(seed, htmltest.Tag("h1")); len(h1) != 1 || htmltest.Text(h1[0]) != "Container Networking" {
		t.Errorf("seed h1 = %v", h1)
	}
	// Reading time comes from the generator's word count: about what Hugo
	// gives for the words of the rendered content (labels and badges the
	// theme adds make the page a little longer).
	body := htmltest.Find(seed, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "content prose") })
	meta := htmltest.Find(seed, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "page-meta" })
	if body == nil || meta == nil {
		t.Fatal("seed page has no content or page-meta")
	}
	m := regexp.MustCompile(`(\d+) min read`).FindStringSubmatch(htmltest.Text(meta))
	if m == nil {
		t.Fatalf("page-meta %q has no reading time", htmltest.Text(meta))
	}
	minutes, _ := strconv.Atoi(m[1])
	if want := (len(strings.Fields(htmltest.Text(body))) + 212) / 213; minutes < want-1 || minutes > want+1 || minutes < 1 {
		t.Errorf("reading time %d min, Hugo would say %d", minutes, want)
	}
	var tagLinks []string
	for _, a := range htmltest.FindAll(seed, htmltest.Tag("a")) {
		if strings.Contains(htmltest.Attr(a, "href"), "/tags/") && htmltest.Attr(a, "href") != "/interview-notes/tags/" {
			tagLinks = append(tagLinks, strings.TrimSuffix(htmltest.Text(a), " (tag)"))
		}
	}
	if !slices.Contains(tagLinks, "DevOps") || !slices.Contains(tagLinks, "Docker") {
		t.Errorf("seed tag links = %q", tagLinks)
	}
	tables := htmltest.FindAll(seed, htmltest.Tag("table"))
	if len(tables) != 2 {
		t.Fatalf("seed has %d tables, want 2", len(tables))
	}
	for i, tb := range tables {
		for _, tr := range htmltest.FindAll(tb, htmltest.Tag("tr")) {
			if cells := htmltest.FindAll(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" }); len(cells) != 3 {
				t.Errorf("table %d row %q has %d cells, want 3", i, htmltest.Text(tr), len(cells))
			}
		}
	}
	var langs []string
	for _, c := range htmltest.FindAll(seed, htmltest.Tag("code")) {
		if l := htmltest.Attr(c, "data-lang"); l != "" {
			langs = append(langs, l)
		}
	}
	if len(langs) != 10 || strings.Count(strings.Join(langs, ","), "text") != 9 || !slices.Contains(langs, "docker") {
		t.Errorf("seed fence languages = %v, want nine text and one docker", langs)
	}

	// Every heading id the generator computed is an id in the HTML, and
	// every link between notes lands on a page and an id that exist.
	ids := idsIn(seed)
	for _, want := range []string{
		"interview-q-what-broke-when-every-service-shared-the-hosts-network",
		"interview-q-how-does-linux-give-a-container-its-own-network-stack-explain-network-namespaces-and-veth-pairs",
		"veth-pair-explanation",
		"quick-reference-one-liners-to-remember",
		"scenario-1-pods-cant-reach-each-other-how-do-you-debug",
	} {
		if !ids[want] {
			t.Errorf("seed page has no id %q", want)
		}
	}
	links := htmltest.ParseFile(t, filepath.Join(pub, "notes/links/index.html"))
	checked := 0
	for _, a := range htmltest.FindAll(links, htmltest.Tag("a")) {
		href := htmltest.Attr(a, "href")
		if !strings.HasPrefix(href, "/interview-notes/notes/") && !strings.HasPrefix(href, "#") {
			continue
		}
		page, frag, _ := strings.Cut(href, "#")
		// Browsers match the percent-decoded fragment against ids.
		frag, _ = url.PathUnescape(frag)
		target := links
		if page != "" {
			file := filepath.Join(pub, strings.TrimPrefix(page, "/interview-notes/"), "index.html")
			if _, err := os.Stat(file); err != nil {
				t.Errorf("link %q: no page %s", href, file)
				continue
			}
			target = htmltest.ParseFile(t, file)
		}
		if frag != "" && !idsIn(target)[frag] {
			t.Errorf("link %q: no id %q on the page", href, frag)
		}
		checked++
	}
	if checked < 6 {
		t.Errorf("checked %d links between notes, want at least 6", checked)
	}
}

var idAttr = regexp.MustCompile(`^[^\s]+$`)

func idsIn(doc *html.Node) map[string]bool {
	ids := map[string]bool{}
	for _, n := range htmltest.FindAll(doc, func(n *html.Node) bool { return htmltest.Attr(n, "id") != "" }) {
		if id := htmltest.Attr(n, "id"); idAttr.MatchString(id) {
			ids[id] = true
		}
	}
	return ids
}

// TestOneRunOutputs checks that a single run, which lets go of each
// note's body and of what each output memoized as early as it can, writes
// exactly what a Builder that keeps everything writes.
func TestOneRunOutputs(t *testing.T) {
	vault := fixtureVault(t, map[string]string{"Embeds.md": "# Embeds\n\n![[git-and-ci]]\n\n- one-liner: from an embed\n"})
	cfg := config.Default()
	files := func(run func(pipeline.Options) (*pipeline.Result, error)) map[string][]byte {
		mem := &content.Memory{}
		o := options(cfg, t.TempDir(), vault, mem, &env{})
		o.Progress = nil
		if _, err := run(o); err != nil {
			t.Fatal(err)
		}
		return mem.Files
	}
	once := files(func(o pipeline.Options) (*pipeline.Result, error) {
		return pipeline.Run(context.Background(), o, fixtures.Listing(t, vault))
	})
	kept := files(func(o pipeline.Options) (*pipeline.Result, error) {
		return pipeline.New(o).Run(context.Background(), fixtures.Listing(t, vault))
	})
	for _, want := range []string{"static/" + cheatsheet.PDFFile, search.Dir + "/manifest.json", practice.JSONPath, practice.DataPath} {
		if len(once[want]) == 0 {
			t.Errorf("%s not written", want)
		}
	}
	if len(once) != len(kept) {
		t.Errorf("one run wrote %d files, a Builder %d", len(once), len(kept))
	}
	for rel, data := range kept {
		if !bytes.Equal(once[rel], data) {
			t.Errorf("%s differs between a single run and a Builder", rel)
		}
	}
}
