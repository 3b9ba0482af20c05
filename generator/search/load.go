package search

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
)

// LoadDir is Load of the files under dir: static/search/ of a site, or
// search/ of what Hugo published.
func LoadDir(dir string) (*Index, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return nil, err
	}
	return Load(files)
}

// Load reads an index back from its files (names relative to
// static/search/, as Names returns them), following the manifest the
// way the browser client does. Query over a loaded index answers exactly
// as over the built one.
func Load(files map[string][]byte) (*Index, error) {
	var m manifest
	if err := json.Unmarshal(files[manifestName], &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if m.Version != manifestVersion || m.PageBits != pageBits || m.TablePages != tablePages ||
		m.K1 != bm25K1 || m.B != bm25B || m.TitleBonus != titleBonus {
		return nil, fmt.Errorf("manifest.json: unsupported layout")
	}
	x := &Index{files: maps.Clone(files), pages: make([][]Doc, m.Pages), tags: map[string]tagInfo{},
		tables: m.Tables, tagsFile: m.Tags, stats: stats{Docs: m.Docs, AvgDL: m.AvgDL}}
	for _, sh := range m.Dict {
		x.shards = append(x.shards, sh)
		if err := x.loadShard(files, sh[1]); err != nil {
			return nil, err
		}
	}
	for page := range x.pages {
		if page/tablePages >= len(m.Tables) {
			return nil, fmt.Errorf("no page table for page %d", page)
		}
		table := files[m.Tables[page/tablePages]]
		hashes, err := pageEntry(table, page)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m.Tables[page/tablePages], err)
		}
		parts := len(hashes)
		var names []string
		var docs [][]Doc
		n := 0
		for _, hash := range hashes {
			name := fragName(page, hash)
			b, err := inflate(files[name])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			d, err := decodeFragment(b)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			names = append(names, name)
			docs = append(docs, d)
			n += len(d)
		}
		// Record i of the page is record i/parts of part i%parts.
		x.pages[page] = make([]Doc, n)
		for i := range x.pages[page] {
			part := docs[i%parts]
			if i/parts >= len(part) {
				return nil, fmt.Errorf("%s: record %d missing", names[i%parts], i)
			}
			x.pages[page][i] = part[i/parts]
		}
		x.frags = append(x.frags, names)
	}
	if err := json.Unmarshal(files[m.Tags], &x.tags); err != nil {
		return nil, fmt.Errorf("%s: %w", m.Tags, err)
	}
	for key, ti := range x.tags {
		var deltas []int32
		if err := json.Unmarshal(files[ti.File], &deltas); err != nil {
			return nil, fmt.Errorf("tag %q: %s: %w", key, ti.File, err)
		}
		prev := int32(0)
		for i := 0; i+1 < len(deltas); i += 2 {
			start := prev + deltas[i]
			prev = start + deltas[i+1]
			ti.Ranges = append(ti.Ranges, start, prev)
		}
		x.tags[key] = ti
	}
	return x, nil
}

