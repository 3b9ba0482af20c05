// Package mathtext writes a TeX math formula as readable plain text, for
// the places that show text rather than HTML: the printed cheat sheet,
// search results, practice card questions, titles. "O(n \log n)" reads
// "O(n log n)", "\alpha" reads "α", "x^2" reads "x²", "\frac{a}{b}" reads
// "a/b".
//
// It is best effort, by design: a table of the commands notes commonly
// use (Greek letters, operators, relations, arrows, sets, function names,
// fonts, accents, fractions, roots, binomials, scripts), and for anything
// else the command's name without its backslash. It never fails and never
// reads a formula more than once: each token is looked at once, and groups
// nested deeper than maxDepth are read as text. The site itself shows
// math as MathML that KaTeX renders at build time; this is only for text.
//
// No Go library does this (the converters there are are Python or
// JavaScript, or render to MathML or images), so it is written here.
package mathtext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns tex, a formula without its delimiters, as plain text.
func Text(tex string) string { return TextFor(tex, nil) }

// TextFor is Text for a font that can draw only the runes has reports
// (nil: every rune). A symbol it cannot draw is written as its ASCII
// spelling ("\in" as "in", "\Rightarrow" as "=>"), and a superscript or
// subscript with a character it lacks as "^(…)" or "_(…)".
func TextFor(tex string, has func(rune) bool) string {
	c := &converter{src: tex, has: has}
	var b strings.Builder
	b.Grow(len(tex))
	c.seq(&b, 0, false)
	return collapse(b.String())
}

// maxDepth is how deep groups and arguments nest before the rest is read
// as text: a formula of thousands of nested braces costs no recursion.
const maxDepth = 32

type converter struct {
	src string
	pos int
	has func(rune) bool
}

// can reports whether every rune of s can be drawn.
func (c *converter) can(s string) bool {
	if c.has == nil {
		return true
	}
	for _, r := range s {
		if r >= 0x80 && !c.has(r) {
			return false
		}
	}
	return true
}

// seq converts tokens until the end of the source or, when inGroup, the
// "}" closing the group (which it consumes).
func (c *converter) seq(b *strings.Builder, depth int, inGroup bool) {
	for c.pos < len(c.src) {
		if inGroup && c.src[c.pos] == '}' {
			c.pos++
			return
		}
		c.atom(b, depth)
	}
}

// atom converts one token (with its arguments and scripts) into b.
func (c *converter) atom(b *strings.Builder, depth int) {
	ch := c.src[c.pos]
	switch ch {
	case '{':
		c.pos++
		if depth >= maxDepth {
			c.raw(b)
			return
		}
		c.seq(b, depth+1, true)
	case '}':
		c.pos++ // unbalanced: dropped
	case '^', '_':
		c.pos++
		arg := c.arg(depth)
		b.WriteString(c.script(arg, ch == '^'))
	case '\\':
		c.command(b, depth)
	case '&':
		c.pos++
		b.WriteByte(' ')
	case '~':
		c.pos++
		b.WriteByte(' ')
	case '%':
		// A comment runs to the end of the line.
		if k := strings.IndexByte(c.src[c.pos:], '\n'); k >= 0 {
			c.pos += k
		} else {
			c.pos = len(c.src)
		}
	default:
		_, n := utf8.DecodeRuneInString(c.src[c.pos:])
		b.WriteString(c.src[c.pos : c.pos+n])
		c.pos += n
	}
}

// raw copies the rest of a group as it is written, for groups nested
// too deep: brace counting only, no recursion.
func (c *converter) raw(b *strings.Builder) {
	open := 1
	for c.pos < len(c.src) {
		ch := c.src[c.pos]
		c.pos++
		switch ch {
		case '{':
			open++
		case '}':
			if open--; open == 0 {
				return
			}
		}
		b.WriteByte(ch)
	}
}

// arg reads one argument: a group, a command (with its own arguments) or
// one character, skipping white space before it, and returns it as text.
func (c *converter) arg(depth int) string {
	for c.pos < len(c.src) && isSpace(c.src[c.pos]) {
		c.pos++
	}
	if c.pos >= len(c.src) {
		return ""
	}
	var b strings.Builder
	if depth >= maxDepth {
		if c.src[c.pos] == '{' {
			c.pos++
			c.raw(&b)
		} else {
			_, n := utf8.DecodeRuneInString(c.src[c.pos:])
			b.WriteString(c.src[c.pos : c.pos+n])
			c.pos += n
		}
		return b.String()
	}
	if c.src[c.pos] == '{' {
		c.pos++
		c.seq(&b, depth+1, true)
	} else {
		c.atom(&b, depth+1)
	}
	return strings.TrimSpace(b.String())
}

// optional reads an optional "[…]" argument, or returns "" and false.
func (c *converter) optional(depth int) (string, bool) {
	i := c.pos
	for i < len(c.src) && isSpace(c.src[i]) {
		i++
	}
	if i >= len(c.src) || c.src[i] != '[' {
		return "", false
	}
	end := strings.IndexByte(c.src[i:], ']')
	if end < 0 {
		return "", false
	}
	c.pos = i + end + 1
	inner := c.src[i+1 : i+end]
	if depth >= maxDepth {
		return inner, true
	}
	sub := &converter{src: inner, has: c.has}
	var b strings.Builder
	sub.seq(&b, depth+1, false)
	return collapse(b.String()), true
}

