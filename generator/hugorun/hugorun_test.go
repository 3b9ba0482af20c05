package hugorun

import (
	"slices"
	"strings"
	"testing"
)

func TestParseLogLine(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want string
	}{
		{"WARN  found no layout file for \"html\" for kind \"page\"", true, `crib: warning: hugo: found no layout file for "html" for kind "page"`},
		{`ERROR "/s/content/notes/a/index.md:12:3": failed to render`, true, "/s/content/notes/a/index.md:12:3: error: hugo: failed to render"},
		{"Start building sites … ", false, ""},
		{"Total in 12 ms", false, ""},
	}
	for _, tt := range tests {
		d, ok := parseLogLine(tt.line)
		if ok != tt.ok || (ok && d.String() != tt.want) {
			t.Errorf("parseLogLine(%q) = %q, %v; want %q, %v", tt.line, d.String(), ok, tt.want, tt.ok)
		}
	}
}

func TestIsRebuildReport(t *testing.T) {
	for line, want := range map[string]bool{
		"Total in 412 ms":                        true,
		"Total in 0 ms":                          true,
		"Built in 26085 ms":                      false,
		"Change detected, rebuilding site (#5).": false,
		"WARN  Total in 3 ms":                    false,
		"":                                       false,
	} {
		if got := isRebuildReport(line); got != want {
			t.Errorf("isRebuildReport(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestRebuilds reads a server log as Hugo writes it: a rebuild that
// failed, then one that succeeded.
func TestRebuilds(t *testing.T) {
	var got []Rebuild
	var took []string
	read := rebuilds(nil, func(p string) { took = append(took, p) }, func(r Rebuild) { got = append(got, r) })
	for _, line := range []string{
		"Change detected, rebuilding site (#1).",
		"2026-12-07 03:43:16.791 +0000",
		"Source changed /notes/beta/index.md",
		`ERROR Rebuild failed: render: failed to render pages: render of "/s/content/notes/beta/index.md" failed`,
		"Web Server is available at //localhost:1313/ (bind address 127.0.0.1)",
		"Total in 15 ms",
		"",
		"Change of Static files detected, rebuilding site (#2).",
		"Syncing /search/manifest.json to /",
		"Syncing /search/a to b.bin to /",
		"File no longer exists in static dir, removing /search/old.bin",
		"Asset changed /crib/links/notes/x.html",
		"Data changed /crib/cheatsheet.json",
		"Total in 3 ms",
	} {
		read(line)
	}
	if len(got) != 2 {
		t.Fatalf("%d rebuilds reported, want 2: %+v", len(got), got)
	}
	if len(got[0].Errors) != 1 || !strings.HasPrefix(got[0].Errors[0], "Rebuild failed: render:") || got[0].Started.IsZero() {
		t.Errorf("failed rebuild reported as %+v", got[0])
	}
	if len(got[1].Errors) != 0 || got[1].Started.Before(got[0].Started) {
		t.Errorf("second rebuild reported as %+v", got[1])
	}
	want := []string{"/notes/beta/index.md", "/search/manifest.json", "/search/a to b.bin", "/search/old.bin", "/crib/links/notes/x.html", "/crib/cheatsheet.json"}
	if !slices.Equal(took, want) {
		t.Errorf("files taken = %q, want %q", took, want)
	}
	for rel, name := range map[string]string{
		"content/notes/beta/index.md":    "/notes/beta/index.md",
		"content/notes/Ünï Code/x.md":    "/notes/ünï-code/x.md",
		"static/search/manifest.json":    "/search/manifest.json",
		"assets/crib/links/notes/x.html": "/crib/links/notes/x.html",
		"data/crib/cheatsheet.json":      "/crib/cheatsheet.json",
	} {
		if got := LogName(rel); got != NormalizeLogName(name) {
			t.Errorf("LogName(%q) = %q, want %q", rel, got, NormalizeLogName(name))
		}
	}
}

func TestContentFiles(t *testing.T) {
	msg := `Rebuild failed: render: [en v1.0.0 guest] failed to render pages: render of "/s/site/content/notes/beta/index.md" failed: ` +
		`"/s/site/themes/crib/layouts/page.html:9:30": execute of template failed at <.Content>: error calling Content: ` +
		`"/s/site/content/notes/beta/index.md:15:1": "/s/site/layouts/_markup/render-codeblock-crashtest.html:1:45": execute of template failed; ` +
		`"/s/site/content/practice/cards/beta-1/index.md:3": x; "/s/site/contents/x.md": y; "/s/other/content/notes/x/index.md": z`
	got := ContentFiles("/s/site", msg)
	want := []ContentFile{{"content/notes/beta/index.md", 15}, {"content/practice/cards/beta-1/index.md", 3}}
	if !slices.Equal(got, want) {
		t.Errorf("ContentFiles = %v, want %v", got, want)
	}
}
