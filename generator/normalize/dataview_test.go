package normalize

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/tags"
	"github.com/crib-notes/crib/internal/fixtures"
)

// dataviewVault reads testdata/vault-dataview, at the repository's root.
func dataviewVault(t *testing.T) map[string]string {
	t.Helper()
	return fixtures.Tree(t, filepath.Join("..", "..", "testdata", "vault-dataview"))
}

// finishAll scans and finishes files as the pipeline does, returning what
// each published note finished as.
func finishAll(t *testing.T, files map[string]string) (map[string]Finished, []diag.Diagnostic) {
	t.Helper()
	var drafts []*Draft
	var diags []diag.Diagnostic
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	}) {
		d := Scan(name, []byte(files[name]), time.Time{})
		diags = append(diags, d.Diags...)
		drafts = append(drafts, d)
	}
	sp, _ := tags.NewSpellings(nil, nil)
	v, published, ds := NewVault(drafts, nil, sp)
	diags = append(diags, ds...)
	out := map[string]Finished{}
	for _, d := range published {
		f := Finish(d, v)
		out[d.Source] = f
		diags = append(diags, f.Diags...)
	}
	return out, diags
}

func mdLines(l ...string) string { return strings.Join(l, "\n") + "\n" }

// TestDataviewVault finishes the notes of testdata/vault-dataview: each
// query note shows exactly its results, in order, linking to the notes'
// pages; the private note and the draft are in none; the queries Crib
// does not run stay as their fences, each with one warning.
func TestDataviewVault(t *testing.T) {
	const (
		basics  = "[Docker Basics](/notes/docker/docker-basics)"
		compose = "[Compose](/notes/docker/compose)"
		swarm   = "[Swarm](/notes/docker/swarm)"
		netw    = "[Networking](/notes/networking/networking)"
		tcp     = "[TCP](/notes/networking/tcp)"
		home    = "[Home](/notes/home)"
	)
	want := map[string]string{
		"Queries/List by tag.md": mdLines("Notes tagged docker, or a tag under it:", "", "- "+compose, "- "+basics, "- "+swarm),
		"Queries/Table with names.md": mdLines(
			"| File (3) | Level | Rating | Changed |", "| --- | --- | --- | --- |",
			"| "+compose+" | medium | 4 | February 20, 2024 |",
			"| "+basics+" | easy | 3 | March 05, 2024 |",
			"| "+swarm+" | hard | \\- | January 15, 2024 |"),
		"Queries/Table without id.md": mdLines("| Note (2) | difficulty |", "| --- | --- |", "| "+netw+" | hard |", "| "+compose+" | medium |"),
		"Queries/Open tasks.md": mdLines(
			"- [ ] Write a compose file for "+netw,
			"- [/] Read about profiles",
			"- [ ] Learn volumes #learn"),
		"Queries/Done by note.md": mdLines("**"+basics+"** (1)", "", "- [x] Install Docker", "", "**"+swarm+"** (1)", "", "- [x] Init a swarm"),
		"Queries/Grouped.md": mdLines(
			"- easy:", "    - "+basics,
			"- hard:", "    - "+swarm, "    - "+netw,
			"- medium:", "    - "+compose, "    - "+tcp),
		"Queries/Links here.md":       mdLines("- "+compose, "- "+home),
		"Queries/Outgoing.md":         mdLines("- "+compose, "- "+netw),
		"Queries/Contains.md":         mdLines("- "+netw+": Networking", "- "+tcp+": Networking"),
		"Queries/Combined sources.md": mdLines("- "+tcp, "- "+swarm, "- "+netw, "- "+basics),
		"Queries/Old notes.md": mdLines("| File (3) | Created |", "| --- | --- |",
			"| "+netw+" | September 01, 2023 |", "| "+tcp+" | October 12, 2023 |", "| "+swarm+" | November 05, 2023 |"),
		"Queries/This note.md": mdLines("The notes as easy as this one says:", "", "| File (1) | rating |", "| --- | --- |", "| "+basics+" | 3 |"),
		"Queries/Linked fields.md": mdLines("| File (1) | Read next | Links |", "| --- | --- | --- |",
			"| "+basics+" | "+compose+" | "+compose+", [Networking > Ports](/notes/networking/networking#ports) |"),
		// In a callout: the results are inside it.
		"Home.md": mdLines("", "", "Start with "+basics+" and [This note](/notes/queries/this-note).", "",
			"> [!info] Docker notes", ">", "> - "+compose, "> - "+basics, "> - "+swarm, "", "Everything else is in the folders."),
	}
	finished, diags := finishAll(t, dataviewVault(t))
	for src, body := range want {
		f, ok := finished[src]
		if !ok {
			t.Errorf("%s is not published", src)
			continue
		}
		if got := string(f.Note.Body); got != body {
			t.Errorf("%s:\n%s\nwant:\n%s", src, got, body)
		}
		if !f.Queries {
			t.Errorf("%s: Queries not set", src)
		}
	}
	for src, f := range finished {
		if strings.Contains(string(f.Note.Body), "CRIBSECRET") {
			t.Errorf("%s shows what a private note or a draft holds:\n%s", src, f.Note.Body)
		}
		if _, query := want[src]; !query && f.Queries {
			t.Errorf("%s: Queries = %v", src, f.Queries)
		}
	}
	if _, ok := finished["Docker/Secret Plan.md"]; ok {
		t.Errorf("the private note is published")
	}

	// The blocks that do not run stay fences of their language, and say
	// why once each, at the line of the query's problem or of the fence.
	notRun := string(finished["Queries/Not run.md"].Note.Body)
	for _, fence := range []string{
		"```dataview\nTABLE tags FROM \"Docker\" FLATTEN tags\n```\n",
		"```dataview\nLIST FROM WHERE\n```\n",
		"```dataview\nLIST WHERE file.mtime > date(today)\n```\n",
		"```dataviewjs\ndv.list(dv.pages(\"#docker\").file.name)\n",
		"`$= dv.current().file.name`",
	} {
		if !strings.Contains(notRun, fence) {
			t.Errorf("Not run.md has no %q:\n%s", fence, notRun)
		}
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	wantDiags := []string{
		`Networking/TCP.md:8:40: warning: cannot resolve [[Missing Note]]: no note named "Missing Note"`,
		"Queries/Not run.md:8: warning: dataview query not run, Crib does not support it: FLATTEN is not supported; shown as its source",
		`Queries/Not run.md:14: warning: dataview query not run, it cannot be read: expected a #tag, a "folder", a [[link]] or outgoing([[link]]), found "WHERE"; shown as its source`,
		"Queries/Not run.md:20: warning: dataview query not run, Crib does not support it: date(today) is not supported: the page would change with the day it is built; shown as its source",
		"Queries/Not run.md:25: warning: dataviewjs is never run; the block is shown as its source",
	}
	slices.Sort(got)
	slices.Sort(wantDiags)
	if strings.Join(got, "\n") != strings.Join(wantDiags, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDiags, "\n"))
	}
}

