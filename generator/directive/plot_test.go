package directive_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// sinePage is the minimal example of issue 13, as written there.
const sinePage = "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n```{plot}\n:label: fig-sine\n:x: xs\n:line: ys\n\nOne period of a sine.\n```\n"

// plotPage expands src as page x.md in env and returns its outcome, the
// blocks' HTML joined and the problems as text.
func plotPage(t *testing.T, src string, env *Env) (Outcome, string, []string) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	blocks := markup.Directives(doc.Root)
	out, errs := seed.Expand(Page{File: "x.md", Caption: engine.RenderFragment, Env: env}, blocks)
	var html strings.Builder
	for _, b := range blocks {
		html.Write(b.HTML)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return out, html.String(), msgs
}

func TestPlotDrawsTheMinimalExample(t *testing.T) {
	out, html, errs := plotPage(t, sinePage, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if out.Figures != 1 || len(out.Files) != 1 || out.Files[0].Name != "fig-sine.csv" {
		t.Fatalf("figures %d, files %v; want one figure with fig-sine.csv", out.Figures, out.Files)
	}
	lines := strings.Split(strings.TrimSpace(string(out.Files[0].Data)), "\n")
	// A header and 101 rows; x = i/100, so row 26 is x = 0.25, where the
	// sine of 2π·x is sin(π/2) = 1, and the first row is sin 0 = 0.
	if len(lines) != 102 || lines[0] != "x,ys" || lines[1] != "0,0" || lines[26] != "0.25,1" {
		t.Errorf("CSV has %d lines, header %q, rows %q and %q; want 102, \"x,ys\", \"0,0\", \"0.25,1\"", len(lines), lines[0], lines[1], lines[min(26, len(lines)-1)])
	}
	for _, want := range []string{`<figure class="kp-figure" id="fig-sine">`, "Figure 1.", "One period of a sine.", `href="fig-sine.csv"`, "kp-wide", "kp-compact", "ys against xs</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestPlotSeesOnlyTheNamesAboveIt(t *testing.T) {
	src := "```{plot}\n:x: xs\n:line: ys\n```\n\n```{compute}\nxs = linspace(0, 1, 5)\nys = xs * 2\n```\n"
	_, _, errs := plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:2: {plot}: option \"x\": no {compute} block above this figure defines xs", "never those below")

	src = "```{compute}\nxs = linspace(0, 1, 5)\nsmooth = xs * 2\n```\n\n```{plot}\n:x: xs\n:line: smoth\n```\n"
	_, _, errs = plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:8: {plot}: option \"line\": no {compute} block above this figure defines smoth (did you mean smooth?)")

	src = "```{compute}\nxs = linspace(0, 1, 5)\nys = [1, 2, 3]\n```\n\n```{plot}\n:x: xs\n:line: ys\n```\n"
	_, _, errs = plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:8: {plot}: option \"line\": ys has 3 values and x (xs) has 5")

	// A figure between two compute blocks sees the first block's value of
	// a name the second rebinds.
	src = "```{compute}\nxs = [0, 1]\nys = [5, 6]\n```\n\n```{plot}\n:label: fig-a\n:x: xs\n:line: ys\n```\n\n```{compute}\nys = [7, 8]\n```\n"
	out, _, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := string(out.Files[0].Data); got != "x,ys\n0,5\n1,6\n" {
		t.Errorf("the figure drew %q, want the values as of its place, x,ys 0,5 1,6", got)
	}
}

func TestPlotIsCachedByTheComputeBlocksAboveIt(t *testing.T) {
	dir := t.TempDir()
	env := func() *Env { return &Env{Store: cache.Open(filepath.Join(dir, "cache"))} }
	build := func(src string) (string, int64) {
		t.Helper()
		before := ComputeRuns()
		out, _, errs := plotPage(t, src, env())
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return string(out.Files[0].Data), ComputeRuns() - before
	}
	first, n := build(sinePage)
	if n != 1 {
		t.Errorf("first build ran %d blocks, want 1", n)
	}
	again, n := build(strings.Replace(sinePage, "One period", "Exactly one period", 1))
	if n != 0 || again != first {
		t.Errorf("a caption edit ran %d blocks (want 0) and drew the same data: %v", n, again == first)
	}
	// A new title misses the figure's cache entry, so the compute blocks
	// the cache spared run after all, to give it its values.
	titled, n := build(strings.Replace(sinePage, ":x: xs", ":title: A sine\n:x: xs", 1))
	if n != 1 || titled != first {
		t.Errorf("a title edit ran %d blocks (want 1) and drew the same data: %v", n, titled == first)
	}
	// A code edit changes the data drawn.
	edited, n := build(strings.Replace(sinePage, "sin(", "cos(", 1))
	if n != 1 || !strings.HasPrefix(edited, "x,ys\n0,1\n") {
		t.Errorf("a code edit ran %d blocks (want 1) and drew %.20q…, want x,ys 0,1 first (cos 0 = 1)", n, edited)
	}
}

