package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/generator/search/searchtest"
	"github.com/crib-notes/crib/internal/browsertest"
)

// BenchmarkKnownItem builds a site from the known-item vault of
// searchtest (CRIB_KNOWN_NOTES notes, default 1,000; 200 queries of two
// or three title words, clean and with one typo) and reports for each
// engine success@1, success@5 and MRR: the rank of the note among the
// distinct pages of the results, pages told apart by title. Crib's
// figures are Go's answers, which the page's client must give too (it is
// checked on every query). With PAGEFIND set to a pagefind binary,
// Pagefind indexes the same public/ folder and the page's browser runs
// the same queries through its client (bench/run does this).
//
//	PAGEFIND=pagefind go test ./e2e -run '^$' -bench KnownItem -benchtime 1x -v
func BenchmarkKnownItem(b *testing.B) {
	browsertest.RequireChrome(b)
	n := 1000
	if v := os.Getenv("CRIB_KNOWN_NOTES"); v != "" {
		fmt.Sscan(v, &n)
	}
	k := searchtest.NewKnownItem(n, 200, 1)
	work := b.TempDir()
	public, siteDir, vault := filepath.Join(work, "public"), filepath.Join(work, "site"), filepath.Join(work, "vault")
	if err := os.Mkdir(public, 0o755); err != nil {
		b.Fatal(err)
	}
	site := browsertest.Serve(public)
	defer site.Close()
	if err := copySite(siteDir); err != nil {
		b.Fatal(err)
	}
	writeVault(b, vault, k.Files())
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	var out bytes.Buffer
	if code := cli.Run(ctx, []string{"build", "--vault", vault, "--site", siteDir, "--destination", public, "--baseURL", site.BaseURL()}, &out, &out); code != 0 {
		b.Fatalf("build exited with %d:\n%s", code, out.String())
	}
	idx := loadIndex(b, filepath.Join(public, "search"))
	br := browsertest.New(b)
	p := br.Open(site.URL(""))

	var queries []string
	for _, q := range k.Queries {
		queries = append(queries, q.Clean, q.Typo)
	}
	checkMatchesGo(b, p, idx, queries)
	report := func(engine string, titlesOf func(q string) []string) {
		var clean, typo searchtest.Ranks
		for _, q := range k.Queries {
			want := k.Notes[q.Target].Title
			clean = append(clean, searchtest.RankOf(titlesOf(q.Clean), want))
			typo = append(typo, searchtest.RankOf(titlesOf(q.Typo), want))
			// The clean queries a reader would not find on the first
			// screen, with what came first instead: what ranking to
			// look at next.
			if r := clean[len(clean)-1]; r == 0 || r > 5 {
				b.Logf("%s: %q finds %q at rank %d; first: %q", engine, q.Clean, want, r, firstOf(titlesOf(q.Clean), 5))
			}
		}
		b.Logf("%s, %d notes: clean: %v; one typo: %v", engine, n, clean, typo)
		b.ReportMetric(100*clean.Success(1), engine+"-clean-%@1")
		b.ReportMetric(100*clean.Success(5), engine+"-clean-%@5")
		b.ReportMetric(clean.MRR(), engine+"-clean-MRR")
		b.ReportMetric(100*typo.Success(1), engine+"-typo-%@1")
		b.ReportMetric(100*typo.Success(5), engine+"-typo-%@5")
		b.ReportMetric(typo.MRR(), engine+"-typo-MRR")
	}
	report("crib", func(q string) []string {
		var titles []string
		for _, r := range search.Query(idx, q) {
			titles = append(titles, r.Title)
		}
		return titles
	})

	pf := os.Getenv("PAGEFIND")
	if pf == "" {
		return
	}
	cmd := exec.Command(pf, "--site", public)
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("pagefind: %v\n%s", err, msg)
	}
	// The titles of each query's first ten pages, as Pagefind's client
	// gives them, one query an evaluation (each within the page's time
	// limit).
	answers := map[string][]string{}
	for _, q := range queries {
		answers[q] = evalAsync[[]string](b, p, fmt.Sprintf(`(async () => {
			window.pagefind ??= await import(%q);
			const r = await window.pagefind.search(%s);
			const data = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
			return data.map(d => (d.meta && d.meta.title || "").trim());
		})()`, site.URL("pagefind/pagefind.js"), mustJSON(q)))
	}
	report("pagefind", func(q string) []string { return answers[q] })
}

// firstOf returns at most n of titles.
func firstOf(titles []string, n int) []string { return titles[:min(n, len(titles))] }
