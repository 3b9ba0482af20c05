// Package search builds Crib's static full-text index and answers queries
// over it. The index is a set of files under static/search/: a small
// manifest.json (the only fixed name), a term dictionary split into
// shards by sorted term range, posting packs, and fragment files with the
// text shown in results. Every name but the manifest carries a content
// hash, so a redeploy never mixes old and new files.
//
// A query downloads the manifest, the dictionary shards covering its
// words, the posting heads of the matching terms (the highest-scoring
// postings; the rest, a term's tail, only when the heads do not give
// enough results) and the fragments of the results it shows. Query in
// this package is the reference for the browser client in
// themes/crib/assets/js/global/search.js, which follows the same steps.
package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/jsonenc"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/note"
)

// Options tunes the index layout. The zero value gives the defaults.
type Options struct {
	// HeadSize is how many postings of a term are in its head: the
	// postings a query downloads first. Default 512.
	HeadSize int
	// ShardBytes is the target size of a dictionary shard and of a
	// posting pack. Default 8 KiB.
	ShardBytes int
}

// Layout constants shared with the browser client through the manifest.
// A document number is page<<pageBits | section: the client finds a
// result's page and fragment file from the number alone.
const (
	pageBits    = 10   // sections per page: at most 1<<pageBits (the page record is 0)
	fragDocs    = 8    // documents per fragment file
	fragPages   = 2    // pages per fragment hash group (see encode)
	inlineMax   = 4    // posting lists this short live in the dictionary
	textMax     = 3000 // bytes of section text kept for snippets
	introMax    = 400  // bytes of a page's intro kept
	bm25K1      = 1.2
	bm25B       = 0.75
	impactScale = 8 // impact = round(BM25 score * impactScale), 1..255
)

// Dir is where Write puts the index, relative to the site root.
const Dir = "static/search"

// manifestName is the index file a reader opens first (in Dir).
const manifestName = "manifest.json"

func (o Options) withDefaults() Options {
	if o.HeadSize <= 0 {
		o.HeadSize = 512
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 8 << 10
	}
	return o
}

// Write builds the index of notes and writes its files under
// static/search/ through w. Notes must already be filtered: every note
// given is published and searchable.
func Write(ctx context.Context, w content.Writer, notes []*note.Note, opts Options) []diag.Diagnostic {
	idx, err := build(ctx, notes, opts)
	if err != nil {
		return []diag.Diagnostic{diag.Site.Errorf("", 0, "search index: %v", err)}
	}
	// The manifest last: until it is in place, the files it names are new
	// and nothing reads them, so a reader never sees half an index.
	names := idx.Names()
	if i := slices.Index(names, manifestName); i >= 0 {
		names = append(slices.Delete(names, i, i+1), manifestName)
	}
	// Every name but the manifest's carries a hash of the file's bytes,
	// so a file an earlier run wrote under the same name needs neither
	// reading nor writing: after an edit, most of the index is kept.
	k, canKeep := w.(keeper)
	write := func(name string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if canKeep && name != manifestName && k.Keep(Dir+"/"+name) {
			return nil
		}
		return w.WriteFile(Dir+"/"+name, idx.files[name])
	}
	// Tens of thousands of small files: a few at a time, since creating a
	// file costs more waiting on the file system than CPU.
	last := len(names) - 1
	errs := make([]error, max(last, 0))
	parallel.Each(writers, last, func(i int) { errs[i] = write(names[i]) })
	for _, err := range errs {
		if err != nil {
			return []diag.Diagnostic{diag.Site.Errorf("", 0, "search index: %v", err)}
		}
	}
	if last >= 0 {
		if err := write(names[last]); err != nil {
			return []diag.Diagnostic{diag.Site.Errorf("", 0, "search index: %v", err)}
		}
	}
	return nil
}

// writers is how many index files Write writes at once.
const writers = 4

// keeper is a Writer that can keep a file of an earlier run as it is.
type keeper interface {
	// Keep records that the file rel, written by an earlier run, is
	// still wanted unchanged; false when it cannot, and rel must be
	// written.
	Keep(rel string) bool
}

// Build returns the index of notes in memory: its files (Names, File) and
// everything Query needs.
func Build(notes []*note.Note, opts Options) (*Index, error) {
	return build(context.Background(), notes, opts)
}

// posting is one document's score for one term, quantized to a byte.
type posting struct {
	doc    int32
	impact uint8
}

// termInfo is one dictionary entry as the client sees it.
type termInfo struct {
	term string
	df   int
	head []posting // sorted by doc
	tail []posting // sorted by doc; nil when the head holds every posting

	// Where the client finds them: the posting packs of the head (""
	// when inline) and tail.
	headFile, tailFile string
}

// Doc is the display data of one search record, as stored in fragments
// (see appendFragment).
type Doc struct {
	URL      string   // relative to the site root
	Title    string   // page title
	Headings []string // heading path; empty for a page
	Tags     []string
	Text     string // section text or page intro, maybe cut
}

