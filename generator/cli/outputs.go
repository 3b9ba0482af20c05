package cli

import (
	"github.com/crib-notes/crib/generator/cheatsheet"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/highlight"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/search"
)

func oneLinerOptions(cfg config.Config) extract.OneLinerOptions {
	return extract.OneLinerOptions{Headings: cfg.CheatsheetHeadings}
}

// outputs are the products build writes besides the pages.
func outputs(cfg config.Config, siteDir string) []pipeline.Output {
	return []pipeline.Output{
		cheatsheet.Output{Options: cheatsheet.WriteOptions{Title: cfg.Title, Paper: cfg.Paper, OneLiners: oneLinerOptions(cfg)}},
		search.Output{},
		practice.Output{Options: practice.Options{Deck: cfg.Title}},
		&highlight.Output{SiteDir: siteDir, CacheDir: cfg.CacheDir},
	}
}

// annotations add counts to each page's params.crib for the theme.
func annotations(cfg config.Config) []func(*note.Note) map[string]any {
	return []func(*note.Note) map[string]any{
		cheatsheet.Annotation(oneLinerOptions(cfg)),
		func(n *note.Note) map[string]any { return map[string]any{"questions": len(practice.NoteCards(n))} },
		readingTime,
	}
}

// readingTime is the note's reading time in minutes, as Hugo's
// .ReadingTime computes it (213 words a minute, rounded up), from the words
// of the note's syntax tree.
func readingTime(n *note.Note) map[string]any {
	if n.Doc == nil {
		return nil
	}
	return map[string]any{"minutes": (markdown.Words(n.Doc, n.Body) + 212) / 213}
}
