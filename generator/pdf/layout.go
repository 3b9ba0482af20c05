package pdf

import (
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/quickref"
)

// ptMM converts points to millimetres, the document unit.
const ptMM = 25.4 / 72

// Proportions of the layout, relative to the body font size (the one the
// fit search varies) unless noted.
const (
	lineHeight    = 1.15 // line box of body text
	itemGap       = 0.15 // between items
	indent        = 1.0  // hanging indent of an item's wrapped lines
	headScale     = 1.1  // group heading size
	headLeading   = 1.2  // line box of a heading, relative to its own size
	headAbove     = 0.6  // space above a heading, unless at a column top
	headBelow     = 0.35 // space between a heading and its first item
	minColumnGap  = 4.0  // mm between columns (a thin rule sits in it)
	columnGapEm   = 2.0  // wider with larger text, so columns read apart
	maxBoxEm      = 9.0  // longer words are broken into pieces this wide
	searchStep    = 0.1  // pt
	balanceRounds = 30
)

// frag is a piece of a word in one style.
type frag struct {
	text  string
	face  face
	style quickref.RunStyle
	url   string
	em    float64 // width at 1 pt, in pt
}

// box is a word: what a line never breaks inside (unless it is wider than
// any line could be).
type box struct {
	frags     []frag
	em        float64
	space     bool    // preceded by a space (dropped at the start of a line)
	spaceEm   float64 // width of that space at 1 pt
	spaceFace face    // the face the space was set in
}

// para is a paragraph of words: an item or a heading.
type para struct {
	boxes []box
}

// newPara breaks runs into words. extra is added to every run's style (the
// bold of a term or a heading).
func newPara(fs *fonts, runs []quickref.StyledRun, extra quickref.RunStyle) para {
	var p para
	p.add(fs, runs, extra, false)
	return p
}

// add appends runs; space says whether a space separates them from what
// the paragraph already has.
func (p *para) add(fs *fonts, runs []quickref.StyledRun, extra quickref.RunStyle, space bool) {
	open := false // whether the next text continues the last box
	pending, pendingFace := space, faceRegular
	for _, r := range runs {
		st := r.Style | extra
		f := faceOf(st)
		text := fs.printable(r.Text)
		for i := 0; i < len(text); {
			if text[i] == ' ' {
				pending, pendingFace, open = true, f, false
				i++
				continue
			}
			j := i
			for j < len(text) && text[j] != ' ' {
				j++
			}
			word := text[i:j]
			i = j
			if !open || len(p.boxes) == 0 {
				b := box{space: pending && len(p.boxes) > 0}
				if b.space {
					fs.use(pendingFace)
					b.spaceEm, b.spaceFace = fs.space[pendingFace], pendingFace
				}
				p.boxes = append(p.boxes, b)
				pending, open = false, true
			}
			b := &p.boxes[len(p.boxes)-1]
			w := fs.width(f, word)
			b.frags = append(b.frags, frag{text: word, face: f, style: st, url: r.URL, em: w})
			b.em += w
		}
	}
}

// appendText adds text to the last word (the ":" after a term).
func (p *para) appendText(fs *fonts, text string, st quickref.RunStyle) {
	if len(p.boxes) == 0 {
		return
	}
	f := faceOf(st)
	w := fs.width(f, text)
	b := &p.boxes[len(p.boxes)-1]
	b.frags = append(b.frags, frag{text: text, face: f, style: st, em: w})
	b.em += w
}

// splitLongWords breaks words wider than maxBoxEm into pieces, preferably
// after "/", "-", "." or "_", so that a long URL or identifier wraps inside
// a narrow column instead of running into the margin.
func (p *para) splitLongWords(fs *fonts) {
	var out []box
	for _, b := range p.boxes {
		if b.em <= maxBoxEm {
			out = append(out, b)
			continue
		}
		cur := box{space: b.space, spaceEm: b.spaceEm, spaceFace: b.spaceFace}
		lastBreak := -1 // index in cur.frags after which a break is nice
		for _, fr := range b.frags {
			for _, r := range fr.text {
				s := string(r)
				w := fs.width(fr.face, s)
				if cur.em+w > maxBoxEm && len(cur.frags) > 0 {
					var next box
					if lastBreak >= 0 && lastBreak < len(cur.frags)-1 && cur.em > maxBoxEm/2 {
						next.frags = append(next.frags, cur.frags[lastBreak+1:]...)
						cur.frags = cur.frags[:lastBreak+1]
						cur.em = sumEm(cur.frags)
						next.em = sumEm(next.frags)
					}
					out = append(out, cur)
					cur, lastBreak = next, -1
				}
				cur.frags = append(cur.frags, frag{text: s, face: fr.face, style: fr.style, url: fr.url, em: w})
				cur.em += w
				if r == '/' || r == '-' || r == '.' || r == '_' {
					lastBreak = len(cur.frags) - 1
				}
			}
		}
		out = append(out, cur)
	}
	// Pieces of one word are drawn as one string again where they share a
	// line; merge the single-rune frags back into runs of one style.
	for i := range out {
		out[i].frags = mergeFrags(out[i].frags)
	}
	p.boxes = out
}

