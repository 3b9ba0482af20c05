package highlight

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/note"
)

// DataFile is where the render hook learns about the cache, relative to
// the site: the asset crib/highlight.json = {dir, hugo}. An asset, not a
// file under data/: Hugo renders every page that reads hugo.Data again
// when any data file changes, and every page with code reads this one.
const DataFile = "assets/crib/highlight.json"

// Data is the content of DataFile.
type Data struct {
	// Dir is the cache generation folder, relative to the site when it is
	// inside it.
	Dir string `json:"dir"`
	// Hugo is the Hugo version the packs were made for; a template run
	// by another version ignores the cache.
	Hugo string `json:"hugo"`
}

// Output fills the highlight cache of a site as a build step and tells
// the render hook where it is. The cache is for Hugo: a command that
// writes no site (check) does not run it.
type Output struct {
	SiteDir  string
	CacheDir string // relative to SiteDir unless absolute
	// Config is the site's markup.highlight (config.Config.Highlight).
	Config Config

	packs []string // what the last Write left for the render hook
}

// Files returns the packs the last Write left for the render hook, one
// per note with code: a build that skips this output (see package stamp)
// must find them all, or Hugo would highlight those notes itself.
func (o *Output) Files() []string { return o.packs }

// Name implements pipeline.Output.
func (o *Output) Name() string { return "highlight" }

// Prepare implements pipeline.Preparer: the note's code blocks, taken while
// its syntax tree is at hand.
func (o *Output) Prepare(n *note.Note) { Blocks(n) }

// Write implements pipeline.Output.
func (o *Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	o.packs = nil
	cfg := o.Config
	if !Cacheable(cfg) {
		return nil
	}
	cacheDir := o.CacheDir
	if !filepath.IsAbs(cacheDir) {
		cacheDir = filepath.Join(o.SiteDir, cacheDir)
	}
	dir, _, err := Fill(ctx, cacheDir, notes, cfg)
	if err != nil {
		return []diag.Diagnostic{diag.Site.Warnf("", 0, "highlight cache not used: %v", err)}
	}
	for _, n := range notes {
		if k := packKey(n); k != "" {
			o.packs = append(o.packs, PackPath(dir, k))
		}
	}
	if rel, err := filepath.Rel(o.SiteDir, dir); err == nil && filepath.IsLocal(rel) {
		dir = rel
	}
	data, err := json.MarshalIndent(Data{Dir: filepath.ToSlash(dir), Hugo: HugoVersion()}, "", "  ")
	if err != nil {
		return []diag.Diagnostic{diag.Site.Errorf("", 0, "highlight cache: %v", err)}
	}
	if err := w.WriteFile(DataFile, append(data, '\n')); err != nil {
		return []diag.Diagnostic{diag.Site.Errorf(DataFile, 0, "%v", fmt.Errorf("cannot write: %w", err))}
	}
	return nil
}
