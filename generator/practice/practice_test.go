package practice

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
	"github.com/gohugoio/hugo/parser/pageparser"
)

func newNote(source, title, folder string, tags []string, body string) *note.Note {
	slug := strings.ToLower(strings.ReplaceAll(title, " ", "-"))
	p := "/notes/" + folder + "/" + slug
	src := []byte(body)
	return &note.Note{
		Source: source, Folder: folder, Title: title, Tags: tags,
		Path: p, URL: strings.TrimPrefix(p, "/") + "/",
		Body: src, Doc: markdown.NewParser().Parse(src),
	}
}

// seedBody is the vault's interview note without its front matter.
func seedBody(t testing.TB) string {
	t.Helper()
	body, _ := fixtures.Body(t, fixtures.Networking)
	return string(body)
}

func seedNote(t testing.TB) *note.Note {
	return newNote(fixtures.Networking, "Container Networking", "docker", []string{"DevOps", "Docker", "interview/devops"}, seedBody(t))
}

func TestCardsSeed(t *testing.T) {
	cards := Cards([]*note.Note{seedNote(t)})
	if len(cards) != 20 {
		t.Fatalf("got %d cards, want 20", len(cards))
	}
	ids := map[string]bool{}
	for _, c := range cards {
		if len(c.ID) != 16 || ids[c.ID] {
			t.Errorf("card %q: id %q missing or repeated", c.Question, c.ID)
		}
		ids[c.ID] = true
		if c.Note != "Container Networking" || c.URL != "notes/docker/container-networking/" || len(c.Tags) != 3 {
			t.Errorf("card %q: note fields %q %q %q", c.Question, c.Note, c.URL, c.Tags)
		}
	}
	byQ := map[string]Card{}
	for _, c := range cards {
		byQ[c.Question] = c
	}
	follow := byQ["Didn't one app per VM fix that?"]
	if parent := byQ["What broke when every service shared the host's network?"]; follow.Parent != parent.ID {
		t.Errorf("follow-up parent = %q, want %q", follow.Parent, parent.ID)
	}
}

func TestCardIDStable(t *testing.T) {
	body := "## Docker\n\n### Interview Q: \"What is an image?\"\n\nLayers.\n\n### Q: What is a volume?\n\nStorage.\n"
	before := Cards([]*note.Note{newNote("a.md", "A", "x", nil, body)})

	edits := []struct{ name, body string }{
		{"answer edited", strings.Replace(body, "Layers.", "Read-only layers and a manifest.", 1)},
		{"question added before", "### Q: What is Docker?\n\nA runtime.\n\n" + body},
		{"quotes, case and spacing", strings.Replace(body, `"What is an image?"`, "what  is an IMAGE ?", 1)},
		{"heading level and section changed", strings.Replace(body, "## Docker", "# Containers", 1)},
	}
	for _, e := range edits {
		after := Cards([]*note.Note{newNote("a.md", "A", "x", nil, e.body)})
		got := map[string]bool{}
		for _, c := range after {
			got[c.ID] = true
		}
		for _, c := range before {
			if !got[c.ID] {
				t.Errorf("%s: card %q lost its id %s", e.name, c.Question, c.ID)
			}
		}
	}
	// Another note with the same question is another card.
	other := Cards([]*note.Note{newNote("b.md", "B", "x", nil, body)})
	if other[0].ID == before[0].ID {
		t.Errorf("same question in two notes shares id %s", other[0].ID)
	}
	// The same question twice in one note gets two ids.
	twice := Cards([]*note.Note{newNote("a.md", "A", "x", nil, body+"\n### Q: What is a volume?\n\nAgain.\n")})
	if len(twice) != 3 || twice[1].ID == twice[2].ID || twice[1].ID != before[1].ID {
		t.Errorf("repeated question ids: %v", []string{twice[1].ID, twice[2].ID})
	}
}

