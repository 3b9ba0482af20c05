// Package browsertest drives a real headless Chromium against a built site,
// for tests of the theme, the search box and the practice deck.
//
// A test serves a public/ directory under SubPath with Serve, opens pages
// with New(t).Open(url), acts on them with chromedp, and asserts that pages
// load cleanly with Page.AssertClean. When a test fails, every page it
// opened is photographed at 390 and 1280 pixels wide and the directory is
// logged. CheckLinks verifies every internal link and asset of the site
// without a browser.
//
// Chromium is found at $CHROME_PATH, /usr/bin/chromium or
// chromium-browser on the PATH. Without one a test is skipped with a loud
// message, except when CI=true, where a missing browser fails the test.
package browsertest
