package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Page is one browser tab. It records what the page does while the test
// drives it: console errors, failed requests and every URL requested.
type Page struct {
	b     *Browser
	ctx   context.Context // the tab's chromedp context
	close context.CancelFunc

	mu       sync.Mutex
	console  []string
	failed   []string
	requests []string
	pending  map[network.RequestID]string // request id -> URL, for failures
}

// Open opens url in a new tab at 1280×900, with the system colour scheme
// set to light, and waits for its load event. setup runs before the page
// loads (for example ColorScheme("dark")).
func (b *Browser) Open(url string, setup ...chromedp.Action[chromedp.Void]) *Page {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	p := &Page{b: b, ctx: ctx, close: cancel, pending: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, p.record); err != nil {
		b.t.Fatalf("open tab: %v", err)
	}
	b.mu.Lock()
	b.pages = append(b.pages, p)
	b.mu.Unlock()
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(1280, 900), ColorScheme("light")}
	steps = append(steps, setup...)
	p.Do(append(steps, chromedp.Navigate(url))...)
	return p
}

// Media emulates a CSS media type for the tab, such as "print"; "" ends
// the emulation.
func Media(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// ColorScheme emulates the system's colour preference, "light" or "dark"
// (CSS prefers-color-scheme), for the tab.
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// record runs on the tab's message loop: it must be quick and not block.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if len(a.Value) > 0 {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.console = append(p.console, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			msg += " " + d.Exception.Description
		}
		p.console = append(p.console, fmt.Sprintf("exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			p.console = append(p.console, fmt.Sprintf("%s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
		p.pending[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			p.failed = append(p.failed, fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		if !ev.Canceled {
			p.failed = append(p.failed, fmt.Sprintf("%s %s", ev.ErrorText, p.pending[ev.RequestID]))
		}
	}
}

// Do runs the actions in the tab, failing the test on an error.
func (p *Page) Do(actions ...chromedp.Action[chromedp.Void]) {
	p.b.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.b.t.Fatalf("browser: %v", err)
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
func Eval[T any](p *Page, expr string) T {
	p.b.t.Helper()
	v, err := TryEval[T](p, expr)
	if err != nil {
		p.b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// TryEval is Eval returning its error: for polling a page that may be
// navigating (a live reload) while it is evaluated.
func TryEval[T any](p *Page, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// Reload reloads the page and waits for its load event.
func (p *Page) Reload() { p.Do(chromedp.Reload()) }

// Context is the tab's chromedp context, for actions Page has no helper
// for; derive a timeout from it.
func (p *Page) Context() context.Context { return p.ctx }

// ConsoleErrors are the console errors, uncaught exceptions and browser log
// errors (such as a failed resource load) seen so far.
func (p *Page) ConsoleErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...)
}

// FailedRequests are the requests that failed or got an HTTP error status.
func (p *Page) FailedRequests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.failed...)
}

// Requests are the URLs of every request the page made, in order.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// ForeignRequests are the requests that went to a host other than
// 127.0.0.1. data: and blob: URLs never leave the page and are not counted.
func (p *Page) ForeignRequests() []string {
	var out []string
	for _, r := range p.Requests() {
		u, err := url.Parse(r)
		if err != nil {
			out = append(out, r)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Hostname() != "127.0.0.1" {
			out = append(out, r)
		}
	}
	return out
}

// AssertClean fails the test when the page logged a console error, a
// request failed, or a request went to another host.
func (p *Page) AssertClean() {
	p.b.t.Helper()
	for _, e := range p.ConsoleErrors() {
		p.b.t.Errorf("console error: %s", e)
	}
	for _, f := range p.FailedRequests() {
		p.b.t.Errorf("failed request: %s", f)
	}
	for _, r := range p.ForeignRequests() {
		p.b.t.Errorf("request left 127.0.0.1: %s", r)
	}
}

// screenshot writes a full-page PNG of the page at the given width.
func (p *Page) screenshot(file string, width int64) error {
	ctx, cancel := context.WithTimeout(p.ctx, Timeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
		return err
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	return os.WriteFile(file, png, 0o644)
}

// Screenshot writes full-page PNGs of the page at 390 and 1280 pixels wide
// into dir and returns their paths; the viewport is left at 1280.
func (p *Page) Screenshot(dir, name string) []string {
	p.b.t.Helper()
	var files []string
	for _, w := range []int64{390, 1280} {
		f := fmt.Sprintf("%s/%s-%dpx.png", dir, name, w)
		if err := p.screenshot(f, w); err != nil {
			p.b.t.Fatalf("screenshot: %v", err)
		}
		files = append(files, f)
	}
	return files
}
