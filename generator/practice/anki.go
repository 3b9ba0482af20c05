package practice

import (
	"bytes"
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Options configure the exports.
type Options struct {
	// Deck is the Anki deck the cards go to; the site title by default.
	Deck string
	// Tags keeps only the cards of notes with one of these tags (nested
	// tags included); empty keeps every card.
	Tags []string
	// Language is the language the site's practice page shows first ("":
	// the language of most cards; see DeckLanguage).
	Language string
	// BaseURL is the site's absolute URL. When set, links between notes
	// and images in exported answers point at the published site, and
	// each Anki card ends with a link to its question on the note page.
	BaseURL string
	// FullJSON makes cards.json hold every field, indented: each answer
	// as HTML besides its Markdown, and each card's URL besides its page
	// and anchor. By default the file leaves out what can be derived and
	// is compact, a card per line.
	FullJSON bool
}

func (o Options) deck() string {
	d := strings.Join(strings.Fields(o.Deck), " ")
	if d == "" {
		return "Crib"
	}
	return d
}

// Anki returns the cards as an Anki text import file: tab-separated,
// fields as HTML, the card id as the note GUID (so importing again updates
// the cards instead of duplicating them), and the note's tags with nested
// tags written Anki's way (a/b becomes a::b), the card's difficulty as
// the tag difficulty::hard (unless the note is tagged so already) and its
// language as the tag lang::xx, so a deck can be filtered by difficulty
// and language in Anki.
func Anki(cards []Card, opts Options) []byte {
	cards = Filter(cards, opts.Tags)
	r := newHTMLRenderer(opts.BaseURL)
	return anki(cards, r.answers(cards), r, opts)
}

// anki writes the import file for cards whose answers are already
// rendered (answers[i] is the HTML of cards[i]).
func anki(cards []Card, answers []string, r *htmlRenderer, opts Options) []byte {
	var buf bytes.Buffer
	buf.WriteString("#separator:tab\n")
	buf.WriteString("#html:true\n")
	buf.WriteString("#guid column:1\n")
	buf.WriteString("#notetype:Basic\n")
	buf.WriteString("#deck:" + opts.deck() + "\n")
	buf.WriteString("#tags column:4\n")
	buf.WriteString("#columns:GUID\tFront\tBack\tTags\n")

	size := buf.Len()
	for i, c := range cards {
		size += len(c.ID) + len(c.Question) + len(c.Note) + len(answers[i]) + 128
	}
	b := make([]byte, buf.Len(), size+size/16)
	copy(b, buf.Bytes())
	for i, c := range cards {
		front := `<div class="crib-q">` + html.EscapeString(c.Question) + `</div>` +
			`<div class="crib-note">` + html.EscapeString(c.Note) + `</div>`
		back := answers[i]
		if link := r.link(c); link != "" {
			back += `<p class="crib-source"><a href="` + html.EscapeString(link) + `">` + html.EscapeString(c.Note) + `</a></p>`
		}
		tags := ankiTags(c.Tags)
		if c.Difficulty != "" && !hasTag(c.Tags, []string{difficultyTag + "/" + c.Difficulty}) {
			tags = strings.TrimSpace(tags + " " + difficultyTag + "::" + c.Difficulty)
		}
		if c.Lang != "" {
			tags = strings.TrimSpace(tags + " lang::" + c.Lang)
		}
		b = appendRecord(b, c.ID, front, back, tags)
	}
	return b
}

// appendRecord appends one line of the import file: the fields separated
// by tabs, each quoted when it holds a tab, a newline or a quote (quotes
// doubled), the rules Anki's importer reads; byte for byte what
// encoding/csv writes with a tab as the separator.
func appendRecord(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, '\t')
		}
		if !fieldNeedsQuotes(f) {
			b = append(b, f...)
			continue
		}
		b = append(b, '"')
		for {
			j := strings.IndexByte(f, '"')
			if j < 0 {
				break
			}
			b = append(b, f[:j+1]...)
			b = append(b, '"')
			f = f[j+1:]
		}
		b = append(b, f...)
		b = append(b, '"')
	}
	return append(b, '\n')
}

