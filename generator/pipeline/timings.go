package pipeline

import (
	"fmt"
	"io"
	"os"
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
