package frontmatter

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
	"gopkg.in/yaml.v3"
)

// maxNodes bounds the work spent on one front matter block, so that a
// "billion laughs" of YAML aliases cannot stall a build.
const maxNodes = 20000

// readYAML reads a YAML front matter block whose first line is file line
// first. isMeta is false when the block is not front matter at all: it
// does not parse and does not start with a "key:" line, as when a note
// starts with a "---" thematic break. whole is true when the block was
// read as a whole, false when it was read key by key.
func readYAML(front []byte, first int) (fields []field, probs []Problem, isMeta, whole bool) {
	var doc yaml.Node
	err := yaml.Unmarshal(front, &doc)
	if err == nil {
		if root := docRoot(&doc); root == nil || root.Kind == yaml.MappingNode {
			return fromMapping(root, front, first, &probs), probs, true, true
		}
	}
	if !startsWithKey(front) {
		return nil, nil, false, false
	}
	// Tabs are not allowed as YAML indentation but Obsidian users type
	// them; read them as spaces and try again.
	if fixed, tabLines := untab(front); len(tabLines) > 0 {
		probs = append(probs, Problem{tabLines[0] + first - 1, fmt.Sprintf("tabs used as indentation on %s; read as spaces", lineList(tabLines, first)), diag.FrontMatter})
		front = fixed
		var doc yaml.Node
		err = yaml.Unmarshal(front, &doc)
		if root := docRoot(&doc); err == nil && (root == nil || root.Kind == yaml.MappingNode) {
			return fromMapping(root, front, first, &probs), probs, true, true
		}
	}
	fields, chunkProbs := recoverYAML(front, first)
	if len(chunkProbs) == 0 {
		// Every entry reads on its own but not together (inconsistent
		// indentation, say): report the parser's complaint.
		line := first
		if err != nil {
			line = yamlErrLine(err, first)
		}
		probs = append(probs, Problem{line, fmt.Sprintf("front matter is not valid YAML (%s); read key by key", yamlErrMsg(err)), diag.FrontMatter})
	}
	return fields, append(probs, chunkProbs...), true, false
}

// docRoot returns the top node of a parsed block, nil for an empty one.
func docRoot(doc *yaml.Node) *yaml.Node {
	switch {
	case doc.Kind == 0:
		return nil
	case doc.Kind != yaml.DocumentNode:
		return doc
	case len(doc.Content) == 0:
		return nil
	}
	return doc.Content[0]
}

// yamlErrLine finds the "line N" yaml.v3 puts in most of its messages.
func yamlErrLine(err error, first int) int {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "line "); ok {
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(rest)
		}
		if n, err := strconv.Atoi(rest[:end]); err == nil {
			return n + first - 1
		}
	}
	return first
}

func yamlErrMsg(err error) string {
	if err == nil {
		return "the block is not a key: value mapping"
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if _, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(msg, "line ") {
		msg = rest
	}
	return msg
}

// fromMapping turns the top-level mapping into fields.
func fromMapping(root *yaml.Node, front []byte, first int, probs *[]Problem) []field {
	if root == nil {
		return nil
	}
	c := converter{}
	var fields []field
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f := field{key: c.key(k), line: k.Line + first - 1}
		if v.Kind == yaml.SequenceNode {
			for _, item := range v.Content {
				f.itemLines = append(f.itemLines, item.Line+first-1)
			}
		}
		f.value = c.plain(v)
		if c.badMerge {
			*probs = append(*probs, Problem{f.line, fmt.Sprintf(`merge key "<<" under %q does not refer to a mapping; ignored`, f.key), diag.FrontMatter})
			c.badMerge = false
		}
		if isTagKey(f.key) {
			hashTags(&f, k, v, front, first)
		}
		fields = append(fields, f)
	}
	if c.truncated {
		*probs = append(*probs, Problem{first, "front matter is nested too deeply, too large, or has an alias that refers to itself; the excess is left out", diag.FrontMatter})
	}
	return fields
}

func isTagKey(k string) bool {
	k = foldKey(k)
	return k == "tags" || k == "tag"
}

