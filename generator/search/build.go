// Package search builds Crib's static full-text index and answers queries
// over it. The index is a set of files under static/search/: a small
// manifest.json (the only fixed name), a term dictionary split into
// shards by sorted term range, posting packs, page tables and one
// fragment file per page (two for a long page) with the text shown in
// results. Every name but
// the manifest carries a content hash, so a redeploy never mixes old and
// new files.
//
// Postings hold what a document says of a term, not a score: its boosted
// term frequency and its length, coarsely. The client scores them with
// BM25 from the document count and average length in the manifest and
// each term's idf in the dictionary. So an edit changes only the
// postings of the words it changed, and the shards and packs holding
// them: shard and pack boundaries fall where a term's hash says, not
// where a byte count does, so that a longer posting list does not push
// every later term into another file. Every file but the manifest and
// the tag files is stored gzip-compressed (the client inflates it with
// the browser's DecompressionStream): on disk the index is about what a
// server sends.
//
// A query downloads the manifest, the dictionary shards covering its
// words, the posting heads of the matching terms (the postings likely to
// score highest; the rest, a term's tail, only when the heads do not give
// enough results), then the page tables and fragments of the results it
// shows. Query in this package is the reference for the browser client
// in themes/crib/assets/js/global/search.js, which follows the same
// steps with the same arithmetic.
package search

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"math"
	"math/bits"
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
	// ShardBytes is the size, before compression, a dictionary shard and
	// a posting pack grow to before a term's hash may end them. Default
	// 8 KiB; a shard or pack is cut at four times that regardless.
	ShardBytes int
}

// Layout constants shared with the browser client through the manifest.
// A document number is page<<pageBits | section: the client finds a
// result's page and fragment file from the number alone.
const (
	pageBits   = 10   // sections per page: at most 1<<pageBits (the page record is 0)
	tablePages = 256  // pages per page table
	inlineMax  = 4    // posting lists this short live in the dictionary
	textMax    = 3000 // bytes of section text kept for snippets
	// partBytes: a page's fragment file longer than this before
	// compression (about 6 KB gzipped) is cut in two parts, the records
	// of even number and those of odd number, so that a result of a long
	// page loads about half its text. Not shorter: each part is one more
	// file for Hugo to copy and a host to keep, and a note of ordinary
	// length should stay one.
	partBytes = 16 << 10
	introMax  = 400 // bytes of a page's intro kept
	// cutEvery: among the terms past a shard's or pack's minimum size,
	// about one in cutEvery ends it (see cutHere).
	cutEvery = 8
	// packScale: a pack's minimum size is packScale times a shard's.
	// Postings compress about four to one and dictionary entries three:
	// so both come to about one 4 KiB disk block.
	packScale = 2
)

// BM25 parameters. The client computes scores with the same float64
// operations in the same order (see termScore), so both round alike;
// k1+1 and 1-b are exact in binary, so that neither side's constant
// folding can round them differently.
const (
	bm25K1 = 1.25
	bm25B  = 0.75
	// idfScale: a dictionary entry stores idf*idfScale, rounded.
	idfScale = 64
	// staticAvgDL stands for the average document length when a term's
	// head is chosen at build time: the real average changes with every
	// edit, and a head chosen by it would too.
	staticAvgDL = 64
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

// posting is what one document says of one term: its boosted term
// frequency and a byte holding the document's length, quantized (see
// lengthCode), and inTitle when the term is in the page's title.
type posting struct {
	doc  int32
	tf   uint8 // boosted term frequency, at most 255
	norm uint8 // lengthCode of the document's length | inTitle
}

// inTitle is the bit of a page record's norm byte set when the term is a
// word of the page's title: such a posting scores titleBonus more. (Its
// sections have the title in their headings, boosted less, so that they
// do not crowd a term's head.)
const inTitle = 0x80

// termInfo is one dictionary entry as the client sees it.
type termInfo struct {
	term string
	df   int
	idf  int       // idf*idfScale, rounded
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
	tables   []string    // page table files, one per tablePages pages
	frags    [][]string  // fragment files of each page: one, or its parts
	tagsFile string
	stats    stats

	normsOnce sync.Once
	norms     [inTitle]float64 // see lengthNorms
}

// stats are the collection figures the client scores with, from the
// manifest.
type stats struct {
	Docs  int     `json:"docs"`  // documents: pages and sections
	AvgDL float64 `json:"avgdl"` // their average length in words
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

	// What the client scores with: the document count and average
	// length, each document's length code, each term's idf.
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
	// Each document's length code, in one array: document k of page p
	// is at pageStart[p]+k.
	pageStart := make([]int32, len(dls)+1)
	for p, ls := range dls {
		pageStart[p+1] = pageStart[p] + int32(len(ls))
	}
	codes := make([]uint8, pageStart[len(dls)])
	for p, ls := range dls {
		for k, dl := range ls {
			codes[int(pageStart[p])+k] = lengthCode(int(dl + 0.5))
		}
	}
	titled := titlePages(sorted, termStrs)
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
					out := all[start[i]:start[i+1]:start[i+1]]
					tp := titled[i]
					for k, p := range ps {
						page := p.doc >> pageBits
						for len(tp) > 0 && tp[0] < page {
							tp = tp[1:]
						}
						sec := p.doc & (1<<pageBits - 1)
						norm := codes[pageStart[page]+sec]
						if sec == 0 && len(tp) > 0 && tp[0] == page {
							norm |= inTitle
						}
						out[k] = posting{p.doc, uint8(min(255, max(1, math.Round(float64(p.wtf))))), norm}
					}
					df := float64(len(ps))
					ti := termInfo{term: termStrs[i], df: len(ps), idf: int(math.Round(idfScale * math.Log(1+(n-df+0.5)/(df+0.5))))}
					ti.head, ti.tail, sc.tail = splitHead(out, opts.HeadSize, sc.tail)
					terms[i] = ti
				}
			}
		})
	}
	wg2.Wait()

	idx := &Index{files: map[string][]byte{}, terms: terms, pages: make([][]Doc, len(sorted)), stats: stats{Docs: int(n), AvgDL: avgdl}}
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

