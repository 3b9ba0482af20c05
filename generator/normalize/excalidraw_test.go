package normalize

import (
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/diag"
)

const png = "\x89PNG\r\n\x1a\n...."

// TestExcalidrawDrawings embeds each drawing as the image the Excalidraw
// plugin exported beside it, and marks one that has none.
func TestExcalidrawDrawings(t *testing.T) {
	tests := []struct {
		name, body string
		files      map[string]string
		want       string // in the body
		copied     string // vault path copied beside the page, if any
		kind       diag.Kind
	}{
		{"auto-exported SVG", "![[Topological Sort 2022-06-25 23.21.30.excalidraw]]",
			map[string]string{"Excalidraw/Topological Sort 2022-06-25 23.21.30.excalidraw.svg": cleanSVG},
			"![Topological Sort 2022-06-25 23.21.30](topological-sort-2022-06-25-23-21-30-excalidraw.svg)",
			"Excalidraw/Topological Sort 2022-06-25 23.21.30.excalidraw.svg", ""},
		{"named by its file, with a width", "![[Board.excalidraw.md|300]]",
			map[string]string{"Board.excalidraw.png": png},
			"![Board](board-excalidraw.png?w=300)", "Board.excalidraw.png", ""},
		{"SVG before PNG", "![[Board.excalidraw]]",
			map[string]string{"Board.excalidraw.png": png, "Board.excalidraw.svg": cleanSVG},
			"![Board](board-excalidraw.svg)", "Board.excalidraw.svg", ""},
		{"light export of a light and dark pair", "![[Board.excalidraw]]",
			map[string]string{"Board.excalidraw.dark.svg": cleanSVG, "Board.excalidraw.light.svg": cleanSVG},
			"![Board](board-excalidraw-light.svg)", "Board.excalidraw.light.svg", ""},
		{"export named without .excalidraw", "![[Board.excalidraw]]",
			map[string]string{"Board.png": png},
			"![Board](board.png)", "Board.png", ""},
		{"refused SVG falls back to the PNG", "![[Board.excalidraw]]",
			map[string]string{"Board.excalidraw.svg": `<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face { src: url("https://excalidraw.com/Virgil.woff2"); }</style></svg>`, "Board.excalidraw.png": png},
			"![Board](board-excalidraw.png)", "Board.excalidraw.png", ""},
		{"link to a drawing", "See [[Board.excalidraw|the board]].",
			map[string]string{"Board.excalidraw.svg": cleanSVG},
			"See [the board](board-excalidraw.svg).", "Board.excalidraw.svg", ""},
		{"not exported", "Before.\n\n![[Sketch 2022-06-25.excalidraw]]\n\nAfter.",
			nil, "Before.\n\n*Excalidraw drawing: Sketch 2022-06-25 (not exported)*\n\nAfter.", "", diag.Excalidraw},
		{"only a refused export", "![[Board.excalidraw]]",
			map[string]string{"Board.excalidraw.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`},
			"*Excalidraw drawing: Board (not published)*", "", diag.Unpublished},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := finishWith(t, tt.body, tt.files)
			if !strings.Contains(string(f.Note.Body), tt.want) {
				t.Errorf("body %q, want it to hold %q", f.Note.Body, tt.want)
			}
			var copied []string
			for _, c := range f.Copies {
				copied = append(copied, c.From)
			}
			if want := slices.DeleteFunc([]string{tt.copied}, func(s string) bool { return s == "" }); !slices.Equal(copied, want) {
				t.Errorf("copied %q, want %q", copied, want)
			}
			if tt.kind == "" {
				if len(f.Diags) > 0 {
					t.Errorf("diagnostics %v", f.Diags)
				}
				return
			}
			if len(f.Diags) != 1 || f.Diags[0].Kind != tt.kind {
				t.Errorf("diagnostics %v, want one of kind %q", f.Diags, tt.kind)
			}
		})
	}
}
