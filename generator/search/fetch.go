package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// fetchLog records the files a query needs, in the order the client
// requests them. A nil *fetchLog records nothing.
type fetchLog struct {
	seen  map[string]bool
	files []string
}

func (l *fetchLog) add(names ...string) {
	if l == nil {
		return
	}
	for _, n := range names {
		if n != "" && !l.seen[n] {
			l.seen[n] = true
			l.files = append(l.files, n)
		}
	}
}

// Fetched returns the files (names relative to static/search/) the
// browser downloads to answer q as a first query and show its first
// shown results: the manifest, dictionary shards, posting packs, the tag
// file when filtering, and the page tables and fragments.
func Fetched(x *Index, q string, shown int) []string {
	rec := &fetchLog{seen: map[string]bool{}}
	rec.add(manifestName)
	resp := x.search(q, rec)
	for _, r := range resp.Results[:min(shown, len(resp.Results))] {
		rec.add(x.fragFiles(r.ID)...)
	}
	return rec.files
}

// fragFiles names the files the client reads for the display data of
// document id: its page's table, then the page's fragment file, or the
// part holding the document.
func (x *Index) fragFiles(id int32) []string {
	page, rec := int(id>>pageBits), int(id&(1<<pageBits-1))
	if page >= len(x.frags) {
		return nil
	}
	parts := x.frags[page]
	return []string{x.tables[page/tablePages], parts[rec%len(parts)]}
}

// shardsFor returns the dictionary shards the client loads for query word
// w, in the order it loads them: for one letter, the shard that would
// hold the term itself; for more, every shard holding terms that start
// with w (the term and its prefix candidates); then, for five letters or
// more when those hold no candidate (found is false), every shard holding
// terms that share w's first two letters, where typo candidates are.
func (x *Index) shardsFor(w string, found bool) []string {
	n := utf8.RuneCountInString(w)
	if n == 1 {
		return x.shardRange(w, false)
	}
	shards := x.shardRange(w, true)
	if n >= 5 && !found {
		for _, s := range x.shardRange(firstRunes(w, 2), true) {
			if !slices.Contains(shards, s) {
				shards = append(shards, s)
			}
		}
	}
	return shards
}

// shardRange returns the shard whose range holds p and, when prefix is
// true, the following shards whose first term starts with p.
func (x *Index) shardRange(p string, prefix bool) []string {
	if len(x.shards) == 0 {
		return nil
	}
	// The last shard whose first term is <= p.
	i, found := slices.BinarySearchFunc(x.shards, p, func(s [2]string, p string) int { return strings.Compare(s[0], p) })
	if !found && i > 0 {
		i--
	}
	out := []string{x.shards[i][1]}
	for j := i + 1; prefix && j < len(x.shards) && strings.HasPrefix(x.shards[j][0], p); j++ {
		out = append(out, x.shards[j][1])
	}
	return out
}

// recordTags records the tag file and the range files of the tags a
// query filters by.
func (x *Index) recordTags(rec *fetchLog, tags []string) {
	if len(tags) == 0 {
		return
	}
	rec.add(x.tagsFile)
	for _, t := range tags {
		rec.add(x.tags[t].File)
	}
}
