package search

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Query tuning shared with the browser client (search.js mirrors it).
const (
	// Limit is the most results a query returns.
	Limit = 50
	// perPage is the most results one page contributes.
	perPage = 3
	// maxPrefix and maxFuzzy bound the terms one query word expands to.
	maxPrefix = 5
	maxFuzzy  = 4
	// tailBelow: when the heads give fewer results, the tails of the
	// words' exact terms are loaded, unless a term is in more than
	// tailMax documents (a word that common is known by its head alone).
	tailBelow = 10
	tailMax   = 16384
	// phraseCheck is how many ranked candidates a phrase is verified on.
	phraseCheck = 40
	// Match weights: a score counts fully for an exact term, less for a
	// longer term the word is a prefix of, much less for a typo.
	weightExact  = 8
	weightPrefix = 6
	weightFuzzy1 = 2
	weightFuzzy2 = 1
)

// Result is one hit, best first.
type Result struct {
	ID       int32    // document number: page<<10 | section (0 = the page itself)
	URL      string   // relative to the site root, "#heading-id" for a section
	Title    string   // page title
	Headings []string // heading path of a section
	Tags     []string
	Score    int
}

// Response is everything a query answers.
type Response struct {
	Results []Result
	// AnyWord is true when no document had every word and the results
	// are documents having some of them.
	AnyWord bool
	// Suggestion is a query to offer when there are no results: the
	// words replaced by the nearest indexed terms.
	Suggestion string
	// Terms are the index terms that matched, for highlighting.
	Terms []string
}

// Parsed is a query split into its parts.
type Parsed struct {
	Words   []string   // every word, all required
	Phrases [][]string // quoted phrases of two or more words, matched in order
	Tags    []string   // folded tag: filters, all required
}

// Parse splits query text: `tag:x` filters, "quoted phrases" (an
// unclosed quote is plain text, as while typing) and words.
func Parse(q string) Parsed {
	var p Parsed
	var plain []string
	rest := q
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			break
		}
		plain = append(plain, rest[:i])
		phrase := rest[i+1 : i+1+j]
		plain = append(plain, phrase)
		if ws := phraseWords(phrase); len(ws) > 1 {
			p.Phrases = append(p.Phrases, ws)
		}
		rest = rest[i+2+j:]
	}
	plain = append(plain, rest)
	var text []string
	for i, part := range plain {
		if i%2 == 1 && i < len(plain)-1 { // a phrase: never a tag filter
			text = append(text, part)
			continue
		}
		for _, f := range strings.Fields(part) {
			if len(f) > 4 && strings.EqualFold(f[:4], "tag:") {
				if t := FoldTag(f[4:]); t != "" && !slices.Contains(p.Tags, t) {
					p.Tags = append(p.Tags, t)
				}
				continue
			}
			text = append(text, f)
		}
	}
	p.Words = QueryWords(strings.Join(text, " "))
	return p
}

// candidate is an index term a query word matches, with its weight.
type candidate struct {
	t      *termInfo
	weight int
}

// useTail reports whether the candidate's tail is loaded when the heads
// give too few results: only for exact terms not too common.
func (c candidate) useTail() bool {
	return c.t.tail != nil && c.weight == weightExact && c.t.df <= tailMax
}

// candidates returns the terms word matches: the term itself, the
// maxPrefix most frequent terms it is a prefix of (words of two letters
// or more), and, only when there are neither (a typo, most likely), the
// maxFuzzy nearest terms within edit distance 1 (words of 5+ letters) or
// 2 (8+), sharing the first two letters. A word the index holds, or one
// being typed, so never costs the client the dictionary shards of every
// term with its first two letters.
func (x *Index) candidates(w string) []candidate {
	var out []candidate
	n := utf8.RuneCountInString(w)
	lo, _ := slices.BinarySearchFunc(x.terms, w, func(t termInfo, w string) int { return strings.Compare(t.term, w) })
	var prefix []*termInfo
	for i := lo; i < len(x.terms) && strings.HasPrefix(x.terms[i].term, w); i++ {
		if x.terms[i].term == w {
			out = append(out, candidate{&x.terms[i], weightExact})
		} else if n >= 2 {
			prefix = append(prefix, &x.terms[i])
		}
	}
	slices.SortStableFunc(prefix, func(a, b *termInfo) int { return cmp.Compare(b.df, a.df) })
	for _, t := range prefix[:min(len(prefix), maxPrefix)] {
		out = append(out, candidate{t, weightPrefix})
	}
	if n < 5 || len(out) > 0 {
		return out
	}
	maxD := 1
	if n >= 8 {
		maxD = 2
	}
	type near struct {
		t *termInfo
		d int
	}
	var fuzzy []near
	for _, t := range x.scope(w) {
		if strings.HasPrefix(t.term, w) {
			continue // exact or prefix already
		}
		if d := editDistance(w, t.term, maxD); d <= maxD {
			fuzzy = append(fuzzy, near{t, d})
		}
	}
	slices.SortStableFunc(fuzzy, func(a, b near) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(b.t.df, a.t.df)) })
	for _, f := range fuzzy[:min(len(fuzzy), maxFuzzy)] {
		wt := weightFuzzy1
		if f.d == 2 {
			wt = weightFuzzy2
		}
		out = append(out, candidate{f.t, wt})
	}
	return out
}

