package content

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/crib-notes/crib/generator/rawhtml"
	"gopkg.in/yaml.v3"
)

// Page is the front matter and body of one generated Hugo page.
type Page struct {
	Source  string // vault path, named in the generated-file marker
	Title   string
	Date    time.Time
	Lastmod time.Time
	Tags    []string
	// Params are written under "params", in key order; Crib's own values
	// go under params.crib.
	Params map[string]any
	Body   []byte
}

// Encode renders the page as Markdown with YAML front matter. Keys come in
// a fixed order and every value goes through the YAML encoder, so titles
// with colons, quotes or "#" survive. Shortcode delimiters in the body are
// escaped (EscapeShortcodes): a note is shown, never run. Hugo renders
// raw HTML, so the body's HTML comments are emptied and its HTML is
// checked once more (rawhtml.Guard) as the page is written.
func (p Page) Encode() ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) error {
		var val yaml.Node
		if err := val.Encode(v); err != nil {
			return fmt.Errorf("front matter %s: %w", key, err)
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, &val)
		return nil
	}
	if err := add("title", p.Title); err != nil {
		return nil, err
	}
	for _, d := range []struct {
		key string
		t   time.Time
	}{{"date", p.Date}, {"lastmod", p.Lastmod}} {
		if d.t.IsZero() {
			continue
		}
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: d.key},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: FormatDate(d.t)})
	}
	if len(p.Tags) > 0 {
		if err := add("tags", p.Tags); err != nil {
			return nil, err
		}
	}
	if len(p.Params) > 0 {
		params := &yaml.Node{Kind: yaml.MappingNode}
		keys := make([]string, 0, len(p.Params))
		for k := range p.Params {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			var val yaml.Node
			if err := val.Encode(p.Params[k]); err != nil {
				return nil, fmt.Errorf("front matter params.%s: %w", k, err)
			}
			params.Content = append(params.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &val)
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "params"}, params)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	fmt.Fprintf(&buf, "%s from %s. DO NOT EDIT.\n", GeneratedMarker, yamlComment(p.Source))
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n")
	if body := bytes.TrimLeft(p.Body, "\n"); len(body) > 0 {
		buf.WriteByte('\n')
		body = EscapeShortcodes(rawhtml.Guard(body))
		buf.Write(body)
		if body[len(body)-1] != '\n' {
			buf.WriteByte('\n')
		}
	}
	return buf.Bytes(), nil
}

// FormatDate writes a date the way Hugo reads it back unchanged: a plain
// date when there is no time of day, else RFC 3339 with its zone.
func FormatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// yamlComment keeps a comment on one line whatever the file name holds.
func yamlComment(s string) string {
	return string(bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, []byte(s)))
}
