package e2e

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// status is the HTTP status of a GET of url, or 0 when it failed.
func status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitStatus polls url until it answers code and returns how long that
// took, or fails the test after limit.
func waitStatus(t *testing.T, url string, code int, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		if status(url) == code {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%s did not answer %d within %v", url, code, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeUnpublishes runs serve and, one after the other, deletes a
// note, renames one, renames the folder of one and makes one private: each
// old URL must answer 404 within a second of the change on disk, and keep
// answering 404 (Hugo's server renders a page it still knows again when
// it is asked for it).
func TestServeUnpublishes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the serve command")
	}
	notes := map[string]string{
		"Unpublish/Deleted.md":       "# Deleted\n\nA note that is deleted while serve runs.\n",
		"Unpublish/Renamed.md":       "# Renamed\n\nA note that is renamed while serve runs.\n",
		"Unpublish Folder/Inside.md": "# Inside\n\nA note whose folder is renamed while serve runs.\n",
		"Unpublish/Made Private.md":  "---\nprivate: false\n---\n# Made Private\n\nA note that is made private while serve runs.\n",
	}
	srv := startServe(t, 30, func(site, vault string) {
		for rel, text := range notes {
			p := filepath.Join(vault, filepath.FromSlash(rel))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	urls := map[string]string{}
	for _, p := range publishedPages(t, srv.site) {
		urls[p.source] = srv.base + p.url
	}
	vaultPath := func(rel string) string { return filepath.Join(srv.vault, filepath.FromSlash(rel)) }
	for _, tc := range []struct {
		name, source string
		change       func() error
		now          string // the note's source afterwards, if it is still published
	}{
		{"deleted", "Unpublish/Deleted.md", func() error { return os.Remove(vaultPath("Unpublish/Deleted.md")) }, ""},
		{"renamed", "Unpublish/Renamed.md", func() error {
			return os.Rename(vaultPath("Unpublish/Renamed.md"), vaultPath("Unpublish/Renamed Again.md"))
		}, "Unpublish/Renamed Again.md"},
		{"folder renamed", "Unpublish Folder/Inside.md", func() error {
			return os.Rename(vaultPath("Unpublish Folder"), vaultPath("Moved Folder"))
		}, "Moved Folder/Inside.md"},
		{"made private", "Unpublish/Made Private.md", func() error {
			p := vaultPath("Unpublish/Made Private.md")
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, bytes.Replace(data, []byte("private: false"), []byte("private: true"), 1), 0o644)
		}, ""},
	} {
		old := urls[tc.source]
		if old == "" {
			t.Fatalf("%s: serve did not publish %s", tc.name, tc.source)
		}
		waitStatus(t, old, http.StatusOK, 10*time.Second)
		if err := tc.change(); err != nil {
			t.Fatal(err)
		}
		took := waitStatus(t, old, http.StatusNotFound, 10*time.Second)
		t.Logf("%s: the old URL answered 404 %v after the change", tc.name, took.Round(time.Millisecond))
		if took > time.Second {
			t.Errorf("%s: the old URL answered 404 only after %v, want within 1s", tc.name, took.Round(time.Millisecond))
		}
		// Hugo's server rebuilds within a second of the change and may
		// render a page it still knew when the old URL is asked for.
		for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			if code := status(old); code != http.StatusNotFound {
				t.Errorf("%s: the old URL answered %d again", tc.name, code)
				break
			}
		}
		if tc.now != "" {
			var now string
			for _, p := range publishedPages(t, srv.site) {
				if p.source == tc.now {
					now = srv.base + p.url
				}
			}
			if now == "" {
				t.Errorf("%s: serve did not publish %s", tc.name, tc.now)
			} else {
				waitStatus(t, now, http.StatusOK, 10*time.Second)
			}
		}
	}
}