func sumEm(fs []frag) float64 {
	s := 0.0
	for _, f := range fs {
		s += f.em
	}
	return s
}

func mergeFrags(in []frag) []frag {
	var out []frag
	for _, f := range in {
		if n := len(out); n > 0 && out[n-1].face == f.face && out[n-1].style == f.style && out[n-1].url == f.url {
			out[n-1].text += f.text
			out[n-1].em += f.em
			continue
		}
		out = append(out, f)
	}
	return out
}

// breakLines fills lines greedily: the first line is width wide, the
// following ones width-hang (the hanging indent). It returns the index of
// the first word of every line after the first.
func (p *para) breakLines(size, width, hang float64, breaks []int) []int {
	breaks = breaks[:0]
	x, avail := 0.0, width
	k := size * ptMM
	for i, b := range p.boxes {
		w := b.em * k
		if i == 0 {
			x = w
			continue
		}
		sw := 0.0
		if b.space {
			sw = b.spaceEm * k
		}
		if x+sw+w > avail+1e-9 {
			breaks = append(breaks, i)
			avail = width - hang
			x = w
			continue
		}
		x += sw + w
	}
	return breaks
}

// lines returns how many lines breakLines makes.
func (p *para) lines(size, width, hang float64, scratch *[]int) int {
	*scratch = p.breakLines(size, width, hang, *scratch)
	return len(*scratch) + 1
}

// content is a sheet turned into paragraphs, ready to be laid out at any
// size.
type content struct {
	heads [][2]para // per group: the heading, and the heading with " (cont.)"
	items [][]para  // per group, per item
}

// newContent turns the first limit items of s into paragraphs (all of
// them when limit < 0): a sheet cut short cannot fit anyway (see fit).
func newContent(fs *fonts, s Sheet, limit int) content {
	var c content
	bold := quickref.RunBold
	for _, g := range s.Groups {
		if limit == 0 {
			break
		}
		title := []quickref.StyledRun{{Text: g.Title}}
		head := newPara(fs, title, bold)
		cont := newPara(fs, title, bold)
		cont.add(fs, []quickref.StyledRun{{Text: "(cont.)"}}, 0, true)
		head.splitLongWords(fs)
		cont.splitLongWords(fs)
		c.heads = append(c.heads, [2]para{head, cont})

		items := make([]para, 0, len(g.Items))
		for _, it := range g.Items {
			if limit == 0 {
				break
			}
			limit--
			var p para
			if len(it.Term) > 0 {
				p = newPara(fs, it.Term, bold)
				if !endsWithPunct(it.Term) {
					p.appendText(fs, ":", bold)
				}
			}
			p.add(fs, it.Definition, 0, len(p.boxes) > 0)
			p.splitLongWords(fs)
			items = append(items, p)
		}
		c.items = append(c.items, items)
	}
	return c
}

func endsWithPunct(runs []quickref.StyledRun) bool {
	last := runs[len(runs)-1].Text
	r, _ := utf8.DecodeLastRuneInString(last)
	switch r {
	case ':', '?', '!', '.', '—', '–', '→', '=':
		return true
	}
	return false
}

// metrics are the heights of everything at one font size and column
// width, in mm.
type metrics struct {
	size, width                         float64
	lineH, gap, headLineH, above, below float64
	hang                                float64
	itemLines                           [][]int
	headLines                           [][2]int
}

// count returns how many items the content holds.
func (c *content) count() int {
	n := 0
	for _, items := range c.items {
		n += len(items)
	}
	return n
}

// prefix returns the content cut after its first n items.
func (c *content) prefix(n int) *content {
	var p content
	for g, items := range c.items {
		if n <= 0 {
			break
		}
		k := min(n, len(items))
		p.heads = append(p.heads, c.heads[g])
		p.items = append(p.items, items[:k])
		n -= k
	}
	return &p
}

func (c *content) measure(size, width float64) *metrics {
	hs := size * headScale
	m := &metrics{
		size:      size,
		width:     width,
		lineH:     size * lineHeight * ptMM,
		gap:       size * itemGap * ptMM,
		headLineH: hs * headLeading * ptMM,
		above:     size * headAbove * ptMM,
		below:     size * headBelow * ptMM,
		hang:      size * indent * ptMM,
		itemLines: make([][]int, len(c.items)),
		headLines: make([][2]int, len(c.heads)),
	}
	var scratch []int
	for g, items := range c.items {
		m.headLines[g][0] = c.heads[g][0].lines(hs, width, 0, &scratch)
		m.headLines[g][1] = c.heads[g][1].lines(hs, width, 0, &scratch)
		ls := make([]int, len(items))
		for i := range items {
			ls[i] = items[i].lines(size, width, m.hang, &scratch)
		}
		m.itemLines[g] = ls
	}
	return m
}

