package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/destination"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/internal/buildid"
	"github.com/crib-notes/crib/generator/internal/memlimit"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/segment"
	"github.com/crib-notes/crib/generator/stamp"
	"github.com/crib-notes/crib/generator/vault"
)

// siteFlags are the flags every command that reads a vault shares.
type siteFlags struct {
	vault, site string
	strict      bool
	verbose     bool
}

func (s *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.vault, "vault", "", "the vault folder (default: params.crib.vault in hugo.toml, else \"notes\")")
	fs.StringVar(&s.site, "site", ".", "the Hugo site folder, holding hugo.toml")
	fs.BoolVar(&s.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&s.verbose, "verbose", false, "print every problem on a line of its own, not one line per note and kind of problem")
}

// load reads the site configuration and resolves the vault folder. It
// also sets how the command prints diagnostics.
func (s *siteFlags) load(e *env) (cfg config.Config, siteDir, vaultDir string, ok bool) {
	e.verbose = s.verbose
	siteDir, err := filepath.Abs(s.site)
	if err != nil {
		e.errorf("%v", err)
		return cfg, "", "", false
	}
	cfg, err = config.Load(siteDir)
	if err != nil {
		e.errorf("%v", err)
		return cfg, "", "", false
	}
	if s.vault != "" {
		vaultDir, err = filepath.Abs(s.vault)
		if err != nil {
			e.errorf("%v", err)
			return cfg, "", "", false
		}
	} else {
		vaultDir = resolve(siteDir, cfg.Vault)
	}
	return cfg, siteDir, vaultDir, true
}

// listVault lists the vault for a run (vault.Open), saying why when it
// cannot. A command lists the vault once and hands the listing to every
// step that reads it.
func listVault(ctx context.Context, e *env, cfg config.Config, vaultDir string) (*vault.Vault, bool) {
	v, err := vault.Open(ctx, vaultDir, cfg.Ignore)
	if err != nil {
		e.errorf("%v", err)
		return nil, false
	}
	return v, true
}

// openSite loads the configuration and opens the site for writing.
func (s *siteFlags) openSite(e *env) (cfg config.Config, siteDir, vaultDir string, site *content.Site, ok bool) {
	cfg, siteDir, vaultDir, ok = s.load(e)
	if !ok {
		return cfg, "", "", nil, false
	}
	site, err := content.OpenSite(siteDir)
	if err != nil {
		e.errorf("%v", err)
		return cfg, "", "", nil, false
	}
	return cfg, siteDir, vaultDir, site, true
}

// report prints diagnostics, their count by kind and the summary line,
// and returns the exit code they call for.
func report(e *env, diags *diag.List, summary string, strict bool) int {
	e.print(diags)
	if kinds := diags.Summary(); kinds != "" {
		fmt.Fprintf(e.stderr, "crib: %s\n", kinds)
	}
	fmt.Fprintf(e.stderr, "crib: %s\n", summary)
	return codeFor(diags, strict)
}

func codeFor(l *diag.List, strict bool) int {
	w, errs := l.Count()
	if errs > 0 || (strict && w > 0) {
		return exitNotes
	}
	return exitOK
}

