package fences

import (
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/internal/fixtures"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, info, code string
		want, problem    string
	}{
		{"dockerfile capitalized", "Dockerfile", "FROM alpine\n", "docker", ""},
		{"dockerfile lower", "dockerfile", "FROM alpine\n", "docker", ""},
		{"already canonical", "docker", "FROM alpine\n", "docker", ""},
		{"yml extension", "yml", "a: 1\n", "yaml", ""},
		{"YAML upper", "YAML", "a: 1\n", "yaml", ""},
		{"sh", "sh", "ls\n", "bash", ""},
		{"shell", "shell", "ls\n", "bash", ""},
		{"zsh", "zsh", "ls\n", "bash", ""},
		{"Bash mixed case", "BaSh", "ls\n", "bash", ""},
		{"golang", "golang", "package main\n", "go", ""},
		{"Go", "Go", "package main\n", "go", ""},
		{"py", "py", "print(1)\n", "python", ""},
		{"python3", "python3", "print(1)\n", "python", ""},
		{"plain", "plain", "x\n", "text", ""},
		{"txt extension", "txt", "x\n", "text", ""},
		{"json", "JSON", "{}\n", "json", ""},
		{"console", "console", "$ ls\n", "bash-session", ""},
		{"makefile by file name", "Makefile", "all:\n", "make", ""},
		{"c++", "c++", "int main(){}\n", "cpp", ""},
		{"k8s manifest as yaml", "yaml", "apiVersion: v1\n", "yaml", ""},
		{"hugo attributes kept", "golang {linenos=true}", "package main\n", "go {linenos=true}", ""},
		{"attributes glued to label", "Go{linenos=table,hl_lines=[2]}", "x\n", "go {linenos=table hl_lines=[2]}", ""},
		{"title attribute kept", `yml title="deploy.yml"`, "a: 1\n", `yaml {title="deploy.yml"}`, ""},
		{"surrounding space", "  sh  ", "ls\n", "bash", ""},
		{"goat render hook", "goat", "+--+\n", "goat", ""},
		{"mermaid render hook", "Mermaid", "graph TD\n", "mermaid", ""},
		{"unknown kept", "hcl2", "a = 1\n", "hcl2", `unknown code fence language "hcl2": kept as written, not highlighted`},
		{"dataview query", "dataview", "LIST FROM #docker\n", "dataview", ""},
		{"dataviewjs", "dataviewjs", "dv.list()\n", "dataviewjs", ""},
		{"tasks query", "tasks", "not done\n", "tasks", ""},
		{"embedded search", "query", "tag:#docker\n", "query", ""},
		{"math block", "math", "e^{i\\pi} = -1\n", "math", ""},
		{"admonition", "ad-note", "Remember this.\n", "ad-note", ""},
		{"admonition keeps case", "ad-Warning", "Careful.\n", "ad-Warning", ""},
		{"plugin block keeps attributes", "chart {linenos=true}", "type: bar\n", "chart {linenos=true}", ""},
		{"not an admonition", "ad-", "x\n", "ad-", `unknown code fence language "ad-": kept as written, not highlighted`},
		{"unknown keeps case", "MyLang {linenos=true}", "", "MyLang {linenos=true}", `unknown code fence language "MyLang": kept as written, not highlighted`},
		{"label that is not one", `x"><img/src=x/onerror=alert(1)>`, "", "text", `code fence language "x"><img/src=x/onerror=alert(1)>" cannot be used: shown as text`},

		{"unlabelled diagram", "", "Physical Hardware\n    ↓ (Hypervisor)\nVM 1 (Linux)\n", "text", ""},
		{"unlabelled steps", "", "1. Check logs\n2. Check exit code\n", "text", ""},
		{"unlabelled go stays text", "", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n", "text", ""},
		{"unlabelled yaml stays text", "", "apiVersion: v1\nkind: Pod\n", "text", ""},
		{"unlabelled gdscript-looking prose", "", "func main() {}\nvar x = 1\nexport PATH\n", "text", ""},
		{"unlabelled empty", "", "", "text", ""},
		{"unlabelled bash shebang", "", "#!/bin/bash\nset -eu\necho hi\n", "bash", ""},
		{"unlabelled env shebang", "", "#!/usr/bin/env bash\necho hi\n", "bash", ""},
		{"unlabelled shell session", "", "$ docker ps\nCONTAINER ID   IMAGE\n$ docker logs web\n", "bash-session", ""},
		{"dollar amount is not a prompt", "", "$ 100 per month\n", "text", ""},
		{"unlabelled keeps attributes", "{linenos=true}", "a -> b\n", "text {linenos=true}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems := Normalize(tt.info, []byte(tt.code))
			if problem := strings.Join(messages(problems), "; "); got != tt.want || problem != tt.problem {
				t.Errorf("Normalize(%q) = %q, %q; want %q, %q", tt.info, got, problem, tt.want, tt.problem)
			}
			checkIdempotent(t, got, tt.code)
		})
	}
}

