package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kernelpress/kernelpress/generator/site"
)

// plotEssay is a scratch explainer of computed figures: issue 13's
// minimal sine, a figure of every layer, and a histogram.
const plotEssay = "---\ntitle: \"Plots\"\n---\n\nFigures of computed values: [](#fig-sine), [](#fig-layers), [](#fig-hist).\n\n" +
	"```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n" +
	"```{plot}\n:label: fig-sine\n:x: xs\n:line: ys\n\nOne period of a sine.\n```\n\n" +
	"```{compute}\nt = linspace(0, 1, 41)\ntruth = 1 + 2 * t\ndraws = truth + 0.3 * normal(41, seed=7)\nlow = truth - 0.6\nhigh = truth + 0.6\nmu = mean(draws)\n```\n\n" +
	"```{plot}\n:label: fig-layers\n:x: t\n:bars: draws as \"bars\"\n:points: draws as \"draws\"\n:line: truth as \"line\"\n:area: low high as \"band\"\n:rule: y=mu \"mean\", x=0.5 \"half\"\n:ylim: -1 4\n\nEvery layer.\n```\n\n" +
	"```{compute}\nz = normal(500, seed=3)\n```\n\n" +
	"```{plot}\n:label: fig-hist\n:histogram: z\n:bins: 12\n\nA histogram.\n```\n"

// servePlots builds a site of the scratch essay and serves it; it returns
// the page's URL.
func servePlots(t *testing.T) string {
	t.Helper()
	content := t.TempDir()
	if err := os.WriteFile(filepath.Join(content, "plots.md"), []byte(plotEssay), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Config{Directives: seedModel, ContentDir: content, TemplateDir: templateDir, OutDir: out, SourceDir: sourceDir, BaseURL: basePath}); err != nil {
		t.Fatalf("building the scratch site: %v", err)
	}
	srv := httptest.NewServer(pagesHandler(out, basePath))
	t.Cleanup(srv.Close)
	return srv.URL + basePath + "plots/"
}

// TestPlotPageInTheBrowser opens a page of {plot} figures at each
// viewport: it fits, every figure shows one drawing that is not blank,
// axe finds nothing, and each figure's CSV link fetches the columns its
// series are named by.
func TestPlotPageInTheBrowser(t *testing.T) {
	sharedBrowser(t)
	url := servePlots(t)
	shots := screenshotDir(t)
	wantHeaders := map[string]string{
		"fig-sine":   "x,ys",
		"fig-layers": "x,bars,line,draws,band (low),band (high)",
		"fig-hist":   "bin low,bin high,z",
	}
	wantRows := map[string]int{"fig-sine": 101, "fig-layers": 41, "fig-hist": 12}
	for _, v := range viewports {
		t.Run(v.String(), func(t *testing.T) {
			page := openPage(t, url, v, http.StatusOK)
			page.saveScreenshot(t, shots, "plots-"+strings.ReplaceAll(v.String(), "/", "-"))
			page.checkNoHorizontalScroll(t)
			page.checkFiguresVisible(t)
			page.checkAccessibility(t)

			type shown struct {
				ID     string `json:"id"`
				Number string `json:"number"`
				Desc   string `json:"desc"`
				CSV    string `json:"csv"`
			}
			figs, err := chromedp.Run(page.ctx, chromedp.Evaluate[[]shown](`Promise.all([...document.querySelectorAll('figure.kp-figure')].map(async f => {
				const a = f.querySelector('a[href$=".csv"]');
				const desc = [...f.querySelectorAll('svg desc')].find(d => d.closest('svg').checkVisibility());
				const csv = a ? await (await fetch(a.href)).text() : '';
				return {id: f.id, number: (f.querySelector('figcaption') || {}).textContent || '', desc: desc ? desc.textContent : '', csv};
			}))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if len(figs) != 3 {
				t.Fatalf("the page shows %d figures, want 3", len(figs))
			}
			for i, f := range figs {
				lines := strings.Split(strings.TrimSpace(f.CSV), "\n")
				if lines[0] != wantHeaders[f.ID] || len(lines)-1 != wantRows[f.ID] {
					t.Errorf("%s: the CSV link gave header %q and %d rows, want %q and %d", f.ID, lines[0], len(lines)-1, wantHeaders[f.ID], wantRows[f.ID])
				}
				if want := "Figure " + string(rune('1'+i)) + "."; !strings.Contains(f.Number, want) {
					t.Errorf("%s: caption %q lacks %q", f.ID, f.Number, want)
				}
			}
			// The sine's first rows: sin 0 = 0, then sin(2π/100).
			if !strings.HasPrefix(figs[0].CSV, "x,ys\n0,0\n0.01,0.06279051952931337\n") {
				t.Errorf("fig-sine's CSV begins %.60q, want x,ys, 0,0 and 0.01,0.06279051952931337", figs[0].CSV)
			}
			// The description of the drawing shown names each series and
			// axis.
			for _, w := range []string{"bars (41 bars)", "draws (41 ", "line (", "A shaded band, band,", "x (t) runs from 0 to 1", "A horizontal line marks y = ", "(mean)", "A vertical line marks x = 0.5 (half)"} {
				if !strings.Contains(figs[1].Desc, w) {
					t.Errorf("fig-layers' description lacks %q: %s", w, figs[1].Desc)
				}
			}
			page.checkNoProblems(t)
		})
	}
}