func runCheck(ctx context.Context, e *env, args []string) int {
	var sf siteFlags
	fs := newFlags(e, "check", "[--vault DIR] [--site DIR] [--strict] [--verbose]")
	sf.register(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, siteDir, vaultDir, ok := sf.load(e)
	if !ok {
		return exitUsage
	}
	v, ok := listVault(ctx, e, cfg, vaultDir)
	if !ok {
		return exitUsage
	}
	res, err := pipeline.Run(ctx, options(cfg, siteDir, vaultDir, &content.Discard{}, e), v)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return report(e, res.Diags, res.Summary(), sf.strict)
}

func runBuild(ctx context.Context, e *env, args []string) int {
	var sf siteFlags
	var dest, baseURL string
	var noHugo bool
	fs := newFlags(e, "build", "[--vault DIR] [--site DIR] [--destination DIR] [--baseURL URL] [--strict] [--verbose]")
	sf.register(fs)
	fs.StringVar(&dest, "destination", "", "where Hugo writes the site, replacing what an earlier build left there (default: hugo.toml's publishDir, else public/ in the site folder)")
	fs.StringVar(&baseURL, "baseURL", "", "the URL the site is published at, e.g. https://you.github.io/interview-notes/ (default: hugo.toml's)")
	fs.BoolVar(&noHugo, "no-hugo", false, "write the generated files but do not run Hugo")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, siteDir, vaultDir, site, ok := sf.openSite(e)
	if !ok {
		return exitUsage
	}
	if dest == "" {
		dest = resolve(siteDir, cfg.PublishDir)
	}
	dest, err := filepath.Abs(dest)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if !noHugo {
		// Refused before anything is written.
		if err := destination.Check(dest, siteDir, vaultDir, stamp.PublishedTo(siteDir)); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	code, gen, ok := generate(ctx, e, cfg, siteDir, vaultDir, site, sf.strict)
	if !ok {
		return exitUsage
	}
	if noHugo {
		return code
	}
	// Hugo reads its static files from static/ and the themes' alone.
	usual := oneConfigFile(siteDir) && !cfg.StaticElsewhere
	return max(code, runHugo(e, siteDir, vaultDir, dest, baseURL, gen, usual, sf.strict))
}

// runHugo runs Hugo into a fresh folder and, when Hugo succeeds, makes
// that folder the destination's contents (package destination), so dest
// holds what this build produced and what the user keeps there, nothing
// else. When Hugo fails, dest is left as it was. When neither what Hugo
// reads nor the destination changed since the last run (stamp's
// published record), Hugo is not run at all. usual says that Hugo reads
// the site as hugo.toml alone configures it, static files from static/
// and the themes' static/ folders: only then may a run keep some pages or
// find the static files the last run copied already in place.
func runHugo(e *env, siteDir, vaultDir, dest, baseURL string, gen generatedRun, usual, strict bool) int {
	// The program is among the options: another Crib embeds another Hugo,
	// which may render every page differently.
	program := buildid.Self()
	options := append([]string{"destination=" + dest, "baseURL=" + baseURL, "program=" + program}, stamp.HugoEnv()...)
	hugoInputs, siteFiles, err := stamp.SiteState(stamp.Site{
		Generated: gen.inputs,
		Dir:       siteDir,
		Skip:      []string{vaultDir, dest},
		Options:   options,
	})
	if err != nil {
		hugoInputs, siteFiles = "", nil // any doubt means a full build
	}
	// The record is of the folder the site is swapped into: a destination
	// that is a symbolic link is compared by what it points to.
	published, err := destination.Resolve(dest)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var hl diag.List
	if d, ok := stamp.CheckPublished(siteDir, hugoInputs, published, destination.Kept); ok && gen.upToDate {
		hl.Add(d...)
		e.print(&hl)
		fmt.Fprintf(e.stderr, "crib: site up to date: Hugo not run (%s is as the last build left it)\n", shownPath(siteDir, dest))
		return codeFor(&hl, strict)
	}
	var part *partialRun
	if siteFiles != nil && program != "" && usual {
		part = planPartial(siteDir, published, options, siteFiles)
	}
	if err := stamp.RemovePublished(siteDir); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	stage, err := destination.Begin(dest)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var segmentFile string
	if part != nil {
		if segmentFile, err = part.seed(stage, siteDir); err != nil {
			// A full build instead, from an empty folder.
			part = nil
			stage.Abort()
			if stage, err = destination.Begin(dest); err != nil {
				e.errorf("%v", err)
				return exitUsage
			}
		}
	}
	if part == nil && siteFiles != nil && usual {
		stage.LinkSame(segment.StaticSources(siteDir, siteFiles))
	}
	hdiags, err := hugorun.Build(hugorun.Options{Source: siteDir, Destination: stage.Dir, BaseURL: baseURL, Output: e.stdout, Segment: segmentFile})
	if segmentFile != "" {
		os.Remove(segmentFile)
	}
	if part != nil {
		hdiags = append(hdiags, part.keptDiags()...)
	}
	hl.Add(inVault(siteDir, hdiags)...)
	e.print(&hl)
	if err != nil {
		// Unlike notes with errors, a failed Hugo leaves nothing fit to
		// publish; the destination keeps the last good site.
		stage.Abort()
		e.errorf("hugo: %v", err)
		e.errorf("%s is left as it was", dest)
		return exitUsage
	}
	if err := stage.Commit(); err != nil {
		stage.Abort()
		e.errorf("%v", err)
		return exitUsage
	}
	if part != nil {
		fmt.Fprintf(e.stderr, "crib: Hugo rendered the lists and %d changed note pages again, and kept %d as the last build left them\n", len(part.plan.Render), len(part.plan.Keep))
	}
	run := stamp.Run{Site: siteFiles, Options: options, Hugo: hdiags}
	if siteFiles != nil {
		var last stamp.Run
		if part != nil {
			last = part.last
		}
		run.Titles = segment.Titles(siteDir, siteFiles, last.Site, last.Titles)
	}
	if err := stamp.WritePublished(siteDir, hugoInputs, published, destination.Kept, hl.Sorted(), run); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return codeFor(&hl, strict)
}

// partialRun is a Hugo run that renders some pages only (package
// segment): what the last run read and left, and the plan.
type partialRun struct {
	last      stamp.Run
	lastFiles map[string]content.FileState
	plan      segment.Plan
}

// planPartial returns the partial run of a site that now holds siteFiles,
// or nil when Hugo must render every page: no record of a last run that
// left the destination published as it is, with the same options, or a
// change that can show on other pages, or a configuration that is not
// hugo.toml alone (the caller's to check).
func planPartial(siteDir, published string, options []string, siteFiles map[string]content.FileState) *partialRun {
	last, lastFiles, ok := stamp.LastRun(siteDir, published, options, destination.Kept)
	if !ok {
		return nil
	}
	plan, ok := segment.Of(siteDir, last.Site, siteFiles, last.Titles)
	if !ok {
		return nil
	}
	return &partialRun{last: last, lastFiles: lastFiles, plan: plan}
}

// seed prepares the stage: the last run's files, but those whose static
// source is gone, and the segment's configuration, whose path it returns.
func (r *partialRun) seed(stage *destination.Stage, siteDir string) (string, error) {
	gone := map[string]bool{}
	for _, f := range r.plan.Remove {
		gone[f] = true
	}
	files := make([]string, 0, len(r.lastFiles))
	for rel := range r.lastFiles {
		if !gone[rel] {
			files = append(files, rel)
		}
	}
	if err := stage.Seed(files, r.plan.Untouched); err != nil {
		return "", err
	}
	p := filepath.Join(siteDir, ".crib", "segment.toml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	return p, os.WriteFile(p, segment.Config(r.plan.Keep), 0o644)
}

// keptDiags are the warnings Hugo gave about the kept pages' files when
// it last rendered them.
func (r *partialRun) keptDiags() []diag.Diagnostic {
	kept := map[string]bool{}
	for _, p := range r.plan.Keep {
		kept["content"+p] = true
	}
	var out []diag.Diagnostic
	for _, d := range r.last.Hugo {
		if kept[path.Dir(d.Path)] {
			out = append(out, d)
		}
	}
	return out
}

// oneConfigFile reports whether the site's configuration is hugo.toml
// alone, which a run that renders a segment names with the segment's.
func oneConfigFile(siteDir string) bool {
	if _, err := os.Stat(filepath.Join(siteDir, "hugo.toml")); err != nil {
		return false
	}
	for _, other := range []string{"hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json", "config"} {
		if _, err := os.Stat(filepath.Join(siteDir, other)); err == nil {
			return false
		}
	}
	return true
}

// shownPath is p relative to the site folder when it is inside it.
func shownPath(siteDir, p string) string {
	if rel, err := filepath.Rel(siteDir, p); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel) + "/"
	}
	return p
}

// inVault names, in each of Hugo's diagnostics about a page the
// generator wrote, the note's vault file and line instead of the page's
// (see content.SourceLine).
func inVault(siteDir string, diags []diag.Diagnostic) []diag.Diagnostic {
	pages := map[string][]byte{}
	for i, d := range diags {
		if !strings.HasPrefix(d.Path, "content/") || !strings.HasSuffix(d.Path, ".md") {
			continue
		}
		page, ok := pages[d.Path]
		if !ok {
			page, _ = os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(d.Path)))
			pages[d.Path] = page
		}
		if source, line, ok := content.SourceLine(page, d.Line); ok {
			diags[i].Path, diags[i].Line = source, line
			if line == 0 {
				diags[i].Col = 0
			}
		}
	}
	return diags
}

