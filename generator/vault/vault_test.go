package vault

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestMatcher(t *testing.T) {
	m := NewMatcher([]string{"Templates/**", "Private/*.md", "*.excalidraw.md", "**/drafts/**"})
	tests := []struct {
		path  string
		isDir bool
		want  bool
	}{
		{"Templates", true, true},
		{"Templates/Daily.md", false, true},
		{"Docker/Templates.md", false, false},
		{"Private/a.md", false, true},
		{"Private/sub/a.md", false, false},
		{"x/y/board.excalidraw.md", false, true},
		{"a/drafts/b/c.md", false, true},
		{"drafts", true, true},
		{"Docker/Docker.md", false, false},
	}
	for _, tt := range tests {
		if got := m.Match(tt.path, tt.isDir); got != tt.want {
			t.Errorf("Match(%q, %v) = %v, want %v", tt.path, tt.isDir, got, tt.want)
		}
	}
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "vault")
	write(t, root, "b.md", "b")
	write(t, root, "Docker/a.md", "a")
	write(t, root, "Docker/img.png", "png")
	write(t, root, "Templates/t.md", "t")
	write(t, root, ".obsidian/app.json", "{}")
	write(t, dir, "outside.md", "secret")
	if err := os.Symlink(filepath.Join(dir, "outside.md"), filepath.Join(root, "escape.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "b.md"), filepath.Join(root, "inside.md")); err != nil {
		t.Fatal(err)
	}
	v, err := Open(context.Background(), root, []string{"Templates/**"})
	if err != nil {
		t.Fatal(err)
	}
	diags := v.Diags
	var notes []string
	for _, f := range v.Notes {
		notes = append(notes, f.Path)
	}
	if got := strings.Join(notes, ","); got != "Docker/a.md,b.md,inside.md" {
		t.Errorf("notes = %s", got)
	}
	if len(v.Attachments) != 1 || v.Attachments[0].Path != "Docker/img.png" {
		t.Errorf("attachments = %+v", v.Attachments)
	}
	if len(diags) != 1 || diags[0].Path != "escape.md" || !strings.Contains(diags[0].Message, "outside the vault") {
		t.Errorf("diags = %v", diags)
	}
	// A symlink counts with the size of what it leads to; what is left
	// out counts for nothing.
	if got := v.Bytes(); got != int64(len("a")+len("b")+len("b")+len("png")) {
		t.Errorf("Bytes = %d, want 6", got)
	}
}

func TestGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "notes")
	write(t, root, "a.md", "a")
	write(t, root, "sub/b c.md", "b")
	git := func(date string, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@e", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@e")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("2025-01-01T00:00:00Z", "init", "-q")
	git("2025-01-02T10:00:00Z", "add", ".")
	git("2025-01-02T10:00:00Z", "commit", "-qm", "one")
	write(t, root, "a.md", "a2")
	git("2025-03-04T05:06:07Z", "commit", "-qam", "two")
	dates := GitDates(context.Background(), root)
	if got := dates["a.md"].Format("2006-01-02T15:04:05"); got != "2025-03-04T05:06:07" {
		t.Errorf("a.md = %s", got)
	}
	if got := dates["sub/b c.md"].Format("2006-01-02"); got != "2025-01-02" {
		t.Errorf("sub/b c.md = %s (all: %v)", got, dates)
	}
	if len(GitDates(context.Background(), t.TempDir())) != 0 {
		t.Errorf("a folder outside git has dates")
	}
}

