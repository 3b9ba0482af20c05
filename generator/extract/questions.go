package extract

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/markdown"
)

// QuestionKind says how a question was written: which prefix it carried.
// The site shows it as a label ("Follow-up", "Scenario", ...).
type QuestionKind string

const (
	KindInterview QuestionKind = "interview" // "Interview Q: ..."
	KindQ         QuestionKind = "q"         // "Q: ...", "Q1. ...", "Q 1: ..."
	KindQuestion  QuestionKind = "question"  // "Question: ...", "# Question (EN)"
	KindFollowUp  QuestionKind = "follow-up" // "Follow-Up: ...", "Follow-up"
	KindScenario  QuestionKind = "scenario"  // "Scenario 2: ..."
	KindTrap      QuestionKind = "trap"      // "Trap: ..."
	KindOpen      QuestionKind = "open"      // a heading that simply ends with "?"
)

// Question is one interview question found in a note, with its answer.
type Question struct {
	// Text is the question as shown on a card: prefix ("Interview Q:",
	// "Q1.") and surrounding quotes removed.
	Text string
	Kind QuestionKind
	// AnswerMarkdown is the Markdown source of the answer, cut from the
	// note body, with answer markers ("**Your Answer:**", "answer:")
	// removed. Hugo or goldmark renders it like the note page.
	AnswerMarkdown string
	// Anchor is the id Hugo gives the question's heading; for a question
	// written as a paragraph, the id of the heading it sits under ("" when
	// there is none).
	Anchor string
	// Line is the 1-based line of the question in the body.
	Line int
	// Level is the heading level of the question, 0 when it is a
	// paragraph (a bold question or a "Q1." line).
	Level int
	// Parent is the index, in the same slice, of the question a follow-up
	// belongs to, or -1.
	Parent int
	// EmptyAnswer is set when nothing but markers follows the question.
	EmptyAnswer bool
	// Placeholder is set when the answer still holds template text such
	// as "{ answer }", "TODO" or a lone "...".
	Placeholder bool
	// Lang is the language of the question and its answer, from the
	// marker of a question or answer heading ("Question (EN)", "Ответ
	// [ru]") as a BCP 47 tag such as "en" or "pt-BR"; "" when unmarked.
	Lang string
	// Blocks is where the answer is on the rendered note page, so that a
	// page showing the card can take it from there instead of rendering
	// the answer again; Blocks.Start is -1 when the answer is not made of
	// whole blocks (it starts inside a quote's paragraph, say).
	Blocks BlockRange
}

// BlockRange is a run of a note's top-level blocks, counted as the
// elements of its rendered page: Start to End (exclusive), where only
// blocks that render as an element count (raw HTML is left out of the
// site, so an HTML block has none). Lines, when not 0, says that the
// answer starts on a later line of the first element, a paragraph that
// holds its question too ("Q: ...\nA: ..."): what comes before and with
// its Lines-th line break (a newline in its text, or a <br>) is not the
// answer. Trim is then an answer marker such as "Your Answer:" to remove
// from the start of the first element's text.
type BlockRange struct {
	Start, End int
	Lines      int
	Trim       string
}