func messages(problems []Problem) []string {
	var out []string
	for _, p := range problems {
		out = append(out, p.Message)
	}
	return out
}

// TestPluginBlocks pins the blocks of well-known Obsidian plugins: they
// are what their notes say, not unknown languages.
func TestPluginBlocks(t *testing.T) {
	for _, lang := range []string{"dataview", "DataviewJS", "tasks", "query", "math", "chart", "excalidraw", "ad-tip", "button", "kanban", "tracker", "leaflet", "timeline", "meta-bind", "datacorejsx", "base", "markmap", "plantuml", "tikz", "vega-lite", "todoist"} {
		if !PluginBlock(lang) {
			t.Errorf("PluginBlock(%q) = false", lang)
		}
		if _, problems := Normalize(lang, nil); len(problems) > 0 {
			t.Errorf("Normalize(%q): %v", lang, problems)
		}
	}
	for _, lang := range []string{"", "ad", "ad-", "dataviews", "python", "x-dataview"} {
		if PluginBlock(lang) {
			t.Errorf("PluginBlock(%q) = true", lang)
		}
	}
}

// checkIdempotent checks that a normalized info string normalizes to
// itself, with no problem but an unknown label's.
func checkIdempotent(t testing.TB, normalized, code string) {
	t.Helper()
	again, problems := Normalize(normalized, []byte(code))
	if again != normalized || len(problems) > 1 || len(problems) == 1 && problems[0].Kind != diag.Language {
		t.Errorf("not idempotent: Normalize(%q) = %q, %q", normalized, again, problems)
	}
}

