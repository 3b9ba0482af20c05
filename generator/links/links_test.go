package links

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

func newNote(source, title, path, body string) *note.Note {
	b := []byte(body)
	return &note.Note{Source: source, Title: title, Path: path, URL: strings.TrimPrefix(path, "/") + "/", Body: b, Doc: markdown.NewParser().Parse(b)}
}

func TestOutgoing(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // target | before | mark | after
	}{
		{"sentence", "First one. See [Docker](/notes/docker#volumes) for *volumes*. Last one.",
			[]string{"/notes/docker|See |Docker| for volumes."}},
		{"list item", "- one\n- the [net](/notes/net) item\n  - nested [x](/notes/x)\n",
			[]string{"/notes/net|the |net| item", "/notes/x|nested |x|"}},
		{"first of each target", "[a](/notes/a) and [again](/notes/a).", []string{"/notes/a||a| and again."}},
		{"self and outside links left out", "[me](/notes/me#h) [web](https://x.org) [local](#h) [file](pic.png) [a](/notes/a)",
			[]string{"/notes/a|me web local file |a|"}},
		{"embed title line", "> [!quote] [Snippet](/notes/snippet)\n>\n> body\n", []string{"/notes/snippet||Snippet|"}},
		{"table cell", "| a | b |\n| - | - |\n| x | see [t](/notes/t) |\n", []string{"/notes/t|see |t|"}},
		{"code is text", "Use `[x](/notes/x)` or [y](/notes/y).", []string{"/notes/y|Use [x](/notes/x) or |y|."}},
		{"broken link is none", "[Nope](crib:broken \"no note\")", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Outgoing(newNote("me.md", "Me", "/notes/me", tt.body)) {
				got = append(got, r.Target+"|"+r.Context.Before+"|"+r.Context.Mark+"|"+r.Context.After)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestContextIsCapped(t *testing.T) {
	long := strings.Repeat("word ", 100)
	for _, body := range []string{
		long + "[link](/notes/a) " + long,
		long + "[link](/notes/a)",
		"[link](/notes/a) " + long,
		"[" + long + "](/notes/a)",
		strings.Repeat("слово ", 100) + "[ссылка](/notes/a) " + strings.Repeat("слово ", 100),
	} {
		refs := Outgoing(newNote("me.md", "Me", "/notes/me", body))
		if len(refs) != 1 {
			t.Fatalf("got %d refs", len(refs))
		}
		c := refs[0].Context
		all := c.Before + c.Mark + c.After
		if len(all) > MaxContext+len("…")*3 || !strings.Contains(all, "link") && !strings.Contains(all, "ссылка") && !strings.Contains(c.Mark, "word") {
			t.Errorf("context %d bytes: %q", len(all), all)
		}
		for _, s := range []string{c.Before, c.Mark, c.After} {
			if !utf8Valid(s) {
				t.Errorf("context cut inside a character: %q", s)
			}
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestWeb(t *testing.T) {
	target := newNote("T.md", "Target", "/notes/t", "Alone.")
	notes := []*note.Note{
		target,
		newNote("c.md", "charlie", "/notes/c", "Charlie cites [T](/notes/t). And [T again](/notes/t#h)."),
		newNote("a.md", "Alpha", "/notes/a", "- item [Target](/notes/t)\n- [gone](/notes/private)\n"),
		newNote("b.md", "Bravo", "/notes/b", "![[x]] [T](/notes/t) and [Alpha](/notes/a)"),
	}
	notes[1].Links = []string{"T.md"}
	notes[2].Links = []string{"T.md", "private.md"}
	notes[3].Links = []string{"T.md", "a.md"}
	embedded := newNote("e.md", "Embeds", "/notes/e", "> [!quote] [Bravo](/notes/b)\n>\n> [T](/notes/t)\n")
	embedded.Links = []string{"b.md"}
	notes = append(notes, embedded)
	w := NewWeb(notes)
	var got []string
	for _, b := range w.Backlinks(target) {
		got = append(got, b.Note.Title+":"+b.Context.Before+"["+b.Context.Mark+"]"+b.Context.After)
	}
	want := []string{"Alpha:item [Target]", "Bravo:![[x]] [T] and Alpha", "charlie:Charlie cites [T]."}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("backlinks\n%q\nwant\n%q", got, want)
	}
	titles := func(ns []*note.Note) (out []string) {
		for _, n := range ns {
			out = append(out, n.Title)
		}
		return out
	}
	if got := titles(w.Links(embedded)); fmt.Sprint(got) != "[Bravo]" {
		t.Errorf("links of a note that embeds one = %v, want only the embedded note", got)
	}
	if got := titles(w.Neighbours(notes[2])); fmt.Sprint(got) != "[Bravo Target]" {
		t.Errorf("neighbours of Alpha = %v", got)
	}
	if got := titles(w.Links(notes[3])); fmt.Sprint(got) != "[Alpha Target]" {
		t.Errorf("links of Bravo = %v", got)
	}
}
