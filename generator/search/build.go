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
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
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
	fragPages   = 32   // pages per fragment hash group
	inlineMax   = 4    // posting lists this short live in the dictionary
	textMax     = 3000 // bytes of section text kept for snippets
	introMax    = 400  // bytes of a page's intro kept
	bm25K1      = 1.2
	bm25B       = 0.75
	impactScale = 8 // impact = round(BM25 score * impactScale), 1..255
)

// Dir is where Write puts the index, relative to the site root.
const Dir = "static/search"

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
		return []diag.Diagnostic{diag.Errorf("", 0, "search index: %v", err)}
	}
	for _, name := range idx.Names() {
		if err := ctx.Err(); err != nil {
			return []diag.Diagnostic{diag.Errorf("", 0, "search index: %v", err)}
		}
		if err := w.WriteFile(Dir+"/"+name, idx.files[name]); err != nil {
			return []diag.Diagnostic{diag.Errorf("", 0, "search index: %v", err)}
		}
	}
	return nil
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

	// Where the client finds them: the dictionary shard, and the posting
	// packs of the head ("" when inline) and tail.
	shard, headFile, tailFile string
}

// Doc is the display data of one search record, as stored in fragments.
type Doc struct {
	URL      string   `json:"u"`           // relative to the site root
	Title    string   `json:"t"`           // page title
	Headings []string `json:"h,omitempty"` // heading path; empty for a page
	Tags     []string `json:"g,omitempty"`
	Text     string   `json:"x,omitempty"` // section text or page intro, maybe cut
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

// docTerms is the term statistics of one document before scoring.
type docTerms struct {
	terms []int32   // term ids local to the worker that analyzed it
	wtf   []float32 // boosted term frequency
	dl    float32   // length in words
}

// analyzer tokenizes documents on one goroutine, numbering terms locally
// so that a term string is hashed once per token and looked up in the
// shared dictionary once per worker.
type analyzer struct {
	z      tokenizer
	ids    map[string]int32
	strs   []string
	mark   []int32 // the document that last saw each term
	slot   []int32 // its index in that document's docTerms
	global []int32 // local id -> global id, -1 until merged
	docN   int32

	// memo holds the terms of the short texts every section of a page
	// repeats (page title, parent headings, tags), for the current page.
	memo     map[string]memoTerms
	memoPage int

	buf bytes.Buffer // scratch for documents
}

type memoTerms struct {
	ids   []int32 // one per token, repeats kept
	words float32 // whole words, for the document length
}

func newAnalyzer() *analyzer {
	return &analyzer{ids: map[string]int32{}, memo: map[string]memoTerms{}, memoPage: -1}
}

// id returns the local id of a term, numbering it when new.
func (a *analyzer) id(tok []byte) int32 {
	id, ok := a.ids[string(tok)]
	if !ok {
		id = int32(len(a.strs))
		s := string(tok)
		a.ids[s] = id
		a.strs = append(a.strs, s)
		a.mark = append(a.mark, 0)
		a.slot = append(a.slot, 0)
		a.global = append(a.global, -1)
	}
	return id
}

// count adds one occurrence of term id, weighted by boost, to dt.
func (a *analyzer) count(dt *docTerms, id int32, boost float32) {
	if a.mark[id] != a.docN {
		a.mark[id] = a.docN
		a.slot[id] = int32(len(dt.terms))
		dt.terms = append(dt.terms, id)
		dt.wtf = append(dt.wtf, 0)
	}
	dt.wtf[a.slot[id]] += boost
}

// analyze tokenizes one document's fields.
func (a *analyzer) analyze(d *document) docTerms {
	a.docN++
	if d.page != a.memoPage {
		clear(a.memo)
		a.memoPage = d.page
	}
	// About one distinct term per eight bytes of text: sized once, the
	// slices rarely grow.
	est := len(d.text)/8 + 16
	dt := docTerms{terms: make([]int32, 0, est), wtf: make([]float32, 0, est)}
	f := d.fields()
	for field, texts := range f {
		boost := float32(fieldBoost[field])
		repeated := field == fieldHeadings || field == fieldTags
		for _, t := range texts {
			if !repeated {
				a.z.scan(t, true, func(tok []byte, _ int, part bool) {
					if !part {
						dt.dl++
					}
					a.count(&dt, a.id(tok), boost)
				})
				continue
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
			dt.dl += m.words
			for _, id := range m.ids {
				a.count(&dt, id, boost)
			}
		}
	}
	return dt
}

type rawPosting struct {
	doc int32
	wtf float32
}

func build(ctx context.Context, notes []*note.Note, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	sorted := slices.Clone(notes)
	slices.SortStableFunc(sorted, note.CompareSiteOrder)

	// Cut notes into documents and count terms, in parallel chunks merged
	// in order so that document numbers never depend on scheduling.
	type noteOut struct {
		docs  []document
		terms []docTerms
		by    *analyzer
	}
	var (
		docs     []document
		termID   = map[string]int32{}
		termStrs []string
		postings [][]rawPosting
		dls      []float32
		ids      []int32 // document number of each entry of docs
	)
	workers := max(1, runtime.GOMAXPROCS(0))
	const chunk = 64
	outs := make([]noteOut, chunk)
	analyzers := make([]*analyzer, workers)
	for i := range analyzers {
		analyzers[i] = newAnalyzer()
	}
	for start := 0; start < len(sorted); start += chunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		end := min(start+chunk, len(sorted))
		var wg sync.WaitGroup
		next := make(chan int)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := analyzers[w]
				for i := range next {
					ds := pageDocuments(sorted[i], i, &a.buf)
					ts := make([]docTerms, len(ds))
					for k := range ds {
						ts[k] = a.analyze(&ds[k])
					}
					outs[i-start] = noteOut{ds, ts, a}
				}
			}()
		}
		for i := start; i < end; i++ {
			next <- i
		}
		close(next)
		wg.Wait()
		for i := range end - start {
			o := &outs[i]
			for k := range o.docs {
				doc := int32(len(docs))
				docs = append(docs, o.docs[k])
				ids = append(ids, int32(start+i)<<pageBits|int32(k))
				dt := &o.terms[k]
				dls = append(dls, dt.dl)
				a := o.by
				for j, lid := range dt.terms {
					id := a.global[lid]
					if id < 0 {
						t := a.strs[lid]
						var ok bool
						if id, ok = termID[t]; !ok {
							id = int32(len(termStrs))
							termID[t] = id
							termStrs = append(termStrs, t)
							postings = append(postings, nil)
						}
						a.global[lid] = id
					}
					postings[id] = append(postings[id], rawPosting{doc, dt.wtf[j]})
				}
			}
			*o = noteOut{}
		}
	}

	// Score: BM25 over boosted term frequencies, quantized to a byte so
	// that the browser only adds small integers.
	n := float64(len(docs))
	var avgdl float64
	for _, dl := range dls {
		avgdl += float64(dl)
	}
	if len(dls) > 0 {
		avgdl /= n
	}
	if avgdl == 0 {
		avgdl = 1
	}
	order := make([]int32, len(termStrs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(termStrs[a], termStrs[b]) })
	terms := make([]termInfo, len(order))
	parallel(len(order), func(i int) {
		id := order[i]
		ps := postings[id]
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		out := make([]posting, len(ps))
		for k, p := range ps {
			tf := float64(p.wtf)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(dls[p.doc])/avgdl)
			s := idf * tf * (bm25K1 + 1) / (tf + norm)
			out[k] = posting{ids[p.doc], uint8(min(255, max(1, math.Round(s*impactScale))))}
		}
		ti := termInfo{term: termStrs[id], df: len(out)}
		ti.head, ti.tail = splitHead(out, opts.HeadSize)
		terms[i] = ti
		postings[id] = nil
	})

	idx := &Index{files: map[string][]byte{}, terms: terms, pages: make([][]Doc, len(sorted))}
	for i := range docs {
		d := &docs[i]
		idx.pages[d.page] = append(idx.pages[d.page], displayDoc(d))
	}
	idx.tags = tagRanges(sorted)
	if err := idx.encode(opts); err != nil {
		return nil, err
	}
	return idx, nil
}

