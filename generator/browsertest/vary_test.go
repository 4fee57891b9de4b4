package browsertest

import (
	"context"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// varyEssay is a scratch explainer with two figures that vary: fig-v draws
// a Gaussian bump of width a (a = 0.05 … 0.5 step 0.05, default 0.2) beside
// a fixed line; fig-w varies two parameters. Prose above pushes the
// figures below the first screen, so that opening a shared address must
// scroll.
func varyEssay() string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Vary\"\n---\n\n")
	for i := 0; i < 12; i++ {
		b.WriteString("A paragraph of prose that stands before the figures, long enough to take a few lines on a phone and push what follows down the page.\n\n")
	}
	b.WriteString("```{compute}\nxs = linspace(0, 1, 201)\ndef bump(a):\n    return exp(-0.5 * pow((xs - 0.5) / a, 2))\nflat = 0.5 + 0 * xs\n```\n\n")
	b.WriteString("```{plot}\n:label: fig-v\n:x: xs\n:line: bump(a) as \"bump\", flat\n:vary: a = 0.05 … 0.5 step 0.05 default 0.2 as \"width a\"\n\nA bump of any width.\n```\n\n")
	b.WriteString("```{plot}\n:label: fig-w\n:x: xs\n:line: (b * bump(a)) as \"scaled bump\"\n:vary: a = 0.1 … 0.3 step 0.1; b = 0.5 … 1 step 0.25 default 1\n\nTwo sliders.\n```\n")
	return b.String()
}

// serveVary builds the scratch site and serves it; it returns the page's
// URL and the folder its files were written to.
func serveVary(t *testing.T) (pageURL, pageDir string) {
	t.Helper()
	url, out := serveScratch(t, map[string]string{"vary.md": varyEssay()})
	return url + "vary/", filepath.Join(out, "vary")
}

// shownVary is what a varied figure shows: each slider's value, the text
// beside it and the live region, and its first varied series as drawn in
// the visible drawing, decoded from levels into values with the domain the
// page's data gives.
type shownVary struct {
	Inputs   []string    `json:"inputs"`
	Values   []string    `json:"values"`
	Status   string      `json:"status"`
	Disabled int         `json:"disabled"`
	NoteShow bool        `json:"noteShown"`
	Y        []float64   `json:"y"`
	Matrix   [][]float64 `json:"matrix"` // each drawing's transform of the series
}

const readVary = `(() => {
	const root = document.querySelector('[data-kp-vary-root][data-kp-id="ID"]');
	const data = JSON.parse(root.querySelector('script[data-kp-data]').textContent);
	const s = data.series[0];
	const path = [...root.querySelectorAll('[data-kp-vary="0"]')].find(p => p.closest('svg').checkVisibility());
	const ys = path.getAttribute('d').slice(1).split('L').map(pt => {
		const l = Number(pt.split(',')[1]);
		return s.dy[0] + l / 1000 * (s.dy[1] - s.dy[0]);
	});
	const note = root.querySelector('[data-kp-nojs]');
	return {
		inputs: [...root.querySelectorAll('input[type=range]')].map(i => i.value),
		values: [...root.querySelectorAll('[data-kp-value]')].map(o => o.textContent),
		status: root.querySelector('[data-kp-status]').textContent,
		disabled: [...root.querySelectorAll('input[type=range]')].filter(i => i.disabled).length,
		noteShown: !!note && note.checkVisibility(),
		y: ys,
		matrix: [...root.querySelectorAll('[data-kp-vary="0"]')].map(p => {
			const m = p.transform.baseVal.consolidate().matrix; return [m.a, m.d, m.e, m.f];
		}),
	};
})()`

func readVaryShown(t *testing.T, ctx context.Context, id string) shownVary {
	t.Helper()
	w, err := chromedp.Run(ctx, chromedp.Evaluate[shownVary](strings.Replace(readVary, `"ID"`, `"`+id+`"`, 1)))
	if err != nil {
		t.Fatalf("reading %s back: %v", id, err)
	}
	return w
}

// checkDrawn compares a drawn series with a CSV column: within half a level
// of the series' extent (figure.VaryLevels = 1000), which is what the
// encoding may move a value by.
func checkDrawn(t *testing.T, what string, drawn, want []float64, extent float64) {
	t.Helper()
	if len(drawn) != len(want) {
		t.Fatalf("%s: %d points drawn, the CSV has %d", what, len(drawn), len(want))
	}
	worst := 0.0
	for i := range drawn {
		worst = math.Max(worst, math.Abs(drawn[i]-want[i]))
	}
	if worst > 0.0005*extent+1e-9 {
		t.Errorf("%s: drawn up to %.4g away from the CSV (half a level is %.4g)", what, worst, 0.0005*extent)
	}
}

