package config

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/vault"
)

func TestParse(t *testing.T) {
	c, err := Parse("hugo.toml", []byte(`
title = "My Prep"
baseURL = "https://example.github.io/interview-notes/"
publishDir = "docs"
[params.crib]
vault = "vault"
paper = "letter"
cardsJSON = "full"
ignore = ["Private/**"]
[params.crib.tags]
k8s = "Kubernetes"
[params.crib.tagSynonyms]
kubernetes = ["kube", "K8S"]
js = []
[params.crib.cheatsheet]
headings = ["Recap"]
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "My Prep" || c.Vault != "vault" || c.Paper != "Letter" || !c.FullCardsJSON || c.BaseURL != "https://example.github.io/interview-notes/" || c.PublishDir != "docs" {
		t.Errorf("got %+v", c)
	}
	if len(c.Ignore) != 1 || c.Ignore[0] != "Private/**" || c.Tags["k8s"] != "Kubernetes" || c.CheatsheetHeadings[0] != "Recap" {
		t.Errorf("got %+v", c)
	}
	if got := fmt.Sprint(c.TagSynonyms); got != "map[js:[] kubernetes:[kube K8S]]" {
		t.Errorf("tag synonyms %s", got)
	}
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse("hugo.toml", []byte(`title = "x"`))
	if err != nil {
		t.Fatal(err)
	}
	d := Default()
	if c.Vault != d.Vault || c.Paper != "A4" || !slices.Equal(c.Ignore, d.Ignore) || c.CacheDir != ".cache/crib" || c.FullCardsJSON || c.PublishDir != "public" {
		t.Errorf("got %+v", c)
	}
}

// TestDefaultIgnore pins the folders a vault keeps its templates in, as
// people name them, at any depth: they are never published.
func TestDefaultIgnore(t *testing.T) {
	m := vault.NewMatcher(Default().Ignore)
	for _, p := range []string{"Templates/Daily.md", "templates/qna.md", "_templates/_tpl-qna.md", "Areas/Go/_Templates/note.md", ".obsidian/workspace.json", ".trash/old.md"} {
		if !m.Match(p, false) {
			t.Errorf("%s is not ignored", p)
		}
	}
	for _, p := range []string{"Templates.md", "Go/Go templates.md", "template/x.md"} {
		if m.Match(p, false) {
			t.Errorf("%s is ignored", p)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title = \n", "hugo.toml:1:"},
		{"[params.crib]\npaper = \"A3\"\n", `paper = "A3"`},
		{"[params.crib]\nlanguage = \"English\"\n", `language = "English": want a language tag such as "en"`},
		{"[params.crib]\nlanguage = \"xx\"\n", `language = "xx"`},
		{"[params.crib]\ncardsJSON = \"pretty\"\n", `cardsJSON = "pretty": want "compact" or "full"`},
	}
	for _, tt := range tests {
		_, err := Parse("hugo.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestParseLanguage(t *testing.T) {
	for src, want := range map[string]string{
		`title = "x"`:                         "",
		"[params.crib]\nlanguage = \"ru\"":    "ru",
		"[params.crib]\nlanguage = \"EN\"":    "en",
		"[params.crib]\nlanguage = \"pt_br\"": "pt-BR",
		"[params.crib]\nlanguage = \"\"":      "",
	} {
		c, err := Parse("hugo.toml", []byte(src))
		if err != nil || c.Language != want {
			t.Errorf("%q: Language = %q (%v), want %q", src, c.Language, err, want)
		}
	}
}

func TestParseConnectedNotes(t *testing.T) {
	tests := []struct {
		src                                     string
		backlinks, previews, graph, brokenLinks bool
	}{
		{`title = "x"`, true, true, true, true},
		{"[params.crib]\nbacklinks = false", false, true, true, true},
		{"[params.crib]\npreviews = false", true, false, true, true},
		{"[params.crib]\ngraph = false", true, true, false, true},
		{"[params.crib]\nbrokenLinks = false", true, true, true, false},
		{"[params.crib]\nbacklinks = false\npreviews = false\ngraph = false\nbrokenLinks = false", false, false, false, false},
		{"[params.crib]\ngraph = true", true, true, true, true},
	}
	for _, tt := range tests {
		c, err := Parse("hugo.toml", []byte(tt.src))
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		if c.Backlinks != tt.backlinks || c.Previews != tt.previews || c.Graph != tt.graph || c.BrokenLinks != tt.brokenLinks {
			t.Errorf("%q: backlinks %v previews %v graph %v brokenLinks %v", tt.src, c.Backlinks, c.Previews, c.Graph, c.BrokenLinks)
		}
	}
	if _, err := Parse("hugo.toml", []byte("[params.crib]\ngraph = \"no\"")); err == nil {
		t.Error("graph = \"no\" was accepted")
	}
}

func TestParseStaticElsewhere(t *testing.T) {
	for src, want := range map[string]bool{
		`title = "x"`: false,
		"theme = \"crib\"\n[params]\nstaticDir = \"x\"":                    false, // a parameter, not Hugo's key
		`staticDir = "assets/public"`:                                      true,
		`StaticDir = ["static", "more"]`:                                   true,
		`staticDir3 = "more"`:                                              true,
		"[languages.en]\nstaticDir = \"en-static\"":                        true,
		"[languages.en]\ntitle = \"English\"":                              false,
		"[module]\n[[module.mounts]]\nsource = \"s\"\ntarget = \"static\"": true,
		"[[module.imports]]\npath = \"github.com/x/y\"":                    true,
	} {
		c, err := Parse("hugo.toml", []byte(src))
		if err != nil || c.StaticElsewhere != want {
			t.Errorf("%q: StaticElsewhere = %v (%v), want %v", src, c.StaticElsewhere, err, want)
		}
	}
}
