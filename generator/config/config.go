// Package config reads Crib's settings from the site's hugo.toml, where
// they live under [params.crib] beside Hugo's own, so a site has one
// configuration file.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gohugoio/hugo/common/hmaps"
	hconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/markup/highlight"
	"github.com/gohugoio/hugo/markup/markup_config"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Config is everything the generator reads from the site configuration.
type Config struct {
	// Site-wide Hugo settings Crib uses.
	Title   string
	BaseURL string
	// PublishDir is where Hugo writes the site, relative to the site
	// directory unless absolute.
	PublishDir string

	// Vault is the folder of notes, relative to the site directory unless
	// absolute.
	Vault string
	// Ignore lists glob patterns (vault-relative, "**" allowed) of files and
	// folders that are never published.
	Ignore []string
	// Tags pins the display spelling of tags: key is any spelling, value the
	// display name.
	Tags map[string]string
	// TagSynonyms merges tags that name the same thing: key is the tag
	// word the others become one tag with ("kubernetes"), value those
	// others (["k8s"]). They add to a short built-in list (see
	// tags.NewSpellings).
	TagSynonyms map[string][]string
	// Paper is the cheat sheet's paper size: "A4" or "Letter".
	Paper string
	// CheatsheetHeadings are the heading texts that start a one-liner
	// section (matched case-insensitively as words in the heading).
	CheatsheetHeadings []string
	// CacheDir holds the highlight cache, relative to the site directory.
	CacheDir string
	// Language is the language of the cards the practice page shows
	// first, a BCP 47 tag; "" leaves it to the language of most cards.
	Language string
	// Connected notes: what a note page shows of the links between notes.
	// Each can be turned off, as Obsidian Publish lets a site do.
	Backlinks   bool // "Linked from": the notes that link to this one
	Previews    bool // a card with the target's opening when a link is hovered
	Graph       bool // a picture of the note's neighbourhood
	BrokenLinks bool // an unresolved link is marked, not plain text
	// StaticElsewhere is set when hugo.toml names static folders of its
	// own (staticDir, for the site or a language) or modules (mounts,
	// imports): then Hugo copies static files from elsewhere than static/
	// and the themes' static/ folders, which a build cannot tell apart.
	StaticElsewhere bool
	// FullCardsJSON makes cards.json hold every field, indented, answers
	// as HTML too (params.crib.cardsJSON = "full"); it is compact by
	// default ("compact").
	FullCardsJSON bool

	// Highlight is Hugo's markup.highlight, as Hugo reads it from the
	// same file: the highlight cache must highlight code as Hugo would.
	Highlight highlight.Config
}

// defaultIgnore are the vault paths a site whose hugo.toml names none
// never publishes: Obsidian's settings and trash, and the folders people
// keep templates in, at any depth (a template is not a note; Crib also
// leaves out the template folders the vault's own settings name, and
// notes that hold Templater commands).
var defaultIgnore = []string{"**/[Tt]emplates/**", "**/_[Tt]emplates/**", ".obsidian/**", ".trash/**"}

// Default is the configuration of a site whose hugo.toml says nothing.
func Default() Config {
	return Config{
		Title:              "Crib",
		PublishDir:         "public",
		Vault:              "notes",
		Ignore:             slices.Clone(defaultIgnore),
		Tags:               map[string]string{},
		Paper:              "A4",
		CheatsheetHeadings: []string{"quick reference", "one-liners", "one liners", "cheat sheet", "cheatsheet", "tl;dr", "tldr", "key takeaways"},
		CacheDir:           ".cache/crib",
		Backlinks:          true,
		Previews:           true,
		Graph:              true,
		BrokenLinks:        true,
		Highlight:          highlight.DefaultConfig,
	}
}

// file mirrors the parts of hugo.toml that Crib reads.
type file struct {
	Title      string `toml:"title"`
	BaseURL    string `toml:"baseURL"`
	PublishDir string `toml:"publishDir"`
	Params     struct {
		Crib struct {
			Vault       *string             `toml:"vault"`
			Ignore      []string            `toml:"ignore"`
			Tags        map[string]string   `toml:"tags"`
			Synonyms    map[string][]string `toml:"tagSynonyms"`
			Paper       *string             `toml:"paper"`
			CacheDir    *string             `toml:"cacheDir"`
			Language    string              `toml:"language"`
			CardsJSON   string              `toml:"cardsJSON"`
			Backlinks   *bool               `toml:"backlinks"`
			Previews    *bool               `toml:"previews"`
			Graph       *bool               `toml:"graph"`
			BrokenLinks *bool               `toml:"brokenLinks"`
			Cheatsheet  struct {
				Headings []string `toml:"headings"`
			} `toml:"cheatsheet"`
		} `toml:"crib"`
	} `toml:"params"`
	// Markup is Hugo's markup settings, of which Crib uses highlight;
	// the pygments keys are Hugo's older names for some of them, which
	// Hugo still reads.
	Markup                        map[string]any `toml:"markup"`
	PygmentsStyle                 any            `toml:"pygmentsStyle"`
	PygmentsUseClasses            any            `toml:"pygmentsUseClasses"`
	PygmentsCodeFences            any            `toml:"pygmentsCodeFences"`
	PygmentsCodefencesGuessSyntax any            `toml:"pygmentsCodefencesGuessSyntax"`
	PygmentsOptions               any            `toml:"pygmentsOptions"`
}

