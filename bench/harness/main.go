// Command harness measures whole builds of synthetic vaults: Crib's build
// (cold, with no highlight cache, and warm, with the cache an earlier
// build filled), plain Hugo on the same normalized content, and Pagefind
// indexing the same public/ folder. Every figure is the median of several
// runs made in the same invocation, since absolute times vary on shared
// machines; the ratios are the figures to compare.
//
// It is run by bench/run, which builds the binaries it needs.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/highlight"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/generator/stamp"
	"github.com/crib-notes/crib/generator/synth"
	crvault "github.com/crib-notes/crib/generator/vault"
)

type options struct {
	crib, hugo, pagefind string // binaries
	repo                 string // the repository: site skeleton and theme
	work                 string // scratch folder
	runs                 int
	seed                 uint64
	mixes                []string
	sizes                []int
	minSize, maxSize     int
	fenceLines           int
	verbose              bool
	compare              bool // also run plain Hugo and Pagefind
	// off are [params.crib] switches set to false in the site's
	// hugo.toml ("graph"), to measure what a feature costs.
	off   []string
	trash *trash
}

// trash takes the folders a run leaves behind out of the way without
// deleting them: deleting tens of thousands of files slows the next run's
// file creation on ext4, whose inode allocator skips over recently
// deleted inodes for a minute or more, and that cost (several seconds of
// system time in a cold build) belongs to the harness, not to the build
// measured next. A fresh clone or a CI runner has deleted nothing. The
// trash is emptied when the invocation ends.
type trash struct {
	dir string
	n   int
}

// clear moves path into the trash; a path that does not exist is fine.
func (t *trash) clear(path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return nil
	}
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		return err
	}
	t.n++
	return os.Rename(path, filepath.Join(t.dir, strconv.Itoa(t.n)))
}

func (t *trash) empty() { os.RemoveAll(t.dir) }