// splitHead keeps the size postings of ps that score highest at
// staticAvgDL (ties: lower doc) as the head and the rest as the tail,
// both sorted by doc like ps. The order depends on nothing but each
// posting's own bytes, so an edit moves a posting between head and tail
// only when that posting changed. The head and tail are ps itself,
// reordered in place; tmp is scratch space, returned for reuse.
func splitHead(ps []posting, size int, tmp []posting) (head, tail, _ []posting) {
	if len(ps) <= size {
		return ps, nil, tmp
	}
	order := func(a, b posting) int {
		return cmp.Or(cmp.Compare(staticScore(b), staticScore(a)), cmp.Compare(a.doc, b.doc))
	}
	tmp = append(tmp[:0], ps...)
	slices.SortFunc(tmp, order)
	cut := tmp[size-1]
	tmp = tmp[:0]
	h := 0
	for _, p := range ps {
		if order(p, cut) <= 0 {
			ps[h] = p
			h++
		} else {
			tmp = append(tmp, p)
		}
	}
	copy(ps[h:], tmp)
	return ps[:h:h], ps[h:], tmp
}

// staticScore is a posting's score for a term of idf 1 in a collection
// of average length staticAvgDL.
func staticScore(p posting) float64 {
	return termScore(p.tf, p.norm, lengthNorm(lengthOf(p.norm), staticAvgDL))
}

// lengthNorm is k1 times BM25's length norm of a document of dl words.
func lengthNorm(dl int, avgdl float64) float64 {
	return bm25K1 * (1 - bm25B + bm25B*float64(dl)/avgdl)
}

// termScore is the BM25 score of a posting for a term of idf 1, plus the
// title bonus, given k1 times the length norm of its document (norm
// tables it by length code). The client computes it with the same
// operations in the same order.
func termScore(tf, code uint8, k1norm float64) float64 {
	f := float64(tf)
	s := f * (bm25K1 + 1) / (f + k1norm) // the products are rounded before each sum: no fused multiply-add
	if code&inTitle != 0 {
		s += titleBonus
	}
	return s
}

// titleBonus is what a posting of a word of its page's title scores on
// top of BM25: a title that has the words of a query says more than any
// number of mentions elsewhere, such as a list of links that names fifty
// notes by their titles, or a section that repeats a rare word. BM25
// stays below k1+1 however often a word is repeated, so a bonus of k1+1
// puts a title's word above every mention that is not in a title.
const titleBonus = bm25K1 + 1

// lengthCode quantizes a document length in words to a byte below
// inTitle: lengths under 4 exactly, longer ones as a two-bit mantissa and
// an exponent (at most a fifth off). So one more word changes the code
// of a document of n words with a chance of about 1 in n/4: an edit
// rarely changes every posting of its document.
func lengthCode(n int) uint8 {
	if n < 4 {
		return uint8(max(n, 0))
	}
	e := bits.Len(uint(n)) - 3
	c := 4*(e+1) + (n>>e - 4)
	return uint8(min(c, inTitle-1))
}

