package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
)

func parseQuestions(src string) []Question {
	b := []byte(src)
	return Questions(markdown.NewParser().Parse(b), b)
}

// want is what a test checks of one question; empty fields are not
// checked except Answer, which is compared when wantAnswer is set.
type want struct {
	text, kind, anchor, answer, lang string
	parent                           int
	empty, placeholder               bool
}

func TestQuestionShapes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{
			name: "interview q heading with answer marker",
			src:  "## Basics\n\n### Interview Q: \"What is a container?\"\n\n**Your Answer (Real, Not Textbook):**\n\nA process with namespaces.\n\n### Next section\n\ntext\n",
			want: []want{{text: "What is a container?", kind: "interview", anchor: "interview-q-what-is-a-container", answer: "A process with namespaces.\n", parent: -1}},
		},
		{
			name: "q colon heading, inline marker dropped",
			src:  "### Q: \"Can you run containers without Docker?\"\n\n**Your Answer:** \"Yes. Docker is one runtime.\"\n",
			want: []want{{text: "Can you run containers without Docker?", kind: "q", answer: "\"Yes. Docker is one runtime.\"\n", parent: -1}},
		},
		{
			name: "numbered q headings",
			src:  "## Q1. What is a pod?\n\n**A:** The smallest unit.\n\n## Q 2: What is a node?\n\nA machine.\n",
			want: []want{
				{text: "What is a pod?", kind: "q", anchor: "q1-what-is-a-pod", answer: "The smallest unit.\n", parent: -1},
				{text: "What is a node?", kind: "q", anchor: "q-2-what-is-a-node", answer: "A machine.\n", parent: -1},
			},
		},
		{
			name: "question colon heading",
			src:  "## Question: Why Go?\n\n**Answer:**\n\nFast builds.\n",
			want: []want{{text: "Why Go?", kind: "question", answer: "Fast builds.\n", parent: -1}},
		},
		{
			name: "follow-up headings are linked to their parent",
			src:  "### Interview Q: Why VMs?\n\nIsolation.\n\n### Follow-Up: \"And containers?\"\n\nLighter.\n\n### Follow-up\n\nWhat about cost?\n\nCheaper.\n",
			want: []want{
				{text: "Why VMs?", kind: "interview", answer: "Isolation.\n", parent: -1},
				{text: "And containers?", kind: "follow-up", answer: "Lighter.\n", parent: 0},
				{text: "What about cost?", kind: "follow-up", anchor: "follow-up", answer: "Cheaper.\n", parent: 0},
			},
		},
		{
			name: "scenario and trap",
			src:  "### Scenario 1: \"Container keeps crashing. How do you debug?\"\n\n**Answer:**\n\n```\nkubectl logs pod\n```\n\n### Trap: Is Docker a VM?\n\nNo.\n",
			want: []want{
				{text: "Container keeps crashing. How do you debug?", kind: "scenario", answer: "```\nkubectl logs pod\n```\n", parent: -1},
				{text: "Is Docker a VM?", kind: "trap", answer: "No.\n", parent: -1},
			},
		},
		{
			name: "heading ending with a question mark",
			src:  "## What is a cgroup?\n\nA resource limit.\n\n#### Detail\n\nv2 is unified.\n\n## Next\n",
			want: []want{{text: "What is a cgroup?", kind: "open", answer: "A resource limit.\n\n#### Detail\n\nv2 is unified.\n", parent: -1}},
		},
		{
			name: "bilingual question and answer headings",
			src:  "# Question (EN)\n\nWhat is a goroutine?\n\n## Answer (EN)\n\nA lightweight thread.\n\n# Question (FR)\n\nQu'est-ce qu'une goroutine ?\n\n## Answer (FR)\n\nUn fil léger.\n",
			want: []want{
				{text: "What is a goroutine?", kind: "question", anchor: "question-en", answer: "A lightweight thread.\n", lang: "en", parent: -1},
				{text: "Qu'est-ce qu'une goroutine ?", kind: "question", anchor: "question-fr", answer: "Un fil léger.\n", lang: "fr", parent: -1},
			},
		},
		{
			name: "labels in both languages, answers after both questions",
			src:  "# Вопрос (RU)\n> Что такое `chan`?\n# Question (EN)\n> What is a `chan`?\n## Ответ (RU)\nКанал.\n## Answer (EN)\nA pipe.\n## Links\n\nmore\n",
			want: []want{
				{text: "Что такое chan?", kind: "question", anchor: "вопрос-ru", answer: "Канал.\n", lang: "ru", parent: -1},
				{text: "What is a chan?", kind: "question", anchor: "question-en", answer: "A pipe.\n", lang: "en", parent: -1},
			},
		},
		{
			name: "markers in brackets, any case, answer deeper and before the question",
			src:  "### Answer [EN]\n\nA pipe.\n\n# q [en]:\n\n> What is a chan?\n",
			want: []want{{text: "What is a chan?", answer: "A pipe.\n", lang: "en", parent: -1}},
		},
		{
			name: "the k-th question of a language takes the k-th answer of it",
			src:  "## Question (EN)\n\nOne?\n\n## Answer (EN)\n\nFirst.\n\n## Question (EN)\n\nTwo?\n\n## Answer (EN)\n\nSecond.\n",
			want: []want{
				{text: "One?", answer: "First.\n", lang: "en", parent: -1},
				{text: "Two?", answer: "Second.\n", lang: "en", parent: -1},
			},
		},
		{
			name: "an unmarked label takes the next answer after it, a marked one an unmarked answer when its own is missing",
			src:  "## Answer\n\nNot this.\n\n## Problem\n\nAdd two numbers.\n\n## Solution\n\nUse +.\n\n## Task (DE)\n\nSubtract.\n\n## Answer\n\nUse -.\n",
			want: []want{
				{text: "Add two numbers.", answer: "Use +.\n", parent: -1},
				{text: "Subtract.", answer: "Use -.\n", lang: "de", parent: -1},
			},
		},
		{
			name: "a marker that is no language, and a language taken from the answer",
			src:  "## Question (easy)\n\nWhy?\n\n## Ответ (RU)\n\nПотому что.\n",
			want: []want{{text: "Why?", answer: "Потому что.\n", lang: "ru", parent: -1}},
		},
		{
			name: "a label without an answer heading keeps what follows its text",
			src:  "## Q\n\nWhat is a slice?\n\nA view of an array.\n\n## Next\n\nNot the answer.\n",
			want: []want{{text: "What is a slice?", answer: "A view of an array.\n", parent: -1}},
		},
		{
			name: "a label with no quote or paragraph under it asks nothing",
			src:  "## Task\n\n- build\n- test\n\n## Задача\n\n## Solution\n\nDone.\n",
			want: nil,
		},
		{
			name: "follow-ups asked in an answer section follow up on its question",
			src:  "# Question (EN)\n\n> What is a map?\n\n## Answer (EN)\n\nA hash table.\n\n### Follow-up: Is it ordered?\n\nNo.\n\n**Is it safe for concurrent use?**\n\nNo, use a mutex.\n",
			want: []want{
				{text: "What is a map?", answer: "A hash table.\n", lang: "en", parent: -1},
				{text: "Is it ordered?", kind: "follow-up", answer: "No.\n", parent: 0},
				{text: "Is it safe for concurrent use?", kind: "open", answer: "No, use a mutex.\n", parent: 1},
			},
		},
		{
			name: "a multi-paragraph quote is one question",
			src:  "## Question\n\n> Given a list.\n>\n> How do you reverse it?\n\nHint: in place.\n",
			want: []want{{text: "Given a list. How do you reverse it?", answer: "Hint: in place.\n", parent: -1}},
		},
		{
			name: "without a label, an answer heading stays part of the answer it heads",
			src:  "### Interview Q: What is a pod?\n\nThe smallest unit.\n\n#### Answer (EN)\n\nScheduled together.\n",
			want: []want{{text: "What is a pod?", answer: "The smallest unit.\n\n#### Answer (EN)\n\nScheduled together.\n", parent: -1}},
		},
		{
			name: "bold question on its own line",
			src:  "### Real-World Answer to Follow-Up:\n\n**Q: \"Can you run containers without VMs?\"**\n\n\"Yes, absolutely.\"\n\n## Next\n",
			want: []want{{text: "Can you run containers without VMs?", kind: "q", anchor: "real-world-answer-to-follow-up", answer: "\"Yes, absolutely.\"\n", parent: -1}},
		},
		{
			name: "bold question inside an answer follows up on it",
			src:  "### Interview Q: What is k8s?\n\nAn orchestrator.\n\n**Why not Swarm?**\n\nSmaller ecosystem.\n",
			want: []want{
				{text: "What is k8s?", answer: "An orchestrator.\n", parent: -1},
				{text: "Why not Swarm?", kind: "open", anchor: "interview-q-what-is-k8s", answer: "Smaller ecosystem.\n", parent: 0},
			},
		},
		{
			name: "plain Q lines with answer bullets and separators",
			src:  "🔹 docker\n\nQ1. what’s an image?\n- \tanswer: a blueprint.\n- \twhy: lifecycle.\n\n⸻\n\nQ2. common mistakes?\n- \tanswer:\n- \trunning as root.\n\n⸻\n\n🔹 kubernetes\n",
			want: []want{
				{text: "what’s an image?", kind: "q", anchor: "", answer: "- \ta blueprint.\n- \twhy: lifecycle.\n", parent: -1},
				{text: "common mistakes?", kind: "q", answer: "- \trunning as root.\n", parent: -1},
			},
		},
		{
			name: "Q and A lines in one paragraph",
			src:  "## Networking\n\nQ: What is a VPC?\nA: A private network in the cloud.\n\nQ2. Is DNS UDP?\n**A:** Mostly, TCP for large answers.\n\nQ3: What is BGP?\nThe routing protocol of the internet.\n\n**Why Go?**\n**Answer:** Fast builds.\n",
			want: []want{
				{text: "What is a VPC?", kind: "q", anchor: "networking", answer: "A private network in the cloud.\n", parent: -1},
				{text: "Is DNS UDP?", kind: "q", answer: "Mostly, TCP for large answers.\n", parent: -1},
				{text: "What is BGP?", kind: "q", answer: "The routing protocol of the internet.\n", parent: -1},
				{text: "Why Go?", kind: "open", answer: "Fast builds.\n", parent: -1},
			},
		},
		{
			name: "empty answer and placeholders",
			src:  "### Interview Q: What is etcd?\n\n**Your Answer:**\n\n### Interview Q: What is a PV?\n\n{ answer }\n\n### Interview Q: What is RBAC?\n\nTODO: write this\n\n### Interview Q: What is a CRD?\n\n...\n\n### Interview Q: What is a map?\n\n```go\nm := map[string]int{ x }\n// TODO\n```\n",
			want: []want{
				{text: "What is etcd?", answer: "", empty: true, parent: -1},
				{text: "What is a PV?", placeholder: true, parent: -1},
				{text: "What is RBAC?", placeholder: true, parent: -1},
				{text: "What is a CRD?", placeholder: true, parent: -1},
				{text: "What is a map?", placeholder: false, parent: -1},
			},
		},
		{
			name: "numbered section headings around questions",
			src:  "## 1. Basics\n\n### 1. Interview Q: Why?\n\nBecause.\n\n## 2. More\n\nText.\n",
			want: []want{{text: "Why?", kind: "interview", answer: "Because.\n", parent: -1}},
		},
		{
			name: "setext heading question",
			src:  "What is a pod?\n--------------\n\nThe smallest unit.\n",
			want: []want{{text: "What is a pod?", kind: "open", answer: "The smallest unit.\n", parent: -1}},
		},
		{
			name: "answer stops at a heading of the same level, not a deeper one",
			src:  "## Q: Deploy?\n\nSteps:\n\n### Step 1\n\nBuild.\n\n## Other\n\nNot the answer.\n",
			want: []want{{text: "Deploy?", answer: "Steps:\n\n### Step 1\n\nBuild.\n", parent: -1}},
		},
		{
			name: "not questions",
			src: "## Quick Reference: One-Liners for Each Topic\n\n- **Docker**: a runtime\n\n" +
				"```\nWhat is this?\nQ1. not a question\n```\n\n" +
				"## FAQ\n\n- [What is Docker?](docker.md)\n- [How do pods work?](pods.md)\n\n" +
				"## [Where is the FAQ?](faq.md)\n\n" +
				"**Yes, but...**\n\n**When to use containers:**\n\n" +
				"## Scenario-based practice\n\n## 5. DO CONTAINERS RUN ON VMs? The Production View\n\n" +
				"### Real-World Answer to Follow-Up:\n\nQuick question? Not on its own.\n",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseQuestions(tt.src)
			checkBlocks(t, []byte(tt.src), got)
			if len(got) != len(tt.want) {
				for _, q := range got {
					t.Logf("got %s %q", q.Kind, q.Text)
				}
				t.Fatalf("got %d questions, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				q := got[i]
				if q.Text != w.text {
					t.Errorf("[%d] Text = %q, want %q", i, q.Text, w.text)
				}
				if w.kind != "" && string(q.Kind) != w.kind {
					t.Errorf("[%d] Kind = %q, want %q", i, q.Kind, w.kind)
				}
				if w.anchor != "" && q.Anchor != w.anchor {
					t.Errorf("[%d] Anchor = %q, want %q", i, q.Anchor, w.anchor)
				}
				if w.answer != "" || w.empty {
					if q.AnswerMarkdown != w.answer {
						t.Errorf("[%d] AnswerMarkdown = %q, want %q", i, q.AnswerMarkdown, w.answer)
					}
				}
				if q.Lang != w.lang {
					t.Errorf("[%d] Lang = %q, want %q", i, q.Lang, w.lang)
				}
				if q.Parent != w.parent {
					t.Errorf("[%d] Parent = %d, want %d", i, q.Parent, w.parent)
				}
				if q.EmptyAnswer != w.empty {
					t.Errorf("[%d] EmptyAnswer = %v, want %v", i, q.EmptyAnswer, w.empty)
				}
				if q.Placeholder != w.placeholder {
					t.Errorf("[%d] Placeholder = %v, want %v", i, q.Placeholder, w.placeholder)
				}
			}
		})
	}
}

