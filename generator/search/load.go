package search

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strconv"
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
	if m.Version != 4 || m.PackBytes <= 0 || m.PageBits != pageBits || m.FragDocs != fragDocs || m.FragPages != fragPages {
		return nil, fmt.Errorf("manifest.json: unsupported layout")
	}
	x := &Index{files: maps.Clone(files), pages: make([][]Doc, m.Pages), tags: map[string]tagInfo{},
		frags: m.Frag, tagsFile: m.Tags}
	for _, sh := range m.Dict {
		x.shards = append(x.shards, sh)
		if err := x.loadShard(files, sh[1], m.PackBytes); err != nil {
			return nil, err
		}
	}
	for page := range x.pages {
		group := m.Frag[page/fragPages]
		for k := 0; ; k++ {
			b, ok := files["f/"+group+"-"+strconv.Itoa(page)+"-"+strconv.Itoa(k)+".json"]
			if !ok {
				break
			}
			docs, err := decodeFragment(b)
			if err != nil {
				return nil, fmt.Errorf("fragment of page %d: %w", page, err)
			}
			x.pages[page] = append(x.pages[page], docs...)
		}
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

func (x *Index) loadShard(files map[string][]byte, name string, packBytes int) error {
	var sh struct {
		Packs []string            `json:"packs"`
		Terms [][]json.RawMessage `json:"terms"`
	}
	if err := json.Unmarshal(files[name], &sh); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	pk := newPacker(packBytes)
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
		r := pk.place(kind, n)
		if r[0] >= len(sh.Packs) {
			return nil, fmt.Errorf("no pack %d", r[0])
		}
		*file = sh.Packs[r[0]]
		pack := files[sh.Packs[r[0]]]
		if r[1]+r[2] > len(pack) {
			return nil, fmt.Errorf("%s: short pack", sh.Packs[r[0]])
		}
		return decodePostings(pack[r[1] : r[1]+r[2]])
	}
	for _, e := range sh.Terms {
		var t termInfo
		if len(e) < 3 {
			return fmt.Errorf("%s: short entry", name)
		}
		if err := json.Unmarshal(e[0], &t.term); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := json.Unmarshal(e[1], &t.df); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var err error
		if t.head, err = ref(packHead, e[2], &t.headFile); err != nil {
			return fmt.Errorf("%s: %q: %w", name, t.term, err)
		}
		if len(e) > 3 {
			if t.tail, err = ref(packTail, e[3], &t.tailFile); err != nil {
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
		if n <= 0 || n >= len(b) {
			return nil, fmt.Errorf("bad postings")
		}
		doc += int32(d)
		out = append(out, posting{doc, b[n]})
		b = b[n+1:]
	}
	return out, nil
}