// Index is a built or loaded search index.
type Index struct {
	files map[string][]byte
	terms []termInfo // sorted by term
	pages [][]Doc    // the documents of each page; doc number page<<pageBits | i
	tags  map[string]tagInfo

	shards   [][2]string // first term and file of each dictionary shard
	frags    []string    // hash of each fragment group
	tagsFile string
}

// tagInfo is one tag: its display name, page count, and the pages
// carrying it as [start, end) ranges, flattened. The tag file lists names,
// counts and the file holding each tag's ranges, so that a filter
// downloads only its own tag's pages.
type tagInfo struct {
	Name   string  `json:"n"`
	Pages  int     `json:"p"`
	File   string  `json:"f"`
	Ranges []int32 `json:"-"`
}

// Names returns the index's file names (relative to static/search/), sorted.
func (x *Index) Names() []string {
	names := make([]string, 0, len(x.files))
	for n := range x.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// File returns the bytes of one file of the index.
func (x *Index) File(name string) []byte { return x.files[name] }

// Docs returns the number of search records (pages plus sections).
func (x *Index) Docs() int {
	n := 0
	for _, p := range x.pages {
		n += len(p)
	}
	return n
}

// doc returns the display data of document number id, or nil.
func (x *Index) doc(id int32) *Doc {
	p, s := int(id>>pageBits), int(id&(1<<pageBits-1))
	if p >= len(x.pages) || s >= len(x.pages[p]) {
		return nil
	}
	return &x.pages[p][s]
}

// Terms returns the number of distinct indexed terms.
func (x *Index) Terms() int { return len(x.terms) }

// logged is one entry of a worker's posting log: a term of a document
// and its boosted term frequency.
type logged struct {
	term int32 // local to the worker
	doc  int32 // page<<pageBits | section
	wtf  float32
}

// analyzer tokenizes documents on one goroutine. It numbers terms
// locally, so that a term string is hashed once per token and the workers
// share nothing, and appends every (term, document) pair to its log.
type analyzer struct {
	z    tokenizer
	ids  termTable
	strs []string
	last []lastSeen // per term: the document that last saw it, and its log entry
	docN int32
	log  []logged

	// memo holds the terms of the short texts every section of a page
	// repeats (page title, parent headings, tags), for the current page.
	memo     map[string]memoTerms
	memoPage int

	buf   bytes.Buffer    // scratch for documents
	arena strings.Builder // term text, see intern

	// Scratch for noteTerms: each term's number in the note (local) when
	// its localMark is the note's epoch; each term of a note's number
	// here (lookup).
	local, localMark []int32
	epoch            int32
	lookup           []int32
	termBuf, hitBuf  []byte
	inDoc            [][2]uint32 // a document's terms: number in the note, boosted frequency
}

// lastSeen is, for one term, the document (a count of the worker's
// documents) that last saw it and its log entry for that document: one
// word, so that a token touches one place for both.
type lastSeen struct{ doc, entry int32 }

type memoTerms struct {
	ids   []int32 // one per token, repeats kept
	words float32 // whole words, for the document length
}

func newAnalyzer() *analyzer {
	return &analyzer{ids: newTermTable(), memo: map[string]memoTerms{}, memoPage: -1}
}

// id returns the local id of a term, numbering it when new.
func (a *analyzer) id(tok []byte) int32 {
	if id, ok := a.ids.find(tok, a.strs); ok {
		return id
	}
	id := int32(len(a.strs))
	s := a.intern(tok)
	a.ids.add(s, id, a.strs)
	a.strs = append(a.strs, s)
	a.last = append(a.last, lastSeen{})
	return id
}

// termTable maps a worker's terms to their ids, looked up once per token.
// It is a map[string]int32 made for that: open addressing with linear
// probing over one array of words, each holding the high half of the
// term's hash and its id plus one (0 is an empty slot), so that a probe
// reads the term text only when the hash halves agree. The text is the
// worker's strs.
type termTable struct {
	seed  maphash.Seed
	slots []uint64
	n     int
}

func newTermTable() termTable {
	return termTable{seed: maphash.MakeSeed(), slots: make([]uint64, 1<<12)}
}

// find returns the id of tok, if it has one.
func (t *termTable) find(tok []byte, strs []string) (int32, bool) {
	h := maphash.Bytes(t.seed, tok)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if s>>32 == h>>32 {
			if id := int32(uint32(s)) - 1; strs[id] == string(tok) {
				return id, true
			}
		}
	}
}

// add numbers the new term s id, growing the table past half full.
func (t *termTable) add(s string, id int32, strs []string) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]uint64, 2*len(old))
		for _, e := range old {
			if e != 0 {
				t.put(maphash.String(t.seed, strs[int32(uint32(e))-1]), uint64(uint32(e)))
			}
		}
	}
	t.put(maphash.String(t.seed, s), uint64(id)+1)
	t.n++
}

// put stores the id-plus-one e of a term with hash h in a free slot.
func (t *termTable) put(h, e uint64) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h>>32<<32 | e
}

