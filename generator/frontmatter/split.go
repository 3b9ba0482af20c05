package frontmatter

import (
	"bytes"
	"fmt"

	"github.com/crib-notes/crib/generator/diag"
)

// Format is the syntax of a note's front matter block.
type Format int

const (
	None Format = iota // no front matter
	YAML               // between "---" lines
	TOML               // between "+++" lines
)

func (f Format) String() string {
	switch f {
	case YAML:
		return "yaml"
	case TOML:
		return "toml"
	}
	return "none"
}

// Problem is something Split or the readers repaired or could not read,
// at a 1-based line of the original file.
type Problem struct {
	Line    int
	Message string
	Kind    diag.Kind
}

// Block is a note cut into its front matter and its body. Front and Body
// are sub-slices of the source: nothing is copied or rewritten, so CRLF
// line endings, if any, are still there.
type Block struct {
	Format Format
	// Front is the text between the delimiter lines (nil for None).
	Front []byte
	// FrontLine is the 1-based file line of Front's first line.
	FrontLine int
	// Body is everything after the closing delimiter line, or the whole
	// source (without a byte order mark) when there is no front matter.
	Body []byte
	// BodyLine is the 1-based file line Body starts on; add BodyLine-1 to
	// a line number counted in Body to name the line in the file.
	BodyLine int
}

var bom = []byte("\xef\xbb\xbf")

// Split finds the front matter block at the top of src. The opening
// delimiter must be the first line ("---" for YAML, "+++" for TOML), after
// an optional UTF-8 byte order mark; the block ends at the next line
// starting with the same delimiter. Delimiter lines with trailing junk
// ("---\", "----") are accepted and reported. A block that is never closed
// is reported and the whole file is kept as body, so no text is lost.
func Split(src []byte) (Block, []Problem) {
	src = bytes.TrimPrefix(src, bom)
	blk := Block{Body: src, BodyLine: 1}
	first, rest, ok := opening(src)
	if !ok {
		return blk, nil
	}
	format, openJunk, _ := delimiter(first)
	line := 2
	for off := 0; off < len(rest); line++ {
		l, _, n := cutLine(rest[off:])
		if f, closeJunk, ok := delimiter(l); ok && f == format {
			var probs []Problem
			if p, ok := junkProblem(format, openJunk, closeJunk, line); ok {
				probs = append(probs, p)
			}
			blk.Format = format
			blk.Front = rest[:off]
			blk.FrontLine = 2
			blk.Body = rest[off+n:]
			blk.BodyLine = line + 1
			return blk, probs
		}
		off += n
	}
	return blk, []Problem{{1, fmt.Sprintf("front matter opened by %q is never closed; the whole file is read as the note body", delim(format)), diag.FrontMatter}}
}

// opening returns the first line of src (after a byte order mark) and
// the rest of src when that line opens front matter.
func opening(src []byte) (first, rest []byte, ok bool) {
	first, rest, _ = cutLine(bytes.TrimPrefix(src, bom))
	_, _, ok = delimiter(first)
	return first, rest, ok
}

// cutLine returns the first line of b without its line ending, the rest
// after it, and how many bytes the line took including its ending.
func cutLine(b []byte) (line, rest []byte, n int) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return bytes.TrimSuffix(b, []byte("\r")), nil, len(b)
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], i + 1
}

// delimiter reports whether line is a front matter delimiter and which
// one: it starts with "---" or "+++". Anything after the run of delimiter
// characters other than white space is returned as junk, such as the "\"
// of "---\" or the extra "-" of "----".
func delimiter(line []byte) (f Format, junk string, ok bool) {
	switch {
	case bytes.HasPrefix(line, []byte("---")):
		f = YAML
	case bytes.HasPrefix(line, []byte("+++")):
		f = TOML
	default:
		return None, "", false
	}
	rest := bytes.TrimRight(line[3:], " \t")
	return f, string(rest), true
}

func delim(f Format) string {
	if f == TOML {
		return "+++"
	}
	return "---"
}

// junkProblem reports the junk after the delimiters of a block closed on
// line closing, in one problem: a vault that writes "---\" writes it
// on both lines of every note.
func junkProblem(f Format, open, close string, closing int) (Problem, bool) {
	d := delim(f)
	var msg string
	line := 1
	switch {
	case open == "" && close == "":
		return Problem{}, false
	case close == "":
		msg = fmt.Sprintf("front matter delimiter %q has trailing %q; read as %q", d+open, open, d)
	case open == "":
		line = closing
		msg = fmt.Sprintf("front matter delimiter %q has trailing %q; read as %q", d+close, close, d)
	case open == close:
		msg = fmt.Sprintf("front matter delimiters %q on lines 1 and %d have trailing %q; read as %q", d+open, closing, open, d)
	default:
		msg = fmt.Sprintf("front matter delimiters %q on line 1 and %q on line %d have trailing %q and %q; read as %q", d+open, d+close, closing, open, close, d)
	}
	return Problem{line, msg, diag.Delimiter}, true
}
