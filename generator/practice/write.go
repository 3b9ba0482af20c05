package practice

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/jsonenc"
	"github.com/crib-notes/crib/generator/internal/keyhash"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/rawhtml"
)

// Generated paths, relative to the site root.
const (
	AnkiPath  = "static/anki/crib.txt"
	JSONPath  = "static/anki/cards.json"
	DataPath  = "data/crib/practice.json"
	DeckDir   = "content/practice/cards"
	DeckPath  = "/practice/cards" // Hugo logical path of the deck section
	deckIndex = DeckDir + "/_index.md"
)

// Write writes every practice output of the notes: the Anki file, the JSON
// export, and the site deck (a headless bundle of card pages per note,
// which Hugo renders into lazily loaded JSON, plus the deck's data file).
// opts.Tags filters the Anki and JSON exports only; the site deck holds
// every card.
func Write(ctx context.Context, w content.Writer, notes []*note.Note, opts Options) []diag.Diagnostic {
	cards := Cards(notes)
	ds := append(duplicates(cards), difficultyProblems(notes)...)

	// The exports are large and find nothing wrong in the notes, so a
	// check, which keeps no bytes, does not make them (content.WriteLazy).
	// The Anki file, the JSON export and the site deck are written side by
	// side; each task reports its own problems, in a fixed order.
	exported := Filter(cards, opts.Tags)
	r := newHTMLRenderer(opts.BaseURL)
	rendered := sync.OnceValue(func() []string { return r.answersOf(notes, exported) })
	key := exportKey(notes, exported, opts)
	tasks := []func() []diag.Diagnostic{
		func() []diag.Diagnostic {
			return writeErr(AnkiPath, content.WriteLazy(w, AnkiPath, key, func() ([]byte, error) { return anki(exported, rendered(), r, opts), nil }))
		},
		func() []diag.Diagnostic {
			return writeErr(JSONPath, content.WriteLazy(w, JSONPath, key, func() ([]byte, error) {
				if !opts.FullJSON {
					return jsonExport(exported, nil, r, opts)
				}
				return jsonExport(exported, rendered(), r, opts)
			}))
		},
		func() []diag.Diagnostic {
			files, err := DeckFiles(cards, DeckLanguage(cards, opts.Language))
			if err != nil {
				return writeErr(DeckDir, err)
			}
			var ds []diag.Diagnostic
			for _, f := range files {
				if err := ctx.Err(); err != nil {
					return append(ds, diag.Site.Errorf("", 0, "practice: %v", err))
				}
				ds = append(ds, writeErr(f.Path, w.WriteFile(f.Path, f.Data))...)
			}
			return ds
		},
	}
	out := make([][]diag.Diagnostic, len(tasks))
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Go(func() { out[i] = task() })
	}
	wg.Wait()
	for _, d := range out {
		ds = append(ds, d...)
	}
	return ds
}

// exportKey names everything the Anki and JSON exports are made from: the
// options and every field of the exported cards, their answers by a hash
// kept with each note (the answers are most of the bytes).
func exportKey(notes []*note.Note, exported []Card, opts Options) string {
	k := keyhash.New()
	k.String(opts.deck())
	k.String(opts.BaseURL)
	k.Strings(opts.Tags)
	k.Bool(opts.FullJSON)
	k.Int(len(exported))
	for _, c := range exported {
		for _, f := range [...]string{c.ID, c.Question, string(c.Kind), c.Lang, c.Difficulty, c.Note, c.Source, c.URL, c.Anchor, c.Parent} {
			k.String(f)
		}
		k.Strings(c.Tags)
		k.Bool(c.EmptyAnswer)
		k.Bool(c.Placeholder)
		k.Int(len(c.Answer))
	}
	for _, n := range notes {
		if n == nil {
			continue
		}
		k.String(n.Source)
		k.String(note.Memo(n, "practice.answers.sum", func() string {
			a := keyhash.New()
			for _, c := range NoteCards(n) {
				a.String(c.Answer)
			}
			return a.Sum()
		}))
	}
	return k.Sum()
}

// writeErr is the diagnostic for a file that could not be written, or nil.
func writeErr(rel string, err error) []diag.Diagnostic {
	if err == nil {
		return nil
	}
	return []diag.Diagnostic{diag.Site.Errorf("", 0, "practice: writing %s: %v", rel, err)}
}

