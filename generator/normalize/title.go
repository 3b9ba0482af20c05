package normalize

import (
	"bytes"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
)

// A note's title is, in order:
//
//  1. its front matter title;
//  2. the "# H1" that opens it, unless that is a generic label: a question
//     or answer label ("# Question (EN)", "# Ответ"; see
//     extract.QuestionLabel) or an H1 that opens at least genericH1Notes
//     notes of the vault ("# Overview");
//  3. a question under such a label: the one-paragraph quote or paragraph
//     right under the opening H1 when it reads as a question, or under
//     any "# Question"-like label of the note; in the preferred language
//     when the note asks in several (see settleTitles);
//  4. its file name as Obsidian shows it, without ".md".
//
// Scan knows only the note, so it settles the title as if no H1 were
// shared by other notes; NewVault settles it again with the vault's
// counts. A label that is not the title stays in the body as a heading.

// genericH1Notes is how many notes must open with the same H1 for it to
// be a label of the vault's template rather than a title.
const genericH1Notes = 3

// maxTitle is the most characters of a question a title keeps.
const maxTitle = 100

// titleQuestion is a question that may title its note.
type titleQuestion struct {
	text string // plain text, inline code in backticks, one sentence
	lang string // the language of its label's marker, "" when none
	line int    // its file line
}

// openingH1 is the "# H1" that opens a body.
type openingH1 struct {
	text string
	line int // file line
	// When Scan removed the H1 from Body as the title, the line it
	// removed (without its '\n') and where in Body it was: the H1 goes
	// back there if the vault finds it a label (see Draft.text).
	removed string
	at      int
	// heading is the H1 as an index heading, and headings the body's
	// headings with it when their ids then differ from Draft.Headings
	// (nil when they are the H1 followed by Draft.Headings).
	heading  index.Heading
	headings []index.Heading
}

// settleTitle sets d.Title from what Scan read. shared says that the
// opening H1 opens enough notes of the vault to be a label; lang is the
// language a question title is preferred in ("": the first).
func (d *Draft) settleTitle(shared bool, lang string) {
	d.restoreH1 = false
	switch {
	case d.Meta.Title != "":
		d.Title = d.Meta.Title
	case d.h1.text != "" && !shared && !extract.IsSectionLabel(d.h1.text):
		d.Title = d.h1.text
	default:
		d.restoreH1 = d.h1.removed != ""
		d.Title = trimExt(path.Base(d.Source))
		if q, ok := preferred(d.questions, lang); ok {
			d.Title = q.text
		}
	}
}

// preferred returns the first question in lang, else the first.
func preferred(qs []titleQuestion, lang string) (titleQuestion, bool) {
	if len(qs) == 0 {
		return titleQuestion{}, false
	}
	for _, q := range qs {
		if lang != "" && q.lang == lang {
			return q, true
		}
	}
	return qs[0], true
}

// titleLine is the file line a title comes from, 0 when unknown.
func (d *Draft) titleLine() int {
	if d.Meta.Title != "" {
		return 0
	}
	if d.h1.text != "" && d.Title == d.h1.text {
		return d.h1.line
	}
	for _, q := range d.questions {
		if q.text == d.Title {
			return q.line
		}
	}
	return 0
}

// text returns the body as the page shows it: Body, with the opening H1
// put back when the vault found it a label rather than the title.
func (d *Draft) text() []byte {
	if !d.restoreH1 {
		return d.Body
	}
	at := d.h1.at
	return slices.Concat(d.Body[:at], []byte(d.h1.removed), d.Body[at:])
}

// headings returns the headings of text().
func (d *Draft) headings() []index.Heading {
	switch {
	case !d.restoreH1:
		return d.Headings
	case d.h1.headings != nil:
		return d.h1.headings
	}
	return append([]index.Heading{d.h1.heading}, d.Headings...)
}

// settleTitles titles every published draft with what only the whole
// vault tells (see settleTitle) and warns about notes of one folder that
// share a title. lang is the language preferred for question titles; ""
// prefers the language most notes' questions are asked in.
func settleTitles(drafts []*Draft, lang string) []diag.Diagnostic {
	opens := map[string]int{}
	langs := map[string]int{}
	for _, d := range drafts {
		if d.h1.text != "" {
			opens[index.NameKey(d.h1.text)]++
		}
		for i, q := range d.questions {
			if q.lang != "" && !slices.ContainsFunc(d.questions[:i], func(p titleQuestion) bool { return p.lang == q.lang }) {
				langs[q.lang]++ // once a note
			}
		}
	}
	if lang == "" {
		for l, n := range langs {
			if n > langs[lang] || n == langs[lang] && l < lang {
				lang = l
			}
		}
	}
	var diags []diag.Diagnostic
	titled := map[[2]string]string{} // folder and title key -> first source
	for _, d := range drafts {
		d.settleTitle(d.h1.text != "" && opens[index.NameKey(d.h1.text)] >= genericH1Notes, lang)
		k := [2]string{path.Dir(d.Source), index.NameKey(d.Title)}
		if first, ok := titled[k]; ok {
			diags = append(diags, diag.Title.Warnf(d.Source, d.titleLine(), "%q is also the title of %s in this folder; give one of them a title in front matter", d.Title, first))
			continue
		}
		titled[k] = d.Source
	}
	return diags
}

