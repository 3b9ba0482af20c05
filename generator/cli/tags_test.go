package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTagSynonymsAreOneTag builds a vault whose notes write one tag in
// several names and spellings: each is one tag on the pages, one cheat
// sheet, and what the exports' --tag asks for.
func TestTagSynonymsAreOneTag(t *testing.T) {
	oneLiners := "\n### Interview Q: Why?\n\nBecause.\n\n## Quick Reference\n\n- **A**: one\n- **B**: two\n"
	vault := t.TempDir()
	for name, text := range map[string]string{
		"pods.md":    "---\ntags: [Kubernetes, k8s]\n---\n# Pods\n" + oneLiners,
		"deploy.md":  "---\ntags: [k8s/workloads, KuberNetes]\n---\n# Deployments\n" + oneLiners,
		"chans.md":   "---\ntags: [golang]\n---\n# Channels\n" + oneLiners,
		"sched.md":   "---\ntags: [Go]\n---\n# Scheduler\n" + oneLiners,
		"images.md":  "---\ntags: [DocKer]\n---\n# Images\n" + oneLiners,
		"helm.md":    "---\ntags: [kube]\n---\n# Helm\n" + oneLiners,
		"scripts.md": "---\ntags: [js]\n---\n# Scripts\n" + oneLiners,
	} {
		writeFile(t, vault, name, []byte(text))
	}
	site := t.TempDir()
	writeFile(t, site, "hugo.toml", []byte("[params.crib.tagSynonyms]\nkubernetes = [\"kube\"]\njs = []\n"))
	code, _, stderr := runCLI(t, "build", "--no-hugo", "--site", site, "--vault", vault)
	if code != exitOK {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	sheets, _ := filepath.Glob(filepath.Join(site, "static", "cheatsheet-*.pdf"))
	for i := range sheets {
		sheets[i] = filepath.Base(sheets[i])
	}
	if want := []string{"cheatsheet-docker.pdf", "cheatsheet-go.pdf", "cheatsheet-js.pdf", "cheatsheet-kubernetes.pdf"}; !slices.Equal(sheets, want) {
		t.Errorf("cheat sheets %q, want %q", sheets, want)
	}
	for page, want := range map[string]string{
		"pods":        "tags:\n  - Kubernetes\n",
		"deployments": "tags:\n  - Kubernetes/workloads\n  - Kubernetes\n",
		"channels":    "tags:\n  - Go\n",
		"images":      "tags:\n  - Docker\n",
		"helm":        "tags:\n  - Kubernetes\n",
	} {
		data, err := os.ReadFile(filepath.Join(site, "content", "notes", page, "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s: want %q in\n%s", page, want, data)
		}
	}

	out := filepath.Join(t.TempDir(), "k8s.txt")
	code, _, stderr = runCLI(t, "anki", "--site", site, "--vault", vault, "--tag", "k8s", "-o", out)
	data, _ := os.ReadFile(out)
	if code != exitOK || !strings.Contains(string(data), "Pods") || !strings.Contains(string(data), "Helm") || strings.Contains(string(data), "Channels") {
		t.Errorf("anki --tag k8s: exit %d, cards:\n%s\n%s", code, data, stderr)
	}
}
