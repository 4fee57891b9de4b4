package browsertest

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// exploreTolerance is how far, as a fraction of the axis span, a curve the
// widget shows may be from the CSV of the matching {compare} or {weights}
// figure. The encoding rounds to 1/1000 of each curve's extent (top panel)
// or of its peak (weights), so it is off by at most 0.05%; reading the
// axes back from the drawing adds a little.
const exploreTolerance = 0.001

// exploreSetting is one position of the widget's three sliders, with the
// {compare} and {weights} figures the scratch essay draws at it.
type exploreSetting struct {
	bandwidth, temperature string
	query                  int
	compare, weights       string // figure labels
}

var exploreSettings = []exploreSetting{
	{"0.05", "0.5", 10, "fig-c1", "fig-w1"},
	{"0.3", "2", 49, "fig-c2", "fig-w2"},
	{"0.1", "1", 25, "fig-c3", "fig-w3"}, // the defaults
}

// exploreEssay is a scratch explainer: the widget at its defaults with
// n = 50, a second, smaller one, and a {compare} and a {weights} figure at
// each setting of the first.
func exploreEssay() string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"Explore\"\n---\n\nMove the sliders.\n\n```{explore}\n:label: fig-explore\n:n: 50\n\nKernel smoothing and attention at every setting; the weights for one setting are what [](#fig-w3) shows.\n```\n")
	// Random matrices make attention's weights more than translates of one
	// profile, so the second widget ships them curve by curve.
	b.WriteString("\n```{explore}\n:label: fig-small\n:n: 20\n:signal: sine\n:wq: random\n:wk: random\n:bandwidths: 0.05:0.2:0.05\n:temperatures: 0.5:1.5:0.5\n:query: 3\n\nA second widget on the page.\n```\n")
	b.WriteString("\n```{weights}\n:label: fig-small-w\n:n: 20\n:signal: sine\n:wq: random\n:wk: random\n:bandwidth: 0.2\n:temperature: 1.5\n:query: 3\n```\n")
	for _, s := range exploreSettings {
		fmt.Fprintf(&b, "\n```{compare}\n:label: %s\n:n: 50\n:bandwidth: %s\n:temperature: %s\n```\n", s.compare, s.bandwidth, s.temperature)
		fmt.Fprintf(&b, "\n```{weights}\n:label: %s\n:n: 50\n:bandwidth: %s\n:temperature: %s\n:query: %d\n```\n", s.weights, s.bandwidth, s.temperature, s.query)
	}
	return b.String()
}

// serveExplore builds a site of the scratch essay and serves it; it returns
// the page's URL and the folder its files were written to.
func serveExplore(t *testing.T) (pageURL, pageDir string) {
	t.Helper()
	url, out := serveScratch(t, map[string]string{"explore.md": exploreEssay()})
	return url + "explore/", filepath.Join(out, "explore")
}

// readCSV reads a figure's CSV into columns by name.
func readCSV(t *testing.T, dir, label string) map[string][]float64 {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, label+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string][]float64{}
	for _, row := range rows[1:] {
		for c, name := range rows[0] {
			v, err := strconv.ParseFloat(row[c], 64)
			if err != nil {
				t.Fatalf("%s.csv: %v", label, err)
			}
			cols[name] = append(cols[name], v)
		}
	}
	return cols
}

// shownCurve is a curve read back from the drawing in data coordinates,
// with the range of the y axis it is drawn on.
type shownCurve struct {
	Points [][2]float64
	Lo, Hi float64
}

// shownWidget is what the widget displays, read back in data coordinates.
type shownWidget struct {
	Top      []shownCurve // the kernel and attention curves
	Weights  []shownCurve // the kernel and attention weights
	Query    []float64    // data x of the query line, in each panel
	Ticks    []string     // the weight axis' tick labels
	Values   []string
	Inputs   []string
	Status   string
	Disabled int
	NoteShow bool
}

// drawnWidget is what readWidget returns: every coordinate in the user
// space of the visible drawing.
type drawnWidget struct {
	Areas []struct {
		Left, Right, Top, Bottom float64
	} `json:"areas"`
	Markers [][2]float64 `json:"markers"`
	Ticks   []struct {
		I    int     `json:"i"`
		Text string  `json:"text"`
		Y    float64 `json:"y"`
	} `json:"ticks"`
	Paths    [][][2]float64 `json:"paths"` // each varied series' vertices, by data-kp-vary
	Values   []string       `json:"values"`
	Inputs   []string       `json:"inputs"`
	Status   string         `json:"status"`
	Disabled int            `json:"disabled"`
	NoteShow bool           `json:"note"`
}

