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
