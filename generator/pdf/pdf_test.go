package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/internal/fixtures"
)

// seedSheet is the cheat sheet of the vault's interview note: its body
// (after the front matter) parsed as notes are parsed, and its one-liners
// extracted.
func seedSheet(t testing.TB) Sheet {
	t.Helper()
	body, _ := fixtures.Body(t, fixtures.Networking)
	ols := quickref.OneLiners(markdown.NewParser().Parse(body), body, quickref.Options{})
	if len(ols) != 11 {
		t.Fatalf("the note has %d one-liners, want 11", len(ols))
	}
	return Sheet{
		Title: "Crib",
		Date:  time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC),
		Groups: []Group{{
			Title: "Container Networking",
			Items: items(ols),
		}},
	}
}

func items(ols []quickref.OneLiner) []Item {
	var out []Item
	for _, o := range ols {
		out = append(out, Item{Term: o.TermRuns, Definition: o.DefinitionRuns})
	}
	return out
}

// syntheticSheet has n one-liners of the length of a terse quick
// reference ("**cgroups**: enforce resource limits"), some with code and
// arrows, spread over notes of 6 to 16 one-liners (the interview note has 11).
func syntheticSheet(n int) Sheet { return sheetOf(n, false) }

// sheetOf is syntheticSheet; short makes every one-liner a one-word term
// and a two-word definition without code, the densest realistic sheet.
func sheetOf(n int, short bool) Sheet {
	words := strings.Fields("container image layer volume network pod service ingress deployment replica " +
		"namespace cgroup kernel scheduler node cluster probe secret config registry build cache runtime " +
		"process memory limit request storage class stateful rollout")
	w := func(k int) string { return words[k%len(words)] }
	s := Sheet{Title: "Crib", Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)}
	for i := 0; s.Items() < n; i++ {
		g := Group{Title: fmt.Sprintf("Topic %d: %s and %s", i+1, w(i), w(i*7+3))}
		for j := 0; j < 6+i%11 && s.Items()+len(g.Items) < n; j++ {
			k := i*31 + j*17
			it := Item{Term: []quickref.StyledRun{{Text: w(k)}}}
			if short {
				it.Definition = []quickref.StyledRun{{Text: w(k+5) + " " + w(k+10)}}
				g.Items = append(g.Items, it)
				continue
			}
			if k%3 == 0 {
				it.Term[0].Text += " " + w(k+1)
			}
			var def []string
			for x := 0; x < 2+k%4; x++ {
				def = append(def, w(k+x*5))
			}
			it.Definition = []quickref.StyledRun{{Text: strings.Join(def, " ")}}
			switch k % 4 {
			case 2:
				it.Definition = append(it.Definition, quickref.StyledRun{Text: " "}, quickref.StyledRun{Text: "kubectl get " + w(k), Style: quickref.RunCode})
			case 1:
				it.Definition = append(it.Definition, quickref.StyledRun{Text: " → " + w(k+3)})
			}
			g.Items = append(g.Items, it)
		}
		s.Groups = append(s.Groups, g)
	}
	return s
}

// tool returns the path of a poppler tool. A missing tool fails the test
// in CI and skips it, loudly, elsewhere.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found: CI must install poppler-utils", name)
		}
		t.Skipf("SKIPPING: %s not found; install poppler-utils (apt-get install -y poppler-utils) to run the PDF checks", name)
	}
	return p
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

func render(t *testing.T, s Sheet, opts Options) (data []byte, path string) {
	t.Helper()
	data, err := Render(s, opts)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	path = filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CRIB_PDF_OUT"); dir != "" { // for looking at it
		_ = os.WriteFile(filepath.Join(dir, t.Name()+".pdf"), data, 0o644)
	}
	return data, path
}

