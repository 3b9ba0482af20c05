package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/links"
	"github.com/crib-notes/crib/generator/vault"
	"github.com/crib-notes/crib/internal/hostile"
)

// The hostile corpus is testdata/hostile/<class>/ at the repository's
// root: one small vault per class of notes that must not break the site,
// hang or exhaust the build, or leak what is private. Its conventions:
//
//   - Text that must never be published holds the marker leakMarker: a
//     comment's, a private note's, a file's that is not a note. A note
//     whose file holds it need not be published, nor one that says
//     "draft: true", "private: true" or "publish: false" on a line of
//     its own in well-formed front matter (the sample vault's drafts);
//     every other note must.
//   - The big shapes of the bounded class (megabytes each) are written by
//     internal/hostile when the test runs, at generatedSize.
const (
	generatedSize = 256 << 10
	// hangGuard stops a build that hangs; a build of a class takes a few
	// seconds. On a machine so loaded that the sample vault alone takes
	// more than a twentieth of it, the guard is twenty times that build
	// (see guardAfter).
	hangGuard = 90 * time.Second
	// memGuard stops a build that runs away with the machine's memory.
	memGuard = 4 << 30
	// addedPeak is what a class may add to the peak memory of a build of
	// the sample vault: each pathological note may add 500 MB at 10 MB.
	addedPeak = 500 << 20
)

// TestHostileCorpus builds every class of the hostile corpus (each folder
// under testdata/hostile, as found when the test runs), then all of them
// with the sample vault as one vault, with the real build command and
// Hugo, and checks what each build published: exit status 0 or 1 and no
// crash, every note published but those holding the leak marker, the
// marker nowhere in public/ (PDFs read with pdftotext when it is
// installed), no <script> but the theme's, no <iframe>, no event
// handler attribute, and the budgets.
//
// Each build runs in a process of its own (this test binary, running
// TestHostileBuildChild): a note that overflows Go's stack kills its
// process, which must fail its own class and not the others, and the
// process's peak memory is the build's.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sites with Hugo")
	}
	root := filepath.Join(repoRoot, "testdata", "hostile")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var classes []string
	for _, e := range entries {
		if e.IsDir() {
			classes = append(classes, e.Name())
		}
	}
	if len(classes) == 0 {
		t.Fatalf("no classes in %s", root)
	}

	sample := t.TempDir()
	if err := os.CopyFS(sample, os.DirFS(filepath.Join(repoRoot, "notes"))); err != nil {
		t.Fatal(err)
	}
	base := hostileBuild(t, sample, hangGuard)
	base.check(t)
	guard := guardAfter(base)
	allowed := base.theme(t)
	t.Logf("sample vault: %s", base.figures())

	all := t.TempDir()
	if err := os.CopyFS(all, os.DirFS(sample)); err != nil {
		t.Fatal(err)
	}
	for _, class := range classes {
		dir := filepath.Join(all, "hostile", class)
		if err := classVault(t, filepath.Join(root, class), dir); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("classes", func(t *testing.T) {
		for _, class := range classes {
			t.Run(class, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				if err := classVault(t, filepath.Join(root, class), dir); err != nil {
					t.Fatal(err)
				}
				res := hostileBuild(t, dir, guard)
				res.check(t)
				res.checkPages(t, allowed)
				res.checkBudget(t, base, addedPeak)
				t.Logf("%s: %s", class, res.figures())
			})
		}
	})
	t.Run("all-with-sample", func(t *testing.T) {
		res := hostileBuild(t, all, guard)
		res.check(t)
		res.checkPages(t, allowed)
		res.checkBudget(t, base, 2*addedPeak)
		t.Logf("all classes and the sample vault: %s", res.figures())
	})
}

// classVault copies a class's folder to dir and, for the bounded class,
// writes the big shapes beside it.
func classVault(t *testing.T, src, dir string) error {
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		return err
	}
	if filepath.Base(src) != "bounded" {
		return nil
	}
	for _, s := range hostile.Shapes {
		if err := hostile.Write(filepath.Join(dir, "generated"), s, generatedSize); err != nil {
			return err
		}
	}
	return nil
}