// TestNormalizeAttributes pins what a fence keeps of its attributes: the
// conventions of Obsidian's code plugins read as Hugo's attributes, and
// nothing Hugo cannot parse or would write into the page unescaped.
func TestNormalizeAttributes(t *testing.T) {
	tests := []struct {
		info, want string
		problems   []string
	}{
		{"python title:ls_argv.py {4}", `python {title="ls_argv.py" hl_lines=[4]}`, nil},
		{"mermaid {scale: 0.62}", "mermaid", []string{"code fence attributes {scale: 0.62} cannot be read; dropped"}},
		{"go {1,3-5}", `go {hl_lines=[1,"3-5"]}`, nil},
		{"go {1, 3-5, }", `go {hl_lines=[1,"3-5"]}`, nil},
		{`js {class="x\"><img src=x onerror=alert(1)>"}`, "js", []string{"code fence attributes class dropped: only title, linenos, hl_lines, linenostart, anchorlinenos are kept"}},
		{`bash {title="<script>alert(1)</script>" lineAnchors="x\" onmouseover=\"alert(1)"}`, `bash {title="<script>alert(1)</script>"}`,
			[]string{"code fence attributes lineanchors dropped: only title, linenos, hl_lines, linenostart, anchorlinenos are kept"}},
		{`go {linenos=true hl_lines=[2] id="x" style="color:red" onclick="alert(1)"}`, "go {linenos=true hl_lines=[2]}",
			[]string{"code fence attributes id, onclick, style dropped: only title, linenos, hl_lines, linenostart, anchorlinenos are kept"}},
		{`python title="run.py"`, `python {title="run.py"}`, nil},
		{`python:main.py`, `python {title="main.py"}`, nil},
		{`go {.class #id}`, "go", []string{"code fence attributes class, id dropped: only title, linenos, hl_lines, linenostart, anchorlinenos are kept"}},
		{`go {hl_lines=["3-5",8] linenostart=10 anchorlinenos=true linenos=table}`, `go {linenos=table hl_lines=["3-5",8] linenostart=10 anchorlinenos=true}`, nil},
		{`go hl:2,4-6 ln:true fold`, `go {linenos=true hl_lines=[2,"4-6"]}`, []string{"code fence attributes fold dropped: only title, linenos, hl_lines, linenostart, anchorlinenos are kept"}},
		{`go {hl_lines=[5-2]}`, "go", []string{`code fence attribute hl_lines: "5,-2" is not a list of line numbers and ranges; dropped`}},
		{`go {hl_lines={a=1}}`, "go", []string{`code fence attribute hl_lines has a value that cannot be used; dropped`}},
		{`go {hl_lines="5-2"}`, "go", []string{`code fence attribute hl_lines: range "5-2" ends before it starts; dropped`}},
		{`go {linenostart=abc linenos=maybe}`, "go", []string{`code fence attribute linenostart: "abc" is not a line number; dropped`, `code fence attribute linenos: "maybe" is not true, false, table or inline; dropped`}},
		{`go {title="a}b"}`, "go", []string{`code fence attribute title: "a}b" holds braces, which Hugo cannot read in a code fence; dropped`}},
		{`go title="map{k}v"`, "go", []string{`code fence attribute title: "map{k}v" holds braces, which Hugo cannot read in a code fence; dropped`}},
		{`go title="say \"hi\" \\ bye"`, `go {title="say \"hi\" \\ bye"}`, nil},
		{`go {title="x" title="y"}`, `go {title="y"}`, nil},
	}
	for _, tt := range tests {
		got, problems := Normalize(tt.info, nil)
		if got != tt.want || strings.Join(messages(problems), "|") != strings.Join(tt.problems, "|") {
			t.Errorf("Normalize(%q) =\n  %q, %q\nwant\n  %q, %q", tt.info, got, problems, tt.want, tt.problems)
		}
		checkIdempotent(t, got, "")
	}
}

// Hugo resolves the written language with lexers.Get; every canonical
// spelling must lead back to the lexer it was made from.
func TestCanonicalRoundTripsThroughChroma(t *testing.T) {
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		canon := canonical(l)
		if got := lexers.Get(canon); got != l {
			t.Errorf("lexer %q: canonical %q resolves to %v", l.Config().Name, canon, got)
		}
		// Aliases shared by two lexers ("hcl") resolve as lexers.Get does.
		for _, a := range append([]string{l.Config().Name}, l.Config().Aliases...) {
			want := canonical(lexers.Get(a))
			if c, ok := Canonical(a); !ok || c != want {
				t.Errorf("%q of %q: Canonical = %q, %v; want %q", a, l.Config().Name, c, ok, want)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct{ info, lang, attrs string }{
		{"", "", ""},
		{"go", "go", ""},
		{"go {linenos=true}", "go", "{linenos=true}"},
		{"go{linenos=true}", "go", "{linenos=true}"},
		{"  bash   title=\"a b\"  ", "bash", "title=\"a b\""},
		{"{.class}", "", "{.class}"},
		{"go\tx", "go", "x"},
	}
	for _, tt := range tests {
		lang, attrs := Split(tt.info)
		if lang != tt.lang || attrs != tt.attrs {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.info, lang, attrs, tt.lang, tt.attrs)
		}
	}
}

// The interview note's nine unlabelled fences are ASCII diagrams and step
// lists: all must come out as text; its one labelled fence is a
// Dockerfile. The shared layer's seed note has its fences in the same
// order.
func TestSeedFences(t *testing.T) {
	checkFences(t, fixtures.Read(t, fixtures.Networking))
	t.Run("shared", func(t *testing.T) {
		checkFences(t, fixtures.Shared(t, fixtures.SharedSeed))
	})
}

func checkFences(t *testing.T, src []byte) {
	t.Helper()
	doc := markdown.NewParser().Parse(src)
	var got []string
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fb, ok := n.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var info string
		if fb.Info != nil {
			info = string(fb.Info.Segment.Value(src))
		}
		var code strings.Builder
		for i := 0; i < fb.Lines().Len(); i++ {
			seg := fb.Lines().At(i)
			code.Write(seg.Value(src))
		}
		lang, problems := Normalize(info, []byte(code.String()))
		if len(problems) > 0 {
			t.Errorf("fence %q: unexpected problems %q", info, problems)
		}
		got = append(got, lang)
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"text", "text", "text", "text", "text", "text", "text", "docker", "text", "text"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fence languages = %v\nwant %v", got, want)
	}
}

