package normalize

import (
	"bytes"
	"strings"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark/ast"
)

// atxHeading returns the level and the raw text of an ATX heading line
// ("## Text ##" gives 2, "Text"), or 0 when the line is not one.
func atxHeading(line []byte) (level int, text []byte) {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i == len(line) || line[i] != '#' {
		return 0, nil // most lines: no need to trim them
	}
	line = bytes.TrimRight(line, "\r\n")
	n := 0
	for i+n < len(line) && line[i+n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return 0, nil
	}
	rest := line[i+n:]
	if len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t' {
		return 0, nil
	}
	rest = bytes.TrimSpace(rest)
	// An optional closing sequence of '#'s, preceded by a space.
	if j := len(rest); j > 0 && rest[j-1] == '#' {
		k := j
		for k > 0 && rest[k-1] == '#' {
			k--
		}
		if k == 0 {
			rest = rest[:0]
		} else if rest[k-1] == ' ' || rest[k-1] == '\t' {
			rest = bytes.TrimSpace(rest[:k])
		}
	}
	return n, rest
}

// customID splits Hugo's heading attribute "{#id}" off a heading's text.
func customID(text string) (rest, id string) {
	t := strings.TrimSpace(text)
	if !strings.HasSuffix(t, "}") {
		return text, ""
	}
	open := strings.LastIndex(t, "{")
	if open < 0 {
		return text, ""
	}
	for _, f := range strings.Fields(t[open+1 : len(t)-1]) {
		if v, ok := strings.CutPrefix(f, "#"); ok && v != "" {
			return strings.TrimSpace(t[:open]), v
		}
	}
	return text, ""
}

// headingIDs assigns ids to heading texts as Hugo will: custom ids are
// kept, the rest come from markdown.IDs in document order.
type headingIDs struct{ ids *markdown.IDs }

func (h headingIDs) next(raw string) (visible, id string) {
	rest, custom := customID(raw)
	if custom != "" {
		h.ids.Put([]byte(custom))
		return rest, custom
	}
	return raw, h.ids.Next(raw, ast.KindHeading)
}