// TestHostileBuildChild is a build run by TestHostileCorpus in a process
// of its own: the command line is in CRIB_HOSTILE_BUILD, as JSON.
func TestHostileBuildChild(t *testing.T) {
	env := os.Getenv("CRIB_HOSTILE_BUILD")
	if env == "" {
		t.Skip("run by TestHostileCorpus")
	}
	var args []string
	if err := json.Unmarshal([]byte(env), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(Run(context.Background(), args, os.Stdout, os.Stderr))
}

// hostileResult is what one build did.
type hostileResult struct {
	vault, site, public string
	code                int
	out                 []byte // stdout and stderr
	wall                time.Duration
	peak                int64 // peak resident memory, bytes
	killed              string
}

// guardAfter is how long a build may take before it is taken to hang,
// given how long the sample vault took: hangGuard, or twenty times the
// sample's build where the machine is that slow.
func guardAfter(base *hostileResult) time.Duration {
	return max(hangGuard, 20*base.wall)
}

// hostileBuild builds vaultDir into a fresh copy of the site, in a child
// process stopped after guard or past memGuard.
func hostileBuild(t *testing.T, vaultDir string, guard time.Duration) *hostileResult {
	t.Helper()
	r := &hostileResult{vault: vaultDir, site: copySite(t), public: filepath.Join(t.TempDir(), "public")}
	args := []string{"build", "--vault", vaultDir, "--site", r.site, "--destination", r.public, "--baseURL", "http://localhost/crib/"}
	ctx, cancel := context.WithTimeout(context.Background(), guard)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHostileBuildChild$")
	env, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), "CRIB_HOSTILE_BUILD="+string(env))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	overMemory := make(chan struct{})
	go watchMemory(ctx, cmd.Process.Pid, memGuard, func() {
		close(overMemory)
		cmd.Process.Kill()
	})
	err = cmd.Wait()
	r.wall = time.Since(start)
	r.out = out.Bytes()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = ru.Maxrss << 10
	}
	select {
	case <-overMemory:
		r.killed = fmt.Sprintf("stopped past %d MB of memory", memGuard>>20)
	default:
		if ctx.Err() != nil {
			r.killed = fmt.Sprintf("stopped after %s", guard)
		}
	}
	r.code = cmd.ProcessState.ExitCode()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return r
}

// watchMemory calls kill once the resident memory of process pid passes
// limit, until ctx is done.
func watchMemory(ctx context.Context, pid int, limit int64, kill func()) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if rss(pid) > limit {
			kill()
			return
		}
	}
}

