package pipeline

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

// TestReportPeak: with timings on, the process's own peak memory is
// printed in the form the benchmark harness reads; with them off,
// nothing is.
func TestReportPeak(t *testing.T) {
	var b bytes.Buffer
	t.Setenv(TimingsEnv, "")
	ReportPeak(&b)
	if b.Len() != 0 {
		t.Errorf("timings off: %q", b.String())
	}
	t.Setenv(TimingsEnv, "1")
	ReportPeak(&b)
	m := regexp.MustCompile(`^crib: peak-rss (\d+) kB\n$`).FindStringSubmatch(b.String())
	if m == nil {
		t.Fatalf("printed %q", b.String())
	}
	if kb, _ := strconv.Atoi(m[1]); kb < 1024 {
		t.Errorf("a peak of %d kB for a Go test process", kb)
	}
}