// inflate returns the bytes of a stored file, which are gzip-compressed
// (unless a server already inflated them, as the client allows for).
func inflate(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func (x *Index) loadShard(files map[string][]byte, name string) error {
	raw, err := inflate(files[name])
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var sh struct {
		Heads [][]json.RawMessage `json:"heads"`
		Tails [][]json.RawMessage `json:"tails"`
		Terms [][]json.RawMessage `json:"terms"`
	}
	if err := json.Unmarshal(raw, &sh); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	// Each kind's blobs fill its packs in order, as many as each lists.
	type packs struct {
		names  []string
		counts []int
		i, n   int    // the pack being filled, and blobs placed in it
		data   []byte // its inflated bytes
		off    int
	}
	var kinds [2]packs
	for k, list := range [][][]json.RawMessage{sh.Heads, sh.Tails} {
		for _, e := range list {
			var p string
			var c int
			if len(e) != 2 || json.Unmarshal(e[0], &p) != nil || json.Unmarshal(e[1], &c) != nil {
				return fmt.Errorf("%s: bad pack list", name)
			}
			kinds[k].names = append(kinds[k].names, p)
			kinds[k].counts = append(kinds[k].counts, c)
		}
	}
	ref := func(kind int, raw json.RawMessage, file *string) ([]posting, error) {
		var inline string
		if kind == packHead && json.Unmarshal(raw, &inline) == nil {
			b, err := base64.StdEncoding.DecodeString(inline)
			if err != nil {
				return nil, err
			}
			return decodePostings(b)
		}
		var n int
		if err := json.Unmarshal(raw, &n); err != nil {
			return nil, err
		}
		k := &kinds[kind]
		for k.i < len(k.counts) && k.n == k.counts[k.i] {
			k.i, k.n, k.data, k.off = k.i+1, 0, nil, 0
		}
		if k.i >= len(k.names) {
			return nil, fmt.Errorf("no pack for a list")
		}
		if k.data == nil {
			if k.data, err = inflate(files[k.names[k.i]]); err != nil {
				return nil, fmt.Errorf("%s: %w", k.names[k.i], err)
			}
		}
		*file = k.names[k.i]
		if k.off+n > len(k.data) {
			return nil, fmt.Errorf("%s: short pack", k.names[k.i])
		}
		b := k.data[k.off : k.off+n]
		k.off += n
		k.n++
		return decodePostings(b)
	}
	for _, e := range sh.Terms {
		var t termInfo
		if len(e) < 4 {
			return fmt.Errorf("%s: short entry", name)
		}
		if err := errors.Join(json.Unmarshal(e[0], &t.term), json.Unmarshal(e[1], &t.df), json.Unmarshal(e[2], &t.idf)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var err error
		if t.head, err = ref(packHead, e[3], &t.headFile); err != nil {
			return fmt.Errorf("%s: %q: %w", name, t.term, err)
		}
		if len(e) > 4 {
			if t.tail, err = ref(packTail, e[4], &t.tailFile); err != nil {
				return fmt.Errorf("%s: %q: %w", name, t.term, err)
			}
		}
		if n := len(x.terms); n > 0 && strings.Compare(x.terms[n-1].term, t.term) >= 0 {
			return fmt.Errorf("%s: %q out of order", name, t.term)
		}
		x.terms = append(x.terms, t)
	}
	return nil
}

// decodeFragment reads a fragment file back into its records (see
// appendFragment).
func decodeFragment(b []byte) ([]Doc, error) {
	var f struct {
		URL      string              `json:"u"`
		Title    string              `json:"t"`
		Tags     []string            `json:"g"`
		Headings []string            `json:"h"`
		Docs     [][]json.RawMessage `json:"d"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	docs := make([]Doc, len(f.Docs))
	for i, rec := range f.Docs {
		var anchor string
		var path []int
		if len(rec) != 3 {
			return nil, fmt.Errorf("record %d: want 3 fields", i)
		}
		d := Doc{URL: f.URL, Title: f.Title, Tags: f.Tags}
		if err := errors.Join(json.Unmarshal(rec[0], &anchor), json.Unmarshal(rec[1], &path), json.Unmarshal(rec[2], &d.Text)); err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		if anchor != "" {
			d.URL += "#" + anchor
		}
		for _, h := range path {
			if h < 0 || h >= len(f.Headings) {
				return nil, fmt.Errorf("record %d: no heading %d", i, h)
			}
			d.Headings = append(d.Headings, f.Headings[h])
		}
		docs[i] = d
	}
	return docs, nil
}

func decodePostings(b []byte) ([]posting, error) {
	var out []posting
	doc := int32(0)
	for len(b) > 0 {
		d, n := binary.Uvarint(b)
		if n <= 0 || n+2 > len(b) {
			return nil, fmt.Errorf("bad postings")
		}
		doc += int32(d)
		out = append(out, posting{doc, b[n], b[n+1]})
		b = b[n+2:]
	}
	return out, nil
}