// lengthOf is the length a code stands for (the low bits of a norm byte).
func lengthOf(norm uint8) int {
	c := int(norm &^ inTitle)
	if c < 4 {
		return c
	}
	e := c/4 - 1
	return (c%4 + 4) << e
}

// titlePages returns, for each term of terms (sorted), the pages whose
// title has it, in order.
func titlePages(notes []*note.Note, terms []string) [][]int32 {
	out := make([][]int32, len(terms))
	for page, n := range notes {
		for _, t := range Tokens(n.Title) {
			i, ok := slices.BinarySearch(terms, t)
			if ok && (len(out[i]) == 0 || out[i][len(out[i])-1] != int32(page)) {
				out[i] = append(out[i], int32(page))
			}
		}
	}
	return out
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
// ["term",df,idf,head,tail], the head inline base64 (four characters a
// posting) or a length.
func shardEntryBytes(t termInfo) int {
	n := len(t.term) + 14
	if t.df <= inlineMax {
		n += 4 * t.df
	}
	if t.tail != nil {
		n += 6
	}
	return n
}

// cutHere reports whether a shard or pack past its minimum size ends
// before term: about one term in cutEvery does, wherever it falls, so
// that where files end depends on the terms, and a list that grew moves
// no other term to another file.
func cutHere(term string) bool {
	h := fnv.New32a()
	h.Write([]byte(term))
	return h.Sum32()%cutEvery == 0
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
// the boosted term frequency and the norm byte.
func encodePostings(out []byte, ps []posting) []byte {
	prev := int32(0)
	for _, p := range ps {
		out = binary.AppendUvarint(out, uint64(p.doc-prev))
		out = append(out, p.tf, p.norm)
		prev = p.doc
	}
	return out
}

// gzipLevel is the compression of the stored files: most of the gain of
// the best level at a fraction of its time.
const gzipLevel = 6

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzipLevel)
	return w
}}

// compress returns b gzip-compressed. The header has no name and no time,
// so the same bytes always compress alike.
func compress(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b)/3 + 64)
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&out)
	w.Write(b)
	w.Close()
	gzipWriters.Put(w)
	return out.Bytes()
}