// duplicates warns about a question asked twice in one note: both cards
// exist, but the second one's id depends on the order.
func duplicates(cards []Card) []diag.Diagnostic {
	var ds []diag.Diagnostic
	first := map[string]Card{}
	for _, c := range cards {
		key := c.Source + "\x00" + normalizeQuestion(c.Question)
		if f, dup := first[key]; dup {
			ds = append(ds, diag.Question.Warnf(c.Source, c.Line, "question %q is also asked on line %d", c.Question, f.Line))
			continue
		}
		first[key] = c
	}
	return ds
}

// jsonCard is one card in cards.json. AnswerHTML and URL are written
// only with Options.FullJSON: the one renders AnswerMarkdown, the other is
// Page and Anchor.
type jsonCard struct {
	ID             string   `json:"id"`
	Question       string   `json:"question"`
	Kind           string   `json:"kind"`
	Lang           string   `json:"lang,omitempty"`
	Difficulty     string   `json:"difficulty,omitempty"`
	AnswerMarkdown string   `json:"answer_markdown"`
	AnswerHTML     string   `json:"answer_html"`
	Note           string   `json:"note"`
	Page           string   `json:"page"` // the note page's URL: a vault path would tell what the site does not
	URL            string   `json:"url"`
	Anchor         string   `json:"anchor,omitempty"`
	Tags           []string `json:"tags"`
	Parent         string   `json:"parent,omitempty"`
	EmptyAnswer    bool     `json:"empty_answer,omitempty"`
	Placeholder    bool     `json:"placeholder,omitempty"`
}

// JSON returns cards.json: every card (of opts.Tags, when set) with its
// answer as Markdown (and as HTML with opts.FullJSON), for tools other
// than Anki. page and url are relative to the site root (or absolute when
// opts.BaseURL is set); url includes the anchor.
func JSON(cards []Card, opts Options) ([]byte, error) {
	cards = Filter(cards, opts.Tags)
	r := newHTMLRenderer(opts.BaseURL)
	var answers []string
	if opts.FullJSON {
		answers = r.answers(cards)
	}
	return jsonExport(cards, answers, r, opts)
}

// jsonLayout is the white space of cards.json: compact, a card per line,
// or indented by two spaces as json.Encoder with SetIndent("", "  ")
// writes it.
type jsonLayout struct {
	card  string // before a card
	field string // before a field of a card
	colon string // between a name and its value
	end   string // before the end of the card list
}

var (
	compactJSON = jsonLayout{card: "\n", colon: ":", end: "\n"}
	fullJSON    = jsonLayout{card: "\n    ", field: "\n      ", colon: ": ", end: "\n  "}
)

// jsonExport writes {"deck": ..., "cards": [...]} one card at a time:
// encoding the whole export at once holds it in memory three times over
// (encoder state, indented copy, result), and it is the largest file a
// build writes. answers are the cards' answers as HTML, for
// opts.FullJSON only.
func jsonExport(cards []Card, answers []string, r *htmlRenderer, opts Options) ([]byte, error) {
	// By hand rather than with encoding/json, which took seconds to
	// indent the export of a large vault; the test holds it to
	// encoding/json's bytes.
	lay := compactJSON
	if opts.FullJSON {
		lay = fullJSON
	}
	size := 64
	for i, c := range cards {
		size += 320 + len(c.Answer) + len(c.Question) + 2*len(c.URL) + len(c.Note)
		if answers != nil {
			size += len(answers[i])
		}
	}
	b := make([]byte, 0, size+size/16)
	if opts.FullJSON {
		b = append(b, "{\n  "...)
	} else {
		b = append(b, '{')
	}
	b = append(b, `"deck"`+lay.colon...)
	b = jsonenc.AppendString(b, opts.deck())
	b = append(b, ',')
	if opts.FullJSON {
		b = append(b, "\n  "...)
	}
	b = append(b, `"cards"`+lay.colon+"["...)
	for i, c := range cards {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, lay.card...)
		answer := ""
		if answers != nil {
			answer = answers[i]
		}
		b = appendJSONCard(b, r.jsonCard(c, answer), lay, opts.FullJSON)
	}
	if len(cards) > 0 {
		b = append(b, lay.end...)
	}
	if opts.FullJSON {
		return append(b, "]\n}\n"...), nil
	}
	return append(b, "]}\n"...), nil
}

