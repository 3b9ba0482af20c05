// Package fences canonicalizes the language of fenced code blocks so that
// Hugo highlights them: it resolves labels through Chroma's lexer registry
// (the one Hugo uses) and labels unlabelled fences conservatively.
//
// The rules:
//
//   - The language is the first word of the info string, up to white space
//     or "{" (Hugo's own split); what follows it keeps only the attributes
//     Attributes allows, as one attribute block after one space.
//   - A language with characters other than letters, digits and "_+#.-"
//     is not one: Hugo writes it into the HTML unescaped. It becomes
//     "text", and is reported.
//   - A label is resolved with Chroma's registry the way Hugo resolves it
//     (lexers.Get: name, alias, file extension or file name, any case). The
//     canonical spelling is the lexer's first alias ("Dockerfile" -> "docker",
//     "yml" -> "yaml", "sh"/"shell"/"zsh" -> "bash", "golang" -> "go",
//     "py" -> "python", "plain" -> "text"), or its lower-cased name for the
//     few lexers without aliases. lexers.Get maps every canonical spelling
//     back to the same lexer, so Hugo highlights the result.
//   - "goat" and "mermaid" have no lexer but are drawn by code block render
//     hooks (Hugo ships the goat one); they are lower-cased and kept.
//   - The blocks of well-known Obsidian plugins ("tasks", "ad-note", ...
//     see PluginBlock) are kept exactly as written: the site shows what
//     the note wrote, and that is no problem. Dataview's blocks are known
//     too, though package normalize runs or reports them before a fence
//     of theirs would get here.
//   - An unknown label is kept exactly as written and reported.
//   - An unlabelled fence gets a language only when the code says so
//     unmistakably: a Chroma analyser scoring 1.0 (its "certain", in
//     practice a shebang such as "#!/bin/bash"), or a shell session whose
//     first line is a "$ command" prompt ("bash-session", the first alias
//     of Chroma's Bash Session lexer, which colours prompts and output
//     apart). Everything else - ASCII diagrams, numbered steps, arrows,
//     config sketches, even Go or YAML without a label - becomes "text": a
//     wrong guess paints prose in random colours, "text" never misleads.
//     Chroma's other analysers score keywords found anywhere ("func",
//     "export", "definition") and fire on prose, so they are not trusted.
package fences

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/crib-notes/crib/generator/diag"
)

// Text is the language given to fences whose content is not recognized.
const Text = "text"

// certain is the analyser score Chroma's analysers give only to decisive
// evidence (shebangs, a DNS SOA record). Lower scores come from loose
// keyword matches that fire on prose ("func", "export", "definition").
const certain = 1.0

// analyseLimit is how much of an unlabelled fence Chroma's analysers see.
const analyseLimit = 2048

// renderHookLanguages are drawn by code block render hooks rather than
// highlighted, so Chroma does not know them.
var renderHookLanguages = map[string]bool{"goat": true, "mermaid": true}

