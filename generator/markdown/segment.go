package markdown

import "bytes"

// Segment is a run of a note body that is either fenced code or text with
// no fenced code in it. Body normalization rewrites text runs and leaves
// code alone except for the fence's info string.
type Segment struct {
	Fence      bool
	Start, End int // byte offsets into the source; End is exclusive
	Line       int // 1-based line of Start within the source

	// Fence only.
	Prefix             string // indentation and blockquote markers before the opening marker
	Marker             string // the opening run of backticks or tildes
	Info               string // the info string, trimmed
	InfoStart, InfoEnd int    // where the info string sits in the source
	CodeStart, CodeEnd int    // the code between the fence lines
	Closed             bool   // false when the fence runs to the end of the source
}

// Segments splits src into text and fenced-code segments that together
// cover src exactly. Fences are recognized after any indentation and
// blockquote markers, so code inside list items and callouts is protected
// too; an unclosed fence runs to the end, as in CommonMark.
func Segments(src []byte) []Segment {
	// Every fence holds a marker, and text segments lie between fences:
	// twice the markers plus one is room for all of them.
	markers := bytes.Count(src, []byte("```")) + bytes.Count(src, []byte("~~~"))
	segs := make([]Segment, 0, 2*markers+1)
	textStart, textLine := 0, 1
	line := 1
	for pos := 0; pos < len(src); {
		// Only a line holding "```" or "~~~" can open a fence.
		next := lineWith(src, pos, "```", "~~~")
		line += bytes.Count(src[pos:next], []byte{'\n'})
		if pos = next; pos == len(src) {
			break
		}
		end := lineEnd(src, pos)
		prefixLen, marker, ok := openingFence(src[pos:end])
		if !ok {
			pos, line = end, line+1
			continue
		}
		if pos > textStart {
			segs = append(segs, Segment{Start: textStart, End: pos, Line: textLine})
		}
		seg := Segment{Fence: true, Start: pos, Line: line, Prefix: string(src[pos : pos+prefixLen]), Marker: markerString(marker)}
		infoStart := pos + prefixLen + len(marker)
		infoEnd := end
		for infoEnd > infoStart && isSpaceOrNewline(src[infoEnd-1]) {
			infoEnd--
		}
		for infoStart < infoEnd && (src[infoStart] == ' ' || src[infoStart] == '\t') {
			infoStart++
		}
		seg.InfoStart, seg.InfoEnd, seg.Info = infoStart, infoEnd, string(src[infoStart:infoEnd])
		seg.CodeStart = end
		depth := quoteDepth(seg.Prefix)
		pos, line = end, line+1
		seg.CodeEnd, seg.End = len(src), len(src)
		for pos < len(src) {
			// Only a line holding three of the marker's characters can
			// close it.
			next := lineWith(src, pos, seg.Marker[:3])
			line += bytes.Count(src[pos:next], []byte{'\n'})
			if pos = next; pos == len(src) {
				break
			}
			end = lineEnd(src, pos)
			if closingFence(src[pos:end], marker, depth) {
				seg.CodeEnd, seg.End, seg.Closed = pos, end, true
				pos, line = end, line+1
				break
			}
			pos, line = end, line+1
		}
		segs = append(segs, seg)
		textStart, textLine = pos, line
	}
	if textStart < len(src) || len(segs) == 0 {
		segs = append(segs, Segment{Start: textStart, End: len(src), Line: textLine})
	}
	return segs
}

// lineWith returns the start of the first line at or after the line
// start pos that holds one of runs, or len(src).
func lineWith(src []byte, pos int, runs ...string) int {
	first := len(src)
	for _, r := range runs {
		if k := bytes.Index(src[pos:first], []byte(r)); k >= 0 {
			first = pos + k
		}
	}
	if first == len(src) {
		return first
	}
	return bytes.LastIndexByte(src[:first], '\n') + 1
}

// markerString is string(marker) without an allocation for the usual
// markers.
func markerString(marker []byte) string {
	switch string(marker) {
	case "```":
		return "```"
	case "~~~":
		return "~~~"
	}
	return string(marker)
}

func lineEnd(src []byte, pos int) int {
	if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(src)
}

func isSpaceOrNewline(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// containerPrefix returns the length of the leading indentation and
// blockquote markers of a line.
func containerPrefix(line []byte) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	return i
}

func quoteDepth(prefix string) int {
	return bytes.Count([]byte(prefix), []byte{'>'})
}

func openingFence(line []byte) (prefixLen int, marker []byte, ok bool) {
	p := containerPrefix(line)
	rest := line[p:]
	// List markers may precede a fence on the same line ("- ```go"); such
	// code is rare and Hugo treats it as a fence inside the item.
	if len(rest) >= 2 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest[1] == ' ' {
		p += 2 + containerPrefix(rest[2:])
		rest = line[p:]
	}
	n := fenceRun(rest)
	if n < 3 {
		return 0, nil, false
	}
	if rest[0] == '`' && bytes.IndexByte(rest[n:], '`') >= 0 {
		return 0, nil, false // a code span, not a fence
	}
	return p, rest[:n], true
}

func closingFence(line []byte, marker []byte, depth int) bool {
	p := containerPrefix(line)
	rest := line[p:]
	if len(rest) == 0 || rest[0] != marker[0] {
		return false // most lines of code: no need to count quote markers
	}
	if bytes.Count(line[:p], []byte{'>'}) < depth {
		return false
	}
	n := fenceRun(rest)
	if n < len(marker) {
		return false
	}
	return len(bytes.TrimSpace(rest[n:])) == 0
}

func fenceRun(s []byte) int {
	if len(s) == 0 || (s[0] != '`' && s[0] != '~') {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}
