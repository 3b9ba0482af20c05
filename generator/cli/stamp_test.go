package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/internal/fixtures"
)

const upToDate = "(generated files up to date)"

// TestBuildUpToDate runs build again and again on one site: a run whose
// inputs and generated files are as the last run left them reports the
// same diagnostics and writes nothing; any change to what a run reads or
// wrote makes a full run, whose files match a fresh site's.
func TestBuildUpToDate(t *testing.T) {
	site := copySite(t)
	vault := fixtureVault(t, map[string]string{"Go/Channels.md": "# Channels\n\n```go\nch := make(chan int)\n```\n\n- one-liner: unbuffered channels block\n"})
	build := func() (int, string) {
		t.Helper()
		code, _, stderr := runCLI(t, "build", "--no-hugo", "--site", site, "--vault", vault)
		if code == exitUsage {
			t.Fatalf("build failed: %s", stderr)
		}
		return code, stderr
	}
	fresh := func() map[string]string {
		t.Helper()
		other := copySite(t)
		cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, other, "hugo.toml", cfg)
		if code, _, stderr := runCLI(t, "build", "--no-hugo", "--site", other, "--vault", vault); code == exitUsage {
			t.Fatalf("fresh build failed: %s", stderr)
		}
		return generated(t, other)
	}

	code1, first := build()
	if strings.Contains(first, upToDate) || !strings.Contains(first, "warning") {
		t.Fatalf("first build: %s", first)
	}
	before := fixtures.Tree(t, site)
	code2, second := build()
	if !strings.Contains(second, upToDate) {
		t.Fatalf("second build ran the pipeline again:\n%s", second)
	}
	if code2 != code1 || !sameReport(first, second) {
		t.Errorf("second build reported differently (exit %d, %d):\n%s\nfirst:\n%s", code2, code1, second, first)
	}
	if after := fixtures.Tree(t, site); !maps.Equal(before, after) {
		t.Errorf("an up-to-date build changed files: %v", changedFiles(before, after))
	}

	// Each change below makes a full run that leaves the site as a fresh
	// build of the same vault would.
	for _, tc := range []struct {
		name   string
		change func(t *testing.T)
	}{
		{"a note edited", func(t *testing.T) {
			writeFile(t, vault, "Go/Channels.md", []byte("# Channels\n\n```go\nch := make(chan int, 1)\n```\n\n- one-liner: buffered channels block when full\n"))
		}},
		{"a page edited by hand", func(t *testing.T) {
			writeFile(t, site, "content/notes/go/channels/index.md", []byte("edited"))
		}},
		{"an export touched", func(t *testing.T) {
			p := filepath.Join(site, "static/anki/cards.json")
			now := time.Now().Add(time.Hour)
			if err := os.Chtimes(p, now, now); err != nil {
				t.Fatal(err)
			}
		}},
		{"the highlight cache removed", func(t *testing.T) {
			if err := os.RemoveAll(filepath.Join(site, ".cache")); err != nil {
				t.Fatal(err)
			}
		}},
		{"a setting changed", func(t *testing.T) {
			cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, site, "hugo.toml", []byte(strings.Replace(string(cfg), `paper = "A4"`, `paper = "Letter"`, 1)))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.change(t)
			if _, out := build(); strings.Contains(out, upToDate) {
				t.Fatalf("build after %s skipped the pipeline", tc.name)
			}
			if got, want := generated(t, site), fresh(); !maps.Equal(got, want) {
				t.Errorf("after %s: files differ from a fresh build: %v", tc.name, changedFiles(got, want))
			}
			if _, out := build(); !strings.Contains(out, upToDate) {
				t.Errorf("the build after the full one ran the pipeline again:\n%s", out)
			}
		})
	}
}

// sameReport reports whether the second report is the first with the
// summary line marked up to date.
func sameReport(first, second string) bool {
	i := strings.LastIndex(strings.TrimSuffix(first, "\n"), "\n")
	return second == first[:i+1]+strings.TrimSuffix(first[i+1:], "\n")+" "+upToDate+"\n"
}

// generated is the site's generated files and highlight cache: what
// build writes, without its own records (.crib/).
func generated(t *testing.T, site string) map[string]string {
	files := fixtures.Tree(t, site)
	for rel := range files {
		if !content.IsOwned(rel) && !strings.HasPrefix(rel, ".cache/") {
			delete(files, rel)
		}
	}
	if len(files) == 0 {
		t.Fatal("no generated files")
	}
	return files
}

func changedFiles(a, b map[string]string) []string {
	var out []string
	for k := range a {
		if a[k] != b[k] {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