var (
	// Leading section numbers ("3.", "10)", "2.1") are ignored when
	// matching prefixes.
	numberingRe = regexp.MustCompile(`^\d+(?:\.\d+)*[.)]?\s+`)
	// A prefix ends in ":", "." or ")", or a spaced dash: "Scenario 1 — ...".
	// "Scenario-based" is not a prefix.
	sep = `(?:\s*[:.)]\s*|\s+[\-–—]\s+)`

	prefixes = []struct {
		re   *regexp.Regexp
		kind QuestionKind
	}{
		{regexp.MustCompile(`(?i)^interview\s+q(?:uestion)?\s*\d*` + sep + `(.*)$`), KindInterview},
		{regexp.MustCompile(`(?i)^follow[\s-]?up(?:\s+q(?:uestion)?)?\s*\d*(?:` + sep + `(.*))?$`), KindFollowUp},
		{regexp.MustCompile(`(?i)^scenario\s*\d*` + sep + `(.*)$`), KindScenario},
		{regexp.MustCompile(`(?i)^trap(?:\s+q(?:uestion)?)?\s*\d*` + sep + `(.*)$`), KindTrap},
		{regexp.MustCompile(`(?i)^question\s*\d*` + sep + `(.*)$`), KindQuestion},
		{regexp.MustCompile(`(?i)^q\s*\d*\s*[:.)]\s*(.*)$`), KindQ},
	}
	// "## Answer" right after a question heading: a marker, not a section.
	answerHeadRe = regexp.MustCompile(`(?i)^(?:your\s+)?answer\s*(?:\([^)]*\))?\s*:?$`)
	// A plain paragraph line "Q1. what's ...": needs a number or a colon
	// and some text, so "Q." alone is not a question.
	lineQRe = regexp.MustCompile(`^(?i:q)\s*(?:\d+\s*[.:)]|:)\s*\S`)
	// Answer markers: "**Your Answer (Real, Not Textbook):**", "**A:**".
	strongMarkerRe = regexp.MustCompile(`(?i)^(?:(?:your\s+)?answer\b[^:]*|a)\s*:?$`)
	plainMarkerRe  = regexp.MustCompile(`(?i)^(?:answer|a)\s*:[ \t]*`)
	// The same markers at the start of a raw line, bold or not.
	lineMarkerRe  = regexp.MustCompile(`(?i)^(?:\*\*|__)?(?:(?:your\s+)?answer[^:*_\n]{0,40}|a)\s*:(?:\*\*|__)?[ \t]*`)
	placeholderRe = regexp.MustCompile(`\{\{?\s*[A-Za-z][\w .-]{0,30}\s*\}\}?|<%.*%>|\b(?:TODO|TBD|FIXME)\b`)
	followWordRe  = regexp.MustCompile(`(?i)\bfollow[\s-]?ups?\b`)
)

// Questions finds the interview questions of a note body. doc must be the
// AST of src from markdown.Parser, so that anchors are Hugo's.
//
// Only top-level blocks are questions: question headings, headings ending
// in "?", bold questions on a line of their own and "Q1." lines. An answer
// runs to the next question or to a heading of the same or a higher level
// (any heading, or a separator line, for a paragraph question).
//
// A question heading that is only a label ("# Question (EN)", "## Вопрос",
// "## Problem") asks the quote or paragraph under it, and is answered in
// the section of its answer heading, wherever that is: see pair.
func Questions(doc ast.Node, src []byte) []Question {
	blocks := topBlocks(doc, src)
	x := extractQuestions(doc, src, blocks, true)
	if x.has(answerSection) && !x.has(labelQuestion) {
		// Answer headings are sections only where a label asks: in other
		// notes "#### Answer" is part of the answer it heads. Such notes
		// are rare, and are read again.
		x = extractQuestions(doc, src, blocks, false)
	}
	return x.pair()
}

func extractQuestions(doc ast.Node, src []byte, blocks []topBlock, sections bool) *qextractor {
	x := &qextractor{src: src, open: -1, primary: -1, blocks: blocks, sections: sections}
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		x.block(b)
	}
	x.close(len(src))
	return x
}

type qextractor struct {
	src    []byte
	out    []Question
	roles  []role // one per question of out
	blocks []topBlock
	// sections: answer headings ("## Answer (EN)") start sections of
	// their own, which answer label questions (see Questions).
	sections bool

	// The question whose answer is being collected (-1: none) and where
	// its answer starts; cuts are marker ranges to drop from it.
	open        int
	answerStart int
	cuts        [][2]int
	// awaitText: the open question's text is the next paragraph
	// ("# Question (EN)" or "### Follow-up" on their own).
	awaitText bool
	// sawContent: a block after the question start has been seen, so
	// answer markers are no longer expected.
	sawContent bool

	// primary is the last question that is not a follow-up, the parent of
	// the follow-ups after it; primaryLevel its heading level.
	primary      int
	primaryLevel int

	// Nearest heading above the current block.
	headingID    string
	headingLevel int
	headingText  string
}

func (x *qextractor) block(b ast.Node) {
	switch n := b.(type) {
	case *ast.Heading:
		x.heading(n)
	case *ast.Paragraph:
		x.paragraph(n)
	case *ast.Blockquote:
		if x.open >= 0 && x.awaitText && x.roles[x.open].kind == labelQuestion {
			x.labelText(n, quoteText(n, x.src))
			return
		}
		x.content(b)
	case *ast.ThematicBreak:
		if x.open >= 0 && x.out[x.open].Level == 0 {
			x.close(lineStart(x.src, blockStart(b, x.src)))
		} else if x.open >= 0 {
			x.sawContent = true
		}
	default:
		x.content(b)
	}
}