// placement is where the flow put a heading (item < 0) or an item.
type placement struct {
	group, item int
	cont        bool // a repeated heading
	col         int
	y           float64 // top, from the top of the columns, mm
	h           float64 // height of the text, mm
}

// flow fills columns of the given height top to bottom, left to right. A
// heading is placed only together with the first item after it, so it
// never ends a column; a group that continues in a new column gets its
// heading again, marked "(cont.)". It returns how many items were placed
// and whether all of them fit in cols columns. place, when not nil,
// receives every placement.
func (m *metrics) flow(height float64, cols int, place func(placement)) (placed int, ok bool) {
	const eps = 1e-9
	col, y := 0, 0.0
	for g, lines := range m.itemLines {
		for i, n := range lines {
			ih := float64(n) * m.lineH
			for {
				heading := i == 0 || y == 0
				need, above, hh := ih, 0.0, 0.0
				cont := i > 0
				if heading {
					if y > 0 {
						above = m.above
					}
					hh = float64(m.headLines[g][b2i(cont)]) * m.headLineH
					need += above + hh + m.below
				} else {
					need += m.gap
				}
				if y+need <= height+eps {
					if place != nil {
						if heading {
							place(placement{group: g, item: -1, cont: cont, col: col, y: y + above, h: hh})
						}
						place(placement{group: g, item: i, col: col, y: y + need - ih, h: ih})
					}
					y += need
					break
				}
				if y == 0 {
					return placed, false // taller than a whole column
				}
				col, y = col+1, 0
				if col >= cols {
					return placed, false
				}
			}
			placed++
		}
	}
	return placed, true
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// plan is the chosen layout.
type plan struct {
	cols    int
	width   float64 // column width, mm
	height  float64 // balanced column height, mm
	metrics *metrics
}

// columnGap is the space between columns for text of the given size.
func columnGap(size float64) float64 {
	return max(minColumnGap, columnGapEm*size*ptMM)
}

// columnWidth is the width of one of n columns across w mm.
func columnWidth(w float64, n int, size float64) float64 {
	return (w - float64(n-1)*columnGap(size)) / float64(n)
}

// maxLines is how many lines of the smallest text MaxColumns columns h mm
// tall hold. Every item takes at least one line: a sheet with more items
// than that cannot fit, and turning all of a large vault's one-liners
// into paragraphs and measuring them (several times) to learn that is
// slow. Its first maxLines+1 items tell how many fit at best.
func maxLines(h float64) int {
	return MaxColumns * int(h/(MinFontSize*lineHeight*ptMM))
}

// fit finds the largest font size, and for it the fewest columns, at which
// everything fits in a w × h mm area; then the smallest column height that
// still holds it, so the columns come out balanced. When nothing fits at
// MinFontSize it returns how many items fit at best.
func (c *content) fit(w, h float64) (plan, int, bool) {
	if lines := maxLines(h); c.count() > lines {
		head := c.prefix(lines + 1)
		m := head.measure(MinFontSize, columnWidth(w, MaxColumns, MinFontSize))
		placed, _ := m.flow(h, MaxColumns, nil)
		return plan{}, placed, false
	}
	steps := func(size float64) int { return int(size/searchStep + 0.5) }
	var best plan
	bestStep, bestPlaced := -1, 0
	cache := map[[2]int]*metrics{}
	fits := func(step, n int) (*metrics, int, bool) {
		key := [2]int{step, n}
		m := cache[key]
		if m == nil {
			size := float64(step) * searchStep
			m = c.measure(size, columnWidth(w, n, size))
			cache[key] = m
		}
		placed, ok := m.flow(h, n, nil)
		return m, placed, ok
	}
	for n := MinColumns; n <= MaxColumns; n++ {
		lo, hi := steps(MinFontSize), steps(MaxFontSize)
		m, placed, ok := fits(lo, n)
		if !ok {
			bestPlaced = max(bestPlaced, placed)
			continue
		}
		// Invariant: lo fits. Find the largest step that fits.
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if mm, _, ok := fits(mid, n); ok {
				lo, m = mid, mm
			} else {
				hi = mid - 1
			}
		}
		if lo > bestStep {
			bestStep = lo
			best = plan{cols: n, width: m.width, metrics: m}
		}
	}
	if bestStep < 0 {
		return plan{}, bestPlaced, false
	}
	// Balance: the shortest column height at which it still fits.
	lo, hi := 0.0, h
	for range balanceRounds {
		mid := (lo + hi) / 2
		if _, ok := best.metrics.flow(mid, best.cols, nil); ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	best.height = hi
	return best, 0, true
}
