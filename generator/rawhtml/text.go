package rawhtml

import (
	"bytes"

	"golang.org/x/net/html"
)

// AppendText appends to dst the text a reader sees of raw HTML (an HTML
// block, or one inline tag) that Clean has kept: its text, entities
// read, without comments or what an element left out held; a space where
// a line break or a block element parts words ("a<br>b" reads "a b").
func AppendText(dst, raw []byte) []byte {
	if bytes.IndexByte(raw, '<') < 0 && bytes.IndexByte(raw, '&') < 0 {
		return append(dst, raw...)
	}
	z := html.NewTokenizerFragment(bytes.NewReader(raw), "div")
	skip := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return dst
		case html.TextToken:
			if !skip {
				dst = append(dst, z.Text()...)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if void[string(name)] || blockElement[string(name)] {
				dst = append(dst, ' ')
			}
			skip = tt == html.StartTagToken && rawText[string(name)]
			continue
		}
		skip = false
	}
}

// blockElement is an element of blockElements, which a browser shows
// apart from the text around it.
var blockElement = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range blockElements {
		m[e] = true
	}
	return m
}()
