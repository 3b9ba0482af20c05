package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// crashTemplate renders a code block of language "crashtest" and makes
// Hugo fail on one that holds CRASHME: a stand-in, in the test's copy of
// the site only, for whatever input a template still cannot take.
const crashTemplate = `{{ if strings.Contains .Inner "CRASHME" }}{{ int "CRASHME is not a number" }}{{ end }}<pre>{{ .Inner }}</pre>`

// get returns the status and body of a GET of url.
func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// waitBody polls url until it answers 200 with a body holding text, and
// fails the test after limit.
func waitBody(t *testing.T, url, text string, limit time.Duration) {
	t.Helper()
	start := time.Now()
	for {
		code, body := get(url)
		if code == http.StatusOK && strings.Contains(body, text) {
			return
		}
		if time.Since(start) > limit {
			t.Fatalf("%s did not show %q within %v: %d\n%.300s", url, text, limit, code, body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeBadNote runs serve and saves a note that makes Hugo fail (with
// a test-only template): the other pages go on answering 200 with their
// text the whole time, the bad note's URL shows a placeholder naming the
// problem, another note saved meanwhile is published, and once the bad
// note is fixed its page is back. A note created bad behaves the same.
func TestServeBadNote(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the serve command")
	}
	const fine = "# Bad Note\n\nFine for now: FineNoteMarker.\n"
	srv := startServe(t, 30, func(site, vault string) {
		p := filepath.Join(site, "layouts", "_markup", "render-codeblock-crashtest.html")
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(crashTemplate), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(vault, "Bad Note.md"), []byte(fine), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	pages := publishedPages(t, srv.site)
	var bad, other publishedPage
	for _, p := range pages {
		if p.source == "Bad Note.md" {
			bad = p
		} else if other.url == "" {
			other = p
		}
	}
	if bad.url == "" || other.url == "" {
		t.Fatalf("serve did not publish the notes: %v", pages)
	}
	badURL, otherURL := srv.base+bad.url, srv.base+other.url
	_, otherBody := get(otherURL)
	otherTitle := between(otherBody, "<title>", "</title>")
	if otherTitle == "" {
		t.Fatalf("%s has no title", otherURL)
	}
	waitBody(t, badURL, "FineNoteMarker", 10*time.Second)

	// watchOthers checks the other pages every 50 ms for d. Hugo's server
	// writes a page it renders again in place, so a read may find it
	// empty for a moment: that read is repeated.
	watchOthers := func(d time.Duration) {
		t.Helper()
		for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
			for _, u := range []string{otherURL, srv.base} {
				code, body := get(u)
				if code == http.StatusOK && body == "" {
					time.Sleep(100 * time.Millisecond)
					code, body = get(u)
				}
				if code != http.StatusOK || (u == otherURL && !strings.Contains(body, otherTitle)) {
					t.Fatalf("%s answered %d while a bad note was saved:\n%.300s", u, code, body)
				}
			}
		}
	}

	badPath := filepath.Join(srv.vault, "Bad Note.md")
	save := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save(badPath, "# Bad Note\n\n```crashtest\nCRASHME\n```\n")
	watchOthers(3 * time.Second)
	waitBody(t, badURL, "CRASHME is not a number", 10*time.Second)
	_, body := get(badURL)
	if strings.Contains(body, "FineNoteMarker") {
		t.Errorf("the bad note's URL still shows its last good text instead of the placeholder")
	}
	// serve's report names the note in the vault; it comes once the
	// search index and cards are made again, without the note.
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if log, _ := os.ReadFile(srv.log); strings.Contains(string(log), "\nBad Note.md:3: error: Hugo cannot render this note") {
			break
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("serve's report does not name the bad note")
		}
	}

	// The site goes on being rebuilt: another note saved now is published.
	otherPath := filepath.Join(srv.vault, filepath.FromSlash(other.source))
	src, err := os.ReadFile(otherPath)
	if err != nil {
		t.Fatal(err)
	}
	save(otherPath, string(src)+"\n\nSavedWhileBadMarker\n")
	waitBody(t, otherURL, "SavedWhileBadMarker", 10*time.Second)

	save(badPath, fine+"\nFixedMarker\n")
	waitBody(t, badURL, "FixedMarker", 10*time.Second)

	// A note created bad.
	save(filepath.Join(srv.vault, "New Bad Note.md"), "# New Bad Note\n\n```crashtest\nCRASHME\n```\n")
	watchOthers(3 * time.Second)
	var newURL string
	for _, p := range publishedPages(t, srv.site) {
		if p.source == "New Bad Note.md" {
			newURL = srv.base + p.url
		}
	}
	if newURL == "" {
		t.Fatal("serve did not publish the new note")
	}
	waitBody(t, newURL, "CRASHME is not a number", 10*time.Second)
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	text, _, _ := strings.Cut(rest, to)
	return text
}
