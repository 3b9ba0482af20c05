// Package e2e tests the published site end to end: the vault is built
// with the real pipeline, served under a sub-path, and driven in Chromium.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/internal/browsertest"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
)

// repoRoot is the repository, seen from this package's directory.
const repoRoot = ".."

// built is the site every test of the package reads. TestMain builds it
// once; tests must not change it.
var built struct {
	public string            // Hugo's output directory
	site   *browsertest.Site // serves public under browsertest.SubPath
	log    string            // what the build printed (diagnostics, Hugo's report)
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	work, err := os.MkdirTemp("", "crib-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 2
	}
	// CRIB_E2E_KEEP=1 keeps the built site for a look after the run.
	if os.Getenv("CRIB_E2E_KEEP") == "" {
		defer os.RemoveAll(work)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: keeping", work)
	}
	built.public = filepath.Join(work, "public")
	if err := os.Mkdir(built.public, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 2
	}
	// Serve first, so the site can be built for the server's own URL.
	built.site = browsertest.Serve(built.public)
	defer built.site.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	log, err := buildSite(ctx, work, built.public, built.site.BaseURL())
	built.log = log
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: building the site: %v\n%s", err, log)
		return 1
	}
	defer removeLangSites()
	return m.Run()
}

// buildSite builds the test vault into dest for baseURL with the real
// "build" command, in a scratch copy of the site so that the repository's
// own content/ is never touched. It returns what the command printed.
func buildSite(ctx context.Context, work, dest, baseURL string) (string, error) {
	site := filepath.Join(work, "site")
	vault := filepath.Join(work, "vault")
	if err := copySite(site); err != nil {
		return "", err
	}
	if err := makeVault(vault); err != nil {
		return "", err
	}
	var out bytes.Buffer
	code := cli.Run(ctx, []string{"build", "--vault", vault, "--site", site, "--destination", dest, "--baseURL", baseURL}, &out, &out)
	if code != 0 {
		return out.String(), fmt.Errorf("build exited with %d", code)
	}
	return out.String(), hugotest.DuplicatePaths(out.String())
}

// siteFiles are the hand-written parts of the site.
var siteFiles = []string{"hugo.toml", "themes", "layouts", "static", "content", "data", "assets", "i18n"}

// copySite copies the hand-written site files into dir, leaving out
// everything the generator writes (content/notes, static/search, ...) so
// that the build starts clean.
func copySite(dir string) error {
	generated := []string{"content/notes", "content/practice/cards", "static/search", "static/preview", "static/anki", "data/crib", "assets/crib", ".crib", ".cache", "public", "resources"}
	for _, name := range siteFiles {
		src := filepath.Join(repoRoot, name)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(repoRoot, p)
			rel = filepath.ToSlash(rel)
			for _, g := range generated {
				if rel == g || strings.HasPrefix(rel, g+"/") {
					return fs.SkipDir
				}
			}
			if strings.HasPrefix(rel, "static/cheatsheet") && strings.HasSuffix(rel, ".pdf") {
				return nil
			}
			return copyEntry(p, filepath.Join(dir, rel), d)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// makeVault writes the test vault: the repository's sample vault when
// there is one, the repository's own test vault and testdata/vault.
func makeVault(dir string) error {
	if err := copyTree(filepath.Join(repoRoot, "notes"), dir); err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := copyTree(filepath.Join(repoRoot, fixtures.VaultPath), dir); err != nil {
		return err
	}
	return copyTree("testdata/vault", dir)
}

func copyTree(src, dst string) error {
	if _, err := os.Stat(src); err != nil {
		return err
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		return copyEntry(p, filepath.Join(dst, rel), d)
	})
}

func copyEntry(src, dst string, d fs.DirEntry) error {
	if d.IsDir() {
		return os.MkdirAll(dst, 0o755)
	}
	return copyFile(src, dst)
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}
