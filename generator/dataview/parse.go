package dataview

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind is what a query shows: LIST, TABLE or TASK.
type Kind int

const (
	ListQuery Kind = iota
	TableQuery
	TaskQuery
)

// Query is a parsed DQL query.
type Query struct {
	Kind Kind
	// WithoutID drops the first column of a TABLE, or the link before the
	// value of a LIST.
	WithoutID bool
	// Fields are the columns of a TABLE, or the value a LIST shows after
	// each link (one at most).
	Fields []namedExpr
	from   source // nil: every note
	ops    []op
}

// An Error is a query Crib does not run: one outside the subset
// (Unsupported), or one that is not DQL. Offset is where, in bytes into
// the query.
type Error struct {
	Offset      int
	Msg         string
	Unsupported bool
}

func (e *Error) Error() string { return e.Msg }

// Limits on a query, which a note writes: a query longer than MaxQuery
// bytes, or nesting parentheses, lists, calls or negations more than
// MaxDepth deep, is refused before it is read further.
const (
	MaxQuery = 16 << 10
	MaxDepth = 64
)

// namedExpr is an expression with the name its column or group shows: as
// written after AS, else the expression's own text.
type namedExpr struct {
	name string
	expr expr
}

type op interface{ isOp() }

type whereOp struct{ cond expr }
type sortOp struct{ keys []sortKey }
type limitOp struct{ n expr }
type groupOp struct{ by namedExpr }

func (whereOp) isOp() {}
func (sortOp) isOp()  {}
func (limitOp) isOp() {}
func (groupOp) isOp() {}

type sortKey struct {
	expr expr
	desc bool
}

// Sources, the notes FROM starts with.
type source interface{ isSource() }

type tagSource struct{ tag string }     // #tag: the tag or a tag under it
type folderSource struct{ path string } // "folder" or "folder/note"
type linkSource struct {                // [[note]] or outgoing([[note]])
	target   string // "" for the note holding the query
	outgoing bool
}
type notSource struct{ s source }
type binarySource struct {
	and  bool
	l, r source
}

func (tagSource) isSource()    {}
func (folderSource) isSource() {}
func (linkSource) isSource()   {}
func (notSource) isSource()    {}
func (binarySource) isSource() {}

// Expressions.
type expr interface{ isExpr() }

type literal struct{ v any }
type variable struct{ name string }
type indexExpr struct{ obj, key expr } // a.b, a["b"], a[0]
type callExpr struct {
	name string
	args []expr
}
type negateExpr struct{ e expr }
type binaryExpr struct {
	op   string // "and", "or", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"
	l, r expr
}
type listExpr struct{ items []expr }

func (literal) isExpr()    {}
func (variable) isExpr()   {}
func (indexExpr) isExpr()  {}
func (callExpr) isExpr()   {}
func (negateExpr) isExpr() {}
func (binaryExpr) isExpr() {}
func (listExpr) isExpr()   {}

// keywords cannot name a field: they start the next part of a query. As
// in Dataview, a field of that name is read as row["where"].
var keywords = []string{"FROM", "WHERE", "LIMIT", "GROUP", "FLATTEN", "SORT"}

// Parse reads a DQL query. Keywords are read in any case; "//" starts a
// comment line. What is outside the subset is an *Error with Unsupported
// set, naming what it is.
func Parse(src string) (q *Query, err error) {
	if len(src) > MaxQuery {
		return nil, &Error{Msg: fmt.Sprintf("the query is longer than %d KB", MaxQuery>>10)}
	}
	if !utf8.ValidString(src) {
		return nil, &Error{Msg: "the query is not valid UTF-8"}
	}
	p := &parser{src: blankComments(src)}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			q, err = nil, e
		}
	}()
	return p.query(), nil
}

