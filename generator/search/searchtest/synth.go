// Package searchtest makes synthetic vaults for search benchmarks: notes
// shaped like a real interview note, with words varied so that the
// vocabulary grows the way a real vault's does.
package searchtest

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

var wordRE = regexp.MustCompile(`[A-Za-z]{4,}`)

// Vault returns n notes made from body (a seed note without front
// matter). In each note about a third of the words of four letters or
// more are replaced by words drawn from a Zipf-distributed vocabulary of
// made-up words, and "Docker" by one of a few hundred topic names, so
// that common words stay common and rare words stay rare. The same
// arguments always give the same notes.
func Vault(body []byte, n int, seed uint64) []*note.Note {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	vocab := words(r, 60000)
	topics := words(r, 300)
	tagNames := words(r, 40)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	p := markdown.NewParser()
	notes := make([]*note.Note, n)
	for i := range notes {
		topic := topics[r.IntN(len(topics))]
		src := wordRE.ReplaceAllStringFunc(string(body), func(w string) string {
			if strings.EqualFold(w, "docker") && r.IntN(3) > 0 {
				return topic
			}
			if r.IntN(3) == 0 {
				return vocab[zipf.Uint64()]
			}
			return w
		})
		title := fmt.Sprintf("%s Interview Notes %d", strings.ToUpper(topic[:1])+topic[1:], i)
		slug := fmt.Sprintf("%s-interview-notes-%d", topic, i)
		b := []byte(src)
		notes[i] = &note.Note{
			Source: "synth/" + slug + ".md",
			Folder: "synth",
			Title:  title,
			Tags:   []string{tagNames[r.IntN(len(tagNames))], tagNames[r.IntN(len(tagNames))], "Docker"},
			URL:    "notes/synth/" + slug + "/",
			Path:   "/notes/synth/" + slug,
			Body:   b,
			Doc:    p.Parse(b),
		}
	}
	return notes
}

// words makes n distinct pronounceable words.
func words(r *rand.Rand, n int) []string {
	cons := []string{"b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "st", "tr", "ch", "br", "pl"}
	vow := []string{"a", "e", "i", "o", "u", "ai", "ou"}
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(cons[r.IntN(len(cons))])
			b.WriteString(vow[r.IntN(len(vow))])
		}
		if r.IntN(2) == 0 {
			b.WriteString(cons[r.IntN(len(cons))])
		}
		w := b.String()
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}