// appendJSONCard appends c as encoding/json writes it in cards.json, laid
// out as lay says, with answer_html and url when full, without a final
// newline.
func appendJSONCard(b []byte, c jsonCard, lay jsonLayout, full bool) []byte {
	b = append(b, '{')
	// key starts the next field: a comma after the one before, the
	// indent, the name.
	first := true
	key := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, lay.field+`"`...)
		b = append(b, name...)
		b = append(b, '"')
		b = append(b, lay.colon...)
	}
	for _, f := range [...]struct{ name, v string }{
		{"id", c.ID}, {"question", c.Question}, {"kind", c.Kind}, {"lang", c.Lang}, {"difficulty", c.Difficulty},
		{"answer_markdown", c.AnswerMarkdown}, {"answer_html", c.AnswerHTML},
		{"note", c.Note}, {"page", c.Page}, {"url", c.URL}, {"anchor", c.Anchor},
	} {
		switch {
		case !full && (f.name == "answer_html" || f.name == "url"): // derived
		case f.v != "" || (f.name != "anchor" && f.name != "lang" && f.name != "difficulty"): // omitempty
			key(f.name)
			b = jsonenc.AppendString(b, f.v)
		}
	}
	key("tags")
	b = append(b, '[')
	for i, t := range c.Tags {
		if i > 0 {
			b = append(b, ',')
		}
		if lay.field != "" {
			b = append(b, lay.field+"  "...)
		}
		b = jsonenc.AppendString(b, t)
	}
	if len(c.Tags) > 0 {
		b = append(b, lay.field...)
	}
	b = append(b, ']')
	if c.Parent != "" {
		key("parent")
		b = jsonenc.AppendString(b, c.Parent)
	}
	if c.EmptyAnswer {
		key("empty_answer")
		b = append(b, "true"...)
	}
	if c.Placeholder {
		key("placeholder")
		b = append(b, "true"...)
	}
	if full {
		b = append(b, "\n    "...)
	}
	return append(b, '}')
}

// jsonCard is card c in cards.json, its answer rendered as answer.
func (r *htmlRenderer) jsonCard(c Card, answer string) jsonCard {
	page, u := r.page(c), r.link(c)
	if u == "" {
		page, u = c.URL, c.URL
		if c.Anchor != "" {
			u += "#" + c.Anchor
		}
	}
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	return jsonCard{
		ID: c.ID, Question: c.Question, Kind: string(c.Kind), Lang: c.Lang, Difficulty: c.Difficulty,
		AnswerMarkdown: c.Answer, AnswerHTML: answer,
		Note: c.Note, Page: page, URL: u, Anchor: c.Anchor, Tags: tags,
		Parent: c.Parent, EmptyAnswer: c.EmptyAnswer, Placeholder: c.Placeholder,
	}
}

// File is one generated file of the site deck.
type File struct {
	Path string // relative to the site root
	Data []byte
}

// deckData is data/crib/practice.json: what the practice page's index
// template and the "practise this" links read.
type deckData struct {
	Notes []deckNote `json:"notes"`
	// Todo lists the cards whose answer is missing or still a
	// placeholder: the author's to-do list on the stats view.
	Todo []deckTodo `json:"todo"`
	// Lang is the language whose cards the practice page shows first
	// ("": every card).
	Lang string `json:"lang"`
}

type deckNote struct {
	Title string   `json:"title"`
	Path  string   `json:"path"`
	Tags  []string `json:"tags"`
	// Difficulty is the difficulty of the note's questions, or "".
	Difficulty string `json:"difficulty,omitempty"`
	// Deck is the logical path of the note's card page, which holds the
	// answers that are not whole blocks of the note page ("" when none).
	Deck  string     `json:"deck"`
	Cards []string   `json:"cards"`
	Meta  []deckCard `json:"meta"` // one per card, in the order of Cards
}