// splitHead keeps the size highest-impact postings (ties: lower doc) as
// the head and the rest as the tail, both sorted by doc like ps. Impacts
// are bytes, so a histogram finds the cut in one pass.
func splitHead(ps []posting, size int) (head, tail []posting) {
	if len(ps) <= size {
		return ps, nil
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
	head = make([]posting, 0, size)
	tail = make([]posting, 0, len(ps)-size)
	for _, p := range ps {
		switch {
		case p.impact > uint8(cut):
			head = append(head, p)
		case p.impact == uint8(cut) && room > 0:
			head = append(head, p)
			room--
		default:
			tail = append(tail, p)
		}
	}
	return head, tail
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

// hashName returns a short content hash for file names.
func hashName(b ...[]byte) string {
	h := sha256.New()
	for _, p := range b {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

func encodePostings(ps []posting) []byte {
	out := make([]byte, 0, len(ps)*3)
	prev := int32(0)
	for _, p := range ps {
		out = binary.AppendUvarint(out, uint64(p.doc-prev))
		out = append(out, p.impact)
		prev = p.doc
	}
	return out
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// manifest is manifest.json: everything a client needs to find the other
// files.
type manifest struct {
	Version   int         `json:"v"`
	Pages     int         `json:"pages"`
	PageBits  int         `json:"pageBits"`
	FragDocs  int         `json:"fragDocs"`
	FragPages int         `json:"fragPages"`
	Dict      [][2]string `json:"dict"` // [first term, file] per shard
	Frag      []string    `json:"frag"` // hash per group of fragPages pages
	Tags      string      `json:"tags"` // file
}

// encode lays the index out as files.
func (x *Index) encode(opts Options) error {
	m := manifest{Version: 1, Pages: len(x.pages), PageBits: pageBits, FragDocs: fragDocs, FragPages: fragPages}

	// Dictionary shards, each with its own posting packs, cut serially
	// and encoded in parallel.
	var bounds []int
	for start := 0; start < len(x.terms); {
		end, size := start, 0
		for end < len(x.terms) && (size < opts.ShardBytes || end == start) {
			size += len(x.terms[end].term) + 12 + min(x.terms[end].df, inlineMax)*4
			end++
		}
		bounds = append(bounds, start)
		start = end
	}
	bounds = append(bounds, len(x.terms))
	shards := make([]encoded, len(bounds)-1)
	parallel(len(shards), func(i int) {
		shards[i] = encodeShard(x.terms[bounds[i]:bounds[i+1]], opts)
	})
	for i, sh := range shards {
		if sh.err != nil {
			return sh.err
		}
		m.Dict = append(m.Dict, [2]string{x.terms[bounds[i]].term, sh.name})
		for _, f := range sh.files {
			x.files[f.name] = f.data
		}
	}

	// Fragments: fragDocs records of one page per file, named
	// f/<hash>-<page>-<n>.json, where the hash covers the fragments of
	// fragPages pages so that the manifest stays small.
	groups := make([]encoded, (len(x.pages)+fragPages-1)/fragPages)
	parallel(len(groups), func(gi int) {
		g := gi * fragPages
		var names []string
		var frags [][]byte
		for p := g; p < min(g+fragPages, len(x.pages)); p++ {
			docs := x.pages[p]
			for k := 0; k < len(docs); k += fragDocs {
				b, err := marshal(docs[k:min(k+fragDocs, len(docs))])
				if err != nil {
					groups[gi].err = err
					return
				}
				names = append(names, fmt.Sprintf("-%d-%d.json", p, k/fragDocs))
				frags = append(frags, b)
			}
		}
		h := hashName(frags...)
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
		b, err := marshal(deltas)
		if err != nil {
			return err
		}
		ti.File = "t/" + hashName(b) + ".json"
		x.files[ti.File] = b
		x.tags[key] = ti
	}
	tb, err := marshal(x.tags)
	if err != nil {
		return err
	}
	m.Tags = "tags-" + hashName(tb) + ".json"
	x.files[m.Tags] = tb
	x.shards, x.frags, x.tagsFile = m.Dict, m.Frag, m.Tags

	mb, err := marshal(m)
	if err != nil {
		return err
	}
	x.files["manifest.json"] = mb
	return nil
}

// encodeShard writes one dictionary shard and its posting packs, and
// returns the shard's file name. An entry is [term, df, head, tail?]:
// head is base64 posting bytes inline, or [pack, offset, length]; tail,
// when present, is [pack, offset, length].
func encodeShard(terms []termInfo, opts Options) (out encoded) {
	type pack struct{ b []byte }
	var packs []*pack
	place := func(blob []byte, open **pack) []int {
		p := *open
		if p == nil || len(p.b)+len(blob) > opts.ShardBytes {
			p = &pack{}
			packs = append(packs, p)
			*open = p
		}
		ref := []int{slices.Index(packs, p), len(p.b), len(blob)}
		p.b = append(p.b, blob...)
		return ref
	}
	var headPack, tailPack *pack
	headIn, tailIn := make([]int, len(terms)), make([]int, len(terms))
	entries := make([][]any, len(terms))
	for i, t := range terms {
		e := []any{t.term, t.df}
		hb := encodePostings(t.head)
		headIn[i], tailIn[i] = -1, -1
		if t.df <= inlineMax {
			e = append(e, base64.StdEncoding.EncodeToString(hb))
		} else {
			ref := place(hb, &headPack)
			headIn[i] = ref[0]
			e = append(e, ref)
		}
		if t.tail != nil {
			ref := place(encodePostings(t.tail), &tailPack)
			tailIn[i] = ref[0]
			e = append(e, ref)
		}
		entries[i] = e
	}
	names := make([]string, len(packs))
	for i, p := range packs {
		names[i] = "p/" + hashName(p.b) + ".bin"
		out.files = append(out.files, file{names[i], p.b})
	}
	for i := range terms {
		if headIn[i] >= 0 {
			terms[i].headFile = names[headIn[i]]
		}
		if tailIn[i] >= 0 {
			terms[i].tailFile = names[tailIn[i]]
		}
	}
	b, err := marshal(struct {
		Packs []string `json:"packs"`
		Terms [][]any  `json:"terms"`
	}{names, entries})
	if err != nil {
		out.err = err
		return out
	}
	out.name = "d/" + hashName(b) + ".json"
	out.files = append(out.files, file{out.name, b})
	for i := range terms {
		terms[i].shard = out.name
	}
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
		files []file
		err   error
	}
)

// parallel calls fn(i) for every i in [0, n) on GOMAXPROCS goroutines.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

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
