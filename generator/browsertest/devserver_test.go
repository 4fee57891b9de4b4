package browsertest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kernelpress/kernelpress/generator/devserver"
	"github.com/kernelpress/kernelpress/generator/site"
)

// liveWait bounds each wait for the page to follow an edit: a failure
// bound, not a timing assertion.
const liveWait = 30 * time.Second

// liveEssay is the scratch explainer the dev server test edits.
func liveEssay(body string) string {
	return "---\ntitle: \"Live\"\n---\n\n" + body + "\n"
}

// brokenEssay has a directive with a bad option on line 8, whose value
// is markup that must be shown as text.
const brokenEssay = "The second version of the prose.\n\n```{signal}\n:n: <b>many</b>\n```"

// TestDevServerReloadsAndShowsProblems edits the Markdown of a page open in
// the browser: the page reloads by itself with the new text; a broken
// directive brings up the overlay with the problem, over the last good page;
// the fix takes it away again.
func TestDevServerReloadsAndShowsProblems(t *testing.T) {
	sharedBrowser(t)
	content := t.TempDir()
	file := filepath.Join(content, "live.md")
	writeEssay(t, file, liveEssay("The first version of the prose."))
	base := startDevServer(t, site.Config{
		Directives:  seedModel,
		ContentDir:  content,
		TemplateDir: templateDir,
		SourceDir:   sourceDir,
		CacheDir:    t.TempDir(),
		BaseURL:     basePath,
	})

	page := openPage(t, base+"live/", viewport{1280, 800, "light"}, http.StatusOK)
	waitUntil(t, page, "the reload script to connect", `!!(window.__kernelpress && __kernelpress.connected)`)
	const overlay = `document.querySelector('#kernelpress-overlay[role=alertdialog]')`

	// An edit: the page reloads by itself and shows it.
	markDocument(t, page)
	writeEssay(t, file, liveEssay("The second version of the prose."))
	waitUntil(t, page, "the page to reload with the edit",
		`!window.__kpMarker && document.querySelector('main').innerText.includes('The second version of the prose.')`)
	waitUntil(t, page, "the reload script to connect", `!!(window.__kernelpress && __kernelpress.connected)`)

	// A broken directive: the overlay shows the problem over the page,
	// which is not reloaded.
	markDocument(t, page)
	writeEssay(t, file, liveEssay(brokenEssay))
	waitUntil(t, page, "the overlay", `!!`+overlay)
	text, err := chromedp.Run(page.ctx, chromedp.Evaluate[string](overlay+`.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, file+":8: ") || !strings.Contains(text, `"<b>many</b>"`) {
		t.Errorf("the overlay does not show the problem as file:line: message, markup as text:\n%s", text)
	}
	checks, err := chromedp.Run(page.ctx, chromedp.Evaluate[map[string]bool](`(() => {
		const o = `+overlay+`, b = o.querySelector('button'), r = o.getBoundingClientRect();
		return {
			stillThisPage: window.__kpMarker === 1,
			noMarkup: !o.querySelector('b'),
			fixed: getComputedStyle(o).position === 'fixed',
			inView: r.top >= 0 && r.left >= 0 && r.right <= innerWidth && r.height > 0,
			named: !!document.getElementById(o.getAttribute('aria-labelledby')),
			dismissFocused: !!b && document.activeElement === b && b.textContent === 'Dismiss',
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for what, ok := range checks {
		if !ok {
			t.Errorf("overlay: not %s", what)
		}
	}
	page.saveScreenshot(t, screenshotDir(t), "devserver-overlay")
	page.checkAccessibility(t)

	// The fix: the overlay goes and the page shows the new text.
	writeEssay(t, file, liveEssay("The third version of the prose."))
	waitUntil(t, page, "the page to reload with the fix",
		`!window.__kpMarker && !`+overlay+` && document.querySelector('main').innerText.includes('The third version of the prose.')`)
	waitUntil(t, page, "the reload script to connect", `!!(window.__kernelpress && __kernelpress.connected)`)

	// Broken again, the overlay can be dismissed.
	writeEssay(t, file, liveEssay(brokenEssay))
	waitUntil(t, page, "the overlay", `!!`+overlay)
	if err := chromedp.Do(page.ctx, chromedp.Click(chromedp.JSPath(overlay+`.querySelector("button")`))); err != nil {
		t.Fatalf("clicking Dismiss: %v", err)
	}
	waitUntil(t, page, "the overlay to be dismissed", `!`+overlay)
	writeEssay(t, file, liveEssay("The fourth version of the prose."))
	waitUntil(t, page, "the page to reload with the fix",
		`!`+overlay+` && document.querySelector('main').innerText.includes('The fourth version of the prose.')`)

	checkNoProblemsButClosedStreams(t, page)
}

// checkNoProblemsButClosedStreams is checkNoProblems, except that the
// script's own event stream, which it closes as the page reloads, may be
// reported as cancelled.
func checkNoProblemsButClosedStreams(t *testing.T, v *visit) {
	t.Helper()
	for _, p := range v.problems.all() {
		if strings.Contains(p, "canceled=true") && strings.HasSuffix(p, "/__kernelpress/events") {
			continue
		}
		t.Errorf("console/network: %s", p)
	}
}

// startDevServer runs a dev server for cfg on a free loopback port until
// the test ends; it returns the site's URL.
func startDevServer(t *testing.T, cfg site.Config) string {
	t.Helper()
	log := &lockedBuffer{}
	s, err := devserver.New(devserver.Config{Site: cfg, Stdout: log, Stderr: log})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("the dev server: %v", err)
			}
		case <-time.After(liveWait):
			t.Error("the dev server did not stop")
		}
		if t.Failed() {
			t.Logf("the dev server printed:\n%s", log.String())
		}
	})
	return "http://" + ln.Addr().String() + basePath
}

// lockedBuffer collects what the dev server prints.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func writeEssay(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// markDocument tags the document in the tab, so that a reload, which
// replaces it, can be told from a change made in place.
func markDocument(t *testing.T, v *visit) {
	t.Helper()
	if err := chromedp.Do(v.ctx, chromedp.Evaluate[chromedp.Void](`window.__kpMarker = 1`)); err != nil {
		t.Fatal(err)
	}
}

// waitUntil evaluates a JavaScript condition in the page until it holds,
// through reloads, failing the test after liveWait.
func waitUntil(t *testing.T, v *visit, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(liveWait)
	var lastErr error
	for {
		ctx, cancel := context.WithTimeout(v.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		if err != nil {
			lastErr = err // the document may be between two loads
		}
		if time.Now().After(deadline) || errors.Is(v.ctx.Err(), context.DeadlineExceeded) {
			body, _ := chromedp.Run(v.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
			t.Fatalf("waited %s for %s (last error: %v); the page shows:\n%s", liveWait, what, lastErr, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