// blankComments turns lines that start with "//" into spaces, keeping
// every offset.
func blankComments(src string) string {
	if !strings.Contains(src, "//") {
		return src
	}
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), "//") {
			lines[i] = strings.Repeat(" ", len(strings.TrimRight(l, "\n"))) + l[len(strings.TrimRight(l, "\n")):]
		}
	}
	return strings.Join(lines, "")
}

// parser reads a query by recursive descent; it panics with an *Error,
// which Parse recovers, at the first thing it cannot read.
type parser struct {
	src   string
	pos   int
	depth int
}

func (p *parser) fail(unsupported bool, format string, args ...any) {
	panic(&Error{Offset: p.pos, Msg: fmt.Sprintf(format, args...), Unsupported: unsupported})
}

func (p *parser) enter() {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(false, "the query nests more than %d deep", MaxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) eof() bool { return p.pos >= len(p.src) }

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// peekWord reports whether the text at pos is word, in any case, and not
// the start of a longer identifier.
func (p *parser) peekWord(word string) bool {
	end := p.pos + len(word)
	if end > len(p.src) || !strings.EqualFold(p.src[p.pos:end], word) {
		return false
	}
	if end < len(p.src) {
		r, _ := utf8.DecodeRuneInString(p.src[end:])
		if identRune(r) {
			return false
		}
	}
	return true
}

func (p *parser) word(word string) bool {
	if p.peekWord(word) {
		p.pos += len(word)
		return true
	}
	return false
}

func (p *parser) lit(s string) bool {
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

func (p *parser) expect(s string) {
	if !p.lit(s) {
		p.fail(false, "expected %q%s", s, p.found())
	}
}

// found says what stands where the parser stopped, for messages.
func (p *parser) found() string {
	if p.eof() {
		return " at the end of the query"
	}
	rest := p.src[p.pos:]
	if i := strings.IndexAny(rest, " \t\n"); i > 0 {
		rest = rest[:i]
	}
	if len(rest) > 20 {
		rest = rest[:20] + "…"
	}
	return fmt.Sprintf(", found %q", rest)
}

// atKeyword reports whether a keyword that starts a clause is at pos.
func (p *parser) atKeyword() bool {
	for _, k := range keywords {
		if p.peekWord(k) {
			return true
		}
	}
	return false
}

func (p *parser) query() *Query {
	p.skipSpace()
	q := &Query{}
	switch {
	case p.word("LIST"):
		q.Kind = ListQuery
		q.WithoutID = p.withoutID()
		if p.skipSpace(); !p.eof() && !p.atKeyword() {
			q.Fields = []namedExpr{{expr: p.expr()}}
		}
	case p.word("TABLE"):
		q.Kind = TableQuery
		q.WithoutID = p.withoutID()
		for p.skipSpace(); !p.eof() && !p.atKeyword(); {
			q.Fields = append(q.Fields, p.namedExpr())
			if p.skipSpace(); !p.lit(",") {
				break
			}
			p.skipSpace()
		}
	case p.word("TASK"):
		q.Kind = TaskQuery
	case p.word("CALENDAR"):
		p.fail(true, "CALENDAR queries are not supported")
	default:
		p.fail(false, "a query starts with LIST, TABLE or TASK%s", p.found())
	}
	p.skipSpace()
	if p.word("FROM") {
		p.skipSpace()
		q.from = p.source()
	}
	for p.skipSpace(); !p.eof(); p.skipSpace() {
		start := p.pos
		switch {
		case p.word("WHERE"):
			p.skipSpace()
			q.ops = append(q.ops, whereOp{p.expr()})
		case p.word("SORT"):
			var keys []sortKey
			for {
				p.skipSpace()
				k := sortKey{expr: p.expr()}
				p.skipSpace()
				switch {
				case p.word("DESCENDING"), p.word("DESC"):
					k.desc = true
				case p.word("ASCENDING"), p.word("ASC"):
				}
				keys = append(keys, k)
				if p.skipSpace(); !p.lit(",") {
					break
				}
			}
			q.ops = append(q.ops, sortOp{keys})
		case p.word("LIMIT"):
			p.skipSpace()
			q.ops = append(q.ops, limitOp{p.expr()})
		case p.word("GROUP"):
			p.skipSpace()
			if !p.word("BY") {
				p.fail(false, "expected GROUP BY%s", p.found())
			}
			p.skipSpace()
			q.ops = append(q.ops, groupOp{p.namedExpr()})
		case p.word("FLATTEN"):
			p.pos = start
			p.fail(true, "FLATTEN is not supported")
		case p.word("FROM"):
			p.pos = start
			p.fail(false, "FROM may come only once, right after %s", [...]string{"LIST", "TABLE", "TASK"}[q.Kind])
		default:
			p.fail(false, "expected WHERE, SORT, GROUP BY or LIMIT%s", p.found())
		}
	}
	return q
}

func (p *parser) withoutID() bool {
	save := p.pos
	p.skipSpace()
	if p.word("WITHOUT") {
		p.skipSpace()
		if p.word("ID") {
			return true
		}
	}
	p.pos = save
	return false
}

// namedExpr reads an expression and an optional "AS name".
func (p *parser) namedExpr() namedExpr {
	start := p.pos
	e := p.expr()
	text := p.src[start:p.pos]
	save := p.pos
	p.skipSpace()
	if p.word("AS") {
		p.skipSpace()
		if p.peek() == '"' {
			return namedExpr{name: p.str(), expr: e}
		}
		if name := p.ident(); name != "" {
			return namedExpr{name: name, expr: e}
		}
		p.fail(false, "expected a name after AS%s", p.found())
	}
	p.pos = save
	// As Dataview names it: the text with its line breaks and the space
	// around them left out.
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			line = strings.TrimLeft(line, " \t\r")
		}
		b.WriteString(strings.TrimRight(line, " \t\r"))
	}
	return namedExpr{name: b.String(), expr: e}
}

