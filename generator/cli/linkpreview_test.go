package cli

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/linkpreview"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/internal/fixtures"
)

// previewVault is a vault whose notes link to a note, to one of its
// sections and to one of its blocks, with a private note and a draft.
var previewVault = map[string]string{
	"Storage/Volumes.md": "---\ntags: [docker]\n---\n# Volumes\n\nVolumes outlive containers.\n\n" +
		"## Bind mounts\n\nA bind mount maps a host folder.\n\n## Drivers\n\nThe driver is chosen once. ^choice\n",
	"Links.md":  "# Links\n\nSee [[Volumes]], [[Volumes#Bind mounts]], [[Volumes#^choice]] and [[Secret]].\n",
	"Secret.md": "---\nprivate: true\n---\n# Secret\n\nThe root password is hunter2.\n",
	"Draft.md":  "---\ndraft: true\n---\n# Draft\n\nNot yet.\n",
}

// buildPreviews runs the generator (no Hugo) on vault into site with cfg
// and returns the preview files it left, by path under the preview folder.
func buildPreviews(t *testing.T, cfg config.Config, vault, site string) map[string][]byte {
	t.Helper()
	s, err := content.OpenSite(site)
	if err != nil {
		t.Fatal(err)
	}
	o := options(cfg, site, vault, s, &env{})
	o.Progress = nil
	if _, err := pipeline.Run(context.Background(), o, fixtures.Listing(t, vault)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Finish(); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	root := filepath.Join(site, filepath.FromSlash(linkpreview.Dir))
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func previewVaultDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range previewVault {
		writeFile(t, dir, name, []byte(text))
	}
	return dir
}

func TestLinkPreviewFiles(t *testing.T) {
	vault := previewVaultDir(t)
	site := t.TempDir()
	files := buildPreviews(t, config.Default(), vault, site)

	// One file per published note: none for the private note or the draft.
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range files {
			if !yield(k) {
				return
			}
		}
	})
	if want := []string{"notes/links.json", "notes/storage/volumes.json"}; !slices.Equal(names, want) {
		t.Fatalf("preview files %q, want %q", names, want)
	}
	var p linkpreview.Preview
	if err := json.Unmarshal(files["notes/storage/volumes.json"], &p); err != nil {
		t.Fatal(err)
	}
	if p.Title != "Volumes" || !slices.Equal(p.Tags, []string{"docker"}) || !slices.Equal(p.Text, []string{"Volumes outlive containers."}) {
		t.Errorf("preview %+v", p)
	}
	if s := p.Sections["bind-mounts"]; s.Heading != "Bind mounts" || !slices.Equal(s.Text, []string{"A bind mount maps a host folder."}) {
		t.Errorf("section bind-mounts = %+v", s)
	}
	if b := p.Blocks["^choice"]; !slices.Equal(b, []string{"The driver is chosen once."}) {
		t.Errorf("block ^choice = %q", b)
	}

	// The same vault gives the same bytes.
	if again := buildPreviews(t, config.Default(), vault, t.TempDir()); !reflect.DeepEqual(again, files) {
		t.Error("two builds of one vault wrote different preview files")
	}

	// A note made private loses its preview file on the next build.
	writeFile(t, vault, "Storage/Volumes.md", []byte(strings.Replace(previewVault["Storage/Volumes.md"], "tags:", "private: true\ntags:", 1)))
	if files := buildPreviews(t, config.Default(), vault, site); files["notes/storage/volumes.json"] != nil {
		t.Error("the preview file of a note made private was left on the site")
	}

	// previews = false writes none, and removes those of earlier builds.
	off := config.Default()
	off.Previews = false
	if files := buildPreviews(t, off, vault, site); len(files) != 0 {
		t.Errorf("previews off, preview files %d", len(files))
	}
}
