package practice

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/tags"
)

// Difficulties are the difficulties a note can give its questions,
// easiest first.
var Difficulties = []string{"easy", "medium", "hard"}

// difficultyTag is the parent of the nested tags that give a difficulty
// (difficulty/easy), as tags.Key spells it.
const difficultyTag = "difficulty"

// ParseDifficulty reads a difficulty as a note or the anki command may
// write it: easy, medium or hard in any case, or 1, 2 or 3.
func ParseDifficulty(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(Difficulties, s) {
		return s, true
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= len(Difficulties) {
		return Difficulties[n-1], true
	}
	return "", false
}

// noteDifficulty is the difficulty of a note's questions: its front
// matter's "difficulty" (any case of the key), else its first
// difficulty/… tag; "" when it has none. problem says why a value that
// is there is not a difficulty.
func noteDifficulty(n *note.Note) (difficulty, problem string) {
	if v, ok := difficultyParam(n.Params); ok {
		if d, ok := difficultyValue(v); ok {
			return d, ""
		} else if d != "" {
			problem = fmt.Sprintf("difficulty %s is not easy, medium or hard (or 1 to 3)", d)
		}
	}
	for _, t := range n.Tags {
		rest, ok := strings.CutPrefix(tags.Key(t), difficultyTag+"/")
		if !ok {
			continue
		}
		if d, ok := ParseDifficulty(rest); ok && !strings.Contains(rest, "/") {
			return d, problem
		}
		if problem == "" {
			problem = fmt.Sprintf("tag %q is not difficulty/easy, difficulty/medium or difficulty/hard", t)
		}
	}
	return "", problem
}

// difficultyParam is the value of the front matter key "difficulty",
// written in any case (the one spelled so, else the first in order).
func difficultyParam(params map[string]any) (any, bool) {
	if v, ok := params[difficultyTag]; ok {
		return v, true
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.EqualFold(strings.TrimSpace(k), difficultyTag) {
			return params[k], true
		}
	}
	return nil, false
}

// difficultyValue reads a front matter value as a difficulty. When it is
// not one, the result is the value quoted for a diagnostic, or "" when
// it is empty (no difficulty given, nothing to report).
func difficultyValue(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", false
	case string:
		if strings.TrimSpace(v) == "" {
			return "", false
		}
		if d, ok := ParseDifficulty(v); ok {
			return d, true
		}
		return strconv.Quote(v), false
	case int:
		if d, ok := ParseDifficulty(strconv.Itoa(v)); ok {
			return d, true
		}
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e6 {
			if d, ok := ParseDifficulty(strconv.Itoa(int(v))); ok {
				return d, true
			}
		}
	case []any:
		if len(v) == 1 {
			if d, ok := difficultyValue(v[0]); ok {
				return d, true
			}
		}
	}
	return strconv.Quote(fmt.Sprint(v)), false
}

// difficultyProblems warns about the notes with questions whose
// difficulty is given but is not one: their cards have none. The front
// matter's lines are not known here, so the warning names the file.
func difficultyProblems(notes []*note.Note) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, n := range notes {
		if n == nil || len(NoteCards(n)) == 0 {
			continue
		}
		if _, problem := noteDifficulty(n); problem != "" {
			ds = append(ds, diag.FrontMatter.Warnf(n.Source, 0, "%s: its questions have no difficulty", problem))
		}
	}
	return ds
}

// OfDifficulty keeps the cards of one of the difficulties in want (all
// cards when want is empty). A card of no difficulty is of none of them.
func OfDifficulty(cards []Card, want []string) []Card {
	if len(want) == 0 {
		return cards
	}
	var out []Card
	for _, c := range cards {
		if slices.Contains(want, c.Difficulty) {
			out = append(out, c)
		}
	}
	return out
}
