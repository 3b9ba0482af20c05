package frontmatter

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/diag"
)

// A note that asks not to be published is never published because its
// front matter is damaged: what cannot be read but mentions a privacy key
// keeps the note back, with an error on the line that mentions it.
func TestPrivateFailsClosed(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		draft bool
		// errLine is the line of the one error expected, 0 for none.
		errLine int
	}{
		// Read cleanly: the value decides, no error.
		{"private true", "---\nprivate: true\n---\nCRIBLEAK\n", true, 0},
		{"private false", "---\nprivate: false\n---\nbody\n", false, 0},
		{"publish false", "---\npublish: false\n---\nCRIBLEAK\n", true, 0},
		{"published no", "---\npublished: no\n---\nCRIBLEAK\n", true, 0},
		{"draft yes in capitals", "---\nDRAFT: YES\n---\nCRIBLEAK\n", true, 0},
		{"empty private", "---\nprivate:\n---\nbody\n", false, 0},
		{"toml draft", "+++\ndraft = true\n+++\nCRIBLEAK\n", true, 0},
		{"nested key is not the note's", "---\nsettings:\n  private: true\n---\nbody\n", false, 0},
		{"visibility public", "---\nvisibility: public\n---\nbody\n", false, 0},
		{"visibility private", "---\nvisibility: Private\n---\nCRIBLEAK\n", true, 0},
		{"visibility hidden", "---\nvisibility: hidden\n---\nCRIBLEAK\n", true, 0},
		{"a duplicate saying private wins", "---\nprivate: true\nprivate: false\n---\nCRIBLEAK\n", true, 0},

		// Values that are not clearly a boolean.
		{"true with a full stop", "---\nprivate: \"true.\"\n---\nCRIBLEAK\n", true, 2},
		{"true in a list", "---\ntitle: x\nprivate: [true]\n---\nCRIBLEAK\n", true, 3},
		{"false in a list", "---\npublish: [false]\n---\nCRIBLEAK\n", true, 2},
		{"a map", "---\ndraft: {a: 1}\n---\nCRIBLEAK\n", true, 2},
		{"a number", "---\ndraft: 2\n---\nCRIBLEAK\n", true, 2},
		{"toml string", "+++\nprivate = \"sure\"\n+++\nCRIBLEAK\n", true, 2},
		{"visibility of another kind", "---\nvisibility: team\n---\nCRIBLEAK\n", true, 2},
		{"visibility as a boolean", "---\nvisibility: false\n---\nCRIBLEAK\n", true, 2},

		// Front matter that cannot be read.
		{"never closed", "---\ntitle: x\nprivate: true\n\n# Heading\nCRIBLEAK\n", true, 3},
		{"never closed, key further down", "---\ntitle: x\n\nsome: thing\n\nPublish: false\nCRIBLEAK\n", true, 6},
		{"toml closed by yaml", "+++\ntitle = 'x'\nprivate = true\n---\nCRIBLEAK\n", true, 3},
		{"yaml closed by toml", "---\ntitle: x\ndraft: true\n+++\nCRIBLEAK\n", true, 3},
		{"does not parse, starts with prose", "---\nA secret note\nprivate: true\n---\nCRIBLEAK\n", true, 3},
		{"a list, not a mapping", "---\n- private: true\n---\nCRIBLEAK\n", true, 2},
		{"a flow mapping", "---\n{title: x, private: true\n---\nCRIBLEAK\n", true, 2},
		{"quoted key in a broken block", "---\ntitle: [x\n\"Private\": true\n---\nCRIBLEAK\n", true, 0},
		{"broken entry", "---\ntitle: x\nprivate: true: really\n---\nCRIBLEAK\n", true, 3},
		{"visibility in broken block", "---\nnope\nVisibility = private\n---\nCRIBLEAK\n", true, 3},
		{"broken toml", "+++\ntitle = \nprivate = true\n+++\nCRIBLEAK\n", true, 0},

		// Ordinary notes keep publishing.
		{"no front matter, prose says private", "# Note\n\nThe private: key hides a note.\nDraft: v2\n", false, 0},
		{"thematic break, no privacy", "---\n## Heading\nText.\n---\nMore.\n", false, 0},
		{"thematic break never closed", "---\n\nJust text after a rule.\n", false, 0},
		{"broken block without a privacy key", "---\ntitle: [x\ntags: a\n---\nbody\n", false, 0},
		{"the word in a value", "---\ntitle: My private notes\ndescription: draft of a talk\n---\nbody\n", false, 0},
		{"a key that only starts like one", "---\ndrafts: true\nprivateish: yes\n---\nbody\n", false, 0},
		{"the word as a value in a broken block", "---\ntitle: \"x\nstatus: draft: maybe\n---\nbody\n", false, 0},
		{"two keys of a flow mapping in a broken block", "---\ntitle: [x\nmeta: {a: 1, Private: true\n---\nCRIBLEAK\n", true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ds := Parse("n.md", []byte(tt.src))
			if res.Meta.Draft != tt.draft {
				t.Errorf("Draft = %v, want %v (%v)", res.Meta.Draft, tt.draft, ds)
			}
			var errs []diag.Diagnostic
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d)
				}
			}
			switch {
			case tt.errLine == 0 && len(errs) > 0:
				t.Errorf("errors %v, want none", errs)
			case tt.errLine > 0 && (len(errs) != 1 || errs[0].Line != tt.errLine || errs[0].Path != "n.md"):
				t.Errorf("errors %v, want one on n.md:%d", errs, tt.errLine)
			case tt.errLine > 0 && !strings.Contains(errs[0].Message, "not published"):
				t.Errorf("error %q does not say the note is not published", errs[0].Message)
			}
		})
	}
}