// appendFragment appends the fragment file of docs, records of one page
// whose own URL is page. What every record of a page shares is written
// once: {"u":page URL,"t":title,"g":[tags],"h":[headings],"d":[record,...]}
// where a record is [anchor, [heading indexes], text]: its URL is the
// page URL plus "#anchor" (none when ""), its heading path the listed
// entries of "h" (none for the page record).
//
// A part of a page's fragment (see partBytes) is the same object with
// only the records numbered part modulo parts, and the headings they use.
func appendFragment(b []byte, page string, docs []Doc, part, parts int) []byte {
	first := docs[0]
	b = append(b, `{"u":`...)
	b = jsonenc.AppendString(b, page)
	b = append(b, `,"t":`...)
	b = jsonenc.AppendString(b, first.Title)
	if len(first.Tags) > 0 {
		b = append(b, `,"g":`...)
		b = jsonenc.AppendStrings(b, first.Tags)
	}
	var mine []Doc
	for i := part; i < len(docs); i += parts {
		mine = append(mine, docs[i])
	}
	docs = mine
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

// packer places the posting blobs of one shard, in term order, into
// packs: a pack past limit bytes ends where cutHere says or at four times
// limit, and a blob over limit has a pack to itself. A shard lists how
// many blobs each of its packs holds; a reader places them in order.
type packer struct {
	limit int
	packs [][]byte // the packs' bytes
	count []int    // blobs in each pack
	kind  []int
	open  [2]int // the pack each kind fills, -1 for none
}

func newPacker(limit int) *packer { return &packer{limit: limit, open: [2]int{-1, -1}} }

// place adds the blob of a kind for term and returns its pack.
func (p *packer) place(kind int, term string, blob []byte) int {
	i := p.open[kind]
	if i >= 0 {
		n := len(p.packs[i])
		if n >= p.limit && cutHere(term) || n+len(blob) > 4*p.limit || len(blob) > p.limit {
			i = -1
		}
	}
	if i < 0 {
		i = len(p.packs)
		p.packs = append(p.packs, nil)
		p.count = append(p.count, 0)
		p.kind = append(p.kind, kind)
	}
	p.packs[i] = append(p.packs[i], blob...)
	p.count[i]++
	p.open[kind] = i
	if len(blob) > p.limit {
		p.open[kind] = -1
	}
	return i
}

// manifest is manifest.json: everything a client needs to find the other
// files, and the collection figures it scores with.
type manifest struct {
	Version    int     `json:"v"`
	Pages      int     `json:"pages"`
	PageBits   int     `json:"pageBits"`
	TablePages int     `json:"tablePages"`
	Docs       int     `json:"docs"`
	AvgDL      float64 `json:"avgdl"`
	K1         float64 `json:"k1"`
	B          float64 `json:"b"`
	TitleBonus float64 `json:"titleBonus"`
	// Dict is [first term, file] per shard. Each shard is named by its
	// own hash, so that an edit renames only the shards it changes.
	Dict [][2]string `json:"dict"`
	// Tables are the page tables: for each page, the hash its fragment
	// files are named by and their number (fragHash), four bytes a page. They are files of their own,
	// since at 10,000 pages the hashes would be most of the manifest.
	Tables []string `json:"tables"`
	Tags   string   `json:"tags"` // file
}

// manifestVersion is the layout this package writes and reads.
const manifestVersion = 6

// encode lays the index out as files.
func (x *Index) encode(opts Options) error {
	m := manifest{Version: manifestVersion, Pages: len(x.pages), PageBits: pageBits, TablePages: tablePages,
		Docs: x.stats.Docs, AvgDL: x.stats.AvgDL, K1: bm25K1, B: bm25B, TitleBonus: titleBonus}

	// Dictionary shards, each with its own posting packs, cut serially
	// and encoded in parallel.
	var bounds []int
	for start := 0; start < len(x.terms); {
		end, size := start, 0
		for end < len(x.terms) {
			if end > start && (size >= opts.ShardBytes && cutHere(x.terms[end].term) || size >= 4*opts.ShardBytes) {
				break
			}
			size += shardEntryBytes(x.terms[end])
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
		x.shards[i] = [2]string{x.terms[bounds[i]].term, "d/" + hashName(sh.data) + ".bin"}
		m.Dict = append(m.Dict, x.shards[i])
		x.files[x.shards[i][1]] = sh.data
		for _, f := range sh.files {
			x.files[f.name] = f.data
		}
	}

	// Fragments: one file a page, f/<page>-<hash>.bin, or two parts,
	// each named so by its own hash (see appendFragment, partBytes and
	// fragHash): an edit renames only the part it changes. A page's
	// entry in its page table is the hashes of its files.
	type pageFiles struct {
		files []file
		entry []byte
	}
	frags := make([]pageFiles, len(x.pages))
	parallel.Each(0, len(frags), func(p int) {
		docs := x.pages[p]
		size := 256
		for _, d := range docs {
			size += len(d.Text) + len(d.URL) + 16
			for _, h := range d.Headings {
				size += len(h) + 4
			}
		}
		size += size / 16 // escapes
		whole := appendFragment(make([]byte, 0, size), docs[0].URL, docs, 0, 1)
		if len(whole) <= partBytes || len(docs) < 2 {
			b := compress(whole)
			h := fragHash(b, false)
			frags[p] = pageFiles{[]file{{fragName(p, h), b}}, h}
			return
		}
		for part := range 2 {
			b := compress(appendFragment(whole[:0], docs[0].URL, docs, part, 2))
			h := fragHash(b, part == 0)
			frags[p].files = append(frags[p].files, file{fragName(p, h), b})
			frags[p].entry = append(frags[p].entry, h...)
		}
	})
	x.frags = make([][]string, len(frags))
	for p, fs := range frags {
		for _, f := range fs.files {
			x.frags[p] = append(x.frags[p], f.name)
			x.files[f.name] = f.data
		}
	}
	for start := 0; start < len(frags); start += tablePages {
		var table []byte
		for _, fs := range frags[start:min(start+tablePages, len(frags))] {
			table = append(table, fs.entry...)
		}
		name := "pt/" + hashName(table) + ".bin"
		x.files[name] = table
		m.Tables = append(m.Tables, name)
	}
	x.tables = m.Tables

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
	x.tagsFile = m.Tags

	mb, err := jsonenc.Marshal(m)
	if err != nil {
		return err
	}
	x.files[manifestName] = mb
	return nil
}

// fragHash is the four bytes of a fragment file's hash that name it and
// make its page's entry in the page table: the top bit of the first byte
// is set on the first of two parts, so that the entry holds the second
// part's four bytes after it (and so the two names differ).
func fragHash(b []byte, split bool) []byte {
	h := sha256.Sum256(b)
	h[0] &= 0x7f
	if split {
		h[0] |= 0x80
	}
	return h[:4]
}

// fragName is the name of a page's fragment file, given its hash.
func fragName(page int, hash []byte) string {
	return "f/" + strconv.Itoa(page) + "-" + hex.EncodeToString(hash) + ".bin"
}

// pageEntry returns the hashes of page's fragment files in the page
// table holding it, where an entry is four bytes, or eight for a page in
// two parts, so it is found by reading the entries before it.
func pageEntry(table []byte, page int) ([][]byte, error) {
	at := 0
	for i := 0; ; i++ {
		if at+4 > len(table) {
			return nil, fmt.Errorf("short page table")
		}
		n := 4
		if table[at]&0x80 != 0 {
			n = 8
		}
		if at+n > len(table) {
			return nil, fmt.Errorf("short page table")
		}
		if i == page%tablePages {
			if n == 4 {
				return [][]byte{table[at : at+4]}, nil
			}
			return [][]byte{table[at : at+4], table[at+4 : at+8]}, nil
		}
		at += n
	}
}

// encodeShard writes one dictionary shard and its posting packs. An entry
// is [term, df, idf, head, tail?]: head is the base64 of the posting
// bytes inline, or the length of a packed head; tail, when present, is
// the length of the packed tail. {"heads":[[pack, blobs],...],
// "tails":[...],"terms":[...]} lists the packs of each kind and how many
// blobs each holds, in term order, so a reader finds a list's pack and
// offset by placing the lengths in order. The shard and its packs are
// stored compressed.
func encodeShard(terms []termInfo, opts Options) (out encoded) {
	pk := newPacker(packScale * opts.ShardBytes)
	type entry struct {
		inline     []byte // base64 of the head, when inline
		head, tail int    // lengths of the packed head and tail
		hp, tp     int    // their packs; -1 when none
	}
	entries := make([]entry, len(terms))
	var blob, inline []byte // scratch; inline entries share one buffer
	for i, t := range terms {
		e := entry{hp: -1, tp: -1}
		blob = encodePostings(blob[:0], t.head)
		if t.df <= inlineMax {
			e.inline = base64.StdEncoding.AppendEncode(inline, blob)
			inline = e.inline[len(e.inline):]
		} else {
			e.head, e.hp = len(blob), pk.place(packHead, t.term, blob)
		}
		if t.tail != nil {
			blob = encodePostings(blob[:0], t.tail)
			e.tail, e.tp = len(blob), pk.place(packTail, t.term, blob)
		}
		entries[i] = e
	}
	names := make([]string, len(pk.packs))
	for i, p := range pk.packs {
		z := compress(p)
		names[i] = "p/" + hashName(z) + ".bin"
		out.files = append(out.files, file{names[i], z})
	}
	for i, e := range entries {
		if e.hp >= 0 {
			terms[i].headFile = names[e.hp]
		}
		if e.tp >= 0 {
			terms[i].tailFile = names[e.tp]
		}
	}
	b := make([]byte, 0, opts.ShardBytes+opts.ShardBytes/2)
	for k, key := range []string{`{"heads":[`, `],"tails":[`} {
		b = append(b, key...)
		first := true
		for i, n := range names {
			if pk.kind[i] != k {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, '[')
			b = jsonenc.AppendString(b, n)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(pk.count[i]), 10)
			b = append(b, ']')
		}
	}
	b = append(b, `],"terms":[`...)
	for i, e := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		t := terms[i]
		b = append(b, '[')
		b = jsonenc.AppendString(b, t.term)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(t.df), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(t.idf), 10)
		b = append(b, ',')
		if e.hp < 0 {
			b = append(b, '"')
			b = append(b, e.inline...)
			b = append(b, '"')
		} else {
			b = strconv.AppendInt(b, int64(e.head), 10)
		}
		if e.tp >= 0 {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(e.tail), 10)
		}
		b = append(b, ']')
	}
	b = append(b, "]}"...)
	out.data = compress(b)
	return out
}

// file is one file of the index; encoded is a dictionary shard laid out
// as files: the shard and its posting packs.
type (
	file struct {
		name string
		data []byte
	}
	encoded struct {
		data  []byte // the shard's own bytes
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