// deckCard is what the practice page needs of a card besides its answer:
// the question. Where the answer is on the note page is on that page
// itself (see PageCards), so that editing an answer changes only its page
// and not this file.
type deckCard struct {
	Question string `json:"q"`
	Kind     string `json:"k"`
	Lang     string `json:"l,omitempty"`
	Parent   string `json:"p,omitempty"`
	Anchor   string `json:"a,omitempty"`
}

type deckTodo struct {
	ID          string `json:"id"`
	Question    string `json:"question"`
	Note        int    `json:"note"` // index into Notes
	Anchor      string `json:"anchor,omitempty"`
	EmptyAnswer bool   `json:"empty,omitempty"`
	Placeholder bool   `json:"placeholder,omitempty"`
}

// DeckFiles returns the site deck for cards (in site order): the data
// file, whose notes list every card's question (the practice page takes
// the answers from the note pages Hugo renders anyway, which say where
// they are: PageCards); the deck section (content/practice/cards/_index.md,
// rendered as the deck index JSON); and, for a note with answers that are
// not on its page as a run of elements (a question and answer in one
// paragraph with a code span over the line break between them, say), an
// unlisted page holding those answers as "card" shortcodes, rendered by
// Hugo with the site's render hooks. lang is the language the practice
// page shows first.
func DeckFiles(cards []Card, lang string) ([]File, error) {
	data := deckData{Notes: []deckNote{}, Todo: []deckTodo{}, Lang: lang}
	var files []File
	section, err := frontMatter("", bundleFront{
		Title: "Practice cards", Layout: "practice-index", Outputs: []string{"json"},
		Build: buildOptions{List: "never", Render: "always", PublishResources: false},
	})
	if err != nil {
		return nil, err
	}
	files = append(files, File{deckIndex, section})

	for i := 0; i < len(cards); {
		j := i
		for j < len(cards) && cards[j].Source == cards[i].Source {
			j++
		}
		noteCards := cards[i:j]
		i = j
		n := noteCards[0]
		dn := deckNote{Title: n.Note, Path: n.Path, Tags: n.Tags, Difficulty: n.Difficulty}
		if dn.Tags == nil {
			dn.Tags = []string{}
		}
		var body bytes.Buffer
		for _, c := range noteCards {
			m := deckCard{Question: c.Question, Kind: string(c.Kind), Lang: c.Lang, Parent: c.Parent, Anchor: c.Anchor}
			if c.Blocks.Start < 0 {
				// HTML, not JSON: Hugo applies the site's render hooks
				// (tables, code, callouts) to content rendered for the
				// HTML output format.
				fmt.Fprintf(&body, "{{< card %q >}}\n", c.ID)
				if c.Answer != "" {
					// Hugo reads the answer twice, as this page's text
					// and as the Markdown the card shortcode renders, so
					// its shortcode delimiters are escaped twice. An
					// answer cut from its note may have lost a tag's
					// partner: Guard closes or drops it.
					answer := content.EscapeShortcodesString(strings.TrimRight(string(rawhtml.Guard([]byte(c.Answer))), "\n"))
					body.Write(bytes.TrimRight(content.EscapeShortcodes([]byte(answer)), "\n"))
					body.WriteByte('\n')
				}
				body.WriteString("{{< /card >}}\n\n")
			}
			dn.Meta = append(dn.Meta, m)
		}
		if body.Len() > 0 {
			bundle := bundleName(n)
			dn.Deck = DeckPath + "/" + bundle
			index, err := frontMatter(n.Source, bundleFront{
				Title: n.Note, Layout: "practice-cards", Outputs: []string{"html"},
				Build:   buildOptions{List: "never", Render: "always", PublishResources: false},
				Sitemap: &sitemap{Disable: true},
			})
			if err != nil {
				return nil, err
			}
			files = append(files, File{path.Join(DeckDir, bundle, "index.md"), append(append(index, '\n'), body.Bytes()...)})
		}
		for _, c := range noteCards {
			dn.Cards = append(dn.Cards, c.ID)
			if c.EmptyAnswer || c.Placeholder {
				data.Todo = append(data.Todo, deckTodo{ID: c.ID, Question: c.Question, Note: len(data.Notes),
					Anchor: c.Anchor, EmptyAnswer: c.EmptyAnswer, Placeholder: c.Placeholder})
			}
		}
		data.Notes = append(data.Notes, dn)
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(data); err != nil {
		return nil, err
	}
	files = append(files, File{DataPath, buf.Bytes()})
	return files, nil
}

// Annotation adds to a note page's params.crib its number of questions,
// as "cards" where their answers are on the page (PageCards), and as
// "asked" the card asked under each heading (AskedUnder).
func Annotation(n *note.Note) map[string]any {
	a := map[string]any{"questions": Questions(n)}
	if cards := PageCards(n); cards != nil {
		a["cards"] = cards
	}
	if asked := AskedUnder(n); asked != nil {
		a["asked"] = asked
	}
	return a
}

// Questions is the number of cards a note gives the deck.
func Questions(n *note.Note) int { return len(NoteCards(n)) }

// AskedUnder pairs each heading id of a note with the first card asked
// under that heading, [[id, card], ...] in page order, for the heading's
// "practise this" link. It is on the note page rather than in the site's
// deck data: every page reading a data file would be rendered again
// whenever any data file changes.
func AskedUnder(n *note.Note) []any {
	var out []any
	seen := map[string]bool{}
	for _, c := range NoteCards(n) {
		if c.Anchor == "" || seen[c.Anchor] {
			continue
		}
		seen[c.Anchor] = true
		out = append(out, []any{c.Anchor, c.ID})
	}
	return out
}

// PageCards is what a note's page tells the practice page about the cards
// asked on it: per card whose answer is on the page as a run of elements,
// its id, the first and end element of the page's content it covers, the
// answer marker to drop from the first, and the number of line breaks of
// the first that come before the answer (its question's lines, in the
// same paragraph); nil when there is none. The marker and the count are
// left out when "" and 0. The theme writes it into the page (data-cards on
// its content).
func PageCards(n *note.Note) []any {
	var out []any
	for _, c := range NoteCards(n) {
		if c.Blocks.Start < 0 {
			continue
		}
		loc := []any{c.ID, c.Blocks.Start, c.Blocks.End}
		if c.Blocks.Trim != "" || c.Blocks.Lines > 0 {
			loc = append(loc, c.Blocks.Trim)
		}
		if c.Blocks.Lines > 0 {
			loc = append(loc, c.Blocks.Lines)
		}
		out = append(out, loc)
	}
	return out
}

// bundleName names a note's card bundle: the note's slug and a short hash
// of its page path, unique however the folders are named.
func bundleName(c Card) string {
	sum := sha256.Sum256([]byte(c.Path))
	slug := path.Base(strings.TrimSuffix(c.URL, "/"))
	if slug == "." || slug == "/" || slug == "" {
		slug = "note"
	}
	return slug + "-" + hex.EncodeToString(sum[:4])
}

type buildOptions struct {
	List             string `yaml:"list"`
	Render           string `yaml:"render"`
	PublishResources bool   `yaml:"publishResources"`
}

type sitemap struct {
	Disable bool `yaml:"disable"`
}

// bundleFront is the front matter of the deck's section and bundles:
// rendered only as JSON, never listed, never in the sitemap.
type bundleFront struct {
	Title   string         `yaml:"title"`
	Layout  string         `yaml:"layout"`
	Outputs []string       `yaml:"outputs"`
	Build   buildOptions   `yaml:"build"`
	Sitemap *sitemap       `yaml:"sitemap,omitempty"`
	Params  map[string]any `yaml:"params,omitempty"`
}

func frontMatter(source string, fm bundleFront) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("---\n")
	from := ""
	if source != "" {
		from = " from " + strings.NewReplacer("\n", " ", "\r", " ").Replace(source)
	}
	fmt.Fprintf(&buf, "%s%s. DO NOT EDIT.\n", content.GeneratedMarker, from)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n")
	return buf.Bytes(), nil
}

// Output is the practice step of a build: it satisfies the pipeline's
// Output interface (Name and Write with the published notes).
type Output struct {
	Options Options
}

// Name names the step in progress and error messages.
func (o Output) Name() string { return "practice" }

// Prepare extracts the note's cards while its syntax tree is at hand.
func (o Output) Prepare(n *note.Note) { NoteCards(n) }

// Write writes every practice output of the notes; see Write.
func (o Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	return Write(ctx, w, notes, o.Options)
}
