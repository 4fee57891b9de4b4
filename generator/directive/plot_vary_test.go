package directive_test

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// varyPage draws y = a·x for a = 1, 1.5, …, 3 (default 2) beside the
// fixed y = x, both against x = 0, 0.25, …, 1.
const varyPage = "```{compute}\nxs = linspace(0, 1, 5)\ndef line(a):\n    return a * xs\n```\n\n" +
	"```{plot}\n:label: fig-a\n:x: xs\n:line: line(a) as \"a·x\", line(1) as \"identity\"\n:vary: a = 1 … 3 step 0.5 default 2 as \"slope a\"\n\nLines.\n```\n"

// varyPayload returns the JSON the page script is given.
func varyPayload(t *testing.T, html string) (out struct {
	Params []struct {
		Name    string    `json:"name"`
		Values  []float64 `json:"v"`
		Texts   []string  `json:"t"`
		Default int       `json:"i"`
	} `json:"params"`
	Series []struct {
		Params []int     `json:"p"`
		X      []int     `json:"x"`
		Y      [][]int   `json:"y"`
		DY     []float64 `json:"dy"`
	} `json:"series"`
}) {
	t.Helper()
	m := regexp.MustCompile(`<script type="application/json" data-kp-data>(.*?)</script>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no data for the script")
	}
	if err := json.Unmarshal([]byte(m[1]), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVaryComputesEverySetting(t *testing.T) {
	out, html, errs := plotPage(t, varyPage, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// The CSV: x, then the varied line at each of its 5 settings, then the
	// fixed one; a = 1.5 at x = 0.5 is 0.75.
	lines := strings.Split(strings.TrimSpace(string(out.Files[0].Data)), "\n")
	wantHeader := "x,a·x (a=1),a·x (a=1.5),a·x (a=2),a·x (a=2.5),a·x (a=3),identity"
	if lines[0] != wantHeader {
		t.Fatalf("header %q, want %q", lines[0], wantHeader)
	}
	if lines[3] != "0.5,0.5,0.75,1,1.25,1.5,0.5" {
		t.Errorf("row x = 0.5 is %q, want 0.5,0.5,0.75,1,1.25,1.5,0.5", lines[3])
	}
	p := varyPayload(t, html)
	if len(p.Params) != 1 || p.Params[0].Name != "a" || p.Params[0].Default != 2 || strings.Join(p.Params[0].Texts, " ") != "1 1.5 2 2.5 3" {
		t.Fatalf("params %+v", p.Params)
	}
	if len(p.Series) != 1 || len(p.Series[0].Y) != 5 || len(p.Series[0].Params) != 1 {
		t.Fatalf("series %+v; want one varied series with 5 settings", p.Series)
	}
	// The levels span the series' extent over every setting, 0 … 3:
	// a = 3 at x = 1 is the top, level 1000; a = 1 at x = 0.25 is
	// 0.25/3 of it, level 83.
	sum := func(d []int, upto int) int {
		s := 0
		for _, v := range d[:upto+1] {
			s += v
		}
		return s
	}
	s := p.Series[0]
	if got := sum(s.Y[4], 4); got != 1000 {
		t.Errorf("a = 3 at x = 1: level %d, want 1000", got)
	}
	if got := sum(s.Y[0], 1); got != 83 {
		t.Errorf("a = 1 at x = 0.25: level %d, want 83", got)
	}
	if s.DY[0] != 0 || s.DY[1] != 3 {
		t.Errorf("y domain %v, want [0 3]", s.DY)
	}
	// Both drawings draw the default setting, a = 2, and say so without
	// the script; the sliders start disabled.
	if n := strings.Count(html, `data-kp-vary="0"`); n != 2 {
		t.Errorf("%d varied paths, want one per drawing", n)
	}
	for _, want := range []string{
		`The sliders need JavaScript, which is off: the figure shows slope a = 2.`,
		`<input type="range" id="fig-a-a" min="1" max="3" step="0.5" value="2" aria-valuetext="slope a = 2"`,
		`disabled>`, `aria-live="polite"`, `<label for="fig-a-a">slope a</label>`,
		`<script src="../js/vary.js" defer></script>`,
		`Sliders set slope a from 1 to 3; the figure first shows slope a = 2.`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the figure lacks %q", want)
		}
	}
}

// TestVaryTwoParameters checks the order of settings with two parameters:
// the first varies fastest, and a series depending on one only is stored
// once per value of that one.
func TestVaryTwoParameters(t *testing.T) {
	src := "```{compute}\nxs = linspace(0, 1, 3)\n```\n\n" +
		"```{plot}\n:label: fig-b\n:x: xs\n:line: (a * xs + b) as \"both\", (b + 0 * xs) as \"b only\"\n:vary: a = 1 … 2 step 1; b = 0 … 0.2 step 0.1 default 0.1\n```\n"
	out, html, errs := plotPage(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	header := strings.SplitN(string(out.Files[0].Data), "\n", 2)[0]
	// Headers holding a comma are quoted, as RFC 4180 says.
	want := `x,"both (a=1, b=0)","both (a=2, b=0)","both (a=1, b=0.1)","both (a=2, b=0.1)","both (a=1, b=0.2)","both (a=2, b=0.2)",b only (b=0),b only (b=0.1),b only (b=0.2)`
	if header != want {
		t.Errorf("header\n%q, want\n%q", header, want)
	}
	p := varyPayload(t, html)
	if len(p.Series) != 2 || len(p.Series[0].Y) != 6 || len(p.Series[1].Y) != 3 ||
		len(p.Series[0].Params) != 2 || p.Series[1].Params[0] != 1 {
		t.Errorf("series %+v", p.Series)
	}
}

func TestVaryErrors(t *testing.T) {
	base := "```{compute}\nxs = linspace(0, 1, 5)\n```\n\n```{plot}\n:x: xs\n"
	for _, c := range []struct{ opts, want string }{
		{":line: (xs * h)\n:vary: h = 0.1 … 1 step 0.4\n", `x.md:8: {plot}: option "vary": h: 0.1 … 1 is not a whole number of steps of 0.4`},
		{":line: (xs * h)\n:vary: h = 0.1 … 1 step 0.1 default 0.25\n", `the default of h, 0.25, is not one of its values`},
		{":line: (xs * h)\n:vary: h from 1 to 2\n", `is not a parameter and its values; write NAME = FIRST … LAST step STEP`},
		{":line: (xs * h)\n:vary: h = 0 … 1 step 0.0001\n", `over the limit of 1000 settings`},
		{":line: (xs * h)\n:vary: h = 0 … 9 step 1; k = 0 … 200 step 1\n", `over the limit of 1000`},
		{":points: (xs * h)\n:vary: h = 1 … 2 step 1\n", `option "points": (xs * h) refers to h, which :vary: sets, but only :line: series can vary`},
		{":line: (xs * h)\n:rule: y=h\n:vary: h = 1 … 2 step 1\n", `a rule cannot vary yet`},
		{":line: (xs * hh)\n:vary: h = 1 … 2 step 1\n", `no {compute} block above this figure defines hh (did you mean h?)`},
		{":line: (xs * h\n:vary: h = 1 … 2 step 1\n", `is missing a closing )`},
		{":line: (xs * h) / 0\n:vary: h = 1 … 2 step 1\n", `neither a name nor an expression`},
		{":line: log(xs - h)\n:vary: h = 1 … 2 step 1\n", `log(xs - h)[0] is NaN; a figure draws finite numbers only`},
		{":line: (2 * xs)\n:vary: h = 1 … 2 step 1\n", `option "vary": no :line: series refers to h, so its slider would change nothing`},
		{":line: (h * xs)\n:vary: h = 1 … 2 step 1; k = 1 … 2 step 1\n", `no :line: series refers to k`},
		{":line: (h * xs)\n:ylim: follow\n", `option "ylim": follow makes the y axis follow the sliders' setting, and this figure has no :vary:`},
		{":line: (h * xs)\n:points: xs\n:ylim: follow\n:vary: h = 1 … 2 step 1\n", `option "ylim": with follow, the figure draws only :line: series that vary`},
		{":line: (h * xs)\n:ylim: follow\n:yscale: log\n:vary: h = 1 … 2 step 1\n", `follow runs the y axis from 0, which a log axis cannot show`},
		{":line: (h * xs), xs\n:ylim: follow\n:vary: h = 1 … 2 step 1\n", `option "ylim": with follow, every series must vary, as the axis changes under it; xs refers to no parameter of :vary:`},
		{":line: (h * xs - 1)\n:ylim: follow\n:vary: h = 1 … 2 step 1\n", `option "ylim": with follow, the axis runs from 0, and (h * xs - 1) goes down to -1 at some setting`},
	} {
		_, _, errs := plotPage(t, base+c.opts+"```\n", nil)
		if len(errs) != 1 || !strings.Contains(errs[0], c.want) {
			t.Errorf("%s: got %q, want one error containing %q", strings.TrimSpace(c.opts), errs, c.want)
		}
	}
}

// TestVaryExpressionsAreBounded: an expression that loops for ever stops
// at the figure's own work limit, the same on every run.
func TestVaryExpressionsAreBounded(t *testing.T) {
	src := "```{compute}\nxs = linspace(0, 1, 5)\ndef slow(h):\n    t = 0\n    for i in range(100000000):\n        t += i\n    return xs * h\n```\n\n```{plot}\n:x: xs\n:line: slow(h)\n:vary: h = 1 … 2 step 1\n```\n"
	_, _, errs := plotPage(t, src, nil)
	if len(errs) != 1 || !strings.Contains(errs[0], "units of work (Starlark steps plus numeric operations) this figure may spend on its expressions") {
		t.Errorf("got %q", errs)
	}
}

// TestPlotExpressionsWithoutVary: a layer may be an expression of the
// namespace, its column headed by its text unless it is labelled.
func TestPlotExpressionsWithoutVary(t *testing.T) {
	src := "```{compute}\nxs = linspace(0, 1, 3)\nd = {\"y\": [1, 2, 3]}\n```\n\n```{plot}\n:x: xs\n:line: d[\"y\"], (1 - xs) as \"one minus\"\n```\n"
	out, _, errs := plotPage(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := string(out.Files[0].Data), "x,\"d[\"\"y\"\"]\",one minus\n0,1,1\n0.5,2,0.5\n1,3,0\n"; got != want {
		t.Errorf("CSV %q, want %q", got, want)
	}
}

// TestVaryLevelsMatchTheCSV decodes every setting's levels and compares
// them with the CSV's values: within half a level of the extent.
func TestVaryLevelsMatchTheCSV(t *testing.T) {
	out, html, errs := plotPage(t, varyPage, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := varyPayload(t, html)
	rows := strings.Split(strings.TrimSpace(string(out.Files[0].Data)), "\n")[1:]
	s := p.Series[0]
	for k, dys := range s.Y {
		level := 0
		for j, d := range dys {
			level += d
			v, _ := strconv.ParseFloat(strings.Split(rows[j], ",")[1+k], 64)
			drawn := s.DY[0] + float64(level)/1000*(s.DY[1]-s.DY[0])
			if math.Abs(drawn-v) > 0.0005*(s.DY[1]-s.DY[0])+1e-12 {
				t.Errorf("setting %d, x %d: drawn %v, CSV %v", k, j, drawn, v)
			}
		}
	}
}

// TestPlotBoundsFollowTheComputedSizes: a figure's bounds on work and
// bytes count the values its x holds, once the compute blocks above have
// run or their cache entries say so. Twenty figures of 11 points fit a
// page, cold and warm; bounded as if each series could hold 4,096 values
// they needed 13 MB and 600 million units of work, and failed. Figures of
// 4,096 points are still refused: seven write about 10 MB, twenty need
// about 600 million units.
func TestPlotBoundsFollowTheComputedSizes(t *testing.T) {
	page := func(n, figures int) string {
		var b strings.Builder
		b.WriteString("```{compute}\nxs = linspace(0, 1, " + strconv.Itoa(n) + ")\nys = xs * xs\nzs = 1 - xs\n```\n")
		for i := 0; i < figures; i++ {
			b.WriteString("\n```{plot}\n:x: xs\n:line: ys zs\n:points: ys\n```\n")
		}
		return b.String()
	}
	store := cache.Open(t.TempDir())
	for _, run := range []string{"cold", "warm"} {
		out, _, errs := plotPage(t, page(11, 20), &Env{Store: store})
		if len(errs) > 0 || out.Figures != 20 {
			t.Errorf("%s: 20 small figures: %d drawn, problems %q", run, out.Figures, errs)
		}
	}
	for _, c := range []struct {
		figures int
		want    string
	}{{7, "over the limit of 8 MiB for one page"}, {20, "over the limit of 300,000,000 for one page"}} {
		_, _, errs := plotPage(t, page(4096, c.figures), &Env{Store: store})
		if len(errs) != 1 || !strings.Contains(errs[0], c.want) {
			t.Errorf("%d figures of 4096 points: got %q, want %q", c.figures, errs, c.want)
		}
	}
}

// TestEachDrawsAPanelPerValue: :each: draws the layers once per value,
// x once in the CSV and each panel's series under its value.
func TestEachDrawsAPanelPerValue(t *testing.T) {
	src := "```{compute}\nxs = linspace(0, 1, 3)\nscales = [1, 2]\n```\n\n" +
		"```{plot}\n:label: fig-e\n:x: xs\n:line: (s * xs) as \"line\", (0 * xs) as \"zero\"\n:rule: y=s \"scale\"\n:each: s in scales as \"scale s\"\n\nPanels.\n```\n"
	out, html, errs := plotPage(t, src, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := string(out.Files[0].Data), "x,line (s=1),zero (s=1),line (s=2),zero (s=2)\n0,0,0,0,0\n0.5,0.5,0,1,0\n1,1,0,2,0\n"; got != want {
		t.Errorf("CSV\n%q, want\n%q", got, want)
	}
	for _, want := range []string{">scale s = 1<", ">scale s = 2<", "line, zero against xs, for scale s = 1, 2</title>"} {
		if !strings.Contains(html, want) {
			t.Errorf("the figure lacks %q", want)
		}
	}
	for _, c := range []struct{ opts, want string }{
		{":line: (s * xs)\n:each: s in [1, 2]\n:vary: a = 1 … 2 step 1\n", `option "each" is not taken with vary`},
		{":line: (s * xs)\n:each: s in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]\n", `draws 13 panels, over the limit of 12`},
		{":line: (s * xs)\n:each: s in xs[0]\n", `is a float; give a list of the values to draw a panel for`},
		{":line: (s * xs)\n:each: s in [1, None]\n", `item 1 of [1, None] is a NoneType`},
		{":line: log(xs - s)\n:each: s in [-1, 0.5]\n", `log(xs - s)[0] is NaN; a figure draws finite numbers only (in the panel for s = 0.5)`},
		{":line: ys\n:each: s from 1 to 2\n", `option "each" must be NAME in LIST`},
	} {
		_, _, errs := plotPage(t, "```{compute}\nxs = linspace(0, 1, 3)\n```\n\n```{plot}\n:x: xs\n"+c.opts+"```\n", nil)
		if len(errs) != 1 || !strings.Contains(errs[0], c.want) {
			t.Errorf("%s: got %q, want one error containing %q", strings.TrimSpace(c.opts), errs, c.want)
		}
	}
}

// TestVaryYAxisFollowsTheSetting draws y = h·sin²(πx) for h from 0.05 to
// 2 with :ylim: follow: the page's data carries the zooms, each setting
// the smallest whose round top holds its peak h (0.05 → 0.05, 0.35 →
// 0.4, 2 → 2), and the drawing marks the axis' six tick labels, which
// show the default setting's zoom.
func TestVaryYAxisFollowsTheSetting(t *testing.T) {
	page := "```{compute}\nxs = linspace(0, 1, 41)\nbump = sin(pi * xs) * sin(pi * xs)\n```\n\n" +
		"```{plot}\n:label: fig-f\n:x: xs\n:line: (h * bump) as \"bump\"\n:ylim: follow\n:vary: h = 0.05 … 2 step 0.05 default 0.35\n```\n"
	_, html, errs := plotPage(t, page, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := regexp.MustCompile(`<script type="application/json" data-kp-data>(.*?)</script>`).FindStringSubmatch(html)
	var data struct {
		Series []struct {
			C []float64 `json:"c"`
			Z []int     `json:"z"`
		} `json:"series"`
		Axes []struct {
			Default int        `json:"i"`
			Ticks   [][]string `json:"t"`
		} `json:"axes"`
	}
	if m == nil || json.Unmarshal([]byte(m[1]), &data) != nil || len(data.Axes) != 1 || len(data.Series) != 1 {
		t.Fatalf("no data with one axis that follows the setting in\n%.400s", html)
	}
	s, ax := data.Series[0], data.Axes[0]
	if len(s.C) != 40 || len(s.Z) != 40 {
		t.Fatalf("%d scales and %d zooms for 40 settings", len(s.C), len(s.Z))
	}
	for k, want := range map[int]string{0: "0.05", 6: "0.4", 39: "2"} { // h = 0.05, 0.35, 2
		if got := ax.Ticks[s.Z[k]][5]; got != want && got != want+"0" && got != want+".0" {
			t.Errorf("setting %d (h = %.2f): axis up to %s, want %s", k, 0.05*float64(k+1), got, want)
		}
	}
	if ax.Default != s.Z[6] {
		t.Errorf("the drawing shows zoom %d, the default setting needs %d", ax.Default, s.Z[6])
	}
	if n := strings.Count(html, `data-kp-axis="0" data-kp-tick=`); n != 12 {
		t.Errorf("%d marked tick labels, want 6 in each of the two drawings", n)
	}
	if !strings.Contains(html, `data-kp-tick="5">0.40</text>`) {
		t.Errorf("the top tick label does not read 0.40, the default setting's zoom")
	}
}
