package linkpreview

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/fixtures"
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

// read returns the preview of the note at page path from the shard
// the note belongs in.
func read(t *testing.T, m *content.Memory, path string) Preview {
	t.Helper()
	shard := readShard(t, m, ShardPath(Shard(path, shards(t, m)), shards(t, m)))
	p, ok := shard[path]
	if !ok {
		t.Fatalf("no preview of %s in its shard; written: %v", path, keys(m.Files))
	}
	return p
}

// shards is the number of shards the data file names.
func shards(t *testing.T, m *content.Memory) int {
	t.Helper()
	var d struct{ Shards int }
	if err := json.Unmarshal(m.Files[IndexFile], &d); err != nil || d.Shards < 1 {
		t.Fatalf("%s = %q: %v", IndexFile, m.Files[IndexFile], err)
	}
	return d.Shards
}

func readShard(t *testing.T, m *content.Memory, rel string) map[string]Preview {
	t.Helper()
	data, ok := m.Files[rel]
	if !ok {
		t.Fatalf("no %s; written: %v", rel, keys(m.Files))
	}
	var shard map[string]Preview
	if err := json.Unmarshal(data, &shard); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return shard
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
	p := read(t, m, "/notes/docker/volumes")
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
	for rel, data := range m.Files {
		if strings.Contains(string(data), "not for readers") {
			t.Errorf("an HTML comment reached %s: %s", rel, data)
		}
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
	p := read(t, written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"), linker()), "/notes/docker/volumes")
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
	p := read(t, written(t, parsed(t, "testdata/linked.md", "/notes/docker/volumes"), linker()), "/notes/docker/volumes")
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
	m := written(t, n)
	if data := m.Files[ShardPath(0, 1)]; string(data) != `{"/notes/code":{"title":"Code"}}` {
		t.Errorf("encoded %s", data)
	}
}

// The same notes give the same bytes, in whatever order they come.
func TestDeterministic(t *testing.T) {
	notes := vault(40)
	a := written(t, notes...)
	slices.Reverse(notes)
	b := written(t, notes...)
	if !reflect.DeepEqual(a.Files, b.Files) {
		t.Error("two writes of the same notes differ")
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
	p := read(t, written(t, volumes), "/notes/docker/volumes")
	if p.Sections != nil || p.Blocks != nil {
		t.Errorf("no link names a part, yet sections %v, blocks %v", p.Sections, p.Blocks)
	}
	p = read(t, written(t, volumes, linker()), "/notes/docker/volumes")
	if _, ok := p.Sections["drivers"]; ok {
		t.Error("the section no link names is in the file")
	}
	body := []byte("# Self\n\nSee [below](#later).\n\n## Later\n\nText.\n\n## Unlinked\n\nMore.\n")
	self := &note.Note{Title: "Self", Path: "/notes/self", Body: body, Doc: markdown.NewParser().Parse(body)}
	p = read(t, written(t, self), "/notes/self")
	if len(p.Sections) != 1 || p.Sections["later"].Heading != "Later" {
		t.Errorf("sections %v, want later alone", p.Sections)
	}
}

// vault is n small notes, one of them under a Cyrillic page path.
func vault(n int) []*note.Note {
	var notes []*note.Note
	for i := range n {
		path, title := fmt.Sprintf("/notes/topic-%d", i), fmt.Sprintf("Topic %d", i)
		if i == 0 {
			path, title = "/notes/заметки/тома-docker", "Тома Docker"
		}
		body := []byte(fmt.Sprintf("Text of %s.\n", title))
		notes = append(notes, &note.Note{Title: title, Path: path, Body: body, Doc: markdown.NewParser().Parse(body)})
	}
	return notes
}

func TestShards(t *testing.T) {
	for _, tt := range []struct{ notes, shards int }{
		{0, 1}, {1, 1}, {16, 1}, {17, 2}, {32, 2}, {33, 4}, {1000, 64}, {4499, 512}, {5000, 512}, {8192, 512}, {8193, 1024},
	} {
		if got := Shards(tt.notes); got != tt.shards {
			t.Errorf("Shards(%d) = %d, want %d", tt.notes, got, tt.shards)
		}
	}
}

// A note's shard is FNV-1a (32 bits) of its page path's UTF-8 bytes,
// masked: the theme's script computes the same in the browser, so these
// values must never change.
func TestShardOf(t *testing.T) {
	for _, tt := range []struct {
		path   string
		shards int
		want   int
	}{
		{"", 1 << 31, 0x811c9dc5 & (1<<31 - 1)},
		{"a", 1 << 31, 0xe40c292c & (1<<31 - 1)},
		{"/notes/docker/volumes", 1, 0},
		{"/notes/docker/volumes", 512, 0x114},
		{"/notes/заметки/тома-docker", 512, 0x110},
	} {
		if got := Shard(tt.path, tt.shards); got != tt.want {
			t.Errorf("Shard(%q, %d) = %#x, want %#x", tt.path, tt.shards, got, tt.want)
		}
	}
	if got := ShardPath(0x110, 512); got != "static/preview/512/110.json" {
		t.Errorf("ShardPath = %q", got)
	}
}

// Every note is in exactly one shard, the one its path hashes to, and
// every shard is written, empty or not, so no fetch of one fails.
func TestEveryNoteInOneShard(t *testing.T) {
	notes := vault(100)
	m := written(t, notes...)
	k := shards(t, m)
	if k != 8 {
		t.Fatalf("%d shards for 100 notes, want 8", k)
	}
	if len(m.Files) != k+1 {
		t.Errorf("%d files for %d shards and the data file: %v", len(m.Files), k, keys(m.Files))
	}
	seen := map[string]int{}
	for i := range k {
		for path, p := range readShard(t, m, ShardPath(i, k)) {
			seen[path]++
			if Shard(path, k) != i {
				t.Errorf("%s is in shard %x, belongs in %x", path, i, Shard(path, k))
			}
			if p.Title == "" || len(p.Text) != 1 {
				t.Errorf("%s: preview %+v", path, p)
			}
		}
	}
	for _, n := range notes {
		if seen[n.Path] != 1 {
			t.Errorf("%s is in %d shards", n.Path, seen[n.Path])
		}
	}
	if len(seen) != len(notes) {
		t.Errorf("%d previews for %d notes", len(seen), len(notes))
	}
	if p := read(t, m, "/notes/заметки/тома-docker"); p.Title != "Тома Docker" {
		t.Errorf("Cyrillic note: %+v", p)
	}
}

// No published note, no previews: no shard and no data file, so the
// pages have no preview script.
func TestNoNotes(t *testing.T) {
	if m := written(t); len(m.Files) != 0 {
		t.Errorf("written for no notes: %v", keys(m.Files))
	}
}

// When the note count takes the shard count from 1 to 2, the next build
// writes the new layout and the site writer removes the old one, folder
// and all.
func TestShardCountChange(t *testing.T) {
	root := t.TempDir()
	build := func(notes []*note.Note) {
		t.Helper()
		s, err := content.OpenSite(root)
		if err != nil {
			t.Fatal(err)
		}
		if diags := Write(context.Background(), s, notes); len(diags) > 0 {
			t.Fatal(diags)
		}
		if _, _, err := s.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	files := func() []string {
		t.Helper()
		return slices.Sorted(maps.Keys(fixtures.Tree(t, filepath.Join(root, Dir))))
	}
	build(vault(16))
	if got, want := files(), []string{"1/0.json", "index.json"}; !slices.Equal(got, want) {
		t.Errorf("16 notes: %q, want %q", got, want)
	}
	build(vault(17))
	if got, want := files(), []string{"2/0.json", "2/1.json", "index.json"}; !slices.Equal(got, want) {
		t.Errorf("17 notes: %q, want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join(root, Dir, "1")); !os.IsNotExist(err) {
		t.Errorf("the folder of the old layout: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(IndexFile)))
	if err != nil || string(data) != `{"shards":2}` {
		t.Errorf("%s = %q, %v", IndexFile, data, err)
	}
}
