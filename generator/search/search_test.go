package search

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

type tokenizeCase struct {
	In    string   `json:"in"`
	Query []string `json:"query"`
}

// The vectors in testdata/tokenize.json are shared with the browser
// test, which runs the JavaScript tokenizer on them.
func TestQueryWords(t *testing.T) {
	b, err := os.ReadFile("testdata/tokenize.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []tokenizeCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if got := QueryWords(c.In); !slices.Equal(got, c.Query) {
			t.Errorf("QueryWords(%q) = %q, want %q", c.In, got, c.Query)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"OOMKilled", []string{"oomkilled", "oom", "killed"}},
		{"node_modules", []string{"node_modules", "node", "modules"}},
		{"--memory", []string{"--memory", "memory"}},
		{"kubectl get pods", []string{"kubectl", "get", "pods"}},
		{"docker-compose.yml", []string{"docker-compose.yml", "docker", "compose", "yml"}},
		{"getHTTPResponse", []string{"gethttpresponse", "get", "http", "response"}},
		{"système", []string{"systeme"}},
		{"C++", []string{"c++", "c"}},
		{"日本語", []string{"日本", "本語"}},
		{"k8s v2", []string{"k8s", "v2"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Parsed
	}{
		{"tag:Docker layers", Parsed{Words: []string{"layers"}, Tags: []string{"docker"}}},
		{`"exit code" 137`, Parsed{Words: []string{"exit", "code", "137"}, Phrases: [][]string{{"exit", "code"}}}},
		{`"exit code`, Parsed{Words: []string{"exit", "code"}}},
		{`TAG:interview/DevOps "tag:x y"`, Parsed{Words: []string{"tag", "x", "y"}, Phrases: [][]string{{"tag", "x", "y"}}, Tags: []string{"interview/devops"}}},
		{"tag:", Parsed{Words: []string{"tag"}}},
	}
	for _, tt := range tests {
		got := Parse(tt.in)
		if !slices.Equal(got.Words, tt.want.Words) || !slices.Equal(got.Tags, tt.want.Tags) ||
			!slices.EqualFunc(got.Phrases, tt.want.Phrases, slices.Equal) {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"goroutnie", "goroutine", 2, 1},
		{"goroutnie", "goroutines", 2, 2},
		{"oomkiled", "oomkilled", 2, 1},
		{"cgroups", "cgroup", 1, 1},
		{"docker", "go", 2, 3},
		{"système", "systeme", 1, 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

// queryCase is one vector of testdata/queries.json, also typed into the
// built site by the browser test.
type queryCase struct {
	Q   string `json:"q"`
	Top string `json:"top"` // URL of the expected first result
}

func loadQueryCases(t testing.TB) []queryCase {
	b, err := os.ReadFile("testdata/queries.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []queryCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestSeedQueries(t *testing.T) {
	idx, err := Build(testVault(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range loadQueryCases(t) {
		rs := Query(idx, c.Q)
		if c.Top == "" {
			if len(rs) != 0 {
				t.Errorf("%q: got %d results, want none (first %s)", c.Q, len(rs), rs[0].URL)
			}
			continue
		}
		if len(rs) == 0 {
			t.Errorf("%q: no results, want %s", c.Q, c.Top)
			continue
		}
		if rs[0].URL != c.Top {
			t.Errorf("%q: first result %s, want %s", c.Q, rs[0].URL, c.Top)
		}
	}
}

// testVault is the interview note plus small notes that exercise
// ranking, tags, scripts and hostile text.
func testVault(t testing.TB) []*note.Note {
	return []*note.Note{
		seedNote(t),
		mdNote("Go Concurrency", "notes/go/go-concurrency/", []string{"Go", "interview/backend"},
			"Intro about Go.\n\n## Goroutines\n\nA goroutine is a lightweight thread managed by the Go runtime.\n\n## Channels\n\nGood golang code uses channels; go gets them right. Going further: goals.\n"),
		mdNote("Kubernetes Basics", "notes/k8s/kubernetes-basics/", []string{"Kubernetes", "DevOps"},
			"## Pods\n\n`kubectl get pods` lists pods. A container killed by the kernel is restarted.\n\n## Système de fichiers\n\nLes volumes persistants (système de fichiers partagé).\n\n## 日本語のメモ\n\nコンテナの日本語メモ。\n"),
		mdNote("Security Notes", "notes/security-notes/", []string{"Security"},
			"## XSS\n\nA note containing `<img src=x onerror=alert(1)>` must stay text, <b>raw</b> HTML is not shown, and `<script>alert(2)</script>` too.\n"),
	}
}

func TestRanking(t *testing.T) {
	notes := []*note.Note{
		mdNote("Sidecar Patterns", "notes/sidecar-patterns/", nil, "## Overview\n\nAll about helpers next to a main container.\n"),
		mdNote("Logging", "notes/logging/", nil, "## Shipping logs\n\nA sidecar ships logs, and so does a daemonset.\n"),
		mdNote("Scheduling", "notes/scheduling/", nil, "## Affinity\n\nThe scheduler places pods with affinity rules. Schedule wisely.\n"),
		mdNote("Go Concurrency", "notes/go/", nil, "## Goroutines\n\nA goroutine is cheap.\n\n## Go basics\n\nGo go go gopher golang gofmt goal good.\n"),
	}
	idx, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	top := func(q string) string {
		rs := Query(idx, q)
		if len(rs) == 0 {
			return ""
		}
		return rs[0].URL
	}
	// A title hit beats a body hit.
	if got := top("sidecar"); got != "notes/sidecar-patterns/" {
		t.Errorf("sidecar: first %q, want the page titled Sidecar Patterns", got)
	}
	// Exact beats fuzzy: "scheduler" is in the text; "schedule" (one
	// letter off) too; the exact term ranks first.
	rs := Query(idx, "scheduler")
	if len(rs) == 0 || rs[0].URL != "notes/scheduling/#affinity" {
		t.Fatalf("scheduler: %+v", rs)
	}
	// A typo finds the word and not everything sharing its first letters.
	rs = Query(idx, "goroutnie")
	if len(rs) == 0 || rs[0].URL != "notes/go/#goroutines" {
		t.Fatalf("goroutnie: %+v", rs)
	}
	for _, r := range rs {
		if r.URL == "notes/go/#go-basics" {
			t.Errorf("goroutnie matched the section about go/golang/gofmt: %+v", rs)
		}
	}
	// Fuzzy ranks below exact for the same document strength.
	resp := Search(idx, "goroutine")
	if len(resp.Results) == 0 || resp.Results[0].Score <= Search(idx, "goroutnie").Results[0].Score {
		t.Errorf("exact score %+v not above fuzzy", resp.Results)
	}
	// Every word required; any-word results when none has all.
	resp = Search(idx, "sidecar affinity")
	if !resp.AnyWord || len(resp.Results) < 2 {
		t.Errorf("sidecar affinity: want any-word fallback, got %+v", resp)
	}
	resp = Search(idx, "sidecar logs")
	if resp.AnyWord || len(resp.Results) != 1 || resp.Results[0].URL != "notes/logging/#shipping-logs" {
		t.Errorf("sidecar logs: %+v", resp)
	}
	// No results offers the nearest term.
	resp = Search(idx, "afinnityy")
	if len(resp.Results) != 0 || resp.Suggestion != "affinity" {
		t.Errorf("afinnityy: %+v", resp)
	}
	// Phrases match in order only.
	if got := Query(idx, `"ships logs"`); len(got) != 1 {
		t.Errorf(`"ships logs": %+v`, got)
	}
	if got := Query(idx, `"logs ships"`); len(got) != 0 {
		t.Errorf(`"logs ships": %+v`, got)
	}
}

func TestShardRoundTrip(t *testing.T) {
	notes := append(testVault(t), synthVault(t, 300, 7)...)
	idx, err := Build(notes, Options{HeadSize: 40, ShardBytes: 2048})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, n := range idx.Names() {
		files[n] = idx.File(n)
	}
	loaded, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(idx.Names()) < 50 {
		t.Fatalf("only %d files: the test does not exercise sharding", len(idx.Names()))
	}
	// Every term's postings and every record come back as built.
	if len(loaded.terms) != len(idx.terms) {
		t.Fatalf("loaded %d terms, built %d", len(loaded.terms), len(idx.terms))
	}
	tails, packs := 0, map[string]bool{}
	for i, want := range idx.terms {
		got := loaded.terms[i]
		if got.term != want.term || got.df != want.df || !slices.Equal(got.head, want.head) || !slices.Equal(got.tail, want.tail) ||
			got.headFile != want.headFile || got.tailFile != want.tailFile {
			t.Fatalf("term %q: loaded %+v, built %+v", want.term, got, want)
		}
		if want.tail != nil {
			tails++
			packs[want.tailFile] = true
		}
		packs[want.headFile] = true
	}
	if tails == 0 || len(packs) < 10 {
		t.Errorf("%d tails in %d packs: the test does not exercise posting placement", tails, len(packs))
	}
	split := 0
	for p := range idx.pages {
		if len(idx.frags[p]) == 2 {
			split++
			if !slices.Equal(idx.frags[p], loaded.frags[p]) {
				t.Errorf("page %d: loaded fragment files %v, built %v", p, loaded.frags[p], idx.frags[p])
			}
		}
		if !slices.EqualFunc(idx.pages[p], loaded.pages[p], func(a, b Doc) bool {
			return a.URL == b.URL && a.Title == b.Title && a.Text == b.Text && slices.Equal(a.Headings, b.Headings) && slices.Equal(a.Tags, b.Tags)
		}) {
			t.Fatalf("page %d: loaded %+v, built %+v", p, loaded.pages[p], idx.pages[p])
		}
	}
	if split == 0 || split == len(idx.pages) {
		t.Errorf("%d of %d pages in two parts: the test does not exercise both fragment layouts", split, len(idx.pages))
	}
	queries := []string{"cgroups", "oomkiled", "exit code 137", "tag:docker layers", "goroutnie", "container", "docker kernel memory", `"exit code"`, "tag:devops", "日本語", "systeme"}
	for _, c := range loadQueryCases(t) {
		queries = append(queries, c.Q)
	}
	for _, q := range queries {
		want, got := Search(idx, q), Search(loaded, q)
		if !slices.EqualFunc(want.Results, got.Results, sameResult) || want.Suggestion != got.Suggestion || want.AnyWord != got.AnyWord {
			t.Errorf("%q: loaded index answers %+v, built index %+v", q, got, want)
		}
		if q == "container" && len(want.Results) < Limit {
			t.Errorf("container: %d results", len(want.Results))
		}
	}
}

func sameResult(a, b Result) bool {
	return a.ID == b.ID && a.URL == b.URL && a.Score == b.Score && a.Title == b.Title &&
		slices.Equal(a.Headings, b.Headings) && slices.Equal(a.Tags, b.Tags)
}

func TestDeterministic(t *testing.T) {
	notes := append(testVault(t), synthVault(t, 100, 3)...)
	a, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(notes)
	slices.Reverse(rev)
	b, err := Build(rev, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Names(), b.Names()) {
		t.Fatalf("file names differ")
	}
	for _, n := range a.Names() {
		if !bytes.Equal(a.File(n), b.File(n)) {
			t.Errorf("%s differs between builds", n)
		}
	}
}

func TestPrivateTextNeverIndexed(t *testing.T) {
	// The pipeline drops private notes before search sees them; this pins
	// that nothing of a note left out, and nothing of a comment stripped
	// from Body, reaches any file.
	published := testVault(t)
	private := mdNote("Salary Expectations", "notes/private/", []string{"private"},
		"## Numbers\n\nzanzibarquux my secret salary number\n")
	idx, err := Build(published, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range idx.Names() {
		for _, s := range []string{"zanzibarquux", "Salary Expectations", "notes/private/"} {
			if bytes.Contains(idx.File(n), []byte(s)) {
				t.Errorf("%s contains %q", n, s)
			}
		}
	}
	if len(Query(idx, "zanzibarquux")) != 0 {
		t.Errorf("private word found")
	}
	// Sanity: the same note, published, is found: the check above can fail.
	idx2, err := Build(append(published, private), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rs := Query(idx2, "zanzibarquux"); len(rs) != 1 || rs[0].URL != "notes/private/#numbers" {
		t.Errorf("published control: %+v", rs)
	}
}

func TestHostileTextStaysData(t *testing.T) {
	idx, err := Build(testVault(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := Query(idx, "onerror")
	if len(rs) == 0 || rs[0].URL != "notes/security-notes/#xss" {
		t.Fatalf("onerror: %+v", rs)
	}
	// Code spans are text, kept as written for the client to insert as
	// text; raw HTML is not visible on the page, so it is not indexed.
	d := idx.doc(rs[0].ID)
	for _, want := range []string{"<img src=x onerror=alert(1)>", "<script>alert(2)</script>"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("code span text %q missing: %q", want, d.Text)
		}
	}
	if strings.Contains(d.Text, "<b>") {
		t.Errorf("raw HTML indexed: %q", d.Text)
	}
}

// TestRebuildSameBytes builds an index again and again over the same
// notes, as a preview server does, with one note edited in between: the
// builds that reuse the notes' memoized terms must give the bytes of a
// build from fresh notes.
func TestRebuildSameBytes(t *testing.T) {
	vault := func(edit string) []*note.Note {
		notes := append(testVault(t), synthVault(t, 150, 3)...)
		return append(notes, mdNote("Edited", "notes/edited/", []string{"Go"}, edit))
	}
	kept := vault("## First\n\nThe first version mentions goroutines.\n")
	for i, edit := range []string{
		"## First\n\nThe first version mentions goroutines.\n",
		"## First\n\nThe first version mentions goroutines.\n", // unchanged: every note's terms memoized
		"## Second\n\nNow about channels and OOMKilled pods.\n\n## Third\n\nschedulers\n",
		"Just text, no heading, système.\n",
	} {
		if i > 0 {
			kept[len(kept)-1] = mdNote("Edited", "notes/edited/", []string{"Go"}, edit)
		}
		got, err := Build(kept, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := Build(vault(edit), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Names(), want.Names()) {
			t.Fatalf("build %d: file names differ from a fresh build", i)
		}
		for _, n := range want.Names() {
			if !bytes.Equal(got.File(n), want.File(n)) {
				t.Errorf("build %d: %s differs from a fresh build", i, n)
			}
		}
	}
	// Every note but the last edited one went through three builds and
	// has its terms memoized; a note seen once has not.
	if !memoized(kept[0], termsKey) {
		t.Errorf("terms of a note seen by four builds are not memoized")
	}
	if memoized(kept[len(kept)-1], termsKey) {
		t.Errorf("terms of a note seen by one build are memoized")
	}
}

// memoized reports whether n holds a memo under key.
func memoized(n *note.Note, key string) bool {
	held := true
	note.Memo(n, key, func() any { held = false; return nil })
	note.Forget(n, key)
	return held
}

// countingSite is a content.Site that counts the files written and kept.
type countingSite struct {
	*content.Site
	written, kept int
}

func (c *countingSite) WriteFile(rel string, data []byte) error {
	c.written++
	return c.Site.WriteFile(rel, data)
}

func (c *countingSite) Keep(rel string) bool {
	ok := c.Site.Keep(rel)
	if ok {
		c.kept++
	}
	return ok
}

// TestWriteKeepsUnchangedFiles writes the index of a vault into a site,
// then again after an edit: the second run keeps the files whose names
// (content hashes) it wrote before, and the site then holds exactly the
// new index.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	site, err := content.OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := &countingSite{Site: site}
	notes := append(testVault(t), synthVault(t, 60, 3)...)
	scope := []string{Dir + "/"}
	if d := Write(context.Background(), w, notes, Options{}); len(d) > 0 {
		t.Fatal(d)
	}
	if _, _, err := site.FinishScope(context.Background(), scope); err != nil {
		t.Fatal(err)
	}
	if w.kept != 0 {
		t.Errorf("first run kept %d files", w.kept)
	}
	notes[1] = mdNote("Go Concurrency", "notes/go/go-concurrency/", []string{"Go", "interview/backend"},
		"Intro about Go.\n\n## Goroutines\n\nA goroutine is a lightweight thread, started with the go statement.\n")
	w.written, w.kept = 0, 0
	if d := Write(context.Background(), w, notes, Options{}); len(d) > 0 {
		t.Fatal(d)
	}
	if _, _, err := site.FinishScope(context.Background(), scope); err != nil {
		t.Fatal(err)
	}
	want, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w.kept+w.written != len(want.Names()) || w.written >= w.kept || w.written < 2 {
		t.Errorf("after an edit: %d files written, %d kept, of %d", w.written, w.kept, len(want.Names()))
	}
	var got []string
	root := filepath.Join(dir, filepath.FromSlash(Dir))
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		got = append(got, rel)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(b, want.File(rel)) {
			t.Errorf("%s on disk differs from a fresh build", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want.Names()) {
		t.Errorf("site holds %d index files, a fresh build has %d", len(got), len(want.Names()))
	}
}

// Math is indexed as it reads (O(n log n), α), and dollars the published
// note escapes as they were written.
func TestMathIndexedAsText(t *testing.T) {
	body := "## Sorting\n\nMerge sort is $O(n \\log n)$ with $\\alpha$ small; it costs \\$5.\n\n$$\nx^2\n$$\n"
	idx, err := Build([]*note.Note{mdNote("Sorting", "notes/sorting/", nil, body)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := Query(idx, "merge")
	if len(rs) == 0 {
		t.Fatal("no result for merge")
	}
	d := idx.doc(rs[0].ID)
	for _, want := range []string{"Merge sort is O(n log n) with α small; it costs $5.", "x²"} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q: %q", want, d.Text)
		}
	}
	if strings.Contains(d.Text, `\log`) || strings.Contains(d.Text, `\$`) {
		t.Errorf("TeX or escapes indexed: %q", d.Text)
	}
}

// TestOneWordEditTouchesFewFiles edits one word of one note and counts
// the index files the next build writes that the build before did not:
// the postings store term frequencies, not scores, and files end where
// the terms say, so only the files of the two words, the page's fragment
// and table, and the manifest change.
func TestOneWordEditTouchesFewFiles(t *testing.T) {
	notes := append(testVault(t), synthVault(t, 400, 5)...)
	before, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := map[string]bool{}
	for _, n := range before.Names() {
		old[n] = true
	}
	edits := []struct{ name, from, to string }{
		{"a common word for another", "container", "process"},
		{"a word for a new one", "kernel", "zquuxeditword"},
		{"a rare word for a common one", "conntrack", "network"},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			edited := slices.Clone(notes)
			target := edited[0] // the interview note
			body := strings.Replace(string(target.Body), e.from, e.to, 1)
			if body == string(target.Body) {
				t.Fatalf("%q not in the note", e.from)
			}
			b := []byte(body)
			edited[0] = &note.Note{Source: target.Source, Folder: target.Folder, Title: target.Title, Tags: target.Tags,
				URL: target.URL, Path: target.Path, Body: b, Doc: markdown.NewParser().Parse(b)}
			after, err := Build(edited, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var changed []string
			for _, n := range after.Names() {
				if !old[n] || n == manifestName && !bytes.Equal(before.File(n), after.File(n)) {
					changed = append(changed, n)
				}
			}
			t.Logf("%d of %d files changed: %v", len(changed), len(after.Names()), changed)
			if len(changed) > 8 {
				t.Errorf("one word edited changed %d files, want a handful", len(changed))
			}
		})
	}
}

// TestHTMLTextIsIndexed checks that the HTML a page shows is searched
// as its text: "H<sub>2</sub>O" as H2O, a <details> block's summary and
// text, a table cell, and that a comment is not.
func TestHTMLTextIsIndexed(t *testing.T) {
	idx, err := Build([]*note.Note{mdNote("Chemistry", "notes/chemistry/", nil,
		"## Water\n\nWater is H<sub>2</sub>O, press <kbd>Ctrl</kbd>+<kbd>S</kbd>.<br>Next<br/>line.\n\n"+
			"<details>\n<summary>Why polar</summary>\nThe oxygen atom pulls electrons&nbsp;harder.\n<!-- CRIBLEAK hidden remark -->\n</details>\n\n"+
			"<table><tr><td>sodium</td><td>chloride</td></tr></table>\n")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{"h2o": "notes/chemistry/#water", "polar": "notes/chemistry/#water", "electrons": "notes/chemistry/#water", "chloride": "notes/chemistry/#water", "ctrl": "notes/chemistry/#water"} {
		if rs := Query(idx, q); len(rs) == 0 || rs[0].URL != want {
			t.Errorf("%s: %+v, want %s", q, rs, want)
		}
	}
	rs := Query(idx, "water")
	if len(rs) == 0 {
		t.Fatal("water: nothing found")
	}
	text := idx.doc(rs[0].ID).Text
	for _, want := range []string{"H2O", "Ctrl+S. Next line.", "Why polar The oxygen atom pulls electrons harder.", "sodium chloride"} {
		if !strings.Contains(text, want) {
			t.Errorf("indexed text lacks %q: %q", want, text)
		}
	}
	for _, not := range []string{"CRIBLEAK", "<", "sub>", "details"} {
		if strings.Contains(text, not) {
			t.Errorf("indexed text holds %q: %q", not, text)
		}
	}
	if rs := Query(idx, "cribleak"); len(rs) != 0 {
		t.Errorf("a comment is searchable: %+v", rs)
	}
}