// fixture reads a shared fixture note and strips its front matter by hand:
// the body starts after the second "---" line.
func fixture(t testing.TB, rel string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "fixtures", rel))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	s := string(src)
	if strings.HasPrefix(s, "---\n") {
		end := strings.Index(s[4:], "\n---\n")
		if end < 0 {
			t.Fatalf("%s: front matter not closed", rel)
		}
		s = s[4+end+5:]
	}
	return []byte(s)
}

func TestQuestionsSeed(t *testing.T) {
	src := fixture(t, "seed/000_4abc85d6e0698c79.txt")
	got := Questions(markdown.NewParser().Parse(src), src)
	wantTexts := map[QuestionKind][]string{
		KindInterview: {
			"What were the actual pain points before Docker?",
			"Walk me through how VMs work and their limitations",
			"What specific problem did Docker/containers solve that VMs couldn't?",
			"What's the actual difference between containers and VMs? When do you use each?",
			"In your production setup, do you run containers on VMs or bare metal?",
			"How does Linux actually isolate containers? Explain namespaces and cgroups.",
			"What's the difference between Linux and Windows containers?",
			"Explain Type 1 and Type 2 hypervisors. Where do you see each?",
			"Describe the evolution from traditional deployment to cloud-native. Where does it all fit?",
		},
		KindFollowUp: {
			"So didn't VMs solve this?",
			"Couldn't you just use one OS per physical server?",
			"What happens if a container tries to use more memory than its cgroup allows?",
		},
		KindQ: {
			"Can you run containers without VMs?", // the bold question
			"Can you run containers without Docker?",
			"What's the difference between Docker and Kubernetes?",
			"How do you handle persistent data in containers?",
			"Explain image layers and Docker build efficiency",
		},
		KindScenario: {
			"Container keeps crashing. How do you debug?",
			"Container runs on dev but fails on prod. Why?",
			"How do you do zero-downtime deployments?",
		},
	}
	byKind := map[QuestionKind][]string{}
	for _, q := range got {
		byKind[q.Kind] = append(byKind[q.Kind], q.Text)
		if q.EmptyAnswer || q.Placeholder {
			t.Errorf("%q: empty=%v placeholder=%v, want a real answer", q.Text, q.EmptyAnswer, q.Placeholder)
		}
		if strings.Contains(q.AnswerMarkdown, "Your Answer") || strings.HasPrefix(q.AnswerMarkdown, "**Answer:**") {
			t.Errorf("%q: answer keeps its marker: %.60q", q.Text, q.AnswerMarkdown)
		}
		if strings.Contains(q.AnswerMarkdown, "Quick Reference") {
			t.Errorf("%q: answer runs into the next section", q.Text)
		}
	}
	if len(got) != 20 {
		t.Errorf("got %d questions, want 20", len(got))
	}
	for kind, texts := range wantTexts {
		if strings.Join(byKind[kind], "\n") != strings.Join(texts, "\n") {
			t.Errorf("%s questions:\n got %q\nwant %q", kind, byKind[kind], texts)
		}
	}

	// Follow-ups point at the interview question they follow; the bold
	// question under "Real-World Answer to Follow-Up" at the one before it.
	parents := map[string]string{
		"So didn't VMs solve this?":                                                    "What were the actual pain points before Docker?",
		"Couldn't you just use one OS per physical server?":                            "Walk me through how VMs work and their limitations",
		"What happens if a container tries to use more memory than its cgroup allows?": "How does Linux actually isolate containers? Explain namespaces and cgroups.",
		"Can you run containers without VMs?":                                          "What's the actual difference between containers and VMs? When do you use each?",
	}
	for _, q := range got {
		want, isChild := parents[q.Text]
		switch {
		case isChild && (q.Parent < 0 || got[q.Parent].Text != want):
			t.Errorf("%q: parent %d, want %q", q.Text, q.Parent, want)
		case !isChild && q.Parent != -1:
			t.Errorf("%q: parent %d, want none", q.Text, q.Parent)
		}
	}

	first := got[0]
	if first.Anchor != "interview-q-what-were-the-actual-pain-points-before-docker" || first.Line != 4 {
		t.Errorf("first question anchor %q line %d", first.Anchor, first.Line)
	}
	if !strings.HasPrefix(first.AnswerMarkdown, "\"Before containers") || !strings.HasSuffix(first.AnswerMarkdown, "Isolation was impossible.\"\n") {
		t.Errorf("first answer = %q", first.AnswerMarkdown)
	}
	// The table answer keeps its table, the scenario its fence.
	for _, q := range got {
		switch q.Text {
		case "What's the actual difference between containers and VMs? When do you use each?":
			if !strings.HasPrefix(q.AnswerMarkdown, "|Aspect|Container|VM|\n|---|---|---|\n") {
				t.Errorf("table answer = %.80q", q.AnswerMarkdown)
			}
		case "Container keeps crashing. How do you debug?":
			if !strings.HasPrefix(q.AnswerMarkdown, "```\n1. Check logs") || !strings.HasSuffix(q.AnswerMarkdown, "```\n") {
				t.Errorf("scenario answer = %q", q.AnswerMarkdown)
			}
		case "How do you do zero-downtime deployments?":
			if strings.Contains(q.AnswerMarkdown, "---") {
				t.Errorf("last answer keeps the section rule: %q", q.AnswerMarkdown)
			}
		}
	}
}

