package tags

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Spellings chooses one display spelling per tag for a whole vault. Feed
// it every spelling seen with Add; then Display answers, for any spelling
// or key, the spelling to show:
//
//   - a pinned spelling (hugo.toml [params.crib.tags]) always wins;
//   - otherwise the most used spelling;
//   - ties prefer a conventional casing (all lower case, Title case or an
//     ALL CAPS acronym) over odd mixed case such as "DocKer";
//   - remaining ties go to the lexically smallest spelling;
//   - a word still in odd mixed case that names a well-known term (see
//     Term) is shown as the term is written: "DocKer" is "Docker".
//
// Synonyms ("k8s" and "kubernetes", built in or from hugo.toml
// [params.crib.tagSynonyms]) are one tag: their uses are counted
// together and they share one display spelling, chosen by the rules
// above. A nested tag's words are merged one by one ("k8s/pods" is
// "kubernetes/pods").
//
// The choice depends only on the counts, never on the order of Add calls,
// and Add and Display are safe for concurrent use, so notes may be fed
// from parallel workers and the result is still deterministic.
type Spellings struct {
	mu     sync.Mutex
	counts map[string]map[string]int // key -> spelling -> uses
	pins   map[string]string         // key -> pinned display spelling
	chosen map[string]string         // key -> spelling Display chose since the last Add of the key
	// synonyms maps the key of a tag word to the key of the word it is
	// merged into; counts, pins and choices are by merged key.
	synonyms map[string]string
}

// NewSpellings returns an empty chooser with the given pins, which map a
// tag (any spelling, usually the lower-case key) to the spelling to show,
// and synonyms, which map a tag word to the other words that name the
// same thing (kubernetes = ["k8s", "kube"]); they add to the built-in
// synonyms and win over them. A pin must be a spelling of the same tag
// or of a synonym: "docker" = "Podman" would rename a tag, not spell it.
// Bad pins and synonyms are reported in one error; the others are still
// applied.
func NewSpellings(pins map[string]string, synonyms map[string][]string) (*Spellings, error) {
	s := &Spellings{
		counts:   make(map[string]map[string]int),
		pins:     make(map[string]string, len(pins)),
		synonyms: maps.Clone(builtinSynonyms),
	}
	var bad []string
	for _, to := range slices.Sorted(maps.Keys(synonyms)) {
		tk := Key(to)
		if tk == "" || strings.Contains(tk, "/") {
			bad = append(bad, fmt.Sprintf("synonyms of %q: not a tag word", to))
			continue
		}
		// A word named as the one others merge into is never itself
		// merged into another ("js = []" keeps js apart from javascript).
		delete(s.synonyms, tk)
		for _, from := range synonyms[to] {
			fk := Key(from)
			if fk == "" || strings.Contains(fk, "/") {
				bad = append(bad, fmt.Sprintf("synonym %q of %q: not a tag word", from, to))
				continue
			}
			if fk != tk {
				s.synonyms[fk] = tk
			}
		}
	}
	for _, from := range slices.Sorted(maps.Keys(pins)) {
		to := pins[from]
		k := s.key(from)
		d, ok := Clean(to)
		if k == "" || !ok || s.key(d) != k {
			bad = append(bad, fmt.Sprintf("%q = %q", from, to))
			continue
		}
		s.pins[k] = d
	}
	if len(bad) > 0 {
		return s, fmt.Errorf("tag display pins must respell the same tag or a synonym of it, and synonyms must be tag words: %s", strings.Join(bad, ", "))
	}
	return s, nil
}

// key is the key of a tag with every word that has a synonym merged: the
// identity of a tag within this vault. "" for what is not a tag.
func (s *Spellings) key(tag string) string {
	k := Key(tag)
	if len(s.synonyms) == 0 || k == "" {
		return k
	}
	if !strings.Contains(k, "/") {
		if to, ok := s.synonyms[k]; ok {
			return to
		}
		return k
	}
	words := strings.Split(k, "/")
	for i, w := range words {
		if to, ok := s.synonyms[w]; ok {
			words[i] = to
		}
	}
	return strings.Join(words, "/")
}

// Key returns the key of tag in this vault: tags.Key with synonyms
// merged, so "k8s" and "Kubernetes" have the key "kubernetes". Compare
// tags with it wherever synonyms must match.
func (s *Spellings) Key(tag string) string { return s.key(tag) }

// Add records one use of a raw tag spelling; spellings that are not tags
// are ignored.
func (s *Spellings) Add(spelling string) { s.AddCount(spelling, 1) }

