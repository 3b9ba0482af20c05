package browsertest

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// BrokenLink is an internal link or asset reference that does not resolve.
type BrokenLink struct {
	Page   string // the HTML file, relative to the site directory
	URL    string // the href or src as written
	Reason string
}

func (b BrokenLink) String() string { return fmt.Sprintf("%s: %s: %s", b.Page, b.URL, b.Reason) }

// linkAttrs are the attributes that reference another file, by element.
var linkAttrs = map[string][]string{
	"a": {"href"}, "link": {"href"}, "area": {"href"},
	"script": {"src"}, "img": {"src"}, "source": {"src"}, "iframe": {"src"},
	"video": {"src", "poster"}, "audio": {"src"}, "track": {"src"}, "form": {"action"},
}

// CheckLinks checks every internal href and src in the HTML files of the
// site built into dir for baseURL: each must name a file of the site
// (respecting the sub-path of baseURL), and a #fragment must name an id in
// the target page unless it holds "=" (script state such as #card=3). Links to other hosts are not checked. The result is
// sorted by page, then by position in the page.
func CheckLinks(dir, baseURL string) ([]BrokenLink, error) {
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(base.Path, "/") {
		base.Path += "/"
	}
	c := &checker{dir: dir, base: base, ids: map[string]map[string]bool{}}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		return c.checkPage(filepath.ToSlash(rel))
	})
	return c.broken, err
}

type checker struct {
	dir    string
	base   *url.URL
	ids    map[string]map[string]bool // site-relative file -> ids in it
	broken []BrokenLink
}

func (c *checker) checkPage(rel string) error {
	doc, err := c.parse(rel)
	if err != nil {
		return err
	}
	// The URL the page is served at: dir/index.html is served as dir/.
	pageURL := *c.base
	pageURL.Path += strings.TrimSuffix(rel, "index.html")
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if !slices.Contains(linkAttrs[n.Data], a.Key) {
				continue
			}
			if reason := c.check(&pageURL, a.Val); reason != "" {
				c.broken = append(c.broken, BrokenLink{Page: rel, URL: a.Val, Reason: reason})
			}
		}
	}
	return nil
}

// check returns why ref, found on the page at pageURL, is broken, or "".
func (c *checker) check(pageURL *url.URL, ref string) string {
	// An empty reference is the page itself (a placeholder a script fills).
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return "unparsable URL: " + err.Error()
	}
	target := pageURL.ResolveReference(u)
	if target.Scheme != c.base.Scheme && target.Scheme != "" || target.Host != c.base.Host {
		return "" // another site, or mailto: and the like
	}
	if !strings.HasPrefix(target.Path, c.base.Path) {
		return fmt.Sprintf("outside the site's sub-path %s", c.base.Path)
	}
	file := strings.TrimPrefix(target.Path, c.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	info, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(file)))
	if err == nil && info.IsDir() {
		file = path.Join(file, "index.html")
		_, err = os.Stat(filepath.Join(c.dir, filepath.FromSlash(file)))
	}
	if err != nil {
		return "no such file " + file
	}
	// A fragment holding "=" is state for the page's script (#card=...),
	// not an element id.
	if frag := target.Fragment; frag != "" && !strings.Contains(frag, "=") && strings.HasSuffix(file, ".html") {
		ids, err := c.idsOf(file)
		if err != nil {
			return err.Error()
		}
		if !ids[frag] {
			return fmt.Sprintf("no element with id %q in %s", frag, file)
		}
	}
	return ""
}

func (c *checker) idsOf(file string) (map[string]bool, error) {
	if ids, ok := c.ids[file]; ok {
		return ids, nil
	}
	doc, err := c.parse(file)
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{"top": true} // "#top" scrolls to the top in every browser
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == "id" || a.Key == "name" && n.Data == "a" {
				ids[a.Val] = true
			}
		}
	}
	c.ids[file] = ids
	return ids, nil
}

func (c *checker) parse(rel string) (*html.Node, error) {
	f, err := os.Open(filepath.Join(c.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	return doc, nil
}
