package chromacss

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// themeCSS is where go generate writes the stylesheets.
const themeCSS = "../../../themes/crib/assets/css"

// TestCheckedInSheetsAreCurrent proves the checked-in stylesheets are exactly
// what the generator produces, so regenerating them changes nothing.
func TestCheckedInSheetsAreCurrent(t *testing.T) {
	for _, s := range Sheets {
		t.Run(s.File, func(t *testing.T) {
			want, err := CSS(s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(themeCSS, s.File))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is stale: run go generate ./generator/internal/chromacss", s.File)
			}
			again, _ := CSS(s)
			if !bytes.Equal(again, want) {
				t.Errorf("two runs gave different bytes")
			}
		})
	}
}

func TestCSSScoping(t *testing.T) {
	cases := []struct {
		sheet     Sheet
		want      []string
		forbidden []string
	}{
		{
			sheet: Sheet{Style: "github"},
			want: []string{
				"\n:root[data-theme=light] .chroma .k { ",
				"@media (prefers-color-scheme: light) {\n",
				"\n  :root:not([data-theme]) .chroma .k { ",
			},
			forbidden: []string{"\n.chroma", "dark"},
		},
		{
			sheet: Sheet{Style: "github-dark", Dark: true},
			want: []string{
				"\n:root[data-theme=dark] .chroma .k { ",
				"@media (prefers-color-scheme: dark) {\n",
				"\n  :root:not([data-theme]) .chroma .k { ",
			},
			forbidden: []string{"\n.chroma", "light"},
		},
	}
	for _, c := range cases {
		t.Run(c.sheet.Style, func(t *testing.T) {
			css, err := CSS(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(string(css), w) {
					t.Errorf("missing %q in\n%s", w, css)
				}
			}
			for _, f := range c.forbidden {
				if strings.Contains(string(css), f) {
					t.Errorf("unexpected %q", f)
				}
			}
		})
	}
}

func TestUnknownStyle(t *testing.T) {
	if _, err := CSS(Sheet{Style: "no-such-style"}); err == nil {
		t.Fatal("want an error for an unknown style")
	}
}
