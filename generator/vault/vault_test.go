package vault

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
	v, diags, err := Open(context.Background(), root, []string{"Templates/**"})
	if err != nil {
		t.Fatal(err)
	}
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
