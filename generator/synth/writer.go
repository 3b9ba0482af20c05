package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// noteWriter writes one note's text.
type noteWriter struct {
	r     *rand.Rand
	plans []plan
	self  int
	b     strings.Builder
	// fenceLines is the most lines of a fence.
	fenceLines int
	// math is set when answers have formulas.
	math bool
}

func (w *noteWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// frontMatter writes one of the front matter shapes found in real vaults,
// most of them damaged in a way the normalizer repairs.
func (w *noteWriter) frontMatter(p plan) {
	r := w.r
	tags := w.tags(p)
	date := fmt.Sprintf("2025-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
	switch r.IntN(10) {
	case 0: // the seed's shape: placeholders left as YAML maps
		w.printf("---\ntitle:\n  \"{ Title }\":\ntags:\n")
		for _, t := range tags {
			w.printf("  - %s\n", t)
		}
		w.printf("created: %s\nupdated:\n  \"{ date }\":\n---\n\n", date)
	case 1: // a delimiter with trailing junk
		w.printf("---\\\ntitle: %s\ntags: [%s]\ndate: %s\n---\\\n\n", p.title, strings.Join(tags, ", "), date)
	case 2: // unfilled core template placeholders
		w.printf("---\ntitle: \"{{title}}\"\ndate: {{date}}\ntags: %s\n---\n\n", strings.Join(tags, " "))
	case 3: // Templater
		w.b.WriteString("---\ntitle: <% tp.file.title %>\ncreated: <% tp.date.now(\"YYYY-MM-DD\") %>\ntags:\n")
		for _, t := range tags {
			w.printf("  - %s\n", t)
		}
		w.printf("---\n\n")
	case 4: // duplicate keys
		w.printf("---\ntitle: %s\ntags:\n  - %s\ndate: %s\ntags:\n", p.title, tags[0], date)
		for _, t := range tags[1:] {
			w.printf("  - %s\n", t)
		}
		w.printf("aliases: [%s]\n---\n\n", strings.ToLower(p.title))
	case 5: // tabs as indentation
		w.printf("---\ntitle: %s\ntags:\n", p.title)
		for _, t := range tags {
			w.printf("\t- %s\n", t)
		}
		w.printf("created: %s\n---\n\n", date)
	case 6: // YAML that does not parse
		w.printf("---\ntitle: \"%s\ntags: [%s\nupdated: %s\nstatus: draft: maybe\n---\n\n", p.title, strings.Join(tags, ", "), date)
	case 7: // no front matter, a title heading and inline tags
		w.printf("# %s\n\n", p.title)
		for _, t := range tags {
			w.printf("#%s ", strings.ReplaceAll(t, " ", "-"))
		}
		w.printf("\n\n")
	default: // clean
		w.printf("---\ntitle: %q\ndate: %s\nlastmod: %s\ntags:\n", p.title, date, date)
		for _, t := range tags {
			w.printf("  - %s\n", t)
		}
		w.printf("aliases:\n  - %s\nsource: %s\n---\n\n", strings.ToLower(p.title), pick(r, sources))
	}
}

// tags are 2 to 4 tags in inconsistent spellings.
func (w *noteWriter) tags(p plan) []string {
	n := 2 + w.r.IntN(3)
	var out []string
	seen := map[string]bool{}
	for range n {
		t := pick(w.r, p.topic.tags)
		if w.r.IntN(4) == 0 {
			t = mixCase(w.r, t)
		}
		if !seen[strings.ToLower(t)] {
			seen[strings.ToLower(t)] = true
			out = append(out, t)
		}
	}
	return out
}

// mixCase spells s like "DocKer".
func mixCase(r *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' && r.IntN(3) == 0 {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// section writes one numbered section: a question, an answer, follow-ups,
// and the fences, table and callout it was given.
func (w *noteWriter) section(p plan, heading string, fences int, callout bool) {
	r := w.r
	w.printf("## %s\n\n", heading)
	w.question(p)
	if r.IntN(2) == 0 || fences > 0 {
		w.table(p)
	}
	for f := range fences {
		if f > 0 {
			w.paragraph(p, 1)
		}
		w.fence(p)
	}
	if callout {
		w.printf("> [!%s] %s\n> %s\n> %s\n\n", pick(r, calloutKinds), pick(r, calloutTitles), w.sentence(p), w.sentence(p))
	}
	if r.IntN(2) == 0 {
		w.printf("### Follow-Up: \"%s\"\n\n", w.questionText(p))
		w.printf("**Yes, but...** %s\n\n", w.sentence(p))
		w.list(p, 3+r.IntN(3))
	}
	w.printf("---\n\n")
}

func (w *noteWriter) question(p plan) {
	w.printf("### Interview Q: \"%s\"\n\n", w.questionText(p))
	w.printf("**%s**\n\n", pick(w.r, answerLeads))
	w.paragraph(p, 3+w.r.IntN(3))
	if w.math {
		w.formulas()
	}
	w.list(p, 4+w.r.IntN(4))
	w.printf("_Real scenario:_ %s %s\n\n", w.sentence(p), w.sentence(p))
}

// formulas writes a paragraph with three inline formulas, then a display
// formula.
func (w *noteWriter) formulas() {
	w.printf("It takes $%s$ time and $%s$ extra space, since $%s$.\n\n", pick(w.r, costFormulas), pick(w.r, costFormulas), pick(w.r, inlineFormulas))
	w.printf("$$\n%s\n$$\n\n", pick(w.r, displayFormulas))
}

func (w *noteWriter) extraQuestion(p plan) {
	w.question(p)
	w.printf("---\n\n")
}

func (w *noteWriter) questionText(p plan) string {
	return fmt.Sprintf(pick(w.r, questionForms), pick(w.r, p.topic.subjects), pick(w.r, p.topic.subjects))
}

func (w *noteWriter) sentence(p plan) string {
	s := fmt.Sprintf(pick(w.r, sentenceForms), pick(w.r, p.topic.subjects), pick(w.r, p.topic.subjects), pick(w.r, nouns))
	if w.r.IntN(6) == 0 {
		s += " " + w.link()
	}
	if w.r.IntN(12) == 0 {
		s += " ==" + pick(w.r, nouns) + " matters==."
	}
	return s
}

func (w *noteWriter) paragraph(p plan, sentences int) {
	for i := range sentences {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.b.WriteString(w.sentence(p))
	}
	w.printf("\n\n")
}

func (w *noteWriter) list(p plan, items int) {
	numbered := w.r.IntN(3) == 0
	for i := range items {
		if numbered {
			w.printf("%d. **%s**: %s\n", i+1, pick(w.r, nouns), w.sentence(p))
		} else {
			w.printf("- **%s**: %s\n", pick(w.r, nouns), w.sentence(p))
		}
	}
	w.printf("\n")
}

// link is a wikilink to another generated note, sometimes to one of its
// sections, sometimes with display text.
func (w *noteWriter) link() string {
	j := w.r.IntN(len(w.plans))
	if j == w.self && len(w.plans) > 1 {
		j = (j + 1) % len(w.plans)
	}
	t := w.plans[j]
	switch w.r.IntN(4) {
	case 0:
		// Sections 0 to 2 are always written (see writeNote).
		return fmt.Sprintf("See [[%s#%s]].", t.title, t.sections[w.r.IntN(min(3, len(t.sections)))])
	case 1:
		return fmt.Sprintf("Compare [[%s|%s]].", t.title, strings.ToLower(pick(w.r, t.topic.subjects)))
	default:
		return fmt.Sprintf("Related: [[%s]].", t.title)
	}
}

// table writes a GFM comparison table; one in five is damaged (no outer
// pipes, a missing separator row or short rows).
func (w *noteWriter) table(p plan) {
	r := w.r
	cols := 3 + r.IntN(2)
	rows := 3 + r.IntN(6)
	damage := r.IntN(5)
	row := func(cells []string) {
		if damage == 1 {
			w.printf("%s\n", strings.Join(cells, " | "))
			return
		}
		w.printf("|%s|\n", strings.Join(cells, "|"))
	}
	head := []string{"Aspect"}
	for range cols - 1 {
		head = append(head, pick(r, p.topic.subjects))
	}
	row(head)
	if damage != 2 {
		sep := make([]string, cols)
		for i := range sep {
			sep[i] = "---"
		}
		row(sep)
	}
	for range rows {
		cells := []string{"**" + pick(r, nouns) + "**"}
		n := cols - 1
		if damage == 3 && r.IntN(2) == 0 {
			n--
		}
		for range n {
			cells = append(cells, pick(r, cellValues))
		}
		row(cells)
	}
	w.printf("\n")
}

// fence writes one code fence in the topic's languages, labelled the many
// ways people label them, or not at all.
func (w *noteWriter) fence(p plan) {
	lang := pick(w.r, p.topic.langs)
	code := codeFor(w.r, lang, w.fenceLines/4+w.r.IntN(w.fenceLines*3/4+1))
	label := pick(w.r, labels[lang])
	w.printf("```%s\n%s```\n\n", label, code)
}

func (w *noteWriter) quickReference(p plan) {
	w.printf("## %s\n\n", pick(w.r, quickHeadings))
	for range 5 + w.r.IntN(6) {
		w.printf("- **%s** — %s\n", pick(w.r, p.topic.subjects), strings.TrimSuffix(w.sentence(p), "."))
	}
	w.printf("\n")
}