// command converts the command at c.pos ("\name" or "\" and one
// character).
func (c *converter) command(b *strings.Builder, depth int) {
	start := c.pos
	c.pos++
	if c.pos >= len(c.src) {
		return
	}
	if !isLetter(c.src[c.pos]) {
		_, n := utf8.DecodeRuneInString(c.src[c.pos:])
		c.symbol(b, c.src[start:c.pos+n])
		c.pos += n
		return
	}
	for c.pos < len(c.src) && isLetter(c.src[c.pos]) {
		c.pos++
	}
	name := c.src[start+1 : c.pos]
	switch {
	case name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac":
		num, den := c.arg(depth), c.arg(depth)
		b.WriteString(group(num) + "/" + group(den))
	case name == "binom" || name == "dbinom" || name == "tbinom":
		n, k := c.arg(depth), c.arg(depth)
		b.WriteString("C(" + n + ", " + k + ")")
	case name == "sqrt":
		index, ok := c.optional(depth)
		x := group(c.arg(depth))
		switch {
		case !ok:
			b.WriteString(c.pick("√", "sqrt") + x)
		case index == "3" && c.can("∛"):
			b.WriteString("∛" + x)
		case index == "4" && c.can("∜"):
			b.WriteString("∜" + x)
		default:
			b.WriteString("root(" + index + ", " + strings.Trim(x, "()") + ")")
		}
	case name == "char":
		c.char(b)
	case name == "begin" || name == "end":
		c.arg(depth) // the environment's name
		b.WriteByte(' ')
	case textCommands[name]:
		b.WriteString(c.arg(depth))
	case blackboard[name]:
		x := c.arg(depth)
		if r, ok := doubleStruck[x]; ok && c.can(string(r)) {
			b.WriteRune(r)
		} else {
			b.WriteString(x)
		}
	case accents[name] != "":
		x := c.arg(depth)
		if utf8.RuneCountInString(x) == 1 && c.can(accents[name]) {
			b.WriteString(x + accents[name])
		} else {
			b.WriteString(x)
		}
	case dropped[name]:
		if name == "left" || name == "right" || strings.HasPrefix(name, "big") || strings.HasPrefix(name, "Big") {
			// The delimiter that follows stays; "\left." has none.
			if c.pos < len(c.src) && c.src[c.pos] == '.' {
				c.pos++
			}
		}
	case name == "newline":
		b.WriteByte(' ')
	default:
		_, known := symbols[c.src[start:c.pos]]
		c.symbol(b, c.src[start:c.pos])
		if (words[name] || !known) && c.pos < len(c.src) && (isLetter(c.src[c.pos]) || c.src[c.pos] >= '0' && c.src[c.pos] <= '9' || c.src[c.pos] == '{') {
			// "\log{n}", "\sin x" and unknown names read as words.
			b.WriteByte(' ')
		}
	}
}

// symbol writes a command that stands for a symbol or word, or failing
// that the command's name.
func (c *converter) symbol(b *strings.Builder, cmd string) {
	if s, ok := symbols[cmd]; ok {
		b.WriteString(c.pick(s.uni, s.ascii))
		return
	}
	if len(cmd) == 2 {
		// An escaped character: "\{", "\%", "\$", "\ ", "\,", ...
		switch cmd[1] {
		case ',', ':', ';', '>', ' ':
			b.WriteByte(' ')
		case '!', '/':
		case '\\':
			b.WriteByte(' ') // a line break in an aligned formula
		default:
			b.WriteString(cmd[1:])
		}
		return
	}
	// An unknown command: its name reads best.
	b.WriteString(cmd[1:])
}

// pick returns uni when it can be drawn, else ascii.
func (c *converter) pick(uni, ascii string) string {
	if c.can(uni) {
		return uni
	}
	return ascii
}

// char writes "\char36", "\char"24" or "\char'44" as the character.
func (c *converter) char(b *strings.Builder) {
	base := 10
	if c.pos < len(c.src) {
		switch c.src[c.pos] {
		case '"':
			base = 16
			c.pos++
		case '\'':
			base = 8
			c.pos++
		}
	}
	n, digits := 0, 0
	for c.pos < len(c.src) && digits < 7 {
		d := digitValue(c.src[c.pos])
		if d < 0 || d >= base {
			break
		}
		n = n*base + d
		c.pos++
		digits++
	}
	if digits > 0 && n < unicode.MaxRune && utf8.ValidRune(rune(n)) && !unicode.IsControl(rune(n)) {
		b.WriteRune(rune(n))
	}
}

// script writes arg as a superscript or subscript: in Unicode script
// characters when every character has one that can be drawn, else "^x",
// "^(…)".
func (c *converter) script(arg string, sup bool) string {
	table, mark := subscripts, "_"
	if sup {
		table, mark = superscripts, "^"
	}
	if arg == "" {
		return ""
	}
	if sup && (arg == "′" || arg == "′′" || arg == "\\prime") {
		return arg
	}
	var b strings.Builder
	for _, r := range arg {
		s, ok := table[r]
		if !ok || !c.can(string(s)) {
			if utf8.RuneCountInString(arg) == 1 {
				return mark + arg
			}
			return mark + "(" + arg + ")"
		}
		b.WriteRune(s)
	}
	return b.String()
}

// group writes a fraction's part in parentheses when it is more than one
// term.
func group(s string) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 1 || isTerm(s) {
		return s
	}
	return "(" + s + ")"
}

// isTerm reports whether s reads as one term without parentheses: a
// number, a name, or something already in brackets.
func isTerm(s string) bool {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1 {
		return true
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && !isScript(r) {
			return false
		}
	}
	return true
}

func isScript(r rune) bool { return scriptRunes[r] }

// scriptRunes holds every superscript and subscript character.
var scriptRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, t := range []map[rune]rune{superscripts, subscripts} {
		for _, v := range t {
			m[v] = true
		}
	}
	return m
}()

// collapse turns runs of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
