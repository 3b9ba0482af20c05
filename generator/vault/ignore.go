package vault

import (
	"path"
	"strings"
)

// Matcher decides which vault paths are ignored. A pattern with a slash
// is matched against the whole vault-relative path, where "**" stands for
// any number of folders; a pattern without one is matched against the
// base name at any depth (like .gitignore).
type Matcher struct {
	patterns []string
}

// NewMatcher returns a matcher for the given glob patterns.
func NewMatcher(patterns []string) *Matcher {
	return &Matcher{patterns: patterns}
}

// Match reports whether the path is ignored. A folder matches "Dir/**"
// itself, so a walk can skip it whole.
func (m *Matcher) Match(rel string, isDir bool) bool {
	for _, p := range m.patterns {
		p = strings.TrimPrefix(p, "/")
		if !strings.Contains(strings.TrimSuffix(p, "/"), "/") {
			if ok, _ := path.Match(strings.TrimSuffix(p, "/"), path.Base(rel)); ok {
				return true
			}
			continue
		}
		if matchSegments(strings.Split(p, "/"), strings.Split(rel, "/")) {
			return true
		}
		if isDir {
			if d, ok := strings.CutSuffix(p, "/**"); ok && matchSegments(strings.Split(d, "/"), strings.Split(rel, "/")) {
				return true
			}
		}
	}
	return false
}

func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			if len(pat) == 1 {
				return true
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}