func (x *qextractor) heading(h *ast.Heading) {
	start := lineStart(x.src, blockStart(h, x.src))
	text := strings.TrimSpace(markdown.PlainText(h, x.src))
	id := markdown.HeadingID(h)

	// "## Answer" after a question is a marker, not a section. After
	// "## Question: ..." everything up to it belongs to the question.
	if x.open >= 0 && x.roles[x.open].kind == plainQuestion && answerHeadRe.MatchString(text) &&
		(!x.sawContent || x.out[x.open].Kind == KindQuestion) {
		x.awaitText, x.sawContent, x.cuts = false, false, nil
		x.answerStart = nextLine(x.src, headingEnd(h, x.src, start))
		return
	}
	if x.primary >= 0 && h.Level < x.primaryLevel {
		x.primary = -1
	}
	if x.open >= 0 {
		q := x.out[x.open]
		if q.Level == 0 || h.Level <= q.Level {
			x.close(start)
		}
	}
	x.headingID, x.headingLevel, x.headingText = id, h.Level, text

	q := Question{Anchor: id, Level: h.Level, Line: lineOf(x.src, start), Parent: -1}
	answerStart := nextLine(x.src, headingEnd(h, x.src, start))
	if lang, ok := label(questionLabelRe, text); ok {
		x.close(start)
		q.Kind = KindQuestion
		x.start(q, answerStart, role{kind: labelQuestion, lang: lang})
		x.awaitText = true
		return
	}
	if lang, ok := label(answerLabelRe, text); ok && x.sections {
		x.close(start)
		x.start(q, answerStart, role{kind: answerSection, lang: lang})
		return
	}

	kind, qtext, ok := headingQuestion(h, text)
	if !ok {
		if x.open >= 0 {
			x.sawContent = true
		}
		return
	}
	x.close(start)
	q.Text, q.Kind = qtext, kind
	x.start(q, answerStart, role{})
	if qtext == "" {
		// "### Follow-up" alone: the question is the next paragraph; the
		// heading text stands in if there is none.
		x.awaitText = true
		x.out[x.open].Text = cleanQuestion(text)
	}
}

func (x *qextractor) paragraph(p *ast.Paragraph) {
	start := lineStart(x.src, blockStart(p, x.src))
	if isSeparator(p, x.src) {
		if x.open >= 0 && x.out[x.open].Level == 0 {
			x.close(start)
		} else if x.open >= 0 {
			x.sawContent = true
		}
		return
	}
	if x.open >= 0 && x.awaitText {
		x.labelText(p, markdown.PlainText(p, x.src))
		return
	}
	if text, kind, end, ok := paragraphQuestion(p, x.src); ok {
		parent := -1
		// A question inside a question heading's answer, or under a
		// heading such as "Answer to Follow-Up", follows up on it.
		if x.open >= 0 && x.out[x.open].Level > 0 {
			parent = x.open
		} else if followWordRe.MatchString(x.headingText) {
			parent = x.primary
		}
		x.close(start)
		x.start(Question{Text: text, Kind: kind, Anchor: x.headingID, Line: lineOf(x.src, start), Parent: parent},
			nextLine(x.src, end), role{})
		// "Q: ...\nA: ..." in one paragraph: the answer starts on the
		// next line, maybe with a marker.
		if rest := nextLine(x.src, end); rest < blockEnd(p, x.src) {
			x.sawContent = true
			if m := lineMarkerRe.FindIndex(x.src[rest:lineEnd(x.src, rest)]); m != nil {
				x.cuts = append(x.cuts, [2]int{rest, rest + m[1]})
			}
		}
		return
	}
	x.content(p)
}

// content is any other block: part of the open answer. The first block
// may start with an answer marker, which is cut.
func (x *qextractor) content(b ast.Node) {
	if x.open < 0 {
		return
	}
	x.awaitText = false
	if !x.sawContent {
		x.sawContent = true
		if cut, ok := answerMarker(b, x.src); ok {
			x.cuts = append(x.cuts, cut)
		}
	}
}