// generatedRun says what generate read and whether it wrote anything.
type generatedRun struct {
	inputs   string // the digest of its inputs (stamp.Digest), "" if none
	upToDate bool   // the stamp vouched for the files; nothing was written
}

// generate writes the generated files of a build and reports on them,
// returning the exit code the notes call for; ok is false when the run
// failed. When the site's stamp shows that the last build read the same
// inputs and its files are untouched, it reports what that build did and
// writes nothing.
//
// The vault is listed once, here: the stamp, the memory pacing and the
// pipeline all read that listing.
func generate(ctx context.Context, e *env, cfg config.Config, siteDir, vaultDir string, site *content.Site, strict bool) (code int, gen generatedRun, ok bool) {
	start := time.Now()
	v, ok := listVault(ctx, e, cfg, vaultDir)
	if !ok {
		return 0, generatedRun{}, false
	}
	inputs, err := stamp.Digest(ctx, stamp.Inputs{Program: buildid.Self(), Vault: v, Settings: []any{siteDir, cfg}})
	if err != nil {
		// The full run reports what is wrong with the vault.
		inputs = ""
	}
	if r, ok := stamp.Check(siteDir, inputs); ok {
		pipeline.ReportSkipped(time.Since(start))
		var l diag.List
		l.Add(r.Diags...)
		return report(e, &l, r.Summary+" (generated files up to date)", strict), generatedRun{inputs, true}, true
	}
	if err := stamp.Remove(siteDir); err != nil {
		e.errorf("%v", err)
		return 0, generatedRun{}, false
	}
	o := options(cfg, siteDir, vaultDir, site, e)
	o.Before = time.Since(start)
	restore := memlimit.Build(v.Bytes())
	res, err := pipeline.Run(ctx, o, v)
	restore()
	if err != nil {
		e.errorf("%v", err)
		return 0, generatedRun{}, false
	}
	if _, _, err := site.Finish(); err != nil {
		e.errorf("%v", err)
		return 0, generatedRun{}, false
	}
	files := site.Files()
	for _, out := range o.Outputs {
		if f, ok := out.(interface{ Files() []string }); ok {
			files = append(files, f.Files()...)
		}
	}
	if err := stamp.Write(siteDir, inputs, files, stamp.Result{Summary: res.Summary(), Diags: res.Diags.Sorted()}); err != nil {
		e.errorf("%v", err)
		return 0, generatedRun{}, false
	}
	return report(e, res.Diags, res.Summary(), strict), generatedRun{inputs: inputs}, true
}

// options are the pipeline options every command uses.
func options(cfg config.Config, siteDir, vaultDir string, w content.Writer, e *env) pipeline.Options {
	return pipeline.Options{
		Config:   cfg,
		VaultDir: vaultDir,
		Writer:   w,
		Progress: e.stderr,
		Outputs:  outputs(cfg, siteDir, w),
		Annotate: annotations(cfg),
		Counts:   counts(cfg),
	}
}
