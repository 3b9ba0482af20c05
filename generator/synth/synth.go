// Package synth generates synthetic vaults shaped like real interview
// notes, for benchmarks: folders of Markdown files with the front matter
// damage the normalizer repairs, "Interview Q" sections, tables (some
// broken), wikilinks between the generated notes, callouts, quick
// reference lists and, in the code-heavy mix, many code fences.
//
// Output depends only on the arguments: the same seed gives the same
// vault byte for byte.
package synth

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Mix says what the notes are mostly made of.
type Mix int

const (
	// Prose notes: questions, answers, lists and tables, a few fences.
	Prose Mix = iota
	// Code notes: the same prose with 8 to 12 fences of 10 to 40 lines.
	Code
)

// String returns the mix's name as ParseMix reads it.
func (m Mix) String() string {
	if m == Code {
		return "code"
	}
	return "prose"
}

// ParseMix reads "prose" or "code".
func ParseMix(s string) (Mix, error) {
	switch s {
	case "prose":
		return Prose, nil
	case "code":
		return Code, nil
	}
	return Prose, fmt.Errorf("unknown mix %q: want prose or code", s)
}

// Options shape a vault. The zero value of a field means its default.
type Options struct {
	Mix Mix
	// MinSize and MaxSize bound a note's size in bytes (about; a note
	// stops growing at the first section past its chosen size). Default
	// 15,000 to 18,000, the size of a typical long interview note.
	MinSize, MaxSize int
	// FenceLines is the most lines a code fence has (about; default 40);
	// a fence has between a quarter of it and all of it.
	FenceLines int
	// Math gives every answer formulas, as notes on algorithms write
	// them: three inline and one display.
	Math bool
}

// File is one generated vault file.
type File struct {
	Path string // vault-relative, slash-separated
	Data []byte
}

// Generate returns n notes.
func Generate(n int, opts Options, seed uint64) []File {
	if opts.MinSize <= 0 {
		opts.MinSize = 15000
	}
	if opts.MaxSize < opts.MinSize {
		opts.MaxSize = max(opts.MinSize, 18000)
	}
	plans := make([]plan, n)
	for i := range plans {
		plans[i] = newPlan(seed, i)
	}
	files := make([]File, n)
	for i := range plans {
		files[i] = File{Path: plans[i].path, Data: writeNote(plans, i, opts, seed)}
	}
	return files
}

// Write generates n notes into dir, which must not hold a vault already
// (files of the same names are overwritten).
func Write(dir string, n int, opts Options, seed uint64) error {
	return WriteFiles(dir, Generate(n, opts, seed))
}

// WriteFiles writes generated files into dir.
func WriteFiles(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Size is the total size of files in bytes.
func Size(files []File) int64 {
	var s int64
	for _, f := range files {
		s += int64(len(f.Data))
	}
	return s
}

// plan is what other notes need to know about a note before it is
// written: its name, folder and section headings (link targets).
type plan struct {
	topic    topic
	title    string
	path     string
	sections []string // "## " headings, without the hashes
}

func newPlan(seed uint64, i int) plan {
	r := rand.New(rand.NewPCG(seed, uint64(i)<<1))
	t := topics[r.IntN(len(topics))]
	subject := t.subjects[r.IntN(len(t.subjects))]
	title := fmt.Sprintf("%s %s %d", subject, pick(r, titleSuffixes), i)
	folder := t.folder
	if r.IntN(3) == 0 {
		folder += "/" + pick(r, subfolders)
	}
	p := plan{topic: t, title: title, path: folder + "/" + title + ".md"}
	ns := 4 + r.IntN(6)
	for s := range ns {
		p.sections = append(p.sections, fmt.Sprintf("%d. %s", s+1, strings.ToUpper(pick(r, t.subjects))+": "+pick(r, sectionAngles)))
	}
	return p
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// writeNote writes note i of the plans.
func writeNote(plans []plan, i int, opts Options, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(i)<<1|1))
	p := plans[i]
	w := &noteWriter{r: r, plans: plans, self: i, fenceLines: cmp.Or(opts.FenceLines, 40), math: opts.Math}
	w.frontMatter(p)
	size := opts.MinSize + r.IntN(opts.MaxSize-opts.MinSize+1)

	fences := 0
	if opts.Mix == Code {
		fences = 8 + r.IntN(5)
	} else if r.IntN(2) == 0 {
		fences = 1 + r.IntN(3)
	}
	// Spread the fences over the sections, front-loaded so that every
	// fence is written before the note reaches its size.
	perSection := make([]int, len(p.sections))
	spread := min(len(p.sections), 3+r.IntN(2))
	for f := range fences {
		perSection[f%spread]++
	}
	calloutAt := r.IntN(3) // sections 0 to 2 are always written
	for s, h := range p.sections {
		w.section(p, h, perSection[s], s == calloutAt)
		if w.b.Len() >= size && s >= 2 && sum(perSection[s+1:]) == 0 {
			break
		}
	}
	for w.b.Len() < size-1500 {
		w.extraQuestion(p)
	}
	w.quickReference(p)
	return []byte(w.b.String())
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}
