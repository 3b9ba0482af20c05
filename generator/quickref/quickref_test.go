package quickref

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/internal/fixtures"
)

// oneLinersOf parses src the way notes are parsed and extracts its
// one-liners.
func oneLinersOf(t testing.TB, src string, opts Options) []OneLiner {
	t.Helper()
	b := []byte(src)
	return OneLiners(markdown.NewParser().Parse(b), b, opts)
}

// pairs formats one-liners as "term | definition" lines for comparison.
func pairs(ols []OneLiner) string {
	var b strings.Builder
	for _, o := range ols {
		fmt.Fprintf(&b, "%s | %s\n", o.Term, o.Definition)
	}
	return b.String()
}

func TestOneLinerShapes(t *testing.T) {
	tests := []struct {
		name, item, want string
	}{
		{"bold term colon after", "- **Docker**: container runtime", "Docker | container runtime"},
		{"bold term colon inside", "- **Docker:** container runtime", "Docker | container runtime"},
		{"bold term em dash", "- **Docker** — container runtime", "Docker | container runtime"},
		{"bold term en dash", "- **Docker** – container runtime", "Docker | container runtime"},
		{"bold term hyphen", "- **Docker** - container runtime", "Docker | container runtime"},
		{"bold term equals", "- **Docker** = container runtime", "Docker | container runtime"},
		{"bold term arrow", "- **Docker** → container runtime", "Docker | container runtime"},
		{"bold term em dash unspaced", "- **Docker**—container runtime", "Docker | container runtime"},
		{"underscore bold", "- __Docker__: container runtime", "Docker | container runtime"},
		{"code term em dash", "- `docker ps` — list running containers", "`docker ps` | list running containers"},
		{"code term colon", "- `docker ps`: list running containers", "`docker ps` | list running containers"},
		{"link term", "- [Docker](/notes/docker#intro) - container runtime", "[Docker](/notes/docker#intro) | container runtime"},
		{"plain hyphen", "- Docker - container runtime", "Docker | container runtime"},
		{"plain colon", "- Docker: container runtime", "Docker | container runtime"},
		{"plain equals", "- Docker = container runtime", "Docker | container runtime"},
		{"plain arrow", "- Docker → container runtime", "Docker | container runtime"},
		{"plain en dash", "- Docker – container runtime", "Docker | container runtime"},
		{"plain em dash", "- Docker — container runtime", "Docker | container runtime"},
		{"first separator wins", "- Production modern stack: Cloud infra → VMs → Kubernetes",
			"Production modern stack | Cloud infra → VMs → Kubernetes"},
		{"hyphenated term", "- Single-server era: one server = no isolation", "Single-server era | one server = no isolation"},
		{"colon in URL is no separator", "- see https://docker.com for more", " | see <https://docker.com> for more"},
		{"time is no separator", "- Standup at 10:30 every day", " | Standup at 10:30 every day"},
		{"no separator", "- Containers share the host kernel", " | Containers share the host kernel"},
		{"bold without separator", "- **Docker** packages apps", " | **Docker** packages apps"},
		{"sentence before colon is not a term", "- When the node runs out of memory the kernel picks a victim and kills it: OOMKilled",
			" | When the node runs out of memory the kernel picks a victim and kills it: OOMKilled"},
		{"ordered list", "1. **Pod**: smallest deployable unit", "Pod | smallest deployable unit"},
		{"star bullet", "* **Pod**: smallest deployable unit", "Pod | smallest deployable unit"},
		{"task list", "- [ ] **Pod**: smallest deployable unit", "Pod | smallest deployable unit"},
		{"wrapped item", "- **Pod**: smallest\n  deployable unit", "Pod | smallest deployable unit"},
		{"inline styles kept", "- **cgroups**: enforce *limits* on `cpu` and [memory](https://example.com/m)",
			"cgroups | enforce *limits* on `cpu` and [memory](https://example.com/m)"},
		{"code inside bold term", "- **`kubectl get`**: list resources", "`kubectl get` | list resources"},
		{"escapes survive", `- **a\*b**: uses \_under\_ and 2 < 3`, `a\*b | uses \_under\_ and 2 \< 3`},
		{"entity", "- **AT&amp;T**: a carrier", `AT\&T | a carrier`},
		{"strikethrough", "- **Swarm**: ~~dead~~ niche", "Swarm | ~~dead~~ niche"},
		{"mark stays as written", "- **OOM**: ==exit 137==", "OOM | ==exit 137=="},
		{"definition starting with a list marker", "- **Rule**: - not a list", `Rule | \- not a list`},
		{"nested list folded", "- **Networking**: drivers\n  - bridge: default\n  - host: no isolation",
			"Networking | drivers; **bridge**: default; **host**: no isolation"},
		{"nested under bare parent", "- Volumes\n  - bind mount\n  - named volume", "Volumes | bind mount; named volume"},
		{"opt-out comment", "- **Secret**: skip me <!-- nocheatsheet -->\n- **Kept**: yes", "Kept | yes"},
		{"opt-out nested", "- **Parent**: p\n  - hidden <!--nocheatsheet-->\n  - shown", "Parent | p; shown"},
		{"loose list", "- **A**: one\n\n- **B**: two", "A | one\nB | two"},
		{"empty item dropped", "- \n- **B**: two", "B | two"},
		{"two-column table", "| Term | Meaning |\n|---|---|\n| **Pod** | smallest unit |\n| Service | stable `address` |",
			"Pod | smallest unit\nService | stable `address`"},
		{"comparison table", "| | Docker | VM |\n|---|---|---|\n| Isolation | process | hardware |\n| Boot | ms | |",
			"Isolation | Docker: process; VM: hardware\nBoot | Docker: ms"},
		{"one-column table", "| Tip |\n|---|\n| restart it |", " | restart it"},
		{"table row opt-out", "| a | b |\n|---|---|\n| x | y <!-- nocheatsheet --> |\n| z | w |", "z | w"},
		{"inline math as text", `- **Binary search**: $O(\log n)$ by halving`, "Binary search | O(log n) by halving"},
		{"math term", `- $\alpha$: learning rate`, "α | learning rate"},
		{"display math as text", `- **Series**: $$\frac{1}{1-r}$$`, "Series | 1/(1-r)"},
		{"prices are no math", "- **Plan**: $5 and $10", `Plan | \$5 and \$10`},
		{"definition list", "Pod\n: smallest unit\n\nService\n: stable address\n: load balanced", "Pod | smallest unit\nService | stable address; load balanced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := oneLinersOf(t, "## Quick Reference\n\n"+tt.item+"\n", Options{})
			if want := tt.want + "\n"; pairs(got) != want {
				t.Errorf("item %q\ngot:\n%swant:\n%s", tt.item, pairs(got), want)
			}
		})
	}
}

