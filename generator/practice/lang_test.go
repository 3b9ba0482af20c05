package practice

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/note"
)

// bilingualNotes reads the notes of testdata/vault-bilingual (front matter
// cut by hand): questions asked under "# Question (EN)" and "# Вопрос
// (RU)" labels, some in one language or none.
func bilingualNotes(t *testing.T) []*note.Note {
	t.Helper()
	root := filepath.Join("..", "..", "testdata", "vault-bilingual")
	var notes []*note.Note
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, body, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---\n")
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		folder, name := filepath.Split(rel)
		notes = append(notes, newNote(rel, strings.TrimSuffix(name, ".md"), strings.ToLower(strings.Trim(folder, "/")), nil, body))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return notes
}

func TestCardLanguages(t *testing.T) {
	cards := Cards(bilingualNotes(t))
	count := map[string]int{}
	for _, c := range cards {
		count[c.Lang]++
	}
	if count["en"] != 8 || count["ru"] != 7 || count[""] != 2 || len(cards) != 17 {
		t.Fatalf("cards by language = %v, want en 8, ru 7, none 2", count)
	}
	ru := OfLanguage(cards, "ru")
	if len(ru) != 7 {
		t.Errorf("OfLanguage(ru) kept %d cards, want 7", len(ru))
	}
	for _, c := range ru {
		if c.Lang != "ru" {
			t.Errorf("OfLanguage(ru) kept %q (%q)", c.Question, c.Lang)
		}
	}
	if got := OfLanguage(cards, ""); len(got) != len(cards) {
		t.Errorf("OfLanguage(\"\") kept %d of %d cards", len(got), len(cards))
	}

	tests := []struct {
		name       string
		cards      []Card
		configured string
		want       string
	}{
		{"most cards are English", cards, "", "en"},
		{"the setting wins", cards, "ru", "ru"},
		{"no card has a language", []Card{{}, {}, {Lang: "en"}}, "", ""},
		{"a tie goes to the first tag", []Card{{Lang: "ru"}, {Lang: "en"}}, "", "en"},
		{"a language ties with none", []Card{{Lang: "ru"}, {}}, "", "ru"},
		{"no cards", nil, "", ""},
	}
	for _, tt := range tests {
		if got := DeckLanguage(tt.cards, tt.configured); got != tt.want {
			t.Errorf("%s: DeckLanguage = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestWriteLanguages reads each card's language back from every output
// that carries cards: cards.json, the Anki file (as a tag), the deck data
// (per card, and the language the practice page shows first).
func TestWriteLanguages(t *testing.T) {
	notes := bilingualNotes(t)
	for _, configured := range []string{"", "ru"} {
		var m content.Memory
		if ds := Write(context.Background(), &m, notes, Options{Deck: "Crib", Language: configured}); len(ds) != 0 {
			t.Fatalf("diagnostics: %v", ds)
		}
		want := map[string]string{} // question -> language
		for _, c := range Cards(notes) {
			want[c.Question] = c.Lang
		}

		var js struct {
			Cards []jsonCard `json:"cards"`
		}
		if err := json.Unmarshal(m.Files[JSONPath], &js); err != nil {
			t.Fatal(err)
		}
		for _, c := range js.Cards {
			if c.Lang != want[c.Question] {
				t.Errorf("cards.json: %q lang %q, want %q", c.Question, c.Lang, want[c.Question])
			}
		}
		if !strings.Contains(string(m.Files[JSONPath]), `"lang":"ru"`) {
			t.Errorf("cards.json has no \"lang\" field")
		}

		_, recs := readAnki(t, m.Files[AnkiPath])
		for _, r := range recs {
			q := strings.TrimSuffix(strings.TrimPrefix(r[1], `<div class="crib-q">`), "</div>")
			q, _, _ = strings.Cut(q, "</div>")
			tag := ""
			for f := range strings.FieldsSeq(r[3]) {
				if l, ok := strings.CutPrefix(f, "lang::"); ok {
					tag = l
				}
			}
			if l, ok := want[q]; !ok || tag != l {
				t.Errorf("Anki: %q tagged lang %q, want %q", q, tag, l)
			}
		}

		var data deckData
		if err := json.Unmarshal(m.Files[DataPath], &data); err != nil {
			t.Fatal(err)
		}
		wantLang := configured
		if wantLang == "" {
			wantLang = "en"
		}
		if data.Lang != wantLang {
			t.Errorf("language = %q: deck shows %q first, want %q", configured, data.Lang, wantLang)
		}
		n := 0
		for _, dn := range data.Notes {
			for _, c := range dn.Meta {
				n++
				if c.Lang != want[c.Question] {
					t.Errorf("deck: %q lang %q, want %q", c.Question, c.Lang, want[c.Question])
				}
			}
		}
		if n != len(want) {
			t.Errorf("deck holds %d cards, want %d", n, len(want))
		}
	}
}
