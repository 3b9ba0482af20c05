package normalize

import (
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/tags"
)

// NewVault builds the vault-wide view Finish resolves against from every
// scanned draft (nil entries allowed), in the order given, which should be
// source order: the index of the published drafts, their tag spellings
// (pins set in spellings win) and the vault's attachments. It returns the
// published drafts, in that order, and the index's diagnostics (URL
// collisions).
func NewVault(drafts []*Draft, attachments []string, spellings *tags.Spellings) (*Vault, []*Draft, []diag.Diagnostic) {
	var published []*Draft
	var entries []*index.Entry
	bySource := map[string]*Draft{}
	for _, d := range drafts {
		if d == nil || d.Skip {
			continue
		}
		published = append(published, d)
		entries = append(entries, d.Entry())
		bySource[d.Source] = d
		for _, t := range d.Tags {
			spellings.Add(t)
		}
	}
	ix, diags := index.Build(entries)
	return &Vault{
		Index:       ix,
		Attachments: NewAttachments(attachments),
		Tags:        spellings,
		Parser:      markdown.NewParser(),
		Drafts:      bySource,
	}, published, diags
}
