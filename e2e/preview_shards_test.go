package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/linkpreview"
	"github.com/crib-notes/crib/internal/browsertest"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
)

// shelfTitles are the notes of the shelf vault that TestLinkPreviewShards
// hovers: Cyrillic titles, whose page paths are Cyrillic, and two ASCII
// ones.
var shelfTitles = []string{"Тома Docker", "Сети и порты", "Ёмкость очереди", "Журнал событий", "Topic 7", "Topic 101"}

// shelfSite builds a vault of 140 notes and an index linking to them all:
// enough notes for 16 preview shards, so that a script whose hash
// disagreed with the generator's would fetch the wrong shard.
func shelfSite(t *testing.T) *browsertest.Site {
	t.Helper()
	work := t.TempDir()
	vault := filepath.Join(work, "vault")
	files := map[string]string{}
	var index strings.Builder
	index.WriteString("# Shelf\n\n")
	titles := slices.Clone(shelfTitles[:4])
	for i := range 136 {
		titles = append(titles, fmt.Sprintf("Topic %d", i))
	}
	for _, title := range titles {
		fmt.Fprintf(&index, "- [[%s]]\n", title)
		files["Shelf/"+title+".md"] = "Text of " + title + ".\n"
	}
	files["Shelf/Index.md"] = index.String()
	fixtures.WriteFiles(t, vault, files)
	public := filepath.Join(work, "public")
	site := browsertest.Serve(public)
	t.Cleanup(site.Close)
	dir := filepath.Join(work, "site")
	if err := copySite(dir); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := cli.Run(context.Background(), []string{"build", "--vault", vault, "--site", dir, "--destination", public, "--baseURL", site.BaseURL()}, &out, &out); code != 0 {
		t.Fatalf("build exited with %d:\n%s", code, out.String())
	}
	hugotest.NoDuplicatePaths(t, out.String())
	return site
}

// TestLinkPreviewShards hovers links to notes of a site with many shards:
// each shows its note's preview, and the script fetched exactly the
// shards the generator put those notes in, so its FNV-1a of a page path
// (Cyrillic ones too, hashed as UTF-8) agrees with the generator's.
func TestLinkPreviewShards(t *testing.T) {
	site := shelfSite(t)
	p := browsertest.New(t).Open(site.URL("notes/shelf/index/"))
	if k := shardCount(t, p); k != 16 {
		t.Fatalf("%d shards, want 16 for 141 notes", k)
	}
	k := 16
	want := []string{site.URL("preview/index.json")}
	for _, title := range shelfTitles {
		path := "/notes/shelf/" + strings.ToLower(strings.ReplaceAll(title, " ", "-"))
		shard := site.URL(strings.TrimPrefix(linkpreview.ShardPath(linkpreview.Shard(path, k), k), "static/"))
		if !slices.Contains(want, shard) {
			want = append(want, shard)
		}
		hover(t, p, `.content a[href$="`+(&url.URL{Path: path}).EscapedPath()+`/"]`)
		waitFor(t, p, cardOpen)
		if c := browsertest.Eval[card](p, readCard); c.Title != title || !slices.Equal(c.Text, []string{"Text of " + title + "."}) {
			t.Errorf("%s: preview %q %q", path, c.Title, c.Text)
		}
		p.Do(chromedp.KeyEvent(kb.Escape))
		waitFor(t, p, "!("+cardOpen+")")
		away(p)
	}
	var got []string
	for _, r := range p.Requests() {
		if strings.Contains(r, "/preview/") {
			got = append(got, r)
		}
	}
	slices.Sort(got)
	got = slices.Compact(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("fetched shards %q, want %q", got, want)
	}
	p.AssertClean()
}

// shardCount is the number of preview shards the page's site has, as its
// script reads it.
func shardCount(t *testing.T, p *browsertest.Page) int {
	t.Helper()
	return evalAsync[int](t, p, `fetch(document.querySelector(".content[data-preview]").dataset.preview + "index.json").then(r => r.json()).then(x => x.shards)`)
}