// labelText makes the text of block b the text of the open question,
// which waits for it, and starts its answer after b.
func (x *qextractor) labelText(b ast.Node, text string) {
	x.awaitText = false
	x.out[x.open].Text = LabelQuestionText(text)
	if b.Lines().Len() > 0 {
		x.answerStart = nextLine(x.src, blockEnd(b, x.src))
		return
	}
	// A quote holds no lines of its own: its answer starts at the next
	// top-level block.
	for _, tb := range x.blocks {
		if tb.node == b {
			x.answerStart = tb.end
		}
	}
}

// start opens a question (or an answer section). A follow-up heading
// belongs to the last primary question; any other question heading
// becomes the primary one.
func (x *qextractor) start(q Question, answerStart int, r role) {
	if q.Level > 0 {
		if q.Kind == KindFollowUp {
			q.Parent = x.primary
		} else {
			x.primary, x.primaryLevel = len(x.out), q.Level
		}
	}
	x.out = append(x.out, q)
	x.roles = append(x.roles, r)
	x.open, x.answerStart, x.cuts, x.awaitText, x.sawContent = len(x.out)-1, answerStart, nil, false, false
}

// close ends the open answer at byte end.
func (x *qextractor) close(end int) {
	if x.open < 0 {
		return
	}
	q := &x.out[x.open]
	x.open = -1
	if x.answerStart > end {
		end = x.answerStart
	}
	var b strings.Builder
	pos := x.answerStart
	for _, c := range x.cuts {
		if c[0] < pos || c[1] > end {
			continue
		}
		b.Write(x.src[pos:c[0]])
		pos = c[1]
	}
	b.Write(x.src[pos:end])
	md := trimSeparators(b.String())
	q.Blocks = x.locate(x.answerStart, end)
	q.AnswerMarkdown = md
	q.EmptyAnswer = strings.TrimSpace(md) == ""
	q.Placeholder = !q.EmptyAnswer && hasPlaceholder(md)
}

// headingQuestion reports whether a heading is a question and returns its
// display text ("" when the text follows in the next paragraph).
func headingQuestion(h *ast.Heading, text string) (QuestionKind, string, bool) {
	if onlyLink(h) {
		return "", "", false
	}
	if kind, rest, ok := prefixed(text); ok {
		return kind, cleanQuestion(rest), true
	}
	if strings.HasSuffix(strings.TrimRight(text, `"'”’» `), "?") {
		return KindOpen, cleanQuestion(text), true
	}
	return "", "", false
}

func prefixed(text string) (QuestionKind, string, bool) {
	t := text
	if t != "" && t[0] >= '0' && t[0] <= '9' {
		t = numberingRe.ReplaceAllString(t, "")
	}
	// Every prefix starts with one of these letters; most headings are
	// settled without running a regexp.
	if t == "" || !strings.ContainsRune("iIfFsStTqQ", rune(t[0])) {
		return "", "", false
	}
	for _, p := range prefixes {
		if m := p.re.FindStringSubmatch(t); m != nil {
			return p.kind, m[1], true
		}
	}
	return "", "", false
}

// paragraphQuestion recognizes a bold question on a line of its own
// (`**Q: "..."**`, `**Why ...?**`) and a plain "Q1. ..." line. end is the
// byte offset where the question's line ends.
func paragraphQuestion(p *ast.Paragraph, src []byte) (text string, kind QuestionKind, end int, ok bool) {
	first := p.FirstChild()
	if first == nil {
		return "", "", 0, false
	}
	firstLine := p.Lines().At(0)
	if em, isEm := first.(*ast.Emphasis); isEm && em.Level == 2 {
		// The bold text must be the whole first line.
		if next := em.NextSibling(); next != nil && !endsLine(em, src) {
			return "", "", 0, false
		}
		t := strings.TrimSpace(markdown.PlainText(em, src))
		end = lineEnd(src, lastStop(em, src))
		if k, rest, ok := prefixed(t); ok {
			return cleanQuestion(rest), k, end, cleanQuestion(rest) != ""
		}
		if strings.HasSuffix(strings.TrimRight(t, `"'”’» `), "?") {
			return cleanQuestion(t), KindOpen, end, true
		}
		return "", "", 0, false
	}
	line := string(firstLine.Value(src))
	if !lineQRe.MatchString(line) {
		return "", "", 0, false
	}
	// Only the first line is the question; the rest of the paragraph, if
	// any, is the beginning of the answer.
	var buf []byte
	for c := first; c != nil; c = c.NextSibling() {
		t, isText := c.(*ast.Text)
		if isText && t.Segment.Start >= firstLine.Stop {
			break
		}
		buf = append(buf, markdown.PlainText(c, src)...)
		if isText && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
	}
	// A code span may run on past the line: its text is the question's too,
	// on one line. A line that leaves no question is none.
	_, rest, _ := prefixed(strings.Join(strings.Fields(string(buf)), " "))
	q := cleanQuestion(rest)
	return q, KindQ, lineEnd(src, firstLine.Start), q != ""
}

