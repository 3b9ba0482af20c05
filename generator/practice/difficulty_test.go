package practice

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/note"
)

// difficultyNote is a note with one question, front matter params and
// tags as given.
func difficultyNote(source string, params map[string]any, tags ...string) *note.Note {
	n := newNote(source, strings.TrimSuffix(source, ".md"), "x", tags, "## Q: What is "+source+"?\n\nAn answer.\n")
	n.Params = params
	return n
}

func TestCardDifficulty(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]any
		tags   []string
		want   string
		warns  bool
	}{
		{"front matter", map[string]any{"difficulty": "hard"}, nil, "hard", false},
		{"any case", map[string]any{"difficulty": "Medium"}, nil, "medium", false},
		{"key in any case", map[string]any{"Difficulty": "EASY"}, nil, "easy", false},
		{"spaces around", map[string]any{"difficulty": " hard "}, nil, "hard", false},
		{"a number 1 to 3", map[string]any{"difficulty": 1}, nil, "easy", false},
		{"a number as text", map[string]any{"difficulty": "3"}, nil, "hard", false},
		{"a whole float", map[string]any{"difficulty": 2.0}, nil, "medium", false},
		{"a list of one", map[string]any{"difficulty": []any{"hard"}}, nil, "hard", false},
		{"a nested tag", nil, []string{"go", "difficulty/easy"}, "easy", false},
		{"a nested tag in any case", nil, []string{"Difficulty/Hard"}, "hard", false},
		{"front matter wins over a tag", map[string]any{"difficulty": "easy"}, []string{"difficulty/hard"}, "easy", false},
		{"none", map[string]any{"level": "hard"}, []string{"hard"}, "", false},
		{"empty", map[string]any{"difficulty": ""}, nil, "", false},
		{"an unknown word", map[string]any{"difficulty": "expert"}, nil, "", true},
		{"out of range", map[string]any{"difficulty": 5}, nil, "", true},
		{"a fraction", map[string]any{"difficulty": 1.5}, nil, "", true},
		{"a list of two", map[string]any{"difficulty": []any{"easy", "hard"}}, nil, "", true},
		{"an unknown one, then a tag", map[string]any{"difficulty": "expert"}, []string{"difficulty/medium"}, "medium", true},
		{"an unknown tag", nil, []string{"difficulty/insane"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := difficultyNote("a.md", tt.params, tt.tags...)
			cards := Cards([]*note.Note{n})
			if len(cards) != 1 || cards[0].Difficulty != tt.want {
				t.Fatalf("difficulty = %q, want %q", cards[0].Difficulty, tt.want)
			}
			ds := difficultyProblems([]*note.Note{n})
			if tt.warns != (len(ds) == 1) || len(ds) > 1 {
				t.Fatalf("diagnostics = %v, want a warning: %v", ds, tt.warns)
			}
			if tt.warns && (ds[0].Path != "a.md" || !strings.Contains(ds[0].Message, "difficulty")) {
				t.Errorf("diagnostic = %v", ds[0])
			}
		})
	}
}

func TestParseDifficulty(t *testing.T) {
	for in, want := range map[string]string{"easy": "easy", "MEDIUM": "medium", " Hard": "hard", "1": "easy", "2": "medium", "3": "hard", "0": "", "4": "", "": "", "hardest": ""} {
		got, ok := ParseDifficulty(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParseDifficulty(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestOfDifficulty(t *testing.T) {
	cards := []Card{{ID: "e", Difficulty: "easy"}, {ID: "m", Difficulty: "medium"}, {ID: "h", Difficulty: "hard"}, {ID: "n"}}
	ids := func(cs []Card) (out []string) {
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, tt := range []struct {
		want []string
		ids  []string
	}{
		{nil, []string{"e", "m", "h", "n"}},
		{[]string{"hard"}, []string{"h"}},
		{[]string{"easy", "medium"}, []string{"e", "m"}},
	} {
		if got := ids(OfDifficulty(cards, tt.want)); !slices.Equal(got, tt.ids) {
			t.Errorf("OfDifficulty(%q) = %q, want %q", tt.want, got, tt.ids)
		}
	}
}

// TestWriteDifficulty reads each card's difficulty back from every output
// that carries cards: cards.json, the Anki file (as a tag, once however
// the note tags it) and the deck data; and the warning about a value that
// is not a difficulty.
func TestWriteDifficulty(t *testing.T) {
	notes := []*note.Note{
		difficultyNote("a.md", map[string]any{"difficulty": "Hard"}, "go"),
		difficultyNote("b.md", nil, "Difficulty/Easy"),
		difficultyNote("c.md", nil, "go"),
		difficultyNote("d.md", map[string]any{"difficulty": "brutal"}),
	}
	var m content.Memory
	ds := Write(context.Background(), &m, notes, Options{Deck: "Crib"})
	if len(ds) != 1 || ds[0].Path != "d.md" || !strings.Contains(ds[0].String(), `difficulty "brutal"`) {
		t.Errorf("diagnostics = %v, want one warning for d.md", ds)
	}
	want := map[string]string{"What is a.md?": "hard", "What is b.md?": "easy", "What is c.md?": "", "What is d.md?": ""}

	var js struct {
		Cards []jsonCard `json:"cards"`
	}
	if err := json.Unmarshal(m.Files[JSONPath], &js); err != nil {
		t.Fatal(err)
	}
	for _, c := range js.Cards {
		if c.Difficulty != want[c.Question] {
			t.Errorf("cards.json: %q difficulty %q, want %q", c.Question, c.Difficulty, want[c.Question])
		}
	}

	_, recs := readAnki(t, m.Files[AnkiPath])
	wantTags := map[string]string{
		"What is a.md?": "go difficulty::hard",
		"What is b.md?": "Difficulty::Easy",
		"What is c.md?": "go",
		"What is d.md?": "",
	}
	for _, r := range recs {
		q, _, _ := strings.Cut(strings.TrimPrefix(r[1], `<div class="crib-q">`), "</div>")
		if r[3] != wantTags[q] {
			t.Errorf("Anki: %q tagged %q, want %q", q, r[3], wantTags[q])
		}
	}

	var data deckData
	if err := json.Unmarshal(m.Files[DataPath], &data); err != nil {
		t.Fatal(err)
	}
	for _, dn := range data.Notes {
		if dn.Difficulty != want[dn.Meta[0].Question] {
			t.Errorf("deck: %q difficulty %q, want %q", dn.Title, dn.Difficulty, want[dn.Meta[0].Question])
		}
	}
}
