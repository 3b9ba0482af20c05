package normalize

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/diag"
)

// TestKinds pins the kind of each problem a note's body can have, which
// the command line groups and counts them by.
func TestKinds(t *testing.T) {
	files := map[string]string{
		"a.md": "---\n" +
			"tags: [\"{{tag}}\"]\n" +
			"---\n" +
			"See [[Nowhere]] and [[b#No such heading]] and [[../../etc/passwd]].\n" +
			"![[missing.png]] ![[run.exe]]\n" +
			"![[c]]\n" +
			"\n" +
			"```hcl2\nx = 1\n```\n" +
			"\n" +
			"| a | b |\n| --- |\n| 1 | 2 |\n" +
			"\n" +
			"<form>raw</form>\n" +
			"\n" +
			"a paragraph ^one\n" +
			"\n" +
			"```dataviewjs\ndv.list([1])\n```\n" +
			"\n" +
			"```dataview\nLIST FLATTEN x\n```\n" +
			"\n" +
			"```dataview\nLIST\n```\n" +
			"\n" +
			"```go\nnever closed\n",
		"b.md": "# B\n\ntext\n",
		"c.md": "![[c]]\n",
	}
	_, _, diags := vaultOf(t, files, "run.exe")
	want := map[string]diag.Kind{
		`"{{tag}}"`:                    diag.Placeholder,
		`[[Nowhere]]`:                  diag.UnresolvedLink,
		`No such heading`:              diag.UnresolvedLink,
		`leads outside the vault`:      diag.OutsideVault,
		`no attachment named "missing`: diag.Attachment,
		`run.exe is not published`:     diag.Unpublished,
		`makes a cycle`:                diag.Embed,
		`unknown code fence language`:  diag.Language,
		`table separator row`:          diag.Table,
		`raw HTML`:                     diag.HTML,
		`never closed`:                 diag.Fence,
		`dataviewjs is never run`:      diag.Dataview,
		`dataview query not run`:       diag.Dataview,
	}
	for text, kind := range want {
		found := false
		for _, d := range diags {
			if strings.Contains(d.Message, text) {
				found = true
				if d.Kind != kind {
					t.Errorf("%s: kind %q, want %q", d, d.Kind, kind)
				}
			}
		}
		if !found {
			t.Errorf("no diagnostic says %q:\n%s", text, diagStrings(diags))
		}
	}
	for _, d := range diags {
		if d.Kind == diag.Other {
			t.Errorf("%s: no kind", d)
		}
	}
}
