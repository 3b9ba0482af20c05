package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/internal/fixtures"
)

// bilingualVault holds notes written as question and answer sections: a
// generic heading ("# Question (EN)", "# Вопрос (RU)", "## Problem") with
// the question quoted or written under it, and the answer in the section
// of the matching answer heading, before or after the question.
var bilingualVault = filepath.Join("..", "..", "testdata", "vault-bilingual")

// vaultBody reads a note of the bilingual vault without its front matter.
func vaultBody(t *testing.T, rel string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(bilingualVault, rel))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		_, body, found := strings.Cut(rest, "\n---\n")
		if !found {
			t.Fatalf("%s: front matter not closed", rel)
		}
		s = body
	}
	return []byte(s)
}

// pairCard is what a test checks of a card from a pair of sections: its
// question, the first and last words of its answer, its language.
type pairCard struct {
	text, answerStart, answerEnd, lang string
}

func TestQuestionPairsVault(t *testing.T) {
	want := map[string][]pairCard{
		"Kotlin/flow-basics.md": {
			{"Что такое Flow в Kotlin и чем он отличается от Sequence?", "`Flow` — холодный асинхронный поток", "`Flow` работает внутри корутины.\n", "ru"},
			{"What is Flow in Kotlin, and how is it unlike a Sequence?", "A `Flow` is a cold asynchronous stream", "A `Flow` runs inside a coroutine.\n", "en"},
		},
		"Kotlin/scope-answers-first.md": {
			{"Why does every coroutine need a CoroutineScope?", "Every coroutine belongs to a `CoroutineScope`", "    launch { work() }\n}\n```\n", "en"},
			{"Зачем корутине нужна CoroutineScope?", "Каждая корутина принадлежит `CoroutineScope`", "дочерние корутины.\n", "ru"},
		},
		"Go/channel-close.md": {
			{"Who should close a channel, and when?", "The sender closes it, once,", "a send on a closed channel panics.\n", "en"},
		},
		"Go/select-default.md": {
			{"What does a default case do in a select?", "It runs when no other case is ready", "so the `select` never blocks.\n", "en"},
		},
		"Go/defer-order.md": {
			{"В каком порядке выполняются отложенные вызовы defer?", "В обратном порядке: последний `defer`", "как стек.\n", "ru"},
		},
		"Algorithms/two-sum.md": {
			{"Given an array of integers and a target, return the indices of the two numbers that add up to the target.", "Keep a map from each value seen", "One pass, O(n) time.\n", ""},
		},
		"Algorithms/stable-sort.md": {
			{"What makes a sort stable?", "Equal elements keep their original order.", "quicksort is not.\n", ""},
		},
		"70-Kotlin/q-stateflow-vs-sharedflow--kotlin--medium.md": {
			{"Чем StateFlow отличается от SharedFlow?", "`StateFlow` всегда хранит одно", "может не хранить ни одного.\n", "ru"},
			{"How is a StateFlow unlike a SharedFlow?", "A `StateFlow` always holds one current value", "maybe none.\n", "en"},
		},
		"70-Kotlin/q-what-is-a-dispatcher--kotlin--easy.md": {
			{"What does a coroutine Dispatcher decide?", "Which thread or threads", "`Dispatchers.Default`.\n", "en"},
			{"Что решает Dispatcher корутины?", "На каком потоке или потоках", "`Dispatchers.Default`.\n", "ru"},
		},
		"70-Kotlin/q-launch-vs-async--kotlin--medium.md": {
			{"В чём разница между launch и async?", "`launch` возвращает `Job`", "ждут через `await()`.\n", "ru"},
			{"What is the difference between launch and async? Give an example.", "`launch` returns a `Job` and no result", "whose result `await()` waits for.\n", "en"},
		},
		// Notes that open with a heading shared by several notes, which
		// is no question label: no cards.
		"Networking/dns.md":                                      nil,
		"Networking/tcp-handshake.md":                            nil,
		"Networking/Что такое NAT.md":                            nil,
		"Networking/HTTP#2 streams.md":                           nil,
		"Networking/Load balancing.md":                           nil,
		"Networking/load-balancing.md":                           nil,
		"Networking/A reverse proxy in front of many servers.md": nil,
		"Networking/Links.md":                                    nil,
		"Algorithms/binary-search.md": {
			{"Найдите индекс элемента в отсортированном массиве за O(log n).", "Бинарный поиск: сравниваем с серединой", "отбрасываем половину массива.\n", "ru"},
			{"Find the index of an item in a sorted array in O(log n).", "Binary search: compare with the middle item", "half of the array each\nstep.\n", "en"},
		},
	}
	var notes []string
	err := filepath.WalkDir(bilingualVault, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(bilingualVault, p)
			notes = append(notes, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != len(want) {
		t.Errorf("the vault has %d notes, the test expects %d", len(notes), len(want))
	}
	for _, rel := range notes {
		t.Run(rel, func(t *testing.T) {
			src := vaultBody(t, rel)
			got := Questions(markdown.NewParser().Parse(src), src)
			if located := checkBlocks(t, src, got); located != len(got) {
				t.Errorf("%d of %d answers located on the page", located, len(got))
			}
			w := want[rel]
			if len(got) != len(w) {
				for _, q := range got {
					t.Logf("got %q (%s): %.40q", q.Text, q.Lang, q.AnswerMarkdown)
				}
				t.Fatalf("got %d questions, want %d", len(got), len(w))
			}
			for i, q := range got {
				if q.Text != w[i].text {
					t.Errorf("[%d] Text = %q, want %q", i, q.Text, w[i].text)
				}
				if !strings.HasPrefix(q.AnswerMarkdown, w[i].answerStart) || !strings.HasSuffix(q.AnswerMarkdown, w[i].answerEnd) {
					t.Errorf("[%d] answer = %q, want it to start %q and end %q", i, q.AnswerMarkdown, w[i].answerStart, w[i].answerEnd)
				}
				if q.Lang != w[i].lang {
					t.Errorf("[%d] Lang = %q, want %q", i, q.Lang, w[i].lang)
				}
				if q.Kind != KindQuestion || q.Parent != -1 || q.EmptyAnswer || q.Placeholder {
					t.Errorf("[%d] kind %s parent %d empty %v placeholder %v", i, q.Kind, q.Parent, q.EmptyAnswer, q.Placeholder)
				}
			}
		})
	}
}

// BenchmarkQuestions measures question extraction on the test vault's
// interview note and on the notes of the bilingual vault, parsed once.
func BenchmarkQuestions(b *testing.B) {
	type parsed struct {
		doc ast.Node
		src []byte
	}
	parse := func(srcs ...[]byte) []parsed {
		var out []parsed
		for _, src := range srcs {
			out = append(out, parsed{markdown.NewParser().Parse(src), src})
		}
		return out
	}
	var vault [][]byte
	files, _ := filepath.Glob(filepath.Join(bilingualVault, "*", "*.md"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		vault = append(vault, src)
	}
	for name, notes := range map[string][]parsed{
		"seed":      parse(fixture(b, fixtures.Networking)),
		"bilingual": parse(vault...),
	} {
		b.Run(name, func(b *testing.B) {
			var size int
			for _, n := range notes {
				size += len(n.src)
			}
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, n := range notes {
					Questions(n.doc, n.src)
				}
			}
		})
	}
}

// FuzzQuestions checks what holds for any note: every question has text,
// a parent that is another question, a language that is a tag, and an
// answer that, where it is located on the page, reads as its Markdown.
func FuzzQuestions(f *testing.F) {
	for _, s := range []string{
		"# Вопрос (RU)\n> Что такое `Flow`?\n# Question (EN)\n> What is `Flow`?\n## Ответ (RU)\nПоток.\n## Answer (EN)\nA stream.\n",
		"## Answer [en]\n\nFirst.\n\n### Follow-up: why?\n\nBecause.\n\n# Q (en)\n\n> [!question] Asked after?\n",
		"## Problem\n\nAdd.\n\n**Why?**\n\n## Solution\n\n+\n\n## Task (xx)\n\n- list\n",
		"### Interview Q: What?\n\nText.\n\n#### Answer\n\nMore.\n\n## Question:\n\nQ1. inline?\nA: yes\n",
		"**Q: Why group containers\nin one pod?**  \n**A:** They share a *network\nnamespace*, [a `link`\nhere](x).\n\n- and more\n",
		"Q: What is `a\npod`?\\\nA: <b>raw\nHTML</b> and $x\ny$.\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		qs := parseQuestions(src)
		for i, q := range qs {
			if strings.TrimSpace(q.Text) == "" {
				t.Errorf("[%d] empty question", i)
			}
			if q.Parent < -1 || q.Parent >= len(qs) || q.Parent == i {
				t.Errorf("[%d] %q: parent %d of %d questions", i, q.Text, q.Parent, len(qs))
			}
			if l, ok := label(questionLabelRe, "Question ("+q.Lang+")"); q.Lang != "" && (!ok || l != q.Lang) {
				t.Errorf("[%d] %q: language %q is not a tag", i, q.Text, q.Lang)
			}
		}
		checkBlocks(t, []byte(src), qs)
	})
}