// readQuestions finds the questions that may title the note (see
// settleTitle). h1s are the "# H1"s left in Body, in order.
func (d *Draft) readQuestions(h1s []bodyH1) {
	if d.h1.removed != "" {
		// The opening H1 is no label (labels stay in Body): its block
		// follows the line it left empty.
		if q, ok := blockQuestion(d.Body, d.h1.at, d.BodyLine); ok && readsAsQuestion(q.text) {
			d.questions = append(d.questions, q)
		}
	}
	for i, h := range h1s {
		opening := i == 0 && d.h1.text != "" && d.h1.removed == ""
		lang, isLabel := extract.QuestionLabel(h.text)
		if !isLabel && !opening {
			continue
		}
		if q, ok := blockQuestion(d.Body, h.end, d.BodyLine); ok && (isLabel || readsAsQuestion(q.text)) {
			q.lang = lang
			d.questions = append(d.questions, q)
		}
	}
}

// bodyH1 is a "# H1" of a body: its text and where its line ends.
type bodyH1 struct {
	text string
	end  int // offset of the next line
}

// maxBlockLines bounds what blockQuestion reads of a block: a question
// is a line or a few.
const maxBlockLines = 12

// titleParser parses the blocks blockQuestion reads.
var titleParser = sync.OnceValue(markdown.NewParser)

// blockQuestion reads the first block of body from offset at: when it is
// a paragraph, or a quote of one paragraph, its text made a title.
func blockQuestion(body []byte, at, bodyLine int) (titleQuestion, bool) {
	for at < len(body) {
		end := bytes.IndexByte(body[at:], '\n')
		if end < 0 {
			end = len(body) - at
		}
		if len(bytes.TrimSpace(body[at:at+end])) > 0 {
			break
		}
		at += end + 1
	}
	if at >= len(body) {
		return titleQuestion{}, false
	}
	stop := at
	for n := 0; n < maxBlockLines && stop < len(body); n++ {
		end := bytes.IndexByte(body[stop:], '\n')
		if end < 0 {
			stop = len(body)
			break
		}
		if len(bytes.TrimSpace(body[stop:stop+end])) == 0 {
			break
		}
		stop += end + 1
	}
	src := obsidian.HeadingText(body[at:stop])
	doc := titleParser().Parse(src)
	b := doc.FirstChild()
	if q, ok := b.(*ast.Blockquote); ok && q.ChildCount() == 1 {
		b = q.FirstChild()
	}
	if _, ok := b.(*ast.Paragraph); !ok {
		return titleQuestion{}, false
	}
	text := extract.LabelQuestionText(markdown.PlainTextWithCode(doc.FirstChild(), src))
	if text == "" {
		return titleQuestion{}, false
	}
	return titleQuestion{text: shortTitle(text), line: bodyLine + bytes.Count(body[:at], []byte{'\n'})}, true
}

// Words that start a question in English and Russian. "ли" as the second
// word asks too: "Можно ли ...".
var questionWords = map[string]bool{
	"what": true, "why": true, "how": true, "when": true, "where": true, "which": true, "who": true, "whom": true, "whose": true,
	"is": true, "are": true, "can": true, "does": true, "should": true,
	"что": true, "чем": true, "почему": true, "зачем": true, "как": true, "какой": true, "какая": true, "какое": true,
	"какие": true, "каков": true, "когда": true, "где": true, "куда": true, "откуда": true, "кто": true, "сколько": true, "чей": true,
}

// readsAsQuestion reports whether text asks something: it ends with "?"
// (before closing quotes), or starts with a question word.
func readsAsQuestion(text string) bool {
	if strings.HasSuffix(strings.TrimRight(text, `"'”’»)… `), "?") {
		return true
	}
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\''
	})
	return len(words) > 0 && questionWords[words[0]] || len(words) > 1 && words[1] == "ли"
}

// shortTitle keeps the first sentence of text, at most maxTitle
// characters of it, cut between words with an ellipsis, never inside a
// code span.
func shortTitle(text string) string {
	text = firstSentence(text)
	if utf8.RuneCountInString(text) <= maxTitle {
		return text
	}
	cut, n := 0, 0
	for i, r := range text {
		if n == maxTitle-1 {
			if cut == 0 {
				cut = i // one long word
			}
			break
		}
		if r == ' ' {
			cut = i
		}
		n++
	}
	text = text[:cut]
	if strings.Count(text, "`")%2 == 1 {
		text = strings.TrimRight(text[:strings.LastIndexByte(text, '`')], "`")
	}
	return strings.TrimRight(text, " ,;:-–—") + "…"
}

// firstSentence cuts text after its first "?" or "!" followed by a space,
// or "." followed by a space and a capital letter, outside code.
func firstSentence(text string) string {
	inCode := false
	for i := 0; i < len(text)-1; i++ {
		switch c := text[i]; {
		case c == '`':
			inCode = !inCode
		case inCode || text[i+1] != ' ':
		case c == '?' || c == '!':
			return text[:i+1]
		case c == '.':
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[i+1:], " ")); unicode.IsUpper(r) {
				return text[:i+1]
			}
		}
	}
	return text
}
