// Package graph draws a note's neighbourhood (the notes it links to and
// is linked from) as an inline SVG, laid out at build time: the page
// shows it with no script and nothing to compute when it opens.
//
// The layout is written here rather than taken from a graph library
// because a star needs none: the note sits in the centre and its
// neighbours on an ellipse around it, in title order, two rings when
// there are many. The same neighbours always give the same bytes.
package graph

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// MaxNodes is the most neighbours drawn; the others are counted in a
// "+N more" line.
const MaxNodes = 24

// maxLabel is the most characters of a title shown as a node's label;
// the whole title is the node's tooltip.
const maxLabel = 22

// Node is a note in the picture.
type Node struct {
	Title string
	// Href is the link to the note's page, relative to the page the
	// picture is on ("../docker/"), so it works under any base URL.
	Href string
	// In and Out say whether the node links to the centre (a backlink)
	// and whether the centre links to it.
	In, Out bool
}

// The picture's size in SVG units; the theme scales it to the page.
const (
	width  = 640
	height = 360
)

// SVG draws center and its neighbours (in the order given; at most
// MaxNodes of them are drawn). It returns nil when there are none.
func SVG(center string, neighbours []Node) []byte {
	if len(neighbours) == 0 {
		return nil
	}
	shown := neighbours[:min(len(neighbours), MaxNodes)]
	more := len(neighbours) - len(shown)

	var b strings.Builder
	label := fmt.Sprintf("Links of %s: %d notes", center, len(neighbours))
	if len(neighbours) == 1 {
		label = fmt.Sprintf("Links of %s: 1 note", center)
	}
	fmt.Fprintf(&b, `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s">`, width, height, esc(label))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(label))
	cx, cy := width/2.0, height/2.0
	pos := positions(len(shown))
	b.WriteString(`<g class="graph-edges">`)
	for i, n := range shown {
		x, y := cx+pos[i][0], cy+pos[i][1]
		fmt.Fprintf(&b, `<line class="%s" x1="%s" y1="%s" x2="%s" y2="%s"/>`, edgeClass(n), num(cx), num(cy), num(x), num(y))
	}
	b.WriteString(`</g>`)
	for i, n := range shown {
		x, y := cx+pos[i][0], cy+pos[i][1]
		anchor, dx, dy := "middle", 0.0, -12.0
		switch {
		case pos[i][0] > 20:
			anchor, dx, dy = "start", 9, 4
		case pos[i][0] < -20:
			anchor, dx, dy = "end", -9, 4
		case pos[i][1] > 0:
			dy = 20
		}
		fmt.Fprintf(&b, `<a class="graph-node" href="%s"><title>%s</title><circle cx="%s" cy="%s" r="6"/><text x="%s" y="%s" text-anchor="%s">%s</text></a>`,
			esc(n.Href), esc(n.Title), num(x), num(y), num(x+dx), num(y+dy), anchor, esc(shorten(n.Title)))
	}
	fmt.Fprintf(&b, `<g class="graph-center"><circle cx="%s" cy="%s" r="9"/><text x="%s" y="%s" text-anchor="middle">%s</text></g>`,
		num(cx), num(cy), num(cx), num(cy+26), esc(shorten(center)))
	if more > 0 {
		fmt.Fprintf(&b, `<text class="graph-more" x="%d" y="%d" text-anchor="end">+%d more</text>`, width-8, height-10, more)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// positions places n nodes around the centre: on one ellipse up to 12,
// else alternately on an inner and an outer one, so that neighbouring
// labels do not meet. The first node is at the top, the rest clockwise.
func positions(n int) [][2]float64 {
	out := make([][2]float64, n)
	for i := range n {
		rx, ry := 230.0, 125.0
		if n > 12 && i%2 == 1 {
			rx, ry = 140.0, 80.0
		}
		a := 2*math.Pi*float64(i)/float64(n) - math.Pi/2
		out[i] = [2]float64{rx * math.Cos(a), ry * math.Sin(a)}
	}
	return out
}

func edgeClass(n Node) string {
	switch {
	case n.In && n.Out:
		return "both"
	case n.In:
		return "in"
	}
	return "out"
}

// num writes a coordinate with one decimal: enough for the picture, and
// the same on every machine.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}

// shorten cuts a title to maxLabel characters, with "…".
func shorten(s string) string {
	r := []rune(s)
	if len(r) <= maxLabel {
		return s
	}
	return strings.TrimSpace(string(r[:maxLabel-1])) + "…"
}

func esc(s string) string { return html.EscapeString(s) }
