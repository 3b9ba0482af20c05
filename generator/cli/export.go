package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/crib-notes/crib/generator/cheatsheet"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/pdf"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/practice"
)

// notesOnly normalizes the vault in memory, for the commands that export
// one product; prepare extracts what that product needs from each note
// (made from cfg). ok is false when the command must stop with code.
func notesOnly(ctx context.Context, e *env, sf *siteFlags, prepare func(config.Config) pipeline.Preparer) (res *pipeline.Result, cfg config.Config, code int, ok bool) {
	cfg, siteDir, vaultDir, ok := sf.load(e)
	if !ok {
		return nil, cfg, exitUsage, false
	}
	v, ok := listVault(ctx, e, cfg, vaultDir)
	if !ok {
		return nil, cfg, exitUsage, false
	}
	o := options(cfg, siteDir, vaultDir, &content.Discard{}, e)
	o.Outputs, o.Annotate = nil, nil
	o.Prepare = []pipeline.Preparer{prepare(cfg)}
	res, err := pipeline.Run(ctx, o, v)
	if err != nil {
		e.errorf("%v", err)
		return nil, cfg, exitUsage, false
	}
	e.print(res.Diags)
	return res, cfg, exitOK, true
}

// exportFlags are the flags of the commands that export one product.
type exportFlags struct {
	siteFlags
	tags stringList
	out  string
}

func (x *exportFlags) register(fs *flag.FlagSet, defaultOut string) {
	x.siteFlags.register(fs)
	fs.Var(&x.tags, "tag", "only notes with this tag (or a tag nested under it); repeat for more")
	fs.StringVar(&x.out, "o", defaultOut, "the file to write, or - for standard output")
}

// writeOutput writes data to the file name, or to stdout for "-".
func writeOutput(e *env, name string, data []byte) int {
	if name == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		return exitOK
	}
	if err := content.WriteAtomic(name, data); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "crib: wrote %s\n", name)
	return exitOK
}

func runPDF(ctx context.Context, e *env, args []string) int {
	var x exportFlags
	var paper string
	fs := newFlags(e, "pdf", "[--vault DIR] [--tag T]... [--paper A4|Letter] [-o FILE]")
	x.register(fs, "cheatsheet.pdf")
	fs.StringVar(&paper, "paper", "", "A4 or Letter (default: params.crib.paper in hugo.toml)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	switch strings.ToLower(paper) {
	case "", "a4", "letter":
	default:
		e.errorf("--paper %q: want A4 or Letter", paper)
		return exitUsage
	}
	res, cfg, code, ok := notesOnly(ctx, e, &x.siteFlags, func(cfg config.Config) pipeline.Preparer {
		return cheatsheet.Output{Options: cheatsheet.WriteOptions{OneLiners: oneLinerOptions(cfg)}}
	})
	if !ok {
		return code
	}
	if paper == "" {
		paper = cfg.Paper
	}
	sheet, diags := cheatsheet.Build(res.Notes, cheatsheet.Options{Title: cfg.Title, Tags: asShown(res, x.tags), OneLiners: oneLinerOptions(cfg)})
	res.Diags.Add(diags...)
	for _, d := range diags {
		fmt.Fprintln(e.stderr, d)
	}
	if sheet.Len() == 0 {
		e.errorf("no one-liners to print%s", tagNote(x.tags))
		return exitNotes
	}
	data, err := cheatsheet.RenderPDF(sheet, pdf.Options{Paper: paper})
	var fit *pdf.FitError
	if errors.As(err, &fit) {
		e.errorf("%v", err)
		return exitNotes
	}
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if c := writeOutput(e, x.out, data); c != exitOK {
		return c
	}
	return codeFor(res.Diags, x.strict)
}

func runAnki(ctx context.Context, e *env, args []string) int {
	var x exportFlags
	var baseURL, lang string
	var difficulties stringList
	fs := newFlags(e, "anki", "[--vault DIR] [--tag T]... [--lang xx] [--difficulty D]... [-o FILE]")
	x.register(fs, "crib-anki.txt")
	fs.StringVar(&baseURL, "baseURL", "", "the published site's URL, so cards link back to their notes (default: hugo.toml's)")
	fs.StringVar(&lang, "lang", "", "only the questions asked in this language (as a note marks it: \"Question (EN)\")")
	fs.Var(&difficulties, "difficulty", "only the questions of notes of this difficulty: easy, medium or hard (front matter difficulty: or a difficulty/… tag); repeat for more")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	for i, d := range difficulties {
		v, ok := practice.ParseDifficulty(d)
		if !ok {
			e.errorf("--difficulty %q: want easy, medium or hard (or 1 to 3)", d)
			return exitUsage
		}
		difficulties[i] = v
	}
	if lang != "" {
		tag, err := config.LanguageTag(lang)
		if err != nil {
			e.errorf("--lang %q: %v", lang, err)
			return exitUsage
		}
		lang = tag
	}
	res, cfg, code, ok := notesOnly(ctx, e, &x.siteFlags, func(config.Config) pipeline.Preparer { return practice.Output{} })
	if !ok {
		return code
	}
	if baseURL == "" {
		baseURL = cfg.BaseURL
	}
	want := asShown(res, x.tags)
	opts := practice.Options{Deck: cfg.Title, Tags: want, BaseURL: baseURL}
	cards := practice.OfDifficulty(practice.OfLanguage(practice.Filter(practice.Cards(res.Notes), want), lang), difficulties)
	if len(cards) == 0 {
		e.errorf("no questions to export%s%s%s", tagNote(x.tags), langNote(lang), difficultyNote(difficulties))
		return exitNotes
	}
	if c := writeOutput(e, x.out, practice.Anki(cards, opts)); c != exitOK {
		return c
	}
	fmt.Fprintf(e.stderr, "crib: %d cards\n", len(cards))
	return codeFor(res.Diags, x.strict)
}

// asShown returns the tags a user asked for as the notes show them, so
// that a synonym asks for the merged tag ("--tag k8s" finds the notes
// tagged Kubernetes).
func asShown(res *pipeline.Result, asked []string) []string {
	out := make([]string, len(asked))
	for i, t := range asked {
		if out[i] = res.Tags.Display(t); out[i] == "" {
			out[i] = t // not a tag: the filter reports it
		}
	}
	return out
}

func langNote(lang string) string {
	if lang == "" {
		return ""
	}
	return " in language " + lang
}

func difficultyNote(difficulties []string) string {
	if len(difficulties) == 0 {
		return ""
	}
	return " of difficulty " + strings.Join(difficulties, " or ")
}

func tagNote(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return " with tag " + strings.Join(tags, " or ")
}
