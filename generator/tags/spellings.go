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
//   - remaining ties go to the lexically smallest spelling.
//
// The choice depends only on the counts, never on the order of Add calls,
// and Add and Display are safe for concurrent use, so notes may be fed
// from parallel workers and the result is still deterministic.
type Spellings struct {
	mu     sync.Mutex
	counts map[string]map[string]int // key -> spelling -> uses
	pins   map[string]string         // key -> pinned display spelling
	chosen map[string]string         // key -> spelling Display chose since the last Add of the key
}

// NewSpellings returns an empty chooser with the given pins, which map a
// tag (any spelling, usually the lower-case key) to the spelling to show.
// A pin must be a spelling of the same tag: "k8s" = "Kubernetes" would
// rename a tag, not spell it, and is reported as an error (the other pins
// are still applied).
func NewSpellings(pins map[string]string) (*Spellings, error) {
	s := &Spellings{
		counts: make(map[string]map[string]int),
		pins:   make(map[string]string, len(pins)),
	}
	var bad []string
	for _, from := range slices.Sorted(maps.Keys(pins)) {
		to := pins[from]
		k := Key(from)
		d, ok := Clean(to)
		if k == "" || !ok || Key(d) != k {
			bad = append(bad, fmt.Sprintf("%q = %q", from, to))
			continue
		}
		s.pins[k] = d
	}
	if len(bad) > 0 {
		return s, fmt.Errorf("tag display pins must respell the same tag (case and accents only): %s", strings.Join(bad, ", "))
	}
	return s, nil
}

// Add records one use of a raw tag spelling; spellings that are not tags
// are ignored.
func (s *Spellings) Add(spelling string) { s.AddCount(spelling, 1) }

// AddCount records n uses of a raw tag spelling.
func (s *Spellings) AddCount(spelling string, n int) {
	t, ok := Clean(spelling)
	if !ok || n <= 0 {
		return
	}
	k := Key(t)
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
	k := Key(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.pins[k]; ok {
		return p
	}
	if c, ok := s.chosen[k]; ok {
		return c
	}
	best, bestN := "", 0
	for sp, n := range s.counts[k] {
		if best == "" || better(sp, n, best, bestN) {
			best, bestN = sp, n
		}
	}
	if best == "" {
		return t
	}
	if s.chosen == nil {
		s.chosen = make(map[string]string)
	}
	s.chosen[k] = best
	return best
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
