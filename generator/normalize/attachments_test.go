package normalize

import (
	"bytes"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/tags"
)

// finishWith finishes one note linking to attachments whose content is
// given (vault path: content), as the pipeline does.
func finishWith(t *testing.T, body string, files map[string]string) Finished {
	t.Helper()
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	sp, _ := tags.NewSpellings(nil, nil)
	v, _, _ := NewVault([]*Draft{Scan("n.md", []byte(body), time.Time{})}, paths, sp)
	v.Attachments.InspectWith(func(p string) (io.ReadCloser, error) {
		data, ok := files[p]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return io.NopCloser(strings.NewReader(data)), nil
	})
	return Finish(v.Drafts["n.md"], v)
}

const cleanSVG = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <!-- a comment -->
  <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
  <style>rect { fill: url(#g); }</style>
  <rect width="10" height="10" fill="url(#g)" style="stroke: url( '#g' )"/>
  <use xlink:href="#g"/>
  <a href="#g"><text>label</text></a>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
</svg>`

// Attachments are published only when a browser cannot run anything in
// them: an allow-list of passive types, SVGs checked element by element,
// and never a file whose content is HTML or XML under another name.
func TestAttachmentsArePassive(t *testing.T) {
	svg := func(inner string) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">` + inner + `</svg>`
	}
	tests := []struct {
		name, file, content string
		why                 string // "" when published
	}{
		{"png", "a.png", "\x89PNG\r\n\x1a\n....", ""},
		{"upper-case jpeg", "a.JPEG", "\xff\xd8\xff\xe0....", ""},
		{"pdf", "a.pdf", "%PDF-1.7\n", ""},
		{"mp4", "a.mp4", "\x00\x00\x00\x18ftypmp42", ""},
		{"plain text", "a.txt", "just text", ""},
		{"csv", "a.csv", "a,b\n1,2\n", ""},
		{"docx", "a.docx", "PK\x03\x04....", ""},
		{"passive svg", "a.svg", cleanSVG, ""},
		{"html", "a.html", "<p>x</p>", ".html"},
		{"htm", "a.htm", "<p>x</p>", ".htm"},
		{"xhtml", "page.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>", ".xhtml"},
		{"xml", "a.xml", "<x/>", ".xml"},
		{"js", "a.js", "alert(1)", ".js"},
		{"mjs", "a.mjs", "alert(1)", ".mjs"},
		{"wasm", "a.wasm", "\x00asm", ".wasm"},
		{"swf", "a.swf", "FWS", ".swf"},
		{"php", "a.php", "<?php", ".php"},
		{"svgz", "a.svgz", "\x1f\x8b", ".svgz"},
		{"no extension", "Makefile", "all:", "no extension"},
		{"html named png", "evil.png", "<!DOCTYPE html><script>alert(1)</script>", "HTML"},
		{"html named txt", "evil.txt", "  <html><body onload=alert(1)>", "HTML"},
		{"svg script", "a.svg", svg(`<script>alert(1)</script>`), "script"},
		{"svg namespaced script", "a.svg", svg(`<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>`), "script"},
		{"svg event handler", "a.svg", svg(`<rect onload="alert(1)"/>`), "onload"},
		{"svg event handler in capitals", "a.svg", svg(`<rect ONCLICK="alert(1)"/>`), "ONCLICK"},
		{"svg foreignObject", "a.svg", svg(`<foreignObject><div>x</div></foreignObject>`), "foreignObject"},
		{"svg javascript link", "a.svg", svg(`<a href="javascript:alert(1)"><text>x</text></a>`), "javascript:alert(1)"},
		{"svg xlink to another site", "a.svg", svg(`<image xlink:href="https://example.org/x.png"/>`), "https://example.org/x.png"},
		{"svg use of another file", "a.svg", svg(`<use href="other.svg#x"/>`), "other.svg#x"},
		{"svg data svg image", "a.svg", svg(`<image href="data:image/svg+xml;base64,PHN2Zz4="/>`), "data:image/svg+xml"},
		{"svg animate to javascript", "a.svg", svg(`<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>`), "href"},
		{"svg css import", "a.svg", svg(`<style>@import url(https://example.org/x.css);</style>`), "@import"},
		{"svg css url", "a.svg", svg(`<rect style="fill: url(https://example.org/x)"/>`), "url("},
		{"svg attribute url", "a.svg", svg(`<rect fill="url(other.svg#g)"/>`), "url("},
		{"svg entity", "a.svg", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`, "ENTITY"},
		{"svg stylesheet instruction", "a.svg", `<?xml-stylesheet href="https://example.org/x.css"?>` + svg(""), "xml-stylesheet"},
		{"svg iframe", "a.svg", svg(`<iframe src="x"/>`), "iframe"},
		{"svg that does not parse", "a.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect>`, "parse"},
		{"svg of html", "a.svg", `<html><body>x</body></html>`, "svg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := finishWith(t, "# N\n\nSee ![["+tt.file+"]] here.\n", map[string]string{"files/" + tt.file: tt.content})
			var msgs []string
			for _, d := range f.Diags {
				msgs = append(msgs, d.String())
			}
			if tt.why == "" {
				if len(f.Copies) != 1 || len(f.Diags) != 0 {
					t.Errorf("not published: copies %v, diagnostics %q", f.Copies, msgs)
				}
				return
			}
			if len(f.Copies) != 0 {
				t.Errorf("published as %v", f.Copies)
			}
			if len(msgs) != 1 || !strings.HasPrefix(msgs[0], "n.md:3:") || !strings.Contains(msgs[0], tt.why) || !strings.Contains(msgs[0], "not published") {
				t.Errorf("diagnostics %q, want one on n.md:3 saying why (%q)", msgs, tt.why)
			}
			if bytes.Contains(f.Note.Body, []byte("](")) {
				t.Errorf("the note still links it:\n%s", f.Note.Body)
			}
		})
	}
}

// No attachment's copy is named so that Hugo would take it for the page
// itself or another page of the bundle.
func TestAttachmentCopyNames(t *testing.T) {
	files := map[string]string{
		"a/index.png": "\x89PNG", "b/_index.png": "\x89PNG", "c/Index.PNG": "\x89PNG", "d/con.png": "\x89PNG",
	}
	f := finishWith(t, "![[a/index.png]] ![[b/_index.png]] ![[c/Index.PNG]] ![[d/con.png]]\n", files)
	var names []string
	for _, c := range f.Copies {
		names = append(names, c.To)
	}
	if want := []string{"index-2.png", "index-3.png", "index-4.png", "con_.png"}; !slices.Equal(names, want) {
		t.Errorf("copies named %q, want %q (%v)", names, want, f.Diags)
	}
}

// Without a way to read attachments, nothing that needs a look is
// published: privacy fails closed.
func TestSVGWithoutInspectionIsNotPublished(t *testing.T) {
	sp, _ := tags.NewSpellings(nil, nil)
	v, _, _ := NewVault([]*Draft{Scan("n.md", []byte("![[a.svg]] ![[b.png]]\n"), time.Time{})}, []string{"a.svg", "b.png"}, sp)
	f := Finish(v.Drafts["n.md"], v)
	if len(f.Copies) != 1 || f.Copies[0].From != "b.png" {
		t.Errorf("copies %v, want only b.png", f.Copies)
	}
}
