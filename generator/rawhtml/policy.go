package rawhtml

import (
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// policy is what a note's HTML may keep: elements that format text, lay
// out a simple table or fold a section, with attributes that cannot run
// anything, load anything or restyle the page. style is never kept (it
// can cover the page or load a URL), nor class (the theme's classes would
// apply) nor id (it could take a heading's anchor).
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(inlineElements...)
	p.AllowElements(blockElements...)
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`)).Globally()
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(?i:left|right|center|justify)$`)).
		OnElements("p", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "col", "colgroup", "img")
	p.AllowAttrs("valign").Matching(regexp.MustCompile(`^(?i:top|middle|bottom|baseline)$`)).
		OnElements("thead", "tbody", "tfoot", "tr", "th", "td", "col", "colgroup")
	small := regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
	p.AllowAttrs("colspan", "rowspan").Matching(small).OnElements("td", "th")
	p.AllowAttrs("span").Matching(small).OnElements("col", "colgroup")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^-?[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^[1aAiI]$`)).OnElements("ol")
	p.AllowAttrs("reversed").Matching(regexp.MustCompile(`^$`)).OnElements("ol")
	p.AllowAttrs("open").Matching(regexp.MustCompile(`^(?i:|open)$`)).OnElements("details")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(regexp.MustCompile(`^[1-9][0-9]{0,3}$`)).OnElements("img")
	// URLs: src and href are checked before the policy sees them (see
	// checkURL); the policy only keeps what parses.
	p.AllowAttrs("src").OnElements("img")
	p.AllowAttrs("href").OnElements("a")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	return p
})

var (
	inlineElements = []string{
		"a", "abbr", "b", "bdi", "br", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "u", "var", "wbr",
	}
	blockElements = []string{
		"blockquote", "caption", "center", "col", "colgroup", "dd", "details", "div", "dl", "dt", "hr", "li",
		"ol", "p", "pre", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
	}
	allowed = func() map[string]bool {
		m := map[string]bool{}
		for _, e := range append(append([]string(nil), inlineElements...), blockElements...) {
			m[e] = true
		}
		return m
	}()
)

// void elements have no end tag: a browser reads "</br>" as "<br>".
var void = map[string]bool{"br": true, "col": true, "hr": true, "img": true, "wbr": true}

// parents names, for an element that a browser places only inside
// certain others, those others. Written anywhere else, its start tag
// closes an element of the page around it (a stray <li> closes the
// list item the note sits in) or is dropped by the browser, so it is
// left out.
var parents = map[string][]string{
	"li":       {"ul", "ol"},
	"dt":       {"dl"},
	"dd":       {"dl"},
	"tr":       {"table", "thead", "tbody", "tfoot"},
	"td":       {"tr"},
	"th":       {"tr"},
	"thead":    {"table"},
	"tbody":    {"table"},
	"tfoot":    {"table"},
	"caption":  {"table"},
	"colgroup": {"table"},
	"col":      {"table", "colgroup"},
	"summary":  {"details"},
}

// optionalEnd elements may be written without their end tag: the start
// of a sibling ends them.
var optionalEnd = map[string]bool{
	"li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"thead": true, "tbody": true, "tfoot": true, "caption": true, "colgroup": true,
}

// rawText elements hold text a browser does not read as HTML, up to
// their end tag: their content is left out with them.
var rawText = map[string]bool{
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
}

// checkURL reports whether the value of a URL attribute may be kept as
// it is: a fragment, an absolute http, https or mailto URL, or (for an
// image, whose file the caller has resolved) a path on this site.
func checkURL(name, v string, relative bool) bool {
	v = strings.TrimSpace(v)
	u, err := url.Parse(v)
	if err != nil || v == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return name == "a"
	case "":
		if u.Host != "" || strings.HasPrefix(v, "//") || strings.HasPrefix(v, `\`) {
			return false // another host without saying which scheme
		}
		return strings.HasPrefix(v, "#") || relative
	}
	return false
}

// urlAttr is the attribute of an element that holds a URL.
func urlAttr(name string) string {
	switch name {
	case "a":
		return "href"
	case "img":
		return "src"
	}
	return ""
}

// withoutAttr returns attrs without key.
func withoutAttr(attrs []html.Attribute, key string) []html.Attribute {
	out := attrs[:0:0]
	for _, a := range attrs {
		if a.Key != key {
			out = append(out, a)
		}
	}
	return out
}