// answerMarker finds "**Your Answer:**" or "answer:" at the start of the
// first answer block (or of the first item of a list) and returns the
// byte range to cut: the whole line when the marker is all it holds.
func answerMarker(b ast.Node, src []byte) ([2]int, bool) {
	tb := b
	if l, ok := b.(*ast.List); ok {
		item := l.FirstChild()
		if item == nil || item.FirstChild() == nil {
			return [2]int{}, false
		}
		tb = item.FirstChild()
	}
	switch tb.(type) {
	case *ast.Paragraph, *ast.TextBlock:
	default:
		return [2]int{}, false
	}
	if tb.Lines().Len() == 0 {
		return [2]int{}, false
	}
	first := tb.Lines().At(0)
	var from, to int
	if em, ok := tb.FirstChild().(*ast.Emphasis); ok {
		if !strongMarkerRe.MatchString(strings.TrimSpace(markdown.PlainText(em, src))) {
			return [2]int{}, false
		}
		from = first.Start
		to = lastStop(em, src)
		for to < len(src) && (src[to] == '*' || src[to] == '_') {
			to++
		}
		if to < len(src) && src[to] == ':' {
			to++
		}
		for to < len(src) && (src[to] == ' ' || src[to] == '\t') {
			to++
		}
	} else {
		line := first.Value(src)
		m := plainMarkerRe.FindIndex(line)
		if m == nil {
			return [2]int{}, false
		}
		from, to = first.Start, first.Start+m[1]
	}
	// A marker alone on its line goes with its line (and list bullet).
	if to >= len(src) || src[to] == '\n' || src[to] == '\r' {
		return [2]int{lineStart(src, from), nextLine(src, to)}, true
	}
	return [2]int{from, to}, true
}

// isSeparator reports a paragraph made only of rule-like characters, such
// as "⸻" lines used between questions.
func isSeparator(p *ast.Paragraph, src []byte) bool {
	if p.Lines().Len() != 1 {
		return false
	}
	seg := p.Lines().At(0)
	t := bytes.TrimSpace(seg.Value(src))
	if len(t) == 0 {
		return false
	}
	for _, r := range string(t) {
		switch {
		case r == '⸻' || r == '—' || r == '–' || r == '-' || r == '_' || r == '*' || r == '=' || r == '~' || r == '·' || r == '•' || r == ' ':
		case unicode.Is(unicode.Pd, r):
		default:
			return false
		}
	}
	return true
}

// trimSeparators drops blank lines and horizontal rules at the ends of an
// answer: they separate sections on the page, they are not the answer.
func trimSeparators(md string) string {
	isRule := func(s string) bool {
		s = strings.TrimSpace(s)
		if s == "" {
			return true
		}
		for _, r := range s {
			if !strings.ContainsRune("-*_⸻—– ", r) {
				return false
			}
		}
		return utf8.RuneCountInString(strings.ReplaceAll(s, " ", "")) >= 3 || strings.ContainsRune(s, '⸻')
	}
	// Drop trailing rule and blank lines, then leading blank lines.
	for md != "" {
		i := strings.LastIndexByte(strings.TrimRight(md, "\n"), '\n')
		if !isRule(md[i+1:]) {
			break
		}
		md = md[:i+1]
	}
	for md != "" {
		i := strings.IndexByte(md, '\n')
		if i < 0 || strings.TrimSpace(md[:i]) != "" {
			break
		}
		md = md[i+1:]
	}
	md = strings.TrimRight(md, "\n")
	if strings.TrimSpace(md) == "" {
		return ""
	}
	return md + "\n"
}