// A file name that is not valid UTF-8 or holds control characters is read
// under a name that is text (bad bytes become U+FFFD), so that pages,
// titles and diagnostics stay text; the file is still read from disk
// under its own name. Two names that read the same keep the first.
func TestOpenNamesBecomeText(t *testing.T) {
	root := t.TempDir()
	write(t, root, "bad\xff.md", "one")
	write(t, root, "bad\xfe.md", "two")
	write(t, root, "dir\x01/ctl\x1b[31m.md", "three")
	write(t, root, "img\xff.png", "png")
	write(t, root, "ok.md", "ok")
	v, err := Open(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	diags := v.Diags
	var got []string
	for _, f := range append(v.Notes, v.Attachments...) {
		got = append(got, f.Path)
		if !utf8.ValidString(f.Path) || strings.ContainsFunc(f.Path, unicode.IsControl) {
			t.Errorf("path %q is not text", f.Path)
		}
		if _, err := os.ReadFile(f.Abs); err != nil {
			t.Errorf("%q: %v", f.Path, err)
		}
	}
	want := []string{"bad\uFFFD.md", "dir\uFFFD/ctl\uFFFD[31m.md", "ok.md", "img\uFFFD.png"}
	if !slices.Equal(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
	if data, _ := os.ReadFile(v.Notes[0].Abs); string(data) != "two" {
		t.Errorf("bad\\uFFFD.md is read from the file holding %q, want the first by name", data)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
		if !utf8.ValidString(d.String()) {
			t.Errorf("diagnostic %q is not text", d)
		}
	}
	if len(diags) != 4 || !strings.Contains(strings.Join(msgs, "\n"), "bad\uFFFD.md: warning: file name reads the same as another") {
		t.Errorf("diagnostics:\n%s", strings.Join(msgs, "\n"))
	}
}

// TestOpenLeavesOutTemplateFolders reads the template folders Obsidian's
// own Templates plugin and Templater are set to use: what is in them is
// never a note, whatever the ignore patterns say.
func TestOpenLeavesOutTemplateFolders(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".obsidian/templates.json", `{"folder": "Meta/Note templates", "dateFormat": "YYYY-MM-DD"}`)
	write(t, root, ".obsidian/plugins/templater-obsidian/data.json", `{"command_timeout": 5, "templates_folder": "/System/Tpl/", "user_scripts_folder": ""}`)
	write(t, root, "Meta/Note templates/Question.md", "q")
	write(t, root, "Meta/Note templates/sub/Daily.md", "d")
	write(t, root, "System/Tpl/qna.md", "t")
	write(t, root, "System/tpl/also.md", "t")
	write(t, root, "System/Tpl.md", "a note beside the folder")
	write(t, root, "Meta/Note templates.md", "a note named like the folder")
	write(t, root, "Go/Channels.md", "c")
	v, err := Open(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Diags) > 0 {
		t.Fatal(v.Diags)
	}
	var notes []string
	for _, f := range v.Notes {
		notes = append(notes, f.Path)
	}
	if got := strings.Join(notes, ","); got != "Go/Channels.md,Meta/Note templates.md,System/Tpl.md" {
		t.Errorf("notes = %s", got)
	}
}

// TestOpenTemplateSettingsUnset reads settings that name no folder, or
// the vault itself, or cannot be read: they leave every note in.
func TestOpenTemplateSettingsUnset(t *testing.T) {
	for _, settings := range []map[string]string{
		{".obsidian/templates.json": `{"folder": ""}`, ".obsidian/plugins/templater-obsidian/data.json": `{"templates_folder": "/"}`},
		{".obsidian/templates.json": `not json`, ".obsidian/plugins/templater-obsidian/data.json": `{"templates_folder": 5}`},
		{".obsidian/templates.json": `{"folder": "../outside"}`},
	} {
		root := t.TempDir()
		for p, data := range settings {
			write(t, root, p, data)
		}
		write(t, root, "a.md", "a")
		write(t, root, "Notes/b.md", "b")
		v, err := Open(context.Background(), root, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Notes) != 2 {
			t.Errorf("%v: notes %+v", settings, v.Notes)
		}
	}
}

// TestOpenLeavesOutDrawings: an Excalidraw drawing is a Markdown file of
// compressed JSON, neither a note nor an attachment to publish; its
// exported image is an attachment.
func TestOpenLeavesOutDrawings(t *testing.T) {
	root := t.TempDir()
	write(t, root, "Excalidraw/Topological Sort 2022-06-25 23.21.30.excalidraw.md", "---\nexcalidraw-plugin: parsed\n---\n")
	write(t, root, "Excalidraw/Board.Excalidraw.md", "x")
	write(t, root, "Excalidraw/Board.excalidraw.svg", "<svg/>")
	write(t, root, "Excalidraw.md", "a note about the tool")
	v, err := Open(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Notes) != 1 || v.Notes[0].Path != "Excalidraw.md" {
		t.Errorf("notes %+v", v.Notes)
	}
	if len(v.Attachments) != 1 || v.Attachments[0].Path != "Excalidraw/Board.excalidraw.svg" {
		t.Errorf("attachments %+v", v.Attachments)
	}
}
