package obsidian

import (
	"bytes"
	"errors"
	"io/fs"
	"strings"
)

// ErrLinked is what a Resolver's Transclude returns to have an embed
// written as a link without a Problem, having said why already (once for
// many embeds).
var ErrLinked = errors.New("embed written as a link")

// appendDisplay writes a link's display text as plain text.
func (w *rewriter) appendDisplay(l wikilink) {
	text, literal := l.display()
	if w.atLineStart() && strings.ContainsAny(text[:1], "#>+-=") {
		// Not to start a heading, quote, list item or underline of its own.
		w.out = append(w.out, '\\')
	}
	if literal {
		w.out = appendLiteral(w.out, text)
	} else {
		w.out = appendAlias(w.out, text)
	}
}

// atLineStart reports whether nothing but a container prefix has been
// written on the current output line.
func (w *rewriter) atLineStart() bool {
	for i := len(w.out) - 1; i >= 0; i-- {
		switch w.out[i] {
		case '\n':
			return true
		case ' ', '\t', '>':
		default:
			return false
		}
	}
	return true
}

// link writes a resolved wikilink as a Markdown link, or its display text.
func (w *rewriter) link(off int, raw []byte, l wikilink, heading bool) {
	if heading || w.r == nil {
		w.appendDisplay(l)
		return
	}
	dest, err := w.r.Link(l.noteName(), l.fragment)
	if err != nil {
		w.problem(off, "cannot resolve %s: %v", raw, err)
		w.appendDisplay(l)
		return
	}
	w.out = append(w.out, '[')
	w.appendDisplay(l)
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

// embed writes ![[...]] inside a line: an image, a link to another file,
// or a link to the embedded note. An Excalidraw drawing is the image its
// plugin exported of it, which the Resolver finds from the drawing's
// name, else a placeholder that says there is none.
func (w *rewriter) embed(off int, raw []byte, l wikilink, heading bool) {
	ext := l.attachmentExt()
	if ext == "" {
		w.link(off, raw, l, heading)
		return
	}
	drawing := ext == drawingExt
	if !imageExts[ext] && !drawing {
		w.attachmentLink(off, raw, l, heading)
		return
	}
	name, shown := l.name, baseName(l.name)
	if drawing {
		name = l.noteName()
		shown = drawingTitle(name)
	}
	alt, width := l.imageParts()
	appendAlt := func() {
		if alt != "" {
			w.out = appendAlias(w.out, alt)
		} else {
			w.out = appendLiteral(w.out, shown)
		}
	}
	if heading || w.r == nil {
		appendAlt()
		return
	}
	dest, err := w.r.Attachment(name)
	if err != nil {
		w.problem(off, "cannot embed %s: %v", raw, err)
		if !drawing {
			appendAlt()
			return
		}
		why := "not published"
		if errors.Is(err, fs.ErrNotExist) {
			why = "not exported"
		}
		w.out = append(w.out, "*Excalidraw drawing: "...)
		w.out = appendLiteral(w.out, shown)
		w.out = append(w.out, " ("+why+")*"...)
		return
	}
	if width != "" {
		sep := "?"
		if strings.Contains(dest, "?") {
			sep = "&"
		}
		dest += sep + "w=" + width
	}
	w.out = append(w.out, "!["...)
	appendAlt()
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

// attachmentLink links to an embedded file that is not an image (a PDF,
// audio): Markdown has no embed for it.
func (w *rewriter) attachmentLink(off int, raw []byte, l wikilink, heading bool) {
	text := func() {
		if a := strings.TrimSpace(l.alias); a != "" {
			w.out = appendAlias(w.out, a)
		} else {
			w.out = appendLiteral(w.out, baseName(l.name))
		}
	}
	if heading || w.r == nil {
		text()
		return
	}
	dest, err := w.r.Attachment(l.name)
	if err != nil {
		w.problem(off, "cannot embed %s: %v", raw, err)
		text()
		return
	}
	if l.fragment != "" {
		dest += "#" + l.fragment
	}
	w.out = append(w.out, '[')
	text()
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

func baseName(name string) string {
	if k := strings.LastIndexByte(name, '/'); k >= 0 {
		return name[k+1:]
	}
	return name
}

// transclusion replaces a line holding only a note embed with the embedded
// Markdown, each line under the same container prefix, set apart by blank
// lines. It reports false when the line is not such an embed.
func (w *rewriter) transclusion(i, cs, ce, eol int) bool {
	src := w.src
	if ce-cs < 6 || src[cs] != '!' || src[cs+1] != '[' || src[cs+2] != '[' || src[ce-1] != ']' || src[ce-2] != ']' {
		return false
	}
	inner := src[cs+3 : ce-2]
	if closeBrackets(src[cs+3:ce]) != len(inner) || bytes.Contains(inner, []byte("[[")) || w.spanLeaves(cs+3, ce-2) {
		return false
	}
	l, ok := parseWikilink(inner)
	if !ok || l.attachmentExt() != "" {
		return false
	}
	md, err := w.r.Transclude(l.noteName(), l.fragment)
	if err != nil {
		if !errors.Is(err, ErrLinked) {
			w.problem(cs, "cannot embed %s: %v", src[cs:ce], err)
		}
		return false
	}
	prefix := src[i:cs]
	bare := prefix[:trimRight(prefix)]
	start := len(w.out)
	if w.havePrev && !w.prevBlank {
		w.out = append(w.out, bare...)
		w.out = append(w.out, '\n')
	}
	md = bytes.TrimRight(md, "\n")
	for first := true; ; first = false {
		k := bytes.IndexByte(md, '\n')
		line := md
		if k >= 0 {
			line = md[:k]
		}
		if !first {
			w.out = append(w.out, '\n')
		}
		if len(line) == 0 {
			w.out = append(w.out, bare...)
		} else {
			w.out = append(w.out, prefix...)
			w.out = append(w.out, line...)
		}
		if k < 0 {
			break
		}
		md = md[k+1:]
	}
	if eol < len(src) {
		nextEnd := lineEnd(src, eol+1)
		if !isBlank(src[eol+1 : nextEnd]) {
			w.out = append(w.out, '\n')
			w.out = append(w.out, bare...)
		}
		w.out = append(w.out, '\n')
	}
	w.havePrev, w.prevBlank, w.prevOut = true, false, start
	return true
}