// scope returns the terms sharing w's first two letters: where typo
// candidates and suggestions are looked for.
func (x *Index) scope(w string) []*termInfo {
	p := firstRunes(w, 2)
	lo, _ := slices.BinarySearchFunc(x.terms, p, func(t termInfo, w string) int { return strings.Compare(t.term, w) })
	var out []*termInfo
	for i := lo; i < len(x.terms) && strings.HasPrefix(x.terms[i].term, p); i++ {
		out = append(out, &x.terms[i])
	}
	return out
}

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions, in
// runes), or max+1 when it exceeds max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Query answers q: the results of Search.
func Query(x *Index, q string) []Result { return Search(x, q).Results }

// Search answers q the way the browser client does, step by step:
// candidates per word, scores from the posting heads, the tails when the
// heads give fewer than tailBelow results, every word required (any
// word when that finds nothing), tag filters, phrases verified on the
// fragment text, at most perPage results per page and Limit in all.
func Search(x *Index, q string) Response { return x.search(q, nil) }

func (x *Index) search(q string, rec *fetchLog) Response {
	p := Parse(q)
	var resp Response
	if len(p.Words) == 0 {
		if len(p.Tags) > 0 {
			x.recordTags(rec, p.Tags)
			resp.Results = x.tagPages(p.Tags)
		}
		return resp
	}
	cands := make([][]candidate, len(p.Words))
	hasTail := false
	x.recordTags(rec, p.Tags)
	for i, w := range p.Words {
		cands[i] = x.candidates(w)
		rec.add(x.shardsFor(w, len(cands[i]) > 0)...)
		for _, c := range cands[i] {
			hasTail = hasTail || c.useTail()
			if !slices.Contains(resp.Terms, c.t.term) {
				resp.Terms = append(resp.Terms, c.t.term)
			}
		}
	}
	slices.Sort(resp.Terms)
	keep := func(doc int32) bool { return x.tagged(p.Tags, doc>>pageBits) }
	for _, cs := range cands {
		for _, c := range cs {
			rec.add(c.t.headFile)
		}
	}
	hits := x.score(cands, false, keep)
	all := filterAll(hits, len(p.Words))
	if len(all) < tailBelow && hasTail {
		for _, cs := range cands {
			for _, c := range cs {
				if c.useTail() {
					rec.add(c.t.tailFile)
				}
			}
		}
		hits = x.score(cands, true, keep)
		all = filterAll(hits, len(p.Words))
	}
	var ranked []hit
	if len(all) > 0 {
		ranked = all
		slices.SortFunc(ranked, func(a, b hit) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc)) })
		if len(p.Phrases) > 0 {
			ranked = x.verifyPhrases(ranked, p.Phrases, rec)
		}
	} else {
		ranked = hits
		resp.AnyWord = len(ranked) > 0
		slices.SortFunc(ranked, func(a, b hit) int {
			return cmp.Or(cmp.Compare(b.words, a.words), cmp.Compare(b.score, a.score), cmp.Compare(a.doc, b.doc))
		})
	}
	resp.Results = x.results(ranked)
	if len(resp.Results) == 0 {
		for _, w := range p.Words {
			if utf8.RuneCountInString(w) >= 3 {
				rec.add(x.shardRange(firstRunes(w, 2), true)...)
			}
		}
		resp.Suggestion = x.suggest(p)
	}
	return resp
}

// hit is one document's accumulated score.
type hit struct {
	doc   int32
	score int
	words int // how many query words it matched
}

// score adds, per query word, the best score among the word's candidate
// terms: BM25 with the term's idf, the title bonus, times the match
// weight, rounded to a whole number (see wordScore).
func (x *Index) score(cands [][]candidate, tails bool, keep func(int32) bool) []hit {
	norms := x.lengthNorms()
	total := map[int32]*hit{}
	for _, cs := range cands {
		best := map[int32]int{}
		capIdf := capOf(cs)
		add := func(ps []posting, c candidate) {
			idf := c.t.idf
			if c.weight != weightExact {
				idf = min(idf, capIdf)
			}
			for _, p := range ps {
				if v := wordScore(c.weight*idf, p, norms); v > best[p.doc] {
					best[p.doc] = v
				}
			}
		}
		for _, c := range cs {
			add(c.t.head, c)
			if tails && c.useTail() {
				add(c.t.tail, c)
			}
		}
		for doc, v := range best {
			if !keep(doc) {
				continue
			}
			h := total[doc]
			if h == nil {
				h = &hit{doc: doc}
				total[doc] = h
			}
			h.score += v
			h.words++
		}
	}
	out := make([]hit, 0, len(total))
	for _, h := range total {
		out = append(out, *h)
	}
	return out
}

