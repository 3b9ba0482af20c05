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
}

// WriteLazy writes the file produce returns to w. A Discard writer keeps no
// bytes, so there produce is not called and only the name is recorded: an
// output makes a large file this way when making it cannot find a
// problem in the notes (a check would only throw the bytes away).
//
// key, when not "", names everything the bytes depend on: a Site that
// wrote the file from the same key in an earlier run, and still has it,
// keeps it without calling produce. serve makes the practice exports this
// way, hundreds of megabytes at 5,000 notes that most saves do not change.
func WriteLazy(w Writer, rel, key string, produce func() ([]byte, error)) error {
	if d, ok := w.(*Discard); ok {
		return d.WriteFile(rel, nil)
	}
	s, site := w.(*Site)
	if site && key != "" && s.keepFor(rel, key) {
		return nil
	}
	data, err := produce()
	if err != nil {
		return err
	}
	if err := w.WriteFile(rel, data); err != nil {
		return err
	}
	if site && key != "" {
		s.mu.Lock()
		s.keys[rel] = key
		s.mu.Unlock()
	}
	return nil
}