// readWidget reads the visible drawing of a varied figure as the reader
// sees it: each panel's data area (its clip rectangle), the markers of the
// first series' style (each centred on its point; {explore}'s input
// points), the tick labels of the first axis that follows the
// setting, and the vertices of each varied path, all mapped by the
// elements' own transforms into the drawing's user space.
const readWidget = `((id) => {
	const root = document.querySelector('[data-kp-vary-root][data-kp-id="' + id + '"]');
	const svg = [...root.querySelectorAll('svg')].find(s => s.checkVisibility());
	const user = svg.getScreenCTM().inverse();
	const ctm = el => user.multiply(el.getScreenCTM());
	const point = (m, x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
	const areas = [...svg.querySelectorAll('clipPath')].map(cp => {
		const m = ctm(svg.querySelector('[clip-path="url(#' + cp.id + ')"]')), r = cp.querySelector('rect');
		const x = +r.getAttribute('x'), y = +r.getAttribute('y');
		const [x0, y0] = point(m, x, y), [x1, y1] = point(m, x + +r.getAttribute('width'), y + +r.getAttribute('height'));
		return {left: Math.min(x0, x1), right: Math.max(x0, x1), top: Math.min(y0, y1), bottom: Math.max(y0, y1)};
	});
	const vertices = el => {
		const m = ctm(el), pts = [];
		for (const v of el.getAttribute('d').matchAll(/(-?[0-9.]+(?:e-?[0-9]+)?),(-?[0-9.]+(?:e-?[0-9]+)?)/g)) pts.push(point(m, +v[1], +v[2]));
		return pts;
	};
	// Each marker is a subpath: a polygon, two half circles, or a dot (a
	// point stroked with round caps, "Mx,yh0"). Its centre is the middle
	// of its end points' extent.
	const markers = [];
	for (const p of svg.querySelectorAll('path')) {
		if (!/(fill|stroke):var\(--kp-series-1/.test(p.getAttribute('style') || '')) continue;
		const m = ctm(p);
		for (const sub of p.getAttribute('d').replace(/h0/g, '').split('M').slice(1)) {
			const ends = sub.split(/(?=[LAZ])/).filter(s => s[0] !== 'Z').map(s => {
				const v = s.replace(/^[LA]/, '').trim().split(/[\s,]+/).map(Number);
				return s[0] === 'A' ? v.slice(5, 7) : v.slice(0, 2);
			});
			const mid = k => (Math.min(...ends.map(e => e[k])) + Math.max(...ends.map(e => e[k]))) / 2;
			const c = point(m, mid(0), mid(1));
			if (c[1] >= areas[0].top && c[1] <= areas[0].bottom) markers.push(c);
		}
	}
	const ticks = [...svg.querySelectorAll('[data-kp-axis="0"]')].map(el => {
		const b = el.getBBox();
		return {i: +el.dataset.kpTick, text: el.textContent, y: point(ctm(el), b.x + b.width / 2, b.y + b.height / 2)[1]};
	});
	const paths = [];
	for (let j = 0, p; (p = svg.querySelector('[data-kp-vary="' + j + '"]')); j++) paths.push(vertices(p));
	return {
		areas, markers, ticks, paths,
		values: [...root.querySelectorAll('[data-kp-value]')].map(e => e.textContent),
		inputs: [...root.querySelectorAll('input[type=range]')].map(e => e.value),
		status: root.querySelector('[aria-live]').textContent,
		disabled: root.querySelectorAll('input:disabled').length,
		note: root.querySelector('.kp-slider-nojs').checkVisibility(),
	};
})('fig-explore')`

// linearFit returns a, b minimising Σ (a + b·u_i − v_i)², and the largest
// residual.
func linearFit(u, v []float64) (a, b, worst float64) {
	n := float64(len(u))
	var su, sv, suu, suv float64
	for i := range u {
		su, sv, suu, suv = su+u[i], sv+v[i], suu+u[i]*u[i], suv+u[i]*v[i]
	}
	b = (n*suv - su*sv) / (n*suu - su*su)
	a = (sv - b*su) / n
	for i := range u {
		worst = max(worst, math.Abs(a+b*u[i]-v[i]))
	}
	return a, b, worst
}