func TestSeedSheet(t *testing.T) {
	s := seedSheet(t)
	data, path := render(t, s, Options{})

	info := run(t, "pdfinfo", path)
	if !regexp.MustCompile(`(?m)^Pages:\s+1$`).MatchString(info) {
		t.Errorf("pdfinfo does not say one page:\n%s", info)
	}

	// Every term and definition, in order, with "→" intact.
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	pos := 0
	for _, it := range s.Groups[0].Items {
		want := plain(it.Term) + ": " + plain(it.Definition)
		i := strings.Index(text[pos:], want)
		if i < 0 {
			t.Errorf("pdftotext output lacks %q after offset %d:\n%s", want, pos, text)
			continue
		}
		pos += i + len(want)
	}
	if !strings.Contains(text, "Client → load balancer → ingress → Service → pod") {
		t.Errorf("arrows did not survive:\n%s", text)
	}

	checkInsideMargins(t, path)
	sizes := fontSizes(t, data)
	if len(sizes) == 0 {
		t.Fatal("no font sizes in the content stream")
	}
	for _, sz := range sizes {
		if sz < MinFontSize {
			t.Errorf("font size %.2f pt is below %.1f pt", sz, MinFontSize)
		}
	}
	// Eleven one-liners leave room: they are set at the largest size.
	if !containsSize(sizes, MaxFontSize) {
		t.Errorf("font sizes %v: want the body at %.1f pt", sizes, MaxFontSize)
	}
}

func plain(runs []quickref.StyledRun) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

func containsSize(sizes []float64, want float64) bool {
	for _, s := range sizes {
		if s == want {
			return true
		}
	}
	return false
}

var onePage = regexp.MustCompile(`(?m)^Pages:\s+1$`)

var wordBoxRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
var pageBoxRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)

// checkInsideMargins asserts that every word pdftotext finds lies inside
// the 10 mm margins.
func checkInsideMargins(t *testing.T, path string) {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	pm := pageBoxRe.FindStringSubmatch(out)
	if pm == nil {
		t.Fatalf("no page in pdftotext -bbox output:\n%s", out)
	}
	w, _ := strconv.ParseFloat(pm[1], 64)
	h, _ := strconv.ParseFloat(pm[2], 64)
	m := margin / ptMM // in pt
	words := wordBoxRe.FindAllStringSubmatch(out, -1)
	if len(words) < 20 {
		t.Fatalf("only %d words in pdftotext -bbox output", len(words))
	}
	for _, wd := range words {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(wd[i+1], 64)
		}
		if v[0] < m-0.01 || v[1] < m-0.01 || v[2] > w-m+0.01 || v[3] > h-m+0.01 {
			t.Errorf("word %q at (%.2f, %.2f)-(%.2f, %.2f) crosses the margins of a %.2f x %.2f pt page",
				wd[5], v[0], v[1], v[2], v[3], w, h)
		}
	}
}

var fontSizeRe = regexp.MustCompile(`/F\w+ ([\d.]+) Tf`)

// fontSizes returns the distinct font sizes set in the PDF's content
// streams, decompressing them.
func fontSizes(t testing.TB, data []byte) []float64 {
	t.Helper()
	var sizes []float64
	seen := map[float64]bool{}
	for _, stream := range streams(t, data) {
		for _, m := range fontSizeRe.FindAllSubmatch(stream, -1) {
			v, err := strconv.ParseFloat(string(m[1]), 64)
			if err != nil {
				t.Fatal(err)
			}
			if !seen[v] {
				seen[v] = true
				sizes = append(sizes, v)
			}
		}
	}
	return sizes
}

var streamRe = regexp.MustCompile(`(?s)<<([^>]*?)>>\s*stream\r?\n`)

