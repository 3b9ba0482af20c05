// Package practice turns the interview questions of the notes into
// practice cards: the site's spaced-repetition deck (/practice/), an Anki
// import file and a JSON export for other tools.
package practice

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/tags"
)

// Card is one question and its answer, ready to practise.
type Card struct {
	// ID is stable across builds: a hash of the note's source path and
	// the normalized question, so editing an answer, another question or
	// the question's case and punctuation keeps it (and Anki updates the
	// card instead of adding a new one).
	ID       string
	Question string
	Kind     extract.QuestionKind
	// Lang is the language the question is asked in, a BCP 47 tag such as
	// "en", or "" when the note does not say (see extract.Question).
	Lang string
	// Difficulty is the note's difficulty, one of Difficulties, or "" (see
	// noteDifficulty).
	Difficulty string
	// Answer is the answer's Markdown, as written in the note but for
	// the text of its HTML comments, which the site never shows and the
	// exports must not carry (see markdown.WithoutHTMLComments).
	Answer string

	Note   string // the note's title
	Source string // vault-relative path of the note
	Path   string // Hugo logical path of the note page
	URL    string // URL of the note page relative to the site root
	Anchor string // heading id of the question on the note page, or ""
	// Blocks is where the answer is on the note page (Start < 0: it is not
	// a run of whole blocks there); see extract.BlockRange.
	Blocks extract.BlockRange
	Tags   []string
	Line   int

	// Parent is the ID of the question this one follows up on, or "".
	Parent      string
	EmptyAnswer bool
	Placeholder bool
}

// Cards returns the cards of every note, notes in site order and cards in
// note order.
func Cards(notes []*note.Note) []Card {
	sorted := slices.Clone(notes)
	slices.SortStableFunc(sorted, note.CompareSiteOrder)
	per := make([][]Card, len(sorted))
	parallel.Each(0, len(sorted), func(i int) { per[i] = NoteCards(sorted[i]) })
	return slices.Concat(per...)
}

// NoteCards returns the cards of one note, in note order.
func NoteCards(n *note.Note) []Card {
	return note.Memo(n, "practice.cards", func() []Card { return noteCards(n) })
}

func noteCards(n *note.Note) []Card {
	if n.Doc == nil {
		return nil
	}
	qs := extract.Questions(n.Doc, n.Body)
	if len(qs) == 0 {
		return nil
	}
	cards := make([]Card, len(qs))
	difficulty, _ := noteDifficulty(n)
	seen := make(map[string]int, len(qs))
	for i, q := range qs {
		norm := normalizeQuestion(q.Text)
		// The same question twice in a note: the second gets its
		// ordinal, so ids stay unique and the first keeps its id.
		seen[norm]++
		key := norm
		if k := seen[norm]; k > 1 {
			key += "\n" + strconv.Itoa(k)
		}
		cards[i] = Card{
			ID:          CardID(n.Source, key),
			Question:    q.Text,
			Kind:        q.Kind,
			Lang:        q.Lang,
			Difficulty:  difficulty,
			Answer:      withoutComments(q.AnswerMarkdown),
			Note:        n.Title,
			Source:      n.Source,
			Path:        n.Path,
			URL:         n.URL,
			Anchor:      q.Anchor,
			Blocks:      q.Blocks,
			Tags:        n.Tags,
			Line:        q.Line,
			EmptyAnswer: q.EmptyAnswer,
			Placeholder: q.Placeholder,
		}
	}
	for i, q := range qs {
		if q.Parent >= 0 {
			cards[i].Parent = cards[q.Parent].ID
		}
	}
	return cards
}

// withoutComments is md without the text of its HTML comments.
func withoutComments(md string) string {
	if !strings.Contains(md, "<!--") {
		return md
	}
	return string(markdown.WithoutHTMLComments([]byte(md)))
}

// CardID is the id of a card: 16 hex digits of the SHA-256 of the note's
// source path and the normalized question text.
func CardID(source, normalizedQuestion string) string {
	h := sha256.New()
	h.Write([]byte(source))
	h.Write([]byte{0})
	h.Write([]byte(normalizedQuestion))
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// normalizeQuestion keeps what makes a question that question: its
// letters and digits, lowercased, one space between words. Quotes,
// punctuation, case and spacing can change without changing the id.
func normalizeQuestion(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’' || r == '‘':
			// "what's" and "what’s" and "whats" are the same question.
		default:
			space = true
		}
	}
	return b.String()
}

// hasTag reports whether tags include one of want, compared as tags are
// (case and accents folded); a wanted tag also matches its nested tags
// ("interview" matches "interview/devops").
func hasTag(have, want []string) bool {
	for _, w := range want {
		w = tags.Key(w)
		if w == "" {
			continue
		}
		for _, t := range have {
			t = tags.Key(t)
			if t == w || strings.HasPrefix(t, w+"/") {
				return true
			}
		}
	}
	return false
}

// Filter keeps the cards of notes tagged with one of tags (all cards when
// tags is empty).
func Filter(cards []Card, tags []string) []Card {
	if len(tags) == 0 {
		return cards
	}
	var out []Card
	for _, c := range cards {
		if hasTag(c.Tags, tags) {
			out = append(out, c)
		}
	}
	return out
}

// OfLanguage keeps the cards asked in lang (all cards when lang is ""). A
// card whose language is not known is of no language.
func OfLanguage(cards []Card, lang string) []Card {
	if lang == "" {
		return cards
	}
	var out []Card
	for _, c := range cards {
		if c.Lang == lang {
			out = append(out, c)
		}
	}
	return out
}

// DeckLanguage is the language the practice page shows first: the
// configured one, else the language of most cards (the first tag in
// order on a tie), else "" (every card) when more cards have no
// language than have any one language.
func DeckLanguage(cards []Card, configured string) string {
	if configured != "" {
		return configured
	}
	count := map[string]int{}
	for _, c := range cards {
		count[c.Lang]++
	}
	best := ""
	for lang, n := range count {
		if lang != "" && (n > count[best] || n == count[best] && (best == "" || lang < best)) {
			best = lang
		}
	}
	return best
}
