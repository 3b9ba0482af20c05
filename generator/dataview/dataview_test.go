package dataview

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// testPages is a small vault of notes as queries see them.
func testPages() []*Page {
	day := func(s string) time.Time {
		t, _, _ := parseDate(s)
		return t
	}
	return []*Page{
		{Path: "Docker/Docker Basics.md", Dest: "/notes/docker/docker-basics",
			Fields: map[string]any{"difficulty": "easy", "rating": 3, "Time Spent": 2, "related": "[[Compose]]", "where": "here",
				"meta": map[string]any{"level": "intro"}, "reviewed": "2024-03-01"},
			Aliases: []string{"basics"},
			Tags:    []string{"Docker", "devops"}, Ctime: day("2024-01-10"), Mtime: day("2024-03-05T10:30"), Size: 120,
			Links: []string{"Compose", "Networking#Ports", "Compose"},
			Tasks: []Task{{Line: 12, Status: " ", Text: "Learn volumes #learn", Tags: []string{"learn"}}, {Line: 13, Status: "x", Text: "Install Docker"}}},
		{Path: "Docker/Compose.md", Dest: "/notes/docker/compose",
			Fields: map[string]any{"difficulty": "medium", "rating": 4},
			Tags:   []string{"docker/compose"}, Ctime: day("2024-02-01"), Mtime: day("2024-02-20"),
			Links: []string{"Docker Basics", "Nowhere"},
			Tasks: []Task{{Line: 8, Status: " ", Text: "Write a compose file"}, {Line: 9, Status: "/", Text: "Read about profiles"}}},
		{Path: "Docker/Swarm.md", Dest: "/notes/docker/swarm",
			Fields: map[string]any{"difficulty": "hard"},
			Tags:   []string{"docker"}, Ctime: day("2023-11-05"), Mtime: day("2024-01-15"),
			Tasks: []Task{{Line: 5, Status: "x", Text: "Init a swarm"}}},
		{Path: "Networking/Networking.md", Dest: "/notes/networking/networking",
			Fields: map[string]any{"difficulty": "Hard", "rating": 5},
			Tags:   []string{"networking"}, Ctime: day("2023-09-01"), Mtime: day("2024-02-28")},
		{Path: "Networking/TCP.md", Dest: "/notes/networking/tcp",
			Fields: map[string]any{"difficulty": "medium", "rating": 2},
			Tags:   []string{"networking/tcp"}, Ctime: day("2023-10-12"), Mtime: day("2023-12-01"),
			Links: []string{"Networking", "Nowhere"}},
		{Path: "apple.md", Dest: "/notes/apple", Fields: map[string]any{"rating": 3}, Links: []string{"Docker Basics"}},
		{Path: "Banana.md", Dest: "/notes/banana", Fields: map[string]any{"wanted": "medium", "rating": "three"}},
		{Path: "Journal/2024-05-06 Monday.md", Dest: "/notes/journal/2024-05-06-monday"},
	}
}

// testTable is testPages with links resolved by file name or path, and
// tags compared case-insensitively, as the vault does.
func testTable() *Table {
	pages := testPages()
	return NewTable(pages, Options{
		TagKey: strings.ToLower,
		Resolve: func(from, target, fragment string) (string, string) {
			for _, p := range pages {
				name := p.Path[strings.LastIndexByte(p.Path, '/')+1 : len(p.Path)-len(".md")]
				if strings.EqualFold(strings.TrimSuffix(p.Path, ".md"), target) || strings.EqualFold(name, target) {
					if fragment != "" {
						return p.Path, p.Dest + "#" + strings.ToLower(fragment)
					}
					return p.Path, p.Dest
				}
			}
			return "", ""
		},
	})
}

func run(t *testing.T, tb *Table, origin, src string) (string, error) {
	t.Helper()
	q, err := Parse(src)
	if err != nil {
		return "", err
	}
	r, err := q.Eval(tb, origin, NewBudget(1_000_000))
	if err != nil {
		return "", err
	}
	return string(r.Markdown()), nil
}

func lines(l ...string) string { return strings.Join(l, "\n") + "\n" }

const (
	basics  = "[Docker Basics](/notes/docker/docker-basics)"
	compose = "[Compose](/notes/docker/compose)"
	swarm   = "[Swarm](/notes/docker/swarm)"
	netw    = "[Networking](/notes/networking/networking)"
	tcp     = "[TCP](/notes/networking/tcp)"
	apple   = "[apple](/notes/apple)"
	banana  = "[Banana](/notes/banana)"
	journal = "[2024-05-06 Monday](/notes/journal/2024-05-06-monday)"
)

