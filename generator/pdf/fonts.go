package pdf

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/crib-notes/crib/generator/quickref"
)

// face is one of the embedded Go fonts. The PDF core fonts are never used:
// they cannot draw "→", "≥" or "≠".
type face uint8

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	faceMonoBold
	numFaces
)

var faceFamilies = [numFaces]string{"goregular", "gobold", "goitalic", "gobolditalic", "gomono", "gomonobold"}

func faceTTF(f face) []byte {
	switch f {
	case faceBold:
		return gobold.TTF
	case faceItalic:
		return goitalic.TTF
	case faceBoldItalic:
		return gobolditalic.TTF
	case faceMono:
		return gomono.TTF
	case faceMonoBold:
		return gomonobold.TTF
	}
	return goregular.TTF
}

// faceOf returns the face that draws a run style.
func faceOf(st quickref.RunStyle) face {
	bold, italic := st&quickref.RunBold != 0, st&quickref.RunItalic != 0
	switch {
	case st&quickref.RunCode != 0 && bold:
		return faceMonoBold
	case st&quickref.RunCode != 0:
		return faceMono
	case bold && italic:
		return faceBoldItalic
	case bold:
		return faceBold
	case italic:
		return faceItalic
	}
	return faceRegular
}

// fonts registers the faces a sheet uses with a document and measures
// text in them.
type fonts struct {
	pdf    *fpdf.Fpdf
	loaded [numFaces]bool
	space  [numFaces]float64 // width of " " at 1 pt, in pt
	glyphs *sfnt.Font        // Go Regular, to ask which runes have glyphs
	buf    sfnt.Buffer
}

func newFonts(pdf *fpdf.Fpdf) (*fonts, error) {
	g, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	return &fonts{pdf: pdf, glyphs: g}, nil
}

// use registers a face once. fpdf rewrites the font bytes it is given, so
// it gets a fresh copy, never the package's shared slice.
func (fs *fonts) use(f face) {
	if fs.loaded[f] {
		return
	}
	fs.loaded[f] = true
	fs.pdf.AddUTF8FontFromBytes(faceFamilies[f], "", append([]byte(nil), faceTTF(f)...))
	fs.space[f] = fs.width(f, " ")
}

// width returns the width of s drawn at 1 pt in face f, in pt. fpdf draws
// glyph advances without kerning, so widths add up exactly.
func (fs *fonts) width(f face, s string) float64 {
	if fs.pdf.PageNo() > 0 {
		// Selecting a font would write to the page.
		panic("pdf: text measured after drawing started")
	}
	fs.use(f)
	fs.pdf.SetFont(faceFamilies[f], "", 1)
	return float64(fs.pdf.GetStringSymbolWidth(s)) / 1000
}

// substitutes spell out characters the Go fonts have no glyph for.
var substitutes = map[rune]string{
	'⇒': "=>", '⇐': "<=", '⇔': "<=>", '⟶': "→", '⟵': "←",
	'✓': "+", '✔': "+", '✅': "+", '☑': "+",
	'✗': "×", '✘': "×", '❌': "×", '❎': "×",
	'⚠': "!", '❗': "!", '❓': "?", '⭐': "*", '★': "*",
	'\u200b': "", '\u200d': "", '\ufe0f': "", '\ufe0e': "",
}

// printable replaces the characters of s that the Go fonts cannot draw
// with look-alikes where there is one. Others are kept, so a missing glyph
// shows as a box rather than silently vanishing.
func (fs *fonts) printable(s string) string {
	plain := true
	for _, r := range s {
		if r >= 0x2000 {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= 0x2000 {
			if i, err := fs.glyphs.GlyphIndex(&fs.buf, r); err != nil || i == 0 {
				if sub, ok := substitutes[r]; ok {
					b.WriteString(sub)
					continue
				}
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
