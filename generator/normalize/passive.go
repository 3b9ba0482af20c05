package normalize

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
)

// passiveTypes are the attachments published as they are, by extension:
// files a browser shows, plays or downloads without running anything in
// the site's origin (what Obsidian itself embeds, and plain text and
// office documents). It is an allow-list: HTML, XHTML, XML, scripts,
// WebAssembly, Flash, server pages and anything nobody thought of stay
// out. SVG, which can hold scripts, is published only after a look
// inside (passiveSVG).
var passiveTypes = map[string]bool{
	// images
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".bmp": true, ".ico": true, ".tif": true, ".tiff": true, ".heic": true, ".heif": true, ".jxl": true,
	// audio and video
	".mp3": true, ".wav": true, ".ogg": true, ".oga": true, ".opus": true, ".m4a": true, ".aac": true,
	".flac": true, ".3gp": true, ".mp4": true, ".m4v": true, ".webm": true, ".ogv": true, ".mov": true, ".mkv": true,
	// documents
	".pdf": true, ".txt": true, ".csv": true, ".tsv": true, ".rtf": true, ".epub": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true,
}

// maxSVG bounds the SVG read to check it; a larger one is not published.
const maxSVG = 8 << 20

// passive returns why the attachment at vault path p must not be
// published, or nil. open reads it; nil when it cannot be read, and then
// an SVG, which needs a look, is not published.
func passive(p string, open func(string) (io.ReadCloser, error)) error {
	ext := strings.ToLower(path.Ext(p))
	if ext != ".svg" && !passiveTypes[ext] {
		if ext == "" {
			return errors.New("a file with no extension could be anything; only images, audio, video, PDFs, plain text and office documents are published")
		}
		return fmt.Errorf("%s files can hold code that runs in the site's pages; only images, audio, video, PDFs, plain text and office documents are published", ext)
	}
	if open == nil {
		if ext == ".svg" {
			return errors.New("an SVG is published only once it is checked, and it cannot be read")
		}
		return nil
	}
	r, err := open(p)
	if err != nil {
		return fmt.Errorf("cannot be read: %v", err)
	}
	defer r.Close()
	if ext == ".svg" {
		return passiveSVG(io.LimitReader(r, maxSVG))
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fmt.Errorf("cannot be read: %v", err)
	}
	// A browser that guesses a file's type from its content would run
	// HTML served under another name.
	if ct := http.DetectContentType(head[:n]); strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "text/xml") {
		return fmt.Errorf("it holds HTML or XML, not what a %s file holds", ext)
	}
	return nil
}

// activeElements are SVG (or other XML) elements that run code or show
// another document.
var activeElements = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "frame": true, "frameset": true, "applet": true,
	"base": true, "link": true, "meta": true,
}

// passiveSVG checks an SVG, as encoding/xml reads it (a parser, not
// patterns: what the browser reads is what is checked), and fails closed:
// it returns why the SVG must not be published when it does not parse, is
// not an <svg>, has an element that runs code or shows another document
// (script, foreignObject, ...), an event handler attribute (on...), an
// animation that sets a link or a handler, a reference to anything but
// itself (href or xlink:href not starting with '#', CSS @import, url()
// to anything but '#'), an entity declaration or a processing
// instruction. Images embedded as data: URLs of raster types are passive
// and allowed.
func passiveSVG(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	root := true
	var open []string // the elements open around the token
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return errors.New("an SVG with no <svg> element is not published")
			}
			return nil
		}
		if err != nil {
			return fmt.Errorf("the SVG does not parse as XML (%v), so it cannot be checked", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if root && name != "svg" {
				return fmt.Errorf("the file is a <%s> document, not an <svg>", t.Name.Local)
			}
			root = false
			if activeElements[name] {
				return fmt.Errorf("the SVG has a <%s> element", t.Name.Local)
			}
			for _, a := range t.Attr {
				if err := passiveAttr(name, a); err != nil {
					return err
				}
			}
			open = append(open, name)
		case xml.EndElement:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case xml.CharData:
			if len(open) > 0 && open[len(open)-1] == "style" {
				if err := passiveCSS(string(t)); err != nil {
					return err
				}
			}
		case xml.ProcInst:
			if !strings.EqualFold(t.Target, "xml") {
				return fmt.Errorf("the SVG has a <?%s?> instruction", t.Target)
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) || bytes.IndexByte(t, '[') >= 0 {
				return errors.New("the SVG declares an <!ENTITY> (or a document type of its own)")
			}
		}
	}
}

// passiveAttr checks one attribute of an element (name in lower case).
func passiveAttr(elem string, a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	v := strings.TrimSpace(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("the SVG has an event handler attribute %s", a.Name.Local)
	case name == "href" || name == "src" || name == "action" || name == "formaction":
		if strings.HasPrefix(v, "#") || elem == "image" && rasterDataURL(v) {
			return nil
		}
		return fmt.Errorf("the SVG refers to %q, outside itself", clipValue(v))
	case name == "attributename":
		if n := strings.ToLower(v); n == "href" || strings.HasSuffix(n, ":href") || strings.HasPrefix(n, "on") {
			return fmt.Errorf("the SVG has an animation that sets %s", v)
		}
	}
	return passiveCSS(v)
}

// passiveCSS checks CSS, or any attribute value (presentation attributes
// such as fill take url() too): no @import, and url() only to '#'.
func passiveCSS(s string) error {
	low := strings.ToLower(s)
	if strings.Contains(low, "@import") {
		return errors.New("the SVG's CSS has an @import")
	}
	for rest := low; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+len("url("):]
		if t := strings.TrimLeft(rest, " \t\r\n'\""); !strings.HasPrefix(t, "#") {
			ref, _, _ := strings.Cut(t, ")")
			return fmt.Errorf("the SVG's CSS has url(%s), which refers outside itself", clipValue(strings.TrimRight(ref, " \t\r\n'\"")))
		}
	}
}

// rasterDataURL reports whether v is a data: URL of a raster image, which
// cannot run anything.
func rasterDataURL(v string) bool {
	low := strings.ToLower(v)
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		if strings.HasPrefix(low, "data:image/"+t+";") || strings.HasPrefix(low, "data:image/"+t+",") {
			return true
		}
	}
	return false
}

func clipValue(s string) string {
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
