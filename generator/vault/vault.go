// Package vault reads an Obsidian vault from disk, read-only: which notes
// and attachments it holds, which of them are ignored, and when git last
// changed each one.
package vault

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/diag"
)

// File is one file of the vault.
type File struct {
	// Path is vault-relative, slash-separated and always text: bytes of
	// the name on disk that are not valid UTF-8, and control characters,
	// read as U+FFFD (see textName).
	Path string
	Abs  string // absolute path on disk, symlinks resolved
	Size int64  // in bytes, when the vault was listed
}

// IsNote reports whether f is a Markdown note.
func (f File) IsNote() bool {
	ext := strings.ToLower(path.Ext(f.Path))
	return (ext == ".md" || ext == ".markdown") && !f.IsDrawing()
}

// IsDrawing reports whether f is an Excalidraw drawing ("Board.excalidraw.md"):
// Markdown holding the drawing as compressed JSON, which is never
// published; notes embed the image the plugin exports of it.
func (f File) IsDrawing() bool {
	return strings.HasSuffix(strings.ToLower(f.Path), ".excalidraw.md")
}

// Vault is the listing of a vault folder. Files are sorted by path. A
// build lists its vault once and hands the listing to every step that
// reads the vault.
type Vault struct {
	Root        string // absolute, symlinks resolved
	Notes       []File
	Attachments []File
	// Diags are the problems found while listing: files left out, names
	// read differently.
	Diags []diag.Diagnostic
}

// Bytes is the size of the vault's notes and attachments.
func (v *Vault) Bytes() int64 {
	var n int64
	for _, fs := range [][]File{v.Notes, v.Attachments} {
		for _, f := range fs {
			n += f.Size
		}
	}
	return n
}

// Open lists the vault at root. Files matching an ignore pattern, hidden
// files and folders (".obsidian", ".git", ".trash"), the template folders
// the vault's Obsidian settings name (see templateFolders), Excalidraw
// drawings (File.IsDrawing) and symlinks that lead outside the vault are
// left out; the last get a warning (in Vault.Diags).
func Open(ctx context.Context, root string, ignore []string) (*Vault, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return nil, fmt.Errorf("vault %s: %w", root, err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("vault %s: %w", root, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("vault %s: not a folder", root)
	}
	m := NewMatcher(ignore)
	templates := templateFolders(abs)
	v := &Vault{Root: abs}
	var diags []diag.Diagnostic
	taken := map[string]bool{}
	err = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if p == abs {
			return nil
		}
		rel := filepath.ToSlash(p[len(abs)+1:])
		if strings.HasPrefix(d.Name(), ".") || m.Match(rel, d.IsDir()) || inFolder(rel, templates) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		target := p
		var size int64
		if d.Type()&fs.ModeSymlink != 0 {
			resolved, err := filepath.EvalSymlinks(p)
			if err != nil || !within(abs, resolved) {
				diags = append(diags, diag.File.Warnf(rel, 0, "symlink leads outside the vault; not published"))
				return nil
			}
			st, err := os.Stat(resolved)
			if err != nil || st.IsDir() {
				return nil
			}
			target, size = resolved, st.Size()
		} else if !d.Type().IsRegular() {
			return nil
		} else if info, err := d.Info(); err == nil {
			size = info.Size()
		}
		f := File{Path: textName(rel), Abs: target, Size: size}
		if taken[f.Path] {
			diags = append(diags, diag.File.Warnf(f.Path, 0, "file name reads the same as another file's once the bytes that are not text are replaced; not published"))
			return nil
		}
		taken[f.Path] = true
		if f.Path != rel {
			diags = append(diags, diag.File.Warnf(f.Path, 0, "file name has bytes that are not text (invalid UTF-8 or control characters); read as \uFFFD"))
		}
		switch {
		case f.IsNote():
			v.Notes = append(v.Notes, f)
		case !f.IsDrawing():
			v.Attachments = append(v.Attachments, f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	v.Diags = diags
	byPath := func(a, b File) int { return strings.Compare(a.Path, b.Path) }
	slices.SortFunc(v.Notes, byPath)
	slices.SortFunc(v.Attachments, byPath)
	return v, nil
}

// textName returns a file name that is text: invalid UTF-8 and control
// characters become U+FFFD. Names become titles, URLs and diagnostics,
// none of which can hold them (a newline would split a diagnostic, an
// escape sequence would reach the terminal).
func textName(name string) string {
	if utf8.ValidString(name) && !strings.ContainsFunc(name, unicode.IsControl) {
		return name
	}
	name = strings.ToValidUTF8(name, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return utf8.RuneError
		}
		return r
	}, name)
}

func within(root, p string) bool {
	return p == root || strings.HasPrefix(p, root+string(filepath.Separator))
}

// GitDates returns, for each file git tracks under root, the time of the
// last commit that changed it. A vault that is not in git, or a machine
// without git, gives an empty map: dates are then what the notes say.
func GitDates(ctx context.Context, root string) map[string]time.Time {
	dates := map[string]time.Time{}
	top, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--show-prefix").Output()
	if err != nil {
		return dates
	}
	prefix := strings.TrimSpace(string(top))
	cmd := exec.CommandContext(ctx, "git", "-C", root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "-z", "--", ".")
	out, err := cmd.Output()
	if err != nil {
		return dates
	}
	// Output is newest first: "\x00<unix>\n\n<path>\x00<path>\x00..." per
	// commit; the first time a path appears is its last change.
	var when time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	for sc.Scan() {
		tok := strings.TrimLeft(sc.Text(), "\n")
		if tok == "" {
			continue
		}
		if head, rest, ok := strings.Cut(tok, "\n"); ok || isDigits(tok) {
			if secs, err := strconv.ParseInt(head, 10, 64); err == nil && isDigits(head) {
				when = time.Unix(secs, 0).UTC()
				tok = strings.TrimLeft(rest, "\n")
				if tok == "" {
					continue
				}
			}
		}
		rel, ok := strings.CutPrefix(tok, prefix)
		if !ok || when.IsZero() {
			continue
		}
		if _, seen := dates[rel]; !seen {
			dates[rel] = when
		}
	}
	return dates
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
