package highlight

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/note"
	htext "github.com/gohugoio/hugo/common/text"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Stats say what a Fill did.
type Stats struct {
	Packs   int // notes' packs in use (notes with the same code share one)
	Hits    int // packs already in the cache
	Written int // packs written by this Fill
	Blocks  int // code blocks highlighted for them
	Pruned  int // packs, files of older layouts and stale generations removed
}

func (s Stats) String() string {
	return fmt.Sprintf("%d packs, %d cached, %d written (%d code blocks highlighted), %d pruned", s.Packs, s.Hits, s.Written, s.Blocks, s.Pruned)
}

// Dir is the folder of one cache generation inside cacheDir.
func Dir(cacheDir string, cfg Config) string {
	return filepath.Join(cacheDir, "highlight", Namespace(cfg))
}

// PackPath is where the pack named key lives in a generation's folder.
func PackPath(dir, key string) string {
	return filepath.Join(dir, packsDir, key[:2], key+".pack")
}

// packsDir is the folder of a generation that holds the page packs.
const packsDir = "packs"

// block is one fenced code block of a page. Key is "" when the hook
// cannot take it from the cache (attributes or options).
type block struct{ key, lang, code string }

// Blocks returns the fenced code blocks of n in page order, the order in
// which Hugo numbers them (the hook's .Ordinal), with the language and
// code exactly as Hugo hands them to the hook.
func Blocks(n *note.Note) []block {
	return note.Memo(n, "highlight.blocks", func() []block { return blocks(n) })
}

func blocks(n *note.Note) []block {
	var out []block
	if n.Doc == nil {
		return out
	}
	src := n.Body
	ast.Walk(n.Doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		fc, ok := node.(*ast.FencedCodeBlock)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		// Hugo's code block renderer: the language is the info string's
		// first word up to any "{"; "{...}" after it are options, which
		// the hook does not cache, and attributes, of which a title
		// (the caption) is the only one the hook caches with.
		lang, _, _ := strings.Cut(string(fc.Language(src)), "{")
		var info []byte
		if fc.Info != nil {
			info = fc.Info.Segment.Value(src)
		}
		if fc.Attributes() != nil || !titleOnly(info) {
			out = append(out, block{})
			return ast.WalkSkipChildren, nil
		}
		var b strings.Builder
		lines := fc.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			b.Write(line.Value(src))
		}
		code := htext.Chomp(b.String())
		out = append(out, block{key: Key(lang, code), lang: lang, code: code})
		return ast.WalkSkipChildren, nil
	})
	return out
}

// titleOnly reports whether a fence's info string has no attributes but
// a title, reading the attributes as Hugo does: the first "{...}".
func titleOnly(info []byte) bool {
	start := bytes.IndexByte(info, '{')
	if start < 0 {
		return true
	}
	end := bytes.IndexByte(info[start:], '}')
	if end < 0 {
		return true // Hugo reads no attributes
	}
	attrs, ok := parser.ParseAttributes(text.NewReader(info[start : start+end+1]))
	if !ok {
		return false
	}
	for _, a := range attrs {
		if string(a.Name) != "title" {
			return false
		}
	}
	return true
}

