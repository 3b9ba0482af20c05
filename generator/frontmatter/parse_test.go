package frontmatter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/internal/fixtures"
)

// The vault's interview note: placeholder maps in title and updated,
// mixed-case tags, body from line 11.
func TestParseSeedFixture(t *testing.T) {
	res, ds := Parse("Docker/seed.md", fixtures.Read(t, fixtures.Networking))
	m := res.Meta
	if m.Title != "" || !m.Lastmod.IsZero() || m.Draft || m.Params != nil || !m.InCheatsheet() {
		t.Errorf("Meta = %+v, want only date and tags", m)
	}
	if want := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", m.Date, want)
	}
	checkPlaceholderNote(t, res, ds)
	if !bytes.HasPrefix(res.Body, []byte("\n## 1. THE OLD PROBLEM: One Host")) {
		t.Errorf("body starts with %q", res.Body[:min(30, len(res.Body))])
	}
}

// checkPlaceholderNote checks what the interview notes of both layers
// share: front matter of ten lines whose title and updated are unfilled
// template maps, and the tags as written.
func checkPlaceholderNote(t *testing.T, res Result, ds []diag.Diagnostic) {
	t.Helper()
	if !slices.Equal(res.Meta.Tags, []string{"DevOps", "DocKer"}) {
		t.Errorf("Tags = %q", res.Meta.Tags)
	}
	if res.BodyLine != 11 {
		t.Errorf("body starts on line %d, want 11", res.BodyLine)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		`Docker/seed.md:2: warning: "title" holds a map, not text (an unfilled template placeholder?); ignored`,
		`Docker/seed.md:8: warning: "updated" holds a map, not text (an unfilled template placeholder?); ignored`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
	}
}

// A note without front matter passes through untouched.
func TestParseRealFixture(t *testing.T) {
	checkUntouched(t, fixtures.Read(t, fixtures.GitCI))
}

func checkUntouched(t *testing.T, src []byte) {
	t.Helper()
	res, ds := Parse("docker-k8s.md", src)
	if res.Format != None || len(ds) != 0 || !bytes.Equal(res.Body, src) || res.BodyLine != 1 {
		t.Errorf("Parse = format %v, %d diagnostics %v, body changed %v, line %d", res.Format, len(ds), ds, !bytes.Equal(res.Body, src), res.BodyLine)
	}
}

// TestParseSharedFixtures reads the real notes of the shared layer: the
// seed as the vault's interview note, the other untouched.
func TestParseSharedFixtures(t *testing.T) {
	res, ds := Parse("Docker/seed.md", fixtures.Shared(t, fixtures.SharedSeed))
	checkPlaceholderNote(t, res, ds)
	checkUntouched(t, fixtures.Shared(t, fixtures.SharedReal))
}

// Diagnostics name lines of the file, counting the byte order mark, the
// opening delimiter and CRLF line endings correctly.
func TestParseLines(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		lines []int
	}{
		{"bom and crlf", "\ufeff---\r\ntitle: x\r\ndate: 2025-13-45\r\n---\r\n", []int{3}},
		{"recovered block", "---\na: 1\nb: c: d\n\nc: 2025-13-45\ndate: nope\n---\n", []int{3, 6}},
		{"tab fix then placeholder", "---\ntags:\n\t- a\ntitle: '{{title}}'\n---\n", []int{3, 4}},
		{"toml", "+++\ntitle = 'x'\n\ndate = '2025-13-45'\n+++\n", []int{4}},
	}
	for _, tt := range tests {
		_, ds := Parse("n.md", []byte(tt.src))
		var got []int
		for _, d := range ds {
			got = append(got, d.Line)
		}
		if !slices.Equal(got, tt.lines) {
			t.Errorf("%s: warning lines %v, want %v (%v)", tt.name, got, tt.lines, ds)
		}
	}
}

// Front matter that is not valid UTF-8 still yields valid UTF-8 text.
func TestParseInvalidUTF8(t *testing.T) {
	res, ds := Parse("n.md", []byte("---\ntitle: caf\xe9\ntags: [\xff]\nx: \xfe\n---\nbody"))
	if res.Meta.Title != "caf\uFFFD" || string(res.Body) != "body" {
		t.Errorf("Meta = %+v, body %q", res.Meta, res.Body)
	}
	if len(ds) == 0 || ds[0].Line != 2 {
		t.Errorf("diagnostics %v, want one on line 2 first", ds)
	}
	if _, err := json.Marshal(res.Meta.Params); err != nil {
		t.Error(err)
	}
}

// On well-formed front matter, Parse reads what goldmark-meta reads. The
// one known difference is deliberate: goldmark-meta's yaml.v2 follows
// YAML 1.1, where an unquoted y, n, yes, no, on or off is a boolean;
// YAML 1.2 and Hugo read them as text, and so does Parse.
func TestAgreesWithGoldmarkMeta(t *testing.T) {
	srcs := []string{
		"---\ntitle: Docker Interview Notes\ntags: [docker, k8s]\nrating: 4.5\nlevel: 3\ndone: true\nsources:\n  - a\n  - b\n---\nbody\n",
		"---\ntitle: 'Quoted: title'\naliases:\n  - Docker basics\nnested:\n  a: 1\n  b: [x, z]\n---\n",
		"---\ntitle: >\n  Folded\n  title\ntags:\n  - DevOps\n  - DocKer\n---\n",
	}
	md := goldmark.New(goldmark.WithExtensions(meta.Meta))
	for _, src := range srcs {
		ctx := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(ctx))
		ref, err := meta.TryGet(ctx)
		if err != nil {
			t.Fatalf("goldmark-meta: %v", err)
		}
		res, ds := Parse("n.md", []byte(src))
		if len(ds) != 0 {
			t.Errorf("warnings on clean front matter: %v", ds)
		}
		m := res.Meta
		for k, v := range ref {
			var got any
			switch k {
			case "title":
				got = m.Title
				v = strings.Join(strings.Fields(v.(string)), " ")
			case "tags":
				got = anyList(m.Tags)
			case "aliases":
				got = anyList(m.Aliases)
			default:
				got = m.Params[k]
			}
			if a, b := canonical(t, got), canonical(t, v); a != b {
				t.Errorf("%q: Parse read %s, goldmark-meta %s", k, a, b)
			}
		}
	}
}

func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// canonical spells v as JSON, turning yaml.v2's map[interface{}]interface{}
// into a JSON object.
func canonical(t *testing.T, v any) string {
	t.Helper()
	var conv func(any) any
	conv = func(v any) any {
		switch v := v.(type) {
		case map[any]any:
			m := map[string]any{}
			for k, e := range v {
				m[fmt.Sprint(k)] = conv(e)
			}
			return m
		case map[string]any:
			m := map[string]any{}
			for k, e := range v {
				m[k] = conv(e)
			}
			return m
		case []any:
			out := make([]any, len(v))
			for i, e := range v {
				out[i] = conv(e)
			}
			return out
		}
		return v
	}
	b, err := json.Marshal(conv(v))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