// readAnki parses an Anki text file strictly: header lines first, then
// tab-separated records with RFC 4180 quoting and no lazy quotes.
func readAnki(t *testing.T, data []byte) (map[string]string, [][]string) {
	t.Helper()
	headers := map[string]string{}
	rest := data
	for bytes.HasPrefix(rest, []byte("#")) {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		k, v, ok := strings.Cut(string(line[1:]), ":")
		if !ok {
			t.Fatalf("bad header line %q", line)
		}
		headers[k] = v
		rest = after
	}
	r := csv.NewReader(bytes.NewReader(rest))
	r.Comma = '\t'
	r.LazyQuotes = false
	r.FieldsPerRecord = 4
	var recs [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("strict TSV read: %v", err)
		}
		recs = append(recs, rec)
	}
	return headers, recs
}

func TestAnkiFormat(t *testing.T) {
	cards := []Card{
		{ID: "0123456789abcdef", Question: "Tabs\tand \"quotes\" & <tags>?", Note: "N", URL: "notes/n/", Anchor: "q",
			Answer: "Line one\n\n```go\nif a < b {\n\treturn \"x\"\n}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<img src=x onerror=alert(1)>\n",
			Tags:   []string{"DevOps", "interview/devops", "two words"}},
		{ID: "fedcba9876543210", Question: "Plain?", Note: "M", URL: "notes/m/", Answer: "Yes.\n", Tags: nil},
	}
	data := Anki(cards, Options{Deck: "My Notes"})
	headers, recs := readAnki(t, data)
	wantHeaders := map[string]string{
		"separator": "tab", "html": "true", "guid column": "1", "notetype": "Basic",
		"deck": "My Notes", "tags column": "4", "columns": "GUID\tFront\tBack\tTags",
	}
	for k, v := range wantHeaders {
		if headers[k] != v {
			t.Errorf("header %q = %q, want %q", k, headers[k], v)
		}
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	r := recs[0]
	if r[0] != "0123456789abcdef" {
		t.Errorf("guid = %q", r[0])
	}
	if want := "<div class=\"crib-q\">Tabs\tand &#34;quotes&#34; &amp; &lt;tags&gt;?</div><div class=\"crib-note\">N</div>"; r[1] != want {
		t.Errorf("front = %q, want %q", r[1], want)
	}
	for _, want := range []string{"<p>Line one</p>", "<pre><code class=\"language-go\">if a &lt; b {\n\treturn &quot;x&quot;\n}\n</code></pre>", "<table>", "<td>2</td>", "<!-- raw HTML omitted -->"} {
		if !strings.Contains(r[2], want) {
			t.Errorf("back lacks %q:\n%s", want, r[2])
		}
	}
	if strings.Contains(r[2], "onerror") {
		t.Errorf("raw HTML reached the Anki card: %s", r[2])
	}
	if r[3] != "DevOps interview::devops two_words" {
		t.Errorf("tags = %q", r[3])
	}
	if recs[1][3] != "" || recs[1][2] != "<p>Yes.</p>\n" {
		t.Errorf("second record = %q", recs[1])
	}
	// The raw bytes: a field with a newline or quote is quoted, quotes doubled.
	if !bytes.Contains(data, []byte("\t\"<div class=\"\"crib-q\"\">Tabs\tand")) {
		t.Errorf("front not quoted Anki's way:\n%s", data)
	}
}

func TestAnkiTagsFilterAndLinks(t *testing.T) {
	n1 := newNote("a.md", "A", "x", []string{"Interview/DevOps"}, "## Q: What is a pod?\n\nSee [b](/notes/x/b#q-why) and ![d](diagram.png).\n")
	n2 := newNote("b.md", "B", "x", []string{"golang"}, "## Q: Why?\n\nBecause.\n")
	cards := Cards([]*note.Note{n2, n1})
	if cards[0].Note != "A" {
		t.Fatalf("cards not in site order: %q first", cards[0].Note)
	}
	_, recs := readAnki(t, Anki(cards, Options{Tags: []string{"interview"}, BaseURL: "https://example.github.io/interview-notes"}))
	if len(recs) != 1 || !strings.Contains(recs[0][1], "What is a pod?") {
		t.Fatalf("tag filter: %q", recs)
	}
	back := recs[0][2]
	for _, want := range []string{
		`href="https://example.github.io/interview-notes/notes/x/b/#q-why"`,
		`src="https://example.github.io/interview-notes/notes/x/a/diagram.png"`,
		`<a href="https://example.github.io/interview-notes/notes/x/a/#q-what-is-a-pod">A</a>`,
	} {
		if !strings.Contains(back, want) {
			t.Errorf("back lacks %s:\n%s", want, back)
		}
	}
}

func TestWrite(t *testing.T) {
	seed := seedNote(t)
	todo := newNote("todo.md", "Todo", "x", []string{"golang"}, "## Q: What is a channel?\n\n{ answer }\n\n## Q: What is a goroutine?\n\n**Your Answer:**\n")
	// Question and answer in one paragraph: the answer is the paragraph
	// after its line break, unless a code span hides that line break.
	inline := newNote("inline.md", "Inline", "x", nil, "## Pods\n\n**Q: What is a pod?**\nA: The smallest unit.\n\n**Q: Why pods?**\n\nShared network.\n\n**Q: What is `kube\nlet`?**\nA: The node agent.\n")
	notes := []*note.Note{todo, seed, inline}
	var m content.Memory
	if ds := Write(context.Background(), &m, notes, Options{Deck: "Crib"}); len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	for _, p := range []string{AnkiPath, JSONPath, DataPath, "content/practice/cards/_index.md"} {
		if _, ok := m.Files[p]; !ok {
			t.Errorf("%s not written", p)
		}
	}
	var bundles []string
	for p := range m.Files {
		if strings.HasPrefix(p, DeckDir+"/") && !strings.HasSuffix(p, "/_index.md") {
			bundles = append(bundles, p)
		}
	}

	var data deckData
	if err := json.Unmarshal(m.Files[DataPath], &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Notes) != 3 || data.Notes[0].Title != "Container Networking" || len(data.Notes[0].Cards) != 20 {
		t.Fatalf("deck notes = %+v", data.Notes)
	}
	for _, n := range data.Notes {
		if len(n.Meta) != len(n.Cards) {
			t.Errorf("%s: %d cards but %d meta", n.Title, len(n.Cards), len(n.Meta))
		}
	}
	// Every answer of the interview note is whole blocks of its page: no
	// card page.
	docker := data.Notes[0]
	if docker.Deck != "" {
		t.Errorf("seed has a card page %q", docker.Deck)
	}
	first := Cards(notes)[0]
	if m0 := docker.Meta[0]; m0.Question != first.Question || m0.Kind != "interview" ||
		m0.Anchor != "interview-q-what-broke-when-every-service-shared-the-hosts-network" {
		t.Errorf("first card meta = %+v", m0)
	}
	// Where each answer is on its page is on the page: all 20 cards,
	// the marker of the inline "**Your Answer:** ..." ones to drop.
	locs := PageCards(seed)
	if len(locs) != 20 || !reflect.DeepEqual(locs[0], []any{first.ID, first.Blocks.Start, first.Blocks.End}) {
		t.Errorf("seed page cards = %v", locs)
	}
	if l := locs[13].([]any); len(l) != 4 || l[3] != "Your Answer:" {
		t.Errorf("inline marker card on the page = %v", l)
	}
	// The inline note: its first two answers are on the note page, the
	// first after its paragraph's line break; the third on a card page.
	in := data.Notes[1]
	want := []any{[]any{in.Cards[0], 1, 2, "A:", 1}, []any{in.Cards[1], 3, 4}}
	if inLocs := PageCards(inline); in.Title != "Inline" || in.Deck == "" || len(in.Cards) != 3 || !reflect.DeepEqual(inLocs, want) {
		t.Fatalf("inline note = %+v, on its page %v, want %v", in, inLocs, want)
	}
	if len(bundles) != 1 || bundles[0] != DeckDir+"/"+in.Deck[len(DeckPath)+1:]+"/index.md" {
		t.Fatalf("card pages = %v, want the inline note's", bundles)
	}
	page := string(m.Files[bundles[0]])
	if n := strings.Count(page, "{{< card "); n != 1 || !strings.Contains(page, "{{< card \""+in.Cards[2]+"\" >}}\nThe node agent.\n{{< /card >}}") {
		t.Errorf("card page holds %d cards:\n%s", n, page)
	}
	for _, want := range []string{"layout: practice-cards", "outputs:\n  - html", "list: never", "publishResources: false"} {
		if !strings.Contains(page, want) {
			t.Errorf("card page lacks %q:\n%s", want, page)
		}
	}
	if len(data.Todo) != 2 || !data.Todo[0].Placeholder || !data.Todo[1].EmptyAnswer || data.Todo[1].Note != 2 {
		t.Errorf("todo = %+v", data.Todo)
	}
	if asked := AskedUnder(seed); len(asked) == 0 || !reflect.DeepEqual(asked[0], []any{"interview-q-what-broke-when-every-service-shared-the-hosts-network", first.ID}) {
		t.Errorf("first heading with a card = %v, want the first card's", asked)
	}

	var js struct {
		Deck  string     `json:"deck"`
		Cards []jsonCard `json:"cards"`
	}
	if err := json.Unmarshal(m.Files[JSONPath], &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Cards) != 25 || js.Cards[0].ID != first.ID || !strings.Contains(js.Cards[0].AnswerMarkdown, "**Port Clashes**") ||
		js.Cards[0].Page+"#"+js.Cards[0].Anchor != "notes/docker/container-networking/#interview-q-what-broke-when-every-service-shared-the-hosts-network" {
		t.Errorf("cards.json first card = %+v", js.Cards[0])
	}
	if js.Cards[0].AnswerHTML != "" || js.Cards[0].URL != "" || bytes.Count(m.Files[JSONPath], []byte("\n")) != 25+2 {
		t.Errorf("cards.json is not compact:\n%.500s", m.Files[JSONPath])
	}
	var full content.Memory
	Write(context.Background(), &full, []*note.Note{inline, seed, todo}, Options{Deck: "Crib", FullJSON: true})
	if err := json.Unmarshal(full.Files[JSONPath], &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Cards) != 25 || !strings.Contains(js.Cards[0].AnswerHTML, "<strong>Port Clashes</strong>") ||
		js.Cards[0].URL != "notes/docker/container-networking/#interview-q-what-broke-when-every-service-shared-the-hosts-network" {
		t.Errorf("full cards.json first card = %+v", js.Cards[0])
	}

	// A second run writes the same bytes.
	var again content.Memory
	Write(context.Background(), &again, []*note.Note{inline, seed, todo}, Options{Deck: "Crib"})
	for p, b := range m.Files {
		if !bytes.Equal(again.Files[p], b) {
			t.Errorf("%s differs between runs", p)
		}
	}
}

func TestWriteWarnsDuplicateQuestion(t *testing.T) {
	n := newNote("d.md", "D", "x", nil, "## Q: Why?\n\nA.\n\n## Q: why\n\nB.\n")
	var m content.Memory
	ds := Write(context.Background(), &m, []*note.Note{n}, Options{})
	if len(ds) != 1 || ds[0].Path != "d.md" || ds[0].Line != 5 {
		t.Errorf("diagnostics = %v", ds)
	}
}

// TestAnkiGUIDsStable imports the interview note twice and after an
// unrelated edit:
// every question keeps its GUID, so Anki updates cards instead of adding
// duplicates.
func TestAnkiGUIDsStable(t *testing.T) {
	guids := func(body string) map[string]string {
		n := newNote(fixtures.Networking, "Container Networking", "docker", []string{"DevOps"}, body)
		_, recs := readAnki(t, Anki(Cards([]*note.Note{n}), Options{}))
		m := map[string]string{}
		for _, r := range recs {
			m[r[1]] = r[0]
		}
		return m
	}
	body := seedBody(t)
	first, second := guids(body), guids(body)
	if len(first) != 20 {
		t.Fatalf("got %d cards, want 20", len(first))
	}
	edited := body
	for _, e := range [][2]string{
		{"marked billing dead at 2 a.m.", "marked billing dead at 2 a.m., twice."},
		{"## 11. PRODUCTION SCENARIOS", "### Q: What is a sidecar?\n\nA helper container in the pod.\n\n## 11. PRODUCTION SCENARIOS"},
		{`### Q: "Can you run Kubernetes Services without kube-proxy?"`, `### Q: Can you run kubernetes services without kube-proxy`},
	} {
		if !strings.Contains(edited, e[0]) {
			t.Fatalf("the note has no %q to edit", e[0])
		}
		edited = strings.Replace(edited, e[0], e[1], 1)
	}
	after := guids(edited)
	if len(after) != 21 {
		t.Fatalf("after the edit: %d cards, want 21", len(after))
	}
	byGUID := map[string]bool{}
	for _, g := range after {
		byGUID[g] = true
	}
	for front, g := range first {
		if second[front] != g {
			t.Errorf("%s: GUID changed between runs", front)
		}
		if !byGUID[g] {
			t.Errorf("%s: GUID %s lost after an unrelated edit", front, g)
		}
	}
}

// TestDeckQuestionText reads the deck data and a card page back: any
// question text and note title survive.
func TestDeckQuestionText(t *testing.T) {
	texts := []string{
		`What's "this": a #tag, a \ backslash & <b>html</b>?`,
		"- leading dash? {braces} [brackets] *stars* | pipes",
		"Système d'exploitation – 日本語 … \u2028 tab\there",
		"yes",
		"123",
	}
	for _, q := range texts {
		c := Card{ID: "0123456789abcdef", Question: q, Kind: "q", Note: q, Path: "/notes/a/b", URL: "notes/a/b/", Parent: "fedcba9876543210",
			Answer: "Body.\n", Source: "a\nb.md", Blocks: extract.BlockRange{Start: -1, End: -1}}
		files, err := DeckFiles([]Card{c}, "")
		if err != nil {
			t.Fatal(err)
		}
		var page string
		var data deckData
		for _, f := range files {
			switch {
			case strings.HasSuffix(f.Path, "/index.md"):
				page = string(f.Data)
			case f.Path == DataPath:
				if err := json.Unmarshal(f.Data, &data); err != nil {
					t.Fatal(err)
				}
			}
		}
		if len(data.Notes) != 1 || len(data.Notes[0].Meta) != 1 {
			t.Fatalf("%q: deck data = %+v", q, data)
		}
		if m := data.Notes[0].Meta[0]; m.Question != q || m.Kind != "q" || m.Parent != "fedcba9876543210" {
			t.Errorf("%q: meta = %+v", q, m)
		}
		fm, body, ok := strings.Cut(strings.TrimPrefix(page, "---\n"), "\n---\n")
		if !ok || body != "\n{{< card \"0123456789abcdef\" >}}\nBody.\n{{< /card >}}\n\n" {
			t.Fatalf("%q: page not split into front matter and card body:\n%s", q, page)
		}
		var got struct {
			Title string `yaml:"title"`
		}
		if err := yaml.Unmarshal([]byte(fm), &got); err != nil {
			t.Fatalf("%q: %v\n%s", q, err, fm)
		}
		if got.Title != q {
			t.Errorf("title = %q, want %q", got.Title, q)
		}
		if !strings.HasPrefix(fm, content.GeneratedMarker+" from a b.md.") {
			t.Errorf("marker line: %q", fm)
		}
	}
}

// compactCard is a card of the compact cards.json: a jsonCard without the
// fields that can be derived.
type compactCard struct {
	ID             string   `json:"id"`
	Question       string   `json:"question"`
	Kind           string   `json:"kind"`
	Lang           string   `json:"lang,omitempty"`
	Difficulty     string   `json:"difficulty,omitempty"`
	AnswerMarkdown string   `json:"answer_markdown"`
	Note           string   `json:"note"`
	Page           string   `json:"page"`
	Anchor         string   `json:"anchor,omitempty"`
	Tags           []string `json:"tags"`
	Parent         string   `json:"parent,omitempty"`
	EmptyAnswer    bool     `json:"empty_answer,omitempty"`
	Placeholder    bool     `json:"placeholder,omitempty"`
}

// TestJSONExportEncoding checks that cards.json, written a card at a
// time, is exactly what encoding/json writes: for the full export, the
// whole export indented; for the compact one, each card on a line.
func TestJSONExportEncoding(t *testing.T) {
	todo := newNote("todo.md", "Todo <b>&", "x", []string{"golang"}, "## Q: What is a <channel> & why?\n\n{ answer }\n\n## Q: What is a goroutine?\n\n**Your Answer:**\n")
	// A question in a paragraph: a card with no heading anchor.
	inline := newNote("inline.md", "Inline", "x", nil, "Q: What is a select?\nA: A wait on several channels.\n")
	for _, notes := range [][]*note.Note{nil, {todo}, {seedNote(t), todo, inline}, bilingualNotes(t)} {
		cards := Cards(notes)
		r := newHTMLRenderer("https://example.github.io/x/")
		answers := r.answers(cards)
		got, err := jsonExport(cards, answers, r, Options{Deck: `Crib "<deck>"`, FullJSON: true})
		if err != nil {
			t.Fatal(err)
		}
		out := struct {
			Deck  string     `json:"deck"`
			Cards []jsonCard `json:"cards"`
		}{Deck: `Crib "<deck>"`, Cards: []jsonCard{}}
		for i, c := range cards {
			out.Cards = append(out.Cards, r.jsonCard(c, answers[i]))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%d cards: cards.json differs from encoding/json's:\n%s\nwant:\n%s", len(cards), got, want.Bytes())
		}

		compact, err := jsonExport(cards, nil, r, Options{Deck: `Crib "<deck>"`})
		if err != nil {
			t.Fatal(err)
		}
		marshal := func(v any) string {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				t.Fatal(err)
			}
			return strings.TrimSuffix(b.String(), "\n")
		}
		var lines []string
		for _, c := range out.Cards {
			lines = append(lines, "\n"+marshal(compactCard{c.ID, c.Question, c.Kind, c.Lang, c.Difficulty, c.AnswerMarkdown,
				c.Note, c.Page, c.Anchor, c.Tags, c.Parent, c.EmptyAnswer, c.Placeholder}))
		}
		wantCompact := `{"deck":` + marshal(out.Deck) + `,"cards":[` + strings.Join(lines, ",")
		if len(lines) > 0 {
			wantCompact += "\n"
		}
		wantCompact += "]}\n"
		if string(compact) != wantCompact {
			t.Errorf("%d cards: compact cards.json:\n%s\nwant:\n%s", len(cards), compact, wantCompact)
		}
		if len(cards) > 2 && len(compact) > len(got)*2/3 {
			t.Errorf("compact cards.json is %d bytes, the full one %d", len(compact), len(got))
		}
	}
}

