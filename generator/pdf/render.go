package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/crib-notes/crib/generator/quickref"
)

// paper is a page size in mm, portrait.
type paper struct {
	name string
	w, h float64
}

func paperOf(name string) (paper, error) {
	switch strings.ToLower(name) {
	case "", "a4":
		return paper{"A4", 210, 297}, nil
	case "letter":
		return paper{"Letter", 215.9, 279.4}, nil
	}
	return paper{}, fmt.Errorf("unknown paper size %q (want A4 or Letter)", name)
}

// Page geometry, mm.
const (
	margin = 10.0
	// Text boxes as PDF readers measure them reach a little past the
	// line box; this keeps the last line of a column clear of the bottom
	// margin.
	bottomSlack = 0.6

	titleSize    = 14.0 // pt
	titleLeading = 1.3  // the title's line box, relative to its size
	metaSize     = 8.0  // pt
	headerGap    = 4.0  // mm between the header rule and the columns
)

type rgb struct{ r, g, b int }

var (
	inkTitle   = rgb{18, 38, 74}
	inkAccent  = rgb{27, 84, 153}
	inkRule    = rgb{176, 196, 222}
	inkColumn  = rgb{222, 226, 232}
	inkTerm    = rgb{17, 17, 17}
	inkText    = rgb{48, 48, 48}
	inkMeta    = rgb{96, 96, 96}
	inkCode    = rgb{120, 26, 60}
	fillCode   = rgb{241, 242, 245}
	inkLink    = inkAccent
	inkHeading = inkAccent
)

// fixedDate stands in for a sheet without a date, so that even then the
// file does not change from run to run.
var fixedDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Render lays out the sheet on one page and returns the PDF. It returns a
// *FitError when the sheet does not fit at MinFontSize.
func Render(s Sheet, opts Options) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, s, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write is Render writing to w. Nothing is written when it fails.
func Write(w io.Writer, s Sheet, opts Options) error {
	pp, err := paperOf(opts.Paper)
	if err != nil {
		return err
	}
	if s.Items() == 0 {
		return errors.New("cheat sheet has no one-liners")
	}
	doc := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: pp.w, Ht: pp.h},
	})
	fs, err := newFonts(doc)
	if err != nil {
		return err
	}
	fs.use(faceRegular)
	fs.use(faceBold)

	h := header{sheet: s}
	h.measure(fs, pp.w-2*margin)
	top := margin + h.height
	colH := pp.h - margin - bottomSlack - top
	c := newContent(fs, s, maxLines(colH)+1)
	p, fitted, ok := c.fit(pp.w-2*margin, colH)
	if !ok {
		return newFitError(s, pp.name, fitted)
	}
	if err := doc.Error(); err != nil {
		return err
	}

	date := s.Date
	if date.IsZero() {
		date = fixedDate
	}
	doc.SetCreationDate(date.UTC())
	doc.SetModificationDate(date.UTC())
	doc.SetCatalogSort(true)
	doc.SetProducer("Crib", false)
	doc.SetCreator("Crib", false)
	doc.SetTitle(strings.TrimSpace(s.Title+" cheat sheet"), true)
	if s.Subtitle != "" {
		doc.SetSubject(s.Subtitle, true)
	}
	doc.SetMargins(margin, margin, margin)
	doc.SetAutoPageBreak(false, 0)
	// AddPage selects the current font again; let that be a real size,
	// not the 1 pt measuring size.
	doc.SetFont(faceFamilies[faceBold], "", titleSize)
	doc.AddPage()

	d := drawer{doc: doc, fs: fs}
	h.draw(&d, margin, pp.w-margin)
	d.columns(&c, p, top)
	if err := doc.Error(); err != nil {
		return err
	}
	return doc.Output(w)
}

// drawer draws text and shapes on the page.
type drawer struct {
	doc *fpdf.Fpdf
	fs  *fonts
}

