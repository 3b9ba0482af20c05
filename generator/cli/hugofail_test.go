package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildExitsTwoWhenHugoFails checks that a site Hugo cannot build
// exits 2, not 1: 1 says that some notes had errors and the rest of the
// site is complete, which the Pages workflow still deploys.
func TestBuildExitsTwoWhenHugoFails(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	writeFile(t, site, "layouts/page.html", []byte(`{{ errorf "this layout is broken" }}`))
	vault := t.TempDir()
	writeFile(t, vault, "A.md", []byte("# A\n\nText.\n"))
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", filepath.Join(t.TempDir(), "public"))
	if code != exitUsage {
		t.Errorf("build exit %d, want %d:\n%s", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, "this layout is broken") {
		t.Errorf("stderr does not say why:\n%s", stderr)
	}
}