// shown turns what the drawing shows into data coordinates. The x axis
// and the top panel's y axis are read off the input points' markers, which
// stand at the CSV's (x, y); the weight axis runs from 0 at the bottom of
// its data area, at the spacing its tick labels give.
func (d drawnWidget) shown(t *testing.T, xs, ys []float64) shownWidget {
	t.Helper()
	if len(d.Markers) != len(xs) || len(d.Areas) != 2 {
		t.Fatalf("the drawing has %d input markers and %d data areas; want %d and 2", len(d.Markers), len(d.Areas), len(xs))
	}
	slices.SortFunc(d.Markers, func(p, q [2]float64) int { return cmp.Compare(p[0], q[0]) })
	var mx, my []float64
	for _, m := range d.Markers {
		mx, my = append(mx, m[0]), append(my, m[1])
	}
	ax, bx, wx := linearFit(xs, mx)
	ay, by, wy := linearFit(ys, my)
	if wx > 0.1 || wy > 0.1 {
		t.Fatalf("the input markers are not on linear axes: off by %.3g, %.3g units", wx, wy)
	}
	dataX := func(X float64) float64 { return (X - ax) / bx }
	dataY := func(Y float64) float64 { return (Y - ay) / by }
	weight := d.followingAxis(t, 1)
	var w shownWidget
	curve := func(pts [][2]float64, y func(float64) float64, lo, hi float64) shownCurve {
		c := shownCurve{Lo: lo, Hi: hi}
		for _, p := range pts {
			c.Points = append(c.Points, [2]float64{dataX(p[0]), y(p[1])})
		}
		return c
	}
	if len(d.Paths) != 6 {
		t.Fatalf("the drawing has %d varied paths, want 6", len(d.Paths))
	}
	for _, j := range []int{0, 1} { // the kernel and attention curves
		w.Top = append(w.Top, curve(d.Paths[j], dataY, dataY(d.Areas[0].Bottom), dataY(d.Areas[0].Top)))
	}
	for _, j := range []int{4, 5} { // their weights
		w.Weights = append(w.Weights, curve(d.Paths[j], weight, 0, weight(d.Areas[1].Top)))
	}
	for _, j := range []int{2, 3} { // the query line in each panel
		w.Query = append(w.Query, dataX(d.Paths[j][0][0]))
	}
	for _, tk := range d.Ticks {
		w.Ticks = append(w.Ticks, tk.Text)
	}
	w.Values, w.Inputs, w.Status, w.Disabled, w.NoteShow = d.Values, d.Inputs, d.Status, d.Disabled, d.NoteShow
	return w
}

// checkCurve fails when a shown curve is not the CSV's column within the
// tolerance. Points outside the inputs' span (a shifted template's ends,
// which the SVG clips) are skipped; every input must be matched once.
func checkCurve(t *testing.T, name string, got shownCurve, xs, want []float64) {
	t.Helper()
	n := len(xs)
	dx := xs[1] - xs[0]
	tolY := exploreTolerance * (got.Hi - got.Lo)
	seen := make([]bool, n)
	worst := 0.0
	for _, p := range got.Points {
		k := (p[0] - xs[0]) / dx
		i := int(math.Round(k))
		if i < 0 || i >= n {
			continue
		}
		if math.Abs(k-float64(i)) > 0.05 { // x is drawn in 1000 levels of its extent
			t.Errorf("%s: a point at x = %.6g is not at an input", name, p[0])
			return
		}
		seen[i] = true
		d := math.Abs(p[1] - want[i])
		worst = max(worst, d)
		if d > tolY {
			t.Errorf("%s: at x = %g shows %.6g, want %.6g (off by %.3g%% of the axis span %g, tolerance %.2g%%)",
				name, xs[i], p[1], want[i], 100*d/(got.Hi-got.Lo), got.Hi-got.Lo, 100*exploreTolerance)
			return
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("%s: no point at input %d (x = %g)", name, i, xs[i])
			return
		}
	}
	t.Logf("%s: %d points within %.3g%% of the axis span (largest error %.3g%%)", name, n, 100*exploreTolerance, 100*worst/(got.Hi-got.Lo))
}

