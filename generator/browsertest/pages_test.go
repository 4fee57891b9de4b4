package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// viewports are the window sizes and colour schemes every page is checked at:
// a phone and a laptop, each light and dark.
var viewports = []viewport{
	{390, 844, "light"},
	{390, 844, "dark"},
	{1280, 800, "light"},
	{1280, 800, "dark"},
}

// sitePage is a page of the shipped site that the browser checks.
type sitePage struct {
	Name   string // the subtest and screenshot name
	Path   string // below the base path
	Source string // the Markdown it is built from, for counting formulas; "" for none
}

var sitePages = []sitePage{
	{"explainer", "attention-is-kernel-smoothing/", filepath.Join(contentDir, "attention-is-kernel-smoothing.md")},
	{"guide", "authoring/", filepath.Join(contentDir, "authoring", "index.md")},
	{"kde", "kernel-density-estimation/", filepath.Join(contentDir, "kernel-density-estimation", "index.md")},
	{"index", "", ""},
}

// TestPagesInTheBrowser opens each page at each viewport and checks that it
// fits the width, loads without errors, shows every figure, typesets every
// formula and passes axe-core; it saves a full-page screenshot of each.
func TestPagesInTheBrowser(t *testing.T) {
	sharedBrowser(t)
	base, root := serveSiteFrom(t)
	shots := screenshotDir(t)
	for _, p := range sitePages {
		wantMath := 0
		if p.Source != "" {
			wantMath = formulasInFile(t, p.Source)
			t.Logf("%s: %d formulas in %s", p.Name, wantMath, p.Source)
		}
		for _, v := range viewports {
			t.Run(p.Name+"/"+v.String(), func(t *testing.T) {
				page := openPage(t, base+p.Path, v, http.StatusOK)
				page.saveScreenshot(t, shots, p.Name+"-"+strings.ReplaceAll(v.String(), "/", "-"))
				page.checkNoHorizontalScroll(t)
				page.checkFiguresVisible(t)
				page.checkFormulasTypeset(t, wantMath)
				page.checkAccessibility(t)
				page.checkPageWeight(t, base, root)
				page.checkNoProblems(t)
			})
		}
	}
}

// TestNotFoundPageAtADeepPath opens a missing page several folders deep, as a
// mistyped link would, and checks that the site's 404 page comes back styled,
// with a working link home.
func TestNotFoundPageAtADeepPath(t *testing.T) {
	sharedBrowser(t)
	base := serveSite(t)
	shots := screenshotDir(t)
	v := viewport{390, 844, "light"}
	page := openPage(t, base+"no/such/page", v, http.StatusNotFound)
	page.saveScreenshot(t, shots, "notfound-"+strings.ReplaceAll(v.String(), "/", "-"))

	homeLink := `[...document.querySelectorAll('main a')].find(a => a.href === ` + jsString(base) + ` && a.checkVisibility())`
	found, err := chromedp.Run(page.ctx, chromedp.Evaluate[bool](`!!(`+homeLink+`)`))
	if err != nil {
		t.Fatal(err)
	}
	if !found {
		links, _ := chromedp.Run(page.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('a')].map(a => a.textContent.trim() + ' -> ' + a.href)`))
		t.Fatalf("the 404 page has no visible link in <main> to %s; its links: %q", base, links)
	}
	styled, err := chromedp.Run(page.ctx, chromedp.Evaluate[bool](`[...document.styleSheets].some(s => s.href && s.cssRules.length > 0)`))
	if err != nil || !styled {
		t.Errorf("the 404 page at a deep path has no stylesheet loaded (%v)", err)
	}
	page.checkNoHorizontalScroll(t)
	page.checkAccessibility(t)
	page.checkNoProblems(t)

	resp, err := chromedp.RunResponse(page.ctx, chromedp.Click(chromedp.JSPath(homeLink)))
	if err != nil {
		t.Fatalf("following the link home: %v", err)
	}
	if resp.Status != http.StatusOK || resp.URL != base {
		t.Errorf("the link home led to %s (status %d), want %s (status 200)", resp.URL, resp.Status, base)
	}
}

// brokenPage breaks every rule the page checks enforce, once each.
const brokenPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Broken on purpose</title>
<link rel="stylesheet" href="missing.css">
</head>
<body>
<main>
<h1>Broken on purpose</h1>
<div id="too-wide" style="width: 600px">Wider than a phone.</div>
<p>Untypeset \(x\) and $$y$$; code is exempt: <code>\(z\)</code>.</p>
<figure class="kp-figure" id="blank"><svg width="200" height="100" viewBox="0 0 200 100"></svg></figure>
<figure class="kp-figure" id="hidden" style="visibility: hidden"><svg width="200" height="100"><circle cx="50" cy="50" r="40"/></svg></figure>
<img src="missing.png">
</main>
<script>console.error("logged error"); setTimeout(() => { throw new Error("thrown error"); });</script>
</body>
</html>
`

// failureLog is a reporter that keeps the failures instead of failing.
type failureLog struct{ failures []string }

func (f *failureLog) Helper()             {}
func (f *failureLog) Logf(string, ...any) {}
func (f *failureLog) Errorf(format string, args ...any) {
	f.failures = append(f.failures, fmt.Sprintf(format, args...))
}

// TestChecksFailOnABrokenPage runs every check on a page that breaks each
// rule, so that a clean result on the real pages means something.
func TestChecksFailOnABrokenPage(t *testing.T) {
	sharedBrowser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, brokenPage)
	}))
	defer srv.Close()
	page := openPage(t, srv.URL+"/", viewport{390, 844, "light"}, http.StatusOK)
	if err := chromedp.Do(page.ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		check string
		run   func(reporter)
		want  []string // each must be in some failure
	}{
		{"no horizontal scroll", page.checkNoHorizontalScroll, []string{"scrollWidth", "div#too-wide"}},
		{"figures visible", page.checkFiguresVisible, []string{"#blank (drawing 1) looks blank", "figure #hidden shows 0 of its drawings, want exactly 1"}},
		{"formulas typeset", func(r reporter) { page.checkFormulasTypeset(r, 3) }, []string{
			`visible text has 1 raw \(`, `visible text has 2 raw $$`, "has 0 <math> elements, want at least 3",
		}},
		{"accessibility", page.checkAccessibility, []string{"axe image-alt"}},
		{"console and network", page.checkNoProblems, []string{
			"HTTP 404 for " + srv.URL + "/missing.png",
			srv.URL + "/missing.css", // blocked or failed, depending on the browser
			"console.error: logged error",
			"Uncaught Error: thrown error",
		}},
	}
	for _, tt := range tests {
		var log failureLog
		tt.run(&log)
		got := strings.Join(log.failures, "\n")
		for _, want := range tt.want {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no failure mentions %q; the failures were:\n%s", tt.check, want, got)
			}
		}
	}
}