// streams returns the (decompressed) streams of a PDF.
func streams(t testing.TB, data []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, loc := range streamRe.FindAllSubmatchIndex(data, -1) {
		dict := string(data[loc[2]:loc[3]])
		start := loc[1]
		end := bytes.Index(data[start:], []byte("endstream"))
		if end < 0 {
			t.Fatal("unterminated stream")
		}
		raw := data[start : start+end]
		if strings.Contains(dict, "/FlateDecode") {
			r, err := zlib.NewReader(bytes.NewReader(raw))
			if err != nil {
				continue // a font program or image, not text
			}
			b, _ := io.ReadAll(r)
			raw = b
		}
		out = append(out, raw)
	}
	return out
}

func TestTooManyOneLiners(t *testing.T) {
	s := syntheticSheet(400)
	s.Groups = append([]Group{{Title: "Giant Note", Items: syntheticSheet(150).Groups[0].Items}}, s.Groups...)
	for len(s.Groups[0].Items) < 150 {
		s.Groups[0].Items = append(s.Groups[0].Items, s.Groups[0].Items[0])
	}
	data, err := Render(s, Options{Paper: "Letter"})
	if data != nil {
		t.Errorf("Render returned %d bytes for a sheet that does not fit", len(data))
	}
	var fe *FitError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *FitError", err)
	}
	if fe.Items != s.Items() || fe.Fitted <= 0 || fe.Fitted >= fe.Items || fe.Paper != "Letter" {
		t.Errorf("FitError = %+v", fe)
	}
	if len(fe.Largest) != 3 || fe.Largest[0].Title != "Giant Note" || fe.Largest[0].Items != 150 {
		t.Errorf("largest groups = %+v, want Giant Note (150) first", fe.Largest)
	}
	msg := err.Error()
	for _, want := range []string{fmt.Sprintf("%d one-liners", s.Items()), fmt.Sprintf("only %d fit", fe.Fitted), `"Giant Note" (150)`, "--tag", "6.5 pt", "Letter"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
}

func TestPaperSizes(t *testing.T) {
	tests := []struct{ paper, want string }{
		{"", "595.28 x 841.89 pts (A4)"},
		{"A4", "595.28 x 841.89 pts (A4)"},
		{"letter", "612 x 792 pts (letter)"},
		{"Letter", "612 x 792 pts (letter)"},
	}
	for _, tt := range tests {
		t.Run(tt.paper, func(t *testing.T) {
			_, path := render(t, syntheticSheet(120), Options{Paper: tt.paper})
			info := run(t, "pdfinfo", path)
			if !regexp.MustCompile(`(?m)^Page size:\s+` + regexp.QuoteMeta(tt.want) + `$`).MatchString(info) {
				t.Errorf("paper %q: pdfinfo says\n%s\nwant page size %s", tt.paper, info, tt.want)
			}
			if !onePage.MatchString(info) {
				t.Errorf("not one page:\n%s", info)
			}
			checkInsideMargins(t, path)
		})
	}
	if _, err := Render(seedSheet(t), Options{Paper: "A3"}); err == nil {
		t.Error("paper A3 accepted")
	}
}

