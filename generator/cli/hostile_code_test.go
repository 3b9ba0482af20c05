package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// Comments in every shape that was once taken for code, or code for a
// comment, and notes that make a careless scanner quadratic: every note
// publishes, no comment text (CRIBLEAK) reaches any published file, and
// the "%% kept" of code is on the pages as written. The two notes whose
// comments hide the rest of them are named in warnings.
func TestBuildHostileComments(t *testing.T) {
	for _, class := range []string{"comments", "scanning"} {
		t.Run(class, func(t *testing.T) {
			vault := hostileVault(t, class, nil)
			site, pub, code, stderr := buildHostile(t, vault)
			if code != exitOK {
				t.Errorf("exit %d, want %d:\n%s", code, exitOK, stderr)
			}
			got := publishedNotes(t, site, pub)
			kept := 0
			for _, n := range notesIn(t, vault) {
				page, ok := got[n]
				if !ok {
					t.Errorf("%s is not published", n)
					continue
				}
				src, _ := os.ReadFile(filepath.Join(vault, n))
				html, _ := os.ReadFile(filepath.Join(pub, page, "index.html"))
				// The pages are highlighted, so "%% kept" is counted
				// without the markup between its words.
				if want, have := strings.Count(string(src), "%% kept"), strings.Count(string(html), "kept"); have < want {
					t.Errorf("%s: %d of its %d %q are on its page", n, have, want, "%% kept")
				}
				kept += strings.Count(string(src), "%% kept")
			}
			if class == "comments" {
				if kept == 0 {
					t.Error(`no "%% kept" in the vault`)
				}
				for _, n := range []string{"ok-comment-holding-a-fence.md:14: warning: comment", "ok-comment-never-closed.md:5: warning: comment"} {
					if !strings.Contains(stderr, n) {
						t.Errorf("no warning %q:\n%s", n, stderr)
					}
				}
			}
			noLeaks(t, pub, leakMarker)
		})
	}
}

// TestBuildHostileHighlight builds code that holds the markup a lean
// block leaves out, blocks whose lines need their spans, and empty,
// blank, Cyrillic and list-item blocks: every block shows its code as
// written; blocks without options carry no span around whitespace or
// lines, and blocks with line numbers or highlighted lines keep them.
func TestBuildHostileHighlight(t *testing.T) {
	vault := hostileVault(t, "highlight", nil)
	site, pub, code, stderr := buildHostile(t, vault)
	if code != exitOK {
		t.Fatalf("exit %d, want %d:\n%s", code, exitOK, stderr)
	}
	got := publishedNotes(t, site, pub)
	for _, n := range notesIn(t, vault) {
		page, ok := got[n]
		if !ok {
			t.Errorf("%s is not published", n)
			continue
		}
		doc := htmltest.ParseFile(t, filepath.Join(pub, page, "index.html"))
		blocks := htmltest.FindAll(doc, func(e *html.Node) bool { return htmltest.Attr(e, "class") == "code-block" })
		src, _ := os.ReadFile(filepath.Join(vault, n))
		fences := fenceCodes(string(src))
		if len(blocks) != len(fences) {
			t.Fatalf("%s: %d code blocks on the page, %d fences in the note", n, len(blocks), len(fences))
		}
		options := strings.HasPrefix(n, "Lines")
		for i, b := range blocks {
			// The last code element: with line numbers in a table, the
			// first holds the numbers.
			codes := htmltest.FindAll(b, htmltest.Tag("code"))
			if len(codes) == 0 {
				t.Errorf("%s: block %d has no code", n, i)
				continue
			}
			c := codes[len(codes)-1]
			lineSpans := htmltest.FindAll(c, func(e *html.Node) bool {
				class := htmltest.Attr(e, "class")
				return e.Data == "span" && (class == "w" || strings.HasPrefix(class, "line") || class == "cl")
			})
			switch {
			case options && len(lineSpans) == 0:
				t.Errorf("%s: block %d lost the spans its line numbers or highlighting need", n, i)
			case !options && len(lineSpans) > 0:
				t.Errorf("%s: block %d is not lean: %d spans around whitespace or lines", n, i, len(lineSpans))
			}
			if !options {
				if shown, want := strings.TrimRight(htmltest.TextWithout(c, ""), "\n"), strings.TrimRight(fences[i], "\n"); shown != want {
					t.Errorf("%s: block %d shows %q, want %q", n, i, shown, want)
				}
			}
		}
	}
}

// fenceCodes returns the code of each backtick fence of a note, its
// indentation (a fence in a list item) taken off.
func fenceCodes(src string) []string {
	var codes []string
	var code []string
	indent, in := "", false
	for _, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case !in && strings.HasPrefix(trimmed, "```"):
			in, indent, code = true, line[:len(line)-len(trimmed)], nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			codes = append(codes, strings.Join(code, "\n"))
		case in:
			code = append(code, strings.TrimPrefix(line, indent))
		}
	}
	return codes
}

// TestBuildHostileLinks builds Markdown links to .md files: to a note (in
// capitals too), to notes that are not there (in capitals, in angle
// brackets, with quotes around the address), to a file that only looks
// like one, and one inside a fence. Each link to a missing note is a
// warning naming the vault file (the quoted address once its quotes are
// repaired away); the link to a note leads to its page; the fenced one is
// code, not a link, and not a warning.
func TestBuildHostileLinks(t *testing.T) {
	vault := hostileVault(t, "links", nil)
	site, pub, _, stderr := buildHostile(t, vault)
	got := publishedNotes(t, site, pub)
	for _, target := range []string{`"Missing.md"`, `"Gone.MD#part"`, `"Not here.md"`, `"Quoted.md"`} {
		if !strings.Contains(stderr, "Links to md files.md: link to missing page "+target) {
			t.Errorf("no warning for the link to %s:\n%s", target, stderr)
		}
	}
	if n := strings.Count(stderr, "link to missing page"); n != 4 {
		t.Errorf("%d missing-page warnings, want 4 (not the fenced link, nor data.md.txt):\n%s", n, stderr)
	}
	doc := htmltest.ParseFile(t, filepath.Join(pub, got["Links to md files.md"], "index.html"))
	present := "/" + got["Present.md"] + "/"
	for _, text := range []string{"to a note", "in capitals"} {
		a := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "a" && htmltest.Text(n) == text })
		if a == nil || !strings.HasPrefix(htmltest.Attr(a, "href"), present) {
			t.Errorf("[%s] leads to %q, want %s", text, htmltest.Attr(a, "href"), present)
		}
	}
}
