package normalize

import (
	"fmt"
	"sync"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/tags"
)

// An Option changes what NewVault settles.
type Option func(*options)

type options struct {
	language   string
	markBroken bool
}

// MarkBrokenLinks has a wikilink that resolves to nothing written as a
// link to markdown.BrokenLink, which the site marks as broken, instead of
// its plain text (see obsidian.BrokenLinkMarker).
func MarkBrokenLinks(on bool) Option {
	return func(o *options) { o.markBroken = on }
}

// Language prefers titles from questions asked in lang, a BCP 47 tag
// such as "en"; without it, or with "", the language most notes of the
// vault ask in (see settleTitles).
func Language(lang string) Option {
	return func(o *options) { o.language = lang }
}

// NewVault builds the vault-wide view Finish resolves against from every
// scanned draft (nil entries allowed), in the order given, which should be
// source order: the published drafts' titles (settled with what only the
// vault tells, see settleTitles), their index, their tag spellings (pins
// set in spellings win) and the vault's attachments. It returns the
// published drafts, in that order, and the diagnostics of the titles and
// the index (notes of a folder that share a title, URL collisions).
func NewVault(drafts []*Draft, attachments []string, spellings *tags.Spellings, opts ...Option) (*Vault, []*Draft, []diag.Diagnostic) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	var published []*Draft
	bySource := map[string]*Draft{}
	for _, d := range drafts {
		if d == nil || d.Skip {
			continue
		}
		published = append(published, d)
		bySource[d.Source] = d
		for _, t := range d.Tags {
			spellings.Add(t)
		}
	}
	diags := settleTitles(published, o.language)
	entries := make([]*index.Entry, len(published))
	for i, d := range published {
		entries[i] = d.Entry()
	}
	ix, ixDiags := index.Build(entries)
	diags = append(diags, ixDiags...)
	return &Vault{
		Index:       ix,
		Attachments: NewAttachments(attachments),
		Tags:        spellings,
		Parser:      markdown.NewParser(),
		Drafts:      bySource,
		markBroken:  o.markBroken,
	}, published, diags
}

// released tracks the drafts whose Body a single run let go of (see
// Vault.Release).
type released struct {
	mu     sync.Mutex
	reread func(source string) (*Draft, error)
	gone   map[string]bool
}

// ReleaseWith lets Release drop drafts' bodies: reread scans a released
// note again when another note embeds it after its release. A run that
// finishes every note once uses it, so that the whole vault's text is not
// held until the last note is finished; embeds are rare, and reading a
// note again costs less than keeping every note.
func (v *Vault) ReleaseWith(reread func(source string) (*Draft, error)) {
	v.released.mu.Lock()
	defer v.released.mu.Unlock()
	v.released.reread = reread
}

// Release drops the Body of the finished draft of source, when
// ReleaseWith allowed it. The draft must not be finished again.
func (v *Vault) Release(source string) {
	r := &v.released
	r.mu.Lock()
	defer r.mu.Unlock()
	d := v.Drafts[source]
	if r.reread == nil || d == nil {
		return
	}
	if r.gone == nil {
		r.gone = map[string]bool{}
	}
	r.gone[source] = true
	d.Body = nil
}

// draft returns the published draft of source with its Body (read again
// when it was released), or nil when source is not published. The draft
// may be a copy: Release may drop the Body of the original at any time.
func (v *Vault) draft(source string) (*Draft, error) {
	r := &v.released
	r.mu.Lock()
	d := v.Drafts[source]
	if d == nil || !r.gone[source] {
		if d != nil && r.reread != nil {
			c := *d // the Body as it is now, whatever Release does next
			d = &c
		}
		r.mu.Unlock()
		return d, nil
	}
	reread := r.reread
	r.mu.Unlock()
	again, err := reread(source)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s again: %w", source, err)
	}
	// The text read again, with what the vault settled (the title, the
	// opening H1 put back).
	c := *d
	c.Body, c.BodyLine = again.Body, again.BodyLine
	return &c, nil
}
