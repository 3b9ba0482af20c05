// Package graph draws a note's neighbourhood (the notes it links to and
// is linked from) as an inline SVG, laid out at build time: the page
// shows it with no script and nothing to compute when it opens.
//
// The layout is written here rather than taken from a graph library
// because a star needs none: the note sits in the centre and its
// neighbours, in title order, clockwise on the two sides of an ellipse
// around it, a fixed height apart, their labels pointing away from the
// centre, so that no two labels meet however many there are. The same
// neighbours always give the same bytes.
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

// The picture's width in SVG units (the theme scales it to the page),
// the distance of the nodes of a side from the centre, and the height
// between two nodes of a side: a label's line, and some room.
const (
	width  = 640
	radius = 130.0
	rowGap = 22.0
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
	pos, half := positions(len(shown))
	height := 2*half + 80
	fmt.Fprintf(&b, `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %s" role="img" aria-label="%s">`, width, num(height), esc(label))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(label))
	cx, cy := width/2.0, height/2.0
	// The edges, one path per kind, and the nodes: each a link, its class
	// and the anchor of its label left to the stylesheet where they are
	// the usual ones, for every note page carries a picture.
	edges := map[string][]byte{}
	for i, n := range shown {
		x, y := cx+pos[i][0], cy+pos[i][1]
		k := edgeClass(n)
		edges[k] = fmt.Appendf(edges[k], "M%s %sL%s %s", num(cx), num(cy), num(x), num(y))
	}
	for _, k := range []string{"out", "in", "both"} {
		if d := edges[k]; d != nil {
			fmt.Fprintf(&b, `<path class="%s" d="%s"/>`, k, d)
		}
	}
	for i, n := range shown {
		x, y := cx+pos[i][0], cy+pos[i][1]
		anchor, dx := ` text-anchor="start"`, 9.0
		if pos[i][0] < 0 {
			anchor, dx = ` text-anchor="end"`, -9
		}
		fmt.Fprintf(&b, `<a href="%s"><title>%s</title><circle cx="%s" cy="%s" r="6"/><text x="%s" y="%s"%s>%s</text></a>`,
			esc(n.Href), esc(n.Title), num(x), num(y), num(x+dx), num(y+4), anchor, esc(shorten(n.Title)))
	}
	fmt.Fprintf(&b, `<g class="graph-center"><circle cx="%s" cy="%s" r="9"/><text x="%s" y="%s">%s</text></g>`,
		num(cx), num(cy), num(cx), num(cy+26), esc(shorten(center)))
	if more > 0 {
		fmt.Fprintf(&b, `<text class="graph-more" x="%d" y="%s" text-anchor="end">+%d more</text>`, width-8, num(height-10), more)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// positions places n nodes around the centre and returns how far the
// farthest is above or below it: the first half of them down the right
// side of an ellipse, the rest up the left side, rowGap apart in height,
// so that labels written outwards from them never meet.
func positions(n int) (pos [][2]float64, half float64) {
	right := (n + 1) / 2
	half = float64(right-1) * rowGap / 2
	ry := half + 3*rowGap // the ellipse is taller than the column, so no node is on its axis
	side := func(k, i int, sign float64) [2]float64 {
		y := 0.0
		if k > 1 {
			y = -float64(k-1)*rowGap/2 + float64(i)*rowGap
		}
		return [2]float64{sign * radius * math.Sqrt(1-(y*y)/(ry*ry)), y}
	}
	for i := range right {
		pos = append(pos, side(right, i, 1))
	}
	left := n - right
	for i := range left {
		pos = append(pos, side(left, left-1-i, -1))
	}
	return pos, max(half, 60)
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
