package e2e

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// actionlint is the pinned linter for GitHub Actions workflows. go run
// fetches it through the module proxy the first time.
const actionlint = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

func TestWorkflowsPassActionlint(t *testing.T) {
	workflows, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(workflows) == 0 {
		t.Fatal("no workflows under .github/workflows")
	}
	args := append([]string{"run", actionlint, "-no-color"}, workflows...)
	cmd := exec.Command("go", args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
}
