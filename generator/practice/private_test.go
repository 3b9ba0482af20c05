package practice

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/note"
)

// What a note hides from its page (HTML comments) and where it lives in
// the vault (its folder and file name) never reach the exports: every
// field of cards.json and every line of the Anki file is checked, as are
// the site deck's files.
func TestExportsKeepPrivateThingsOut(t *testing.T) {
	body := strings.Join([]string{
		"## Interview Q: What does a comment hide? <!-- CRIBLEAK in the question -->",
		"",
		"Notes to self. <!-- CRIBLEAK inline --> The answer goes on.",
		"",
		"<!--",
		"CRIBLEAK in a comment block",
		"-->",
		"",
		"<details>",
		"<!-- CRIBLEAK inside an HTML block -->",
		"</details>",
		"",
		"> [!note] A callout",
		"> With <!-- CRIBLEAK in a callout --> a comment.",
		"",
		"Q: Inline question? <!-- CRIBLEAK after an inline question -->",
		"A: Inline answer. <!-- CRIBLEAK in an inline answer -->",
		"",
		"## Interview Q: What does a comment never closed hide?",
		"",
		"Everything after it.",
		"",
		"<!-- CRIBLEAK never closed",
		"CRIBLEAK its second line",
		"",
	}, "\n")
	n := newNote("Secret Folder/Hidden File Name.md", "Comments", "secret-folder", []string{"privacy"}, body)
	for _, base := range []string{"", "https://example.org/notes-site/"} {
		var m content.Memory
		if ds := Write(context.Background(), &m, []*note.Note{n}, Options{Deck: "Crib", BaseURL: base}); len(ds) != 0 {
			t.Fatalf("diagnostics: %v", ds)
		}
		if len(m.Files) == 0 {
			t.Fatal("nothing written")
		}
		for path, data := range m.Files {
			for _, leak := range []string{"CRIBLEAK", "Secret Folder", "Hidden File Name"} {
				if strings.Contains(string(data), leak) && !(leak != "CRIBLEAK" && strings.HasPrefix(path, DeckDir)) {
					// A deck page's front matter may name its source in a
					// YAML comment: content/ is never published as it is.
					t.Errorf("base %q: %s holds %q", base, path, leak)
				}
			}
		}
		var js struct {
			Cards []map[string]any `json:"cards"`
		}
		if err := json.Unmarshal(m.Files[JSONPath], &js); err != nil {
			t.Fatal(err)
		}
		if len(js.Cards) != 3 {
			t.Fatalf("base %q: %d cards, want 3: %v", base, len(js.Cards), js.Cards)
		}
		for _, c := range js.Cards {
			if _, ok := c["source"]; ok {
				t.Errorf("base %q: a card still has a source field: %v", base, c)
			}
			if want := base + "notes/secret-folder/comments/"; c["page"] != want {
				t.Errorf("base %q: card page = %v, want %q", base, c["page"], want)
			}
		}
		if md := js.Cards[0]["answer_markdown"].(string); !strings.Contains(md, "The answer goes on.") || !strings.Contains(md, "<details>") {
			t.Errorf("base %q: the answer lost more than its comments:\n%s", base, md)
		}
	}
}