// intern returns tok as a string cut from the analyzer's arena: one
// allocation per 64 KiB of term text rather than one per term. A
// strings.Builder never changes bytes it has written, so earlier strings
// stay valid when the next chunk starts.
func (a *analyzer) intern(tok []byte) string {
	const chunk = 64 << 10
	if a.arena.Len()+len(tok) > a.arena.Cap() {
		a.arena = strings.Builder{}
		a.arena.Grow(max(chunk, len(tok)))
	}
	start := a.arena.Len()
	a.arena.Write(tok)
	return a.arena.String()[start:]
}

// count adds one occurrence of term id in document doc, weighted by boost.
func (a *analyzer) count(doc int32, id int32, boost float32) {
	l := &a.last[id]
	if l.doc != a.docN {
		*l = lastSeen{a.docN, int32(len(a.log))}
		a.log = append(a.log, logged{term: id, doc: doc})
	}
	a.log[l.entry].wtf += boost
}

// field tokenizes one text of a field of document doc and returns how
// many words it adds to the document's length. Texts every section of a
// page repeats are tokenized once per page.
func (a *analyzer) field(doc int32, t string, field int, repeated bool) float32 {
	boost := float32(fieldBoost[field])
	if !repeated {
		var words float32
		a.z.scan(t, true, func(tok []byte, _ int, part bool) {
			if !part {
				words++
			}
			a.count(doc, a.id(tok), boost)
		})
		return words
	}
	m, ok := a.memo[t]
	if !ok {
		a.z.scan(t, true, func(tok []byte, _ int, part bool) {
			if !part {
				m.words++
			}
			m.ids = append(m.ids, a.id(tok))
		})
		a.memo[t] = m
	}
	for _, id := range m.ids {
		a.count(doc, id, boost)
	}
	return m.words
}

// analyze logs the terms of one document, field by field, and returns
// its length in words. A section's own heading is its title and the page
// title joins its heading path, so "docker" finds the Docker page first
// and "cgroups" the section about cgroups.
func (a *analyzer) analyze(d *document, doc int32) float32 {
	a.docN++
	if d.page != a.memoPage {
		clear(a.memo)
		a.memoPage = d.page
	}
	var dl float32
	if len(d.headings) == 0 {
		dl += a.field(doc, d.title, fieldTitle, false)
	} else {
		dl += a.field(doc, d.headings[len(d.headings)-1], fieldTitle, false)
		dl += a.field(doc, d.title, fieldHeadings, true)
		for _, h := range d.headings[:len(d.headings)-1] {
			dl += a.field(doc, h, fieldHeadings, true)
		}
	}
	for _, t := range d.tags {
		dl += a.field(doc, t, fieldTags, true)
	}
	for _, t := range d.aliases {
		dl += a.field(doc, t, fieldTags, true)
	}
	dl += a.field(doc, d.text, fieldBody, false)
	return dl
}

// noteTerms is what the analysis of one note's documents yields, kept on
// the note (note.Memo) so that a rebuild tokenizes only the notes that
// changed. It is compact, since a preview server keeps it for every
// note: the note's distinct terms once, and per document the numbers of
// its terms in that list with their boosted frequencies, as uvarints.
type noteTerms struct {
	// terms is each distinct term in sorted order, front-coded: the
	// length of the prefix it shares with the term before, the length
	// of the rest, as uvarints, then the rest.
	terms []byte
	// hits is, per document, its number of distinct terms, then for each
	// in order of their numbers in terms the difference from the number
	// before (from 0 for the first) and its boosted frequency (field
	// boosts are whole numbers, so their sum is one too).
	hits []byte
	// dls is each document's length in words.
	dls []float32
}

// Memo keys: a note's noteTerms, and the mark that an index build has
// seen the note before. Terms are kept from a note's second build on:
// a single build, which lets go of its memos when done, never pays for
// them.
const (
	termsKey = "search.terms"
	seenKey  = "search.seen"
)

// analyzeNote logs the terms of the documents ds of page page and
// returns their lengths in words. A note an earlier build has seen has
// its terms memoized, and only a note without them is tokenized.
func (a *analyzer) analyzeNote(n *note.Note, ds []document, page int) []float32 {
	first := false
	note.Memo(n, seenKey, func() bool { first = true; return true })
	if first {
		return a.tokenize(ds, page)
	}
	fresh := false
	nt := note.Memo(n, termsKey, func() *noteTerms {
		fresh = true
		start := len(a.log)
		dls := a.tokenize(ds, page)
		return a.termsOf(a.log[start:], dls)
	})
	if !fresh {
		a.add(nt, page)
	}
	return nt.dls
}

// tokenize logs the terms of the documents ds of page page.
func (a *analyzer) tokenize(ds []document, page int) []float32 {
	dls := make([]float32, len(ds))
	for k := range ds {
		dls[k] = a.analyze(&ds[k], int32(page)<<pageBits|int32(k))
	}
	return dls
}

