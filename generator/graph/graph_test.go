package graph

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
)

// svgDoc is what the tests read back from the picture.
type svgDoc struct {
	Role  string `xml:"role,attr"`
	Label string `xml:"aria-label,attr"`
	Title string `xml:"title"`
	Nodes []struct {
		Href  string `xml:"href,attr"`
		Title string `xml:"title"`
		Text  string `xml:"text"`
	} `xml:"a"`
	More []string `xml:"text"`
}

func parse(t *testing.T, svg []byte) svgDoc {
	t.Helper()
	var d svgDoc
	if err := xml.Unmarshal(svg, &d); err != nil {
		t.Fatalf("not XML: %v\n%s", err, svg)
	}
	return d
}

func TestSVG(t *testing.T) {
	nodes := []Node{
		{Title: "Alpha", Href: "../alpha/", Out: true},
		{Title: `<b>"Quoted" & more</b>`, Href: "../q/?a=1&b=2", In: true},
		{Title: "A very long title that will not fit as a label", Href: "../long/", In: true, Out: true},
	}
	svg := SVG("Centre & co", nodes)
	d := parse(t, svg)
	if d.Role != "img" || d.Label != "Links of Centre & co: 3 notes" || d.Title != d.Label {
		t.Errorf("role %q label %q title %q", d.Role, d.Label, d.Title)
	}
	if len(d.Nodes) != 3 {
		t.Fatalf("%d nodes, want 3", len(d.Nodes))
	}
	for i, n := range d.Nodes {
		if n.Href != nodes[i].Href || n.Title != nodes[i].Title {
			t.Errorf("node %d: href %q title %q", i, n.Href, n.Title)
		}
	}
	if d.Nodes[2].Text != "A very long title tha…" {
		t.Errorf("long label %q", d.Nodes[2].Text)
	}
	if bytes.Contains(svg, []byte("<b>")) || bytes.Contains(svg, []byte("<script")) {
		t.Errorf("markup from a title reached the picture:\n%s", svg)
	}
	if !bytes.Equal(svg, SVG("Centre & co", nodes)) {
		t.Error("two pictures of the same neighbours differ")
	}
	if d := parse(t, SVG("One", nodes[:1])); d.Label != "Links of One: 1 note" {
		t.Errorf("label of one neighbour %q", d.Label)
	}
	if SVG("x", nil) != nil {
		t.Error("a note without neighbours has a picture")
	}
}

func TestSVGCapsNodes(t *testing.T) {
	var nodes []Node
	for i := range MaxNodes + 5 {
		nodes = append(nodes, Node{Title: fmt.Sprintf("n%02d", i), Href: fmt.Sprintf("../n%02d/", i), Out: true})
	}
	d := parse(t, SVG("c", nodes))
	if len(d.Nodes) != MaxNodes {
		t.Errorf("%d nodes drawn, want %d", len(d.Nodes), MaxNodes)
	}
	if !strings.Contains(strings.Join(d.More, "|"), "+5 more") {
		t.Errorf("texts %q have no +5 more", d.More)
	}
}

// TestSVGWeight holds the picture of a full neighbourhood to a few
// kilobytes: every note page carries one.
func TestSVGWeight(t *testing.T) {
	var nodes []Node
	for i := range MaxNodes {
		nodes = append(nodes, Node{Title: fmt.Sprintf("Channels Deep Dive %03d", i), Href: fmt.Sprintf("../../go/channels-deep-dive-%03d/", i), In: i%2 == 0, Out: i%3 == 0})
	}
	svg := SVG("Channels Notes 946", nodes)
	if len(svg) > 5600 {
		t.Errorf("a picture of %d neighbours is %d bytes, want at most 5600", len(nodes), len(svg))
	}
}

// TestLabelsApart lays out 1 to MaxNodes neighbours with labels of the
// longest length shown and checks, with a generous width per character,
// that no two labels meet and none leaves the picture.
func TestLabelsApart(t *testing.T) {
	type box struct{ x0, y0, x1, y1 float64 }
	for n := 1; n <= MaxNodes; n++ {
		var nodes []Node
		for i := range n {
			nodes = append(nodes, Node{Title: fmt.Sprintf("%02d %s", i, strings.Repeat("W", 30)), Href: "../x/"})
		}
		var d struct {
			ViewBox string `xml:"viewBox,attr"`
			Nodes   []struct {
				Text struct {
					X      float64 `xml:"x,attr"`
					Y      float64 `xml:"y,attr"`
					Anchor string  `xml:"text-anchor,attr"`
					Value  string  `xml:",chardata"`
				} `xml:"text"`
			} `xml:"a"`
		}
		if err := xml.Unmarshal(SVG("Centre", nodes), &d); err != nil {
			t.Fatal(err)
		}
		var w, h float64
		fmt.Sscanf(d.ViewBox, "0 0 %g %g", &w, &h)
		var boxes []box
		for _, nd := range d.Nodes {
			tx := nd.Text
			width := float64(len([]rune(tx.Value))) * 7.5 // 13px text
			x0 := tx.X - width/2
			switch tx.Anchor {
			case "start":
				x0 = tx.X
			case "end":
				x0 = tx.X - width
			}
			b := box{x0, tx.Y - 11, x0 + width, tx.Y + 3}
			if b.x0 < 0 || b.x1 > w || b.y0 < 0 || b.y1 > h {
				t.Errorf("%d nodes: label %q at %v leaves the picture %gx%g", n, tx.Value, b, w, h)
			}
			for _, o := range boxes {
				if b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 {
					t.Errorf("%d nodes: label %q at %v meets one at %v", n, tx.Value, b, o)
				}
			}
			boxes = append(boxes, b)
		}
	}
}