func (p *parser) peek() byte {
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

// Sources: and/or of atoms, left to right, as Dataview reads them.
func (p *parser) source() source {
	p.enter()
	defer p.leave()
	s := p.sourceAtom()
	for {
		save := p.pos
		p.skipSpace()
		var and bool
		switch {
		case p.word("and"), p.lit("&"):
			and = true
		case p.word("or"), p.lit("|"):
		default:
			p.pos = save
			return s
		}
		p.skipSpace()
		s = binarySource{and: and, l: s, r: p.sourceAtom()}
	}
}

func (p *parser) sourceAtom() source {
	switch c := p.peek(); {
	case c == '(':
		p.pos++
		p.skipSpace()
		s := p.source()
		p.skipSpace()
		p.expect(")")
		return s
	case c == '-' || c == '!':
		p.pos++
		p.enter()
		defer p.leave()
		return notSource{p.sourceAtom()}
	case c == '#':
		return tagSource{p.tag()}
	case c == '"':
		return folderSource{strings.TrimSuffix(p.str(), "/")}
	case strings.HasPrefix(p.src[p.pos:], "[["):
		target, _, _ := p.link()
		return linkSource{target: target}
	case p.peekWord("outgoing"):
		p.word("outgoing")
		p.expect("(")
		p.skipSpace()
		if !strings.HasPrefix(p.src[p.pos:], "[[") {
			p.fail(false, "expected a [[link]] in outgoing()%s", p.found())
		}
		target, _, _ := p.link()
		p.skipSpace()
		p.expect(")")
		return linkSource{target: target, outgoing: true}
	case p.peekWord("csv"):
		p.fail(true, "csv() sources are not supported")
	}
	p.fail(false, "expected a #tag, a \"folder\", a [[link]] or outgoing([[link]])%s", p.found())
	return nil
}

// tag reads "#tag/sub" and returns it without the '#'.
func (p *parser) tag() string {
	p.pos++ // '#'
	start := p.pos
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '/' && r != '-' && !emoji(r) {
			break
		}
		p.pos += n
	}
	if p.pos == start {
		p.fail(false, "expected a tag after '#'")
	}
	return p.src[start:p.pos]
}

