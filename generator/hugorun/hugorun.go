// Package hugorun runs Hugo inside the generator's own process, through
// the same entry point as the hugo command, and turns what Hugo logs into
// Crib diagnostics.
package hugorun

import (
	"bufio"
	"fmt"
	"github.com/gohugoio/hugo/common/paths"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/memlimit"
	"github.com/gohugoio/hugo/commands"
)

// Options says how to run Hugo.
type Options struct {
	Source      string // the site directory
	Destination string // "" for Hugo's default, public/
	BaseURL     string // "" for hugo.toml's
	// Output receives Hugo's own report (page counts, timings); warnings
	// and errors become diagnostics instead.
	Output io.Writer
	// Segment, when set, is a configuration file that Hugo merges with
	// the site's hugo.toml, defining the segment SegmentName (package
	// segment): Hugo renders its pages and leaves the others in the
	// destination as they are.
	Segment string
}

// SegmentName is the segment a run with Options.Segment renders.
const SegmentName = "crib"

// memoryLimitGB caps Hugo's in-memory caches, in gigabytes. Hugo's
// default is a quarter of the machine's memory, which lets a large vault
// grow well past what a laptop or CI runner can spare; one gigabyte of
// cache keeps a 5,000-note build under 2.5 GB in all.
const memoryLimitGB = 1

// softLimit asks the Go runtime to collect harder before the process
// grows past it; it is a target, not a cap.
const softLimit = memlimit.Ceiling

// hugoMu serializes in-process runs: Hugo's command reads and sets
// process-wide state (os.Stdout, the global logger).
var hugoMu sync.Mutex

// Build runs "hugo --gc --minify" on the site and returns Hugo's warnings
// and errors as diagnostics. err is non-nil when Hugo failed.
func Build(o Options) ([]diag.Diagnostic, error) {
	args := []string{"--source", o.Source, "--gc", "--minify", "--logLevel", "warn", "--printPathWarnings"}
	if o.Destination != "" {
		args = append(args, "--destination", o.Destination)
	}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	if o.Segment != "" {
		args = append(args, "--config", filepath.Join(o.Source, "hugo.toml")+","+o.Segment, "--renderSegments", SegmentName)
	}
	defer memlimit.Build(memlimit.DirBytes(filepath.Join(o.Source, "content")))()
	diags, err := run(args, o.Output)
	// Name files relative to the site, as the rest of the report does.
	prefix := strings.TrimSuffix(o.Source, "/") + "/"
	for i := range diags {
		diags[i].Path = strings.TrimPrefix(diags[i].Path, prefix)
	}
	return diags, err
}

// Rebuild is one rebuild Hugo's server finished.
type Rebuild struct {
	// Started is when Hugo reported that it began the rebuild: it reads
	// the files that changed after that.
	Started time.Time
	// Errors are the errors Hugo logged during the rebuild (without the
	// level); none when it succeeded.
	Errors []string
}

// Serve runs Hugo's server with the given flags for the life of the
// process. Hugo's log goes to the process's own stdout: a server's log is
// for the person watching it. After each rebuild Hugo finishes (a saved
// page is then on its way to the browser), rebuilt is called with it, on
// the goroutine that reads Hugo's log: it must not wait.
//
// held is the heap the caller keeps live beside the server (serve's
// generator state). Hugo's caches and the collector get it on top of
// what a build gets: Hugo sizes its caches by the whole process's heap,
// and would otherwise evict them all the time on a large vault.
//
// began, when not nil, is called the same way as each rebuild begins,
// static files only too (for which Hugo reports no end), and took for
// each file Hugo names as changed in it (see LogName).
func Serve(flags []string, began func(time.Time), took func(path string), rebuilt func(Rebuild), held uint64) error {
	hugoMu.Lock()
	defer hugoMu.Unlock()
	if os.Getenv("HUGO_MEMORYLIMIT") == "" {
		os.Setenv("HUGO_MEMORYLIMIT", strconv.FormatFloat(memoryLimitGB+float64(held)/(1<<30), 'f', 2, 64))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softLimit + int64(held))
	}
	out := os.Stdout
	read := rebuilds(began, took, rebuilt)
	restore, wait, err := captureStdio(func(line string) {
		fmt.Fprintln(out, line)
		read(line)
	})
	if err != nil {
		return err
	}
	defer wait()
	defer restore()
	return commands.Execute(append([]string{"server"}, flags...))
}

// rebuilds returns a reader of the server's log, line by line, that calls
// began (when not nil) as each rebuild begins, took (when not nil) for
// each file it names, and rebuilt at the end of each.
func rebuilds(began func(time.Time), took func(path string), rebuilt func(Rebuild)) func(line string) {
	var r Rebuild
	return func(line string) {
		switch {
		case strings.Contains(line, "detected, rebuilding site"):
			r = Rebuild{Started: time.Now()}
			if began != nil {
				began(r.Started)
			}
		case isRebuildReport(line):
			rebuilt(r)
			r = Rebuild{}
		default:
			if m := logLine.FindStringSubmatch(line); m != nil && m[1] == "ERROR" {
				r.Errors = append(r.Errors, m[2])
			} else if p, ok := takenName(line); ok && took != nil {
				took(p)
			}
		}
	}
}

