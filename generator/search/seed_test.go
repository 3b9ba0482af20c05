package search

import (
	"bytes"
	"os"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

// seedNote builds the seed fixture as the pipeline would hand it over.
func seedNote(t testing.TB) *note.Note {
	t.Helper()
	src, err := os.ReadFile("../../../shared/fixtures/seed/000_4abc85d6e0698c79.txt")
	if err != nil {
		t.Fatal(err)
	}
	body := stripFrontMatter(src)
	return &note.Note{
		Source: "Docker/Docker Interview Notes.md",
		Folder: "Docker",
		Title:  "Docker Interview Notes",
		Tags:   []string{"DevOps", "Docker"},
		URL:    "notes/docker-interview-notes/",
		Path:   "/notes/docker-interview-notes",
		Body:   body,
		Doc:    markdown.NewParser().Parse(body),
	}
}

// stripFrontMatter drops everything up to the second "---" line.
func stripFrontMatter(src []byte) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	seen := 0
	for i, l := range lines {
		if bytes.Equal(bytes.TrimRight(l, "\r\n"), []byte("---")) {
			seen++
			if seen == 2 {
				return bytes.Join(lines[i+1:], nil)
			}
		}
	}
	return src
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
