package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/language"

	"github.com/crib-notes/crib/generator/markdown"
)

// Notes written as sections ask a question under a heading that is only a
// label, and answer it under another label, with a language marker when
// the note asks it in several languages:
//
//	# Вопрос (RU)
//	> Что такое `Flow`?
//	# Question (EN)
//	> What is `Flow`?
//	## Ответ (RU)
//	…
//	## Answer (EN)
//	…
var (
	// A label's marker, in parentheses or brackets: "(EN)", "[ru]".
	labelMarker     = `\s*(?:\(\s*([^()]*?)\s*\)|\[\s*([^\[\]]*?)\s*\])?\s*:?$`
	questionLabelRe = regexp.MustCompile(`(?i)^(?:question|q|вопрос|problem|task|задача)` + labelMarker)
	answerLabelRe   = regexp.MustCompile(`(?i)^(?:(?:your\s+)?answer|solution|ответ|решение)` + labelMarker)
	// The first letters of the labels: question, q, problem, task,
	// answer, your answer, solution, and (Cyrillic) вопрос, задача, ответ,
	// решение.
	labelInitials = "qptays\u0432\u0437\u043e\u0440"
	// An Obsidian callout's type at the start of a quote: "[!question]-".
	calloutTypeRe = regexp.MustCompile(`^\[![\w-]*\][+-]?\s*`)
)

// IsSectionLabel reports whether heading text is a question or answer
// label ("Question (EN)", "Ответ"): the heading of a section a card is
// made from.
func IsSectionLabel(text string) bool {
	text = strings.TrimSpace(text)
	return questionLabelRe.MatchString(text) || answerLabelRe.MatchString(text)
}

// roleKind says what an entry of the extractor's list is.
type roleKind int

const (
	plainQuestion roleKind = iota // any question that is not a label
	labelQuestion                 // "# Question (EN)": asks the block under it
	answerSection                 // "## Answer (EN)": answers a label
)

type role struct {
	kind roleKind
	lang string // the label's language marker, "" when none
}

// label matches heading text against a label and returns the language
// of its marker: a two-letter (ISO 639-1) language, with a region or
// script maybe, as a BCP 47 tag ("EN" -> "en", "pt_br" -> "pt-BR"). Any
// other marker ("(easy)") is no language.
func label(re *regexp.Regexp, text string) (lang string, ok bool) {
	// Every label starts with one of these letters; most headings are
	// settled without running a regexp.
	r, _ := utf8.DecodeRuneInString(text)
	if !strings.ContainsRune(labelInitials, unicode.ToLower(r)) {
		return "", false
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	marker := m[1] + m[2]
	base, _, _ := strings.Cut(strings.ReplaceAll(marker, "_", "-"), "-")
	if len(base) != 2 {
		return "", true
	}
	tag, err := language.Parse(marker)
	if err != nil {
		return "", true
	}
	return tag.String(), true
}

// has reports whether the extractor found an entry of kind k.
func (x *qextractor) has(k roleKind) bool {
	for _, r := range x.roles {
		if r.kind == k {
			return true
		}
	}
	return false
}

// quoteText is the text of a quote on one line: its blocks joined, the
// type of a callout ("[!question]") dropped.
func quoteText(q *ast.Blockquote, src []byte) string {
	var parts []string
	for c := q.FirstChild(); c != nil; c = c.NextSibling() {
		parts = append(parts, markdown.PlainText(c, src))
	}
	return calloutTypeRe.ReplaceAllString(strings.TrimSpace(strings.Join(parts, " ")), "")
}

// pair gives each label question the answer of its section and returns
// the questions, without the sections and without labels that found no
// question text under them.
//
// A label with a language marker takes the section of the same marker:
// the k-th "Question (EN)" the k-th "Answer (EN)", wherever it is. A label
// without one, or whose language has no section left, takes the next
// section after it not taken yet (an unmarked one, for a marked label).
// A label with no section keeps what follows its text, up to the next
// heading, as its answer. A card's language is its label's, else its
// section's.
func (x *qextractor) pair() []Question {
	answer := make([]int, len(x.out)) // label -> its section, or -1
	taken := make([]bool, len(x.out)) // sections
	for i := range answer {
		answer[i] = -1
	}
	byLang := map[string][]int{}
	for i, r := range x.roles {
		if r.kind == answerSection && r.lang != "" {
			byLang[r.lang] = append(byLang[r.lang], i)
		}
	}
	for i, r := range x.roles {
		if r.kind != labelQuestion || r.lang == "" || len(byLang[r.lang]) == 0 {
			continue
		}
		answer[i] = byLang[r.lang][0]
		taken[answer[i]] = true
		byLang[r.lang] = byLang[r.lang][1:]
	}
	for i, r := range x.roles {
		if r.kind != labelQuestion || answer[i] >= 0 {
			continue
		}
		for j := i + 1; j < len(x.out); j++ {
			if x.roles[j].kind == answerSection && !taken[j] && (r.lang == "" || x.roles[j].lang == "") {
				answer[i], taken[j] = j, true
				break
			}
		}
	}

	// The questions kept, and where each entry went (-1: dropped; a
	// section goes where its label went, for follow-ups asked in it).
	index := make([]int, len(x.out))
	for i := range index {
		index[i] = -1
	}
	out := make([]Question, 0, len(x.out))
	for i, q := range x.out {
		r := x.roles[i]
		if r.kind == answerSection || (r.kind == labelQuestion && q.Text == "") {
			continue
		}
		if r.kind == labelQuestion {
			q.Lang = r.lang
			if j := answer[i]; j >= 0 {
				s := x.out[j]
				q.AnswerMarkdown, q.Blocks, q.EmptyAnswer, q.Placeholder = s.AnswerMarkdown, s.Blocks, s.EmptyAnswer, s.Placeholder
				if q.Lang == "" {
					q.Lang = x.roles[j].lang
				}
			}
		}
		index[i] = len(out)
		out = append(out, q)
	}
	for i, j := range answer {
		if j >= 0 {
			index[j] = index[i]
		}
	}
	for i := range out {
		if p := out[i].Parent; p >= 0 {
			out[i].Parent = index[p]
		}
	}
	return out
}