func main() {
	var o options
	var mixes string
	flag.StringVar(&o.crib, "crib", "", "the crib binary")
	flag.StringVar(&o.hugo, "hugo", "", "the hugo binary for plain Hugo runs")
	flag.StringVar(&o.pagefind, "pagefind", "", "the pagefind binary (empty: skip Pagefind)")
	flag.StringVar(&o.repo, "repo", ".", "the Crib repository (site skeleton and theme)")
	flag.StringVar(&o.work, "work", "", "scratch folder (default: a temporary folder)")
	flag.IntVar(&o.runs, "runs", 3, "runs per measurement; the median is printed")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the synthetic vaults")
	flag.StringVar(&mixes, "mix", "code,prose", "vault mixes to measure: code, prose")
	flag.IntVar(&o.minSize, "min-size", 0, "smallest note in bytes (default: synth's, 15,000)")
	flag.IntVar(&o.fenceLines, "fence-lines", 0, "most lines of a code fence (default: synth's, 40)")
	flag.IntVar(&o.maxSize, "max-size", 0, "largest note in bytes (default: synth's, 18,000)")
	flag.BoolVar(&o.verbose, "v", false, "print every run")
	flag.BoolVar(&o.compare, "compare", true, "also run plain Hugo and Pagefind on the same content")
	var off string
	flag.StringVar(&off, "off", "", "[params.crib] switches to turn off, comma-separated: backlinks,graph,brokenLinks,previews")
	flag.Parse()
	if off != "" {
		o.off = strings.Split(off, ",")
	}
	o.mixes = strings.Split(mixes, ",")
	for _, a := range flag.Args() {
		n, err := strconv.Atoi(a)
		if err != nil || n <= 0 {
			fatalf("not a vault size: %q", a)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.crib == "" || o.hugo == "" {
		fatalf("-crib and -hugo are required")
	}
	if o.work == "" {
		dir, err := os.MkdirTemp("", "crib-bench-")
		if err != nil {
			fatalf("%v", err)
		}
		defer os.RemoveAll(dir)
		o.work = dir
	}
	o.trash = &trash{dir: filepath.Join(o.work, "trash")}
	defer o.trash.empty()
	fmt.Printf("crib bench: %d runs each, median shown; %s\n", o.runs, machine())
	for _, mixName := range o.mixes {
		mix, err := synth.ParseMix(mixName)
		if err != nil {
			fatalf("%v", err)
		}
		sizes := o.sizes
		if len(sizes) == 0 {
			sizes = []int{1000, 5000}
			if mix == synth.Prose {
				sizes = append(sizes, 10000)
			}
		}
		for _, n := range sizes {
			if err := measure(o, mix, n); err != nil {
				fatalf("%s %d: %v", mix, n, err)
			}
		}
	}
}

// stage names as the table prints them, and the pipeline timing lines
// that make them up.
var stages = []struct {
	name  string
	lines []string
}{
	{"normalize", []string{"read", "index", "pages"}},
	{"PDF", []string{"cheatsheet"}},
	{"search", []string{"search"}},
	{"practice", []string{"practice"}},
	{"highlight", []string{"highlight"}},
	{"stamp", []string{"stamp"}},
}

// run is one measured process.
type run struct {
	wall   time.Duration
	cpu    time.Duration // user and system time of the process and its children
	rss    int64         // peak resident set, bytes
	stages map[string]time.Duration
	hugo   time.Duration // Hugo's part of a crib build
	// indexChanged is how many search index files a build wrote that
	// the build before it did not (new names or new bytes).
	indexChanged int
}

func measure(o options, mix synth.Mix, n int) error {
	name := fmt.Sprintf("%s-%d", mix, n)
	vault := filepath.Join(o.work, name, "vault")
	site := filepath.Join(o.work, name, "site")
	if err := o.trash.clear(filepath.Join(o.work, name)); err != nil {
		return err
	}
	files := synth.Generate(n, synth.Options{Mix: mix, MinSize: o.minSize, MaxSize: o.maxSize, FenceLines: o.fenceLines}, o.seed)
	if err := synth.WriteFiles(vault, files); err != nil {
		return err
	}
	fences := 0
	for _, f := range files {
		fences += bytes.Count(f.Data, []byte("\n```")) / 2
	}
	if err := skeleton(o.repo, site); err != nil {
		return err
	}
	if err := switchOff(filepath.Join(site, "hugo.toml"), o.off); err != nil {
		return err
	}
	var public diskUsage

	var cold, warm, unchanged, edited, plain, pagefind, index []run
	var cribIndex, pagefindIndex diskUsage
	for i := range o.runs {
		// Cold: nothing generated, no highlight cache.
		for _, p := range generated {
			if err := o.trash.clear(filepath.Join(site, p)); err != nil {
				return err
			}
		}
		r, err := cribBuild(o, site, vault)
		if err != nil {
			return fmt.Errorf("cold build: %w", err)
		}
		cold = append(cold, r)
		if i == 0 {
			if public, err = du(filepath.Join(site, "public")); err != nil {
				return err
			}
		}
		// Warm: the same vault again, the cache filled by the cold build;
		// Hugo runs, as the record of its last run is removed.
		if err := os.Remove(filepath.Join(site, stamp.PublishedPath)); err != nil {
			return fmt.Errorf("warm build: %w", err)
		}
		if r, err = cribBuild(o, site, vault); err != nil {
			return fmt.Errorf("warm build: %w", err)
		}
		warm = append(warm, r)
		// Nothing changed since: neither the pipeline nor Hugo runs.
		if r, err = cribBuild(o, site, vault); err != nil {
			return fmt.Errorf("build with nothing changed: %w", err)
		}
		unchanged = append(unchanged, r)
		// One word of one note edited, as between two builds of a day's
		// work: the cache is warm, but the pipeline runs again.
		// The index as deployed: Hugo copies static/ into public/.
		indexDir := filepath.Join(site, "public", strings.TrimPrefix(search.Dir, "static/"))
		before, err := dirFiles(indexDir)
		if err != nil {
			return err
		}
		f := files[i%len(files)]
		if err := os.WriteFile(filepath.Join(vault, filepath.FromSlash(f.Path)), editOneWord(f.Data, i), 0o644); err != nil {
			return err
		}
		if r, err = cribBuild(o, site, vault); err != nil {
			return fmt.Errorf("build after an edit: %w", err)
		}
		after, err := dirFiles(indexDir)
		if err != nil {
			return err
		}
		for name, data := range after {
			if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
				r.indexChanged++
			}
		}
		if i == 0 {
			cribIndex = usage(after)
		}
		edited = append(edited, r)
		if !o.compare {
			if o.verbose {
				fmt.Fprintf(os.Stderr, "%s run %d: cold %v, warm %v, edited %v\n", name, i+1, cold[i].wall, warm[i].wall, edited[i].wall)
			}
			continue
		}
		// Plain Hugo on the same content, highlighting every block itself.
		if r, err = plainHugo(o, site); err != nil {
			return fmt.Errorf("plain hugo: %w", err)
		}
		plain = append(plain, r)
		if o.pagefind != "" {
			if r, err = runPagefind(o, site); err != nil {
				return fmt.Errorf("pagefind: %w", err)
			}
			pagefind = append(pagefind, r)
			if i == 0 {
				files, err := dirFiles(filepath.Join(site, "pagefind-out"))
				if err != nil {
					return err
				}
				pagefindIndex = usage(files)
			}
			if r, err = indexAlone(o, vault); err != nil {
				return fmt.Errorf("search index alone: %w", err)
			}
			index = append(index, r)
		}
		if o.verbose {
			fmt.Fprintf(os.Stderr, "%s run %d: cold %v, warm %v, edited %v, plain hugo %v\n", name, i+1, cold[i].wall, warm[i].wall, edited[i].wall, plain[i].wall)
		}
	}
	fmt.Printf("\n%s: %d notes, %.1f MB, %d code fences\n", name, n, float64(synth.Size(files))/1e6, fences)
	if len(o.off) > 0 {
		fmt.Printf("off in hugo.toml: %s\n", strings.Join(o.off, ", "))
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, s := range stages {
		fmt.Fprintf(tw, "%s\t", s.name)
	}
	fmt.Fprint(tw, "Hugo\ttotal\tCPU time\tpeak RSS\t\n")
	row := func(label string, rs []run, crib bool) {
		fmt.Fprintf(tw, "%s\t", label)
		for _, s := range stages {
			if crib {
				fmt.Fprintf(tw, "%s\t", secs(median(rs, func(r run) time.Duration { return r.stages[s.name] })))
			} else {
				fmt.Fprint(tw, "-\t")
			}
		}
		hugo := "-"
		if crib {
			hugo = secs(median(rs, func(r run) time.Duration { return r.hugo }))
		} else if label == "plain hugo" {
			hugo = secs(median(rs, func(r run) time.Duration { return r.wall }))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", hugo, secs(median(rs, func(r run) time.Duration { return r.wall })),
			secs(median(rs, func(r run) time.Duration { return r.cpu })), mb(medianRSS(rs)))
	}
	row("crib build, cold", cold, true)
	row("crib build, warm", warm, true)
	row("nothing changed", unchanged, true)
	row("warm, one note edited", edited, true)
	if len(plain) > 0 {
		row("plain hugo", plain, false)
	}
	if len(pagefind) > 0 {
		row("pagefind", pagefind, false)
		row("crib search index alone", index, false)
	}
	tw.Flush()
	changed := make([]int, len(edited))
	for i, r := range edited {
		changed[i] = r.indexChanged
	}
	slices.Sort(changed)
	fmt.Printf("public/: %s\n", public)
	fmt.Printf("crib search index: %s; files a one-word edit wrote or changed: %d (median; each run: %v)\n", cribIndex, changed[len(changed)/2], changed)
	if pagefindIndex.files > 0 {
		fmt.Printf("pagefind bundle:   %s\n", pagefindIndex)
	}
	if len(plain) == 0 {
		return nil
	}
	total := func(rs []run) time.Duration { return median(rs, func(r run) time.Duration { return r.wall }) }
	cpu := func(rs []run) time.Duration { return median(rs, func(r run) time.Duration { return r.cpu }) }
	fmt.Printf("crib warm / plain hugo: %.2f (CPU time %.2f)   crib cold / plain hugo: %.2f (CPU time %.2f)\n",
		ratio(total(warm), total(plain)), ratio(cpu(warm), cpu(plain)), ratio(total(cold), total(plain)), ratio(cpu(cold), cpu(plain)))
	fmt.Printf("crib warm, one note edited / plain hugo: %.2f (CPU time %.2f)\n", ratio(total(edited), total(plain)), ratio(cpu(edited), cpu(plain)))
	if len(pagefind) > 0 {
		alone := total(index)
		fmt.Printf("crib search index alone / pagefind: %.3f (pagefind %.1fx slower; CPU time %.1fx)\n",
			ratio(alone, total(pagefind)), ratio(total(pagefind), alone), ratio(cpu(pagefind), cpu(index)))
		idx := median(cold, func(r run) time.Duration { return r.stages["search"] })
		fmt.Printf("crib search index in a cold build, beside the other outputs / pagefind: %.3f (pagefind %.1fx slower)\n", ratio(idx, total(pagefind)), ratio(total(pagefind), idx))
	}
	return nil
}

// wordRE finds a word to edit.
var wordRE = regexp.MustCompile(`[A-Za-z]{5,}`)

// editOneWord replaces the last word of five letters or more in text by
// another word, new to the vault, different in each run.
func editOneWord(text []byte, run int) []byte {
	locs := wordRE.FindAllIndex(text, -1)
	if len(locs) == 0 {
		return append(slices.Clip(text), "\nedited\n"...)
	}
	l := locs[len(locs)-1]
	return slices.Concat(text[:l[0]], []byte("quxedit"+strconv.Itoa(run+1)), text[l[1]:])
}

// dirFiles reads every file under dir, by slash-separated relative path.
func dirFiles(dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	return out, err
}

// du is the disk usage of the files under dir, read from their sizes.
func du(dir string) (diskUsage, error) {
	var u diskUsage
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		u.files++
		u.bytes += info.Size()
		u.blocks += (info.Size() + 4095) / 4096 * 4096
		return nil
	})
	return u, err
}