func TestQueries(t *testing.T) {
	tests := []struct {
		name, origin, query, want string
	}{
		// LIST, and what FROM starts with: every note, in the order of
		// their paths' bytes, when none.
		{"list all", "", "LIST", lines("- "+banana, "- "+compose, "- "+basics, "- "+swarm, "- "+journal, "- "+netw, "- "+tcp, "- "+apple)},
		{"keywords in any case", "", `list from "Docker" sort file.name desc`, lines("- "+swarm, "- "+basics, "- "+compose)},
		{"field names as written", "", `LIST FROM "Docker" WHERE File.name = null and Rating = null`, lines("- "+compose, "- "+basics, "- "+swarm)},
		{"tag and the tags under it, in any case", "", "LIST FROM #docker", lines("- "+compose, "- "+basics, "- "+swarm)},
		{"nested tag", "", "LIST FROM #networking/tcp", lines("- " + tcp)},
		{"folder", "", `LIST FROM "Networking"`, lines("- "+netw, "- "+tcp)},
		{"folder with a slash", "", `LIST FROM "Networking/"`, lines("- "+netw, "- "+tcp)},
		{"one file by path", "", `LIST FROM "Networking/TCP"`, lines("- " + tcp)},
		{"no such folder", "", `LIST FROM "Nope"`, NoResults},
		{"notes linking to a note", "", "LIST FROM [[Docker Basics]]", lines("- "+compose, "- "+apple)},
		{"notes linking to a note that is not published", "", "LIST FROM [[Nowhere]]", lines("- "+compose, "- "+tcp)},
		{"notes a note links to", "", "LIST FROM outgoing([[Docker Basics]])", lines("- "+compose, "- "+netw)},
		{"notes linking to this one", "Docker/Compose.md", "LIST FROM [[]]", lines("- " + basics)},
		{"and, or, not, parentheses", "", `LIST FROM (#docker or "Networking") and -#docker/compose and !"Networking/TCP.md"`, lines("- "+basics, "- "+swarm, "- "+netw)},
		{"and/or read left to right", "", `LIST FROM #networking or #docker and -"Docker/Swarm"`, lines("- "+compose, "- "+basics, "- "+netw, "- "+tcp)},

		// Values shown after the link, and instead of it.
		{"list with a value", "", `LIST rating FROM "Docker"`, lines("- "+compose+": 4", "- "+basics+": 3", "- "+swarm+": \\-")},
		{"list without id", "", `LIST WITHOUT ID difficulty + "!" FROM "Networking"`, lines("- Hard!", "- medium!")},
		{"a list value nests", "", `LIST file.outlinks FROM "Networking/TCP"`, lines("- "+tcp+":", "    - "+netw, "    - Nowhere")},
		{"text that would start a block is escaped", "", `LIST WITHOUT ID "# not a heading" FROM "apple"`, lines(`- \# not a heading`)},

		// TABLE.
		{"table with names", "", `TABLE difficulty AS "Level", rating AS Rating FROM "Docker" SORT rating DESC`, lines(
			"| File (3) | Level | Rating |", "| --- | --- | --- |",
			"| "+compose+" | medium | 4 |", "| "+basics+" | easy | 3 |", "| "+swarm+" | hard | \\- |")},
		{"table without id", "", `TABLE WITHOUT ID file.name, file.etags FROM #docker`, lines(
			"| file.name (3) | file.etags |", "| --- | --- |",
			"| Compose | #docker/compose |", "| Docker Basics | #Docker, #devops |", "| Swarm | #docker |")},
		{"implicit fields", "", `TABLE file.folder, file.path, file.ext, file.size, file.cday, file.mtime, file.tags FROM "Docker/Docker Basics"`, lines(
			"| File (1) | file.folder | file.path | file.ext | file.size | file.cday | file.mtime | file.tags |", "| --- | --- | --- | --- | --- | --- | --- | --- |",
			"| "+basics+" | Docker | Docker/Docker Basics.md | md | 120 | January 10, 2024 | 10:30 AM - March 05, 2024 | #Docker, #devops |")},
		{"file.day from the name", "", `TABLE file.day WHERE file.day`, lines("| File (1) | file.day |", "| --- | --- |", "| "+journal+" | May 06, 2024 |")},
		{"links in front matter, inlinks, aliases", "", `TABLE related, file.inlinks, file.aliases FROM "Docker/Docker Basics"`, lines(
			"| File (1) | related | file.inlinks | file.aliases |", "| --- | --- | --- | --- |",
			"| "+basics+" | "+compose+" | "+compose+", "+apple+" | basics |")},
		{"a header link", "", `TABLE WITHOUT ID file.outlinks FROM "Docker/Docker Basics"`, lines("| file.outlinks (1) |", "| --- |", "| "+compose+", [Networking > Ports](/notes/networking/networking#ports) |")},

		// WHERE.
		{"compare numbers; null is less than any", "", `LIST WHERE rating < 3`, lines("- "+swarm, "- "+journal, "- "+tcp)},
		{"null equals null", "", `LIST WHERE rating = null`, lines("- "+swarm, "- "+journal)},
		{"different types order by type name", "", `LIST WHERE rating > 100`, lines("- " + banana)},
		{"strings compare exactly", "", `LIST WHERE difficulty = "hard"`, lines("- " + swarm)},
		{"not equal", "", `LIST FROM "Networking" WHERE difficulty != "medium"`, lines("- " + netw)},
		{"contains in a list looks into its strings, case and all", "", `LIST WHERE contains(file.tags, "#dock")`, lines("- "+compose, "- "+swarm)},
		{"contains in a string", "", `LIST WHERE contains(file.name, "o")`, lines("- "+compose, "- "+basics, "- "+journal, "- "+netw)},
		{"icontains", "", `LIST WHERE icontains(difficulty, "HARD")`, lines("- "+swarm, "- "+netw)},
		{"econtains wants an equal item", "", `LIST WHERE econtains(file.tags, "#docker")`, lines("- "+compose, "- "+swarm)},
		{"contains in a map looks at its keys", "", `LIST WHERE contains(meta, "level")`, lines("- " + basics)},
		{"and, or and not", "", `LIST WHERE rating >= 3 and !contains(file.path, "apple") or difficulty = "hard"`, lines("- "+banana, "- "+compose, "- "+basics, "- "+swarm, "- "+netw)},
		{"a field by its simple name", "", `LIST WHERE time-spent = 2`, lines("- " + basics)},
		{"a field of a map", "", `LIST meta.level WHERE meta`, lines("- " + basics + ": intro")},
		{"a keyword's field through row", "", `LIST WHERE row["where"] = "here"`, lines("- " + basics)},
		{"dates from front matter and literals", "", `LIST WHERE reviewed >= date(2024-02-29) and reviewed < date("2024-03-02")`, lines("- " + basics)},
		{"parts of dates", "", `LIST WHERE file.ctime.year = 2023 SORT file.ctime.month DESC`, lines("- "+swarm, "- "+tcp, "- "+netw)},
		{"this", "Banana.md", `LIST WHERE difficulty = this.wanted`, lines("- "+compose, "- "+tcp)},
		{"fields through a link", "", `LIST WHERE related.rating = 4`, lines("- " + basics)},
		{"a link literal is resolved", "", `LIST WHERE contains(file.outlinks, [[Compose]])`, lines("- " + basics)},
		{"arithmetic", "", `LIST WITHOUT ID rating * 2 + 1 FROM "Docker/Compose"`, lines("- 9")},
		{"length, lower, default, choice", "", `LIST WITHOUT ID length(file.tags) + " " + lower(difficulty) + " " + default(rating, 0) + " " + choice(rating > 3, "high", "low") FROM #networking`, lines("- 1 hard 5 high", "- 2 medium 2 low")},

		// SORT and LIMIT.
		{"nulls first, then several keys", "", `LIST FROM "Docker" OR "Networking" SORT rating, file.name DESC`, lines("- "+swarm, "- "+tcp, "- "+basics, "- "+compose, "- "+netw)},
		{"strings as the locale orders them", "", `LIST FROM "apple" OR "Banana" OR "Docker/Compose" SORT file.name`, lines("- "+apple, "- "+banana, "- "+compose)},
		{"limit", "", `LIST FROM #docker SORT file.name DESC LIMIT 2`, lines("- "+swarm, "- "+basics)},
		{"commands run in order", "", `LIST FROM #docker LIMIT 2 SORT file.name DESC`, lines("- "+basics, "- "+compose)},

		// GROUP BY.
		{"group keys, sorted", "", `LIST FROM "Docker" OR "Networking" GROUP BY difficulty`, lines("- easy", "- hard", "- Hard", "- medium")},
		{"grouped rows", "", `LIST rows.file.link FROM "Docker" GROUP BY difficulty`, lines("- easy:", "    - "+basics, "- hard:", "    - "+swarm, "- medium:", "    - "+compose)},
		{"grouped table", "", `TABLE length(rows) AS "Notes", rows.rating FROM "Docker" OR "Networking" GROUP BY lower(difficulty) AS level`, lines(
			"| level (3) | Notes | rows.rating |", "| --- | --- | --- |",
			"| easy | 1 | 3 |", "| hard | 2 | \\-, 5 |", "| medium | 2 | 4, 2 |")},
		{"sort groups by their key", "", `LIST FROM "Docker" GROUP BY difficulty SORT key DESC`, lines("- medium", "- hard", "- easy")},

		// TASK.
		{"tasks", "", `TASK FROM "Docker" WHERE !completed`, lines("- [ ] Write a compose file", "- [/] Read about profiles", "- [ ] Learn volumes #learn")},
		{"tasks by their own and their note's fields", "", `TASK WHERE checked and file.name != "Swarm"`, lines("- [/] Read about profiles", "- [x] Install Docker")},
		{"task tags", "", `TASK WHERE contains(tags, "#learn")`, lines("- [ ] Learn volumes #learn")},
		{"grouped tasks", "", `TASK WHERE completed GROUP BY file.link`, lines("**"+basics+"** (1)", "", "- [x] Install Docker", "", "**"+swarm+"** (1)", "", "- [x] Init a swarm")},
		{"no tasks", "", `TASK FROM "Networking"`, NoResults},
	}
	tb := testTable()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := run(t, tb, tt.origin, tt.query)
			if err != nil {
				t.Fatalf("%s: %v", tt.query, err)
			}
			if got != tt.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.query, got, tt.want)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	tests := []struct {
		query       string
		unsupported bool
		msg         string
	}{
		{"CALENDAR file.ctime", true, "CALENDAR"},
		{"TABLE tags FLATTEN tags", true, "FLATTEN"},
		{"LIST WHERE date(today) > file.ctime", true, "date(today)"},
		{"LIST WHERE file.mtime > date(now)", true, "date(now)"},
		{"LIST WHERE file.ctime > date(2024-01-01) - dur(1 day)", true, "durations"},
		{"LIST WHERE filter(file.tags, (t) => t)", true, "filter()"},
		{"LIST WHERE regexmatch(\"a.*\", file.name)", true, "regexmatch()"},
		{"LIST WHERE {a: 1}", true, "object"},
		{`LIST FROM csv("data.csv")`, true, "csv()"},
		{"LIST WHERE (x) => x", true, "lambdas"},
		{"SELECT * FROM notes", false, "starts with LIST, TABLE or TASK"},
		{"LIST FROM WHERE x", false, "expected a #tag"},
		{"LIST WHERE", false, "expected a value"},
		{"LIST WHERE a = ", false, "expected a value"},
		{"LIST WHERE \"open", false, "not closed"},
		{"LIST FROM [[open", false, "not closed"},
		{"LIST WHERE a SORT", false, "expected a value"},
		{"LIST GROUP x", false, "GROUP BY"},
		{"LIST WHERE x FROM #a", false, "FROM may come only once"},
		{"LIST WHERE contains(a)", false, "contains() takes 2 argument(s)"},
		{"LIST WHERE (a", false, `expected ")"`},
		{"LIST x y", false, "expected WHERE, SORT"},
		{"LIST WHERE " + strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), false, "nests more than"},
		{"LIST WHERE " + strings.Repeat("!", 3*MaxDepth) + "a", false, "nests more than"},
		{"LIST FROM " + strings.Repeat("-", 3*MaxDepth) + "#a", false, "nests more than"},
		{"LIST WHERE a = \"" + strings.Repeat("x", MaxQuery) + "\"", false, "longer than"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.query)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%.60s: err %v, want an *Error", tt.query, err)
			continue
		}
		if e.Unsupported != tt.unsupported || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%.60s: %q (unsupported %v), want %q (unsupported %v)", tt.query, e.Msg, e.Unsupported, tt.msg, tt.unsupported)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	tb := testTable()
	for _, tt := range []struct{ query, msg string }{
		{`LIST FROM outgoing([[Nowhere]])`, `no published note named "Nowhere"`},
		{`LIST LIMIT "ten"`, "LIMIT must be a number"},
		{`LIST WHERE file.name - 1`, "every row"},
		{`TABLE file.name * 2`, "every row"},
	} {
		if _, err := run(t, tb, "", tt.query); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: err %v, want %q", tt.query, err, tt.msg)
		}
	}
	// A row a command fails on is left out; the others stay.
	got, err := run(t, tb, "", `LIST WHERE rating - 1 >= 3`)
	if want := lines("- "+compose, "- "+netw); err != nil || got != want {
		t.Errorf("rows that fail: %q, %v; want %q", got, err, want)
	}
}