// highlightConfig decodes Hugo's markup.highlight from f with Hugo's own
// decoder, from Hugo's defaults, so that it is what Hugo builds with.
func (f *file) highlightConfig() (highlight.Config, error) {
	params := hmaps.Params{}
	if f.Markup != nil {
		params["markup"] = hmaps.Params(f.Markup)
	}
	for k, v := range map[string]any{
		"pygmentsStyle":                 f.PygmentsStyle,
		"pygmentsUseClasses":            f.PygmentsUseClasses,
		"pygmentsCodeFences":            f.PygmentsCodeFences,
		"pygmentsCodefencesGuessSyntax": f.PygmentsCodefencesGuessSyntax,
		"pygmentsOptions":               f.PygmentsOptions,
	} {
		if v != nil {
			params[k] = v
		}
	}
	m, err := markup_config.Decode(hconfig.NewFrom(params))
	return m.Highlight, err
}

// Load reads siteDir/hugo.toml. A site without one gets Default.
func Load(siteDir string) (Config, error) {
	c := Default()
	path := filepath.Join(siteDir, "hugo.toml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	return Parse(path, data)
}

// Parse reads a hugo.toml held in memory; name is used in errors.
func Parse(name string, data []byte) (Config, error) {
	c := Default()
	var f file
	if err := toml.Unmarshal(data, &f); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col := de.Position()
			return c, fmt.Errorf("%s:%d:%d: %s", name, line, col, de.Error())
		}
		return c, fmt.Errorf("%s: %w", name, err)
	}
	if f.Title != "" {
		c.Title = f.Title
	}
	c.BaseURL = f.BaseURL
	if f.PublishDir != "" {
		c.PublishDir = f.PublishDir
	}
	p := f.Params.Crib
	if p.Vault != nil && *p.Vault != "" {
		c.Vault = *p.Vault
	}
	if p.Ignore != nil {
		c.Ignore = p.Ignore
	}
	if p.Tags != nil {
		c.Tags = p.Tags
	}
	c.TagSynonyms = p.Synonyms
	if p.Paper != nil {
		switch *p.Paper {
		case "A4", "a4":
			c.Paper = "A4"
		case "Letter", "letter":
			c.Paper = "Letter"
		default:
			return c, fmt.Errorf("%s: params.crib.paper = %q: want \"A4\" or \"Letter\"", name, *p.Paper)
		}
	}
	switch p.CardsJSON {
	case "", "compact":
	case "full":
		c.FullCardsJSON = true
	default:
		return c, fmt.Errorf("%s: params.crib.cardsJSON = %q: want \"compact\" or \"full\"", name, p.CardsJSON)
	}
	if p.CacheDir != nil && *p.CacheDir != "" {
		c.CacheDir = *p.CacheDir
	}
	if p.Language != "" {
		tag, err := LanguageTag(p.Language)
		if err != nil {
			return c, fmt.Errorf("%s: params.crib.language = %q: %v", name, p.Language, err)
		}
		c.Language = tag
	}
	for _, b := range []struct {
		set  *bool
		into *bool
	}{{p.Backlinks, &c.Backlinks}, {p.Previews, &c.Previews}, {p.Graph, &c.Graph}, {p.BrokenLinks, &c.BrokenLinks}} {
		if b.set != nil {
			*b.into = *b.set
		}
	}
	if len(p.Cheatsheet.Headings) > 0 {
		c.CheatsheetHeadings = p.Cheatsheet.Headings
	}
	var raw map[string]any
	if toml.Unmarshal(data, &raw) == nil {
		c.StaticElsewhere = staticElsewhere(raw, true)
	}
	h, err := f.highlightConfig()
	if err != nil {
		return c, fmt.Errorf("%s: markup: %v", name, err)
	}
	c.Highlight = h
	return c, nil
}

// staticElsewhere reports whether the table m of hugo.toml (the top
// level when top, else a language's) names static folders or modules.
// Hugo reads its keys in any case.
func staticElsewhere(m map[string]any, top bool) bool {
	for k, v := range m {
		k = strings.ToLower(k)
		switch {
		case strings.HasPrefix(k, "staticdir"):
			return true
		case top && k == "module":
			return true
		case top && k == "languages":
			langs, _ := v.(map[string]any)
			for _, l := range langs {
				if lm, ok := l.(map[string]any); ok && staticElsewhere(lm, false) {
					return true
				}
			}
		}
	}
	return false
}

// LanguageTag is the BCP 47 tag a card language is written as ("EN" ->
// "en", "pt_br" -> "pt-BR"), or an error for text that names no known
// language.
func LanguageTag(s string) (string, error) {
	tag, err := language.Parse(s)
	if err != nil {
		return "", errors.New(`want a language tag such as "en"`)
	}
	return tag.String(), nil
}
