package sections

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/hugotest"
)

func TestSectionDates(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	notes := []*note.Note{
		{Path: "/notes/docker/basics", Date: day("2025-01-02"), Lastmod: day("2025-03-01")},
		{Path: "/notes/docker/advanced/networks", Date: day("2025-02-01")}, // no lastmod: its date counts
		{Path: "/notes/go/channels"}, // no dates at all
		nil,                          // skipped note
		{Path: "/notes/top", Date: day("2024-05-05"), Lastmod: day("2024-06-06")},
	}
	got := sectionDates(notes)
	for _, tc := range []struct {
		section       string
		date, lastmod string
	}{
		{"/notes", "2025-02-01", "2025-03-01"},
		{"/notes/docker", "2025-02-01", "2025-03-01"},
		{"/notes/docker/advanced", "2025-02-01", "2025-02-01"},
		{"/notes/go", "", ""},
	} {
		d := got[tc.section]
		if s := fmtDay(d.date); s != tc.date {
			t.Errorf("%s: date %q, want %q", tc.section, s, tc.date)
		}
		if s := fmtDay(d.lastmod); s != tc.lastmod {
			t.Errorf("%s: lastmod %q, want %q", tc.section, s, tc.lastmod)
		}
	}
	if _, ok := got["/"]; ok {
		t.Error("the site root is not a notes section")
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestSectionAndTagTotals(t *testing.T) {
	questions := map[string]int{"/notes/docker/basics": 3, "/notes/docker/advanced/networks": 2, "/notes/go/channels": 5, "/notes/top": 1}
	counts := []Count{{Name: "questions", Of: func(n *note.Note) int { return questions[n.Path] }}}
	notes := []*note.Note{
		{Path: "/notes/docker/basics", Tags: []string{"Docker", "interview/devops", "interview/containers"}},
		{Path: "/notes/docker/advanced/networks", Tags: []string{"docker/networking", "Interview"}},
		{Path: "/notes/go/channels", Tags: []string{"golang", "interview/go"}},
		nil,
		{Path: "/notes/top", Tags: []string{"CI/CD", "C++"}},
	}
	vals := countsOf(notes, counts)
	sections, own := sectionTotals(notes, counts, vals)
	for _, tc := range []struct {
		section          string
		notes, questions int
	}{
		{"/notes", 4, 11},
		{"/notes/docker", 2, 5},
		{"/notes/docker/advanced", 1, 2},
		{"/notes/go", 1, 5},
	} {
		if got := sections[tc.section]; got["notes"] != tc.notes || got["questions"] != tc.questions {
			t.Errorf("%s: %v, want %d notes, %d questions", tc.section, got, tc.notes, tc.questions)
		}
	}
	if own["notes"] != 1 || own["questions"] != 1 {
		t.Errorf("own totals of the notes section: %v", own)
	}

	var got []string
	for _, row := range tagTotals(notes, counts, vals) {
		got = append(got, fmt.Sprintf("%v %v %v %v", row["key"], row["name"], row["notes"], row["questions"]))
	}
	want := []string{
		// A note counts once under "interview" for two nested tags; the
		// tag's own spelling names the group.
		"interview Interview 3 10",
		"docker Docker 2 5",
		"c++ C++ 1 1",
		// Only nested tags: named by the first one's first segment.
		"ci CI 1 1",
		"golang golang 1 5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("tag totals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTermKey checks TermKey against the keys of Hugo's own taxonomy.
func TestTermKey(t *testing.T) {
	tagList := []string{"Docker", "CI/CD", "C++", "C#", "Node.js", "machine learning", "Kubernetes", "a_b", "Éclair", "interview/Sys Design", "ML & AI", "k8s:ops", "50%"}
	fm := "---\ntitle: A\ntags:\n"
	for _, tag := range tagList {
		fm += fmt.Sprintf("  - %q\n", tag)
	}
	site := hugotest.Build(t, map[string]string{
		"hugo.toml":             "baseURL = \"/\"\ncapitalizeListTitles = false\n",
		"content/a.md":          fm + "---\nA\n",
		"layouts/home.html":     "{{ range $k, $_ := site.Taxonomies.tags }}{{ $k }}\n{{ end }}",
		"layouts/page.html":     "p",
		"layouts/list.html":     "l",
		"layouts/taxonomy.html": "t",
		"layouts/term.html":     "t",
	})
	out := hugotest.Read(t, site, "index.html")
	hugoKeys := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var keys []string
	for _, tag := range tagList {
		keys = append(keys, TermKey(tag))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if !slices.Equal(keys, hugoKeys) {
		t.Errorf("TermKey: %q\nHugo:    %q", keys, hugoKeys)
	}
}
