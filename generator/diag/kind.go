package diag

import (
	"errors"
	"fmt"
	"strconv"
)

// Kind is the kind of problem a diagnostic reports. A vault with a
// thousand problems is read by kind: a note shows one line per kind of
// problem in it (see List.Print), and the run ends with a count of each
// kind (List.Summary), so that a few broken links are not lost among
// hundreds of repaired delimiters. Other is the kind of a diagnostic
// made without one.
type Kind string

// The kinds, as they are counted in the summary.
const (
	Other          Kind = ""
	FrontMatter    Kind = "front-matter"
	Delimiter      Kind = "delimiter"
	Placeholder    Kind = "placeholder"
	Date           Kind = "date"
	Weekday        Kind = "weekday"
	Tag            Kind = "tag"
	Privacy        Kind = "privacy"
	Template       Kind = "template"
	UnresolvedLink Kind = "unresolved-link"
	OutsideVault   Kind = "outside-vault"
	Attachment     Kind = "attachment"
	Unpublished    Kind = "unpublished-attachment"
	Embed          Kind = "embed"
	Excalidraw     Kind = "excalidraw"
	Language       Kind = "language"
	Fence          Kind = "fence"
	Dataview       Kind = "dataview"
	Table          Kind = "table"
	HTML           Kind = "html"
	Markdown       Kind = "markdown"
	Title          Kind = "title"
	URL            Kind = "url"
	Question       Kind = "question"
	File           Kind = "file"
	Internal       Kind = "internal"
	Cheatsheet     Kind = "cheatsheet"
	Site           Kind = "site"
	Hugo           Kind = "hugo"
)

// nouns are what one and several problems of each kind are called.
var nouns = map[Kind][2]string{
	Other:          {"other problem", "other problems"},
	FrontMatter:    {"front matter problem", "front matter problems"},
	Delimiter:      {`note with a damaged "---" delimiter (repaired)`, `notes with a damaged "---" delimiter (repaired)`},
	Placeholder:    {"unfilled template placeholder", "unfilled template placeholders"},
	Date:           {"date not understood", "dates not understood"},
	Weekday:        {"date whose weekday is another day (date kept)", "dates whose weekday is another day (dates kept)"},
	Tag:            {"tag problem", "tag problems"},
	Privacy:        {"note held back: privacy unclear", "notes held back: privacy unclear"},
	Template:       {"template not published", "templates not published"},
	UnresolvedLink: {"unresolved wikilink", "unresolved wikilinks"},
	OutsideVault:   {"link leading outside the vault", "links leading outside the vault"},
	Attachment:     {"attachment not found", "attachments not found"},
	Unpublished:    {"attachment not published", "attachments not published"},
	Embed:          {"embed not inlined", "embeds not inlined"},
	Excalidraw:     {"Excalidraw drawing not exported", "Excalidraw drawings not exported"},
	Language:       {"code fence in an unknown language", "code fences in an unknown language"},
	Fence:          {"code fence repaired", "code fences repaired"},
	Dataview:       {"Dataview block shown as its source", "Dataview blocks shown as their source"},
	Table:          {"table repaired", "tables repaired"},
	HTML:           {"note with raw HTML not shown", "notes with raw HTML not shown"},
	Markdown:       {"Markdown repair", "Markdown repairs"},
	Title:          {"title shared in a folder", "titles shared in a folder"},
	URL:            {"URL taken by another note", "URLs taken by another note"},
	Question:       {"question asked twice", "questions asked twice"},
	File:           {"file not read", "files not read"},
	Internal:       {"internal error", "internal errors"},
	Cheatsheet:     {"cheat sheet too long for one page", "cheat sheets too long for one page"},
	Site:           {"site problem", "site problems"},
	Hugo:           {"Hugo warning", "Hugo warnings"},
}

// perNote are the kinds whose nouns count notes, not problems.
var perNote = map[Kind]bool{Delimiter: true, Privacy: true, HTML: true}

// Kinds returns every kind.
func Kinds() []Kind {
	ks := make([]Kind, 0, len(nouns))
	for k := range nouns {
		ks = append(ks, k)
	}
	return ks
}

// Count says how many problems of the kind there are: "287 unresolved
// wikilinks".
func (k Kind) Count(n int) string {
	names, ok := nouns[k]
	if !ok {
		names = nouns[Other]
	}
	if n == 1 {
		return "1 " + names[0]
	}
	return strconv.Itoa(n) + " " + names[1]
}

// Warnf and Errorf build diagnostics of the kind.
func (k Kind) Warnf(path string, line int, format string, args ...any) Diagnostic {
	d := Warnf(path, line, format, args...)
	d.Kind = k
	return d
}

func (k Kind) Errorf(path string, line int, format string, args ...any) Diagnostic {
	d := Errorf(path, line, format, args...)
	d.Kind = k
	return d
}

// WithKind marks err as a problem of kind k, for errors that reach a
// diagnostic through code that does not know kinds (a link resolver's,
// through the rewriter that reports them): KindOf reads it back.
func WithKind(k Kind, err error) error {
	return &kindError{kind: k, err: err}
}

// Newf is WithKind of fmt.Errorf.
func (k Kind) Newf(format string, args ...any) error {
	return WithKind(k, fmt.Errorf(format, args...))
}

// KindOf returns the kind err was marked with (see WithKind), or Other.
func KindOf(err error) Kind {
	var ke *kindError
	if errors.As(err, &ke) {
		return ke.kind
	}
	return Other
}

type kindError struct {
	kind Kind
	err  error
}

func (e *kindError) Error() string { return e.err.Error() }
func (e *kindError) Unwrap() error { return e.err }
