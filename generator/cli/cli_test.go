package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository root, where the site files live.
const repoRoot = "../.."

var fixtures = map[string]string{
	"Docker/Docker Interview Notes.md": "../../../shared/fixtures/seed/000_4abc85d6e0698c79.txt",
	"Kubernetes/docker-k8s.md":         "../../../shared/fixtures/real/docker-k8s.md",
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t testing.TB, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fixtureVault copies the real fixture notes into a vault, plus extra
// notes given as name -> text.
func fixtureVault(t testing.TB, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range fixtures {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, data)
	}
	for name, text := range extra {
		writeFile(t, dir, name, []byte(text))
	}
	return dir
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, exitUsage, "Commands:"},
		{[]string{"--help"}, exitOK, "build"},
		{[]string{"nope"}, exitUsage, `unknown command "nope"`},
		{[]string{"build", "--help"}, exitOK, "-destination"},
		{[]string{"check", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"check", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"check", "--vault", "/does/not/exist"}, exitUsage, "/does/not/exist"},
		{[]string{"pdf", "--paper", "A3", "--vault", "."}, exitUsage, `--paper "A3"`},
	}
	for _, tt := range tests {
		code, _, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, want %d; stderr lacks %q:\n%s", tt.args, code, tt.code, tt.want, stderr)
		}
	}
}

func TestCheckWritesNothing(t *testing.T) {
	site := t.TempDir()
	vault := fixtureVault(t, map[string]string{
		"broken.md": "---\ntitle: [unclosed\ntags: DocKer\n---\nBody survives. See [[Nowhere]].\n",
		"draft.md":  "---\ndraft: true\n---\nsecret\n",
	})
	code, _, stderr := runCLI(t, "check", "--site", site, "--vault", vault)
	if code != exitOK {
		t.Errorf("check exit %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		`broken.md:2: warning:`,
		`broken.md:5:`,
		`no note named "Nowhere"`,
		"crib: 4 notes: 3 published, 1 skipped,",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if entries, _ := os.ReadDir(site); len(entries) != 0 {
		t.Errorf("check wrote %v", entries)
	}
	if code, _, _ := runCLI(t, "check", "--site", site, "--vault", vault, "--strict"); code != exitNotes {
		t.Errorf("check --strict with warnings: exit %d, want %d", code, exitNotes)
	}
}

// TestExports runs the commands that export one product on the real
// fixtures: each must find what its product is made of, although the
// pipeline drops every note's syntax tree and body along the way.
func TestExports(t *testing.T) {
	vault := fixtureVault(t, nil)
	out := t.TempDir()
	for _, tt := range []struct {
		args []string
		file string
		want string
	}{
		{[]string{"anki"}, "cards.txt", "Docker"},
		{[]string{"pdf"}, "sheet.pdf", "%PDF-"},
	} {
		name := filepath.Join(out, tt.file)
		args := append(tt.args, "--site", t.TempDir(), "--vault", vault, "-o", name)
		code, _, stderr := runCLI(t, args...)
		data, _ := os.ReadFile(name)
		if code != exitOK || !strings.Contains(string(data), tt.want) {
			t.Errorf("%v: exit %d, %d bytes without %q:\n%s", tt.args, code, len(data), tt.want, stderr)
		}
	}
}
