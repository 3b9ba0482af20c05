package pdf

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// TestFlowRules checks the column flow on sheets from sparse to full: items
// stay in order and inside their column, a heading is always followed by
// an item in the same column, and a "(cont.)" heading opens a column only
// when its group goes on there.
func TestFlowRules(t *testing.T) {
	for _, s := range []Sheet{syntheticSheet(1), syntheticSheet(11), syntheticSheet(40),
		syntheticSheet(120), syntheticSheet(160), sheetOf(290, true)} {
		n := s.Items()
		doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
		fs, err := newFonts(doc)
		if err != nil {
			t.Fatal(err)
		}
		c := newContent(fs, s, -1)
		const h = 260.0
		p, _, ok := c.fit(190, h)
		if !ok {
			t.Fatalf("%d items: no fit", n)
		}
		if p.cols < MinColumns || p.cols > MaxColumns || p.metrics.size < MinFontSize || p.metrics.size > MaxFontSize {
			t.Errorf("%d items: %d columns at %.1f pt", n, p.cols, p.metrics.size)
		}
		if p.height > h {
			t.Errorf("%d items: balanced height %.1f > %.1f", n, p.height, h)
		}
		var pls []placement
		if _, ok := p.metrics.flow(p.height, p.cols, func(pl placement) { pls = append(pls, pl) }); !ok {
			t.Fatalf("%d items: the chosen plan does not flow", n)
		}
		next := [2]int{0, 0} // the group and item expected next
		for i, pl := range pls {
			if pl.y < 0 || pl.y+pl.h > p.height+1e-6 {
				t.Errorf("%d items: placement %+v outside the column (height %.2f)", n, pl, p.height)
			}
			if i > 0 && pl.col < pls[i-1].col {
				t.Errorf("%d items: flow goes back to column %d", n, pl.col)
			}
			if pl.item < 0 {
				if i+1 >= len(pls) || pls[i+1].item < 0 || pls[i+1].col != pl.col || pls[i+1].group != pl.group {
					t.Errorf("%d items: heading %+v is not followed by its item in the same column", n, pl)
				}
				if pl.cont != (pls[i+1].item > 0) {
					t.Errorf("%d items: heading %+v marked cont=%v before item %d", n, pl, pl.cont, pls[i+1].item)
				}
				if pl.cont && pl.y != 0 {
					t.Errorf("%d items: a (cont.) heading in mid-column: %+v", n, pl)
				}
				continue
			}
			if [2]int{pl.group, pl.item} != next {
				t.Errorf("%d items: placed %d/%d, want %d/%d", n, pl.group, pl.item, next[0], next[1])
			}
			next = [2]int{pl.group, pl.item + 1}
			if next[1] == len(s.Groups[pl.group].Items) {
				next = [2]int{pl.group + 1, 0}
			}
		}
		if next != [2]int{len(s.Groups), 0} {
			t.Errorf("%d items: flow stopped at %v", n, next)
		}
	}
}

// TestOverfullPrefix checks that a sheet turned into paragraphs only up to
// what could ever fit reports the same number of fitting items as the
// whole sheet measured.
func TestOverfullPrefix(t *testing.T) {
	const w, h = 190.0, 260.0
	for _, s := range []Sheet{syntheticSheet(600), sheetOf(900, true), sheetOf(2000, false)} {
		doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
		fs, err := newFonts(doc)
		if err != nil {
			t.Fatal(err)
		}
		whole := newContent(fs, s, -1)
		if whole.count() <= maxLines(h) {
			t.Fatalf("%d items fit in %d lines: not an overfull sheet", whole.count(), maxLines(h))
		}
		m := whole.measure(MinFontSize, columnWidth(w, MaxColumns, MinFontSize))
		want, _ := m.flow(h, MaxColumns, nil)
		cut := newContent(fs, s, maxLines(h)+1)
		if cut.count() != maxLines(h)+1 {
			t.Errorf("cut content holds %d items, want %d", cut.count(), maxLines(h)+1)
		}
		_, got, ok := cut.fit(w, h)
		if ok || got != want || got == 0 {
			t.Errorf("%d items: fit of the cut content = %d (ok %v), whole content fits %d", s.Items(), got, ok, want)
		}
	}
}