// termsOf returns the noteTerms of one page's log entries, which are in
// document order, and its documents' lengths.
func (a *analyzer) termsOf(log []logged, dls []float32) *noteTerms {
	if len(a.local) < len(a.strs) {
		a.local = append(a.local, make([]int32, len(a.strs)-len(a.local))...)
		a.localMark = append(a.localMark, make([]int32, len(a.strs)-len(a.localMark))...)
	}
	// The note's distinct terms, sorted: a.local[id] is a term's number
	// among them when a.localMark[id] is this note's epoch.
	a.epoch++
	ids := a.lookup[:0]
	for _, e := range log {
		if a.localMark[e.term] != a.epoch {
			a.localMark[e.term] = a.epoch
			ids = append(ids, e.term)
		}
	}
	slices.SortFunc(ids, func(x, y int32) int { return strings.Compare(a.strs[x], a.strs[y]) })
	terms, prev := a.termBuf[:0], ""
	for k, id := range ids {
		a.local[id] = int32(k)
		s := a.strs[id]
		p := 0
		for p < len(s) && p < len(prev) && s[p] == prev[p] {
			p++
		}
		terms = binary.AppendUvarint(terms, uint64(p))
		terms = binary.AppendUvarint(terms, uint64(len(s)-p))
		terms = append(terms, s[p:]...)
		prev = s
	}
	a.lookup = ids

	hits := a.hitBuf[:0]
	for k := range dls {
		doc := log
		if len(log) > 0 {
			d := log[0].doc
			i := 0
			for i < len(log) && log[i].doc == d {
				i++
			}
			if int(d&(1<<pageBits-1)) == k {
				doc, log = log[:i], log[i:]
			} else {
				doc = nil
			}
		}
		ins := a.inDoc[:0]
		for _, e := range doc {
			ins = append(ins, [2]uint32{uint32(a.local[e.term]), uint32(e.wtf)})
		}
		// In order of their numbers, each as the difference from the
		// one before: mostly one byte.
		slices.SortFunc(ins, func(x, y [2]uint32) int { return cmp.Compare(x[0], y[0]) })
		hits = binary.AppendUvarint(hits, uint64(len(ins)))
		prev := uint32(0)
		for _, in := range ins {
			hits = binary.AppendUvarint(hits, uint64(in[0]-prev))
			hits = binary.AppendUvarint(hits, uint64(in[1]))
			prev = in[0]
		}
		a.inDoc = ins
	}
	// Copies cut to size: the memo keeps them.
	nt := &noteTerms{terms: bytes.Clone(terms), hits: bytes.Clone(hits), dls: dls}
	a.termBuf, a.hitBuf = terms, hits
	return nt
}

// add logs the terms of page page from its noteTerms.
func (a *analyzer) add(nt *noteTerms, page int) {
	a.lookup = a.lookup[:0]
	term := a.termBuf[:0]
	for t := nt.terms; len(t) > 0; {
		p, k1 := binary.Uvarint(t)
		l, k2 := binary.Uvarint(t[k1:])
		t = t[k1+k2:]
		term = append(term[:p], t[:l]...)
		t = t[l:]
		a.lookup = append(a.lookup, a.id(term))
	}
	a.termBuf = term
	h := nt.hits
	for k := range nt.dls {
		doc := int32(page)<<pageBits | int32(k)
		n, w := binary.Uvarint(h)
		h = h[w:]
		id := uint64(0)
		for range n {
			delta, w1 := binary.Uvarint(h)
			tf, w2 := binary.Uvarint(h[w1:])
			h = h[w1+w2:]
			id += delta
			a.log = append(a.log, logged{term: a.lookup[id], doc: doc, wtf: float32(tf)})
		}
	}
}

// rawPosting is a logged entry once grouped by term.
type rawPosting struct {
	doc int32
	wtf float32
}

// postings sorts the worker's log by term (a counting sort, stable, so
// each term's postings stay in document order) and returns them with
// each local term's start in them (len(strs)+1 offsets).
func (a *analyzer) postings() ([]rawPosting, []int32) {
	off := make([]int32, len(a.strs)+1)
	for _, e := range a.log {
		off[e.term+1]++
	}
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	out := make([]rawPosting, len(a.log))
	next := slices.Clone(off[:len(off)-1])
	for _, e := range a.log {
		out[next[e.term]] = rawPosting{e.doc, e.wtf}
		next[e.term]++
	}
	a.log = nil
	return out, off
}