// followingAxis reads the axis that follows the setting, drawn in panel
// p: it runs from 0 at the bottom of the panel's data area, at the spacing
// its tick labels give; it returns the map from the drawing's y to values.
// The labels must stand evenly spaced by their values. (A label's centre
// is not quite at its tick: it is a font's box, so the spacing is read
// between labels and 0 at the data area.)
func (d drawnWidget) followingAxis(t *testing.T, p int) func(float64) float64 {
	t.Helper()
	if len(d.Ticks) != 6 || len(d.Areas) <= p {
		t.Fatalf("%d tick labels on the axis that follows the setting and %d data areas; want 6 and over %d", len(d.Ticks), len(d.Areas), p)
	}
	label := func(i int) float64 {
		v, err := strconv.ParseFloat(d.Ticks[i].Text, 64)
		if err != nil {
			t.Fatalf("tick label %q: %v", d.Ticks[i].Text, err)
		}
		return v
	}
	bottom, perUnit := d.Areas[p].Bottom, label(5)/(d.Ticks[0].Y-d.Ticks[5].Y)
	value := func(Y float64) float64 { return (bottom - Y) * perUnit }
	for i, tk := range d.Ticks {
		if got := value(tk.Y) - value(d.Ticks[0].Y); tk.I != i || math.Abs(got-label(i)) > 0.002*label(5) {
			t.Errorf("tick %d (data-kp-tick %d) labelled %s stands %.4g above the first", i, tk.I, tk.Text, got)
		}
	}
	return value
}

