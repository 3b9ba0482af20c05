package linkpreview

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

func parsed(t *testing.T, file, path string) *note.Note {
	t.Helper()
	body, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return &note.Note{Title: "Volumes", Tags: []string{"Docker", "storage"}, Path: path, Body: body, Doc: markdown.NewParser().Parse(body)}
}

func written(t *testing.T, notes ...*note.Note) *content.Memory {
	t.Helper()
	var m content.Memory
	if diags := Write(context.Background(), &m, notes); len(diags) > 0 {
		t.Fatal(diags)
	}
	return &m
}

func read(t *testing.T, m *content.Memory, rel string) Preview {
	t.Helper()
	data, ok := m.Files[rel]
	if !ok {
		t.Fatalf("no %s; written: %v", rel, keys(m.Files))
	}
	var p Preview
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return p
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPreviewOfANote(t *testing.T) {
	m := written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"))
	p := read(t, m, "static/preview/notes/docker/volumes.json")
	if p.Title != "Volumes" || !reflect.DeepEqual(p.Tags, []string{"Docker", "storage"}) {
		t.Errorf("title %q, tags %q", p.Title, p.Tags)
	}
	// The first paragraphs as text: emphasis and code marks gone, the
	// callout's marker gone, the code block left out.
	want := []string{
		"Volumes keep data outside the container's writable layer, so it survives docker rm.",
		"Named volumes Prefer named volumes to bind mounts in production.",
	}
	if !reflect.DeepEqual(p.Text, want) {
		t.Errorf("text = %q, want %q", p.Text, want)
	}
	if data := m.Files["static/preview/notes/docker/volumes.json"]; strings.Contains(string(data), "not for readers") {
		t.Errorf("an HTML comment reached the preview: %s", data)
	}
}

// linker is a note whose links name every section and block of
// testdata/linked.md but "drivers".
func linker() *note.Note {
	body := []byte("See [bind mounts](/notes/docker/volumes#bind-mounts), [caveats](/notes/docker/volumes#caveats),\n" +
		"[the choice](/notes/docker/volumes#%5Edriver-choice) and [the table](/notes/docker/volumes#^table1).\n")
	return &note.Note{Title: "Links", Path: "/notes/links", Body: body, Doc: markdown.NewParser().Parse(body)}
}

func TestHeadingLinkPreviewsItsSection(t *testing.T) {
	p := read(t, written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"), linker()), "static/preview/notes/docker/volumes.json")
	tests := []struct {
		id      string
		heading string
		text    []string
	}{
		// The text of subsections belongs to the section; the next
		// heading of the same level ends it.
		{"bind-mounts", "Bind mounts", []string{"A bind mount maps a host path into the container.", "Permissions follow the host's user ids."}},
		{"caveats", "Caveats", []string{"Permissions follow the host's user ids."}},
	}
	for _, tt := range tests {
		s, ok := p.Sections[tt.id]
		if !ok {
			t.Errorf("no section %q in %v", tt.id, p.Sections)
			continue
		}
		if s.Heading != tt.heading || !reflect.DeepEqual(s.Text, tt.text) {
			t.Errorf("section %q = %q %q, want %q %q", tt.id, s.Heading, s.Text, tt.heading, tt.text)
		}
	}
}

func TestBlockLinkPreviewsThatBlock(t *testing.T) {
	p := read(t, written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"), linker()), "static/preview/notes/docker/volumes.json")
	want := map[string][]string{
		"^driver-choice": {"A driver is chosen per volume."},
		"^table1":        {"a b 1 2"},
	}
	if !reflect.DeepEqual(p.Blocks, want) {
		t.Errorf("blocks = %q, want %q", p.Blocks, want)
	}
}

func TestLongTextIsCutAtAWord(t *testing.T) {
	word := "container "
	body := []byte(strings.Repeat(word, 100) + "\n\nSecond paragraph.\n")
	n := &note.Note{Title: "Long", Path: "/notes/long", Body: body, Doc: markdown.NewParser().Parse(body)}
	p := Of(n)
	if len(p.Text) != 1 {
		t.Fatalf("text = %q, want the first paragraph alone", p.Text)
	}
	got := p.Text[0]
	if !strings.HasSuffix(got, "container…") || len(got) > introMax+len("…") {
		t.Errorf("cut to %d bytes: %q", len(got), got)
	}
}

// A note whose text is all code still has a preview: its title.
func TestNoteWithoutText(t *testing.T) {
	body := []byte("```go\nfmt.Println()\n```\n")
	n := &note.Note{Title: "Code", Path: "/notes/code", Body: body, Doc: markdown.NewParser().Parse(body)}
	data, err := Of(n).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != `{"title":"Code"}` {
		t.Errorf("encoded %s", data)
	}
}

func TestDeterministic(t *testing.T) {
	a := written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"))
	b := written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"))
	if !reflect.DeepEqual(a.Files, b.Files) {
		t.Error("two writes of the same note differ")
	}
}

// A paragraph that would keep only a word or two is left out rather than
// shown as a stub ("Cre…").
func TestNoStubAtTheLimit(t *testing.T) {
	first := strings.Repeat("word ", (introMax-10)/5)
	body := []byte(first + "\n\nCreate a volume before the container that uses it.\n")
	n := &note.Note{Title: "Stub", Path: "/notes/stub", Body: body, Doc: markdown.NewParser().Parse(body)}
	if p := Of(n); len(p.Text) != 1 {
		t.Errorf("text = %q, want the first paragraph alone", p.Text)
	}
}

// A file holds only the sections and blocks some link of the vault
// names, so the first preview of a note fetches little more than its
// first paragraphs. A link into its own note counts.
func TestOnlyLinkedPartsAreKept(t *testing.T) {
	volumes := parsed(t, "testdata/linked.md", "/notes/docker/volumes")
	p := read(t, written(t, volumes), "static/preview/notes/docker/volumes.json")
	if p.Sections != nil || p.Blocks != nil {
		t.Errorf("no link names a part, yet sections %v, blocks %v", p.Sections, p.Blocks)
	}
	p = read(t, written(t, volumes, linker()), "static/preview/notes/docker/volumes.json")
	if _, ok := p.Sections["drivers"]; ok {
		t.Error("the section no link names is in the file")
	}
	body := []byte("# Self\n\nSee [below](#later).\n\n## Later\n\nText.\n\n## Unlinked\n\nMore.\n")
	self := &note.Note{Title: "Self", Path: "/notes/self", Body: body, Doc: markdown.NewParser().Parse(body)}
	p = read(t, written(t, self), "static/preview/notes/self.json")
	if len(p.Sections) != 1 || p.Sections["later"].Heading != "Later" {
		t.Errorf("sections %v, want later alone", p.Sections)
	}
}