// switchOff sets each of keys, a [params.crib] switch that the site's
// hugo.toml sets to true, to false.
func switchOff(config string, keys []string) error {
	data, err := os.ReadFile(config)
	if err != nil {
		return err
	}
	for _, k := range keys {
		on := []byte("\n" + k + " = true\n")
		if !bytes.Contains(data, on) {
			return fmt.Errorf("%s sets no %s = true to turn off", config, k)
		}
		data = bytes.Replace(data, on, []byte("\n"+k+" = false\n"), 1)
	}
	return os.WriteFile(config, data, 0o644)
}

// diskUsage is what a folder of files takes: their count, their bytes,
// and the bytes of the 4 KiB blocks they fill (what du counts on a file
// system of 4 KiB blocks, and about what a file system stores).
type diskUsage struct {
	files         int
	bytes, blocks int64
}

func usage(files map[string][]byte) diskUsage {
	var u diskUsage
	for _, b := range files {
		u.files++
		u.bytes += int64(len(b))
		u.blocks += (int64(len(b)) + 4095) / 4096 * 4096
	}
	return u
}

func (u diskUsage) String() string {
	return fmt.Sprintf("%d files, %.2f MB apparent, %.2f MB in 4 KiB blocks", u.files, float64(u.bytes)/(1<<20), float64(u.blocks)/(1<<20))
}