// link reads "[[target#fragment|display]]".
func (p *parser) link() (target, fragment, display string) {
	p.pos += 2
	end := strings.Index(p.src[p.pos:], "]]")
	if end < 0 || strings.ContainsAny(p.src[p.pos:p.pos+end], "[]\n") {
		p.fail(false, "a [[link]] is not closed")
	}
	inner := p.src[p.pos : p.pos+end]
	p.pos += end + 2
	return splitLink(inner)
}

// splitLink splits the inside of [[...]] as Dataview does: display text
// after the first '|' not escaped, a fragment after the first '#'.
func splitLink(inner string) (target, fragment, display string) {
	for i := 0; i < len(inner); i++ {
		if inner[i] == '|' && (i == 0 || inner[i-1] != '\\') {
			inner, display = inner[:i], inner[i+1:]
			break
		}
	}
	inner = strings.ReplaceAll(inner, `\|`, "|")
	target, fragment, _ = strings.Cut(inner, "#")
	return strings.TrimSpace(target), strings.TrimSpace(fragment), display
}

// Expressions, lowest precedence first, each level left-associative:
// and/or (one level, as in Dataview), comparisons, + and -, * / and %.

func (p *parser) expr() expr {
	p.enter()
	defer p.leave()
	l := p.compare()
	for {
		save := p.pos
		p.skipSpace()
		var op string
		switch {
		case p.word("and"), p.lit("&"):
			op = "and"
		case p.word("or"), p.lit("|"):
			op = "or"
		default:
			p.pos = save
			return l
		}
		p.skipSpace()
		l = binaryExpr{op: op, l: l, r: p.compare()}
	}
}

var compareOps = []string{">=", "<=", "!=", ">", "<", "="}

func (p *parser) compare() expr {
	l := p.additive()
	for {
		save := p.pos
		p.skipSpace()
		op := ""
		for _, o := range compareOps {
			if p.lit(o) {
				op = o
				break
			}
		}
		if op == "" || op == "=" && p.peek() == '>' {
			p.pos = save
			return l
		}
		p.skipSpace()
		l = binaryExpr{op: op, l: l, r: p.additive()}
	}
}

func (p *parser) additive() expr { return p.operands("+-", p.multiplicative) }

func (p *parser) multiplicative() expr { return p.operands("*/%", p.postfix) }

// operands reads operands of next joined by the one-byte operators in
// ops, left to right.
func (p *parser) operands(ops string, next func() expr) expr {
	l := next()
	for {
		save := p.pos
		p.skipSpace()
		c := p.peek()
		if c == 0 || strings.IndexByte(ops, c) < 0 {
			p.pos = save
			return l
		}
		p.pos++
		p.skipSpace()
		l = binaryExpr{op: string(c), l: l, r: next()}
	}
}

// postfix reads an atom and what follows it without a space: ".field",
// "[index]" and, after a function's name, "(arguments)".
func (p *parser) postfix() expr {
	e := p.atom()
	for {
		switch p.peek() {
		case '.':
			p.pos++
			name := p.ident()
			if name == "" {
				p.fail(false, "expected a field name after '.'%s", p.found())
			}
			e = indexExpr{obj: e, key: literal{name}}
		case '[':
			p.pos++
			p.enter()
			p.skipSpace()
			key := p.expr()
			p.skipSpace()
			p.expect("]")
			p.leave()
			e = indexExpr{obj: e, key: key}
		case '(':
			v, ok := e.(variable)
			if !ok {
				p.fail(true, "calling a value as a function is not supported")
			}
			p.enter()
			e = p.call(v.name)
			p.leave()
		default:
			return e
		}
	}
}