// TestBudget checks that the queries of a page stop once they have spent
// their budget, whatever they are.
func TestBudget(t *testing.T) {
	tb := testTable()
	q, err := Parse(`LIST WHERE contains(file.tags, "#x") and rating > 1 SORT file.name`)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBudget(200)
	ran := 0
	for ; ran < 100; ran++ {
		if _, err := q.Eval(tb, "", b); err != nil {
			if !errors.Is(err, ErrBudget) {
				t.Fatalf("err %v, want the budget's", err)
			}
			break
		}
	}
	if ran == 0 || ran == 100 {
		t.Errorf("%d queries ran on a budget of 200 steps", ran)
	}
}

// TestParseNeverPanics reads queries cut at every byte and with bytes
// left out: Parse returns a query or an *Error, and a query runs.
func TestParseNeverPanics(t *testing.T) {
	tb := testTable()
	seeds := []string{
		`TABLE WITHOUT ID file.link AS "Note", rows.file.link FROM (#a or "b/c") and -[[d]] and outgoing([[e|f]]) WHERE !contains(file.tags, "#x") and date(2024-01-02T03:04:05.123+02:00) < file.mtime SORT a.b["c"] DESC, x[0] ASC GROUP BY lower(y) AS z LIMIT 3`,
		"TASK\n// a comment\nWHERE !completed GROUP BY file.link",
		`LIST "a\"b\\c" + 1.5 - -2 * 3 / 4 % 5 FROM ![[x]]`,
	}
	for _, s := range seeds {
		for i := range len(s) + 1 {
			for _, src := range []string{s[:i], s[:i] + s[min(i+1, len(s)):]} {
				q, err := Parse(src)
				if err != nil {
					var e *Error
					if !errors.As(err, &e) {
						t.Fatalf("%q: %v", src, err)
					}
					continue
				}
				if r, err := q.Eval(tb, "apple.md", NewBudget(100_000)); err == nil {
					r.Markdown()
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"LIST", "TABLE a, b AS \"c\" FROM #t WHERE a > 1 SORT b DESC", "TASK FROM [[x]] GROUP BY file.link"} {
		f.Add(s)
	}
	tb := testTable()
	f.Fuzz(func(t *testing.T, src string) {
		q, err := Parse(src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%q: %v", src, err)
			}
			return
		}
		if r, err := q.Eval(tb, "apple.md", NewBudget(100_000)); err == nil {
			r.Markdown()
		}
	})
}

func TestParseDate(t *testing.T) {
	for s, want := range map[string]string{
		"2024-01-02":               "2024-01-02T00:00:00Z",
		"2024-01":                  "2024-01-01T00:00:00Z",
		"2024-01-02T03":            "2024-01-02T03:00:00Z",
		"2024-01-02T03:04:05.678Z": "2024-01-02T03:04:05.678Z",
		"2024-01-02T03:04+02:00":   "2024-01-02T03:04:00+02:00",
		"2024-02-30":               "",
		"2024-13-01":               "",
		"24-01-01":                 "",
	} {
		d, n, ok := parseDate(s)
		got := ""
		if ok && n == len(s) {
			got = d.Format(time.RFC3339Nano)
		}
		if got != want {
			t.Errorf("parseDate(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestAppendTasks(t *testing.T) {
	text := []byte(strings.Join([]string{
		"- [ ] open",
		"  * [x] done, nested ^abc",
		"> 1. [/] in a quote",
		"-[ ] no space after the marker",
		"- [] empty brackets",
		"- [ ]no space after the box",
		"text - [ ] not at the start",
		"+ [X] upper #tag and `#code`",
		"- [ ]",
	}, "\n"))
	got := AppendTasks(nil, text, 10)
	want := []Task{
		{Line: 10, Status: " ", Text: "open"},
		{Line: 11, Status: "x", Text: "done, nested"},
		{Line: 12, Status: "/", Text: "in a quote"},
		{Line: 17, Status: "X", Text: "upper #tag and `#code`", Tags: []string{"tag"}},
		{Line: 18, Status: " ", Text: ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Line != want[i].Line || got[i].Status != want[i].Status || got[i].Text != want[i].Text || strings.Join(got[i].Tags, ",") != strings.Join(want[i].Tags, ",") {
			t.Errorf("task %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
