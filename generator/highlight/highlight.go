// Package highlight keeps a content-addressed cache of highlighted code,
// so that Hugo does not run Chroma again for code that did not change.
// The generator fills the cache in parallel before Hugo runs, one pack of
// a note's blocks per note; the theme's code block render hook reads a
// page's pack once, takes each block from it after checking the hash of
// the block's language and code (see Key), and falls back to Hugo's own
// highlighting when there is none, so a site without a cache still builds.
//
// Entries are made by Hugo's own highlighter (markup/highlight) with the
// site's highlight configuration, so a cached block is byte-identical to
// what Hugo would render.
package highlight

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"strings"

	hugoversion "github.com/gohugoio/hugo/common/hugo"
	hl "github.com/gohugoio/hugo/markup/highlight"
)

// Key names a block in its pack: the SHA-256 of its language
// (the fence's info word, as the render hook's .Type) and its code (the
// hook's .Inner), separated by a newline. The render hook computes the
// same string with crypto.SHA256.
func Key(lang, code string) string {
	h := sha256.New()
	h.Write([]byte(lang))
	h.Write([]byte{'\n'})
	h.Write([]byte(code))
	return hex.EncodeToString(h.Sum(nil))
}

// Config is how blocks are highlighted: Hugo's markup.highlight settings
// as the site configures them.
type Config = hl.Config

// Cacheable reports whether blocks highlighted with cfg can be cached by
// their code alone. Linked line numbers carry the block's position in its
// page, which the cache key does not include.
func Cacheable(cfg Config) bool {
	return !cfg.AnchorLineNos
}

// Namespace names the cache generation for cfg: packs made by another
// version of Hugo or Chroma or with other settings are never read.
func Namespace(cfg Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "hugo %s\nchroma %s\nhtml %s\n%#v", HugoVersion(), chromaVersion(), htmlForm, cfg)
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// htmlForm names the form of the HTML in the packs: another form is
// another generation, so packs made before Lean are not read.
const htmlForm = "lean"

// HugoVersion is the version of the Hugo built into Crib, as the
// templates' hugo.Version prints it.
func HugoVersion() string {
	return hugoversion.CurrentVersion.String()
}

// chromaVersion is the version of Chroma linked into the program.
func chromaVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, m := range info.Deps {
		if m.Path == "github.com/alecthomas/chroma/v2" {
			if m.Replace != nil {
				m = m.Replace
			}
			return m.Version
		}
	}
	return "unknown"
}

// Highlight returns the HTML the theme's code block render hook produces
// for a fence without attributes or options, with the site's settings
// cfg: Hugo's, made lean.
func Highlight(cfg Config, lang, code string) (string, error) {
	html, err := hl.New(cfg).Highlight(code, lang, nil)
	return Lean(html), err
}

// Lean removes from Chroma's HTML the markup that changes nothing shown:
// the spans around whitespace, which no colour makes visible, and the two
// spans around each line, which only line numbers and highlighted lines
// use (a block with either is left whole). That is about 40 % of a
// highlighted block's bytes, and of what Hugo copies, minifies and writes
// for it on every page. The theme's code block render hook makes Hugo's
// own highlighting lean the same way, so a block is the same bytes
// whether or not it came from the cache.
func Lean(html string) string {
	const line = `<span class="line"><span class="cl">`
	n := strings.Count(html, line)
	if n == 0 || n != strings.Count(html, `<span class="line`) {
		return html
	}
	html = unwrapWhitespace(html)
	html = strings.Replace(html, line, "", 1)
	html = strings.ReplaceAll(html, "</span></span>"+line, "")
	return strings.Replace(html, "</span></span></code>", "</code>", 1)
}

// unwrapWhitespace replaces each of Chroma's spans around a run of
// whitespace (which holds no tag) with the run. A scan, where a regular
// expression took a second of a cold build of 17,000 blocks.
func unwrapWhitespace(html string) string {
	const open, end = `<span class="w">`, "</span>"
	var b strings.Builder
	b.Grow(len(html))
	for {
		i := strings.Index(html, open)
		if i < 0 {
			break
		}
		run := html[i+len(open):]
		j := strings.Index(run, end)
		if j < 0 || strings.IndexByte(run[:j], '<') >= 0 {
			// Not a span around text alone: keep it as it is.
			b.WriteString(html[:i+len(open)])
			html = run
			continue
		}
		b.WriteString(html[:i])
		b.WriteString(run[:j])
		html = run[j+len(end):]
	}
	b.WriteString(html)
	return b.String()
}
