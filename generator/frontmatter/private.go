package frontmatter

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
)

// privacyKeys are the keys that can keep a note from being published,
// after foldKey, each with what its value means (see privacy).
var privacyKeys = map[string]privacyKey{
	"draft":      hiddenWhenTrue,
	"private":    hiddenWhenTrue,
	"publish":    hiddenWhenFalse,
	"published":  hiddenWhenFalse,
	"visibility": hiddenUnlessPublic,
}

type privacyKey int

const (
	hiddenWhenTrue privacyKey = iota
	hiddenWhenFalse
	hiddenUnlessPublic
)

// visibilities are the values of "visibility" that are clearly understood;
// true means the note is published.
var visibilities = map[string]bool{
	"public": true, "published": true,
	"private": false, "hidden": false, "draft": false, "unlisted": false,
	"internal": false, "secret": false, "personal": false,
}

// privacy decides from every privacy field as written (before duplicates
// are merged, so that one "private: true" is enough) whether the note is
// kept back. It fails closed: a value that is not clearly a boolean (or,
// for "visibility", a known word) keeps the note back, with an error.
// decided holds the lines of the privacy fields it read or reported.
func privacy(fields []field) (hidden bool, decided map[int]bool, errs []Problem) {
	for _, f := range fields {
		kind, ok := privacyKeys[foldKey(f.key)]
		if !ok || isEmpty(f.value) {
			continue
		}
		if decided == nil {
			decided = map[int]bool{}
		}
		decided[f.line] = true
		if kind == hiddenUnlessPublic {
			s, _ := f.value.(string)
			public, known := visibilities[strings.ToLower(strings.TrimSpace(s))]
			if !known {
				errs = append(errs, Problem{f.line, fmt.Sprintf(`%q is %s, neither "public" nor "private"; the note is not published until it is one of them`, f.key, describe(f.value)), diag.Privacy})
				hidden = true
				continue
			}
			hidden = hidden || !public
			continue
		}
		b, ok := clearBool(f.value)
		if !ok {
			errs = append(errs, Problem{f.line, fmt.Sprintf("%q is %s, which is not clearly true or false; the note is not published until it is", f.key, describe(f.value)), diag.Privacy})
			hidden = true
			continue
		}
		hidden = hidden || b == (kind == hiddenWhenTrue)
	}
	return hidden, decided, errs
}

// mention finds a privacy key written as a key: at the start of a line
// (after indentation, list dashes, brackets and quotes) or after the '{'
// or ',' of a flow mapping, in any case, not part of a longer name, then
// ':' or '='. A word in a value ("status: draft: maybe") is not a key.
var mention = regexp.MustCompile(`(?i)(?:^|[{,])[\s\-\[{"']*(draft|private|published|publish|visibility)["']?[ \t]*[:=]`)

// mentions reports each line of a front matter block that could not be
// read which mentions a privacy key, other than the lines of the privacy
// fields privacy decided on. Such a note is kept back: its author may
// well have meant it to be private.
func mentions(block []byte, first int, decided map[int]bool) []Problem {
	var errs []Problem
	for line := first; len(block) > 0; line++ {
		l, rest, _ := cutLine(block)
		block = rest
		m := mention.FindSubmatch(l)
		if m == nil || decided[line] {
			continue
		}
		errs = append(errs, Problem{line, fmt.Sprintf("%q is set in front matter that cannot be read; the note is not published until the front matter is fixed", m[1]), diag.Privacy})
	}
	return errs
}
