package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// TestServeUpdatesBacklinks runs "serve", saves a note with a new link
// and waits for the linked note's page to list it under "Linked from"
// and in its graph, and for the saving note's graph to show the target.
func TestServeUpdatesBacklinks(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the serve command")
	}
	srv := startServe(t, 0, func(site, vault string) {
		for name, text := range map[string]string{
			"Target.md": "# Target\n\nThe note linked to.\n",
			"Alpha.md":  "# Alpha\n\nAlpha links to [[Target]].\n",
			"Bravo.md":  "# Bravo\n\nNo links yet.\n",
		} {
			if err := os.WriteFile(filepath.Join(vault, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	base, vault := srv.base, srv.vault

	// linkedFrom returns the titles under "Linked from" on a page and the
	// titles of its graph's nodes.
	linkedFrom := func(url string) (backlinks, graph []string) {
		resp, err := http.Get(url)
		if err != nil {
			return nil, nil
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			return nil, nil
		}
		class := func(c string) func(*html.Node) bool {
			return func(n *html.Node) bool { return strings.Contains(" "+htmltest.Attr(n, "class")+" ", " "+c+" ") }
		}
		if sec := htmltest.Find(doc, class("backlinks")); sec != nil {
			for _, li := range htmltest.FindAll(sec, htmltest.Tag("li")) {
				backlinks = append(backlinks, htmltest.Text(htmltest.Find(li, htmltest.Tag("a"))))
			}
		}
		if svg := htmltest.Find(doc, class("graph")); svg != nil {
			for _, a := range htmltest.FindAll(svg, htmltest.Tag("a")) {
				graph = append(graph, htmltest.Text(htmltest.Find(a, htmltest.Tag("title"))))
			}
		}
		return backlinks, graph
	}
	if bl, g := linkedFrom(base + "notes/target/"); strings.Join(bl, ",") != "Alpha" || strings.Join(g, ",") != "Alpha" {
		t.Fatalf("before the save: target linked from %q, graph %q", bl, g)
	}

	saved := time.Now()
	if err := os.WriteFile(filepath.Join(vault, "Bravo.md"), []byte("# Bravo\n\nBravo links to [[Target]] now.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for {
		bl, g := linkedFrom(base + "notes/target/")
		_, bg := linkedFrom(base + "notes/bravo/")
		if strings.Join(bl, ",") == "Alpha,Bravo" && strings.Join(g, ",") == "Alpha,Bravo" && strings.Join(bg, ",") == "Target" {
			break
		}
		if time.Since(saved) > 30*time.Second {
			t.Fatalf("30 s after the save: target linked from %q, graph %q; Bravo's graph %q", bl, g, bg)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("save to updated backlinks and graphs: %v", time.Since(saved).Round(time.Millisecond))
}