// TestDataviewContainers checks that results take the place of their
// fence in a list item or a quote, set apart from the text around them:
// text after a quote's list is not a lazy line of its last item.
func TestDataviewContainers(t *testing.T) {
	finished, _ := finishAll(t, map[string]string{
		"A.md": "---\nrating: 1\n---\nA.\n",
		"B.md": strings.Join([]string{
			"1. First:",
			"   ```dataview",
			"   LIST WHERE rating",
			"   ```",
			"   After, in the item.",
			"2. ```dataview",
			"   TABLE rating WHERE rating",
			"   ```",
			"> Quoted:",
			"> ```dataview",
			"> LIST",
			"> ```",
			"Text right after.",
		}, "\n") + "\n",
	})
	want := mdLines(
		"1. First:",
		"",
		"   - [A](/notes/a)",
		"",
		"   After, in the item.",
		"2. | File (1) | rating |",
		"   | --- | --- |",
		"   | [A](/notes/a) | 1 |",
		"",
		"> Quoted:",
		">",
		"> - [A](/notes/a)",
		"> - [B](/notes/b)",
		">",
		"Text right after.",
	)
	if got := string(finished["B.md"].Note.Body); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestDataviewEmbedded checks that a query in an embedded note runs as
// that note ("this"), and that the embedding page knows it shows query
// results.
func TestDataviewEmbedded(t *testing.T) {
	finished, _ := finishAll(t, map[string]string{
		"Inner.md": "---\nwant: 2\n---\n```dataview\nLIST WHERE level = this.want\n```\n",
		"Outer.md": "---\nwant: 1\n---\n![[Inner]]\n",
		"One.md":   "---\nlevel: 1\n---\nOne.\n",
		"Two.md":   "---\nlevel: 2\n---\nTwo.\n",
	})
	outer := finished["Outer.md"]
	if !strings.Contains(string(outer.Note.Body), "> - [Two](/notes/two)") || strings.Contains(string(outer.Note.Body), "[One]") {
		t.Errorf("Outer:\n%s", outer.Note.Body)
	}
	if !outer.Queries {
		t.Errorf("Outer embeds query results but Queries is not set")
	}
}

// TestDataviewBudget checks that a page of many queries stops running
// them once their results fill the page's budget of embedded text, or
// their steps are spent: that one and every later one are shown as their
// source, with one warning.
func TestDataviewBudget(t *testing.T) {
	files := map[string]string{}
	for i := range 200 {
		files[fmt.Sprintf("n%d/%03d.md", i%5, i)] = "---\nrating: 3\n---\nText.\n"
	}
	const n = 300
	for _, tt := range []struct {
		query, why string
		steps      int
	}{
		{"TABLE rating, file.name, file.folder WHERE rating > 1 SORT file.name DESC", "embedded text", 20_000_000},
		{"LIST WHERE rating > 5", "take too long", 100_000},
	} {
		files["Many.md"] = strings.Repeat("```dataview\n"+tt.query+"\n```\n\n", n)
		defer func(b int) { queryBudget = b }(queryBudget)
		queryBudget = tt.steps
		finished, diags := finishAll(t, files)
		var warned []string
		for _, d := range diags {
			if d.Path == "Many.md" {
				warned = append(warned, d.Message)
			}
		}
		if len(warned) != 1 || !strings.Contains(warned[0], tt.why) {
			t.Errorf("%s: warnings %q, want one about %s", tt.query, warned, tt.why)
		}
		body := string(finished["Many.md"].Note.Body)
		ran := strings.Count(body, "| File (200) |") + strings.Count(body, "No results")
		if shown := strings.Count(body, "```dataview\n"); ran == 0 || shown == 0 || ran+shown != n {
			t.Errorf("%s: %d queries ran and %d were shown as their source, of %d", tt.query, ran, shown, n)
		}
	}
}

// TestScanLinksAndTasks checks what Scan reads for queries: the links
// and tasks outside code.
func TestScanLinksAndTasks(t *testing.T) {
	d := Scan("N.md", []byte(strings.Join([]string{
		"---", "title: N", "---",
		"See [[A]], [[B#Part|b]] and ![[C]]; `[[not in code]]`.",
		"",
		"![[D]]",
		"",
		"- [ ] a task with [[E]]",
		"```",
		"- [ ] not a task, [[not a link]]",
		"```",
		"> - [x] quoted",
	}, "\n")), time.Time{})
	if got := strings.Join(d.Links, ","); got != "A,B#Part,C,D,E" {
		t.Errorf("links %q", got)
	}
	var tasks []string
	for _, task := range d.Tasks {
		tasks = append(tasks, task.Status+":"+task.Text+":"+string(rune('0'+task.Line)))
	}
	if got := strings.Join(tasks, ","); got != " :a task with [[E]]:8,x:quoted:<" {
		t.Errorf("tasks %q", got)
	}
}