// hashTags recovers tags written with their '#', which YAML reads as a
// comment: "tags: #docker #k8s" has no value, and the item "- #docker" is
// empty. The text is read back from the comment or the source line.
func hashTags(f *field, k, v *yaml.Node, front []byte, first int) {
	const msg = `tags written with "#" read as tags (YAML reads " #..." as a comment; quote them or drop the "#")`
	if v.Kind == yaml.ScalarNode && v.ShortTag() == "!!null" {
		c := strings.TrimSpace(v.LineComment + k.LineComment)
		if strings.HasPrefix(c, "#") {
			f.value, f.fixed = c, msg
		}
		return
	}
	if v.Kind != yaml.SequenceNode {
		return
	}
	items, _ := f.value.([]any)
	var lines []string // the block's lines, split once when first needed
	for i, item := range v.Content {
		if item.Kind != yaml.ScalarNode || item.ShortTag() != "!!null" || i >= len(items) {
			continue
		}
		if lines == nil {
			lines = splitLines(front)
		}
		line := ""
		if item.Line-1 < len(lines) {
			line = lines[item.Line-1]
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-")
		rest = strings.TrimSpace(rest)
		if ok && strings.HasPrefix(rest, "#") {
			items[i], f.fixed = rest, msg
		}
	}
}

// converter turns YAML nodes into plain values, within a node budget and
// a nesting depth, expanding each alias but never into itself.
type converter struct {
	nodes     int
	depth     int
	truncated bool
	badMerge  bool                // a "<<" key whose value is not a mapping
	expanding map[*yaml.Node]bool // anchors being expanded, to stop cycles
}

const maxDepth = 64

func (c *converter) key(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	// A map or list used as a key, as in "{{title}}: x"; spell it in
	// YAML flow style so it stays a readable, stable string.
	out, err := yaml.Marshal(c.plain(n))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func (c *converter) plain(n *yaml.Node) any {
	c.nodes++
	if c.nodes > maxNodes || c.depth >= maxDepth {
		c.truncated = true
		return nil
	}
	c.depth++
	defer func() { c.depth-- }()
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return c.plain(n.Content[0])
	case yaml.AliasNode:
		if n.Alias == nil || c.expanding[n.Alias] {
			c.truncated = c.truncated || n.Alias != nil
			return nil
		}
		if c.expanding == nil {
			c.expanding = map[*yaml.Node]bool{}
		}
		c.expanding[n.Alias] = true
		defer delete(c.expanding, n.Alias)
		return c.plain(n.Alias)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			out = append(out, c.plain(item))
		}
		return out
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Value == "<<" {
				// "<<: *base" merges another mapping; keys here win. A "<<"
				// that merges nothing is dropped: written back, it would
				// read as a merge key.
				m, ok := c.plain(v).(map[string]any)
				if !ok {
					c.badMerge = true
				}
				for mk, mv := range m {
					if _, set := out[mk]; !set {
						out[mk] = mv
					}
				}
				continue
			}
			out[c.key(k)] = c.plain(v)
		}
		return out
	}
	return scalar(n)
}

// scalar reads a scalar as the plain value its YAML tag says. Timestamps
// stay text, as written; numbers that JSON cannot hold (.nan, .inf, huge
// integers) stay text too.
func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 0); err == nil {
			return int(i)
		}
		var i int
		if n.Decode(&i) == nil {
			return i
		}
	case "!!float":
		var f float64
		if strings.Trim(n.Value, "+-0123456789_") == "" {
			// An integer too large for int: a float would lose digits.
			return n.Value
		}
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			if f == 0 {
				return 0.0 // not -0, which is written back as "-0" and read as an int
			}
			return f
		}
	}
	return n.Value
}

// untab replaces the tabs in the leading white space of each line with
// two spaces and returns the lines (1-based, within b) it changed.
func untab(b []byte) ([]byte, []int) {
	var out bytes.Buffer
	var lines []int
	for n := 1; len(b) > 0; n++ {
		end := bytes.IndexByte(b, '\n')
		if end < 0 {
			end = len(b) - 1
		}
		line := b[:end+1]
		b = b[end+1:]
		indent := len(line) - len(bytes.TrimLeft(line, " \t"))
		if bytes.IndexByte(line[:indent], '\t') < 0 || len(bytes.TrimSpace(line)) == 0 {
			out.Write(line)
			continue
		}
		lines = append(lines, n)
		for _, c := range line[:indent] {
			if c == '\t' {
				out.WriteString("  ")
			} else {
				out.WriteByte(c)
			}
		}
		out.Write(line[indent:])
	}
	return out.Bytes(), lines
}

// lineList spells block lines as file lines: "line 4" or "lines 4, 5, 6".
func lineList(lines []int, first int) string {
	var b strings.Builder
	if len(lines) == 1 {
		b.WriteString("line ")
	} else {
		b.WriteString("lines ")
	}
	for i, l := range lines {
		if i == 5 {
			fmt.Fprintf(&b, " and %d more", len(lines)-5)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(l + first - 1))
	}
	return b.String()
}