// TestExportsKeptWhenCardsUnchanged: serve's Site keeps the exports
// without making them again when no card changed, and makes them again,
// byte for byte as a fresh run does, when one did.
func TestExportsKeptWhenCardsUnchanged(t *testing.T) {
	dir := t.TempDir()
	site, err := content.OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := newNote("A.md", "A", "x", []string{"go"}, "### Interview Q: What is a goroutine?\n\nA cheap thread.\n\n### Interview Q: Why channels?\n\nTo share by communicating.\n")
	b := newNote("B.md", "B", "x", []string{"go"}, "### Interview Q: What is a mutex?\n\nA lock held briefly.\n")
	opts := Options{Deck: "Crib"}
	run := func(notes ...*note.Note) {
		t.Helper()
		if ds := Write(context.Background(), site, notes, opts); len(ds) > 0 {
			t.Fatalf("Write: %v", ds)
		}
		if _, _, err := site.Finish(); err != nil {
			t.Fatal(err)
		}
	}
	run(a, b)
	// Mark the exports: a run that makes them again writes them over. The
	// marks keep each file's size and modification time, which the Site
	// checks to see that a file is as it left it.
	marks := map[string][]byte{}
	for _, rel := range []string{AnkiPath, JSONPath} {
		abs := filepath.Join(dir, rel)
		info, err := os.Stat(abs)
		if err != nil {
			t.Fatal(err)
		}
		marks[rel] = bytes.Repeat([]byte("m"), int(info.Size()))
		os.WriteFile(abs, marks[rel], 0o644)
		os.Chtimes(abs, info.ModTime(), info.ModTime())
	}
	run(a, b)
	for _, rel := range []string{AnkiPath, JSONPath} {
		if data, _ := os.ReadFile(filepath.Join(dir, rel)); !bytes.Equal(data, marks[rel]) {
			t.Errorf("%s made again although no card changed", rel)
		}
	}

	// An answer changes (to one of the same length): both exports are
	// made again, as a fresh run makes them.
	b2 := newNote("B.md", "B", "x", []string{"go"}, "### Interview Q: What is a mutex?\n\nA gate held briefly.\n")
	run(a, b2)
	var fresh content.Memory
	Write(context.Background(), &fresh, []*note.Note{a, b2}, opts)
	for _, rel := range []string{AnkiPath, JSONPath} {
		data, _ := os.ReadFile(filepath.Join(dir, rel))
		if !bytes.Equal(data, fresh.Files[rel]) || !bytes.Contains(data, []byte("A gate held briefly")) {
			t.Errorf("%s after an answer changed differs from a fresh run:\n%s", rel, data)
		}
	}

	// Another base URL is another export.
	opts.BaseURL = "https://example.org/notes/"
	run(a, b2)
	if data, _ := os.ReadFile(filepath.Join(dir, AnkiPath)); !bytes.Contains(data, []byte("https://example.org/notes/")) {
		t.Errorf("Anki export not made again for a new base URL")
	}
}

