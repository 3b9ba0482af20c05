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
func WriteLazy(w Writer, rel string, produce func() ([]byte, error)) error {
	if d, ok := w.(*Discard); ok {
		return d.WriteFile(rel, nil)
	}
	data, err := produce()
	if err != nil {
		return err
	}
	return w.WriteFile(rel, data)
}
