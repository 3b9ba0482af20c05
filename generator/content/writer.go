// Package content writes the generator's outputs into the Hugo site: page
// bundles under content/notes/ and every other generated file. It writes
// atomically, only where the generator owns the path, and keeps a manifest
// so that it removes what it wrote before and nothing else.
package content

// Writer writes one generated file. rel is slash-separated and relative to
// the site root (for example "static/search/manifest.json"). Implementations
// write atomically, skip files whose bytes did not change, record the file
// in the manifest, and refuse paths the generator does not own.
type Writer interface {
	WriteFile(rel string, data []byte) error
	// KeepsBytes reports whether the writer keeps the bytes it is given. A
	// Discard (check) keeps only the names, so an output need not make
	// what no one will read, nor run at all when it cannot find a
	// problem in the notes.
	KeepsBytes() bool
}

// keyedWriter is a Writer that remembers what a file was made from
// between runs (Site).
type keyedWriter interface {
	keepFor(rel, key string) bool
	madeFrom(rel, key string)
}

// WriteLazy writes the file produce returns to w. A Discard writer keeps no
// bytes, so there produce is not called and only the name is recorded: an
// output makes a large file this way when making it cannot find a
// problem in the notes (a check would only throw the bytes away).
//
// key, when not "", names everything the bytes depend on: a Site that
// wrote the file from the same key in an earlier run, and still has it as
// that run left it, keeps it without calling produce. Earlier runs of
// serve count, and so do earlier builds by the same build of the program
// (the manifest remembers the keys with the program's build ID). The
// practice exports are made this way: hundreds of megabytes at 5,000
// notes that most saves and most builds do not change.
func WriteLazy(w Writer, rel, key string, produce func() ([]byte, error)) error {
	if !w.KeepsBytes() {
		return w.WriteFile(rel, nil)
	}
	if Unchanged(w, rel, key) {
		return nil
	}
	data, err := produce()
	if err != nil {
		return err
	}
	if err := w.WriteFile(rel, data); err != nil {
		return err
	}
	MadeFrom(w, rel, key)
	return nil
}

// Unchanged reports whether w is a Site that made rel from key in an
// earlier run (MadeFrom) and still has it; it then keeps the file (see
// Site.Keep), so the caller need not make it again. An empty key is never
// unchanged.
func Unchanged(w Writer, rel, key string) bool {
	k, ok := w.(keyedWriter)
	return ok && key != "" && k.keepFor(rel, key)
}

// MadeFrom records that the file just written to rel was made from key,
// for Unchanged in a later run. Writers other than a Site forget it.
func MadeFrom(w Writer, rel, key string) {
	if k, ok := w.(keyedWriter); ok && key != "" {
		k.madeFrom(rel, key)
	}
}