// fieldNeedsQuotes is encoding/csv's rule for a tab-separated field.
func fieldNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, "\t\n\r\"") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// ankiTags writes tags space-separated, as Anki reads them: nested tags
// use "::", and spaces inside a tag become "_".
func ankiTags(tags []string) string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.Join(strings.Fields(t), "_")
		t = strings.ReplaceAll(strings.Trim(t, "/"), "/", "::")
		if t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, " ")
}

// htmlRenderer renders answers to HTML for Anki and cards.json with the
// Markdown extensions Hugo uses; raw HTML in notes is omitted, as on the
// site.
type htmlRenderer struct {
	md   goldmark.Markdown
	base *url.URL
}

func newHTMLRenderer(baseURL string) *htmlRenderer {
	r := &htmlRenderer{md: goldmark.New(markdown.Options()...)}
	if u, err := url.Parse(baseURL); err == nil && baseURL != "" && u.IsAbs() {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		r.base = u
	}
	return r
}

// answersOf renders the answers of cards, which are cards of notes. Each
// note keeps the HTML of its answers, so that serve renders again only
// the answers of the notes that changed (at 5,000 notes, rendering every
// answer took three seconds after each save).
func (r *htmlRenderer) answersOf(notes []*note.Note, cards []Card) []string {
	key := "practice.answers"
	if r.base != nil {
		key += " " + r.base.String()
	}
	perNote := make([][]string, len(notes))
	parallel.Each(0, len(notes), func(i int) {
		perNote[i] = note.Memo(notes[i], key, func() []string {
			cs := NoteCards(notes[i])
			out := make([]string, len(cs))
			for j, c := range cs {
				out[j] = r.answer(c)
			}
			return out
		})
	})
	byID := make(map[string]string, len(cards))
	for i, n := range notes {
		for j, c := range NoteCards(n) {
			byID[c.ID] = perNote[i][j]
		}
	}
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = byID[c.ID]
	}
	return out
}

// answers renders every card's answer; the Anki file and cards.json
// share the result.
func (r *htmlRenderer) answers(cards []Card) []string {
	out := make([]string, len(cards))
	parallel.Each(0, len(cards), func(i int) { out[i] = r.answer(cards[i]) })
	return out
}

func (r *htmlRenderer) answer(c Card) string {
	src := []byte(c.Answer)
	doc := r.md.Parser().Parse(text.NewReader(src))
	if r.base != nil {
		r.absolutize(doc, c)
	}
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return html.EscapeString(c.Answer)
	}
	return buf.String()
}

// absolutize points links between notes ("/notes/x#a") and images next to
// the note ("diagram.png") at the published site, so they work in Anki.
func (r *htmlRenderer) absolutize(doc ast.Node, c Card) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = []byte(r.resolve(string(n.Destination), c, false))
		case *ast.Image:
			n.Destination = []byte(r.resolve(string(n.Destination), c, true))
		}
		return ast.WalkContinue, nil
	})
}

func (r *htmlRenderer) resolve(dest string, c Card, image bool) string {
	u, err := url.Parse(dest)
	if err != nil || u.IsAbs() || u.Host != "" || dest == "" || strings.HasPrefix(dest, "#") {
		return dest
	}
	if strings.HasPrefix(u.Path, "/") {
		// A Hugo logical path: the page's URL ends with a slash.
		p := strings.TrimPrefix(u.Path, "/")
		if !image && p != "" && !strings.HasSuffix(p, "/") && !strings.Contains(p[strings.LastIndex(p, "/")+1:], ".") {
			p += "/"
		}
		u.Path = p
		return r.base.ResolveReference(u).String()
	}
	noteURL := r.base.ResolveReference(&url.URL{Path: c.URL})
	return noteURL.ResolveReference(u).String()
}

// link is the published URL of the card's question, or "".
func (r *htmlRenderer) link(c Card) string {
	if r.base == nil {
		return ""
	}
	u := r.base.ResolveReference(&url.URL{Path: c.URL})
	u.Fragment = c.Anchor
	return u.String()
}

// page is the published URL of the card's note page, or "".
func (r *htmlRenderer) page(c Card) string {
	if r.base == nil {
		return ""
	}
	return r.base.ResolveReference(&url.URL{Path: c.URL}).String()
}
