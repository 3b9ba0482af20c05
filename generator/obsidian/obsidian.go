// Package obsidian rewrites Obsidian-flavoured Markdown into the Markdown
// Hugo renders: comments removed, wikilinks and embeds turned into links,
// images and transcluded notes, callout types made canonical, block ids
// turned into HTML ids. It also reads inline tags and block ids.
//
// A body goes through it in this order: StripBodyComments on the whole
// body; then, for each text run (text with no code block in it, see
// markdown.Segments), InlineTags and BlockIDs while the vault index is
// built, and Rewrite once it is. Nothing here decides what is code:
// code blocks and code spans are the ones goldmark finds, which
// markdown.Segments reports, so what Crib leaves alone is what Hugo
// renders as code. Inside a run, code spans and backslash-escaped
// characters are left exactly as written. Nothing here reads files:
// names are resolved through a Resolver the caller implements. Rewrite's block ids need Hugo's block attributes
// (markup.goldmark.parser.attribute.block); package blockattr teaches
// Crib's own parser the same syntax.
package obsidian

// Resolver resolves the names a note refers to. Rewrite calls it for every
// wikilink and embed outside code; an error makes the link plain text and
// is reported as a Problem.
type Resolver interface {
	// Link resolves a wikilink target and fragment to a link destination
	// such as "/notes/docker/docker-basics#volumes" or "#volumes".
	// target is the note name or vault path as written, trimmed, without
	// a ".md" extension; it is "" for a link into the current note.
	// fragment is what follows the first '#': a heading ("Volumes"), a
	// heading path ("Storage#Volumes") or a block id ("^b1"); "" for none.
	Link(target, fragment string) (dest string, err error)

	// Attachment resolves an embedded file ("diagram.png",
	// "assets/diagram.png") to its destination relative to the page
	// bundle ("diagram.png").
	Attachment(target string) (dest string, err error)

	// Transclude returns the normalized Markdown of a note, or of the
	// section under one of its headings or its block, to inline in place
	// of an embed ![[Note]] / ![[Note#Heading]]. The caller detects
	// cycles and reports them as errors.
	Transclude(target, fragment string) ([]byte, error)
}

// Problem is something Rewrite could not honour. Offset is the byte offset
// in the text run; Line and Col (1-based, Col in bytes) say the same for
// people. Err is the Resolver's error it reports, if any.
type Problem struct {
	Offset    int
	Line, Col int
	Message   string
	Err       error
}
