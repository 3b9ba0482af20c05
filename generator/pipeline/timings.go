package pipeline

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// TimingsEnv names the environment variable that makes a run print how
// long each stage took: CRIB_TIMINGS=1 go run ./generator build. The
// benchmark harness (bench/run) reads these lines.
const TimingsEnv = "CRIB_TIMINGS"

// timings measures the stages of one run. The zero value, and a nil
// *timings, measure nothing.
type timings struct {
	w      io.Writer
	start  time.Time
	last   time.Time
	stages []stageTime
}

type stageTime struct {
	name string
	d    time.Duration
}

// startTimings starts measuring when TimingsEnv is set to anything but ""
// or "0"; the report goes to stderr. before, when not 0, is the time the
// build took before the run (listing the vault, checking its stamp),
// reported as the stamp stage.
func startTimings(before time.Duration) *timings {
	if v := os.Getenv(TimingsEnv); v == "" || v == "0" {
		return nil
	}
	now := time.Now()
	t := &timings{w: os.Stderr, start: now.Add(-before), last: now}
	if before > 0 {
		t.stages = append(t.stages, stageTime{"stamp", before})
	}
	return t
}

// mark ends the stage called name, which began at the previous mark.
func (t *timings) mark(name string) {
	if t == nil {
		return
	}
	now := time.Now()
	t.stages = append(t.stages, stageTime{name, now.Sub(t.last)})
	t.last = now
}

// took records a stage that ran alongside others and took d; the next
// mark counts from now.
func (t *timings) took(name string, d time.Duration) {
	if t == nil {
		return
	}
	t.stages = append(t.stages, stageTime{name, d})
	t.last = time.Now()
}

// report prints one line per stage and the total, in seconds:
//
//	crib: timing read 0.412
func (t *timings) report() {
	if t == nil {
		return
	}
	for _, s := range t.stages {
		fmt.Fprintf(t.w, "crib: timing %s %.3f\n", s.name, s.d.Seconds())
	}
	fmt.Fprintf(t.w, "crib: timing pipeline %.3f\n", time.Since(t.start).Seconds())
}

// ReportSkipped prints the timing lines of a build that ran no pipeline,
// its generated files being up to date (package stamp): finding that out
// took d.
func ReportSkipped(d time.Duration) {
	startTimings(d).report()
}

// ReportPeak prints the process's peak resident memory when TimingsEnv is
// set, as "crib: peak-rss 71234 kB": the kernel's high-water mark of this
// program's own memory (nothing is printed where there is none). The
// maximum resident size a parent reads from wait4 is no substitute: it
// counts the parent's own memory, which the child shares until it starts
// this program.
func ReportPeak(w io.Writer) {
	if v := os.Getenv(TimingsEnv); v == "" || v == "0" {
		return
	}
	if peak := PeakRSS(); peak > 0 {
		fmt.Fprintf(w, "crib: peak-rss %d kB\n", peak>>10)
	}
}

// PeakRSS is the process's VmHWM in bytes, or 0 where /proc is missing.
func PeakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
