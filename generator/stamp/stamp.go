// Package stamp lets a build tell that it has nothing to write: a stamp
// records a digest of everything the generator read (the vault, the site's
// settings, the program itself), the size and modification time of every
// file it wrote, and what it reported. A later build that reads the same
// inputs, finds every one of those files as it was left, and is the same
// build of Crib would write the same bytes, so it reports the same
// diagnostics and goes straight to Hugo.
//
// The stamp is a shortcut, never the truth: anything it cannot vouch for
// (another program, a file touched since, a setting or a note changed, a
// stamp that cannot be read) means a full run, which writes a new one.
package stamp

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/keyhash"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/vault"
)

// Path is where the stamp is kept, relative to the site: beside the
// manifest of generated files, in a folder the generator owns.
const Path = ".crib/stamp.json"

// Inputs names what a build reads besides the vault's files.
type Inputs struct {
	// Program is the build ID of the running program (buildid.Self). A
	// program without one never uses a stamp: another build of Crib may
	// write different bytes from the same notes.
	Program string
	// Vault is the listing of the vault the run reads (vault.Open).
	Vault *vault.Vault
	// Settings are the site settings the run uses, each printed with %#v
	// (structs and maps of plain values print the same on every run).
	Settings []any
}

// Digest reads every note of the vault's listing and returns a digest of
// the inputs: the notes' paths and bytes, the attachments' paths, sizes and
// modification times (attachments are copied, not read, and may be
// large), the vault's git commit (the dates of notes without one come
// from git), the settings and the program. It returns "" when there is
// no program build ID.
func Digest(ctx context.Context, in Inputs) (string, error) {
	if in.Program == "" {
		return "", nil
	}
	v := in.Vault
	k := keyhash.New()
	k.String("crib stamp 1")
	k.String(in.Program)
	k.String(v.Root)
	k.Int(len(in.Settings))
	for _, s := range in.Settings {
		k.String(fmt.Sprintf("%#v", s))
	}
	k.String(gitHead(ctx, v.Root))
	k.Int(len(v.Diags))
	for _, d := range v.Diags {
		k.String(d.String())
	}
	sums, err := noteSums(ctx, v.Notes)
	if err != nil {
		return "", err
	}
	k.Int(len(v.Notes))
	for i, f := range v.Notes {
		k.String(f.Path)
		k.String(string(sums[i][:]))
	}
	k.Int(len(v.Attachments))
	for _, f := range v.Attachments {
		k.String(f.Path)
		st, ok := content.StateAt(f.Abs)
		k.Bool(ok)
		k.Int(int(st.Size))
		k.Int(int(st.MTime))
	}
	return k.Sum(), nil
}

// noteSums returns the SHA-256 of each note's bytes, reading them on
// every core; a note that cannot be read sums its error instead, so that
// the run that reports it is not skipped once it can be read again.
func noteSums(ctx context.Context, notes []vault.File) ([][sha256.Size]byte, error) {
	sums := make([][sha256.Size]byte, len(notes))
	err := parallel.For(ctx, len(notes), func(i int) error {
		data, err := os.ReadFile(notes[i].Abs)
		if err != nil {
			data = []byte("unreadable: " + err.Error())
		}
		sums[i] = sha256.Sum256(data)
		return nil
	})
	return sums, err
}

// gitHead is the commit the vault's git repository is at, or "" outside
// one: the dates git gives notes change only with it.
func gitHead(ctx context.Context, root string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "HEAD").Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// Result is what a run reported: its diagnostics and summary line.
type Result struct {
	Summary string            `json:"summary"`
	Diags   []diag.Diagnostic `json:"diags,omitempty"`
}

// stamp is the file Path.
type stamp struct {
	Inputs string                       `json:"inputs"`
	Files  map[string]content.FileState `json:"files"`
	Result Result                       `json:"result"`
}

// Check returns the result recorded by the run whose inputs had digest
// inputs, when every file it wrote is still as it left it. site is the
// site folder; files in the stamp are relative to it unless absolute.
func Check(site, inputs string) (Result, bool) {
	if inputs == "" {
		return Result{}, false
	}
	data, err := os.ReadFile(filepath.Join(site, Path))
	if err != nil {
		return Result{}, false
	}
	var s stamp
	if err := json.Unmarshal(data, &s); err != nil || s.Inputs != inputs || len(s.Files) == 0 {
		return Result{}, false
	}
	for f, want := range s.Files {
		if got, ok := content.StateAt(abs(site, f)); !ok || got != want {
			return Result{}, false
		}
	}
	return s.Result, true
}

// Write records a run: the digest of its inputs, the files it wrote or
// kept (relative to site, slash-separated, or absolute) and its result.
// An empty digest removes the stamp instead.
func Write(site, inputs string, files []string, r Result) error {
	if inputs == "" {
		return Remove(site)
	}
	s := stamp{Inputs: inputs, Files: make(map[string]content.FileState, len(files)), Result: r}
	for _, f := range files {
		st, ok := content.StateAt(abs(site, f))
		if !ok {
			// Gone already: nothing to vouch for.
			return Remove(site)
		}
		s.Files[f] = st
	}
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return content.WriteAtomic(filepath.Join(site, Path), append(data, '\n'))
}

// Remove deletes the stamp, before a run changes what it vouched for.
func Remove(site string) error {
	err := os.Remove(filepath.Join(site, Path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func abs(site, f string) string {
	if filepath.IsAbs(f) {
		return f
	}
	return filepath.Join(site, filepath.FromSlash(f))
}
