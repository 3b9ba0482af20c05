package content

import (
	"regexp"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/parser/pageparser"
)

// shortcodeLike are texts a note may hold that Hugo would read as
// shortcodes: every form, well made or not. Tests in other packages build
// Hugo sites from them.
var shortcodeLike = []string{
	`{{< youtube dQw4w9WgXcQ >}}`,
	`{{% param "crib.vault" %}}`,
	`{{< nosuch >}}`,
	`{{< nosuch />}}`,
	`{{< /card >}}`,
	`{{% /details %}}`,
	`{{< card "x" >}}inner{{< /card >}}`,
	`{{% details %}}x{{% /details %}}`,
	`{{< figure src="x.png" >}}`,
	`{{</* youtube abc */>}}`,
	`{{%/* param x */%}}`,
	`{{< leak.inline >}}{{ os.Getenv "HOME" }}{{< /leak.inline >}}`,
	`{{< "unterminated >}}`,
	`{{<>}}`,
	`{{%%}}`,
	`{{%}}`,
	`{{<}}`,
	`{{< x y="1 >}}`,
	`{{< x y=` + "`raw`" + ` >}}`,
	`{{{< x >}}}`,
	`{{< a {{< b >}} >}}`,
	`{{< a */>}} b >}}`,
	`{{% a */%}} b %}}`,
	`{{</**/>}}`,
	`{{</*/>}}`,
	`{{<`,
	`{{%`,
	`{{< youtube`,
	`unclosed {{% x`,
	`>}} before {{< x`,
	`%}} {{% and >}} {{<`,
	`{{<x>}}`,
	`{{</card>}}`,
	`{{,x}}`,
	`{{ .Site.Title }}`,
	`{{- /* a template comment */ -}}`,
	"{{< x\n>}}",
	"{{< x\r\n>}}",
	"  {{< indented >}}",
	"line\n\t{{< tab >}}\n",
	`HAHAHUGOSHORTCODE-s0-HBHB`,
	`HAHAHUGOSHORTCODE`,
	`{{<` + strings.Repeat("{{<", 5),
	`{{%` + strings.Repeat(">}}", 3),
}

// lex returns the text Hugo's page lexer reads from md (the Markdown it
// renders) and whether it found anything else: a shortcode or an error.
func lex(t testing.TB, md []byte) (text string, other []string) {
	t.Helper()
	items, err := pageparser.ParseBytes(md, pageparser.Config{NoFrontMatter: true, NoSummaryDivider: true})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, it := range items {
		switch {
		case it.IsText():
			b.Write(it.Val(md))
		case it.IsEOF():
		default:
			other = append(other, it.ToString(md))
		}
	}
	return b.String(), other
}

// trailers is what an escape may add after the text: link reference
// definitions, which render nothing.
var trailers = regexp.MustCompile(`^(\n\n\[//\]: # "[^"\n]*"\n)*$`)

// checkEscaped fails unless Hugo reads escaped as md, plus trailers.
func checkEscaped(t testing.TB, md, escaped string) {
	t.Helper()
	text, other := lex(t, []byte(escaped))
	if len(other) > 0 {
		t.Fatalf("%q escaped as %q: Hugo reads %q", md, escaped, other)
	}
	rest, ok := strings.CutPrefix(text, strings.ReplaceAll(md, "HAHAHUGOSHORTCODE", "HAHAHUGO\u200bSHORTCODE"))
	if !ok || !trailers.MatchString(rest) {
		t.Fatalf("%q escaped as %q: Hugo reads the text %q", md, escaped, text)
	}
}

// checkEscapedString is checkEscaped for RenderString, which lexes only
// a string that pageparser.HasShortcode says has a shortcode.
func checkEscapedString(t testing.TB, md, escaped string) {
	t.Helper()
	if !pageparser.HasShortcode(escaped) {
		if rest, ok := strings.CutPrefix(escaped, strings.ReplaceAll(md, "HAHAHUGOSHORTCODE", "HAHAHUGO\u200bSHORTCODE")); !ok || !trailers.MatchString(rest) {
			t.Fatalf("%q escaped as %q, which RenderString renders as it is", md, escaped)
		}
		return
	}
	checkEscaped(t, md, escaped)
}

func TestEscapeShortcodes(t *testing.T) {
	cases := append([]string{"", "plain text", "{ {< x >} }", "{{ x }}"}, shortcodeLike...)
	for _, md := range cases {
		for _, in := range []string{md, "Text " + md + " more.\n", "`" + md + "`", "```\n" + md + "\n```\n", md + md} {
			checkEscaped(t, in, string(EscapeShortcodes([]byte(in))))
			checkEscapedString(t, in, EscapeShortcodesString(in))
		}
	}
}

// TestEscapeShortcodesUnchanged pins that Markdown without a delimiter is
// written as it is, so most pages do not change at all.
func TestEscapeShortcodesUnchanged(t *testing.T) {
	for _, md := range []string{"", "# Title\n\n{{ not a shortcode }}\n", "{ {< x >} }", "a {{ b }} {{,c}} <% d %>"} {
		if got := string(EscapeShortcodes([]byte(md))); got != md {
			t.Errorf("EscapeShortcodes(%q) = %q", md, got)
		}
		if got := EscapeShortcodesString(md); got != md {
			t.Errorf("EscapeShortcodesString(%q) = %q", md, got)
		}
	}
}

// TestEscapeShortcodesForms pins the escaped form of the usual cases.
func TestEscapeShortcodesForms(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{`{{< youtube x >}}`, `{{</* youtube x */>}}`},
		{`a {{% p %}} b`, `a {{%/* p */%}} b`},
		{`{{< a {{< b >}} >}}`, `{{</* a {{< b */>}} >}}`},
		{`{{< x`, "{{</* x\n\n[//]: # \"*/>}}\"\n"},
	} {
		if got := string(EscapeShortcodes([]byte(tc.md))); got != tc.want {
			t.Errorf("EscapeShortcodes(%q) = %q, want %q", tc.md, got, tc.want)
		}
	}
}

func FuzzEscapeShortcodes(f *testing.F) {
	for _, s := range shortcodeLike {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		checkEscaped(t, md, string(EscapeShortcodes([]byte(md))))
		checkEscapedString(t, md, EscapeShortcodesString(md))
	})
}
