// Package pdf lays out a cheat sheet of one-liners on exactly one printed
// page and renders it with fpdf and the Go fonts.
//
// The layout is portrait with 10 mm margins, a header line, and 2 to 4
// columns that flow top to bottom. Each item is a bold term followed by its
// definition, wrapped together with a hanging indent, and is never split
// across columns; a group heading never sits alone at the bottom of a
// column and is repeated as "Title (cont.)" when its group continues in the
// next one. Render picks the largest font size (in 0.1 pt steps, at most
// 11 pt) and the column count at which everything fits, then balances the
// columns. Below 6.5 pt text is no longer legible on paper, so a sheet that
// does not fit at that size is refused with a *FitError rather than shrunk
// further or continued on a second page.
//
// Output is deterministic: the same sheet gives the same bytes.
package pdf

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/internal/keyhash"
	"github.com/crib-notes/crib/generator/quickref"
)

// Sheet is what one page shows.
type Sheet struct {
	// Title heads the page, e.g. the site title.
	Title string
	// Subtitle is shown beside the title, e.g. the tag filter; optional.
	Subtitle string
	// Date is printed in the header ("updated 2025-12-19") and is the PDF's
	// creation and modification date. It should be the newest note's
	// modification date, never the time of the build. Zero leaves the date
	// out of the header and uses a fixed date in the file.
	Date   time.Time
	Groups []Group
}

// Group is the one-liners of one note, under the note's title.
type Group struct {
	Title string
	Items []Item
}

// Item is one one-liner. Term is empty for a definition-only item.
type Item struct {
	Term       []quickref.StyledRun
	Definition []quickref.StyledRun
}

// Items returns how many items the sheet has.
func (s Sheet) Items() int {
	n := 0
	for _, g := range s.Groups {
		n += len(g.Items)
	}
	return n
}

// Options configure Render.
type Options struct {
	// Paper is "A4" (the default when empty) or "Letter".
	Paper string
}

// Layout limits.
const (
	MaxFontSize = 11.0 // pt
	MinFontSize = 6.5  // pt: the legibility floor
	MinColumns  = 2
	MaxColumns  = 4
)

// FitError reports a sheet that does not fit on one page at MinFontSize.
type FitError struct {
	Paper  string
	Items  int // one-liners on the sheet
	Fitted int // how many fit on the page at MinFontSize
	// Largest lists the groups with the most items, most first (at most 3).
	Largest []GroupCount
}

// GroupCount is a group title and its number of items.
type GroupCount struct {
	Title string
	Items int
}

func (e *FitError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "cheat sheet does not fit on one %s page at %.1f pt: %d one-liners, only %d fit",
		e.Paper, MinFontSize, e.Items, e.Fitted)
	if len(e.Largest) > 0 {
		b.WriteString("; most one-liners in ")
		for i, g := range e.Largest {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q (%d)", g.Title, g.Items)
		}
	}
	b.WriteString("; make a sheet per topic with --tag, or move some one-liners out of their quick-reference lists")
	return b.String()
}

func newFitError(s Sheet, paper string, fitted int) *FitError {
	counts := make([]GroupCount, 0, len(s.Groups))
	for _, g := range s.Groups {
		counts = append(counts, GroupCount{Title: g.Title, Items: len(g.Items)})
	}
	// Stable: equal counts keep sheet order.
	slices.SortStableFunc(counts, func(a, b GroupCount) int { return cmp.Compare(b.Items, a.Items) })
	return &FitError{Paper: paper, Items: s.Items(), Fitted: fitted, Largest: counts[:min(3, len(counts))]}
}

// Key names everything Render makes of s with opts, for a caller that
// keeps what Render made (or that the sheet did not fit) and renders
// again only for another key.
func Key(s Sheet, opts Options) string {
	k := keyhash.New()
	runs := func(rs []quickref.StyledRun) {
		k.Int(len(rs))
		for _, r := range rs {
			k.String(r.Text)
			k.String(r.URL)
			k.Int(int(r.Style))
		}
	}
	k.String(opts.Paper)
	k.String(s.Title)
	k.String(s.Subtitle)
	k.String(s.Date.Format(time.RFC3339Nano))
	k.Int(len(s.Groups))
	for _, g := range s.Groups {
		k.String(g.Title)
		k.Int(len(g.Items))
		for _, it := range g.Items {
			runs(it.Term)
			runs(it.Definition)
		}
	}
	return k.Sum()
}
