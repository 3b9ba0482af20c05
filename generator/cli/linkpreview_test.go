package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
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
// and returns the preview shards it left, by path under the preview
// folder, and the previews they hold, by page path.
func buildPreviews(t *testing.T, cfg config.Config, vault, site string) (map[string][]byte, map[string]linkpreview.Preview) {
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
	previews := map[string]linkpreview.Preview{}
	root := filepath.Join(site, filepath.FromSlash(linkpreview.Dir))
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if filepath.ToSlash(rel) == path.Base(linkpreview.IndexFile) {
			return nil // the shard count, checked below
		}
		files[filepath.ToSlash(rel)] = data
		var shard map[string]linkpreview.Preview
		if err := json.Unmarshal(data, &shard); err != nil {
			return fmt.Errorf("%s: %v", rel, err)
		}
		for path, p := range shard {
			if _, dup := previews[path]; dup {
				t.Errorf("%s is in two shards", path)
			}
			previews[path] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, previews
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
	files, previews := buildPreviews(t, config.Default(), vault, site)

	// One shard for two published notes, and a preview for each of them:
	// none for the private note or the draft, whose text is in no shard.
	if want := []string{"1/0.json"}; !slices.Equal(slices.Sorted(maps.Keys(files)), want) {
		t.Fatalf("preview files %q, want %q", slices.Sorted(maps.Keys(files)), want)
	}
	if want := []string{"/notes/links", "/notes/storage/volumes"}; !slices.Equal(slices.Sorted(maps.Keys(previews)), want) {
		t.Fatalf("previews of %q, want %q", slices.Sorted(maps.Keys(previews)), want)
	}
	for name, data := range files {
		for _, private := range []string{"hunter2", "Not yet"} {
			if strings.Contains(string(data), private) {
				t.Errorf("%s holds the text of a note that is not published: %s", name, data)
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(linkpreview.IndexFile))); err != nil || string(data) != `{"shards":1}` {
		t.Errorf("%s = %q, %v", linkpreview.IndexFile, data, err)
	}
	p := previews["/notes/storage/volumes"]
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
	if again, _ := buildPreviews(t, config.Default(), vault, t.TempDir()); !reflect.DeepEqual(again, files) {
		t.Error("two builds of one vault wrote different preview files")
	}

	// A note made private loses its preview on the next build.
	writeFile(t, vault, "Storage/Volumes.md", []byte(strings.Replace(previewVault["Storage/Volumes.md"], "tags:", "private: true\ntags:", 1)))
	files, previews = buildPreviews(t, config.Default(), vault, site)
	if _, ok := previews["/notes/storage/volumes"]; ok || len(previews) != 1 {
		t.Errorf("previews of %q after Volumes was made private", slices.Sorted(maps.Keys(previews)))
	}
	for name, data := range files {
		if strings.Contains(string(data), "outlive") {
			t.Errorf("%s holds the text of the note made private: %s", name, data)
		}
	}

	// previews = false writes none, and removes those of earlier builds
	// and the shard count, so the pages have no preview script.
	off := config.Default()
	off.Previews = false
	if files, _ := buildPreviews(t, off, vault, site); len(files) != 0 {
		t.Errorf("previews off, preview files %d", len(files))
	}
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(linkpreview.IndexFile))); !os.IsNotExist(err) {
		t.Errorf("previews off, %s: %v", linkpreview.IndexFile, err)
	}
}