// generated are the site paths a build writes, removed before a cold run.
var generated = []string{"content/notes", "content/practice/cards", "static/search", "static/preview", "static/anki", "data/crib", "assets/crib", ".crib", ".cache", "public", "resources", ".hugo_build.lock"}

// indexAlone builds Crib's search index of the vault into a scratch site
// with nothing else running beside it, as Pagefind runs: inside a build
// the index shares the cores with the cheat sheet, the practice deck and
// the highlight cache. The notes are read and normalized first, untimed
// (Pagefind too starts from pages already built).
func indexAlone(o options, vault string) (run, error) {
	dir := filepath.Join(o.work, "index-alone")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return run{}, err
	}
	defer os.RemoveAll(dir)
	site, err := content.OpenSite(dir)
	if err != nil {
		return run{}, err
	}
	ctx := context.Background()
	listing, err := crvault.Open(ctx, vault, config.Default().Ignore)
	if err != nil {
		return run{}, err
	}
	b := pipeline.New(pipeline.Options{Config: config.Default(), VaultDir: vault, Writer: site, Outputs: []pipeline.Output{search.Output{}}})
	res, err := b.Pages(ctx, listing)
	if err != nil {
		return run{}, err
	}
	runtime.GC()
	before := cpuTime()
	start := time.Now()
	if err := b.Outputs(ctx, res); err != nil {
		return run{}, err
	}
	r := run{wall: time.Since(start), cpu: cpuTime() - before}
	for _, d := range res.Diags.Sorted() {
		if strings.Contains(d.Message, "search") {
			return r, fmt.Errorf("%s", d)
		}
	}
	return r, nil
}

// cpuTime is the user and system time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func cribBuild(o options, site, vault string) (run, error) {
	cmd := exec.Command(o.crib, "build", "--site", site, "--vault", vault)
	cmd.Env = append(os.Environ(), "CRIB_TIMINGS=1")
	r, stderr, err := timed(cmd)
	// Exit status 1 is "errors in notes" (a cheat sheet that does not fit
	// one page, say): the site is still built.
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		err = nil
	}
	if err != nil {
		return r, fmt.Errorf("%w\n%s", err, tail(stderr))
	}
	r.stages = map[string]time.Duration{}
	lines := map[string]time.Duration{}
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		if m := timingLine.FindStringSubmatch(sc.Text()); m != nil {
			s, _ := strconv.ParseFloat(m[2], 64)
			lines[m[1]] += time.Duration(s * float64(time.Second))
		}
		// Crib's own peak: the one wait4 gives counts the harness's
		// memory too, which the child shares until it starts Crib.
		if m := peakLine.FindStringSubmatch(sc.Text()); m != nil {
			kb, _ := strconv.ParseInt(m[1], 10, 64)
			r.rss = kb << 10
		}
	}
	for _, s := range stages {
		for _, l := range s.lines {
			r.stages[s.name] += lines[l]
		}
	}
	// Hugo runs after the pipeline in the same process: the rest of the
	// wall time is Hugo's (and the process start).
	r.hugo = r.wall - lines["pipeline"]
	return r, nil
}

