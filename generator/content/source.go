package content

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// SourceLine reads a page Encode wrote (page) and names the vault file
// and line its line number line comes from: the page's params.crib
// source and line (the vault line of the page's first line of text; see
// pipeline). A line of the front matter gives the file and line 0. ok
// is false for a page the generator did not write or that names no
// source.
func SourceLine(page []byte, line int) (source string, vaultLine int, ok bool) {
	if !bytes.HasPrefix(page, []byte("---\n"+GeneratedMarker)) {
		return "", 0, false
	}
	end := bytes.Index(page, []byte("\n---\n"))
	if end < 0 {
		return "", 0, false
	}
	var fm struct {
		Params struct {
			Crib struct {
				Source string `yaml:"source"`
				Line   int    `yaml:"line"`
			} `yaml:"crib"`
		} `yaml:"params"`
	}
	if err := yaml.Unmarshal(page[4:end+1], &fm); err != nil || fm.Params.Crib.Source == "" {
		return "", 0, false
	}
	c := fm.Params.Crib
	// Encode writes a blank line after the front matter, then the text.
	text := bytes.Count(page[:end+5], []byte{'\n'}) + 2
	if line < text || c.Line <= 0 {
		return c.Source, 0, true
	}
	return c.Source, c.Line + line - text, true
}
