package linkpreview

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/internal/cputime"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/search/searchtest"
	"github.com/crib-notes/crib/internal/fixtures"
)

// BenchmarkWrite makes and writes the preview shards of synthetic vaults
// of seed-sized notes, each build a cold one (what earlier builds
// memoized on the notes is dropped first). It reports the bytes the
// shards add to the site, and what a page fetches for its first preview:
// one shard, as sent gzip-compressed (gzip -6).
func BenchmarkWrite(b *testing.B) {
	body, _ := fixtures.Body(b, fixtures.Networking)
	for _, n := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			notes := searchtest.Vault(body, n, 1)
			var m *content.Memory
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				for _, n := range notes {
					note.Forget(n, "linkpreview.")
				}
				m = &content.Memory{}
				cpu0 := cputime.Process()
				b.StartTimer()
				if diags := Write(context.Background(), m, notes); len(diags) > 0 {
					b.Fatal(diags)
				}
				cpu += cputime.Process() - cpu0
			}
			b.StopTimer()
			var total int
			var sizes, gz []int
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, 6)
			for rel, data := range m.Files {
				if rel == IndexFile {
					continue
				}
				total += len(data)
				sizes = append(sizes, len(data))
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(data)
				zw.Close()
				gz = append(gz, buf.Len())
			}
			slices.Sort(sizes)
			slices.Sort(gz)
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/build")
			b.ReportMetric(float64(len(sizes)), "files")
			b.ReportMetric(float64(total)/(1<<20), "MB")
			b.ReportMetric(float64(sizes[len(sizes)/2]), "median-B")
			b.ReportMetric(float64(gz[len(gz)/2]), "median-gzip-B")
			b.ReportMetric(float64(gz[len(gz)-1]), "max-gzip-B")
		})
	}
}
