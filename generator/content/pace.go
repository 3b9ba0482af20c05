package content

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// This file is how the site's changes reach a file watcher (Hugo's
// server): the pacer that spreads them over time in groups, the file
// events each kind of change makes, and writing a file over in one event.

// pacer spreads changes on disk over time, in groups: a group holds at
// most n file events under one of its prefixes, and the next group starts
// d after a group fills, and not before gate, when set, returns. Every
// writer waits for its turn before it changes a file, so writers running
// side by side cannot fill several groups at once. The zero value never
// waits.
type pacer struct {
	mu    sync.Mutex
	n     int
	d     time.Duration
	scope []string
	// gate, given the file and the time of a full group's last change,
	// returns once the next group may go (serve: once Hugo has taken the
	// group into a rebuild).
	gate    func(lastRel string, last time.Time)
	gating  bool // a writer waits for gate; the others wait for it
	count   int
	until   time.Time // no change before then: the last group filled
	last    time.Time // when the last change was let through
	lastRel string    // the file it changed

	sleep func(time.Duration) // time.Sleep; tests count the waits
	now   func() time.Time    // time.Now
	// admitted, when set, sees every change let through, under the lock.
	admitted func(rel string, events int, at time.Time)
}

// gatePoll is how often writers look whether a gate has opened.
const gatePoll = 20 * time.Millisecond

// File events Hugo's watcher counts for a change. A new file is renamed
// into place from tmpDir, outside the watched folders: one event, and one
// more for each folder made for it. A file written over is one event (see
// overwrite). A removed file or folder is one event (fsnotify drops a
// removed folder's event from its own watch).
const (
	eventsWrite        = 1
	eventsTruncate     = 1
	eventsRemove       = 1
	eventsRemoveFolder = 1
)

// eventsOverwrite is the number of file events writing size bytes over a
// file of oldSize bytes makes (see overwrite): one, or two for a file that
// shrinks where it cannot be mapped. A mapping that fails all the same is
// counted once made (pacer.exceeded).
func eventsOverwrite(oldSize int64, size int) int {
	if int64(size) < oldSize && !canMap {
		return eventsWrite + eventsTruncate
	}
	return eventsWrite
}

// eventsNew is the number of file events writing the new file abs under
// root makes: the file's and one for each folder above it that is
// missing.
func eventsNew(root, abs string) int {
	n := eventsWrite
	for dir := filepath.Dir(abs); len(dir) > len(root); dir = filepath.Dir(dir) {
		if _, err := os.Lstat(dir); err == nil {
			break
		}
		n++
	}
	return n
}

// wait returns when a change to rel, making events file events, fits in
// the current group. It sleeps without holding the lock.
func (p *pacer) wait(rel string, events int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.n <= 0 || !inScope(rel, p.scope) {
		return
	}
	sleep, now := p.sleep, p.now
	if sleep == nil {
		sleep = time.Sleep
	}
	if now == nil {
		now = time.Now
	}
	for {
		t := now()
		if p.gating {
			p.mu.Unlock()
			sleep(gatePoll)
			p.mu.Lock()
			continue
		}
		if t.Before(p.until) {
			p.mu.Unlock()
			sleep(p.until.Sub(t))
			p.mu.Lock()
			continue
		}
		if p.count+events > p.n && p.count > 0 {
			p.until, p.count = t.Add(p.d), 0
			if gate := p.gate; gate != nil {
				p.gating = true
				lastRel, last := p.lastRel, p.last
				p.mu.Unlock()
				gate(lastRel, last)
				p.mu.Lock()
				p.gating = false
			}
			continue
		}
		break
	}
	p.count += events
	at := now()
	// A folder (rel ending in "/") is not the change the gate is given:
	// Hugo's log does not name a removed folder as it was removed, and its
	// one event fits in the margin under Hugo's limit.
	if !strings.HasSuffix(rel, "/") {
		p.last, p.lastRel = at, rel
	}
	if p.admitted != nil {
		p.admitted(rel, events, at)
	}
}

// exceeded counts events a change to rel made beyond those it waited
// for, so that the next change waits as if they had been counted.
func (p *pacer) exceeded(rel string, events int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if events > 0 && p.n > 0 && inScope(rel, p.scope) {
		p.count += events
	}
}

// reset starts a new run.
func (p *pacer) reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.count = 0
}

// Pace makes the site change files under the prefixes of scope (all of
// them when scope is nil) in groups of at most n file events, the next
// group starting d after a group fills and once gate, when not nil, has
// returned, given the file and the time of the full group's last change.
//
// serve paces what it writes so that the burst of changes after an edit,
// or after a pull that changes hundreds of notes, reaches Hugo's watcher
// in batches Hugo handles as a change set: one edit changes dozens of
// files of the search index, and Hugo's server takes a batch of more than
// 50 file events for a mass edit and rebuilds the whole site on a
// goroutine of its own, while the next batches rebuild parts of it beside
// it, which can crash the server ("nil walk context"). Hugo batches
// events every 500 ms and renders a batch of pages in up to a second or
// more, so a fixed pause is not enough: the gate holds the next group
// until Hugo has begun the rebuild that takes the last. A single save's
// page fits in the first group and goes out at once.
func (s *Site) Pace(n int, d time.Duration, scope []string, gate func(lastRel string, last time.Time)) {
	s.pace.mu.Lock()
	defer s.pace.mu.Unlock()
	s.pace.n, s.pace.d, s.pace.scope, s.pace.gate = n, d, scope, gate
	s.pace.count = 0
}

// overwrite writes data over the existing file abs, keeping the file, and
// returns the number of file events it made. Hugo's server takes a file
// renamed into place for a page removed and added again, and renders
// again every page that lists its section (at 5,000 notes: a dozen pages
// after each save, and a first rebuild of several seconds); a file
// written over is one changed page. Each write and each truncation is a
// file event, and Hugo's server takes only so many in a batch, so a file
// is written in one write, and one that shrinks gets its new bytes
// through a mapping (no event) and is then cut to length: one event
// either way, made when the file holds its new bytes. Hugo reads the file
// only after its watcher's next batch of events, which the change is
// part of.
func overwrite(abs string, data []byte) (events int, err error) {
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := st.Size()
	if int64(len(data)) < size && mapWrites && writeMapped(f, data, size) {
		beforeTruncate()
		return eventsTruncate, f.Truncate(int64(len(data)))
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		return eventsWrite, err
	}
	if int64(len(data)) < size {
		beforeTruncate()
		return eventsWrite + eventsTruncate, f.Truncate(int64(len(data)))
	}
	return eventsWrite, nil
}

// Tests set these: mapWrites false writes as where no mapping works, and
// beforeTruncate runs between a file's new bytes and its truncation.
var (
	mapWrites      = true
	beforeTruncate = func() {}
)
