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
