package links

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/graph"
	"github.com/crib-notes/crib/generator/note"
)

// Dir holds one asset per note page (while backlinks or the picture are
// on): Dir + the page's path + ".json" (assets/crib/links/notes/docker.json),
// which the theme's partial links.html reads with resources.Get. One
// small asset per page, not a data file: Hugo renders again every page
// that reads hugo.Data when any data file changes, and only the pages
// whose asset changed when an asset does, so a saved link rewrites the
// pages it touches.
const Dir = "assets/crib/links"

// Output writes what note pages show of the web: the notes linking to
// each ("Linked from") and the picture of its neighbours.
type Output struct {
	Backlinks bool // write each page's backlinks
	Graph     bool // write each page's picture
}

// Name implements pipeline.Output.
func (Output) Name() string { return "links" }

// Prepare implements pipeline.Preparer: the note's links, taken while
// its syntax tree is at hand.
func (Output) Prepare(n *note.Note) { Outgoing(n) }

// pageData is one page's asset.
type pageData struct {
	Backlinks []backlinkData `json:"backlinks,omitempty"`
	Graph     string         `json:"graph,omitempty"`
}

type backlinkData struct {
	Title string `json:"title"`
	// URL is the linking page's URL relative to the site root
	// ("notes/docker/"), for relURL.
	URL string `json:"url"`
	Context
}

// Write implements pipeline.Output.
func (o Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	if !o.Backlinks && !o.Graph {
		return nil
	}
	web := NewWeb(notes)
	var diags []diag.Diagnostic
	for _, n := range notes {
		if ctx.Err() != nil {
			return diags
		}
		data, err := o.page(web, n)
		if err == nil {
			err = w.WriteFile(Dir+n.Path+".json", data)
		}
		if err != nil {
			diags = append(diags, diag.Errorf(n.Source, 0, "cannot write its links: %v", err))
		}
	}
	return diags
}

// page is the asset of n's page: "{}" when the page shows nothing of the
// web, so that the page reads an asset all the same and Hugo renders it
// again when a saved link gives it something to show (Hugo records no
// dependency on an asset that is missing).
func (o Output) page(web *Web, n *note.Note) ([]byte, error) {
	var d pageData
	if o.Backlinks {
		for _, b := range web.Backlinks(n) {
			d.Backlinks = append(d.Backlinks, backlinkData{Title: b.Note.Title, URL: b.Note.URL, Context: b.Context})
		}
	}
	if o.Graph {
		in := map[*note.Note]bool{}
		for _, b := range web.Backlinks(n) {
			in[b.Note] = true
		}
		out := map[*note.Note]bool{}
		for _, t := range web.Links(n) {
			out[t] = true
		}
		var nodes []graph.Node
		for _, m := range web.Neighbours(n) {
			nodes = append(nodes, graph.Node{Title: m.Title, Href: Relative(n.URL, m.URL), In: in[m], Out: out[m]})
		}
		d.Graph = string(graph.SVG(n.Title, nodes))
	}
	return json.Marshal(d)
}

// Relative is the link from the page at URL from to the page at URL to,
// both relative to the site root and ending in "/" ("notes/a/b/",
// "notes/c/" -> "../../c/"): it works whatever the site's base URL.
func Relative(from, to string) string {
	f := strings.Split(strings.TrimSuffix(from, "/"), "/")
	t := strings.Split(strings.TrimSuffix(to, "/"), "/")
	common := 0
	for common < len(f) && common < len(t) && f[common] == t[common] {
		common++
	}
	rel := strings.Repeat("../", len(f)-common) + strings.Join(t[common:], "/")
	if rel == "" {
		return "./"
	}
	if !strings.HasSuffix(rel, "/") {
		rel += "/"
	}
	return rel
}