func BenchmarkNormalize(b *testing.B) {
	cases := []struct{ info, code string }{
		{"Dockerfile", "FROM golang:1.22 AS build\nRUN go build ./...\n"},
		{"yml", "apiVersion: apps/v1\nkind: Deployment\n"},
		{"", "Physical Hardware\n    ↓ (Hypervisor)\nVM 1 (Linux)\n    ↓ (Container Runtime: Docker/containerd)\nContainer 1 | Container 2 | Container 3\n"},
		{"", "1. Check logs: docker logs [container] OR kubectl logs [pod]\n2. Check exit code: docker inspect [container]\n"},
		{"go {linenos=true}", "package main\n"},
	}
	// A fence costs the same whatever its length (detection reads at most
	// analyseLimit bytes), so the figure is time per fence, not bytes.
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range cases {
			Normalize(c.info, []byte(c.code))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases)), "ns/fence")
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "Dockerfile", "yml title=\"a\"", "go{linenos=true}", "MyLang {x=1}", "{.class}", "c++", "[", "*.go"} {
		f.Add(s, "$ ls\n")
	}
	for _, s := range []string{"python title:ls_argv.py {4}", "mermaid {scale: 0.62}", "go {1,3-5}", `js {class="x\"><img>"}`, `go {title="a}b"}`, "python:x.py", "go hl:1 ln:true fold"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, info, code string) {
		got, _ := Normalize(info, []byte(code))
		checkIdempotent(t, got, code)
		// What Hugo reads of it: a language it can write into HTML, and
		// attributes goldmark parses, of the kept names only.
		lang, attrs := Split(got)
		if lang != "" && !safeLabel.MatchString(lang) {
			t.Fatalf("Normalize(%q) = %q: language %q", info, got, lang)
		}
		if attrs == "" {
			return
		}
		end := strings.IndexByte(attrs, '}')
		parsed, ok := parser.ParseAttributes(text.NewReader([]byte(attrs[:end+1])))
		if !ok || end != len(attrs)-1 {
			t.Fatalf("Normalize(%q) = %q: Hugo cannot read the attributes", info, got)
		}
		for _, a := range parsed {
			if !slices.Contains(kept, string(a.Name)) {
				t.Fatalf("Normalize(%q) = %q: attribute %s", info, got, a.Name)
			}
		}
	})
}