// fileNameLike matches labels that may name a file or extension.
var fileNameLike = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$`)

// shellPrompt matches a first line like "$ docker ps" or "$ ./run.sh".
var shellPrompt = regexp.MustCompile(`^\$ [a-z./~_-]`)

// canonicalNames maps every lexer name and alias, lower-cased, to the
// canonical spelling of the lexer lexers.Get returns for it (two lexers may
// share an alias: "hcl" belongs to HCL and Terraform). Built once on first
// use; read-only afterwards.
var canonicalNames = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		c := l.Config()
		for _, key := range append([]string{c.Name}, c.Aliases...) {
			key = strings.ToLower(key)
			if _, done := m[key]; done {
				continue
			}
			if got := lexers.Get(key); got != nil {
				m[key] = canonical(got)
			}
		}
	}
	return m
})

// byFileName memoizes lexers.Get for labels that are not names or aliases
// ("yml", "Makefile", unknown labels): Chroma answers those by matching
// every file name glob of every lexer, about a millisecond per call. Hugo
// caches the same lookups for the same reason. It only ever holds what
// lexers.Get returned, so it never changes a result.
var byFileName sync.Map // label -> string (canonical, "" when unknown)

// canonical is the spelling written for a lexer: its first alias, else its
// name lower-cased.
func canonical(l chroma.Lexer) string {
	c := l.Config()
	if len(c.Aliases) > 0 {
		return c.Aliases[0]
	}
	return strings.ToLower(c.Name)
}

// Problem is something Normalize could not keep, and its kind:
// diag.Language for an unknown label, diag.Fence for the rest.
type Problem struct {
	Kind    diag.Kind
	Message string
}

func (p Problem) String() string { return p.Message }

// Normalize returns the canonical info string for a fence with the given
// info string (the text after the opening backticks) and content, and
// what it could not keep: an unknown label (kept as written), a label
// that cannot be one, attributes dropped (see Attributes).
func Normalize(info string, code []byte) (normalized string, problems []Problem) {
	lang, attrs := Split(info)
	if l, title, ok := strings.Cut(lang, ":"); ok && title != "" {
		// "python:main.py": a language and a caption.
		if _, known := Canonical(l); known {
			lang, attrs = l, `title="`+strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title)+`" `+attrs
		}
	}
	block, dropped := Attributes(attrs)
	switch canon, ok := Canonical(lang); {
	case lang == "":
		lang = Detect(code)
	case ok:
		lang = canon
	case !safeLabel.MatchString(lang):
		problems = append(problems, Problem{diag.Fence, `code fence language "` + lang + `" cannot be used: shown as text`})
		lang = Text
	case PluginBlock(lang):
	default:
		problems = append(problems, Problem{diag.Language, `unknown code fence language "` + lang + `": kept as written, not highlighted`})
	}
	for _, p := range dropped {
		problems = append(problems, Problem{diag.Fence, p})
	}
	return join(lang, block), problems
}

// pluginBlocks are the code block languages of Obsidian's core plugins
// and of well-known community plugins, which draw or compute something
// from the block in Obsidian: Dataview, Datacore, Tasks, embedded search
// ("query"), Bases ("base"), LaTeX ("math"), Charts, Excalidraw,
// Buttons, Kanban, Tracker, Leaflet, Timelines, Meta Bind, Markmap,
// PlantUML, TikZJax, Vega, Todoist. Admonitions are "ad-" and their
// type (PluginBlock). Mermaid is drawn by a render hook (see
// renderHookLanguages).
var pluginBlocks = map[string]bool{
	"dataview": true, "dataviewjs": true,
	"datacore": true, "datacorejs": true, "datacorejsx": true, "datacorets": true, "datacoretsx": true,
	"tasks": true, "query": true, "base": true, "math": true, "chart": true, "excalidraw": true,
	"button": true, "kanban": true, "tracker": true, "leaflet": true, "timeline": true,
	"meta-bind": true, "meta-bind-button": true, "meta-bind-js-view": true, "meta-bind-embed": true,
	"markmap": true, "plantuml": true, "plantuml-svg": true, "plantuml-ascii": true,
	"tikz": true, "vega": true, "vega-lite": true, "todoist": true,
}

// PluginBlock reports whether lang is the language of a well-known
// Obsidian plugin's blocks (case-insensitively): an admonition ("ad-"
// and a type) or one of pluginBlocks.
func PluginBlock(lang string) bool {
	lower := strings.ToLower(lang)
	if t, ok := strings.CutPrefix(lower, "ad-"); ok {
		return t != ""
	}
	return pluginBlocks[lower]
}

// safeLabel matches the languages Hugo may write into HTML as they are.
var safeLabel = regexp.MustCompile(`^[A-Za-z0-9_+#.-]+$`)

// Split separates an info string into the language and the attributes that
// follow it, the way Hugo reads it: the language ends at the first white
// space or "{".
func Split(info string) (lang, attrs string) {
	info = strings.TrimSpace(info)
	end := strings.IndexAny(info, " \t{")
	if end < 0 {
		return info, ""
	}
	return info[:end], strings.TrimSpace(info[end:])
}

// Canonical resolves a language label, case-insensitively, to its canonical
// spelling. ok is false when neither Chroma nor a render hook knows it.
func Canonical(lang string) (canon string, ok bool) {
	lower := strings.ToLower(lang)
	if renderHookLanguages[lower] {
		return lower, true
	}
	if c, ok := canonicalNames()[lower]; ok {
		return c, true
	}
	// File extensions and file names ("yml", "Makefile"), exactly as Hugo
	// resolves them. Labels that cannot be either are not looked up: the
	// search costs milliseconds per label.
	if !fileNameLike.MatchString(lang) {
		return "", false
	}
	if c, ok := byFileName.Load(lang); ok {
		canon = c.(string)
		return canon, canon != ""
	}
	canon = ""
	if l := lexers.Get(lang); l != nil {
		canon = canonical(l)
	}
	byFileName.Store(lang, canon)
	return canon, canon != ""
}

// Detect returns the language of unlabelled code when it is certain, and
// Text otherwise.
func Detect(code []byte) string {
	first := firstLine(code)
	if shellPrompt.MatchString(first) {
		return "bash-session"
	}
	// Certain signs (a shebang) sit at the top; some analysers are
	// quadratic in the length of the text, so they see only its start.
	text := string(code[:min(len(code), analyseLimit)])
	t := analysed{text: text, ascii: isASCII(text)}
	for _, c := range mayBeCertain() {
		if !c.mayReach(&t) {
			continue
		}
		if c.lexer.(chroma.Analyser).AnalyseText(text) >= certain {
			return canonical(c.lexer)
		}
	}
	return Text
}

// candidate is a lexer whose analyser may score certain. For an analyser
// declared in the lexer's configuration it holds what each of its regexes
// needs in the text to match at all, so that most texts are turned away
// without running a regex; analysers written in Go (rules nil) always run.
type candidate struct {
	lexer chroma.Lexer
	first bool // the score is the first matching regex's, not the sum
	rules []rule
}

// rule is one analyser regex: its score and the literals every match of
// it contains.
type rule struct {
	score    float32
	literals []string
	fold     bool // literals match case-insensitively (lower-cased here)
}

// mayReach reports whether the analyser can score certain on text: the
// best score it could give if every regex whose literals all occur in the
// text matched. It is an upper bound, so a false answer never changes a
// result; a true one runs the analyser itself.
func (c candidate) mayReach(t *analysed) bool {
	if c.rules == nil {
		return true
	}
	var best, sum float32
	for _, r := range c.rules {
		if r.possible(t) {
			best = max(best, r.score)
			sum += r.score
		}
	}
	if c.first {
		return best >= certain
	}
	return sum >= certain
}

// analysed is the text the analysers see, and what the rules ask of it.
type analysed struct {
	text  string
	ascii bool
	lower string // text lower-cased, made on first use
}

// possible reports whether every literal of the rule occurs in the text.
func (r rule) possible(t *analysed) bool {
	for _, lit := range r.literals {
		if !r.fold {
			if !strings.Contains(t.text, lit) {
				return false
			}
			continue
		}
		// Case-insensitive regexes compare lower-cased runes, and a few
		// non-ASCII letters lower-case to ASCII ones (the Kelvin sign
		// U+212A to "k"): only pure ASCII text can be ruled out.
		if !t.ascii {
			continue
		}
		if t.lower == "" {
			t.lower = strings.ToLower(t.text)
		}
		if !strings.Contains(t.lower, lit) {
			return false
		}
	}
	return true
}

// mayBeCertain lists, in registry order, the lexers whose analyser can
// score certain at all. An analyser declared in a lexer's configuration
// scores the first matching regex's score, or the sum of the matching
// ones, so its best score is known without running it; most never reach
// certain, and running their regexes on every unlabelled fence was the
// larger part of normalizing code-heavy notes. Analysers written in Go
// (no configuration) are always run. Built once; read-only afterwards.
var mayBeCertain = sync.OnceValue(func() []candidate {
	var out []candidate
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if _, ok := l.(chroma.Analyser); !ok {
			continue
		}
		c := candidate{lexer: l}
		if a := l.Config().Analyse; a != nil {
			var best, sum float32
			for _, r := range a.Regexes {
				best = max(best, r.Score)
				sum += r.Score
				lits, fold := requiredLiterals(r.Pattern, l.Config().CaseInsensitive)
				c.rules = append(c.rules, rule{score: r.Score, literals: lits, fold: fold})
			}
			if (a.First && best < certain) || (!a.First && sum < certain) {
				continue
			}
			c.first = a.First
		}
		out = append(out, c)
	}
	return out
})