// checkWidgetShows compares the widget with the CSVs of one setting.
func checkWidgetShows(t *testing.T, w shownWidget, dir string, s exploreSetting) {
	t.Helper()
	c := readCSV(t, dir, s.compare)
	wt := readCSV(t, dir, s.weights)
	all := readCSV(t, dir, "fig-explore")
	xs := c["x"]
	at := fmt.Sprintf("h=%s T=%s q=%d", s.bandwidth, s.temperature, s.query)
	checkCurve(t, at+" kernel curve vs "+s.compare+".csv", w.Top[0], xs, c["kernel"])
	checkCurve(t, at+" attention curve vs "+s.compare+".csv", w.Top[1], xs, c["attention"])
	checkCurve(t, at+" kernel curve vs fig-explore.csv", w.Top[0], xs, all["kernel_h="+s.bandwidth])
	checkCurve(t, at+" attention curve vs fig-explore.csv", w.Top[1], xs, all["attention_T="+s.temperature])
	checkCurve(t, at+" kernel weights vs "+s.weights+".csv", w.Weights[0], xs, wt["kernel_weight"])
	checkCurve(t, at+" attention weights vs "+s.weights+".csv", w.Weights[1], xs, wt["attention_weight"])
	// The weight axis fits the higher peak without squashing it: its
	// round scales step by at most 1.5, plus 3% to spare.
	if peak, top := max(maxOf(wt["kernel_weight"]), maxOf(wt["attention_weight"])), w.Weights[0].Hi; top < peak || top > 1.55*peak {
		t.Errorf("%s: the weight axis goes up to %g for a highest weight of %g", at, top, peak)
	}
	for panel, x := range w.Query {
		if d := math.Abs(x - xs[s.query]); d > exploreTolerance*(xs[len(xs)-1]-xs[0]) {
			t.Errorf("%s: the query line in panel %d is at x = %g, want %g", at, panel+1, x, xs[s.query])
		}
	}
	if qx := strconv.FormatFloat(xs[s.query], 'f', 2, 64); w.Values[2] != qx {
		t.Errorf("%s: the query slider shows %q, want %s", at, w.Values[2], qx)
	}
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// setSlider sets a slider the way a script or an assistive tool does:
// value, then input and change events.
func setSlider(ctx context.Context, id, value string) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const el = document.getElementById(`+jsString(id)+`);
		el.value = `+jsString(value)+`;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return true;
	})()`))
	return err
}

// pressArrows focuses a slider and presses an arrow key n times, as a
// keyboard user does; n < 0 presses the left arrow.
func pressArrows(ctx context.Context, id string, n int) error {
	arrow := kb.ArrowRight
	if n < 0 {
		arrow, n = kb.ArrowLeft, -n
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID(id))); err != nil {
		return err
	}
	return chromedp.Do(ctx, chromedp.KeyEvent(strings.Repeat(arrow, n)))
}

// readShown reads a widget back in data coordinates, with the inputs its
// CSV holds in columns x and y.
func readShown(t *testing.T, ctx context.Context, dir, figureID string) shownWidget {
	t.Helper()
	in := readCSV(t, dir, figureID)
	return readDrawn(t, ctx, figureID).shown(t, in["x"], in["y"])
}

// readDrawn reads a varied figure's visible drawing (see readWidget).
func readDrawn(t *testing.T, ctx context.Context, figureID string) drawnWidget {
	t.Helper()
	d, err := chromedp.Run(ctx, chromedp.Evaluate[drawnWidget](strings.Replace(readWidget, "'fig-explore'", jsString(figureID), 1)))
	if err != nil {
		t.Fatalf("reading %s back: %v", figureID, err)
	}
	return d
}

// TestExploreWidget drives the {explore} widget in Chromium: it moves the
// sliders to three settings, by keyboard and by script, and checks that the
// curves shown match the data of {compare} and {weights} figures at the same
// settings; that arrows change the value and the live text; that the page
// fetches nothing and logs no error meanwhile; that it fits a phone; and that
// without JavaScript the initial setting shows with a note.
func TestExploreWidget(t *testing.T) {
	sharedBrowser(t)
	url, dir := serveExplore(t)
	shots := screenshotDir(t)

	t.Run("sliders/1280x800", func(t *testing.T) {
		v := viewport{1280, 800, "light"}
		page := openPage(t, url, v, http.StatusOK)
		ctx := page.ctx
		w := readShown(t, ctx, dir, "fig-explore")
		if w.Disabled != 0 || w.NoteShow {
			t.Fatalf("the script did not start: %d sliders disabled, note shown %v", w.Disabled, w.NoteShow)
		}
		checkWidgetShows(t, w, dir, exploreSettings[2])
		page.saveScreenshot(t, shots, "explore-1280x800-light")
		page.checkFiguresVisible(t)
		page.checkAccessibility(t)

		before, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType('resource').length`))
		if err != nil {
			t.Fatal(err)
		}
		current := 0.1
		for _, s := range exploreSettings {
			// The bandwidth by keyboard, 0.01 per arrow press; the others
			// by setting the value.
			h, _ := strconv.ParseFloat(s.bandwidth, 64)
			if err := pressArrows(ctx, "fig-explore-bandwidth", int(math.Round((h-current)/0.01))); err != nil {
				t.Fatal(err)
			}
			current = h
			if err := setSlider(ctx, "fig-explore-temperature", s.temperature); err != nil {
				t.Fatal(err)
			}
			if err := setSlider(ctx, "fig-explore-query", strconv.Itoa(s.query)); err != nil {
				t.Fatal(err)
			}
			w := readShown(t, ctx, dir, "fig-explore")
			if w.Inputs[0] != s.bandwidth || w.Inputs[1] != s.temperature || w.Inputs[2] != strconv.Itoa(s.query) {
				t.Fatalf("the sliders read %v, want %s, %s, %d", w.Inputs, s.bandwidth, s.temperature, s.query)
			}
			checkWidgetShows(t, w, dir, s)
			saveWidgetShot(t, ctx, shots, fmt.Sprintf("explore-widget-1280-h%s-T%s-q%d", s.bandwidth, s.temperature, s.query))
			want := fmt.Sprintf("Bandwidth h = %s, Temperature T = %s, Query position x = %.2f", fixed(s.bandwidth, 2), fixed(s.temperature, 1), float64(s.query)/50)
			if w.Status != want {
				t.Errorf("the live region reads %q, want %q", w.Status, want)
			}
		}

		// Arrows move the query by one input, and the text follows.
		if err := pressArrows(ctx, "fig-explore-query", 1); err != nil {
			t.Fatal(err)
		}
		w = readShown(t, ctx, dir, "fig-explore")
		if w.Inputs[2] != "26" || w.Values[2] != "0.52" || !strings.HasSuffix(w.Status, "Query position x = 0.52") {
			t.Errorf("after a right arrow on the query slider: value %s, shown %q, live region %q; want 26, \"0.52\", ending \"Query position x = 0.52\"", w.Inputs[2], w.Values[2], w.Status)
		}
		if err := pressArrows(ctx, "fig-explore-temperature", -1); err != nil {
			t.Fatal(err)
		}
		w = readShown(t, ctx, dir, "fig-explore")
		if w.Inputs[1] != "0.9" || w.Values[1] != "0.9" || !strings.Contains(w.Status, "Temperature T = 0.9,") {
			t.Errorf("after a left arrow on the temperature slider: value %s, shown %q, live region %q; want 0.9", w.Inputs[1], w.Values[1], w.Status)
		}

		// The second widget on the page moves on its own, and shows its own
		// data.
		if err := setSlider(ctx, "fig-small-bandwidth", "0.2"); err != nil {
			t.Fatal(err)
		}
		if err := pressArrows(ctx, "fig-small-temperature", 1); err != nil {
			t.Fatal(err)
		}
		small := readShown(t, ctx, dir, "fig-small")
		own := readCSV(t, dir, "fig-small")
		if small.Inputs[0] != "0.2" || small.Inputs[1] != "1.5" || small.Status != "Bandwidth h = 0.20, Temperature T = 1.5, Query position x = 0.15" {
			t.Errorf("the second widget reads %v and %q", small.Inputs, small.Status)
		}
		checkCurve(t, "second widget's kernel curve vs fig-small.csv", small.Top[0], own["x"], own["kernel_h=0.2"])
		checkCurve(t, "second widget's attention curve vs fig-small.csv", small.Top[1], own["x"], own["attention_T=1.5"])
		ownW := readCSV(t, dir, "fig-small-w")
		checkCurve(t, "second widget's kernel weights vs fig-small-w.csv", small.Weights[0], own["x"], ownW["kernel_weight"])
		checkCurve(t, "second widget's attention weights vs fig-small-w.csv", small.Weights[1], own["x"], ownW["attention_weight"])
		if first := readShown(t, ctx, dir, "fig-explore"); strings.Join(first.Inputs, " ") != "0.1 0.9 26" {
			t.Errorf("moving the second widget moved the first to %v", first.Inputs)
		}

		// The extremes: the narrowest kernel and the coldest attention, with
		// the query at the first input.
		for key, value := range map[string]string{"bandwidth": "0.01", "temperature": "0.1", "query": "0"} {
			if err := setSlider(ctx, "fig-explore-"+key, value); err != nil {
				t.Fatal(err)
			}
		}
		saveWidgetShot(t, ctx, shots, "explore-widget-1280-h0.01-T0.1-q0")

		// How long one slider step takes to draw, for the log only.
		ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
			const el = document.getElementById('fig-explore-bandwidth'), t0 = performance.now();
			for (let i = 0; i < 50; i++) { el.value = String((i + 1) / 100); el.dispatchEvent(new Event('input', {bubbles: true})); }
			document.querySelector('#fig-explore [data-kp-vary="4"]').getBBox();
			return (performance.now() - t0) / 50;
		})()`))
		if err == nil {
			t.Logf("one slider step updates the SVG in %.3f ms (script and layout, before paint)", ms)
		}
		after, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType('resource').length`))
		if err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Errorf("moving the sliders fetched %d resources, want none", after-before)
		}
		page.checkNoProblems(t)
	})

	t.Run("shared-address/1280x800", func(t *testing.T) {
		// The second setting, shared: restored on opening, the figure
		// scrolled to, the other widget at its defaults.
		s := exploreSettings[1]
		shared := fmt.Sprintf("%s?fig-explore.bandwidth=%s&fig-explore.temperature=%s&fig-explore.query=%d#fig-explore", url, s.bandwidth, s.temperature, s.query)
		page := openPage(t, shared, viewport{1280, 800, "light"}, http.StatusOK)
		ctx := page.ctx
		w := readShown(t, ctx, dir, "fig-explore")
		if w.Inputs[0] != s.bandwidth || w.Inputs[1] != s.temperature || w.Inputs[2] != strconv.Itoa(s.query) {
			t.Fatalf("the shared setting was not restored: the sliders read %v", w.Inputs)
		}
		checkWidgetShows(t, w, dir, s)
		top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.getElementById('fig-explore').getBoundingClientRect().top`))
		if err != nil {
			t.Fatal(err)
		}
		if top < -1 || top > 100 {
			t.Errorf("opening the shared address left the widget %.0f px from the top of the window", top)
		}
		if small := readShown(t, ctx, dir, "fig-small"); strings.Join(small.Inputs, " ") != "0.1 1 3" {
			t.Errorf("the second widget, not in the address, reads %v, want its defaults", small.Inputs)
		}
		// Moving a slider writes the address in place.
		history0, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`history.length`))
		if err := pressArrows(ctx, "fig-explore-query", -1); err != nil {
			t.Fatal(err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[location.search, location.hash, String(history.length)]`))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("?fig-explore.bandwidth=%s&fig-explore.temperature=%s&fig-explore.query=%d", s.bandwidth, s.temperature, s.query-1)
		if loc[0] != want || loc[1] != "#fig-explore" || loc[2] != strconv.Itoa(history0) {
			t.Errorf("after a left arrow the address reads %q %q with %s history entries; want %q, #fig-explore and %d", loc[0], loc[1], loc[2], want, history0)
		}
		// Values that are not the sliders' fall back to the defaults.
		page = openPage(t, url+"?fig-explore.bandwidth=7&fig-explore.query=x", viewport{1280, 800, "light"}, http.StatusOK)
		if w := readShown(t, page.ctx, dir, "fig-explore"); strings.Join(w.Inputs, " ") != "0.1 1 25" {
			t.Errorf("values off the sliders set them to %v, want the defaults 0.1 1 25", w.Inputs)
		}
		page.checkNoProblems(t)
	})

	t.Run("phone/390x844", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			v := viewport{390, 844, scheme}
			page := openPage(t, url, v, http.StatusOK)
			page.saveScreenshot(t, shots, "explore-390x844-"+scheme)
			page.checkNoHorizontalScroll(t)
			page.checkFiguresVisible(t)
			page.checkAccessibility(t)
			type box struct{ Top, Bottom, Left, Right float64 }
			boxes, err := chromedp.Run(page.ctx, chromedp.Evaluate[[]box](`[...document.querySelectorAll('#fig-explore .kp-slider, #fig-explore svg')].filter(e => e.checkVisibility()).map(e => {
				const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};
			})`))
			if err != nil {
				t.Fatal(err)
			}
			// The sliders stack under the drawing, each as wide as it.
			for i := 1; i < len(boxes); i++ {
				if boxes[i].Top < boxes[i-1].Bottom-0.5 {
					t.Errorf("%s: part %d of the widget (top %.0f) is not below part %d (bottom %.0f)", scheme, i, boxes[i].Top, i-1, boxes[i-1].Bottom)
				}
				if w, w0 := boxes[i].Right-boxes[i].Left, boxes[0].Right-boxes[0].Left; w < 0.95*w0 {
					t.Errorf("%s: slider %d is %.0f px wide, the drawing %.0f px", scheme, i, w, w0)
				}
			}
			page.checkNoProblems(t)
		}
	})

	t.Run("no-javascript/390x844", func(t *testing.T) {
		page := openPageNoScript(t, url, viewport{390, 844, "light"})
		ctx := page.ctx
		w := readShown(t, ctx, dir, "fig-explore")
		if !w.NoteShow {
			t.Errorf("without JavaScript the note that the sliders need it is not shown")
		}
		if w.Disabled != 3 {
			t.Errorf("without JavaScript %d of 3 sliders are disabled", w.Disabled)
		}
		checkWidgetShows(t, w, dir, exploreSettings[2])
		page.saveScreenshot(t, shots, "explore-390x844-nojs")
		page.checkFiguresVisible(t)
		page.checkNoProblems(t)
	})
}

// saveWidgetShot writes a screenshot of the widget alone as name.png.
func saveWidgetShot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("#fig-explore .kp-vary")))
	if err == nil {
		var png []byte
		png, err = chromedp.Run(ctx, chromedp.ScreenshotNodes(nodes, 1))
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
		}
	}
	if err != nil {
		t.Errorf("screenshot of the widget: %v", err)
	}
}

// fixed writes a decimal with the given number of decimals, e.g. 0.5 → 0.50.
func fixed(s string, decimals int) string {
	v, _ := strconv.ParseFloat(s, 64)
	return strconv.FormatFloat(v, 'f', decimals, 64)
}