func TestOneLinerRuns(t *testing.T) {
	got := oneLinersOf(t, "# TL;DR\n- **`kubectl` logs**: show *recent* output of [a pod](https://k8s.io)\n", Options{})
	if len(got) != 1 {
		t.Fatalf("got %d one-liners, want 1", len(got))
	}
	wantTerm := []StyledRun{{Text: "kubectl", Style: RunCode}, {Text: " logs"}}
	wantDef := []StyledRun{{Text: "show "}, {Text: "recent", Style: RunItalic}, {Text: " output of "},
		{Text: "a pod", Style: RunLink, URL: "https://k8s.io"}}
	if fmt.Sprint(got[0].TermRuns) != fmt.Sprint(wantTerm) {
		t.Errorf("term runs = %v, want %v", got[0].TermRuns, wantTerm)
	}
	if fmt.Sprint(got[0].DefinitionRuns) != fmt.Sprint(wantDef) {
		t.Errorf("definition runs = %v, want %v", got[0].DefinitionRuns, wantDef)
	}
}

func TestOneLinerHeadings(t *testing.T) {
	const list = "\n\n- **T**: d\n"
	tests := []struct {
		name string
		src  string
		opts Options
		want int
	}{
		{"quick reference h2", "## Quick Reference: One-Liners for Each Topic" + list, Options{}, 1},
		{"one-liners h4", "#### One-liners" + list, Options{}, 1},
		{"cheat sheet", "## Docker Cheat Sheet" + list, Options{}, 1},
		{"cheatsheet", "### cheatsheet" + list, Options{}, 1},
		{"TL;DR upper", "## TL;DR" + list, Options{}, 1},
		{"key takeaways", "## Key Takeaways" + list, Options{}, 1},
		{"summary is not one", "## Summary" + list, Options{}, 0},
		{"reference alone is not one", "## Reference" + list, Options{}, 0},
		{"word boundary", "## Quick References? no: Quickreference" + list, Options{}, 0},
		{"configured summary", "## Summary" + list, Options{Headings: []string{"Summary"}}, 1},
		{"configuration replaces defaults", "## TL;DR" + list, Options{Headings: []string{"Summary"}}, 0},
		{"paragraphs only", "## Quick Reference\n\nDocker: a runtime.\n\n**Pods**: groups of containers.\n", Options{}, 0},
		{"list before the section", "- **A**: b\n\n## TL;DR\n\ntext\n", Options{}, 0},
		{"sub-heading included", "## Cheat Sheet\n\n### Docker" + list + "\n### K8s" + list, Options{}, 2},
		{"sibling heading ends it", "## Cheat Sheet" + list + "\n## Other" + list, Options{}, 1},
		{"higher heading ends it", "### Cheat Sheet" + list + "\n# Other" + list, Options{}, 1},
		{"section resumes at next match", "## TL;DR" + list + "\n## Other" + list + "\n## Key takeaways" + list, Options{}, 2},
		{"callout list", "## TL;DR\n\n> [!tip] Remember\n> - **A**: b\n> - **C**: d\n", Options{}, 2},
		{"code block is not a list", "## TL;DR\n\n```\n- **A**: b\n```\n", Options{}, 0},
		{"table rows are items", "## TL;DR\n\n| a | b |\n|---|---|\n| x | y |\n", Options{}, 1},
		{"table outside the section", "## Summary\n\n| a | b |\n|---|---|\n| x | y |\n", Options{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := oneLinersOf(t, tt.src, tt.opts); len(got) != tt.want {
				t.Errorf("got %d one-liners, want %d:\n%s", len(got), tt.want, pairs(got))
			}
		})
	}
}