// takenName returns the file a line of Hugo's server log names as taken
// into a rebuild, as Hugo writes it: relative to its component folder
// (content/, static/, ...), with a leading slash, for content, assets,
// data and templates in Hugo's normalized form (see LogName).
func takenName(line string) (string, bool) {
	for _, prefix := range []string{"Source changed ", "Asset changed ", "Data changed ", "Template changed ", "i18n changed ", "File no longer exists in static dir, removing "} {
		if p, ok := strings.CutPrefix(line, prefix); ok {
			return p, true
		}
	}
	if rest, ok := strings.CutPrefix(line, "Syncing "); ok {
		if i := strings.LastIndex(rest, " to "); i > 0 {
			return rest[:i], true
		}
	}
	return "", false
}

// LogName is the name Hugo's server log gives the site file rel (such as
// content/notes/a/index.md) when a rebuild takes its change, as
// normalized for comparison with a name the log gave: the path below the
// component folder with a leading slash, lower case, spaces as hyphens
// (Hugo's normalized form for content, assets and data).
func LogName(rel string) string {
	_, rest, _ := strings.Cut(rel, "/")
	return NormalizeLogName("/" + rest)
}

// NormalizeLogName normalizes a name Hugo's server log gives a file for
// comparison with LogName.
func NormalizeLogName(name string) string { return paths.NormalizePathStringBasic(name) }

// quoted is a quoted absolute file path in a Hugo error, with the
// position Hugo may add: "/site/content/notes/a/index.md:12:3".
var quoted = regexp.MustCompile(`"(/[^"]+?)(?::(\d+))?(?::\d+)?"`)

// ContentFile is a file of the site's content/ folder that a Hugo error
// names.
type ContentFile struct {
	Path string // relative to the site: content/notes/a/index.md
	Line int    // the first line the error names in it; 0 if none
}

// ContentFiles returns the files of the site's content/ folder that a
// Hugo error names, in the order named, each once.
func ContentFiles(site, msg string) []ContentFile {
	prefix := filepath.Join(site, "content") + string(filepath.Separator)
	var files []ContentFile
	for _, m := range quoted.FindAllStringSubmatch(msg, -1) {
		rest, ok := strings.CutPrefix(filepath.Clean(m[1]), prefix)
		if !ok {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		f := ContentFile{Path: "content/" + filepath.ToSlash(rest), Line: line}
		i := slices.IndexFunc(files, func(c ContentFile) bool { return c.Path == f.Path })
		switch {
		case i < 0:
			files = append(files, f)
		case files[i].Line == 0:
			files[i].Line = f.Line
		}
	}
	return files
}

// isRebuildReport reports whether a line of Hugo's server log is the one
// it prints when a build is done, whether or not it failed:
// "Total in 412 ms".
func isRebuildReport(line string) bool {
	rest, ok := strings.CutPrefix(line, "Total in ")
	return ok && strings.HasSuffix(rest, " ms")
}

func setMemoryLimits() {
	if os.Getenv("HUGO_MEMORYLIMIT") == "" {
		os.Setenv("HUGO_MEMORYLIMIT", strconv.Itoa(memoryLimitGB))
	}
	if debug.SetMemoryLimit(-1) == 1<<63-1 {
		debug.SetMemoryLimit(softLimit)
	}
}

func run(args []string, out io.Writer) ([]diag.Diagnostic, error) {
	hugoMu.Lock()
	defer hugoMu.Unlock()
	if out == nil {
		out = io.Discard
	}
	setMemoryLimits()

	var diags []diag.Diagnostic
	var mu sync.Mutex
	collect := func(line string) {
		d, ok := parseLogLine(line)
		mu.Lock()
		defer mu.Unlock()
		if ok {
			diags = append(diags, d)
		} else {
			fmt.Fprintln(out, line)
		}
	}
	restore, wait, err := captureStdio(collect)
	if err != nil {
		return nil, err
	}
	err = commands.Execute(args)
	restore()
	wait()
	mu.Lock()
	defer mu.Unlock()
	return diags, err
}

// captureStdio points os.Stdout and os.Stderr at a pipe whose lines go to
// line, until restore is called; wait returns when every line is read.
func captureStdio(line func(string)) (restore, wait func(), err error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
		for sc.Scan() {
			line(sc.Text())
		}
		io.Copy(io.Discard, r)
		r.Close()
	}()
	restore = func() {
		os.Stdout, os.Stderr = oldOut, oldErr
		w.Close()
	}
	return restore, func() { <-done }, nil
}

var (
	logLine = regexp.MustCompile(`^(WARN|ERROR)\s+(.*)$`)
	// A Hugo message that starts with a quoted position:
	// "/abs/site/content/notes/x/index.md:12:3": message
	position = regexp.MustCompile(`^"?([^":]+\.(?:md|html|toml|yaml|json)):(\d+)(?::(\d+))?"?:?\s*(.*)$`)
)

// parseLogLine turns one line of Hugo's log into a diagnostic.
func parseLogLine(line string) (diag.Diagnostic, bool) {
	m := logLine.FindStringSubmatch(line)
	if m == nil {
		return diag.Diagnostic{}, false
	}
	d := diag.Diagnostic{Severity: diag.Warning, Message: "hugo: " + m[2], Kind: diag.Hugo}
	if m[1] == "ERROR" {
		d.Severity = diag.Error
	}
	if p := position.FindStringSubmatch(m[2]); p != nil {
		d.Path = p[1]
		fmt.Sscan(p[2], &d.Line)
		if p[3] != "" {
			fmt.Sscan(p[3], &d.Col)
		}
		d.Message = "hugo: " + strings.TrimSpace(p[4])
	}
	return d, true
}
