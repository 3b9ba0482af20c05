package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/common/loggers"
	hconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/spf13/afero"
)

// hugoHighlight is the site's markup.highlight as Hugo's own configuration
// loader makes it (hugo.toml, config folders, the theme's defaults).
func hugoHighlight(t *testing.T, siteDir string) any {
	t.Helper()
	flags := hconfig.New()
	flags.Set("workingDir", siteDir)
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:           afero.NewOsFs(),
		Flags:        flags,
		Logger:       loggers.NewDefault(),
		Environ:      []string{"HUGO_ENVIRONMENT=production"},
		SkipNpmCheck: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return configs.Base.Markup.Highlight
}

// TestHighlightAsHugo checks that the highlight settings Load reads from
// hugo.toml are the ones Hugo builds the site with: the repository's
// site, and sites that set them, the current way and Hugo's older one.
func TestHighlightAsHugo(t *testing.T) {
	sites := map[string]string{"the repository's site": "../.."}
	for name, toml := range map[string]string{
		"markup.highlight set": `title = "T"
[markup.highlight]
style = "dracula"
lineNos = "table"
lineNumbersInTable = false
noClasses = false
tabWidth = 2
guessSyntax = true
wrapperClass = "hl"
lineNoStart = 3
hl_Lines = "1-2"
`,
		"keys in any case": `[Markup.Highlight]
Style = "github"
NOCLASSES = false
lineanchors = "code"
anchorLineNos = true
`,
		"the legacy pygments settings": `pygmentsStyle = "friendly"
pygmentsUseClasses = true
pygmentsCodeFences = false
pygmentsOptions = "linenos=inline,hl_lines=2"
`,
		"nothing set": `title = "T"
`,
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(toml), 0o644); err != nil {
			t.Fatal(err)
		}
		sites[name] = dir
	}
	for name, dir := range sites {
		t.Run(name, func(t *testing.T) {
			c, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if want := hugoHighlight(t, dir); !reflect.DeepEqual(c.Highlight, want) {
				t.Errorf("Load: %#v\nHugo: %#v", c.Highlight, want)
			}
		})
	}
}

// BenchmarkLoad is reading the repository's hugo.toml, highlight settings
// included, as each build does once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load("../.."); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHighlightUnreadable: highlight settings Hugo cannot read are an
// error naming the file, as Hugo would fail on them too.
func TestHighlightUnreadable(t *testing.T) {
	_, err := Parse("site/hugo.toml", []byte("[markup.highlight]\ntabWidth = \"wide\"\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "site/hugo.toml: markup: ") {
		t.Errorf("err = %v, want one naming site/hugo.toml and markup", err)
	}
}
