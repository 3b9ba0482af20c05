package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
)

// SubPath is where Serve mounts the site, as GitHub Pages does for a
// project site (https://user.github.io/interview-notes/).
const SubPath = "/interview-notes/"

// Site is a built site served over HTTP on 127.0.0.1.
type Site struct {
	srv *httptest.Server
}

// Serve serves the files of dir under SubPath; everything else is a 404.
// Files are read on each request, so dir may be filled after Serve
// returns: start the server, build with BaseURL, then test.
func Serve(dir string) *Site {
	files := http.StripPrefix(strings.TrimSuffix(SubPath, "/"), http.FileServer(http.Dir(dir)))
	mux := http.NewServeMux()
	mux.Handle(SubPath, files)
	return &Site{srv: httptest.NewServer(mux)}
}

// BaseURL is the site's root URL, ending in a slash, for Hugo's --baseURL.
func (s *Site) BaseURL() string { return s.srv.URL + SubPath }

// URL is the address of a page: rel is relative to the site root
// ("notes/docker/").
func (s *Site) URL(rel string) string { return s.BaseURL() + strings.TrimPrefix(rel, "/") }

// Close stops the server.
func (s *Site) Close() { s.srv.Close() }