func TestOneLinerLinesAndAnchors(t *testing.T) {
	src := "# Note\n\n## Cheat Sheet\n\n- **A**: a\n\n### Sub Part\n\n- **B**: b\n  continued\n- C\n"
	got := oneLinersOf(t, src, Options{})
	want := []struct {
		line   int
		anchor string
	}{{5, "cheat-sheet"}, {9, "sub-part"}, {11, "sub-part"}}
	if len(got) != len(want) {
		t.Fatalf("got %d one-liners, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Line != w.line || got[i].Anchor != w.anchor {
			t.Errorf("one-liner %d at line %d anchor %q, want line %d anchor %q", i, got[i].Line, got[i].Anchor, w.line, w.anchor)
		}
	}
}

func TestOneLinersSeed(t *testing.T) {
	body, line := fixtures.Body(t, fixtures.Networking)
	got := OneLiners(markdown.NewParser().Parse(body), body, Options{})
	want := `Shared host | One port space for every process = clashes and fragile moves
Bridge | A virtual switch per host = private addresses, NAT to the outside
veth pair | A virtual cable between a namespace and the host
Published port | A DNAT rule from a host port to a container port
Overlay | Encapsulated traffic = one flat network across hosts
Network namespace | Private interfaces, routes and sockets per container
conntrack | The kernel's table of tracked flows (a full table drops connections)
IPv6 | No NAT by default, so network policies matter more
Routed CNI | Pod routes in the real network = full MTU, no wrapping
Service | A stable virtual address and DNS name in front of changing pods
Request path | Client → load balancer → ingress → Service → pod
`
	if pairs(got) != want {
		t.Errorf("one-liners:\n%s\nwant:\n%s", pairs(got), want)
	}
	if len(got) > 0 {
		if l := got[0].Line + line - 1; l != 499 {
			t.Errorf("first one-liner at file line %d, want 499", l)
		}
		if a := got[0].Anchor; a != "quick-reference-one-liners-to-remember" {
			t.Errorf("anchor = %q", a)
		}
	}
}

// TestOneLinersShared reads the shared layer's seed note: eleven
// one-liners, all under one heading, the last with its arrows.
func TestOneLinersShared(t *testing.T) {
	body, _ := fixtures.CutFrontMatter(fixtures.Shared(t, fixtures.SharedSeed))
	got := OneLiners(markdown.NewParser().Parse(body), body, Options{})
	if len(got) != 11 {
		t.Fatalf("got %d one-liners, want 11:\n%s", len(got), pairs(got))
	}
	for _, o := range got {
		if o.Anchor != got[0].Anchor || o.Term == "" || o.Definition == "" {
			t.Errorf("one-liner %+v: want a term and a definition under %q", o, got[0].Anchor)
		}
	}
	if strings.Count(got[10].Definition, "→") != 3 {
		t.Errorf("last definition %q, want its three arrows", got[10].Definition)
	}
}

func BenchmarkOneLinersSeed(b *testing.B) {
	body, _ := fixtures.Body(b, fixtures.Networking)
	doc := markdown.NewParser().Parse(body)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		OneLiners(doc, body, Options{})
	}
}

func TestOneLinerBrokenLinkIsText(t *testing.T) {
	got := oneLinersOf(t, "# TL;DR\n- **pods**: see [Nope](crib:broken \"no note named \\\"Nope\\\"\") and [a pod](https://k8s.io)\n", Options{})
	if len(got) != 1 {
		t.Fatalf("got %d one-liners, want 1", len(got))
	}
	want := []StyledRun{{Text: "see Nope and "}, {Text: "a pod", Style: RunLink, URL: "https://k8s.io"}}
	if fmt.Sprint(got[0].DefinitionRuns) != fmt.Sprint(want) {
		t.Errorf("definition runs = %v, want %v", got[0].DefinitionRuns, want)
	}
}