func (p *parser) call(name string) expr {
	fn := strings.ToLower(name)
	if _, ok := functions[fn]; !ok {
		p.fail(true, "the function %s() is not supported", name)
	}
	p.pos++ // '('
	var args []expr
	p.skipSpace()
	if !p.lit(")") {
		for {
			p.skipSpace()
			args = append(args, p.expr())
			p.skipSpace()
			if p.lit(")") {
				break
			}
			p.expect(",")
		}
	}
	if f := functions[fn]; len(args) < f.min || len(args) > f.max {
		p.fail(false, "%s() takes %s", name, f.arity())
	}
	return callExpr{name: fn, args: args}
}

func (p *parser) atom() expr {
	if p.eof() {
		p.fail(false, "expected a value at the end of the query")
	}
	rest := p.src[p.pos:]
	switch c := rest[0]; {
	case strings.HasPrefix(rest, "![["):
		p.pos++
		return p.linkLiteral()
	case c == '!':
		p.pos++
		p.enter()
		defer p.leave()
		return negateExpr{p.postfix()}
	case strings.HasPrefix(rest, "[["):
		return p.linkLiteral()
	case c == '[':
		p.pos++
		p.enter()
		defer p.leave()
		var items []expr
		p.skipSpace()
		if !p.lit("]") {
			for {
				p.skipSpace()
				items = append(items, p.expr())
				p.skipSpace()
				if p.lit("]") {
					break
				}
				p.expect(",")
			}
		}
		return listExpr{items}
	case c == '{':
		p.fail(true, "object literals are not supported")
	case c == '(':
		p.pos++
		p.enter()
		defer p.leave()
		p.skipSpace()
		e := p.expr()
		p.skipSpace()
		if p.peek() == ',' {
			p.fail(true, "lambdas are not supported")
		}
		p.expect(")")
		save := p.pos
		if p.skipSpace(); p.lit("=>") {
			p.fail(true, "lambdas are not supported")
		}
		p.pos = save
		return e
	case c == '"':
		return literal{p.str()}
	case c == '-' || c >= '0' && c <= '9':
		if n, ok := p.number(); ok {
			return literal{n}
		}
	case p.word("true"):
		return literal{true}
	case p.word("false"):
		return literal{false}
	case p.word("null"):
		return literal{nil}
	case p.peekWord("date") && strings.HasPrefix(rest[4:], "("):
		if d, ok := p.dateLiteral(); ok {
			return literal{d}
		}
	case p.peekWord("dur") && strings.HasPrefix(rest[3:], "("):
		p.fail(true, "durations are not supported")
	}
	start := p.pos
	name := p.ident()
	if name == "" {
		p.fail(false, "expected a value%s", p.found())
	}
	for _, k := range keywords {
		if strings.EqualFold(name, k) {
			p.pos = start
			p.fail(false, "expected a value%s", p.found())
		}
	}
	return variable{name}
}

func (p *parser) linkLiteral() expr {
	target, fragment, display := p.link()
	return literal{&Link{Target: target, Fragment: fragment, Display: display}}
}

// dateLiteral reads date(2024-01-31) and the like. Relative dates
// (date(today), date(now), ...) are not supported: a page must not change
// with the day it was built on. It returns false for anything else in
// parentheses, which is then a call of the function date().
func (p *parser) dateLiteral() (time.Time, bool) {
	save := p.pos
	p.pos += len("date(")
	p.skipSpace()
	word := p.pos
	for p.pos < len(p.src) && (isLetter(p.src[p.pos]) || p.src[p.pos] == '-') {
		p.pos++
	}
	if shorthand := strings.ToLower(p.src[word:p.pos]); relativeDates[shorthand] {
		if p.skipSpace(); p.peek() == ')' {
			p.pos = word
			p.fail(true, "date(%s) is not supported: the page would change with the day it is built", shorthand)
		}
	}
	p.pos = word
	t, n, ok := parseDate(p.src[p.pos:])
	if ok {
		p.pos += n
		if p.skipSpace(); p.lit(")") {
			return t, true
		}
	}
	p.pos = save
	return time.Time{}, false
}

