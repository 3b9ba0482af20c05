package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// FindChrome returns the path of a Chromium executable: $CHROME_PATH when
// set, else the first of chromium, chromium-browser, google-chrome found.
func FindChrome() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("CHROME_PATH: %w", err)
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (set CHROME_PATH, or apt-get install chromium)")
}

// RequireChrome returns the Chromium path, or stops the test: a skip with a
// one-line reason (how to install it) on a developer machine, a failure in
// CI (CI=true), where a browser test must never pass by not running.
func RequireChrome(t testing.TB) string {
	t.Helper()
	p, err := FindChrome()
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("browser tests need Chromium in CI: %v", err)
	}
	t.Skipf("SKIPPING browser test: %v", err)
	return ""
}

// Flags are the Chromium switches the tests run with: headless, no
// sandbox (containers run as root), and nothing that talks to the network
// on its own, so that every request a test sees comes from the page.
var Flags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
	"disable-dev-shm-usage", "no-default-browser-check", "mute-audio",
	"disable-extensions", "hide-scrollbars",
}

// Timeout bounds each browser action of a test.
const Timeout = 30 * time.Second

// Browser is one Chromium process with a fresh profile, owned by one test.
type Browser struct {
	t   testing.TB
	ctx context.Context // the browser's chromedp context

	mu    sync.Mutex
	pages []*Page
}

// New starts Chromium for the test and stops it when the test ends. When
// the test has failed by then, every open page is photographed first.
func New(t testing.TB) *Browser {
	t.Helper()
	path := RequireChrome(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.WindowSize(1280, 900),
	}
	for _, f := range Flags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	ctx, cancel, err := start(t, path, opts)
	if err != nil {
		t.Fatalf("starting Chromium %s: %v", path, err)
	}
	b := &Browser{t: t, ctx: ctx}
	t.Cleanup(func() {
		b.mu.Lock()
		for _, p := range b.pages {
			p.close()
		}
		b.mu.Unlock()
		cancel()
	})
	// Registered last, so it runs first: photograph before closing.
	t.Cleanup(b.screenshotOnFailure)
	return b
}

// startAttempts bounds how often New starts Chromium. On a loaded machine
// its zygote can fail to fork a helper process ("Zygote could not fork")
// and the browser exits before the first page; a second start succeeds.
const startAttempts = 3

// start launches Chromium and returns its context and the function that
// stops it. Each failed attempt is logged, so a retried start stays visible.
func start(t testing.TB, path string, opts []chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	t.Helper()
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		// A fresh profile each time: a failed start can leave its lock behind.
		profile := append(opts[:len(opts):len(opts)], chromedp.UserDataDir(t.TempDir()))
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), profile...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		// The first Run starts the browser; it must not carry a timeout.
		if err = chromedp.Do(ctx); err == nil {
			return ctx, func() { cancelCtx(); cancelAlloc() }, nil
		}
		cancelCtx()
		cancelAlloc()
		if attempt < startAttempts {
			t.Logf("starting Chromium, attempt %d of %d: %v", attempt, startAttempts, err)
			time.Sleep(time.Duration(attempt) * time.Second)
		}
	}
	return nil, nil, err
}

func (b *Browser) screenshotOnFailure() {
	if !b.t.Failed() {
		return
	}
	dir := os.Getenv("CRIB_SCREENSHOT_DIR")
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "crib-screenshots-"); err != nil {
			b.t.Logf("screenshots: %v", err)
			return
		}
	}
	b.mu.Lock()
	pages := append([]*Page(nil), b.pages...)
	b.mu.Unlock()
	for i, p := range pages {
		for _, w := range []int64{390, 1280} {
			name := filepath.Join(dir, fmt.Sprintf("%s-%d-%dpx.png", sanitize(b.t.Name()), i+1, w))
			if err := p.screenshot(name, w); err != nil {
				b.t.Logf("screenshot %s: %v", name, err)
				continue
			}
		}
	}
	b.t.Logf("screenshots of the failing pages: %s", dir)
}

func sanitize(name string) string {
	out := []rune(name)
	for i, r := range out {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			out[i] = '_'
		}
	}
	return string(out)
}