// hasPlaceholder looks for template text outside code: "{ answer }",
// "{{answer}}", "<% tp.x %>", TODO/TBD/FIXME, or a line that is only
// "..." or "…".
func hasPlaceholder(md string) bool {
	if !strings.ContainsAny(md, "{%…") && !strings.Contains(md, "...") &&
		!strings.Contains(md, "TODO") && !strings.Contains(md, "TBD") && !strings.Contains(md, "FIXME") {
		return false
	}
	inFence := false
	for line := range strings.SplitSeq(md, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		t = strings.TrimLeft(t, "-*+> \t")
		if t == "..." || t == "…" || t == `"..."` {
			return true
		}
		// Cheap checks first: most answer lines hold no candidate at all.
		if strings.ContainsAny(t, "{%") || strings.Contains(t, "TODO") || strings.Contains(t, "TBD") || strings.Contains(t, "FIXME") {
			if placeholderRe.MatchString(stripCodeSpans(t)) {
				return true
			}
		}
	}
	return false
}

func stripCodeSpans(s string) string {
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+1+j+1:]
	}
}

// cleanQuestion trims a question and removes quotes around all of it.
func cleanQuestion(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	pairs := [][2]string{{`"`, `"`}, {"“", "”"}, {"'", "'"}, {"‘", "’"}, {"«", "»"}, {"„", "“"}}
	for _, p := range pairs {
		if len(s) > len(p[0])+len(p[1]) && strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.Contains(inner, p[0]) || p[0] != p[1] {
				s = strings.TrimSpace(inner)
				break
			}
		}
	}
	return s
}

// onlyLink reports a heading whose whole content is a link: a FAQ entry
// pointing elsewhere, not a question answered here.
func onlyLink(h *ast.Heading) bool {
	c := h.FirstChild()
	if c == nil || c.NextSibling() != nil {
		return false
	}
	switch c.(type) {
	case *ast.Link, *ast.AutoLink:
		return true
	}
	return false
}

// blockStart returns the byte offset where a block starts: its recorded
// position, or (for blocks made by transformers, such as tables) the
// start of its first text.
func blockStart(n ast.Node, src []byte) int {
	for c := n; c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// blockEnd returns the byte offset of the end of a leaf block's last line.
func blockEnd(n ast.Node, src []byte) int {
	if n.Lines().Len() == 0 {
		return blockStart(n, src)
	}
	return n.Lines().At(n.Lines().Len() - 1).Stop
}

// headingEnd is the end of a heading's line (ATX) or of its underline
// (setext).
func headingEnd(h *ast.Heading, src []byte, start int) int {
	if bytes.HasPrefix(bytes.TrimLeft(src[start:], " "), []byte("#")) || h.Lines().Len() == 0 {
		return lineEnd(src, start)
	}
	last := lineEnd(src, h.Lines().At(h.Lines().Len()-1).Stop)
	return lineEnd(src, nextLine(src, last))
}

// lastStop is the end of the last text inside an inline node.
func lastStop(n ast.Node, src []byte) int {
	stop := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && t.Segment.Stop > stop {
			stop = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	if stop < 0 {
		return n.Pos()
	}
	return stop
}

// endsLine reports whether an inline node is followed only by the end of
// its line (what follows it starts on a later line).
func endsLine(n ast.Node, src []byte) bool {
	end := lastStop(n, src)
	for end < len(src) && (src[end] == '*' || src[end] == '_' || src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return end >= len(src) || src[end] == '\n' || src[end] == '\r'
}

func lineStart(src []byte, i int) int {
	if i > len(src) {
		i = len(src)
	}
	return bytes.LastIndexByte(src[:i], '\n') + 1
}

func lineEnd(src []byte, i int) int {
	if i >= len(src) {
		return len(src)
	}
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

func nextLine(src []byte, i int) int {
	e := lineEnd(src, i)
	if e < len(src) {
		return e + 1
	}
	return e
}

func lineOf(src []byte, i int) int {
	return bytes.Count(src[:i], []byte{'\n'}) + 1
}