var (
	timingLine = regexp.MustCompile(`^crib: timing (\S+) ([0-9.]+)$`)
	peakLine   = regexp.MustCompile(`^crib: peak-rss (\d+) kB$`)
)

// plainHugo builds the site with the hugo binary, with the highlight
// cache out of the render hook's sight so that Hugo highlights every
// block itself.
func plainHugo(o options, site string) (run, error) {
	// Without the file that tells the hook where the cache is, the hook
	// highlights every block. Its absence is an error: a plain run that
	// read the cache would make the comparison meaningless.
	data := filepath.Join(site, filepath.FromSlash(highlight.DataFile))
	off := filepath.Join(site, "highlight.json.off") // outside assets/
	if err := os.Rename(data, off); err != nil {
		return run{}, fmt.Errorf("hiding the highlight cache from plain Hugo: %w", err)
	}
	defer os.Rename(off, data)
	if err := o.trash.clear(filepath.Join(site, "public")); err != nil {
		return run{}, err
	}
	cmd := exec.Command(o.hugo, "--source", site, "--gc", "--minify", "--logLevel", "warn")
	r, stderr, err := timed(cmd)
	if err != nil {
		return r, fmt.Errorf("%w\n%s", err, tail(stderr))
	}
	return r, nil
}

func runPagefind(o options, site string) (run, error) {
	out := filepath.Join(site, "pagefind-out")
	if err := o.trash.clear(out); err != nil {
		return run{}, err
	}
	cmd := exec.Command(o.pagefind, "--site", filepath.Join(site, "public"), "--output-path", out)
	r, stderr, err := timed(cmd)
	if err != nil {
		return r, fmt.Errorf("%w\n%s", err, tail(stderr))
	}
	return r, nil
}

// timed runs cmd and returns its wall time, its peak resident set (from
// the kernel's accounting of the process and the children it waited for)
// and its standard error.
func timed(cmd *exec.Cmd) (run, []byte, error) {
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		// At least the harness's own memory at the start (see cribBuild).
		r.rss = ru.Maxrss << 10 // kilobytes on Linux
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return r, stderr.Bytes(), err
}

// skeleton copies the repository's hand-written site (configuration,
// pages, theme, static files) into dir, without anything a build writes.
func skeleton(repo, dir string) error {
	for _, p := range []string{"hugo.toml", "content", "layouts", "themes", "static", "assets", "data", "i18n", "archetypes"} {
		src := filepath.Join(repo, p)
		err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && path == src {
					return nil
				}
				return err
			}
			rel, _ := filepath.Rel(repo, path)
			for _, g := range generated {
				if rel == g || strings.HasPrefix(rel, g+string(filepath.Separator)) {
					return filepath.SkipDir
				}
			}
			if strings.HasPrefix(filepath.Base(rel), "cheatsheet") && strings.HasSuffix(rel, ".pdf") {
				return nil
			}
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dir, rel), 0o755)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func median(rs []run, f func(run) time.Duration) time.Duration {
	if len(rs) == 0 {
		return 0
	}
	xs := make([]time.Duration, len(rs))
	for i, r := range rs {
		xs[i] = f(r)
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func medianRSS(rs []run) int64 {
	xs := make([]int64, len(rs))
	for i, r := range rs {
		xs[i] = r.rss
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }
func mb(b int64) string {
	if b == 0 {
		return "-" // not measured
	}
	return fmt.Sprintf("%d MB", b>>20)
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return a.Seconds() / b.Seconds()
}

func tail(b []byte) string {
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// machine describes where the figures were taken.
func machine() string {
	load, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(load))
	l := "?"
	if len(f) > 0 {
		l = f[0]
	}
	return fmt.Sprintf("%d CPUs, load average %s at start", runtime.NumCPU(), l)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "harness: "+format+"\n", args...)
	os.Exit(2)
}