// rss is the resident memory of process pid in bytes (VmRSS), or 0.
func rss(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func (r *hostileResult) figures() string {
	return fmt.Sprintf("exit %d in %.1f s, peak %d MB", r.code, r.wall.Seconds(), r.peak>>20)
}

// check fails the test unless the build ended with status 0 or 1 on its
// own, and published every note that holds no leak marker.
func (r *hostileResult) check(t *testing.T) {
	t.Helper()
	if r.killed != "" {
		t.Fatalf("build %s (%s):\n%s", r.killed, r.figures(), tailLines(r.out, 20))
	}
	for _, crash := range []string{"panic:", "fatal error:", "goroutine "} {
		if bytes.Contains(r.out, []byte(crash)) {
			t.Fatalf("build crashed (%s):\n%s", r.figures(), tailLines(r.out, 40))
		}
	}
	if r.code != 0 && r.code != 1 {
		t.Fatalf("build exited %d, want 0 or 1:\n%s", r.code, tailLines(r.out, 20))
	}
	published := r.published(t)
	cfg, err := config.Load(r.site)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vault.Open(context.Background(), r.vault, cfg.Ignore)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range v.Notes {
		data, err := os.ReadFile(f.Abs)
		if err != nil {
			t.Fatal(err)
		}
		if !withheld(data) && !published[f.Path] {
			t.Errorf("%s was not published", f.Path)
		}
	}
}

// withheld reports whether a note's file says that it must not be
// published, by the corpus's conventions.
func withheld(data []byte) bool {
	if bytes.Contains(data, []byte(leakMarker)) {
		return true
	}
	front, ok := bytes.CutPrefix(data, []byte("---\n"))
	if !ok {
		return false
	}
	front, _, ok = bytes.Cut(front, []byte("\n---\n"))
	if !ok {
		return false
	}
	for line := range bytes.Lines(front) {
		switch string(bytes.TrimSpace(line)) {
		case "draft: true", "private: true", "publish: false":
			return true
		}
	}
	return false
}

// published returns the vault paths of the notes whose pages are in
// public/: each generated page names its note in params.crib.source.
func (r *hostileResult) published(t *testing.T) map[string]bool {
	t.Helper()
	notes := filepath.Join(r.site, "content", "notes")
	out := map[string]bool{}
	err := filepath.WalkDir(notes, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var fm struct {
			Params struct {
				Crib struct {
					Source string `yaml:"source"`
				} `yaml:"crib"`
			} `yaml:"params"`
		}
		front, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("---\n")), []byte("\n---\n"))
		if err := yaml.Unmarshal(front, &fm); err != nil || fm.Params.Crib.Source == "" {
			return fmt.Errorf("%s: no params.crib.source: %v", p, err)
		}
		rel, _ := filepath.Rel(filepath.Join(r.site, "content"), filepath.Dir(p))
		if st, err := os.Stat(filepath.Join(r.public, rel, "index.html")); err == nil && st.Size() > 0 {
			out[fm.Params.Crib.Source] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// themeParts are the elements and attributes of the theme that a note
// must not write, as a build of the sample vault writes them.
type themeParts struct {
	elements map[string]bool // whole elements of activeElements
	handlers map[string]bool // tag, attribute and value
	styles   map[string]bool // tag and style attribute
}

// activeElements are the elements that run, load or send something, or
// restyle or redirect the page: only the theme's own may be on a page.
var activeElements = map[string]bool{
	"script": true, "style": true, "link": true, "base": true, "form": true, "input": true, "button": true,
	"select": true, "textarea": true, "svg": true, "math": true, "object": true, "embed": true,
	"frame": true, "frameset": true, "applet": true, "template": true,
}

// theme returns what the build's pages hold of such elements and
// attributes.
func (r *hostileResult) theme(t *testing.T) themeParts {
	t.Helper()
	parts := themeParts{elements: map[string]bool{}, handlers: map[string]bool{}, styles: map[string]bool{}}
	// The checkbox of a task list item is Markdown's own (GFM task
	// lists), and disabled; the sample vault has no task.
	for _, box := range []string{`<input disabled="" type="checkbox"/>`, `<input checked="" disabled="" type="checkbox"/>`} {
		parts.elements[box] = true
	}
	r.eachPage(t, func(_ string, doc *html.Node) {
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if (activeElements[n.Data] || n.Data == "meta" && hasAttr(n, "http-equiv")) && inBody(n) {
				parts.elements[renderNode(n)] = true
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					parts.handlers[n.Data+" "+a.Key+"="+a.Val] = true
				}
				if a.Key == "style" {
					parts.styles[n.Data+" "+a.Val] = true
				}
			}
		}
	})
	return parts
}

// tableAlign is the style the theme gives a cell of a Markdown table
// whose column is aligned.
var tableAlign = regexp.MustCompile(`^text-align: (?:left|right|center)$`)

// readPublished returns the bytes of a published file as a browser reads
// them: the search index's files are stored gzip-compressed.
func readPublished(p string) ([]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b, nil // not compressed
	}
	if b, err = io.ReadAll(r); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return b, nil
}

