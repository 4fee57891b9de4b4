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

// heatmapEssay is a second scratch page, as a heatmap's bound alone is a
// large part of a page's: the heatmap example of the authoring guide, as
// written there.
const heatmapEssay = "---\ntitle: \"Heatmap\"\n---\n\nA matrix: [](#fig-kernel-matrix).\n\n" +
	"```{compute}\ngrid = linspace(0, 1, 30)\nweights = array([gaussian_kernel(grid, q, 0.1) for q in grid])\n```\n\n" +
	"```{plot}\n:label: fig-kernel-matrix\n:heatmap: weights as \"weight\"\n:x: grid\n:y: grid\n:xlabel: input\n:ylabel: query\n\nThe Gaussian kernel's weight of every input for every query.\n```\n"

// servePlots builds a site of the scratch essays and serves it; it
// returns the site's URL.
func servePlots(t *testing.T) string {
	t.Helper()
	url, _ := serveScratch(t, map[string]string{"plots.md": plotEssay, "heatmap.md": heatmapEssay})
	return url
}

// serveScratch builds a site of the given essays (by file name) with the
// seed model, and serves it; it returns the site's URL and the folder it
// was written to.
func serveScratch(t *testing.T, essays map[string]string) (siteURL, out string) {
	t.Helper()
	content := t.TempDir()
	for name, text := range essays {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out = filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Config{Directives: seedModel, ContentDir: content, TemplateDir: templateDir, OutDir: out, SourceDir: sourceDir, BaseURL: basePath}); err != nil {
		t.Fatalf("building the scratch site: %v", err)
	}
	srv := httptest.NewServer(pagesHandler(out, basePath))
	t.Cleanup(srv.Close)
	return srv.URL + basePath, out
}

// TestPlotPageInTheBrowser opens a page of {plot} figures at each
// viewport: it fits, every figure shows one drawing that is not blank,
// axe finds nothing, and each figure's CSV link fetches the columns its
// series are named by.
func TestPlotPageInTheBrowser(t *testing.T) {
	sharedBrowser(t)
	site := servePlots(t)
	shots := screenshotDir(t)
	wantHeaders := map[string]string{
		"fig-sine":          "x,ys",
		"fig-layers":        "x,bars,line,draws,band (low),band (high)",
		"fig-hist":          "bin low,bin high,z",
		"fig-kernel-matrix": "x,y,weight",
	}
	wantRows := map[string]int{"fig-sine": 101, "fig-layers": 41, "fig-hist": 12, "fig-kernel-matrix": 900}
	for _, pg := range []struct {
		name string
		ids  []string
	}{{"plots", []string{"fig-sine", "fig-layers", "fig-hist"}}, {"heatmap", []string{"fig-kernel-matrix"}}} {
		for _, v := range viewports {
			t.Run(pg.name+"/"+v.String(), func(t *testing.T) {
				page := openPage(t, site+pg.name+"/", v, http.StatusOK)
				page.saveScreenshot(t, shots, pg.name+"-"+strings.ReplaceAll(v.String(), "/", "-"))
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
				if len(figs) != len(pg.ids) {
					t.Fatalf("the page shows %d figures, want %d", len(figs), len(pg.ids))
				}
				for i, f := range figs {
					if f.ID != pg.ids[i] {
						t.Errorf("figure %d is #%s, want #%s", i+1, f.ID, pg.ids[i])
					}
					lines := strings.Split(strings.TrimSpace(f.CSV), "\n")
					if lines[0] != wantHeaders[f.ID] || len(lines)-1 != wantRows[f.ID] {
						t.Errorf("%s: the CSV link gave header %q and %d rows, want %q and %d", f.ID, lines[0], len(lines)-1, wantHeaders[f.ID], wantRows[f.ID])
					}
					if want := "Figure " + string(rune('1'+i)) + "."; !strings.Contains(f.Number, want) {
						t.Errorf("%s: caption %q lacks %q", f.ID, f.Number, want)
					}
				}
				if pg.name == "heatmap" {
					// Row 0, column 0: the kernel at its centre is 1.
					if !strings.HasPrefix(figs[0].CSV, "x,y,weight\n0,0,1\n") {
						t.Errorf("the heatmap's CSV begins %.40q, want x,y,weight and 0,0,1", figs[0].CSV)
					}
					for _, w := range []string{"Heat map of 30 rows × 30 columns.", "input", "query", "weight"} {
						if !strings.Contains(figs[0].Desc, w) {
							t.Errorf("the heatmap's description lacks %q: %s", w, figs[0].Desc)
						}
					}
					page.checkNoProblems(t)
					return
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
}
