// Package hugotest builds small Hugo sites from text fixtures, with the
// Hugo built into Crib, for tests that check what Hugo makes of something.
package hugotest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/hugorun"
)

// Build writes files (site-relative path: content) into a new temporary
// site, builds it as "crib build" runs Hugo (minified) and returns the
// site's folder; the output is in its public/ folder. Any error or warning
// from Hugo fails the test, "Duplicate target paths" (see DuplicatePaths)
// among them.
func Build(t testing.TB, files map[string]string) string {
	t.Helper()
	site, warnings := BuildWarnings(t, files)
	if len(warnings) > 0 {
		t.Fatalf("hugo: %v", warnings)
	}
	return site
}

// BuildWarnings is Build for a site Hugo may warn about: it returns the
// warnings (files named relative to the site) and fails the test only
// when Hugo fails.
func BuildWarnings(t testing.TB, files map[string]string) (site string, warnings []diag.Diagnostic) {
	t.Helper()
	site = t.TempDir()
	for name, text := range files {
		path := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	diags, err := hugorun.Build(hugorun.Options{Source: site, Destination: filepath.Join(site, "public")})
	if err != nil {
		t.Fatalf("hugo: %v %v", err, diags)
	}
	return site, diags
}

// Read returns the file at rel in the built site's public/ folder.
func Read(t testing.TB, site, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// duplicatePaths is what Hugo logs when it writes two pages to one file:
// one of them is lost, and the build does not fail.
const duplicatePaths = "Duplicate target paths"

// DuplicatePaths returns an error quoting each line of a build's log
// (what "crib build" printed, Hugo's diagnostics, ...) in which Hugo says
// it wrote two pages to one path; nil when there is none. Every site
// built in the tests is checked with it: no vault may make pages
// overwrite each other.
func DuplicatePaths(log string) error {
	var found []string
	for line := range strings.Lines(log) {
		if strings.Contains(line, duplicatePaths) {
			found = append(found, strings.TrimSpace(line))
		}
	}
	if found == nil {
		return nil
	}
	return fmt.Errorf("hugo wrote pages over each other:\n%s", strings.Join(found, "\n"))
}

// NoDuplicatePaths fails t when DuplicatePaths finds something in log.
func NoDuplicatePaths(t testing.TB, log string) {
	t.Helper()
	if err := DuplicatePaths(log); err != nil {
		t.Error(err)
	}
}
