package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// visitLimit bounds everything one page visit does, axe included.
const visitLimit = 2 * time.Minute

// viewport is a window size and colour scheme a page is checked at.
type viewport struct {
	Width, Height int64
	Scheme        string // "light" or "dark", for prefers-color-scheme
}

// String names the viewport as the subtests and screenshots do: 390x844/dark.
func (v viewport) String() string {
	return fmt.Sprintf("%dx%d/%s", v.Width, v.Height, v.Scheme)
}

// visit is one page open in its own tab at one viewport.
type visit struct {
	ctx      context.Context
	url      string
	problems *problemLog
}

// openPage opens url in a new tab at viewport v and waits for it to load and
// for its fonts. A status other than wantStatus fails the test. The returned
// visit has been recording console messages, exceptions and failed requests
// since before the navigation.
func openPage(t *testing.T, url string, v viewport, wantStatus int64) *visit {
	t.Helper()
	ctx := newTab(t, visitLimit)
	problems := &problemLog{document: url, documentStatus: wantStatus, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, problems.record); err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(v.Width, v.Height),
		emulateColorScheme(v.Scheme),
	); err != nil {
		t.Fatalf("emulating %s: %v", v, err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	if resp.Status != wantStatus {
		t.Fatalf("%s answered %d %s, want %d", url, resp.Status, resp.StatusText, wantStatus)
	}
	dark, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`matchMedia('(prefers-color-scheme: dark)').matches`))
	if err != nil || dark != (v.Scheme == "dark") {
		t.Fatalf("the page does not see prefers-color-scheme: %s (dark matches: %v, %v)", v.Scheme, dark, err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for fonts: %v", err)
	}
	return &visit{ctx: ctx, url: url, problems: problems}
}

// emulateColorScheme makes the tab report prefers-color-scheme: scheme.
func emulateColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// problemLog collects what a clean page load must not produce: console
// errors, uncaught exceptions, failed requests and error responses. The
// document itself may answer documentStatus (404 for the not-found page).
type problemLog struct {
	document       string
	documentStatus int64

	mu   sync.Mutex
	urls map[network.RequestID]string
	list []string
}

// record is a chromedp.Listen func: it runs in the tab's event loop, so it
// only files the event.
func (p *problemLog) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		r := ev.Response
		if r.Status >= 400 && !(r.URL == p.document && r.Status == p.documentStatus) {
			p.add("HTTP %d for %s", r.Status, r.URL)
		}
	case *network.EventLoadingFailed:
		p.add("request failed (%s, canceled=%v, blocked=%q) for %s", ev.ErrorText, ev.Canceled, ev.BlockedReason, p.urls[ev.RequestID])
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			p.add("console.%s: %s", ev.Type, describeArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.add("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text)
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level == log.EntryLevelError && !(e.URL == p.document && p.documentStatus >= 400 && e.Source == log.EntrySourceNetwork) {
			p.add("console error from the browser (%s): %s %s", e.Source, e.Text, e.URL)
		}
	}
}

func (p *problemLog) add(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// all returns the problems recorded so far.
func (p *problemLog) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// describeArgs renders console arguments as DevTools shows them, roughly.
func describeArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// checkNoProblems fails the test with every console error, exception and
// failed request the visit has seen.
func (v *visit) checkNoProblems(t reporter) {
	t.Helper()
	for _, p := range v.problems.all() {
		t.Errorf("console/network: %s", p)
	}
}

// screenshotDirOnce resolves and creates the screenshot folder once per test
// binary, and logs where it is.
var screenshotDirOnce struct {
	sync.Once
	dir string
	err error
}

// screenshotDir returns the folder that full-page screenshots go to:
// $KP_SCREENSHOTS, else .cache/screenshots/ at the repository root.
func screenshotDir(t *testing.T) string {
	t.Helper()
	s := &screenshotDirOnce
	s.Do(func() {
		s.dir = os.Getenv("KP_SCREENSHOTS")
		if s.dir == "" {
			s.dir = filepath.Join("..", "..", ".cache", "screenshots")
		}
		if s.dir, s.err = filepath.Abs(s.dir); s.err == nil {
			s.err = os.MkdirAll(s.dir, 0o755)
		}
		if s.err == nil {
			t.Logf("screenshots in %s", s.dir)
		}
	})
	if s.err != nil {
		t.Fatalf("screenshot folder: %v", s.err)
	}
	return s.dir
}

// saveScreenshot writes a full-page PNG of the visit as name.png in the
// screenshot folder.
func (v *visit) saveScreenshot(t *testing.T, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(v.ctx, fullPagePNG())
	if err != nil {
		t.Errorf("full-page screenshot: %v", err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Errorf("saving the screenshot: %v", err)
	}
}

// fullPagePNG captures the whole scrollable page, not just the viewport.
func fullPagePNG() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		size := m.CSSContentSize
		res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: ptr(true),
			FromSurface:           ptr(true),
			Clip:                  &page.Viewport{Width: size.Width, Height: size.Height, Scale: 1},
		})
		return res.Data, err
	}
}

func ptr[T any](v T) *T { return &v }

// openPageNoScript opens url in a new tab at viewport v with JavaScript
// turned off, as a reader who has it off sees the page.
func openPageNoScript(t *testing.T, url string, v viewport) *visit {
	t.Helper()
	ctx := newTab(t, visitLimit)
	problems := &problemLog{document: url, documentStatus: http.StatusOK, urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, problems.record); err != nil {
		t.Fatal(err)
	}
	noScript := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.Width, v.Height), emulateColorScheme(v.Scheme), noScript); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.NavigateResponse(url)); err != nil {
		t.Fatal(err)
	}
	return &visit{ctx: ctx, url: url, problems: problems}
}
