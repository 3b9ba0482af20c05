package rawhtml

import (
	"sync"

	"github.com/crib-notes/crib/generator/markdown"
)

// parser reads Markdown as Hugo's goldmark does.
var parser = sync.OnceValue(markdown.NewParser)

// Guard returns md as Hugo may read it with raw HTML rendered: its HTML
// comments emptied (markdown.WithoutHTMLComments), and every raw HTML
// node either HTML that Clean leaves as it is, or text. A page's Markdown
// goes through it last, whatever made it: a note's body (already
// cleaned, so nothing changes), a card's answer cut from one (where a
// tag may have lost its partner), a cheat sheet line. Failing closed,
// it needs no resolver: an image's src is kept as a path on the site.
func Guard(md []byte) []byte {
	md = markdown.WithoutHTMLComments(md)
	out, _, _ := Clean(md, nil, parser().Parse, Options{})
	return out
}