// TestDeckAnswersNeverRunShortcodes reads a card page as Hugo's page
// lexer does: an answer that quotes shortcodes, the card's own closing
// one included, leaves the page with exactly its card shortcodes, and the
// card shortcode's Inner is Markdown that RenderString reads as the
// answer.
func TestDeckAnswersNeverRunShortcodes(t *testing.T) {
	answers := []string{
		"You write {{< /card >}} and then {{< youtube dQw4w9WgXcQ >}}.",
		"Like `{{< figure src=\"x.png\" >}}` or {{% param \"title\" %}}.",
		"```go-html-template\n{{< nosuch >}}\n{{< /card\n```",
		"Unclosed {{<",
	}
	var cards []Card
	for i, a := range answers {
		cards = append(cards, Card{ID: fmt.Sprintf("%016d", i), Question: "Q?", Kind: "q", Note: "N", Path: "/notes/n", URL: "notes/n/",
			Answer: a, Source: "n.md", Blocks: extract.BlockRange{Start: -1, End: -1}})
	}
	files, err := DeckFiles(cards, "")
	if err != nil {
		t.Fatal(err)
	}
	var page []byte
	for _, f := range files {
		if strings.HasSuffix(f.Path, "/index.md") {
			page = f.Data
		}
	}
	items, err := pageparser.ParseBytes(page, pageparser.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Each card: its opening shortcode, the Inner, its closing one.
	var inners []string
	var inner *strings.Builder
	var shortcodes []string
	for _, it := range items {
		switch {
		case it.IsShortcodeName():
			shortcodes = append(shortcodes, it.ValStr(page))
		case it.IsShortcodeClose():
			shortcodes = append(shortcodes, "/")
			inners = append(inners, inner.String())
			inner = nil
		case it.IsRightShortcodeDelim():
			if len(shortcodes) > 0 && shortcodes[len(shortcodes)-1] == "card" && inner == nil {
				inner = &strings.Builder{}
			}
		case it.IsText() && inner != nil:
			inner.Write(it.Val(page))
		case it.IsError():
			t.Fatalf("lexer: %v", it.Err)
		}
	}
	if want := strings.Repeat("card / card ", len(answers)); strings.Join(shortcodes, " ")+" " != want {
		t.Fatalf("shortcodes on the card page: %q\n%s", shortcodes, page)
	}
	for i, in := range inners {
		if !pageparser.HasShortcode(in) {
			t.Errorf("card %d: RenderString would not read the escapes in %q", i, in)
			continue
		}
		text, other := hugotest.RenderStringText(in)
		if len(other) > 0 {
			t.Errorf("card %d: RenderString reads %q in %q", i, other, in)
		}
		if got := strings.TrimSpace(text); !strings.HasPrefix(got, answers[i]) {
			t.Errorf("card %d renders %q, want %q", i, got, answers[i])
		}
	}
}
