package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
)

// repoRoot is the repository root, where the site files live.
const repoRoot = "../.."

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	if len(args) > 0 && args[0] == "build" {
		hugotest.NoDuplicatePaths(t, errb.String())
	}
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

// fixtureVault copies the repository's test vault into a new vault, plus
// extra notes given as name -> text.
func fixtureVault(t testing.TB, extra map[string]string) string {
	t.Helper()
	return fixtures.CopyVault(t, extra)
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

// TestExports runs the commands that export one product on the test
// vault: each must find what its product is made of, although the
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

// TestAnkiDifficulty exports the bilingual vault's cards of some
// difficulties, given in front matter (difficulty: medium) or by a tag
// (difficulty/hard), and combines the filter with the language's.
func TestAnkiDifficulty(t *testing.T) {
	vault := filepath.Join(repoRoot, "testdata", "vault-bilingual")
	for _, tt := range []struct {
		args []string
		want int
		tags []string // each card has one of these tags
	}{
		{[]string{"--difficulty", "medium"}, 4, []string{"difficulty::medium"}},
		{[]string{"--difficulty", "Hard"}, 2, []string{"difficulty::hard"}},
		{[]string{"--difficulty", "1", "--difficulty", "medium"}, 6, []string{"difficulty::easy", "difficulty::medium"}},
		{[]string{"--difficulty", "medium", "--lang", "ru"}, 2, []string{"difficulty::medium"}},
		{nil, 17, nil},
	} {
		args := append([]string{"anki", "--site", t.TempDir(), "--vault", vault, "-o", "-"}, tt.args...)
		code, stdout, stderr := runCLI(t, args...)
		recs := ankiRecords(t, stdout)
		if code != exitOK || len(recs) != tt.want {
			t.Fatalf("anki %q: exit %d, %d cards, want %d:\n%s", tt.args, code, len(recs), tt.want, stderr)
		}
		for _, r := range recs {
			if tt.tags == nil {
				continue
			}
			if !slices.ContainsFunc(strings.Fields(r[3]), func(tag string) bool { return slices.Contains(tt.tags, tag) }) {
				t.Errorf("anki %q: card %.80q tagged %q", tt.args, r[1], r[3])
			}
		}
	}
	if code, _, stderr := runCLI(t, "anki", "--site", t.TempDir(), "--vault", vault, "--difficulty", "hard", "--lang", "ru", "--tag", "kotlin", "-o", "-"); code != exitNotes || !strings.Contains(stderr, "no questions to export with tag kotlin in language ru of difficulty hard") {
		t.Errorf("anki --difficulty hard --tag kotlin: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "anki", "--site", t.TempDir(), "--vault", vault, "--difficulty", "brutal", "-o", "-"); code != exitUsage || !strings.Contains(stderr, `--difficulty "brutal": want easy, medium or hard`) {
		t.Errorf("anki --difficulty brutal: exit %d:\n%s", code, stderr)
	}
}

// ankiRecords reads the records of an Anki import file.
func ankiRecords(t *testing.T, data string) [][]string {
	t.Helper()
	for strings.HasPrefix(data, "#") {
		_, data, _ = strings.Cut(data, "\n")
	}
	r := csv.NewReader(strings.NewReader(data))
	r.Comma = '\t'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestAnkiLanguage exports the bilingual vault's cards of one language:
// a note that asks in Russian and in English gives only its Russian card.
func TestAnkiLanguage(t *testing.T) {
	vault := filepath.Join(repoRoot, "testdata", "vault-bilingual")
	for lang, want := range map[string]int{"ru": 7, "EN": 8, "": 17} {
		args := []string{"anki", "--site", t.TempDir(), "--vault", vault, "-o", "-"}
		if lang != "" {
			args = append(args, "--lang", lang)
		}
		code, stdout, stderr := runCLI(t, args...)
		recs := ankiRecords(t, stdout)
		if code != exitOK || len(recs) != want {
			t.Fatalf("anki --lang %q: exit %d, %d cards, want %d:\n%s", lang, code, len(recs), want, stderr)
		}
		for _, r := range recs {
			if lang != "" && !strings.HasSuffix(r[3], "lang::"+strings.ToLower(lang)) {
				t.Errorf("anki --lang %s: card %.80q tagged %q", lang, r[1], r[3])
			}
		}
		if lang == "ru" && (!strings.Contains(stdout, "Что такое Flow в Kotlin") || strings.Contains(stdout, "What is Flow in Kotlin")) {
			t.Errorf("anki --lang ru: not the Russian card of the Flow note:\n%s", stdout)
		}
	}
	if code, _, stderr := runCLI(t, "anki", "--site", t.TempDir(), "--vault", vault, "--lang", "de", "-o", "-"); code != exitNotes || !strings.Contains(stderr, "no questions to export in language de") {
		t.Errorf("anki --lang de: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "anki", "--site", t.TempDir(), "--vault", vault, "--lang", "Klingon!", "-o", "-"); code != exitUsage || !strings.Contains(stderr, `--lang "Klingon!"`) {
		t.Errorf("anki --lang Klingon!: exit %d:\n%s", code, stderr)
	}
}
