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
