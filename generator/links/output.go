package links

import (
	"bytes"
	"context"
	"html"
	"strings"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/graph"
	"github.com/crib-notes/crib/generator/note"
)

// Dir holds one asset per note page (while backlinks or the picture are
// on): Dir + the page's path + ".html" (assets/crib/links/notes/docker.html),
// the HTML the page shows, which the theme's partial links.html copies
// into the page as it is. One small asset per page, not a data file:
// Hugo renders again every page that reads hugo.Data when any data file
// changes, and only the pages whose asset changed when an asset does, so
// a saved link rewrites the pages it touches. Ready HTML, not data for
// the template to loop over: a page then costs Hugo one lookup, and every
// link in it is relative to the page, so it holds whatever the site's
// base URL.
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

// Write implements pipeline.Output.
func (o Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	if !o.Backlinks && !o.Graph {
		return nil
	}
	web := NewWeb(notes)
	var diags []diag.Diagnostic
	var buf bytes.Buffer
	for _, n := range notes {
		if ctx.Err() != nil {
			return diags
		}
		buf.Reset()
		o.page(&buf, web, n)
		if err := w.WriteFile(Dir+n.Path+".html", buf.Bytes()); err != nil {
			diags = append(diags, diag.Errorf(n.Source, 0, "cannot write its links: %v", err))
		}
	}
	return diags
}

// page writes the HTML of n's page: nothing when the page shows nothing
// of the web, in a file all the same, so that the page reads an asset
// and Hugo renders it again when a saved link gives it something to show
// (Hugo records no dependency on an asset that is missing).
func (o Output) page(b *bytes.Buffer, web *Web, n *note.Note) {
	backlinks := web.Backlinks(n)
	if o.Backlinks && len(backlinks) > 0 {
		b.WriteString(`<section class="backlinks" aria-labelledby="crib-linked-from">` +
			`<h2 id="crib-linked-from">Linked from</h2><ul>`)
		for _, l := range backlinks {
			b.WriteString(`<li><a href="`)
			b.WriteString(html.EscapeString(Relative(n.URL, l.Note.URL)))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(l.Note.Title))
			b.WriteString(`</a>`)
			if c := l.Context; c.Before != "" || c.After != "" {
				b.WriteString(`<p>`)
				b.WriteString(html.EscapeString(c.Before))
				b.WriteString(`<mark>`)
				b.WriteString(html.EscapeString(c.Mark))
				b.WriteString(`</mark>`)
				b.WriteString(html.EscapeString(c.After))
				b.WriteString(`</p>`)
			}
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></section>`)
	}
	if !o.Graph {
		return
	}
	in := map[*note.Note]bool{}
	for _, l := range backlinks {
		in[l.Note] = true
	}
	out := map[*note.Note]bool{}
	for _, t := range web.Links(n) {
		out[t] = true
	}
	var nodes []graph.Node
	for _, m := range web.Neighbours(n) {
		nodes = append(nodes, graph.Node{Title: m.Title, Href: Relative(n.URL, m.URL), In: in[m], Out: out[m]})
	}
	if svg := graph.SVG(n.Title, nodes); len(svg) > 0 {
		b.WriteString(`<figure class="local-graph">`)
		b.Write(svg)
		b.WriteString(`<figcaption>Notes this one links to and is linked from</figcaption></figure>`)
	}
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
