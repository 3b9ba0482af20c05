package pipeline

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixtureVault copies the repository's test vault into a new vault.
func fixtureVault(t testing.TB) string {
	t.Helper()
	return fixtures.CopyVault(t, nil)
}

func writeFile(t testing.TB, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t testing.TB, vault string) (*Result, *content.Memory) {
	t.Helper()
	mem := &content.Memory{}
	res, err := Run(context.Background(), Options{Config: config.Default(), VaultDir: vault, Writer: mem}, fixtures.Listing(t, vault))
	if err != nil {
		t.Fatal(err)
	}
	return res, mem
}

// TestGoldenFixtures pins every file the pipeline writes for the test
// vault. Run with -update after a deliberate change and read the
// diff.
func TestGoldenFixtures(t *testing.T) {
	res, mem := run(t, fixtureVault(t))
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		for rel, data := range mem.Files {
			writeFile(t, golden, rel, string(data))
		}
		var d bytes.Buffer
		res.Diags.Print(&d)
		writeFile(t, golden, "diagnostics.txt", d.String()+res.Summary()+"\n")
	}
	var want []string
	filepath.WalkDir(golden, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() {
			rel, _ := filepath.Rel(golden, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	var got []string
	for rel := range mem.Files {
		got = append(got, rel)
	}
	got = append(got, "diagnostics.txt")
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("files written:\n%s\ngolden:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for rel, data := range mem.Files {
		w, _ := os.ReadFile(filepath.Join(golden, rel))
		if !bytes.Equal(data, w) {
			t.Errorf("%s differs from the golden file (run with -update and read the diff):\n%s", rel, data)
		}
	}
	var d bytes.Buffer
	res.Diags.Print(&d)
	w, _ := os.ReadFile(filepath.Join(golden, "diagnostics.txt"))
	if d.String()+res.Summary()+"\n" != string(w) {
		t.Errorf("diagnostics differ:\n%s%s", d.String(), res.Summary())
	}
}

// TestDeterministic runs the pipeline twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	vault := fixtureVault(t)
	_, a := run(t, vault)
	_, b := run(t, vault)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for rel, data := range a.Files {
		if !bytes.Equal(data, b.Files[rel]) {
			t.Errorf("%s differs between runs", rel)
		}
	}
}

// TestReadAgain runs the pipeline keeping no note's text between its
// passes, as a large vault does past the text a single run keeps: every note is read again
// when it is finished, and the pages are the same.
func TestReadAgain(t *testing.T) {
	vault := fixtureVault(t)
	writeFile(t, vault, "Embeds.md", "# Embeds\n\n![[git-and-ci]]\n\n![[Container Networking]]\n")
	_, want := run(t, vault)
	got := &content.Memory{}
	b := New(Options{Config: config.Default(), VaultDir: vault, Writer: got})
	b.keep = retention{} // nothing kept for the next run, no text kept between passes
	if _, err := b.Run(context.Background(), fixtures.Listing(t, vault)); err != nil {
		t.Fatal(err)
	}
	if len(got.Files) != len(want.Files) {
		t.Errorf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for rel, data := range want.Files {
		if !bytes.Equal(got.Files[rel], data) {
			t.Errorf("%s differs when notes are read again:\n%s", rel, got.Files[rel])
		}
	}
	if e := string(want.Files["content/notes/embeds/index.md"]); !strings.Contains(e, "[!quote]") {
		t.Errorf("Embeds page embeds nothing:\n%s", e)
	}
}

// TestSharedFixtures runs the pipeline on the real notes of the shared
// layer, placed in a vault under note names as a user would have them:
// both are published without errors, the interview note's two placeholder
// maps are the only warnings, and a second run gives the same bytes.
func TestSharedFixtures(t *testing.T) {
	vault := t.TempDir()
	for name, src := range map[string]string{
		"Docker/Docker Interview Notes.md": fixtures.SharedSeed,
		"Kubernetes/docker-k8s.md":         fixtures.SharedReal,
	} {
		writeFile(t, vault, name, string(fixtures.Shared(t, src)))
	}
	res, a := run(t, vault)
	if w, e := res.Diags.Count(); len(res.Notes) != 2 || w != 2 || e != 0 {
		var d bytes.Buffer
		res.Diags.Print(&d)
		t.Errorf("%s\n%s", res.Summary(), d.String())
	}
	for _, page := range []string{"content/notes/docker/docker-interview-notes/index.md", "content/notes/kubernetes/docker-k8s/index.md"} {
		if len(a.Files[page]) == 0 {
			t.Errorf("%s not written", page)
		}
	}
	_, b := run(t, vault)
	for rel, data := range a.Files {
		if !bytes.Equal(data, b.Files[rel]) {
			t.Errorf("%s differs between runs", rel)
		}
	}
}
