package cli

import (
	"context"

	"github.com/crib-notes/crib/generator/cheatsheet"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/search"
)

func oneLinerOptions(cfg config.Config) extract.OneLinerOptions {
	return extract.OneLinerOptions{Headings: cfg.CheatsheetHeadings}
}

// outputs are the products build writes besides the pages.
func outputs(cfg config.Config) []pipeline.Output {
	return []pipeline.Output{
		cheatsheet.Output{Options: cheatsheet.WriteOptions{Title: cfg.Title, Paper: cfg.Paper, OneLiners: oneLinerOptions(cfg)}},
		searchOutput{},
		practice.Output{Options: practice.Options{Deck: cfg.Title}},
	}
}

// annotations add counts to each page's params.crib for the theme.
func annotations(cfg config.Config) []func(*note.Note) map[string]any {
	return []func(*note.Note) map[string]any{
		cheatsheet.Annotation(oneLinerOptions(cfg)),
		func(n *note.Note) map[string]any { return map[string]any{"questions": len(practice.NoteCards(n))} },
	}
}

// searchOutput writes the search index.
type searchOutput struct{}

func (searchOutput) Name() string { return "search" }

func (searchOutput) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	return search.Write(ctx, w, notes, search.Options{})
}
