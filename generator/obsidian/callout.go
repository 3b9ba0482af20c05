package obsidian

import (
	"maps"
	"strings"
)

// calloutBase maps every callout type Obsidian knows, aliases included,
// to the base type that decides its colour and icon.
var calloutBase = map[string]string{
	"note":     "note",
	"abstract": "abstract", "summary": "abstract", "tldr": "abstract",
	"info": "info",
	"todo": "todo",
	"tip":  "tip", "hint": "tip", "important": "tip",
	"success": "success", "check": "success", "done": "success",
	"question": "question", "help": "question", "faq": "question",
	"warning": "warning", "caution": "warning", "attention": "warning",
	"failure": "failure", "fail": "failure", "missing": "failure",
	"danger": "danger", "error": "danger",
	"bug":     "bug",
	"example": "example",
	"quote":   "quote", "cite": "quote",
}

// CalloutTypes returns Obsidian's base callout types, in the order its
// documentation lists them.
func CalloutTypes() []string {
	return []string{"note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"}
}

// CalloutAliases returns every callout type name Obsidian accepts mapped
// to its base type ("faq" -> "question"). The map is the caller's.
func CalloutAliases() map[string]string {
	return maps.Clone(calloutBase)
}

// CanonicalCallout returns the base type of a callout type, compared
// case-insensitively: "FAQ" -> "question". A type Obsidian does not know
// is styled as a note, as Obsidian does.
func CanonicalCallout(kind string) string {
	if base, ok := calloutBase[strings.ToLower(strings.TrimSpace(kind))]; ok {
		return base
	}
	return "note"
}

// callout lowercases the type of a callout's first line ("[!TIP]") at cs,
// writing it, and returns where the rest of the line starts.
func (w *rewriter) callout(cs, ce int) int {
	src := w.src
	if ce-cs < 4 || src[cs] != '[' || src[cs+1] != '!' {
		return cs
	}
	k := cs + 2
	for k < ce && (isBlockIDByte(src[k]) || src[k] == '_') {
		k++
	}
	if k == cs+2 || k == ce || src[k] != ']' {
		return cs
	}
	w.out = append(w.out, "[!"...)
	w.out = append(w.out, strings.ToLower(string(src[cs+2:k]))...)
	w.out = append(w.out, ']')
	return k + 1
}
