// Package htmltest reads built HTML pages in tests: parse a file, find
// elements, read attributes and text.
package htmltest

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// ParseFile parses the HTML file or fails the test.
func ParseFile(t testing.TB, file string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Attr returns the value of n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	v, _ := HasAttr(n, key)
	return v
}

// HasAttr returns the value of n's attribute key and whether it is there.
func HasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Find returns the first element below root that matches, or nil.
func Find(root *html.Node, match func(*html.Node) bool) *html.Node {
	if all := FindAll(root, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// FindAll returns every element below root that matches, in document order.
func FindAll(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

// Tag matches elements by name.
func Tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

// Text returns the text below n, trimmed.
func Text(n *html.Node) string {
	return strings.TrimSpace(TextWithout(n, ""))
}

// TextWithout returns the text below n as written, leaving out what is
// inside elements named skip (nothing when skip is "").
func TextWithout(n *html.Node, skip string) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == skip {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