// requiredLiterals returns literal strings that every match of an
// analyser regex contains, lower-cased when fold is true. The patterns
// are regexp2 (.NET) syntax, read here with Go's parser: the literal
// parts of the simple patterns analysers use read the same in both, and
// a pattern Go cannot read gives no literals (it is always run).
// Literals that follow each other in the pattern are kept together
// ("func (_ready|_init)" needs "func _"), and one found inside another
// is left out.
func requiredLiterals(pattern string, caseInsensitive bool) (lits []string, fold bool) {
	if strings.Contains(pattern, "-[") {
		// .NET character class subtraction ("[a-z-[aeiou]]"), which Go
		// reads as a class and a literal "]".
		return nil, false
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, false
	}
	fold = caseInsensitive
	// prefix returns the text every match of re starts with, and whether
	// every match is exactly that text.
	var prefix func(re *syntax.Regexp) (string, bool)
	prefix = func(re *syntax.Regexp) (string, bool) {
		switch re.Op {
		case syntax.OpLiteral:
			lit := string(re.Rune)
			if strings.ContainsRune(lit, utf8.RuneError) {
				return "", false
			}
			if re.Flags&syntax.FoldCase != 0 {
				fold = true
			}
			return lit, true
		case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
			syntax.OpWordBoundary, syntax.OpNoWordBoundary:
			return "", true // matches no text
		case syntax.OpCapture:
			return prefix(re.Sub[0])
		case syntax.OpConcat:
			var b strings.Builder
			for _, sub := range re.Sub {
				p, whole := prefix(sub)
				b.WriteString(p)
				if !whole {
					return b.String(), false
				}
			}
			return b.String(), true
		}
		return "", false
	}
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral, syntax.OpConcat:
			subs := re.Sub
			if re.Op == syntax.OpLiteral {
				subs = []*syntax.Regexp{re}
			}
			run := ""
			for _, sub := range subs {
				p, whole := prefix(sub)
				run += p
				if whole {
					continue
				}
				if run != "" {
					lits = append(lits, run)
				}
				run = ""
				walk(sub)
			}
			if run != "" {
				lits = append(lits, run)
			}
		case syntax.OpCapture, syntax.OpPlus:
			walk(re.Sub[0])
		case syntax.OpRepeat:
			if re.Min >= 1 {
				walk(re.Sub[0])
			}
		}
	}
	walk(re)
	if fold {
		for i, lit := range lits {
			if !isASCII(lit) {
				return nil, false
			}
			lits[i] = strings.ToLower(lit)
		}
	}
	// A literal inside a longer one says nothing more.
	var kept []string
	for i, lit := range lits {
		inside := false
		for j, other := range lits {
			if j != i && strings.Contains(other, lit) && (len(other) > len(lit) || j < i) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, lit)
		}
	}
	return kept, fold
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func firstLine(code []byte) string {
	for len(code) > 0 {
		line := code
		if i := bytes.IndexByte(code, '\n'); i >= 0 {
			line, code = code[:i], code[i+1:]
		} else {
			code = nil
		}
		if s := strings.TrimSpace(string(line)); s != "" {
			return s
		}
	}
	return ""
}

func join(lang, attrs string) string {
	if attrs == "" {
		return lang
	}
	return lang + " " + attrs
}
