package stamp

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/generator/vault"
)

func write(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// setTime gives a file a modification time of its own, since two writes
// within one clock tick may leave the same time.
func setTime(t *testing.T, p string, sec int64) {
	t.Helper()
	if err := os.Chtimes(p, time.Unix(sec, 0), time.Unix(sec, 0)); err != nil {
		t.Fatal(err)
	}
}

// inputs are the inputs of a digest, with the vault folder and the
// ignore patterns to list it with.
type inputs struct {
	Inputs
	Dir    string
	Ignore []string
}

// digest lists the vault and digests it with the other inputs.
func digest(t testing.TB, in inputs) (string, error) {
	t.Helper()
	v, err := vault.Open(context.Background(), in.Dir, in.Ignore)
	if err != nil {
		t.Fatal(err)
	}
	in.Vault = v
	return Digest(context.Background(), in.Inputs)
}

type settings struct {
	Paper string
	Tags  map[string]string
}

func baseInputs(vault string) inputs {
	return inputs{
		Inputs: Inputs{
			Program:  "build-1",
			Settings: []any{settings{Paper: "A4", Tags: map[string]string{"k8s": "Kubernetes", "go": "Go"}}},
		},
		Dir:    vault,
		Ignore: []string{"Templates/**"},
	}
}

func newVault(t *testing.T) string {
	vault := t.TempDir()
	write(t, vault, "Go/Channels.md", "# Channels\n")
	write(t, vault, "Docker.md", "# Docker\n")
	write(t, vault, "Templates/Note.md", "<% tp.file.title %>\n")
	write(t, vault, ".obsidian/workspace.json", "{}")
	write(t, vault, "img/diagram.png", "png")
	setTime(t, filepath.Join(vault, "img/diagram.png"), 1000)
	return vault
}

// TestDigest changes the inputs one way at a time: what a build reads
// changes the digest, what it does not read leaves it.
func TestDigest(t *testing.T) {
	for _, tc := range []struct {
		name    string
		change  func(t *testing.T, vault string, in *inputs)
		changes bool
	}{
		{"nothing", func(*testing.T, string, *inputs) {}, false},
		{"a note's text", func(t *testing.T, v string, _ *inputs) { write(t, v, "Docker.md", "# Docker!\n") }, true},
		{"a note's text, same size", func(t *testing.T, v string, _ *inputs) { write(t, v, "Docker.md", "# Dockex\n") }, true},
		{"a note added", func(t *testing.T, v string, _ *inputs) { write(t, v, "New.md", "") }, true},
		{"a note removed", func(t *testing.T, v string, _ *inputs) { os.Remove(filepath.Join(v, "Docker.md")) }, true},
		{"a note renamed", func(t *testing.T, v string, _ *inputs) {
			os.Rename(filepath.Join(v, "Docker.md"), filepath.Join(v, "Docker 2.md"))
		}, true},
		{"an attachment's time", func(t *testing.T, v string, _ *inputs) { setTime(t, filepath.Join(v, "img/diagram.png"), 2000) }, true},
		{"an attachment's size", func(t *testing.T, v string, _ *inputs) {
			p := filepath.Join(v, "img/diagram.png")
			write(t, v, "img/diagram.png", "png!")
			setTime(t, p, 1000)
		}, true},
		{"a setting", func(_ *testing.T, _ string, in *inputs) {
			in.Settings = []any{settings{Paper: "Letter", Tags: map[string]string{"k8s": "Kubernetes", "go": "Go"}}}
		}, true},
		{"a tag setting", func(_ *testing.T, _ string, in *inputs) {
			in.Settings = []any{settings{Paper: "A4", Tags: map[string]string{"k8s": "K8s", "go": "Go"}}}
		}, true},
		{"the ignore patterns", func(_ *testing.T, _ string, in *inputs) { in.Ignore = nil }, true},
		{"the program", func(_ *testing.T, _ string, in *inputs) { in.Program = "build-2" }, true},
		{"an ignored note", func(t *testing.T, v string, _ *inputs) { write(t, v, "Templates/Note.md", "changed") }, false},
		{"a hidden file", func(t *testing.T, v string, _ *inputs) { write(t, v, ".obsidian/workspace.json", "{\"a\":1}") }, false},
		{"a note's time only", func(t *testing.T, v string, _ *inputs) { setTime(t, filepath.Join(v, "Docker.md"), 5000) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vault := newVault(t)
			in := baseInputs(vault)
			before, err := digest(t, in)
			if err != nil || len(before) != 64 {
				t.Fatalf("Digest = %q, %v", before, err)
			}
			tc.change(t, vault, &in)
			after, err := digest(t, in)
			if err != nil {
				t.Fatal(err)
			}
			if (after != before) != tc.changes {
				t.Errorf("digest changed: %v, want %v", after != before, tc.changes)
			}
		})
	}
}

func TestDigestWithoutProgram(t *testing.T) {
	in := baseInputs(newVault(t))
	in.Program = ""
	if d, err := digest(t, in); d != "" || err != nil {
		t.Errorf("Digest = %q, %v; want no digest", d, err)
	}
}

// TestCheck writes a stamp over two generated files and disturbs them one
// way at a time.
func TestCheck(t *testing.T) {
	result := Result{Summary: "2 notes: 2 published", Diags: []diag.Diagnostic{diag.Tag.Warnf("Docker.md", 3, "tag %q is empty", "#")}}
	outside := filepath.Join(t.TempDir(), "pack")
	for _, tc := range []struct {
		name    string
		inputs  string
		disturb func(t *testing.T, site string)
		current bool
	}{
		{"untouched", "digest", func(*testing.T, string) {}, true},
		{"other inputs", "other", func(*testing.T, string) {}, false},
		{"no inputs", "", func(*testing.T, string) {}, false},
		{"a file touched", "digest", func(t *testing.T, site string) { setTime(t, filepath.Join(site, "content/a.md"), 2000) }, false},
		{"a file rewritten, same size and time", "digest", func(t *testing.T, site string) {
			write(t, site, "content/a.md", "b")
			setTime(t, filepath.Join(site, "content/a.md"), 1000)
		}, true},
		{"a file grown", "digest", func(t *testing.T, site string) {
			write(t, site, "content/a.md", "ab")
			setTime(t, filepath.Join(site, "content/a.md"), 1000)
		}, false},
		{"a file removed", "digest", func(t *testing.T, site string) { os.Remove(filepath.Join(site, "static/b.json")) }, false},
		{"a file outside the site removed", "digest", func(t *testing.T, site string) { os.Remove(outside) }, false},
		{"the stamp unreadable", "digest", func(t *testing.T, site string) { write(t, site, Path, "{") }, false},
		{"the stamp gone", "digest", func(t *testing.T, site string) { Remove(site) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := t.TempDir()
			write(t, site, "content/a.md", "a")
			write(t, site, "static/b.json", "{}")
			write(t, filepath.Dir(outside), filepath.Base(outside), "pack")
			for _, f := range []string{"content/a.md", "static/b.json"} {
				setTime(t, filepath.Join(site, f), 1000)
			}
			if err := Write(site, "digest", []string{"content/a.md", "static/b.json", outside}, result); err != nil {
				t.Fatal(err)
			}
			tc.disturb(t, site)
			got, ok := Check(site, tc.inputs)
			if ok != tc.current {
				t.Fatalf("Check current = %v, want %v", ok, tc.current)
			}
			if ok && (got.Summary != result.Summary || len(got.Diags) != 1 || got.Diags[0] != result.Diags[0]) {
				t.Errorf("Check = %+v, want %+v", got, result)
			}
		})
	}
}

// TestWriteWithoutInputs removes the stamp: a run that cannot name its
// inputs vouches for nothing, and must not leave an older stamp behind.
func TestWriteWithoutInputs(t *testing.T) {
	site := t.TempDir()
	write(t, site, "content/a.md", "a")
	if err := Write(site, "digest", []string{"content/a.md"}, Result{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(site, "", []string{"content/a.md"}, Result{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, Path)); !os.IsNotExist(err) {
		t.Errorf("stamp still there: %v", err)
	}
	if err := Write(site, "digest", []string{"content/gone.md"}, Result{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := Check(site, "digest"); ok {
		t.Error("a stamp over a missing file is current")
	}
}

// BenchmarkDigest measures the check an up-to-date build makes before it
// skips the pipeline: listing, reading and summing a 1,000-note vault.
func BenchmarkDigest(b *testing.B) {
	vault := b.TempDir()
	if err := synth.Write(vault, 1000, synth.Options{Mix: synth.Code}, 1); err != nil {
		b.Fatal(err)
	}
	in := baseInputs(vault)
	var size int64
	filepath.WalkDir(vault, func(_ string, d fs.DirEntry, _ error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			size += info.Size()
		}
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		if _, err := digest(b, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSiteDigest: the digest of a site changes with any file Hugo may
// read and with the options, not with what Hugo and Crib write as they
// build, and a site with a symbolic link is never vouched for.
func TestSiteDigest(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) { t.Helper(); writeUnder(t, dir, rel, text) }
	write("hugo.toml", "title = 'x'\n")
	write("layouts/home.html", "home\n")
	write("notes/a.md", "# A\n")
	site := Site{Generated: "g", Dir: dir, Skip: []string{filepath.Join(dir, "notes"), filepath.Join(dir, "public")}, Options: []string{"baseURL=/"}}
	digest := func(s Site) string {
		t.Helper()
		d, err := SiteDigest(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	first := digest(site)
	if first == "" {
		t.Fatal("no digest")
	}
	for _, rel := range []string{"public/index.html", "notes/b.md", ".crib/stamp.json", "resources/_gen/x", ".hugo_build.lock", ".git/HEAD"} {
		write(rel, "written by a build\n")
	}
	if got := digest(site); got != first {
		t.Error("the digest changed with files that are not Hugo's inputs")
	}
	if got := digest(Site{Dir: dir}); got != "" {
		t.Errorf("no generator digest gave %q", got)
	}
	other := site
	other.Options = []string{"baseURL=/sub/"}
	if digest(other) == first {
		t.Error("the digest did not change with the options")
	}
	write("layouts/home.html", "home, changed\n")
	if digest(site) == first {
		t.Error("the digest did not change with a layout")
	}
	if err := os.Symlink(filepath.Join(dir, "hugo.toml"), filepath.Join(dir, "layouts", "link.html")); err != nil {
		t.Fatal(err)
	}
	if got := digest(site); got != "" {
		t.Errorf("a site with a symbolic link gave digest %q", got)
	}
}

// TestPublished records a Hugo run and checks it against the destination:
// the record holds while the destination's files are as the run left
// them, whatever happens to the entries keep names, and names the
// destination until it is removed.
func TestPublished(t *testing.T) {
	site, dest := t.TempDir(), t.TempDir()
	write := func(rel, text string) { t.Helper(); writeUnder(t, dest, rel, text) }
	keep := func(name string) bool { return name == ".git" || name == "CNAME" }
	write("index.html", "home\n")
	write("notes/a/index.html", "a\n")
	write(".git/HEAD", "ref: refs/heads/gh-pages\n")
	if got := PublishedTo(site); got != "" {
		t.Errorf("PublishedTo before any record = %q", got)
	}
	diags := []diag.Diagnostic{{Path: "a.md", Line: 1, Severity: diag.Warning, Message: "m"}}
	if err := WritePublished(site, "in", dest, keep, diags, Run{}); err != nil {
		t.Fatal(err)
	}
	if got := PublishedTo(site); got != dest {
		t.Errorf("PublishedTo = %q, want %q", got, dest)
	}
	check := func(what string, want bool) {
		t.Helper()
		got, ok := CheckPublished(site, "in", dest, keep)
		if ok != want || ok && len(got) != 1 {
			t.Errorf("%s: CheckPublished = %v, %v; want %v", what, got, ok, want)
		}
	}
	check("as written", true)
	write(".git/HEAD", "ref: refs/heads/other-branch\n")
	write("CNAME", "notes.example.com\n")
	check("kept entries changed", true)
	if _, ok := CheckPublished(site, "other inputs", dest, keep); ok {
		t.Error("the record held for other inputs")
	}
	if _, ok := CheckPublished(site, "in", dest, nil); ok {
		t.Error("the record held with the kept entries compared")
	}
	write("notes/b/index.html", "b\n")
	check("a file added", false)
	if err := RemovePublished(site); err != nil {
		t.Fatal(err)
	}
	if got := PublishedTo(site); got != "" {
		t.Errorf("PublishedTo after RemovePublished = %q", got)
	}
}

// writeUnder writes text to the file rel (slash-separated) under root,
// making its folders.
func writeUnder(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