// checkPages fails the test for the leak marker anywhere in public/, and
// for an element or attribute that runs, loads, restyles or redirects
// that the theme does not have: an iframe, a script, a form, an event
// handler, a style, a javascript: URL...
func (r *hostileResult) checkPages(t *testing.T, theme themeParts) {
	t.Helper()
	leaks := 0
	err := filepath.WalkDir(r.public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := readPublished(p)
		if err != nil {
			return err
		}
		if strings.EqualFold(filepath.Ext(p), ".pdf") {
			data = pdfText(t, p, data)
		}
		if bytes.Contains(data, []byte(leakMarker)) && leaks < 10 {
			leaks++
			rel, _ := filepath.Rel(r.public, p)
			t.Errorf("%s holds %s: %s", rel, leakMarker, around(data, []byte(leakMarker)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r.eachPage(t, func(rel string, doc *html.Node) {
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch {
			case n.Data == "iframe":
				t.Errorf("%s has an iframe: %s", rel, renderNode(n))
			case n.Data == "svg" && graphShape(renderNode(n)) == r.localGraph(t, rel):
				// The picture of the page's links, as the generator drew it.
			case (activeElements[n.Data] || n.Data == "meta" && hasAttr(n, "http-equiv")) && inBody(n) && !theme.elements[renderNode(n)] && !builtMath(n):
				t.Errorf("%s has a <%s> the theme does not: %.200s", rel, n.Data, renderNode(n))
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(a.Key, "on") && !theme.handlers[n.Data+" "+a.Key+"="+a.Val]:
					t.Errorf("%s has an event handler the theme does not: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				case a.Key == "style" && !tableAlign.MatchString(a.Val) && !theme.styles[n.Data+" "+a.Val]:
					t.Errorf("%s has a style the theme does not: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				case strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || a.Key != "content" && strings.HasPrefix(v, "data:text/html"):
					t.Errorf("%s has a script URL: <%s %s=%q>", rel, n.Data, a.Key, a.Val)
				}
			}
		}
	})
}

// inBody reports whether n is in the page's body, where a note's HTML
// is: the head holds the theme's links and metadata, which name the page.
// localGraph is the picture of the links of the page at rel in public/
// as the generator wrote it (package links), read as a browser reads
// it, as graphShape gives it, or "" when it wrote none.
func (r *hostileResult) localGraph(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(r.site, links.Dir, filepath.ToSlash(filepath.Dir(rel))+".html"))
	if err != nil {
		return ""
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "svg" {
			return graphShape(renderNode(n))
		}
	}
	return ""
}

// minified are the attributes of a picture that Hugo's minifier
// rewrites: the namespace an inline SVG needs not, and the data of a
// path, which draws and runs nothing.
var minified = regexp.MustCompile(` (?:xmlns|d)="[^"]*"`)

// graphShape is an SVG element as written, without what the minifier
// rewrites.
func graphShape(svg string) string { return minified.ReplaceAllString(svg, "") }

func inBody(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && n.Data == "body" {
			return true
		}
	}
	return false
}

// builtMath reports whether n is a formula as the theme writes it when
// the site is built (KaTeX's MathML, render-passthrough.html): a <math>
// whose <semantics> ends in the formula's TeX, in which no element links,
// loads, styles or runs anything. A note's own <math> is raw HTML, which
// the site leaves out.
func builtMath(n *html.Node) bool {
	if n.Data != "math" || n.Namespace != "math" || !hasAttr(n, "xmlns") {
		return false
	}
	sem := n.FirstChild
	if sem == nil || sem.Data != "semantics" || sem.NextSibling != nil {
		return false
	}
	ann := sem.LastChild
	if ann == nil || ann.Data != "annotation" || !slices.Contains(ann.Attr, html.Attribute{Key: "encoding", Val: "application/x-tex"}) {
		return false
	}
	for d := range n.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		if d.Namespace != "math" {
			return false
		}
		for _, a := range d.Attr {
			if a.Namespace != "" || a.Key == "href" || a.Key == "src" || a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				return false
			}
		}
	}
	return true
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// checkBudget fails the test when the build took more memory at its peak
// than the build of the sample vault did plus added.
func (r *hostileResult) checkBudget(t *testing.T, base *hostileResult, added int64) {
	t.Helper()
	if r.peak > base.peak+added {
		t.Errorf("peak memory %d MB, more than the sample vault's %d MB + %d MB", r.peak>>20, base.peak>>20, added>>20)
	}
}

// eachPage parses every HTML page of the build.
func (r *hostileResult) eachPage(t *testing.T, fn func(rel string, doc *html.Node)) {
	t.Helper()
	err := filepath.WalkDir(r.public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(r.public, p)
		doc, err := html.Parse(f)
		if err != nil {
			// A browser reads such a page no better.
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		fn(filepath.ToSlash(rel), doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	return b.String()
}

// pdfText is the text of a PDF (pdftotext, from poppler-utils), or the
// file itself when pdftotext is not installed.
func pdfText(t *testing.T, path string, data []byte) []byte {
	out, err := exec.Command("pdftotext", "-q", path, "-").Output()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			t.Logf("pdftotext is not installed: %s is searched as it is", filepath.Base(path))
			return data
		}
		t.Errorf("pdftotext %s: %v", path, err)
	}
	return append(out, data...)
}

func around(data, sub []byte) string {
	i := bytes.Index(data, sub)
	return fmt.Sprintf("%q", data[max(0, i-60):min(len(data), i+len(sub)+60)])
}

func tailLines(out []byte, n int) []byte {
	lines := bytes.SplitAfter(out, []byte("\n"))
	return bytes.Join(lines[max(0, len(lines)-n):], nil)
}

// TestFeedOfALargeNote builds a note that starts with a table of 20,000
// rows: its summary, the whole table, went into the site's feed as
// escaped HTML, where Hugo's XML minifier took time quadratic in its
// length and the number of entities in it (minutes); the feed now gives
// such a note its plain description.
func TestFeedOfALargeNote(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	dir := t.TempDir()
	s, _ := hostile.Find("wide-row")
	if err := hostile.Write(dir, s, 4<<20); err != nil {
		t.Fatal(err)
	}
	res := hostileBuild(t, filepath.Join(dir, s.Name), hangGuard)
	res.check(t)
	feed, err := os.ReadFile(filepath.Join(res.public, "index.xml"))
	if err != nil {
		t.Fatal(err)
	}
	// The item gets the page's plain description in place of the table.
	if len(feed) > 64<<10 || !bytes.Contains(feed, []byte("<item>")) {
		t.Errorf("the feed is %d bytes:\n%.500s", len(feed), feed)
	}
	t.Logf("a table of 20,000 rows: %s", res.figures())
}

// TestBuiltMath: only a formula as KaTeX writes it passes for the
// theme's own MathML.
func TestBuiltMath(t *testing.T) {
	const ann = `<annotation encoding="application/x-tex">x</annotation>`
	for _, tt := range []struct {
		html string
		want bool
	}{
		{`<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>x</mi></mrow>` + ann + `</semantics></math>`, true},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi mathvariant="normal">Θ</mi></mrow>` + ann + `</semantics></math>`, true},
		{`<math><mi>x</mi></math>`, false},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi xlink:href="javascript:alert(1)">x</mi></mrow>` + ann + `</semantics></math>`, false},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi href="https://example.com/">x</mi></mrow>` + ann + `</semantics></math>`, false},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mtext><img src=x></mtext>` + ann + `</semantics></math>`, false},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>x</mi></mrow></semantics></math>`, false},
	} {
		doc, err := html.Parse(strings.NewReader("<p>" + tt.html))
		if err != nil {
			t.Fatal(err)
		}
		var math *html.Node
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "math" {
				math = n
				break
			}
		}
		if got := math != nil && builtMath(math); got != tt.want {
			t.Errorf("builtMath(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}
