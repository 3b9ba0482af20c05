package normalize

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/tags"
)

func TestReadsAsQuestion(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"What is a pod?", true},
		{"Who should close a channel, and when?", true},
		{"Pods share a network namespace?", true},
		{`"Is it safe?"`, true},
		{"How does DNS resolve a name. With a resolver.", true},
		{"Why bother", true},
		{"Can a goroutine leak", true},
		{"Что такое Flow в Kotlin?", true},
		{"Почему небо голубое", true},
		{"Какие бывают диспетчеры", true},
		{"Можно ли отменить корутину", true},
		{"Explain the garbage collector.", false},
		{"This note is about DNS.", false},
		{"How-to: install Go.", false},
		{"Whatever works.", false},
		{"Kotlin — язык программирования.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := readsAsQuestion(tt.text); got != tt.want {
			t.Errorf("readsAsQuestion(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestShortTitle(t *testing.T) {
	long := "Given an array of integers and a target, return the indices of the two numbers that add up to the target value"
	tests := []struct{ text, want string }{
		{"What is Flow?", "What is Flow?"},
		{"What is Flow? How is it unlike a Sequence?", "What is Flow?"},
		{"Why! Really.", "Why!"},
		{"What does e.g. mean here?", "What does e.g. mean here?"},
		{"Is Node.js single-threaded? Explain.", "Is Node.js single-threaded?"},
		{"Find it in O(log n). Then sort it.", "Find it in O(log n)."},
		{"What does `a? b` do?", "What does `a? b` do?"},
		{long, "Given an array of integers and a target, return the indices of the two numbers that add up to the…"},
		{"What does " + strings.Repeat("x", 80) + " `a very long code span` do?", "What does " + strings.Repeat("x", 80) + "…"},
		{strings.Repeat("й", 150), strings.Repeat("й", 99) + "…"},
	}
	for _, tt := range tests {
		got := shortTitle(tt.text)
		if got != tt.want {
			t.Errorf("shortTitle(%q) =\n%q, want\n%q", tt.text, got, tt.want)
		}
		if n := len([]rune(got)); n > maxTitle {
			t.Errorf("shortTitle(%q) has %d characters", tt.text, n)
		}
	}
}

// titleVault is a vault of notes whose H1s are labels: bilingual question
// notes, notes that open with a shared "# Overview", and two notes of one
// folder that ask the same question.
var titleVault = map[string]string{
	"70-Kotlin/q-what-is-flow--kotlin--medium.md":    "# Вопрос (RU)\n> Что такое `Flow` в Kotlin?\n# Question (EN)\n> What is `Flow` in Kotlin?\n## Ответ (RU)\nПоток.\n## Answer (EN)\nA stream.\n",
	"70-Kotlin/q-what-is-a-scope--kotlin--easy.md":   "# Question (EN)\n> Why does every coroutine need a `CoroutineScope`?\n# Вопрос (RU)\n> Зачем корутине `CoroutineScope`?\n## Answer (EN)\nTo cancel.\n",
	"70-Kotlin/q-launch-vs-async--kotlin--medium.md": "# Question (EN)\n> What is the difference between `launch` and `async`?\n## Answer (EN)\nA result.\n",
	"70-Kotlin/q-dispatchers--kotlin--hard.md":       "# Вопрос (RU)\n> Какие бывают диспетчеры?\n## Ответ (RU)\nРазные.\n",
	"Net/dns.md":   "# Overview\n\nHow does DNS resolve a name? It asks a resolver.\n\n## Details\n\nRecursion.\n",
	"Net/tcp.md":   "# overview\nTCP is a stream protocol.\n\n## Overview\n\nMore on [[tcp#Overview|it]].\n",
	"Net/udp.md":   "\n#  Overview \n> Почему UDP быстрее TCP?\n",
	"Net/arp.md":   "---\ntitle: Overview\n---\n# Overview\nARP maps addresses.\n",
	"Net/embed.md": "# Embeds\n\n![[tcp]]\n",
	"Intro.md":     "# Introduction\n\nWhat is this?\n",
	"Dup/a.md":     "# Question\n> What is a pod?\n",
	"Dup/b.md":     "# Question\n> What is a  Pod?\n",
}

// TestVaultTitles: a label H1 (one of the question labels, or an H1 that
// opens three notes or more) titles no note; the question under it does,
// in the preferred language, else the file name. The label stays in the
// body, with the heading ids the index has.
func TestVaultTitles(t *testing.T) {
	for _, tt := range []struct {
		language string
		want     map[string]string
	}{
		// As many notes ask in English as in Russian: the first tag wins.
		{"", map[string]string{
			"70-Kotlin/q-what-is-flow--kotlin--medium.md":    "What is `Flow` in Kotlin?",
			"70-Kotlin/q-what-is-a-scope--kotlin--easy.md":   "Why does every coroutine need a `CoroutineScope`?",
			"70-Kotlin/q-launch-vs-async--kotlin--medium.md": "What is the difference between `launch` and `async`?",
			"70-Kotlin/q-dispatchers--kotlin--hard.md":       "Какие бывают диспетчеры?",
			"Net/dns.md":   "How does DNS resolve a name?",
			"Net/tcp.md":   "tcp",
			"Net/udp.md":   "Почему UDP быстрее TCP?",
			"Net/arp.md":   "Overview",
			"Net/embed.md": "Embeds",
			"Intro.md":     "Introduction",
			"Dup/a.md":     "What is a pod?",
			"Dup/b.md":     "What is a Pod?",
		}},
		{"ru", map[string]string{
			"70-Kotlin/q-what-is-flow--kotlin--medium.md":    "Что такое `Flow` в Kotlin?",
			"70-Kotlin/q-what-is-a-scope--kotlin--easy.md":   "Зачем корутине `CoroutineScope`?",
			"70-Kotlin/q-launch-vs-async--kotlin--medium.md": "What is the difference between `launch` and `async`?",
			"70-Kotlin/q-dispatchers--kotlin--hard.md":       "Какие бывают диспетчеры?",
		}},
	} {
		notes, _, diags := vaultIn(t, tt.language, titleVault)
		for src, want := range tt.want {
			if got := notes[src].Title; got != want {
				t.Errorf("language %q: %s: title %q, want %q", tt.language, src, got, want)
			}
		}
		var titles []string
		for _, d := range diags {
			if strings.Contains(d.Message, "title") {
				titles = append(titles, d.String())
			}
		}
		if want := `Dup/b.md:2: warning: "What is a Pod?" is also the title of Dup/a.md in this folder; give one of them a title in front matter`; len(titles) != 1 || titles[0] != want {
			t.Errorf("language %q: title warnings %q, want %q", tt.language, titles, want)
		}
	}

	notes, _, _ := vaultOf(t, titleVault)
	bodies := map[string]string{
		"70-Kotlin/q-what-is-flow--kotlin--medium.md": "# Вопрос (RU)\n",
		"Net/dns.md": "# Overview\n\nHow does DNS",
		"Net/tcp.md": "# overview\nTCP is",
		"Net/udp.md": "\n#  Overview \n> Почему",
		"Net/arp.md": "\nARP maps",
		"Intro.md":   "\n\nWhat is this?",
	}
	for src, want := range bodies {
		if got := string(notes[src].Body); !strings.HasPrefix(got, want) {
			t.Errorf("%s: body %q, want it to start with %q", src, got, want)
		}
	}
	// The label is the first "Overview" heading again; the second has
	// the id after it (see TestSettledHeadingIDs).
	if got, want := notes["Net/tcp.md"].Body, "[it](/notes/net/tcp#overview)"; !strings.Contains(string(got), want) {
		t.Errorf("tcp links to its label as %q, want %q", got, want)
	}
	if got, want := notes["Net/embed.md"].Body, "> **overview**\n>\n> TCP is"; !strings.Contains(string(got), want) {
		t.Errorf("embed of tcp:\n%s\nwant it to hold %q", got, want)
	}
	if got := notes["70-Kotlin/q-what-is-flow--kotlin--medium.md"].Path; got != "/notes/70-kotlin/q-what-is-flow--kotlin--medium" {
		t.Errorf("flow note at %s", got)
	}
}

// TestSettledHeadingIDs: whatever the vault decides about a note's H1,
// the heading ids the index resolves links with are the ids of the page
// Finish writes, and a note read again after its release is finished and
// embedded as before.
func TestSettledHeadingIDs(t *testing.T) {
	finish := func(release bool) map[string]*note.Note {
		var scanned []*Draft
		names := sortedKeys(titleVault)
		for _, name := range names {
			scanned = append(scanned, Scan(name, []byte(titleVault[name]), time.Time{}))
		}
		sp, _ := tags.NewSpellings(nil, nil)
		v, published, _ := NewVault(scanned, nil, sp)
		if release {
			v.ReleaseWith(func(source string) (*Draft, error) {
				return Scan(source, []byte(titleVault[source]), time.Time{}), nil
			})
			for _, d := range published {
				v.Release(d.Source)
				d.Body = nil
			}
		}
		notes := map[string]*note.Note{}
		for _, d := range published {
			if release {
				again, err := v.draft(d.Source)
				if err != nil {
					t.Fatal(err)
				}
				d = again
			}
			n := Finish(d, v).Note
			notes[d.Source] = n
			var ids []string
			_ = ast.Walk(n.Doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if h, ok := c.(*ast.Heading); ok && entering {
					ids = append(ids, markdown.HeadingID(h))
				}
				return ast.WalkContinue, nil
			})
			var want []string
			for _, h := range v.Index.Entry(d.Source).Headings {
				want = append(want, h.ID)
			}
			if !slices.Equal(ids, want) {
				t.Errorf("%s (released %v): page heading ids %q, index %q", d.Source, release, ids, want)
			}
		}
		return notes
	}
	kept, released := finish(false), finish(true)
	for src, n := range kept {
		if r := released[src]; string(r.Body) != string(n.Body) || r.Title != n.Title {
			t.Errorf("%s released: %q %q, want %q %q", src, r.Title, r.Body, n.Title, n.Body)
		}
	}
}

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