// Fill makes sure the cache generation for cfg under cacheDir holds the
// pack of every note with code, highlighting the blocks of the notes that
// have none on every CPU, then prunes what the notes no longer use. It
// returns the generation's folder for the render hook.
//
// A pack is the whole cache of a note's code: a note whose code did not
// change finds its pack by name, and one whose code changed has all its
// blocks highlighted again. Reading one file per note, not one per block,
// is what makes a build with thousands of blocks quick.
func Fill(ctx context.Context, cacheDir string, notes []*note.Note, cfg Config) (string, Stats, error) {
	var st Stats
	if !Cacheable(cfg) {
		return "", st, errors.New("highlight settings with linked line numbers cannot be cached")
	}
	dir := Dir(cacheDir, cfg)
	used := map[string]struct{}{}
	var todo []*note.Note
	for _, n := range notes {
		k := packKey(n)
		if _, seen := used[k]; k == "" || seen {
			continue
		}
		used[k] = struct{}{}
		todo = append(todo, n)
	}
	st.Packs = len(used)
	// A block in more than one note's pack is highlighted once.
	seen := map[string]int{}
	for _, n := range todo {
		for _, b := range Blocks(n) {
			if b.key != "" {
				seen[b.key]++
			}
		}
	}
	type once struct {
		sync.Once
		html string
		err  error
	}
	var shared sync.Map // key -> *once, for the blocks seen more than once
	var hits, written, blocks atomic.Int64
	err := parallel.For(ctx, len(todo), func(i int) error {
		n := todo[i]
		p := PackPath(dir, packKey(n))
		if _, err := os.Stat(p); err == nil {
			hits.Add(1)
			return nil
		}
		var b []byte
		for i, bl := range Blocks(n) {
			if i > 0 {
				b = append(b, packSep...)
			}
			if bl.key == "" {
				b = append(b, packSep...)
				continue
			}
			highlight := func() (string, error) {
				blocks.Add(1)
				return Highlight(cfg, bl.lang, bl.code)
			}
			var html string
			var err error
			if seen[bl.key] > 1 {
				v, _ := shared.LoadOrStore(bl.key, &once{})
				o := v.(*once)
				o.Do(func() { o.html, o.err = highlight() })
				html, err = o.html, o.err
			} else {
				html, err = highlight()
			}
			if err != nil || strings.Contains(html, packSep) {
				// The hook lets Hugo highlight the block, which
				// reports the error.
				b = append(b, packSep...)
				continue
			}
			b = append(b, bl.key...)
			b = append(b, packSep...)
			b = append(b, html...)
		}
		if err := writeAtomic(p, b); err != nil {
			return err
		}
		written.Add(1)
		return nil
	})
	st.Hits, st.Written, st.Blocks = int(hits.Load()), int(written.Load()), int(blocks.Load())
	if err != nil {
		return "", st, err
	}
	pruned, err := prune(cacheDir, dir, used)
	st.Pruned = pruned
	return dir, st, err
}

// prune removes from cacheDir every other generation than dir, and in
// dir every pack not in keep and every file outside the packs folder (the
// entries of an older layout). It returns how many it removed.
func prune(cacheDir, dir string, keep map[string]struct{}) (int, error) {
	root := filepath.Join(cacheDir, "highlight")
	gens, err := readDirIfAny(root)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, g := range gens {
		gdir := filepath.Join(root, g.Name())
		if gdir != filepath.Clean(dir) {
			if err := os.RemoveAll(gdir); err != nil {
				return removed, err
			}
			removed++
			continue
		}
		entries, err := os.ReadDir(gdir)
		if err != nil {
			return removed, err
		}
		for _, e := range entries {
			if e.Name() == packsDir {
				continue
			}
			if err := os.RemoveAll(filepath.Join(gdir, e.Name())); err != nil {
				return removed, err
			}
			removed++
		}
		n, err := pruneShards(filepath.Join(gdir, packsDir), ".pack", func(k string) bool { _, ok := keep[k]; return ok })
		removed += n
		if err != nil {
			return removed, err
		}
	}
	return removed, nil
}

// pruneShards removes the files of the shard folders in dir that are not
// named key+ext with keep(key), and shards left empty.
func pruneShards(dir, ext string, keep func(key string) bool) (int, error) {
	shards, err := readDirIfAny(dir)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, s := range shards {
		if !s.IsDir() {
			continue
		}
		sdir := filepath.Join(dir, s.Name())
		entries, err := os.ReadDir(sdir)
		if err != nil {
			continue
		}
		left := len(entries)
		for _, e := range entries {
			if k, ok := strings.CutSuffix(e.Name(), ext); ok && keep(k) {
				continue
			}
			if err := os.Remove(filepath.Join(sdir, e.Name())); err != nil {
				return removed, err
			}
			removed++
			left--
		}
		if left == 0 {
			os.Remove(sdir)
		}
	}
	return removed, nil
}

// readDirIfAny is os.ReadDir, with no entries and no error for a folder
// that does not exist.
func readDirIfAny(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return entries, err
}

// writeAtomic writes data to path through a temporary file, so a reader
// never sees half a pack.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