var relativeDates = map[string]bool{
	"now": true, "today": true, "yesterday": true, "tomorrow": true,
	"sow": true, "start-of-week": true, "eow": true, "end-of-week": true,
	"soy": true, "start-of-year": true, "eoy": true, "end-of-year": true,
	"som": true, "start-of-month": true, "eom": true, "end-of-month": true,
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *parser) number() (float64, bool) {
	i := p.pos
	if i < len(p.src) && p.src[i] == '-' {
		i++
	}
	digits := i
	for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
		i++
	}
	if i == digits {
		return 0, false
	}
	if i+1 < len(p.src) && p.src[i] == '.' && p.src[i+1] >= '0' && p.src[i+1] <= '9' {
		i++
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			i++
		}
	}
	f, err := strconv.ParseFloat(p.src[p.pos:i], 64)
	if err != nil {
		return 0, false
	}
	p.pos = i
	return f, true
}

// str reads a "string": a backslash keeps the character after it, and
// is kept itself unless that character is '"' or '\'.
func (p *parser) str() string {
	start := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch c {
		case '"':
			p.pos++
			return b.String()
		case '\\':
			if p.pos+1 < len(p.src) {
				next := p.src[p.pos+1]
				if next != '"' && next != '\\' {
					b.WriteByte('\\')
				}
				b.WriteByte(next)
				p.pos += 2
				continue
			}
		}
		b.WriteByte(c)
		p.pos++
	}
	p.pos = start
	p.fail(false, "a string is not closed")
	return ""
}

// ident reads an identifier: a letter (or emoji), then letters, digits,
// '_' and '-'. It returns "" when there is none at pos.
func (p *parser) ident() string {
	start := p.pos
	r, n := utf8.DecodeRuneInString(p.src[p.pos:])
	if !unicode.IsLetter(r) && !emoji(r) {
		return ""
	}
	p.pos += n
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !identRune(r) {
			break
		}
		p.pos += n
	}
	return p.src[start:p.pos]
}

func identRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || emoji(r)
}

// emoji approximates Dataview's emoji in names: pictographs and symbols.
func emoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF
}

// parseDate reads a date as Dataview writes one, at the start of s:
// YYYY-MM, then optionally -DD, THH, :mm, :ss, .SSS and a zone (Z, +hh,
// +hh:mm). A date without a zone is in UTC. n is how many bytes it read.
func parseDate(s string) (t time.Time, n int, ok bool) {
	num := func(i, width int) (int, bool) {
		if i+width > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+width]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	year, ok := num(0, 4)
	if !ok || len(s) < 7 || s[4] != '-' {
		return t, 0, false
	}
	month, ok := num(5, 2)
	if !ok {
		return t, 0, false
	}
	day, hour, minute, sec, nsec := 1, 0, 0, 0, 0
	n = 7
	parts := []struct {
		sep   byte
		width int
		into  *int
	}{{'-', 2, &day}, {'T', 2, &hour}, {':', 2, &minute}, {':', 2, &sec}, {'.', 3, &nsec}}
	for _, part := range parts {
		if n >= len(s) || s[n] != part.sep {
			break
		}
		v, ok := num(n+1, part.width)
		if !ok {
			break
		}
		*part.into = v
		n += 1 + part.width
	}
	loc := time.UTC
	if n < len(s) {
		switch s[n] {
		case 'Z':
			n++
		case '+', '-':
			if h, ok := num(n+1, 2); ok {
				off, used := h*3600, 3
				if n+3 < len(s) && s[n+3] == ':' {
					if m, ok := num(n+4, 2); ok {
						off, used = off+m*60, 6
					}
				}
				if s[n] == '-' {
					off = -off
				}
				loc = time.FixedZone("", off)
				n += used
			}
		}
	}
	if month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, 0, false
	}
	t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec*int(time.Millisecond), loc)
	if t.Day() != day {
		return time.Time{}, 0, false // February 30th
	}
	return t, n, true
}