// AddCount records n uses of a raw tag spelling.
func (s *Spellings) AddCount(spelling string, n int) {
	t, ok := Clean(spelling)
	if !ok || n <= 0 {
		return
	}
	k := s.key(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.counts[k]
	if m == nil {
		m = make(map[string]int, 1)
		s.counts[k] = m
	}
	m[t] += n
	delete(s.chosen, k)
}

// Display returns the spelling to show for tag, which may be a key or any
// spelling of it. A tag never added and not pinned is shown cleaned, as
// given; "" is returned for a string that is not a tag.
func (s *Spellings) Display(tag string) string {
	t, ok := Clean(tag)
	if !ok {
		return ""
	}
	k := s.key(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.display(t, k)
}

// display is Display of the clean tag t whose key is k, with s.mu held.
func (s *Spellings) display(t, k string) string {
	if p, ok := s.pins[k]; ok {
		return p
	}
	if c, ok := s.chosen[k]; ok {
		return c
	}
	best, bestN := t, 0
	for sp, n := range s.counts[k] {
		if bestN == 0 || better(sp, n, best, bestN) {
			best, bestN = sp, n
		}
	}
	best = wellKnownWords(best)
	if strings.Contains(best, "/") {
		best = s.mergedWords(best, k)
	}
	if bestN == 0 {
		return best // not a tag of the vault: nothing to remember
	}
	if s.chosen == nil {
		s.chosen = make(map[string]string)
	}
	s.chosen[k] = best
	return best
}

// mergedWords shows each word of a nested tag that is a synonym as the
// tag it merges into is shown: "k8s/pods" is "Kubernetes/pods" in a vault
// that shows Kubernetes (or none: then as the term is written). k is the
// tag's key, synonyms merged.
func (s *Spellings) mergedWords(tag, k string) string {
	// own is the key of each word as a part of this tag, before synonyms
	// are merged: a word alone can have another key ("#a" in "0/#a" is
	// "a" alone) or none ("!0").
	words, keys, own := strings.Split(tag, "/"), strings.Split(k, "/"), strings.Split(Key(tag), "/")
	if len(words) != len(keys) || len(own) != len(keys) {
		return tag
	}
	for i := range words {
		if own[i] == keys[i] {
			continue // not a synonym
		}
		words[i] = s.display(keys[i], keys[i])
		if t := Term(keys[i]); t != "" && words[i] == keys[i] && len(s.counts[keys[i]]) == 0 {
			words[i] = t // no note shows the word: as the term is written
		}
	}
	return strings.Join(words, "/")
}

// Keys returns the key of every tag added or pinned, sorted.
func (s *Spellings) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ks := make([]string, 0, len(s.counts)+len(s.pins))
	for k := range s.counts {
		ks = append(ks, k)
	}
	for k := range s.pins {
		if _, ok := s.counts[k]; !ok {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// wellKnownWords respells the words of tag that are in odd mixed case
// and name a well-known term as the term is written.
func wellKnownWords(tag string) string {
	if Conventional(tag) {
		return tag
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(tag); i++ {
		if i < len(tag) && tag[i] != '/' && tag[i] != '-' && tag[i] != '_' {
			continue
		}
		w := tag[start:i]
		if t := Term(w); t != "" && !conventionalWord(w) {
			w = t
		}
		b.WriteString(w)
		if i < len(tag) {
			b.WriteByte(tag[i])
		}
		start = i + 1
	}
	return b.String()
}

// better reports whether spelling a, used na times, should be shown
// rather than b, used nb times. It is a strict total order, so the winner
// never depends on map iteration order.
func better(a string, na int, b string, nb int) bool {
	if na != nb {
		return na > nb
	}
	ca, cb := Conventional(a), Conventional(b)
	if ca != cb {
		return ca
	}
	return cmp.Less(a, b)
}

// Conventional reports whether every word of a tag is written in a
// conventional casing: all lower case ("docker"), Title case ("Docker"),
// or all capitals ("AWS"). Words are separated by '/', '-' and '_';
// "Interview/DevOps" is not conventional, "machine-learning" is.
func Conventional(tag string) bool {
	for w := range strings.FieldsFuncSeq(tag, func(r rune) bool {
		return r == '/' || r == '-' || r == '_'
	}) {
		if !conventionalWord(w) {
			return false
		}
	}
	return true
}

func conventionalWord(w string) bool {
	var first, restUpper, restLower bool
	i := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		up := unicode.IsUpper(r)
		if i == 0 {
			first = up
		} else if up {
			restUpper = true
		} else {
			restLower = true
		}
		i++
	}
	switch {
	case !restUpper: // "docker", "Docker", "x"
		return true
	case !restLower: // "AWS"; "aWS" is odd
		return first || i == 1
	}
	return false
}
