package obsidian

import (
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, in, want string
		problems       []string // substrings, one per Problem
	}{
		// Wikilinks.
		{"note", "See [[Docker]].", "See [Docker](/notes/docker/docker).", nil},
		{"alias", "[[Docker|the whale]]", "[the whale](/notes/docker/docker)", nil},
		{"alias markdown kept", "[[Docker|**bold** `a*b`]]", "[**bold** `a*b`](/notes/docker/docker)", nil},
		{"alias with bracket", "[[Docker|a[0]]]", "[[Docker|a[0]]]", nil},
		{"heading", "[[Docker#Volumes and Mounts]]", "[Docker > Volumes and Mounts](/notes/docker/docker#volumes-and-mounts)", nil},
		{"heading alias", "[[Docker#Volumes|vols]]", "[vols](/notes/docker/docker#volumes)", nil},
		{"nested heading", "[[Docker#Storage#Volumes]]", "[Docker > Storage > Volumes](/notes/docker/docker#volumes)", nil},
		{"local heading", "[[#Local Heading]]", "[Local Heading](#local-heading)", nil},
		{"block", "[[Docker#^b1]]", `[Docker > \^b1](/notes/docker/docker#^b1)`, nil},
		{"path", "[[path/Note]]", "[path/Note](/notes/path/note)", nil},
		{"md extension", "[[Docker.md]]", "[Docker](/notes/docker/docker)", nil},
		{"spaces trimmed", "[[ Docker Basics | basics ]]", "[basics](/notes/docker/docker-basics)", nil},
		{"name escaped", "[[Docker|a_b]] [[docker basics#x_y*z _p]]", "[a_b](/notes/docker/docker) [docker basics > x_y\\*z \\_p](/notes/docker/docker-basics#x_yz-_p)", nil},
		{"table cell alias", "| [[Docker\\|whale]] | x |", "| [whale](/notes/docker/docker) | x |", nil},
		{"two on a line", "[[Docker]] and [[Snippet]]", "[Docker](/notes/docker/docker) and [Snippet](/notes/snippet)", nil},
		{"highlight around", "==[[Docker]]== and ==mark==", "==[Docker](/notes/docker/docker)== and ==mark==", nil},

		// Unresolved: plain display text and a problem.
		{"unresolved", "x [[Nope]] y", "x Nope y", []string{`cannot resolve [[Nope]]: no note named "Nope"`}},
		{"unresolved alias", "[[Nope|shown]]", "shown", []string{"[[Nope|shown]]"}},
		{"unresolved heading", "[[Docker#Missing]]", `Docker > Missing`, []string{"no heading"}},
		{"unresolved block at end", "a [[Nope#^b1]]", `a Nope > \^b1`, []string{"Nope"}},
		{"unresolved at line start", "[[Nope|# not a heading]]", `\# not a heading`, []string{"Nope"}},

		// Not links.
		{"code span", "`[[Docker]]` and ``a ` [[Docker]] ``", "`[[Docker]]` and ``a ` [[Docker]] ``", nil},
		{"code span across lines", "`a\n[[Docker]]` [[Docker]]", "`a\n[[Docker]]` [Docker](/notes/docker/docker)", nil},
		{"code span in alias", "[[Docker|`docker run`]] [[Docker|a`b]]", "[`docker run`](/notes/docker/docker) [a&#96;b](/notes/docker/docker)", nil},
		{"literal backtick", "`[[Docker|``]]", "`[&#96;&#96;](/notes/docker/docker)", nil},
		{"code span leaves link", "[[Docker|a`]]b`", "[[Docker|a`]]b`", nil},
		{"unclosed code span", "`a [[Docker]]", "`a [Docker](/notes/docker/docker)", nil},
		{"code span stops at paragraph", "`a\n\n[[Docker]] `", "`a\n\n[Docker](/notes/docker/docker) `", nil},
		{"escaped", `\[\[Docker]] \[[Docker]] [\[Docker]]`, `\[\[Docker]] \[[Docker]] [\[Docker]]`, nil},
		{"escaped close", `[[Docker|a\] b]]`, `[a\] b](/notes/docker/docker)`, nil},
		{"unclosed", "[[Docker and [[Docker]", "[[Docker and [[Docker]", nil},
		{"empty", "[[]] [[ ]] [[#]] [[|x]]", "[[]] [[ ]] [[#]] [[|x]]", nil},
		{"nested brackets", "[[a [[Docker]] b]]", "\\[[a [Docker](/notes/docker/docker) b]]", nil},
		{"nested unresolved", "[[a [[Nope]] b]]", "\\[[a Nope b]]", []string{"Nope"}},
		{"triple brackets", "[[[Docker]]]", "[[Docker](/notes/docker/docker)]", nil},
		{"not across lines", "[[Docker\n]]", "[[Docker\n]]", nil},
		{"markdown link kept", "[text](http://x/#y) [x]", "[text](http://x/#y) [x]", nil},

		// Embeds.
		{"image", "![[image.png]]", "![image.png](image.png)", nil},
		{"image width", "![[image.png|300]]", "![image.png](image.png?w=300)", nil},
		{"image width height", "![[image.png|300x200]]", "![image.png](image.png?w=300)", nil},
		{"image alt width", "![[image.png|A diagram|300]]", "![A diagram](image.png?w=300)", nil},
		{"image alt", "![[image.png|A diagram]]", "![A diagram](image.png)", nil},
		{"image in table", "| ![[image.png\\|120]] |", "| ![image.png](image.png?w=120) |", nil},
		{"image path", "![[assets/pic.jpg]]", "![pic.jpg](pic.jpg)", nil},
		{"image spaces", "![[my diagram.png]]", "![my diagram.png](<my diagram.png>)", nil},
		{"image parens", "![[a(1).png]]", "![a(1).png](<a(1).png>)", nil},
		{"image missing", "![[gone.png|300]]", "gone.png", []string{`cannot embed ![[gone.png|300]]: no attachment "gone.png"`}},
		// An Excalidraw drawing is embedded as its exported image, which
		// the resolver finds from the drawing's name.
		{"drawing", "![[Topological Sort 2022-06-25 23.21.30.excalidraw]]", "![Topological Sort 2022-06-25 23.21.30](<Topological Sort 2022-06-25 23.21.30.excalidraw.svg>)", nil},
		{"drawing by its file name", "![[Board.excalidraw.md|300]]", "![Board](board.excalidraw.png?w=300)", nil},
		{"drawing on its own line", "text\n\n![[Board.excalidraw.md]]\n\nmore", "text\n\n![Board](board.excalidraw.png)\n\nmore", nil},
		{"drawing alt", "![[Board.excalidraw|The board]]", "![The board](board.excalidraw.png)", nil},
		{"drawing not exported", "![[Sketch.excalidraw]]", "*Excalidraw drawing: Sketch (not exported)*", []string{`cannot embed ![[Sketch.excalidraw]]: no export of "Sketch"`}},
		{"drawing in a heading", "## ![[Board.excalidraw]]", "## Board", nil},
		{"link to a drawing", "[[Board.excalidraw]]", "Board.excalidraw", []string{`no note named "Board.excalidraw"`}},
		{"pdf", "![[doc.pdf]]", "[doc.pdf](doc.pdf)", nil},
		{"pdf page", "![[doc.pdf#page=3]]", "[doc.pdf](doc.pdf#page=3)", nil},
		{"note embed inline", "see ![[Docker]] here", "see [Docker](/notes/docker/docker) here", nil},
		{"escaped embed", `\![[image.png]]`, `\!image.png`, []string{"no note named"}},

		// Transclusion.
		{"transclude", "Before\n![[Snippet]]\nAfter", "Before\n\nSnippet body.\n\n- item\n\nAfter", nil},
		{"transclude blank around", "Before\n\n![[Snippet]]\n\nAfter", "Before\n\nSnippet body.\n\n- item\n\nAfter", nil},
		{"transclude heading", "![[Snippet#Part]]", "## Part\n\nSection text.", nil},
		{"transclude in quote", "> ![[Snippet]]", "> Snippet body.\n>\n> - item", nil},
		{"transclude cycle", "![[Loop]]", "[Loop](/notes/loop)", []string{"embed cycle"}},
		{"transclude missing", "![[Nope]]", "Nope", []string{`cannot embed ![[Nope]]: no note named "Nope"`}},

		// Headings: plain text, never links.
		{"heading line", "## About [[Docker|the whale]] `[[x]]`", "## About the whale `[[x]]`", nil},
		{"heading fragment", "### [[Docker#Volumes]] ![[image.png|Pic|30]]", "### Docker > Volumes Pic", nil},
		{"setext heading", "About [[Docker]]\n===\nSub [[Docker]]\n---\n- item [[Docker]]\n---", "About Docker\n===\nSub Docker\n---\n- item [Docker](/notes/docker/docker)\n---", nil},
		{"table is not setext", "| [[Docker]] |\n|---|", "| [Docker](/notes/docker/docker) |\n|---|", nil},
		{"not a heading", "#tag [[Docker]]", "#tag [Docker](/notes/docker/docker)", nil},

		// Callouts.
		{"callout", "> [!TIP] Title [[Docker]]\n> body", "> [!tip] Title [Docker](/notes/docker/docker)\n> body", nil},
		{"callout fold", "> [!Warning]- Careful\n>[!FAQ]+", "> [!warning]- Careful\n>[!faq]+", nil},
		{"nested callout", "> [!note]\n> > [!EXAMPLE] Inner\n> > text", "> [!note]\n> > [!example] Inner\n> > text", nil},
		{"not a callout", "[!TIP] outside a quote", "[!TIP] outside a quote", nil},

		// Block ids.
		{"paragraph id", "Para text ^b1\n\nNext", "Para text\n{id=\"^b1\"}\n\nNext", nil},
		{"paragraph id at end", "Para ^b1", "Para\n{id=\"^b1\"}", nil},
		{"paragraph id multi-line", "One\ntwo ^b2\n", "One\ntwo\n{id=\"^b2\"}\n", nil},
		{"id mid paragraph", "a ^x\nb", "a ^x\nb", nil},
		{"not an id", "x^y and 2^10", "x^y and 2^10", nil},
		{"heading id kept", "## H ^x", "## H ^x", nil},
		{"quote id", "> quote ^q\n\nNext", "> quote\n> {id=\"^q\"}\n\nNext", nil},
		{"tight list", "- one ^a\n- two ^b\n- three\n\nAfter", "- one\n- two\n- three\n{id=\"^a\"}\n\nAfter", []string{"block id ^b is dropped"}},
		{"tight list at end", "- one\n- two ^a", "- one\n- two\n{id=\"^a\"}", nil},
		{"nested tight list", "- a\n  - b ^n\n- c", "- a\n  - b\n  {id=\"^n\"}\n- c", nil},
		{"list in quote", "> - a ^a\n> - b\n> after", "> - a\n> - b\n> {id=\"^a\"}\n> after", nil},
		{"list then quote", "- a ^a\n> q", "- a\n{id=\"^a\"}\n> q", nil},
		{"loose list", "- one ^a\n\n- two", "- one\n  {id=\"^a\"}\n\n- two", nil},
		{"ordered loose list", "10. one ^a\n\n11. two", "10. one\n    {id=\"^a\"}\n\n11. two", nil},
		{"standalone after table", "| a |\n|---|\n| 1 |\n\n^t\n\nNext", "| a |\n|---|\n| 1 |\n{id=\"^t\"}\n\n\nNext", nil},
		{"standalone after quote", "> q\n\n^q", "> q\n{id=\"^q\"}\n", nil},
		{"standalone next line", "Para\n^p\n", "Para\n{id=\"^p\"}\n", nil},
		{"standalone first", "^lost\ntext", "\ntext", nil},
		{"id in code", "`a ^x`\n\n`a` ^y", "`a ^x`\n\n`a`\n{id=\"^y\"}", nil},
		{"crlf", "Para ^b1\r\n\r\nNext", "Para\r\n{id=\"^b1\"}\n\r\nNext", nil},
	}
	// One buffer for every case, as a body's runs share one.
	var buf Buffer
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Rewrite([]byte(tt.in), spansOf([]byte(tt.in)), &testResolver{})
			if string(got) != tt.want {
				t.Errorf("Rewrite(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if b, bp := buf.Rewrite([]byte(tt.in), spansOf([]byte(tt.in)), &testResolver{}); string(b) != tt.want || len(bp) != len(problems) {
				t.Errorf("Buffer.Rewrite(%q)\n got %q, %d problems\nwant %q, %d", tt.in, b, len(bp), tt.want, len(problems))
			}
			if len(problems) != len(tt.problems) {
				t.Fatalf("problems = %+v, want %d", problems, len(tt.problems))
			}
			for i, p := range problems {
				if !strings.Contains(p.Message, tt.problems[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, p.Message, tt.problems[i])
				}
			}
			again, _ := Rewrite(got, spansOf(got), &testResolver{})
			if len(tt.problems) == 0 && string(again) != string(got) {
				t.Errorf("rewriting again changed the output:\n got %q\nfrom %q", again, got)
			}
		})
	}
}