func TestQuestionsDockerK8s(t *testing.T) {
	src := fixture(t, "real/docker-k8s.md")
	got := Questions(markdown.NewParser().Parse(src), src)
	if len(got) != 14 {
		for _, q := range got {
			t.Logf("%d %q", q.Line, q.Text)
		}
		t.Fatalf("got %d questions, want 14", len(got))
	}
	docker, k8s := got[:5], got[5:]
	if docker[0].Text != "what’s the difference between a docker image and a container?" ||
		docker[4].Text != "common mistakes in dockerfiles for go apps?" {
		t.Errorf("docker questions: %q ... %q", docker[0].Text, docker[4].Text)
	}
	if k8s[0].Text != "difference between pods, deployments, and services?" ||
		k8s[8].Text != "how do you debug a pod that won’t start?" {
		t.Errorf("kubernetes questions: %q ... %q", k8s[0].Text, k8s[8].Text)
	}
	for _, q := range got {
		if q.Kind != KindQ || q.Level != 0 || q.EmptyAnswer {
			t.Errorf("%q: kind %s level %d empty %v", q.Text, q.Kind, q.Level, q.EmptyAnswer)
		}
		if strings.Contains(q.AnswerMarkdown, "answer:") || strings.Contains(q.AnswerMarkdown, "⸻") || strings.Contains(q.AnswerMarkdown, "🔹") {
			t.Errorf("%q: answer = %q", q.Text, q.AnswerMarkdown)
		}
		if !strings.Contains(q.AnswerMarkdown, "why:") || !strings.Contains(q.AnswerMarkdown, "how:") {
			t.Errorf("%q: answer lost its bullets: %q", q.Text, q.AnswerMarkdown)
		}
	}
	if !strings.HasPrefix(docker[0].AnswerMarkdown, "- \timage = blueprint") {
		t.Errorf("first answer = %q", docker[0].AnswerMarkdown)
	}
	if !strings.HasPrefix(docker[4].AnswerMarkdown, "- \tcopying entire repo") {
		t.Errorf("marker-only bullet not dropped: %q", docker[4].AnswerMarkdown)
	}
	if strings.Contains(k8s[8].AnswerMarkdown, "pitfalls") {
		t.Errorf("last answer runs past its separator: %q", k8s[8].AnswerMarkdown)
	}
}