func build(ctx context.Context, notes []*note.Note, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	sorted := slices.Clone(notes)
	slices.SortStableFunc(sorted, note.CompareSiteOrder)

	// Cut notes into documents and log their terms, each worker taking
	// the next note: a worker's log is in document order, and document
	// numbers (page<<pageBits | section) do not depend on scheduling.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(sorted)))
	analyzers := make([]*analyzer, workers)
	docs := make([][]document, len(sorted))
	dls := make([][]float32, len(sorted))
	// About one log entry per eight bytes of Markdown: sized at one per
	// seven once, the logs rarely grow.
	var textBytes int
	for _, n := range sorted {
		textBytes += len(n.Body)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range analyzers {
		a := newAnalyzer()
		a.log = make([]logged, 0, textBytes/7/workers+1024)
		analyzers[w] = a
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(sorted); i = int(next.Add(1) - 1) {
				if ctx.Err() != nil {
					return
				}
				ds := pageDocuments(sorted[i], i, &a.buf)
				docs[i], dls[i] = ds, a.analyzeNote(sorted[i], ds, i)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Each worker's postings grouped by term, and its terms in order.
	parts := make([]workerPart, workers)
	parallel.Each(0, workers, func(w int) {
		a := analyzers[w]
		p := workerPart{strs: a.strs, order: make([]int32, len(a.strs))}
		for i := range p.order {
			p.order[i] = int32(i)
		}
		slices.SortFunc(p.order, func(x, y int32) int { return strings.Compare(a.strs[x], a.strs[y]) })
		p.posts, p.off = a.postings()
		parts[w] = p
		analyzers[w] = nil // its term map is no longer needed
	})

	// Merge the workers' sorted term lists: refs[i*workers+w] is term i's
	// local id in worker w, or -1.
	var (
		termStrs []string
		refs     []int32
		dfs      []int32
	)
	pos := make([]int, workers)
	for {
		best := -1
		for w := range parts {
			if pos[w] < len(parts[w].order) && (best < 0 ||
				parts[w].strs[parts[w].order[pos[w]]] < parts[best].strs[parts[best].order[pos[best]]]) {
				best = w
			}
		}
		if best < 0 {
			break
		}
		t := parts[best].strs[parts[best].order[pos[best]]]
		termStrs = append(termStrs, t)
		df := int32(0)
		for w := range parts {
			lid := int32(-1)
			if pos[w] < len(parts[w].order) && parts[w].strs[parts[w].order[pos[w]]] == t {
				lid = parts[w].order[pos[w]]
				pos[w]++
				df += parts[w].off[lid+1] - parts[w].off[lid]
			}
			refs = append(refs, lid)
		}
		dfs = append(dfs, df)
	}

	// Score: BM25 over boosted term frequencies, quantized to a byte so
	// that the browser only adds small integers.
	var n, avgdl float64
	for _, ls := range dls {
		n += float64(len(ls))
		for _, dl := range ls {
			avgdl += float64(dl)
		}
	}
	if n > 0 {
		avgdl /= n
	}
	if avgdl == 0 {
		avgdl = 1
	}
	// Each document's length norm, in one array: document k of page p
	// is at pageStart[p]+k.
	pageStart := make([]int32, len(dls)+1)
	for p, ls := range dls {
		pageStart[p+1] = pageStart[p] + int32(len(ls))
	}
	norms := make([]float64, pageStart[len(dls)])
	for p, ls := range dls {
		for k, dl := range ls {
			norms[int(pageStart[p])+k] = bm25K1 * (1 - bm25B + bm25B*float64(dl)/avgdl)
		}
	}
	// Every term's postings live in one array, head then tail.
	start := make([]int, len(termStrs)+1)
	for i, df := range dfs {
		start[i+1] = start[i] + int(df)
	}
	all := make([]posting, start[len(termStrs)])
	type scratch struct {
		merged []rawPosting
		lists  [][]rawPosting
		tail   []posting
	}
	scratches := make([]scratch, workers)
	terms := make([]termInfo, len(termStrs))
	var nextTerm atomic.Int64
	var wg2 sync.WaitGroup
	for w := range workers {
		wg2.Go(func() {
			const batch = 64 // terms claimed at a time
			for lo := int(nextTerm.Add(batch) - batch); lo < len(terms); lo = int(nextTerm.Add(batch) - batch) {
				for i := lo; i < min(lo+batch, len(terms)); i++ {
					sc := &scratches[w]
					ps, lists := mergePostings(sc.merged[:0], sc.lists, parts, refs[i*workers:(i+1)*workers])
					sc.merged, sc.lists = ps, lists
					df := float64(len(ps))
					idf := math.Log(1 + (n-df+0.5)/(df+0.5))
					scored := all[start[i]:start[i+1]:start[i+1]]
					for k, p := range ps {
						tf := float64(p.wtf)
						norm := norms[pageStart[p.doc>>pageBits]+p.doc&(1<<pageBits-1)]
						s := idf * tf * (bm25K1 + 1) / (tf + norm)
						scored[k] = posting{p.doc, uint8(min(255, max(1, math.Round(s*impactScale))))}
					}
					ti := termInfo{term: termStrs[i], df: len(ps)}
					ti.head, ti.tail, sc.tail = splitHead(scored, opts.HeadSize, sc.tail)
					terms[i] = ti
				}
			}
		})
	}
	wg2.Wait()

	idx := &Index{files: map[string][]byte{}, terms: terms, pages: make([][]Doc, len(sorted))}
	for p, ds := range docs {
		out := make([]Doc, len(ds))
		for k := range ds {
			out[k] = displayDoc(&ds[k])
		}
		idx.pages[p] = out
	}
	idx.tags = tagRanges(sorted)
	if err := idx.encode(opts); err != nil {
		return nil, err
	}
	return idx, nil
}

// workerPart is one worker's share of the index: its terms, their order,
// and its postings grouped by term (term l's are posts[off[l]:off[l+1]]).
type workerPart struct {
	strs  []string
	order []int32 // local ids sorted by term
	posts []rawPosting
	off   []int32
}

// mergePostings appends to dst the postings of one term from every
// worker (refs[w] is its local id there, or -1), in document order. The
// workers' documents are disjoint and each one's postings are in order.
// lists is scratch space for the workers' lists, returned for reuse.
func mergePostings(dst []rawPosting, lists [][]rawPosting, parts []workerPart, refs []int32) ([]rawPosting, [][]rawPosting) {
	lists = lists[:0]
	for w, lid := range refs {
		if lid >= 0 {
			lists = append(lists, parts[w].posts[parts[w].off[lid]:parts[w].off[lid+1]])
		}
	}
	if len(lists) == 1 {
		return append(dst, lists[0]...), lists
	}
	for {
		best := -1
		for l, ps := range lists {
			if len(ps) > 0 && (best < 0 || ps[0].doc < lists[best][0].doc) {
				best = l
			}
		}
		if best < 0 {
			return dst, lists
		}
		dst = append(dst, lists[best][0])
		lists[best] = lists[best][1:]
	}
}

// splitHead keeps the size highest-impact postings (ties: lower doc) as
// the head and the rest as the tail, both sorted by doc like ps. Impacts
// are bytes, so a histogram finds the cut in one pass. The head and tail
// are ps itself, reordered in place; tmp is scratch space, returned for
// reuse.
func splitHead(ps []posting, size int, tmp []posting) (head, tail, _ []posting) {
	if len(ps) <= size {
		return ps, nil, tmp
	}
	var hist [256]int
	for _, p := range ps {
		hist[p.impact]++
	}
	// Every posting above cut is in the head, and the first room
	// postings at cut.
	cut, above := 255, 0
	for ; cut > 0 && above+hist[cut] < size; cut-- {
		above += hist[cut]
	}
	room := size - above
	h := 0
	tmp = tmp[:0]
	for _, p := range ps {
		switch {
		case p.impact > uint8(cut):
			ps[h] = p
			h++
		case p.impact == uint8(cut) && room > 0:
			ps[h] = p
			h++
			room--
		default:
			tmp = append(tmp, p)
		}
	}
	copy(ps[h:], tmp)
	return ps[:h:h], ps[h:], tmp
}

func displayDoc(d *document) Doc {
	out := Doc{URL: d.url, Title: d.title, Headings: d.headings, Tags: d.tags}
	if len(d.headings) == 0 {
		out.Text = truncate(d.text, introMax)
	} else {
		out.Text = truncate(d.text, textMax)
	}
	return out
}

// tagRanges maps each folded tag, and each ancestor of a nested tag
// ("interview/devops" also files under "interview"), to the pages
// carrying it, as page ranges.
func tagRanges(notes []*note.Note) map[string]tagInfo {
	tags := map[string]tagInfo{}
	for page, n := range notes {
		p := int32(page)
		for _, t := range n.Tags {
			display := strings.Split(strings.TrimPrefix(strings.TrimSpace(t), "#"), "/")
			parts := strings.Split(FoldTag(t), "/")
			for k := range parts {
				key := strings.Join(parts[:k+1], "/")
				ti, ok := tags[key]
				if !ok {
					ti.Name = strings.Join(display[:min(k+1, len(display))], "/")
				}
				r := ti.Ranges
				switch {
				case len(r) > 0 && r[len(r)-1] == p+1: // already counted
					continue
				case len(r) > 0 && r[len(r)-1] == p:
					r[len(r)-1] = p + 1
				default:
					ti.Ranges = append(r, p, p+1)
				}
				ti.Pages++
				tags[key] = ti
			}
		}
	}
	return tags
}

// shardEntryBytes estimates the bytes of a term's dictionary entry:
// ["term",df,head,tail], the head inline base64 (about four characters a
// posting) or a length.
func shardEntryBytes(t termInfo, opts Options) int {
	n := len(t.term) + 10
	if t.df <= inlineMax {
		n += 4 * t.df
	}
	if t.df > opts.HeadSize {
		n += 6
	}
	return n
}

// hashName returns a short content hash for file names.
func hashName(b ...[]byte) string {
	h := sha256.New()
	for _, p := range b {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// encodePostings appends the posting list ps to out: per posting the
// document number's difference from the previous one as a uvarint, then
// the impact byte.
func encodePostings(out []byte, ps []posting) []byte {
	prev := int32(0)
	for _, p := range ps {
		out = binary.AppendUvarint(out, uint64(p.doc-prev))
		out = append(out, p.impact)
		prev = p.doc
	}
	return out
}

// appendFragment appends the fragment file of docs, records of one page
// whose own URL is page. What every record of a page shares is written
// once: {"u":page URL,"t":title,"g":[tags],"h":[headings],"d":[record,...]}
// where a record is [anchor, [heading indexes], text]: its URL is the
// page URL plus "#anchor" (none when ""), its heading path the listed
// entries of "h" (none for the page record).
func appendFragment(b []byte, page string, docs []Doc) []byte {
	first := docs[0]
	b = append(b, `{"u":`...)
	b = jsonenc.AppendString(b, page)
	b = append(b, `,"t":`...)
	b = jsonenc.AppendString(b, first.Title)
	if len(first.Tags) > 0 {
		b = append(b, `,"g":`...)
		b = jsonenc.AppendStrings(b, first.Tags)
	}
	var heads []string
	at := map[string]int{}
	for _, d := range docs {
		for _, h := range d.Headings {
			if _, ok := at[h]; !ok {
				at[h] = len(heads)
				heads = append(heads, h)
			}
		}
	}
	if len(heads) > 0 {
		b = append(b, `,"h":`...)
		b = jsonenc.AppendStrings(b, heads)
	}
	b = append(b, `,"d":[`...)
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = jsonenc.AppendString(b, strings.TrimPrefix(strings.TrimPrefix(d.URL, page), "#"))
		b = append(b, ",["...)
		for k, h := range d.Headings {
			if k > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(at[h]), 10)
		}
		b = append(b, "],"...)
		b = jsonenc.AppendString(b, d.Text)
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// Kinds of posting blob: heads and tails fill packs of their own.
const (
	packHead = iota
	packTail
)

// packer places the posting blobs of one shard, in order, into packs of
// at most limit bytes (a larger blob gets a pack to itself). The
// encoder, Load and the browser client place the same lengths in the
// same order, so a shard stores lengths, not positions.
type packer struct {
	limit int
	sizes []int  // bytes in each pack so far
	open  [2]int // the pack each kind fills, -1 for none yet
}

func newPacker(limit int) *packer { return &packer{limit: limit, open: [2]int{-1, -1}} }

// place returns where a blob of n bytes of a kind goes: [pack, offset, n].
func (p *packer) place(kind, n int) [3]int {
	i := p.open[kind]
	if i < 0 || p.sizes[i]+n > p.limit {
		i = len(p.sizes)
		p.sizes = append(p.sizes, 0)
		p.open[kind] = i
	}
	ref := [3]int{i, p.sizes[i], n}
	p.sizes[i] += n
	return ref
}

// manifest is manifest.json: everything a client needs to find the other
// files.
type manifest struct {
	Version   int `json:"v"`
	Pages     int `json:"pages"`
	PageBits  int `json:"pageBits"`
	FragDocs  int `json:"fragDocs"`
	FragPages int `json:"fragPages"`
	PackBytes int `json:"packBytes"` // the packer's limit
	// Dict is [first term, file] per shard. Each shard is named by its
	// own hash, so that an edit renames only the shards it changes: a
	// preview server rebuilds the whole site when many files change at
	// once.
	Dict [][2]string `json:"dict"`
	Frag []string    `json:"frag"` // hash per group of fragPages pages
	Tags string      `json:"tags"` // file
}

// encode lays the index out as files.
func (x *Index) encode(opts Options) error {
	m := manifest{Version: 4, Pages: len(x.pages), PageBits: pageBits, FragDocs: fragDocs, FragPages: fragPages, PackBytes: opts.ShardBytes}

	// Dictionary shards, each with its own posting packs, cut serially
	// and encoded in parallel.
	var bounds []int
	for start := 0; start < len(x.terms); {
		end, size := start, 0
		for end < len(x.terms) && (size < opts.ShardBytes || end == start) {
			size += shardEntryBytes(x.terms[end], opts)
			end++
		}
		bounds = append(bounds, start)
		start = end
	}
	bounds = append(bounds, len(x.terms))
	shards := make([]encoded, len(bounds)-1)
	parallel.Each(0, len(shards), func(i int) {
		shards[i] = encodeShard(x.terms[bounds[i]:bounds[i+1]], opts)
	})
	x.shards = make([][2]string, len(shards))
	for i, sh := range shards {
		if sh.err != nil {
			return sh.err
		}
		x.shards[i] = [2]string{x.terms[bounds[i]].term, "d/" + hashName(sh.data) + ".json"}
		m.Dict = append(m.Dict, x.shards[i])
		x.files[x.shards[i][1]] = sh.data
		for _, f := range sh.files {
			x.files[f.name] = f.data
		}
	}

	// Fragments: fragDocs records of one page per file, named
	// f/<hash>-<page>-<n>.json, where the hash covers the fragments of
	// fragPages pages: a small group, since an edit renames every file of
	// the group and Hugo's server rebuilds the whole site when more than
	// 50 files change at once; a hash per page would make the manifest
	// large. See appendFragment for their layout.
	groups := make([]encoded, (len(x.pages)+fragPages-1)/fragPages)
	parallel.Each(0, len(groups), func(gi int) {
		g := gi * fragPages
		var names []string
		var frags [][]byte
		for p := g; p < min(g+fragPages, len(x.pages)); p++ {
			docs := x.pages[p]
			for k := 0; k < len(docs); k += fragDocs {
				part := docs[k:min(k+fragDocs, len(docs))]
				size := 256
				for _, d := range part {
					size += len(d.Text) + len(d.URL) + 16
					for _, h := range d.Headings {
						size += len(h) + 4
					}
				}
				size += size / 16 // escapes
				b := appendFragment(make([]byte, 0, size), docs[0].URL, part)
				names = append(names, fmt.Sprintf("-%d-%d.json", p, k/fragDocs))
				frags = append(frags, b)
			}
		}
		// Eight hex digits are plenty to tell one version of a group from
		// the next, and the manifest holds one per group.
		h := hashName(frags...)[:8]
		groups[gi].name = h
		for i, b := range frags {
			groups[gi].files = append(groups[gi].files, file{"f/" + h + names[i], b})
		}
	})
	for _, g := range groups {
		if g.err != nil {
			return g.err
		}
		m.Frag = append(m.Frag, g.name)
		for _, f := range g.files {
			x.files[f.name] = f.data
		}
	}

	// Each tag's ranges go to their own file, delta-encoded: start minus
	// the previous end, then length.
	for key, ti := range x.tags {
		deltas := make([]int32, len(ti.Ranges))
		prev := int32(0)
		for i := 0; i+1 < len(ti.Ranges); i += 2 {
			deltas[i], deltas[i+1] = ti.Ranges[i]-prev, ti.Ranges[i+1]-ti.Ranges[i]
			prev = ti.Ranges[i+1]
		}
		b, err := jsonenc.Marshal(deltas)
		if err != nil {
			return err
		}
		ti.File = "t/" + hashName(b) + ".json"
		x.files[ti.File] = b
		x.tags[key] = ti
	}
	tb, err := jsonenc.Marshal(x.tags)
	if err != nil {
		return err
	}
	m.Tags = "tags-" + hashName(tb) + ".json"
	x.files[m.Tags] = tb
	x.frags, x.tagsFile = m.Frag, m.Tags

	mb, err := jsonenc.Marshal(m)
	if err != nil {
		return err
	}
	x.files[manifestName] = mb
	return nil
}

// encodeShard writes one dictionary shard and its posting packs, and
// returns the shard's file name. An entry is [term, df, head, tail?]:
// head is base64 posting bytes inline, or [pack, offset, length]; tail,
// when present, is [pack, offset, length].
func encodeShard(terms []termInfo, opts Options) (out encoded) {
	pk := newPacker(opts.ShardBytes)
	var packs [][]byte
	place := func(kind int, blob []byte) [3]int {
		ref := pk.place(kind, len(blob))
		if ref[0] == len(packs) {
			packs = append(packs, nil)
		}
		packs[ref[0]] = append(packs[ref[0]], blob...)
		return ref
	}
	type entry struct {
		term       string
		df         int
		inline     []byte // base64 of the head, when inline
		head, tail [3]int // [pack, offset, length]; pack -1 when absent
	}
	entries := make([]entry, len(terms))
	var blob, inline []byte // scratch; inline entries share one buffer
	for i, t := range terms {
		e := entry{term: t.term, df: t.df, head: [3]int{-1}, tail: [3]int{-1}}
		blob = encodePostings(blob[:0], t.head)
		if t.df <= inlineMax {
			e.inline = base64.StdEncoding.AppendEncode(inline, blob)
			inline = e.inline[len(e.inline):]
		} else {
			e.head = place(packHead, blob)
		}
		if t.tail != nil {
			blob = encodePostings(blob[:0], t.tail)
			e.tail = place(packTail, blob)
		}
		entries[i] = e
	}
	names := make([]string, len(packs))
	for i, p := range packs {
		names[i] = "p/" + hashName(p) + ".bin"
		out.files = append(out.files, file{names[i], p})
	}
	for i, e := range entries {
		if e.head[0] >= 0 {
			terms[i].headFile = names[e.head[0]]
		}
		if e.tail[0] >= 0 {
			terms[i].tailFile = names[e.tail[0]]
		}
	}
	// {"packs":[...],"terms":[[term,df,head,tail?],...]}, written by hand:
	// the shards are most of the index's JSON. head is the base64 of an
	// inline head or the length of a packed one, tail a length: a reader
	// finds the pack and offset by placing the lengths in order as the
	// packer did.
	b := make([]byte, 0, opts.ShardBytes+opts.ShardBytes/2)
	b = append(b, `{"packs":[`...)
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonenc.AppendString(b, n)
	}
	b = append(b, `],"terms":[`...)
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = jsonenc.AppendString(b, e.term)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(e.df), 10)
		b = append(b, ',')
		if e.head[0] < 0 {
			b = append(b, '"')
			b = append(b, e.inline...)
			b = append(b, '"')
		} else {
			b = strconv.AppendInt(b, int64(e.head[2]), 10)
		}
		if e.tail[0] >= 0 {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(e.tail[2]), 10)
		}
		b = append(b, ']')
	}
	b = append(b, "]}"...)
	out.data = b
	return out
}

// file is one file of the index; encoded is a piece of the index laid
// out as files: a dictionary shard or a fragment group.
type (
	file struct {
		name string
		data []byte
	}
	encoded struct {
		name  string
		data  []byte // a dictionary shard's own bytes
		files []file
		err   error
	}
)

// Output is the search index as a pipeline output: Write with fixed
// Options.
type Output struct{ Options Options }

// Name implements the pipeline's Output.
func (Output) Name() string { return "search" }

// Prepare implements the pipeline's Preparer; see the function Prepare.
func (Output) Prepare(n *note.Note) { Prepare(n) }

// Write implements the pipeline's Output.
func (o Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	return Write(ctx, w, notes, o.Options)
}