func TestRewriteProblemPosition(t *testing.T) {
	in := "ok [[Docker]]\n\n  x [[Nope]] and ![[gone.png]]\n"
	_, problems := Rewrite([]byte(in), spansOf([]byte(in)), &testResolver{})
	want := []Problem{
		{Offset: 19, Line: 3, Col: 5},
		{Offset: 32, Line: 3, Col: 18},
	}
	if len(problems) != len(want) {
		t.Fatalf("problems = %+v", problems)
	}
	for i, p := range problems {
		if p.Err == nil {
			t.Errorf("problem %d has no error", i)
		}
		p.Message, p.Err = "", nil
		if p != want[i] {
			t.Errorf("problem %d at %+v, want %+v", i, p, want[i])
		}
	}
}

func TestRewriteUntouched(t *testing.T) {
	in := []byte("# Title\n\nNo Obsidian syntax here: `code`, **bold**, ==mark==.\n")
	r := &testResolver{}
	got, problems := Rewrite(in, spansOf(in), r)
	if &got[0] != &in[0] || problems != nil || r.calls != 0 {
		t.Errorf("plain text was copied or resolved: %q, %v, %d calls", got, problems, r.calls)
	}
}

func TestHeadingText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"## About [[Docker]]", "## About Docker"},
		{"## [[Docker|The Whale]] vs [[Note#Part]]", "## The Whale vs Note > Part"},
		{"## `[[code]]` \\[[x]]", "## `[[code]]` \\[[x]]"},
		{"## Plain", "## Plain"},
	}
	for _, tt := range tests {
		if got := HeadingText([]byte(tt.in)); string(got) != tt.want {
			t.Errorf("HeadingText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBlockIDs(t *testing.T) {
	in := "Para ^p1\n\n- a ^l1\n- b ^l2\n\n> q\n\n^q1\n\n`x ^no`\n\n## H ^no2\n"
	got := BlockIDs([]byte(in), spansOf([]byte(in)))
	want := []string{"p1", "l1", "q1"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("BlockIDs = %q, want %q", got, want)
	}
	if a := BlockAnchor("p1"); a != "^p1" {
		t.Errorf("BlockAnchor = %q", a)
	}
}

func TestAppendDest(t *testing.T) {
	tests := map[string]string{
		"/notes/docker#image-layers": "/notes/docker#image-layers",
		"my diagram.png?w=300":       "<my diagram.png?w=300>",
		"a(1).png":                   "<a(1).png>",
		"a<b>\\c":                    `<a\<b\>\\c>`,
		"a[1]|b":                     "a%5B1%5D%7Cb",
		"a [1]":                      "<a %5B1%5D>",
		"line\nbreak":                "<line%0Abreak>",
		"":                           "<>",
	}
	for in, want := range tests {
		if got := string(appendDest(nil, in)); got != want {
			t.Errorf("appendDest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDestForm checks the one-pass test of a link destination against
// the character sets it stands for.
func TestDestForm(t *testing.T) {
	control := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) >= 0
	}
	for c := range 256 {
		for _, dest := range []string{string([]byte{byte(c)}), "/notes/a" + string([]byte{byte(c)}) + "b#x", ""} {
			wantBare := dest != "" && !strings.ContainsAny(dest, " \t\r\n()<>[]|\\") && !control(dest)
			wantEncoded := dest != "" && !strings.ContainsAny(dest, " \t\r\n()<>\\") && !control(dest)
			if bare, encoded := destForm(dest); bare != wantBare || encoded != wantEncoded {
				t.Fatalf("destForm(%q) = %v, %v; want %v, %v", dest, bare, encoded, wantBare, wantEncoded)
			}
		}
	}
}
