package frontmatter

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// encode writes m back as clean YAML front matter, the way a page writer
// would (unknown keys at the top level, as the user had them), followed by
// body.
func encode(t *testing.T, m Meta, body []byte) []byte {
	t.Helper()
	out := map[string]any{}
	maps.Copy(out, m.Params)
	if m.Title != "" {
		out["title"] = m.Title
	}
	if !m.Date.IsZero() {
		out["date"] = m.Date
	}
	if !m.Lastmod.IsZero() {
		out["lastmod"] = m.Lastmod
	}
	if m.Tags != nil {
		out["tags"] = m.Tags
	}
	if m.Aliases != nil {
		out["aliases"] = m.Aliases
	}
	if m.Draft {
		out["draft"] = true
	}
	if m.Cheatsheet != nil {
		out["cheatsheet"] = *m.Cheatsheet
	}
	y, err := yaml.Marshal(out)
	if err != nil {
		t.Fatalf("Meta %+v cannot be encoded as YAML: %v", m, err)
	}
	return slices.Concat([]byte("---\n"), y, []byte("---\n"), body)
}

func sameMeta(t *testing.T, a, b Meta) bool {
	return a.Title == b.Title && a.Date.Equal(b.Date) && a.Lastmod.Equal(b.Lastmod) &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Aliases, b.Aliases) &&
		a.Draft == b.Draft && a.InCheatsheet() == b.InCheatsheet() && (a.Cheatsheet == nil) == (b.Cheatsheet == nil) &&
		canonical(t, a.Params) == canonical(t, b.Params) // numbers compare by value: 3.0 is 3
}

func seedInputs(f *testing.F) [][]byte {
	var out [][]byte
	data, err := os.ReadFile("testdata/parse.txt")
	if err != nil {
		f.Fatal(err)
	}
	for chunk := range strings.SplitSeq(string(data), caseEnd+"\n") {
		if parts := strings.Split(chunk, caseSep+"\n"); len(parts) == 3 {
			out = append(out, []byte(strings.NewReplacer(`\t`, "\t", `\r`, "\r").Replace(parts[1])))
		}
	}
	return append(out,
		[]byte("\ufeff---\r\ntitle: x\r\n---\r\n"),
		[]byte("---\na: &a [*a]\n---\n"),
		[]byte("---\ntitle: caf\xe9\n---\n"),
		[]byte("+++\ntitle = 1979-05-27T07:32:00-08:00\n+++\n"),
		[]byte("---\nprivate: true\n---\nCRIBLEAK\n"),
		[]byte("---\r\ntitle: x\r\npublish: false\r\n---"),
		[]byte("+++\ndraft = true\n+++\nbody\n---\nmore\n"),
		[]byte("---\n{title: x, private: true}\n---\n"),
		[]byte("---\nvisibility: [private]\n---\n"),
		[]byte("---\ndraft: true\n---\n  continued\n---\n"),
	)
}

// FuzzParse checks that Parse never panics, never loses body text, names
// real lines, returns encodable values, is idempotent (writing the
// normalized front matter back and parsing it again gives the same Meta
// and no warnings) and fails closed: damaging the closing delimiter of a
// note kept back never publishes it.
func FuzzParse(f *testing.F) {
	for _, s := range seedInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, ds := Parse("f.md", src)
		if !bytes.HasSuffix(src, res.Body) {
			t.Fatalf("body %q is not the end of the source", res.Body)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range ds {
			if d.Line < 1 || d.Line > lines {
				t.Fatalf("diagnostic on line %d of %d: %v", d.Line, lines, d)
			}
		}
		if _, err := json.Marshal(res.Meta.Params); err != nil {
			t.Fatalf("Params not JSON-encodable: %v", err)
		}
		enc := encode(t, res.Meta, res.Body)
		res2, ds2 := Parse("f.md", enc)
		if len(ds2) != 0 {
			t.Fatalf("normalized front matter gave warnings %v\n%s", ds2, clipped(enc))
		}
		if !sameMeta(t, res.Meta, res2.Meta) {
			t.Fatalf("not idempotent:\n first %+v\nsecond %+v\nencoded:\n%s", res.Meta, res2.Meta, clipped(enc))
		}
		if !bytes.Equal(res.Body, res2.Body) {
			t.Fatalf("body changed: %q -> %q", res.Body, res2.Body)
		}
		if res.Meta.Draft {
			for _, damaged := range damageClosing(src) {
				if again, ds := Parse("f.md", damaged); !again.Meta.Draft {
					t.Fatalf("a note kept back is published once its closing delimiter is damaged (%v):\n%s", ds, clipped(damaged))
				}
			}
		}
	})
}

// damageClosing returns src with its front matter's closing delimiter
// line left out, and replaced by the other kind of delimiter; nothing
// when src has no closed front matter.
func damageClosing(src []byte) [][]byte {
	blk, _ := Split(src)
	if blk.Format == None {
		return nil
	}
	end := len(src) - len(blk.Body) // just past the closing line
	start := bytes.LastIndexByte(src[:end-1], '\n') + 1
	if end > 0 && src[end-1] != '\n' {
		start = bytes.LastIndexByte(src[:end], '\n') + 1
	}
	other := "+++\n"
	if blk.Format == TOML {
		other = "---\n"
	}
	return [][]byte{
		slices.Concat(src[:start], src[end:]),
		slices.Concat(src[:start], []byte(other), src[end:]),
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-12-19", "12/19/2025", "19.12.2025", "Dec 19, 2025", "Monday, January 5th 2026, 6:35:36 pm", "2025-12-19T10:30:00.5+02:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		if d.IsZero() {
			t.Fatalf("ParseDate(%q) accepted the zero time", s)
		}
		// What we read must survive being written as RFC 3339.
		again, ok := ParseDate(d.Format(time.RFC3339Nano))
		if !ok || !again.Equal(d) {
			t.Fatalf("ParseDate(%q) = %v; its RFC 3339 form reads as %v, %v", s, d, again, ok)
		}
	})
}

func clipped(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}