func TestDeterministic(t *testing.T) {
	for _, s := range []Sheet{seedSheet(t), syntheticSheet(170)} {
		var first [32]byte
		for i := range 3 {
			data, err := Render(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			if i == 0 {
				first = sum
			} else if sum != first {
				t.Fatalf("run %d: sha256 %x, first run %x", i+1, sum, first)
			}
		}
	}
}

func TestDenseSheet(t *testing.T) {
	s := syntheticSheet(170)
	data, path := render(t, s, Options{})
	if info := run(t, "pdfinfo", path); !onePage.MatchString(info) {
		t.Errorf("not one page:\n%s", info)
	}
	checkInsideMargins(t, path)
	for _, sz := range fontSizes(t, data) {
		if sz < MinFontSize {
			t.Errorf("font size %.2f below the floor", sz)
		}
	}
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	if !strings.Contains(text, "(cont.)") {
		t.Errorf("no continued heading on a dense sheet")
	}
	n := 0
	for _, g := range s.Groups {
		for _, it := range g.Items {
			if strings.Contains(text, plain(it.Term)+":") {
				n++
			}
		}
	}
	if n != s.Items() {
		t.Errorf("%d of %d terms found in the text", n, s.Items())
	}
}

func TestInlineStyles(t *testing.T) {
	src := []byte("## TL;DR\n\n- **`kubectl` logs**: show *recent* output, ~~never~~ [docs](https://kubernetes.io) ≥ 1 ≠ 2 ⇒ ok ✅\n")
	ols := quickref.OneLiners(markdown.NewParser().Parse(src), src, quickref.Options{})
	s := Sheet{Title: "Crib", Groups: []Group{{Title: "K8s", Items: items(ols)}}}
	data, path := render(t, s, Options{})
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	if want := "kubectl logs: show recent output, never docs ≥ 1 ≠ 2 => ok +"; !strings.Contains(text, want) {
		t.Errorf("text %q lacks %q", text, want)
	}
	if strings.Contains(text, "*") || strings.Contains(text, "`") {
		t.Errorf("Markdown syntax printed: %q", text)
	}
	fonts := run(t, "pdffonts", path)
	for _, f := range []string{"utf8gomonobold", "utf8gobold", "utf8goitalic", "utf8goregular"} {
		if !strings.Contains(fonts, f) {
			t.Errorf("font %s not embedded:\n%s", f, fonts)
		}
	}
	if strings.Contains(fonts, "Helvetica") || strings.Contains(fonts, "Times") || strings.Contains(fonts, "Courier") {
		t.Errorf("a core font is used:\n%s", fonts)
	}
	if !bytes.Contains(data, []byte("/URI (https://kubernetes.io)")) {
		t.Error("the link is not clickable")
	}
}

func TestNoItems(t *testing.T) {
	if _, err := Render(Sheet{Title: "Crib"}, Options{}); err == nil {
		t.Error("an empty sheet rendered")
	}
}

// The benchmarks use one-liners of a terse quick reference: 100 of them
// with code and arrows, and 300 short ones, which fill a page at 6.5 pt.
func benchmarkRender(b *testing.B, n int, short bool) {
	s := sheetOf(n, short)
	for b.Loop() {
		if _, err := Render(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "items")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
}

func BenchmarkRender100(b *testing.B) { benchmarkRender(b, 100, false) }
func BenchmarkRender300(b *testing.B) { benchmarkRender(b, 300, true) }

func TestLongWordsAndTitlesStayInside(t *testing.T) {
	s := sheetOf(150, false)
	s.Title = "A site title long enough to push the header meta off the right edge of the page if nothing shortened it"
	s.Subtitle = "tags: kubernetes, docker"
	s.Groups[0].Title = "A note title so long that it cannot fit on one line of a narrow column and has to wrap"
	for i := range s.Groups {
		it := &s.Groups[i].Items[0]
		it.Definition = append(it.Definition,
			quickref.StyledRun{Text: " see "},
			quickref.StyledRun{Text: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment", Style: quickref.RunLink,
				URL: "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"},
			quickref.StyledRun{Text: " and "},
			quickref.StyledRun{Text: "AVeryLongIdentifierWithoutAnyBreakOpportunityAtAllInsideIt", Style: quickref.RunCode})
	}
	data, path := render(t, s, Options{})
	checkInsideMargins(t, path)
	text := strings.Join(strings.Fields(run(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	if !strings.Contains(text, "tags: kubernetes, docker") || !strings.Contains(text, "…") {
		t.Errorf("header not shortened to fit beside its meta: %.200s", text)
	}

	// A tag filter wider than the page gives way as well.
	s.Subtitle = "tags: " + strings.Repeat("kubernetes, ", 30) + "docker"
	_, path = render(t, s, Options{})
	checkInsideMargins(t, path)
	if !bytes.Contains(data, []byte("/URI (https://kubernetes.io/docs/concepts/workloads/controllers/deployment/)")) {
		t.Error("the long link is not clickable")
	}
}
