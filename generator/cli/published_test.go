package cli

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/fixtures"
)

const hugoSkipped = "Hugo not run"

// TestBuildSkipsHugo builds one site again and again: a build that finds
// the vault, the settings, the site's own files and the destination as
// the last build left them runs neither the pipeline nor Hugo and leaves
// every file as it was; a change to any of them, or to the options of the
// run, runs Hugo again.
func TestBuildSkipsHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	vault := fixtureVault(t, nil)
	pub := filepath.Join(t.TempDir(), "public")
	baseURL := "https://example.org/sub/"
	build := func(extra ...string) string {
		t.Helper()
		args := append([]string{"build", "--site", site, "--vault", vault, "--destination", pub, "--baseURL", baseURL}, extra...)
		code, _, stderr := runCLI(t, args...)
		if code == exitUsage {
			t.Fatalf("build failed (exit %d):\n%s", code, stderr)
		}
		return stderr
	}
	skipped := func(stderr string) bool { return strings.Contains(stderr, hugoSkipped) }

	if first := build(); skipped(first) {
		t.Fatalf("first build skipped Hugo:\n%s", first)
	}
	before, beforeStates := fixtures.Tree(t, pub), states(t, pub)
	second := build()
	if !skipped(second) || !strings.Contains(second, upToDate) {
		t.Fatalf("second build ran Hugo or the pipeline:\n%s", second)
	}
	if !maps.Equal(before, fixtures.Tree(t, pub)) || !maps.Equal(beforeStates, states(t, pub)) {
		t.Fatal("a build that skipped Hugo changed the destination")
	}

	for _, tc := range []struct {
		name   string
		change func()
		undo   func()
	}{
		{"a layout of the site", func() {
			writeFile(t, site, "layouts/_partials/extra.html", []byte("<p>extra</p>\n"))
		}, nil},
		{"the site settings", func() {
			cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, site, "hugo.toml", append(cfg, []byte("\n# a comment\n")...))
		}, nil},
		{"a note", func() {
			writeFile(t, vault, "Changed.md", []byte("# Changed\n\nNew note.\n"))
		}, nil},
		{"a page removed from the destination", func() {
			if err := os.Remove(filepath.Join(pub, "index.html")); err != nil {
				t.Fatal(err)
			}
		}, nil},
		{"a page edited in the destination", func() {
			writeFile(t, pub, "index.html", []byte("defaced\n"))
		}, nil},
		{"the base URL", func() { baseURL = "https://example.org/other/" }, nil},
		{"Hugo's environment", func() { t.Setenv("HUGO_PARAMS_CRIBTEST", "1") }, nil},
	} {
		tc.change()
		if out := build(); skipped(out) {
			t.Errorf("%s changed, and the build skipped Hugo:\n%s", tc.name, out)
		}
		if data, err := os.ReadFile(filepath.Join(pub, "index.html")); err != nil || !strings.Contains(string(data), "<html") {
			t.Errorf("after %s changed, the home page is not a page: %v", tc.name, err)
		}
		if out := build(); !skipped(out) {
			t.Errorf("after %s changed and a full build, the next build ran Hugo:\n%s", tc.name, out)
		}
	}
}

// states reads the size and time of every file under root.
func states(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for rel := range fixtures.Tree(t, root) {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = info.ModTime().String() + " " + info.Mode().String()
	}
	return out
}