func (d *drawer) ink(c rgb)  { d.doc.SetTextColor(c.r, c.g, c.b) }
func (d *drawer) pen(c rgb)  { d.doc.SetDrawColor(c.r, c.g, c.b) }
func (d *drawer) fill(c rgb) { d.doc.SetFillColor(c.r, c.g, c.b) }

func (d *drawer) text(f face, size float64, c rgb, x, baseline float64, s string) {
	d.doc.SetFont(faceFamilies[f], "", size)
	d.ink(c)
	d.doc.Text(x, baseline, s)
}

// baseline returns the baseline of text of the given size centred in a
// line box starting at top and lineH high.
func (d *drawer) baseline(top, lineH, size float64) float64 {
	desc := d.doc.GetFontDesc(faceFamilies[faceRegular], "")
	asc, dsc := float64(desc.Ascent)/1000, float64(-desc.Descent)/1000
	k := size * ptMM
	return top + (lineH-(asc+dsc)*k)/2 + asc*k
}

// header is the line at the top: title left; tag filter, count and date
// right; a rule below.
type header struct {
	sheet     Sheet
	title     string
	titleSize float64
	meta      string
	metaW     float64
	height    float64
}

func (h *header) measure(fs *fonts, width float64) {
	var parts []string
	if h.sheet.Subtitle != "" {
		parts = append(parts, h.sheet.Subtitle)
	}
	n := h.sheet.Items()
	if n == 1 {
		parts = append(parts, "1 one-liner")
	} else {
		parts = append(parts, fmt.Sprintf("%d one-liners", n))
	}
	if !h.sheet.Date.IsZero() {
		parts = append(parts, "updated "+h.sheet.Date.Format("2 Jan 2006"))
	}
	h.meta = fs.printable(strings.Join(parts, "  ·  "))
	h.metaW = fs.width(faceRegular, h.meta) * metaSize * ptMM
	// A long tag filter gives way too, keeping its end (count and date).
	for r := []rune(h.meta); len(r) > 1 && h.metaW > width*0.6; {
		r = r[1:]
		h.meta = "…" + strings.TrimSpace(string(r))
		h.metaW = fs.width(faceRegular, h.meta) * metaSize * ptMM
	}
	metaW := h.metaW

	// The title shrinks, then is shortened, to leave room for the rest.
	h.title = fs.printable(strings.TrimSpace(h.sheet.Title))
	if h.title == "" {
		h.title = "Cheat sheet"
	}
	room := width - metaW - 6
	h.titleSize = titleSize
	for h.titleSize > 9 && fs.width(faceBold, h.title)*h.titleSize*ptMM > room {
		h.titleSize -= 0.5
	}
	for r := []rune(h.title); len(r) > 1 && fs.width(faceBold, h.title)*h.titleSize*ptMM > room; {
		r = r[:len(r)-1]
		h.title = strings.TrimSpace(string(r)) + "…"
	}
	h.height = titleSize*titleLeading*ptMM + 1.2 + headerGap
}

func (h *header) draw(d *drawer, left, right float64) {
	lineH := titleSize * titleLeading * ptMM
	base := d.baseline(margin, lineH, titleSize)
	d.text(faceBold, h.titleSize, inkTitle, left, base, h.title)
	d.text(faceRegular, metaSize, inkMeta, right-h.metaW, base, h.meta)
	d.pen(inkAccent)
	d.doc.SetLineWidth(0.5)
	y := margin + lineH + 1.0
	d.doc.Line(left, y, right, y)
}