// layersPage draws every kind of layer over four x values. Bars come
// first, then lines, points and areas, whatever the order of the options.
const layersPage = "```{compute}\n" +
	"xs = [0, 1, 2, 3]\n" +
	"a = array([1, 2, 3, 4])\n" +
	"c = [4, 3, 2, 1]\n" +
	"lo = a - 0.5\n" +
	"hi = a + 0.5\n" +
	"mu = mean(a)\n" +
	"```\n\n" +
	"```{plot}\n" +
	":label: fig-layers\n" +
	":x: xs\n" +
	":line: a as \"trend\"\n" +
	":points: c\n" +
	":bars: c\n" +
	":area: lo hi as \"band\"\n" +
	":rule: x=1.5 \"mid\", y=mu \"mean\"\n" +
	":xlim: -1 4\n" +
	"\nLayers.\n```\n"

func TestPlotDrawsLayers(t *testing.T) {
	out, html, errs := plotPage(t, layersPage, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// c is drawn twice, as bars and as points, and keeps one column; the
	// labelled series are headed by their labels; a = 1…4, so the band
	// runs from a − 0.5 to a + 0.5.
	want := "x,c,trend,band (low),band (high)\n0,4,1,0.5,1.5\n1,3,2,1.5,2.5\n2,2,3,2.5,3.5\n3,1,4,3.5,4.5\n"
	if got := string(out.Files[0].Data); got != want {
		t.Errorf("CSV\n%s\nwant\n%s", got, want)
	}
	// The alt text names each series, the band, the axes and the rules;
	// mean(a) = 2.5.
	for _, w := range []string{
		"with 3 series: c (4 bars), trend (dashed line), c (4 square markers).",
		"A shaded band, band, lies between two curves with y from 0.5 to 4.5.",
		"x (xs) runs from 0 to 3",
		"A horizontal line marks y = 2.5 (mean).",
		"A vertical line marks x = 1.5 (mid).",
		"c, trend, c, band against xs</title>",
		">mid<", ">mean<", ">band<", ">trend<",
	} {
		if !strings.Contains(html, w) {
			t.Errorf("the figure lacks %q", w)
		}
	}
	// :xlim: fixes the x axis at -1 … 4: its end labels are drawn.
	if !strings.Contains(html, ">−1<") && !strings.Contains(html, ">-1<") {
		t.Error("the x axis does not start at -1")
	}
}

func TestPlotHistogramCountsLikeTheLibrary(t *testing.T) {
	// 0, 1, 1, 2, 3 in 3 bins over [0, 3]: [0, 1) holds 0; [1, 2) the two
	// 1s; the last bin [2, 3] holds 2 and 3.
	src := "```{compute}\nv = [0, 1, 1, 2, 3]\n```\n\n```{plot}\n:label: fig-h\n:histogram: v as \"draws\"\n:bins: 3\n:rule: x=1.4 \"mean\"\n```\n"
	out, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := string(out.Files[0].Data), "bin low,bin high,draws\n0,1,1\n1,2,2\n2,3,2\n"; got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
	for _, w := range []string{"histogram of v</title>", "draws (3 bars)", "x (v) runs from 0.5 to 2.5; y (count) from 1 to 2."} {
		if !strings.Contains(html, w) {
			t.Errorf("the figure lacks %q", w)
		}
	}
}

func TestPlotLogAxes(t *testing.T) {
	src := "```{compute}\nxs = [1, 10, 100]\nys = [0.5, 0.05, 0.005]\n```\n\n```{plot}\n:x: xs\n:line: ys\n:xscale: log\n:yscale: log\n```\n"
	_, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(html, "Both axes are logarithmic.") {
		t.Error("the alt text does not say both axes are logarithmic")
	}
	// A zero on a log axis is refused at the scale's line (line 9).
	src = "```{compute}\nxs = [1, 10, 100]\nys = [0.5, 0, 0.005]\n```\n\n```{plot}\n:x: xs\n:line: ys\n:yscale: log\n```\n"
	_, _, errs = plotPage(t, src, &Env{})
	wantOneError(t, errs, "x.md:9: {plot}: option \"yscale\" is log, but ys[1] is 0; a logarithmic axis shows positive values only")
}

func TestPlotRefusesBadLayers(t *testing.T) {
	const head = "```{compute}\nxs = [1, 2, 3]\nys = [1, 2, 3]\nzs = [3, 2, 1]\nmu = 2\nv = [1, 2, 2, 3]\n```\n\n```{plot}\n"
	// The plot's first option is on line 10.
	for _, c := range []struct{ opts, want string }{
		{":x: xs\n:line: ys\n:xscale: logg\n", `x.md:12: {plot}: option "xscale" must be linear or log, got "logg" (did you mean log?)`},
		{":x: xs\n:line: ys\n:rule: z=1\n", `x.md:12: {plot}: option "rule": "z=1" is not a position; write x=VALUE for a vertical line or y=VALUE`},
		{":x: xs\n:line: ys\n:rule: y=mux \"mean\"\n", `x.md:12: {plot}: option "rule": no {compute} block above this figure defines mux (did you mean mu?)`},
		{":x: xs\n:line: ys as\n", `x.md:11: {plot}: option "line": as must follow a name and come before a "label"`},
		{":x: xs\n:line: ys \"data\"\n", `x.md:11: {plot}: option "line": the label "data" needs as before it`},
		{":x: xs\n:area: ys\n", `x.md:11: {plot}: option "area": ys is 1 name short; give 2 names for each, e.g. lo hi as "interval"`},
		{":x: xs\n:line: ys as \"v\"\n:points: zs as \"v\"\n", `x.md:12: {plot}: option "points": two columns of the CSV would be headed v`},
		{":x: xs\n:histogram: v\n", `x.md:10: {plot}: option "x" is not taken with histogram`},
		{":x: xs\n:line: ys\n:xlim: 1 0\n", `x.md:12: {plot}: option "xlim": the axis must run from a lower to a higher number, got 1 to 0`},
		{":x: xs\n:line: ys\n:ylim: 0 1\n:yscale: log\n", `x.md:12: {plot}: option "ylim" starts at 0, but the axis is logarithmic`},
		{":histogram: v\n:yscale: log\n", `x.md:11: {plot}: option "yscale": bars start at 0`},
		{":x: xs\n", `x.md:9: {plot}: give something to draw`},
	} {
		_, _, errs := plotPage(t, head+c.opts+"```\n", &Env{})
		wantOneError(t, errs, c.want)
	}
}

func TestPlotBytesStayWithinTheEstimate(t *testing.T) {
	// The largest figure: 8 layers of 4096 values, of every kind, and 8
	// rules with long labels, which escaping lengthens.
	long := strings.Repeat(`&<"`, 40)
	label := strings.ReplaceAll(long, `"`, "'")
	block := "```{plot}\n:x: xs\n:bars: a\n:line: b c\n:points: d e\n:area: f g as \"" + label + "\", a b\n" +
		":rule: x=0.5 \"" + label + "\", x=0.25 \"" + label + "\", y=0.5 \"" + label + "\", y=0.1 \"" + label + "\", x=0.1, x=0.2, x=0.3, y=0.2\n:title: " + long + "\n```\n"
	src := "```{compute}\nxs = linspace(0, 1, 4096)\na = sin(20 * xs)\nb = cos(31 * xs)\nc = a * b\nd = normal(4096, seed=1)\ne = normal(4096, seed=2)\nf = a - 1\ng = a + 1\n```\n\n" + block
	out, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := int64(len(html))
	for _, f := range out.Files {
		got += int64(len(f.Data))
	}
	_, bound := estimates(t, block)
	if got > bound {
		t.Errorf("the figure wrote %d bytes, over its estimate of %d", got, bound)
	}
	t.Logf("wrote %d bytes of an estimated %d (%.0f%%)", got, bound, 100*float64(got)/float64(bound))

	// A histogram is bounded by its bins, not its values: 1000 bins of
	// 4096 draws.
	block = "```{plot}\n:histogram: d\n:bins: 1000\n:rule: y=3 \"" + label + "\"\n```\n"
	src = "```{compute}\nd = normal(4096, seed=1)\n```\n\n" + block
	out, html, errs = plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got = int64(len(html))
	for _, f := range out.Files {
		got += int64(len(f.Data))
	}
	_, bound = estimates(t, block)
	if got > bound {
		t.Errorf("the histogram wrote %d bytes, over its estimate of %d", got, bound)
	}
	t.Logf("the histogram wrote %d bytes of an estimated %d (%.0f%%)", got, bound, 100*float64(got)/float64(bound))
}

func TestPlotHeatmap(t *testing.T) {
	// A 2 × 3 matrix: row r, column c holds 10r + c. The CSV lists the
	// cells row by row, each at its column's x and its row's y.
	src := "```{compute}\nw = array([[0, 1, 2], [10, 11, 12]])\ncx = [0.5, 1, 2]\n```\n\n```{plot}\n:label: fig-w\n:heatmap: w as \"weight\"\n:x: cx\n```\n"
	out, html, errs := plotPage(t, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "x,y,weight\n0.5,0,0\n1,0,1\n2,0,2\n0.5,1,10\n1,1,11\n2,1,12\n"
	if got := string(out.Files[0].Data); got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
	for _, w := range []string{"heat map of w</title>", "Heat map of 2 rows × 3 columns.", "Columns are cx from 0.5 to 2", "rows are row from 0 to 1"} {
		if !strings.Contains(html, w) {
			t.Errorf("the figure lacks %q", w)
		}
	}
	const head = "```{compute}\nw = array([[0, 1, 2], [10, 11, 12]])\nv = [1, 2, 3]\ncx = [2, 1, 0]\n```\n\n```{plot}\n"
	for _, c := range []struct{ opts, want string }{
		{":heatmap: v\n", `x.md:8: {plot}: option "heatmap": v is a list; a heatmap draws a two-dimensional array`},
		{":heatmap: w\n:x: cx\n", `x.md:9: {plot}: option "x": cx must increase, but cx[1] = 1 follows 2`},
		{":heatmap: w\n:line: v\n", `x.md:9: {plot}: option "line" is not taken with heatmap`},
		{":heatmap: ww\n", `x.md:8: {plot}: option "heatmap": no {compute} block above this figure defines ww (did you mean w?)`},
		{":x: v\n:line: v\n:y: v\n", `x.md:10: {plot}: option "y" is only taken with heatmap`},
	} {
		_, _, errs := plotPage(t, head+c.opts+"```\n", &Env{})
		wantOneError(t, errs, c.want)
	}
	// The largest heatmap stays within its estimate.
	block := "```{plot}\n:heatmap: big\n```\n"
	out, html, errs = plotPage(t, "```{compute}\nbig = matmul(transpose(array([normal(100, seed=1)])), array([normal(100, seed=2)]))\n```\n\n"+block, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := int64(len(html))
	for _, f := range out.Files {
		got += int64(len(f.Data))
	}
	if _, bound := estimates(t, block); got > bound {
		t.Errorf("a 100 × 100 heatmap wrote %d bytes, over its estimate of %d", got, bound)
	} else {
		t.Logf("a 100 × 100 heatmap wrote %d bytes of an estimated %d", got, bound)
	}
}

func TestPlotIsRedrawnWhenTheDataItDrawsChanges(t *testing.T) {
	// The compute blocks run again when a file they read changes; the
	// figure drawn from their values must not come from the cache then.
	dir := bundle(t)
	store := filepath.Join(filepath.Dir(filepath.Dir(dir)), "cache")
	src := "```{compute}\nd = read_csv(\"data.csv\")\nxs = d[\"a\"]\nys = d[\"b\"]\n```\n\n```{plot}\n:label: fig-d\n:x: xs\n:line: ys\n\nThe data.\n```\n"
	csv := func() string {
		t.Helper()
		engine := markup.New(markup.Config{})
		doc, _ := engine.Parse([]byte(src))
		out, errs := seed.Expand(Page{File: filepath.Join(dir, "index.md"), Caption: engine.RenderFragment, Env: &Env{Store: cache.Open(store)}, Dir: dir}, markup.Directives(doc.Root))
		if len(errs) > 0 || len(out.Files) != 1 {
			t.Fatalf("problems %v, files %d; want none and one", errs, len(out.Files))
		}
		return string(out.Files[0].Data)
	}
	if got := csv(); got != "x,ys\n1,2\n3,4\n" {
		t.Fatalf("first build's CSV is %q, want the file's two rows", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "data.csv"), []byte("a,b\n1,7\n3,9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := csv(); got != "x,ys\n1,7\n3,9\n" {
		t.Errorf("after the data file changed the CSV is %q, want its new rows 1,7 and 3,9", got)
	}
}