// TestDetectSkipsOnlyAnalysersThatCannotBeCertain checks that leaving out
// the analysers whose configuration cannot reach a certain score changes
// no answer: Detect agrees with running every analyser.
func TestDetectSkipsOnlyAnalysersThatCannotBeCertain(t *testing.T) {
	samples := []string{
		"#!/bin/bash\necho hi\n", "#!/usr/bin/env zsh\nls\n", "#!/usr/bin/env nu\nls\n",
		"@ IN SOA ns1 admin 1 2 3 4 5\n", "<?xml version=\"1.0\"?>\n<a/>\n", "<!DOCTYPE html>\n<html></html>\n",
		"package main\nimport \"fmt\"\nfunc main() { fmt.Println() }\n", "<?php echo 1; ?>\n",
		"SELECT `a`, `b` FROM `t`;\n", "definition user {}\nrelation x\npermission y\n",
		"+---+\n| a |\n+---+\n", "1. step\n2. step\n", "def f():\n    return 1\n",
		// Configured analysers that sum their regexes' scores to certain.
		"func _ready():\n\tvar speed = 1\n", "func _ready():\n\tpass\n", "func main() {}\nvar x = 1\n", "func main() {\n\tvar x_y = 1\n\texport_it(x_y)\n}\n", "extends Node\nfunc  _ready():\n\tvar x = 1\n",
		"**free\nctl-opt dftactgrp(*no);\n", "**FREE\nDCL-S x int(10);\n", "**FREE\nDCL-S x\n", "**fre\u0130\nctl-opt\n", "ctl-opt x;\n*in01 = *on;\n",
		"package main\n\ntempl Hello(name string) {\n}\n", "templ Hello() {\n}\n", "package x\n",
	}
	full := func(code string) string {
		for _, l := range lexers.GlobalLexerRegistry.Lexers {
			if a, ok := l.(chroma.Analyser); ok && a.AnalyseText(code) >= certain {
				return canonical(l)
			}
		}
		return Text
	}
	for _, s := range samples {
		if shellPrompt.MatchString(firstLine([]byte(s))) {
			continue
		}
		if got, want := Detect([]byte(s)), full(s); got != want {
			t.Errorf("Detect(%q) = %q, every analyser gives %q", s, got, want)
		}
	}
	configured := 0
	for _, c := range mayBeCertain() {
		if c.lexer.Config().Analyse != nil {
			configured++
		}
	}
	if configured == 0 || configured > 5 {
		t.Errorf("%d configured analysers kept; want the few that can be certain (bash, nu)", configured)
	}
}

// TestRequiredLiterals pins the literals read from analyser regexes: a
// literal that a match need not contain would turn away code the
// analyser is certain about.
func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		pattern         string
		caseInsensitive bool
		want            []string
		fold            bool
	}{
		{"(?m)^#!.*/bin/(?:env |)(?:bash|zsh|sh|ksh)", false, []string{"#!", "/bin/"}, false},
		{"func (_ready|_init|_input)", false, []string{"func _"}, false},
		{"dcl-(ds|s|f|proc|pr|pi)", true, []string{"dcl-"}, true},
		{`(?m)^\s*templ\s+[A-Za-z_]\w*\s*\(`, false, []string{"templ", "("}, false},
		{"a(b)c(d|e)f", false, []string{"abc", "f"}, false},
		{"(?i)ab(?-i)cd", false, []string{"abcd"}, true},
		{"(var|const|enum)", false, nil, false},
		{`\*\*free`, true, []string{"**free"}, true},
		{"(?i)CTL-opt", false, []string{"ctl-opt"}, true},
		{`(?m)^\s*package\s+\w+[\s\S]*^\s*templ\s+`, false, []string{"package", "templ"}, false},
		{"(ab)+c?d*", false, []string{"ab"}, false},
		{"a{2,}b{0,3}", false, []string{"a"}, false},
		{"(?<name>x", false, nil, false},
		{"[a-z-[aeiou]]x", false, nil, false},
	}
	for _, tt := range tests {
		got, fold := requiredLiterals(tt.pattern, tt.caseInsensitive)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || fold != tt.fold && len(tt.want) > 0 {
			t.Errorf("requiredLiterals(%q, %v) = %q, %v; want %q, %v", tt.pattern, tt.caseInsensitive, got, fold, tt.want, tt.fold)
		}
	}
}
