package normalize

import (
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/diag"
)

// TestTemplates pins which notes are templates: those that hold a
// Templater command Obsidian never ran, in their text or more than once
// in their front matter. A command in code is something the note writes
// about, and one in front matter alone is a value its author did not
// fill in.
func TestTemplates(t *testing.T) {
	tests := []struct {
		name, src string
		line      int // of the template warning; 0: published
	}{
		{"one title placeholder in a filled note", "---\ntitle: <% tp.file.title %>\ntags: [linux]\n---\n## Signals\n\nSIGTERM asks.\n", 0},
		{"front matter full of commands", "---\ncreated: <% tp.date.now(\"YYYY-MM-DD\") %>\nupdated: <% tp.date.now() %>\n---\n# Вопрос (RU)\n> \n", 2},
		{"command in a heading", "---\ntags: [go]\n---\n# <% tp.file.title %>\n\ntext\n", 4},
		{"cursor in the text", "Some text.\n\n<% tp.file.cursor() %>\n", 3},
		{"inline in a paragraph", "Created on <% tp.date.now() %> by me.\n", 1},
		{"execution command over lines", "text\n\n<%*\nconst t = await tp.system.prompt(\"Title\")\ntR += t\n%>\n", 3},
		{"dynamic command", "Last edit: <%+ tp.file.last_modified_date() %>\n", 1},
		{"whitespace control", "<%_ tp.file.title _%>\n", 1},
		{"dash whitespace control", "- <%- tp.file.title -%>\n", 1},
		{"execution command without tp", "<%* if (x) { %>\nyes\n<%* } %>\n", 1},
		{"interpolation of tR", "Title: <% tR %>\n", 1},
		{"one in front matter, one in the text", "---\ntitle: <% tp.file.title %>\n---\n<% tp.file.cursor() %>\n", 2},
		{"in a quote", "> <% tp.file.title %>\n", 1},
		{"in a list item", "1. <% tp.date.now() %>\n", 1},

		{"in a code span", "Write `<% tp.file.title %>` to insert the title.\n", 0},
		{"in a double-tick code span", "Write ``<% tp.date.now(\"`Q`\") %>`` for a quarter.\n", 0},
		{"in a fence", "Templater:\n\n```js\n<%* tR += tp.file.title %>\n```\n", 0},
		{"in a tilde fence in a list", "- example:\n  ~~~\n  <% tp.file.title %>\n  ~~~\n", 0},
		{"in indented code", "Example:\n\n    <% tp.file.title %>\n", 0},
		{"in an HTML comment", "<!-- <% tp.file.title %> -->\ntext\n", 0},
		{"in an Obsidian comment", "%% <% tp.file.title %> %%\ntext\n", 0},
		{"a percent after a less-than", "Latency <%5 of requests, and 10%> of nothing.\n", 0},
		{"opened, never closed", "p <% x\n", 0},
		// Other template languages share the brackets; a note about them
		// is not a template, though its author did not quote them.
		{"ERB in the text", "Rails views hold Ruby: <% if admin? %> ... <% end %>.\n", 0},
		{"a JSP scriptlet", "A scriptlet, <% out.println(tp); %>, runs on the server.\n", 0},
		{"EJS", "EJS includes a partial with <%- include('header') %>.\n", 0},
		{"empty brackets", "Scriptlets are written <% %> in JSP.\n", 0},
		{"front matter in code", "```yaml\n---\ncreated: <% tp.date.now() %>\nupdated: <% tp.date.now() %>\n---\n```\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Scan("Notes/n.md", []byte(tt.src), time.Time{})
			var templates []diag.Diagnostic
			for _, g := range d.Diags {
				if g.Kind == diag.Template {
					templates = append(templates, g)
				}
			}
			if tt.line == 0 {
				if d.Skip || len(templates) > 0 {
					t.Errorf("a note taken for a template: skip %v, %v", d.Skip, templates)
				}
				return
			}
			if !d.Skip || len(d.Diags) != 1 || len(templates) != 1 || templates[0].Line != tt.line {
				t.Fatalf("skip %v, diagnostics %v; want one template warning on line %d", d.Skip, d.Diags, tt.line)
			}
			if msg := templates[0].Message; !strings.Contains(msg, "<%") || !strings.Contains(msg, "template") {
				t.Errorf("warning %q", msg)
			}
		})
	}
}

// TestTemplateFrontMatterPlaceholder keeps what a single placeholder in
// a filled note does: the value is left out with a warning, the note is
// published, titled by its file name.
func TestTemplateFrontMatterPlaceholder(t *testing.T) {
	d := Scan("Linux/Processes and Signals.md", []byte("---\ntitle: <% tp.file.title %>\n---\n## 1. PROCESSES\n\ntext\n"), time.Time{})
	if d.Skip || d.Title != "Processes and Signals" || len(d.Diags) != 1 || d.Diags[0].Kind != diag.Placeholder {
		t.Errorf("skip %v, title %q, diagnostics %v", d.Skip, d.Title, d.Diags)
	}
}