// columns draws the placed headings and items, and thin rules between the
// columns.
func (d *drawer) columns(c *content, p plan, top float64) {
	m := p.metrics
	gap := columnGap(m.size)
	colX := func(col int) float64 { return margin + float64(col)*(p.width+gap) }

	used := make([]float64, p.cols)
	var place []placement
	m.flow(p.height, p.cols, func(pl placement) {
		place = append(place, pl)
		used[pl.col] = max(used[pl.col], pl.y+pl.h)
	})
	d.pen(inkColumn)
	d.doc.SetLineWidth(0.2)
	for col := 1; col < p.cols; col++ {
		if used[col] == 0 {
			continue
		}
		x := colX(col) - gap/2
		d.doc.Line(x, top, x, top+max(used[col-1], used[col]))
	}

	var breaks []int
	for _, pl := range place {
		x, y := colX(pl.col), top+pl.y
		if pl.item < 0 {
			hs := m.size * headScale
			head := &c.heads[pl.group][b2i(pl.cont)]
			breaks = head.breakLines(hs, p.width, 0, breaks)
			d.para(head, breaks, hs, m.headLineH, x, y, 0, inkHeading)
			d.pen(inkRule)
			d.doc.SetLineWidth(0.25)
			ry := y + pl.h + m.below*0.35
			d.doc.Line(x, ry, x+p.width, ry)
			continue
		}
		item := &c.items[pl.group][pl.item]
		breaks = item.breakLines(m.size, p.width, m.hang, breaks)
		d.para(item, breaks, m.size, m.lineH, x, y, m.hang, inkText)
	}
}

// para draws a paragraph broken at breaks, its first line at (x, top) and
// the others indented by hang.
func (d *drawer) para(p *para, breaks []int, size, lineH, x, top, hang float64, base rgb) {
	k := size * ptMM
	start := 0
	for line := 0; line <= len(breaks); line++ {
		end := len(p.boxes)
		if line < len(breaks) {
			end = breaks[line]
		}
		lx := x
		if line > 0 {
			lx += hang
		}
		lineTop := top + float64(line)*lineH
		baseline := d.baseline(lineTop, lineH, size)

		// Consecutive pieces in one face and style are drawn as one
		// string; the space between words belongs to the string when it
		// was set in the same face, so the measured widths still hold.
		var run strings.Builder
		var runFrag frag
		runX, runEnd, cx := lx, lx, lx
		flush := func() {
			if run.Len() == 0 {
				return
			}
			d.piece(runFrag, run.String(), runEnd-runX, size, k, runX, lineTop, lineH, baseline, base)
			run.Reset()
		}
		for i := start; i < end; i++ {
			b := p.boxes[i]
			spaceFace := face(255)
			if i > start && b.space {
				spaceFace = b.spaceFace
				cx += b.spaceEm * k
			}
			for j, f := range b.frags {
				same := run.Len() > 0 && f.face == runFrag.face && f.style == runFrag.style && f.url == runFrag.url
				switch {
				case same && j == 0 && spaceFace == f.face:
					run.WriteByte(' ')
					run.WriteString(f.text)
				case same && (j > 0 || i == start || !b.space):
					run.WriteString(f.text)
				default:
					flush()
					runFrag, runX = f, cx
					run.WriteString(f.text)
				}
				cx += f.em * k
				runEnd = cx
			}
		}
		flush()
		start = end
	}
}

// piece draws one string in one style at x; w is its measured width.
func (d *drawer) piece(f frag, s string, w, size, k, x, lineTop, lineH, baseline float64, base rgb) {
	ink := base
	switch {
	case f.style&quickref.RunCode != 0:
		ink = inkCode
		d.fill(fillCode)
		pad := 0.1 * k
		d.doc.Rect(x-pad, lineTop+lineH*0.08, w+2*pad, lineH*0.84, "F")
	case f.style&quickref.RunLink != 0:
		ink = inkLink
	case f.style&quickref.RunBold != 0 && base == inkText:
		ink = inkTerm
	}
	d.text(f.face, size, ink, x, baseline, s)
	if f.style&quickref.RunStrike != 0 {
		d.pen(ink)
		d.doc.SetLineWidth(0.06 * k)
		y := baseline - 0.3*k
		d.doc.Line(x, y, x+w, y)
	}
	if f.style&quickref.RunLink != 0 && (strings.HasPrefix(f.url, "https://") || strings.HasPrefix(f.url, "http://")) {
		d.pen(ink)
		d.doc.SetLineWidth(0.04 * k)
		d.doc.Line(x, baseline+0.12*k, x+w, baseline+0.12*k)
		d.doc.LinkString(x, lineTop, w, lineH, f.url)
	}
}
