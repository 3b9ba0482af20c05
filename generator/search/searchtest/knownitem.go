package searchtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

// KnownItem is a vault for a known-item benchmark: notes with titles of
// two to four words drawn from a Zipf-distributed vocabulary (so that
// some title words are in many titles), bodies that mention their own
// title words and other notes' title words, "See also" lists of links,
// and hub notes that list fifty notes sharing a title word by their
// titles, so that a hub mentions every word of each of them. The queries
// are two or three words of a note's title, as typed (lower case), and
// the same with one typo.
type KnownItem struct {
	Notes   []KnownNote
	Queries []KnownQuery
}

// KnownNote is one note of a KnownItem vault.
type KnownNote struct {
	Title string
	Slug  string   // the file name without .md, and the page URL's last part
	Tags  []string // one topic tag
	Body  string   // Markdown; links to other notes are [[Title]]
	Hub   bool     // a list of links to notes sharing a title word
}

// KnownQuery is a query whose answer is one note.
type KnownQuery struct {
	Clean  string // two or three title words
	Typo   string // Clean with one letter substituted, deleted, inserted or two swapped
	Target int    // index into Notes
}

// NewKnownItem returns a vault of n notes (one in hubEvery a hub) and up
// to queries queries, spread evenly over the notes. The same arguments
// always give the same vault.
func NewKnownItem(n, queries int, seed uint64) KnownItem {
	const hubEvery, hubLinks = 25, 50
	r := rand.New(rand.NewPCG(seed, 0x6b6e))
	bodyWords := words(r, 20000)
	// Title words are the body's common words: every title word is
	// mentioned in many notes that are not about it.
	titleWords := bodyWords[:600]
	tags := words(r, 12)
	titleZipf := rand.NewZipf(r, 1.05, 4, uint64(len(titleWords)-1))
	bodyZipf := rand.NewZipf(r, 1.1, 2, uint64(len(bodyWords)-1))

	k := KnownItem{Notes: make([]KnownNote, n)}
	seen := map[string]bool{}
	titles := make([][]string, n)
	for i := range k.Notes {
		if i%hubEvery == hubEvery-1 {
			continue
		}
		for {
			ws := make([]string, 2+r.IntN(3))
			for j := range ws {
				ws[j] = titleWords[titleZipf.Uint64()]
			}
			key := strings.Join(ws, " ")
			if !seen[key] && len(distinct(ws)) == len(ws) {
				seen[key] = true
				titles[i] = ws
				break
			}
		}
		k.Notes[i].Title = titleCase(titles[i])
	}
	// A hub lists the notes whose titles share a word, by title.
	for i := range k.Notes {
		if titles[i] != nil {
			continue
		}
		w := titleWords[titleZipf.Uint64()%20]
		k.Notes[i] = KnownNote{Title: titleCase([]string{w, "overview", fmt.Sprint(i)}), Hub: true}
		var b strings.Builder
		b.WriteString("Every note about " + w + ".\n\n## Notes\n\n")
		links := 0
		for j := range n {
			if links == hubLinks {
				break
			}
			if t := titles[(i+j)%n]; t != nil && (slices.Contains(t, w) || j%7 == 0) {
				fmt.Fprintf(&b, "- [[%s]]\n", k.Notes[(i+j)%n].Title)
				links++
			}
		}
		k.Notes[i].Body = b.String()
	}
	sentence := func(b *strings.Builder, extra []string) {
		n := 8 + r.IntN(16)
		for j := range n {
			w := bodyWords[bodyZipf.Uint64()]
			if len(extra) > 0 && r.IntN(n) < 2 {
				w = extra[r.IntN(len(extra))]
			}
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if j < n-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(". ")
	}
	for i := range k.Notes {
		nt := &k.Notes[i]
		nt.Tags = []string{tags[r.IntN(len(tags))]}
		if nt.Hub {
			continue
		}
		// Words a note mentions: its own title's, and those of a few
		// other notes' titles, as notes on related subjects do.
		mentions := slices.Clone(titles[i])
		for range 6 {
			if t := titles[r.IntN(n)]; t != nil {
				mentions = append(mentions, t[r.IntN(len(t))])
			}
		}
		var b strings.Builder
		for s := range 3 + r.IntN(3) {
			if s > 0 {
				// Headings name other subjects, often in title words.
				fmt.Fprintf(&b, "## %s %s\n\n", titleCase([]string{mentions[r.IntN(len(mentions))]}), bodyWords[bodyZipf.Uint64()])
			}
			for range 1 + r.IntN(3) {
				for range 2 + r.IntN(4) {
					sentence(&b, mentions)
				}
				b.WriteString("\n\n")
			}
		}
		b.WriteString("## See also\n\n")
		for range 3 + r.IntN(4) {
			if j := r.IntN(n); j != i {
				fmt.Fprintf(&b, "- [[%s]]\n", k.Notes[j].Title)
			}
		}
		nt.Body = b.String()
	}
	for i := range k.Notes {
		k.Notes[i].Slug = strings.ToLower(strings.ReplaceAll(k.Notes[i].Title, " ", "-"))
	}

	// Queries: two or three words of a title, in title order, that no
	// other title has all of.
	if queries <= 0 {
		return k
	}
	step := max(1, n/queries)
	for i := 0; i < n && len(k.Queries) < queries; i += step {
		t := titles[i]
		for t == nil && i+1 < n {
			i++
			t = titles[i]
		}
		if t == nil {
			break
		}
		q := t
		if len(t) > 2 {
			keep := min(len(t), 2+r.IntN(2))
			drop := r.Perm(len(t))[:len(t)-keep]
			q = nil
			for j, w := range t {
				if !slices.Contains(drop, j) {
					q = append(q, w)
				}
			}
		}
		ambiguous := false
		for j, o := range titles {
			if j != i && o != nil && containsAll(o, q) {
				ambiguous = true
				break
			}
		}
		if ambiguous {
			continue
		}
		k.Queries = append(k.Queries, KnownQuery{Clean: strings.Join(q, " "), Typo: typo(r, q), Target: i})
	}
	return k
}

// typo returns the words of q with one typo in the longest word, after
// its first two letters: a search client that reads its dictionary by a
// word's first letters, as Crib's does, cannot correct those, and they
// are the letters people get wrong least.
func typo(r *rand.Rand, q []string) string {
	q = slices.Clone(q)
	at := 0
	for j, w := range q {
		if len(w) > len(q[at]) {
			at = j
		}
	}
	w := []byte(q[at])
	p := 2 + r.IntN(max(1, len(w)-2))
	letter := byte('a' + r.IntN(26))
	switch r.IntN(4) {
	case 0: // substituted
		if p >= len(w) {
			p = len(w) - 1
		}
		if w[p] == letter {
			letter = 'a' + (letter-'a'+1)%26
		}
		w[p] = letter
	case 1: // deleted
		if p >= len(w) {
			p = len(w) - 1
		}
		w = slices.Delete(w, p, p+1)
	case 2: // inserted
		w = slices.Insert(w, min(p, len(w)), letter)
	default: // two swapped
		if p+1 >= len(w) {
			p = len(w) - 2
		}
		if w[p] == w[p+1] {
			w[p] = letter
		} else {
			w[p], w[p+1] = w[p+1], w[p]
		}
	}
	q[at] = string(w)
	return strings.Join(q, " ")
}

func containsAll(set, ws []string) bool {
	for _, w := range ws {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

func distinct(ws []string) []string {
	s := slices.Clone(ws)
	slices.Sort(s)
	return slices.Compact(s)
}

func titleCase(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(out, " ")
}

// Files returns the vault as files: vault-relative path to Markdown with
// front matter.
func (k KnownItem) Files() map[string]string {
	out := make(map[string]string, len(k.Notes))
	for _, n := range k.Notes {
		out[n.Slug+".md"] = fmt.Sprintf("---\ntitle: %s\ntags: [%s]\n---\n\n%s", n.Title, strings.Join(n.Tags, ", "), n.Body)
	}
	return out
}

// NoteList returns the vault as notes ready to index, their links
// written as Markdown links as the normalizer writes them.
func (k KnownItem) NoteList() []*note.Note {
	slug := make(map[string]string, len(k.Notes))
	for _, n := range k.Notes {
		slug[n.Title] = n.Slug
	}
	p := markdown.NewParser()
	out := make([]*note.Note, len(k.Notes))
	for i, n := range k.Notes {
		body := n.Body
		for {
			a := strings.Index(body, "[[")
			if a < 0 {
				break
			}
			e := strings.Index(body[a:], "]]")
			title := body[a+2 : a+e]
			body = body[:a] + "[" + title + "](/notes/" + slug[title] + "/)" + body[a+e+2:]
		}
		b := []byte(body)
		out[i] = &note.Note{
			Source: n.Slug + ".md",
			Title:  n.Title,
			Tags:   n.Tags,
			URL:    "notes/" + n.Slug + "/",
			Path:   "/notes/" + n.Slug,
			Body:   b,
			Doc:    p.Parse(b),
		}
	}
	return out
}

// Ranks holds, for each query, the rank of its target among the distinct
// pages of the results (1 is first), or 0 when it is not among them.
type Ranks []int

// Success is the share of queries whose target is within the first k.
func (rs Ranks) Success(k int) float64 {
	if len(rs) == 0 {
		return 0
	}
	n := 0
	for _, r := range rs {
		if r > 0 && r <= k {
			n++
		}
	}
	return float64(n) / float64(len(rs))
}

// MRR is the mean reciprocal rank (0 for a target not found).
func (rs Ranks) MRR() float64 {
	if len(rs) == 0 {
		return 0
	}
	s := 0.0
	for _, r := range rs {
		if r > 0 {
			s += 1 / float64(r)
		}
	}
	return s / float64(len(rs))
}

// String formats success@1, success@5 and MRR.
func (rs Ranks) String() string {
	return fmt.Sprintf("success@1 %.1f%%, success@5 %.1f%%, MRR %.3f (%d queries)", 100*rs.Success(1), 100*rs.Success(5), rs.MRR(), len(rs))
}

// RankOf returns the rank of target among the distinct pages of a result
// list (page URLs, or titles: anything that names a page), 0 if absent.
func RankOf(pages []string, target string) int {
	seen := map[string]bool{}
	for _, p := range pages {
		if seen[p] {
			continue
		}
		seen[p] = true
		if p == target {
			return len(seen)
		}
	}
	return 0
}
