package cli

import (
	"github.com/crib-notes/crib/generator/cheatsheet"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/highlight"
	"github.com/crib-notes/crib/generator/linkpreview"
	"github.com/crib-notes/crib/generator/links"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/generator/sections"
)

func oneLinerOptions(cfg config.Config) quickref.Options {
	return quickref.Options{Headings: cfg.CheatsheetHeadings}
}

// outputs are the products build writes besides the pages. check, whose
// writer keeps no bytes, runs only those that can find problems in the
// notes: the search index and the link previews report none (and would
// hold every note's text to the end for nothing), and the highlight cache
// is for Hugo, which a check does not run.
func outputs(cfg config.Config, siteDir string, w content.Writer) []pipeline.Output {
	check := !w.KeepsBytes()
	outs := []pipeline.Output{
		cheatsheet.NewOutput(cheatsheet.WriteOptions{Title: cfg.Title, Paper: cfg.Paper, OneLiners: oneLinerOptions(cfg)}),
	}
	if !check {
		outs = append(outs, search.Output{}, links.Output{Backlinks: cfg.Backlinks, Graph: cfg.Graph})
		if cfg.Previews {
			outs = append(outs, linkpreview.Output{})
		}
	}
	outs = append(outs, practice.Output{Options: practice.Options{Deck: cfg.Title, Language: cfg.Language, FullJSON: cfg.FullCardsJSON}})
	if !check {
		outs = append(outs, &highlight.Output{SiteDir: siteDir, CacheDir: cfg.CacheDir, Config: cfg.Highlight})
	}
	return outs
}

// annotations add counts to each page's params.crib for the theme.
func annotations(cfg config.Config) []func(*note.Note) map[string]any {
	return []func(*note.Note) map[string]any{
		cheatsheet.Annotation(oneLinerOptions(cfg)),
		practice.Annotation,
		highlight.Annotation,
		readingTime,
	}
}

// counts are the numbers folders and tags show totals of.
func counts(cfg config.Config) []sections.Count {
	return []sections.Count{
		{Name: "questions", Of: practice.Questions},
		{Name: "oneliners", Of: cheatsheet.Count(oneLinerOptions(cfg))},
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