// TestVarySliders drives {plot} :vary: sliders in Chromium: by keyboard and
// by value the drawn series follows the CSV column of the setting, the
// value and live region follow, the address records the setting without
// adding history; a shared address restores each figure's setting and
// scrolls to the figure; an unknown value falls back to the default; and
// without JavaScript the default shows with a note.
func TestVarySliders(t *testing.T) {
	sharedBrowser(t)
	url, dir := serveVary(t)
	shots := screenshotDir(t)
	cols := readCSV(t, dir, "fig-v")
	extent := 1.0 // the bump's extent over every width: 0 … 1
	lo := math.Inf(1)
	for name, c := range cols {
		if strings.HasPrefix(name, "bump") {
			for _, v := range c {
				lo = math.Min(lo, v)
			}
		}
	}
	extent -= lo

	t.Run("keyboard-and-value/1280x800", func(t *testing.T) {
		page := openPage(t, url, viewport{1280, 800, "light"}, http.StatusOK)
		ctx := page.ctx
		w := readVaryShown(t, ctx, "fig-v")
		if w.Disabled != 0 || w.NoteShow {
			t.Fatalf("the script did not start: %d sliders disabled, note shown %v", w.Disabled, w.NoteShow)
		}
		checkDrawn(t, "default a = 0.2", w.Y, cols["bump (a=0.2)"], extent)
		page.checkFiguresVisible(t)
		page.checkAccessibility(t)
		history0, err := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
		if err != nil {
			t.Fatal(err)
		}

		// Two right arrows: 0.2 → 0.3.
		if err := pressArrows(ctx, "fig-v-a", 2); err != nil {
			t.Fatal(err)
		}
		w = readVaryShown(t, ctx, "fig-v")
		if w.Inputs[0] != "0.3" || w.Values[0] != "0.3" || w.Status != "width a = 0.3" {
			t.Errorf("after two right arrows: value %v, shown %v, live region %q; want 0.3 and \"width a = 0.3\"", w.Inputs, w.Values, w.Status)
		}
		checkDrawn(t, "a = 0.3 by keyboard", w.Y, cols["bump (a=0.3)"], extent)
		matrix := w.Matrix

		// By value, to each end.
		for _, a := range []string{"0.05", "0.5"} {
			if err := setSlider(ctx, "fig-v-a", a); err != nil {
				t.Fatal(err)
			}
			w = readVaryShown(t, ctx, "fig-v")
			checkDrawn(t, "a = "+a+" by value", w.Y, cols["bump (a="+a+")"], extent)
			if w.Status != "width a = "+a {
				t.Errorf("the live region reads %q, want \"width a = %s\"", w.Status, a)
			}
		}
		for i := range matrix {
			for k := range matrix[i] {
				if math.Abs(matrix[i][k]-w.Matrix[i][k]) > 1e-9 {
					t.Errorf("the series' transform moved: %v, then %v; the axes must stay put", matrix, w.Matrix)
				}
			}
		}
		page.saveScreenshot(t, shots, "vary-1280x800-a0.5")

		// How long one slider step takes to draw, for the log only (a
		// frame is 16.7 ms).
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
			const el = document.getElementById('fig-v-a'), t0 = performance.now();
			for (let i = 0; i < 50; i++) { el.value = String(0.05 * (1 + i % 10)); el.dispatchEvent(new Event('input', {bubbles: true})); }
			document.querySelector('[data-kp-vary="0"]').getBBox();
			return (performance.now() - t0) / 50;
		})()`))
		if err == nil {
			t.Logf("one slider step updates the SVG in %.3f ms (script and layout, before paint)", ms)
		}
		if err := setSlider(ctx, "fig-v-a", "0.5"); err != nil {
			t.Fatal(err)
		}

		// The address records the setting, in place.
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.search, location.hash, String(history.length)]`))
		if err != nil {
			t.Fatal(err)
		}
		if loc[0] != "?fig-v.a=0.5" || loc[1] != "#fig-v" || loc[2] != strconv.Itoa(history0) {
			t.Errorf("the address reads %q %q with %s history entries; want ?fig-v.a=0.5, #fig-v and %d entries", loc[0], loc[1], loc[2], history0)
		}

		// The second figure moves on its own and adds its own setting.
		if err := setSlider(ctx, "fig-w-b", "0.5"); err != nil {
			t.Fatal(err)
		}
		wcols := readCSV(t, dir, "fig-w")
		w2 := readVaryShown(t, ctx, "fig-w")
		checkDrawn(t, "fig-w at a = 0.1, b = 0.5", w2.Y, wcols["scaled bump (a=0.1, b=0.5)"], 1)
		if first := readVaryShown(t, ctx, "fig-v"); first.Inputs[0] != "0.5" {
			t.Errorf("moving fig-w moved fig-v to %v", first.Inputs)
		}
		search, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
		if err != nil {
			t.Fatal(err)
		}
		if search != "?fig-v.a=0.5&fig-w.a=0.1&fig-w.b=0.5" {
			t.Errorf("the address's query reads %q, want both figures' settings", search)
		}
		page.checkNoProblems(t)
	})

	t.Run("shared-address/390x844", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			page := openPage(t, url+"?fig-v.a=0.45&fig-w.a=0.3&fig-w.b=0.75#fig-v", viewport{390, 844, scheme}, http.StatusOK)
			ctx := page.ctx
			w := readVaryShown(t, ctx, "fig-v")
			if w.Inputs[0] != "0.45" || w.Status != "width a = 0.45" {
				t.Errorf("%s: the shared setting a = 0.45 was not restored: %v, %q", scheme, w.Inputs, w.Status)
			}
			checkDrawn(t, "shared a = 0.45", w.Y, cols["bump (a=0.45)"], extent)
			w2 := readVaryShown(t, ctx, "fig-w")
			if strings.Join(w2.Inputs, " ") != "0.3 0.75" {
				t.Errorf("%s: fig-w restored to %v, want 0.3 0.75", scheme, w2.Inputs)
			}
			top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('fig-v').getBoundingClientRect().top`))
			if err != nil {
				t.Fatal(err)
			}
			if top < -1 || top > 100 {
				t.Errorf("%s: opening the shared address left fig-v at %.0f px from the top of the window, want it scrolled into view", scheme, top)
			}
			page.saveScreenshot(t, shots, "vary-390x844-shared-"+scheme)
			page.checkNoHorizontalScroll(t)
			page.checkFiguresVisible(t)
			page.checkAccessibility(t)
			page.checkNoProblems(t)
		}

		// A value that is not one of the slider's falls back to the default.
		page := openPage(t, url+"?fig-v.a=7&fig-w.b=abc", viewport{390, 844, "light"}, http.StatusOK)
		if w := readVaryShown(t, page.ctx, "fig-v"); w.Inputs[0] != "0.2" {
			t.Errorf("a = 7 in the address set the slider to %v, want the default 0.2", w.Inputs)
		}
		if w := readVaryShown(t, page.ctx, "fig-w"); strings.Join(w.Inputs, " ") != "0.1 1" {
			t.Errorf("b = abc in the address set fig-w to %v, want the defaults 0.1 1", w.Inputs)
		}
		page.checkNoProblems(t)
	})

	t.Run("no-javascript/390x844", func(t *testing.T) {
		// Even a shared setting cannot apply without the script: the
		// figure shows its default and says why.
		page := openPageNoScript(t, url+"?fig-v.a=0.45", viewport{390, 844, "light"})
		ctx := page.ctx
		// With scripts off, Evaluate still runs (it is the debugger's), so
		// the figure can be read back.
		w := readVaryShown(t, ctx, "fig-v")
		if !w.NoteShow || w.Disabled != 1 {
			t.Errorf("without JavaScript: note shown %v, %d of 1 slider disabled", w.NoteShow, w.Disabled)
		}
		checkDrawn(t, "without JavaScript, the default a = 0.2", w.Y, cols["bump (a=0.2)"], extent)
		page.saveScreenshot(t, shots, "vary-390x844-nojs")
		page.checkFiguresVisible(t)
		page.checkNoProblems(t)
	})
}

// TestKDEEssaySlider drives the slider of the shipped KDE explainer: a
// shared address sets the bandwidth, the drawn density matches the CSV
// column of that bandwidth, and the keyboard moves it on to the next.
func TestKDEEssaySlider(t *testing.T) {
	sharedBrowser(t)
	base, root := serveSiteFrom(t)
	dir := filepath.Join(root, "kernel-density-estimation")
	cols := readCSV(t, dir, "fig-kde-slider")
	extent := 0.0
	for name, c := range cols {
		if strings.HasPrefix(name, "density") {
			for _, v := range c {
				extent = math.Max(extent, v) // the estimates are ≥ 0, and some is ~0
			}
		}
	}
	page := openPage(t, base+"kernel-density-estimation/?fig-kde-slider.h=0.6#fig-kde-slider", viewport{390, 844, "light"}, http.StatusOK)
	w := readVaryShown(t, page.ctx, "fig-kde-slider")
	if w.Inputs[0] != "0.6" {
		t.Fatalf("the shared bandwidth 0.6 was not restored: %v", w.Inputs)
	}
	checkDrawn(t, "h = 0.6 from the address", w.Y, cols["density (h=0.6)"], extent)
	if err := pressArrows(page.ctx, "fig-kde-slider-h", 1); err != nil {
		t.Fatal(err)
	}
	w = readVaryShown(t, page.ctx, "fig-kde-slider")
	if w.Inputs[0] != "0.65" {
		t.Fatalf("a right arrow moved the bandwidth to %v, want 0.65", w.Inputs)
	}
	checkDrawn(t, "h = 0.65 by keyboard", w.Y, cols["density (h=0.65)"], extent)
	page.checkNoProblems(t)
}

// followEssay draws a normal density of width a (a = 0.05 … 0.5 step
// 0.05, default 0.2) with :ylim: follow: its peak, 1/(a√(2π)), runs from
// 0.8 to 8.
const followEssay = "---\ntitle: \"Follow\"\n---\n\nA density.\n\n" +
	"```{compute}\nxs = linspace(0, 1, 201)\ndef density(a):\n    return exp(-0.5 * pow((xs - 0.5) / a, 2)) / (a * sqrt(2 * pi))\n```\n\n" +
	"```{plot}\n:label: fig-f\n:x: xs\n:line: density(a) as \"density\"\n:ylim: follow\n:vary: a = 0.05 … 0.5 step 0.05 default 0.2 as \"width a\"\n\nA density whose axis follows its width.\n```\n"

// roundScaleAbove is the smallest of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k at or
// above v, reasoned out here apart from the generator's table.
func roundScaleAbove(v float64) float64 {
	for k := -6; k <= 6; k++ {
		for _, m := range []float64{1, 1.5, 2, 3, 4, 5, 6, 8} {
			if s := m * math.Pow(10, float64(k)); s >= v*(1-1e-12) {
				return s
			}
		}
	}
	return math.NaN()
}

// TestVaryAxisFollowsTheSetting moves the slider of a {plot} with :ylim:
// follow by keyboard: at each width the top tick label is the round scale
// just above the density's peak, and the curve, read back through the
// drawing's transforms against the tick labels, is the CSV's column for
// that width within 0.2% of the axis.
func TestVaryAxisFollowsTheSetting(t *testing.T) {
	sharedBrowser(t)
	url, out := serveScratch(t, map[string]string{"follow.md": followEssay})
	dir := filepath.Join(out, "follow")
	cols := readCSV(t, dir, "fig-f")
	page := openPage(t, url+"follow/", viewport{1280, 800, "light"}, http.StatusOK)
	for _, step := range []struct {
		arrows int
		a      string
	}{{0, "0.2"}, {-3, "0.05"}, {9, "0.5"}, {-4, "0.3"}} {
		if step.arrows != 0 {
			if err := pressArrows(page.ctx, "fig-f-a", step.arrows); err != nil {
				t.Fatal(err)
			}
		}
		d := readDrawn(t, page.ctx, "fig-f")
		if d.Inputs[0] != step.a {
			t.Fatalf("the slider reads %s, want %s", d.Inputs[0], step.a)
		}
		want := cols["density (a="+step.a+")"]
		peak := 0.0
		for _, v := range want {
			peak = math.Max(peak, v)
		}
		if top, _ := strconv.ParseFloat(d.Ticks[5].Text, 64); math.Abs(top-roundScaleAbove(peak)) > 1e-9 {
			t.Errorf("a = %s: the axis is labelled up to %s for a peak of %.4g, want %g", step.a, d.Ticks[5].Text, peak, roundScaleAbove(peak))
		}
		value := d.followingAxis(t, 0)
		span := value(d.Areas[0].Top)
		if len(d.Paths) != 1 || len(d.Paths[0]) != len(want) {
			t.Fatalf("a = %s: %d varied paths, want one of %d points", step.a, len(d.Paths), len(want))
		}
		worst := 0.0
		for i, p := range d.Paths[0] {
			worst = math.Max(worst, math.Abs(value(p[1])-want[i]))
		}
		if worst > 0.002*span {
			t.Errorf("a = %s: the curve is drawn up to %.3g from the CSV, over 0.2%% of the axis (%.3g)", step.a, worst, span)
		}
	}
	page.checkNoProblems(t)
}
