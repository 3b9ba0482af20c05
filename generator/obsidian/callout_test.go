package obsidian

import "testing"

func TestCanonicalCallout(t *testing.T) {
	tests := map[string]string{
		"note": "note", "TIP": "tip", "hint": "tip", "Important": "tip",
		"summary": "abstract", "tldr": "abstract", "check": "success", "done": "success",
		"faq": "question", "help": "question", "caution": "warning", "attention": "warning",
		"fail": "failure", "missing": "failure", "error": "danger", "cite": "quote",
		"bug": "bug", "example": "example", "todo": "todo", "info": "info",
		"custom": "note", "": "note",
	}
	for in, want := range tests {
		if got := CanonicalCallout(in); got != want {
			t.Errorf("CanonicalCallout(%q) = %q, want %q", in, got, want)
		}
	}
	aliases := CalloutAliases()
	for _, base := range CalloutTypes() {
		if aliases[base] != base {
			t.Errorf("base type %q maps to %q", base, aliases[base])
		}
	}
	if len(aliases) != 27 {
		t.Errorf("%d aliases, want 27", len(aliases))
	}
}
