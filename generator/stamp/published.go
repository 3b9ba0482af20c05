package stamp

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/keyhash"
)

// PublishedPath is where the record of the last Hugo run is kept, beside
// the stamp: what Hugo read and what it left in the destination. With
// the stamp it lets a build where nothing changed skip Hugo too.
const PublishedPath = ".crib/published.json"

// Site names what a Hugo run reads besides the generated files.
type Site struct {
	// Generated is the digest of the generator's inputs (Digest); ""
	// means there is nothing to vouch for.
	Generated string
	// Dir is the site folder. Every file under it is read as an input of
	// Hugo by its size and modification time, but for the folders in
	// Skip (the vault, digested already, the destination, Hugo's caches)
	// and the generator's own records.
	Dir  string
	Skip []string
	// Options are the other settings of the run, such as the base URL,
	// the destination and Hugo's environment variables.
	Options []string
}

// notInputs are the folders and files of a site that Hugo or Crib write
// as they build, or that are never read by Hugo: reading them as inputs
// would make every build look different from the last.
var notInputs = map[string]bool{
	".git": true, ".crib": true, ".cache": true, "resources": true,
	"node_modules": true, ".hugo_build.lock": true,
}

// SiteDigest returns a digest of what a Hugo run of s reads, or "" when
// it cannot vouch for them: no generator digest, or a symbolic link in
// the site, whose target could change unseen.
func SiteDigest(s Site) (string, error) {
	d, _, err := SiteState(s)
	return d, err
}

// SiteState is SiteDigest, with the state of each site file it digested
// (nil with no digest).
func SiteState(s Site) (string, map[string]content.FileState, error) {
	if s.Generated == "" {
		return "", nil, nil
	}
	skip := map[string]bool{}
	for _, p := range s.Skip {
		skip[filepath.Clean(p)] = true
	}
	files, linked, err := fileStates(s.Dir, func(p, rel string) bool {
		return skip[p] || notInputs[rel]
	})
	if err != nil || linked {
		return "", nil, err
	}
	k := keyhash.New()
	k.String("crib published 1")
	k.String(s.Generated)
	k.Int(len(s.Options))
	for _, o := range s.Options {
		k.String(o)
	}
	k.Int(len(files))
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		st := files[rel]
		k.String(rel)
		k.Int(int(st.Size))
		k.Int(int(st.MTime))
	}
	return k.Sum(), files, nil
}

// HugoEnv returns the environment variables Hugo reads its settings from
// (HUGO_*), sorted, as Options for a Site; but for those that say how
// Hugo uses the machine, not what it writes, which Crib itself may set.
func HugoEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(strings.ToUpper(kv), "=")
		if strings.HasPrefix(name, "HUGO") && !machineEnv[name] {
			env = append(env, kv)
		}
	}
	slices.Sort(env)
	return env
}

var machineEnv = map[string]bool{"HUGO_MEMORYLIMIT": true, "HUGO_NUMWORKERMULTIPLIER": true}

// published is the file PublishedPath.
type published struct {
	Inputs string                       `json:"inputs"`
	Dest   string                       `json:"dest"`
	Files  map[string]content.FileState `json:"files"`
	Diags  []diag.Diagnostic            `json:"diags,omitempty"`
	Run
}

// Run is what a Hugo run read, besides its digest, for the next run to
// tell which pages it must render again (package segment).
type Run struct {
	// Site is the state of every site file it read (SiteState).
	Site map[string]content.FileState `json:"site,omitempty"`
	// Options are the run's other settings (Site.Options).
	Options []string `json:"options,omitempty"`
	// Titles are the note pages' title lines (segment.Titles).
	Titles map[string]string `json:"titles,omitempty"`
	// Hugo are Hugo's own diagnostics of the run, naming site files, so
	// that a run that leaves a page as it was reports them again.
	Hugo []diag.Diagnostic `json:"hugo,omitempty"`
}

// LastRun returns what the last recorded Hugo run read, and the files it
// left in dest, when dest holds exactly those files, each as the run left
// it; ok is false otherwise, or when the run read other Options (base
// URL, destination, Hugo's environment).
func LastRun(site, dest string, options []string, keep func(name string) bool) (r Run, files map[string]content.FileState, ok bool) {
	p, ok := readPublished(site)
	if !ok || p.Dest != dest || len(p.Files) == 0 || p.Site == nil || !slices.Equal(p.Options, options) {
		return Run{}, nil, false
	}
	now, linked, err := destStates(dest, keep)
	if err != nil || linked || !maps.Equal(now, p.Files) {
		return Run{}, nil, false
	}
	return p.Run, p.Files, true
}

// CheckPublished returns what the last Hugo run reported when it read
// inputs (SiteDigest) and the destination dest holds exactly the files
// it left there, each as it left it. Entries a deploy keeps in the
// destination (keep) are not compared.
func CheckPublished(site, inputs, dest string, keep func(name string) bool) ([]diag.Diagnostic, bool) {
	if inputs == "" {
		return nil, false
	}
	p, ok := readPublished(site)
	if !ok || p.Inputs != inputs || p.Dest != dest || len(p.Files) == 0 {
		return nil, false
	}
	files, linked, err := destStates(dest, keep)
	if err != nil || linked || !maps.Equal(files, p.Files) {
		return nil, false
	}
	return p.Diags, true
}

// PublishedTo returns the destination the last recorded Hugo run of the
// site published to, or "" when there is no record.
func PublishedTo(site string) string {
	p, _ := readPublished(site)
	return p.Dest
}

// readPublished reads the record of the site's last Hugo run.
func readPublished(site string) (published, bool) {
	var p published
	data, err := os.ReadFile(filepath.Join(site, PublishedPath))
	if err != nil || json.Unmarshal(data, &p) != nil {
		return published{}, false
	}
	return p, true
}

// WritePublished records a Hugo run that read inputs and succeeded: the
// files it left in dest, what it reported, and what it read (run). An
// empty digest removes the record instead.
func WritePublished(site, inputs, dest string, keep func(name string) bool, diags []diag.Diagnostic, run Run) error {
	files, linked, err := destStates(dest, keep)
	if inputs == "" || err != nil || linked || len(files) == 0 {
		return RemovePublished(site)
	}
	data, err := json.Marshal(published{Inputs: inputs, Dest: dest, Files: files, Diags: diags, Run: run})
	if err != nil {
		return err
	}
	return content.WriteAtomic(filepath.Join(site, PublishedPath), append(data, '\n'))
}

// RemovePublished deletes the record, before a Hugo run changes the
// destination.
func RemovePublished(site string) error {
	err := os.Remove(filepath.Join(site, PublishedPath))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// destStates reads the state of every file in dest but the entries at
// its top that keep names.
func destStates(dest string, keep func(name string) bool) (map[string]content.FileState, bool, error) {
	return fileStates(dest, func(_, rel string) bool {
		return !strings.Contains(rel, "/") && keep != nil && keep(rel)
	})
}

// fileStates returns the state of every regular file under root by
// slash-separated relative path, leaving out each path for which skip
// (given the path and the relative one) is true, and whether it met a
// symbolic link or another file that is not regular.
func fileStates(root string, skip func(p, rel string) bool) (map[string]content.FileState, bool, error) {
	files := map[string]content.FileState{}
	odd := false
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if skip(filepath.Clean(p), rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			odd = true
			return filepath.SkipAll
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files[rel] = content.StateOf(info)
		return nil
	})
	return files, odd, err
}