// capOf is the highest idf a word's other candidates count with: the
// idf of the word itself when it is a term of the index. A longer word it
// is a prefix of, or one a letter away, is often rarer than the word
// typed, and would otherwise outscore the pages that have the very word,
// titles included.
func capOf(cs []candidate) int {
	for _, c := range cs {
		if c.weight == weightExact {
			return c.t.idf
		}
	}
	return math.MaxInt
}

// wordScore is a posting's score for a candidate of weight times idf
// wi: termScore times wi, rounded half up, and at least 1 (a match counts
// even for a word in every document). The client rounds the same double
// the same way.
func wordScore(wi int, p posting, norms *[inTitle]float64) int {
	s := termScore(p.tf, p.norm, norms[p.norm&^inTitle])
	return max(1, int(math.Floor(float64(s*float64(wi))+0.5)))
}

// lengthNorms tables lengthNorm by length code for the index's average
// document length.
func (x *Index) lengthNorms() *[inTitle]float64 {
	x.normsOnce.Do(func() {
		for c := range x.norms {
			x.norms[c] = lengthNorm(lengthOf(uint8(c)), x.stats.AvgDL)
		}
	})
	return &x.norms
}

func filterAll(hits []hit, words int) []hit {
	var out []hit
	for _, h := range hits {
		if h.words == words {
			out = append(out, h)
		}
	}
	return out
}

// tagged reports whether page carries every tag (or a tag nested below it).
func (x *Index) tagged(tags []string, page int32) bool {
	for _, t := range tags {
		ti, ok := x.tags[t]
		if !ok {
			return false
		}
		in := false
		for i := 0; i+1 < len(ti.Ranges); i += 2 {
			if ti.Ranges[i] <= page && page < ti.Ranges[i+1] {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// tagPages lists the pages carrying every tag, in site order: the answer
// to a query made of tag filters only.
func (x *Index) tagPages(tags []string) []Result {
	var out []Result
	for page := range x.pages {
		if len(out) == Limit {
			break
		}
		if x.tagged(tags, int32(page)) {
			out = append(out, x.result(int32(page)<<pageBits, 0))
		}
	}
	return out
}

// verifyPhrases keeps, among the first phraseCheck ranked hits, those
// whose title, headings or text contain every phrase in order.
func (x *Index) verifyPhrases(ranked []hit, phrases [][]string, rec *fetchLog) []hit {
	var out []hit
	for _, h := range ranked[:min(len(ranked), phraseCheck)] {
		rec.add(x.fragFiles(h.doc)...)
		d := x.doc(h.doc)
		if d == nil {
			continue
		}
		fields := append([]string{d.Title, d.Text}, d.Headings...)
		ok := true
		for _, ph := range phrases {
			found := false
			for _, f := range fields {
				if containsSeq(phraseWords(f), ph) {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, h)
		}
	}
	return out
}

func containsSeq(words, seq []string) bool {
	for i := 0; i+len(seq) <= len(words); i++ {
		if slices.Equal(words[i:i+len(seq)], seq) {
			return true
		}
	}
	return false
}

// results turns ranked hits into results: at most perPage per page and
// Limit in all.
func (x *Index) results(ranked []hit) []Result {
	var out []Result
	perPageSeen := map[int32]int{}
	for _, h := range ranked {
		if len(out) == Limit {
			break
		}
		page := h.doc >> pageBits
		if perPageSeen[page] == perPage {
			continue
		}
		perPageSeen[page]++
		out = append(out, x.result(h.doc, h.score))
	}
	return out
}

func (x *Index) result(id int32, score int) Result {
	r := Result{ID: id, Score: score}
	if d := x.doc(id); d != nil {
		r.URL, r.Title, r.Headings, r.Tags = d.URL, d.Title, d.Headings, d.Tags
	}
	return r
}

// suggest replaces each word that has no candidate term by the nearest
// term sharing its first two letters (edit distance at most 3, the more
// frequent on ties), and returns the new query, or "" when nothing
// changed.
func (x *Index) suggest(p Parsed) string {
	changed := false
	words := slices.Clone(p.Words)
	for i, w := range words {
		if utf8.RuneCountInString(w) < 3 || len(x.candidates(w)) > 0 {
			continue
		}
		best, bestD, bestDF := "", 4, 0
		for _, t := range x.scope(w) {
			d := editDistance(w, t.term, 3)
			if d <= 3 && (d < bestD || d == bestD && t.df > bestDF) {
				best, bestD, bestDF = t.term, d, t.df
			}
		}
		if best != "" {
			words[i] = best
			changed = true
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(words, " ")
}
