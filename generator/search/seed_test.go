package search

import (
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/fixtures"
)

// seedNote builds the vault's interview note as the pipeline would hand
// it over.
func seedNote(t testing.TB) *note.Note {
	t.Helper()
	body, _ := fixtures.Body(t, fixtures.Networking)
	return &note.Note{
		Source: fixtures.Networking,
		Folder: "Docker",
		Title:  "Container Networking",
		Tags:   []string{"DevOps", "Docker"},
		URL:    "notes/container-networking/",
		Path:   "/notes/container-networking",
		Body:   body,
		Doc:    markdown.NewParser().Parse(body),
	}
}

// mdNote builds a note from Markdown.
func mdNote(title, url string, tags []string, body string) *note.Note {
	b := []byte(body)
	return &note.Note{
		Source: title + ".md",
		Title:  title,
		Tags:   tags,
		URL:    url,
		Path:   "/" + url[:len(url)-1],
		Body:   b,
		Doc:    markdown.NewParser().Parse(b),
	}
}
