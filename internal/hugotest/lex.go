package hugotest

import (
	"strings"

	"github.com/gohugoio/hugo/parser/pageparser"
)

// PageText returns what Hugo's page lexer reads from a page's Markdown
// (md holds no front matter): the text it renders, and, as the lexer
// writes them, the items that are not text (shortcodes, an error).
func PageText(md []byte) (text string, other []string) {
	items, err := pageparser.ParseBytes(md, pageparser.Config{NoFrontMatter: true, NoSummaryDivider: true})
	if err != nil {
		return "", []string{err.Error()}
	}
	var b strings.Builder
	for _, it := range items {
		switch {
		case it.IsText():
			b.Write(it.Val(md))
		case it.IsEOF():
		default:
			other = append(other, it.ToString(md))
		}
	}
	return b.String(), other
}

// RenderStringText is PageText for Markdown a template renders with
// RenderString, which reads shortcodes only in a string that
// pageparser.HasShortcode says has one, and otherwise renders it as it is.
func RenderStringText(md string) (text string, other []string) {
	if !pageparser.HasShortcode(md) {
		return md, nil
	}
	return PageText([]byte(md))
}
