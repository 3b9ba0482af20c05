package content

import (
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/hugotest"
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

// trailers is what an escape may add after the text: link reference
// definitions, which render nothing.
var trailers = regexp.MustCompile(`^(\n\n\[//\]: # "[^"\n]*"\n)*$`)

// checkEscaped fails unless Hugo reads escaped as md, plus trailers.
func checkEscaped(t testing.TB, md, escaped string) {
	t.Helper()
	text, other := hugotest.PageText([]byte(escaped))
	checkText(t, md, escaped, text, other)
}

// checkEscapedString is checkEscaped for RenderString.
func checkEscapedString(t testing.TB, md, escaped string) {
	t.Helper()
	text, other := hugotest.RenderStringText(escaped)
	checkText(t, md, escaped, text, other)
}

// checkText fails unless text is md, with Hugo's placeholder broken, and
// trailers, and Hugo read nothing else.
func checkText(t testing.TB, md, escaped, text string, other []string) {
	t.Helper()
	if len(other) > 0 {
		t.Fatalf("%q escaped as %q: Hugo reads %q", md, escaped, other)
	}
	rest, ok := strings.CutPrefix(text, strings.ReplaceAll(md, "HAHAHUGOSHORTCODE", "HAHAHUGO\u200bSHORTCODE"))
	if !ok || !trailers.MatchString(rest) {
		t.Fatalf("%q escaped as %q: Hugo reads the text %q", md, escaped, text)
	}
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
