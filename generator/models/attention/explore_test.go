package attention

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestExploreReportsBadOptions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			"a range running backwards",
			"```{explore}\n:n: 20\n:bandwidths: 0.5:0.1:0.01\n```\n",
			`x.md:3: {explore}: option "bandwidths" must be min:max:step with 0 < min ≤ max, got "0.5:0.1:0.01"`,
		},
		{
			"a zero step",
			"```{explore}\n:temperatures: 0.1:2:0\n```\n",
			`x.md:2: {explore}: option "temperatures" must be min:max:step with step > 0, got "0.1:2:0"`,
		},
		{
			"a negative step",
			"```{explore}\n:bandwidths: 0.1:0.5:-0.1\n```\n",
			`x.md:2: {explore}: option "bandwidths" must be min:max:step with step > 0, got "0.1:0.5:-0.1"`,
		},
		{
			"a zero minimum",
			"```{explore}\n:bandwidths: 0:0.5:0.01\n```\n",
			`x.md:2: {explore}: option "bandwidths" must be min:max:step with 0 < min ≤ max, got "0:0.5:0.01"`,
		},
		{
			"two numbers",
			"```{explore}\n:bandwidths: 0.01:0.5\n```\n",
			`x.md:2: {explore}: option "bandwidths" must be min:max:step, three numbers such as 0.01:0.5:0.01, got "0.01:0.5"`,
		},
		{
			"a word",
			"```{explore}\n:temperatures: 0.1:hot:0.1\n```\n",
			`x.md:2: {explore}: option "temperatures" must be min:max:step, three numbers such as 0.01:0.5:0.01, got "0.1:hot:0.1"`,
		},
		{
			"a maximum over the options' bound",
			"```{explore}\n:temperatures: 1:2000:1\n```\n",
			`x.md:2: {explore}: option "temperatures" must be min:max:step with max ≤ 1000, got "1:2000:1"`,
		},
		{
			"a range that is not a whole number of steps",
			"```{explore}\n:bandwidths: 0.01:0.5:0.02\n```\n",
			`x.md:2: {explore}: option "bandwidths" must be min:max:step with max − min a whole number of steps, such as 0.01:0.49:0.02 or 0.01:0.51:0.02, got "0.01:0.5:0.02"`,
		},
		{
			"an initial bandwidth between the slider's values",
			"```{explore}\n:bandwidth: 0.123\n```\n",
			`x.md:2: {explore}: option "bandwidth" must be one of the values of "bandwidths" (0.01:0.5:0.01), got "0.123"; the nearest is 0.12`,
		},
		{
			"a default temperature the slider does not reach is reported at the fence",
			"```{explore}\n:temperatures: 0.3:2.1:0.6\n```\n",
			`x.md:1: {explore}: option "temperature" must be one of the values of "temperatures" (0.3:2.1:0.6), got "1"; the nearest is 0.9`,
		},
		{
			"a query past the last input",
			"```{explore}\n:n: 20\n:query: 20\n```\n",
			`x.md:3: {explore}: option "query" must be < n (20), got "20"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := expand(t, tt.src)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestExploreLimitsItsVariantsBeforeComputing(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			"too many curves",
			"```{explore}\n:n: 400\n```\n",
			`x.md:1: {explore}: the sliders need (50 bandwidths + 20 temperatures) × 400 queries = 28000 weight curves, over the limit of 20000; take a larger step or a narrower range in "bandwidths" or "temperatures", or a smaller n`,
		},
		{
			"too many weights",
			"```{explore}\n:n: 500\n:bandwidths: 0.1:0.4:0.1\n:temperatures: 1:1:1\n```\n",
			`x.md:3: {explore}: the sliders need (4 bandwidths + 1 temperatures) × 500 queries × 500 inputs = 1250000 weights, over the limit of 1000000; take a larger step or a narrower range in "bandwidths" or "temperatures", or a smaller n`,
		},
		{
			// A trillion bandwidths: computing any of them first would
			// never finish.
			"a huge range is refused at once",
			"```{explore}\n:bandwidths: 0.000000001:1000:0.000000001\n```\n",
			`x.md:2: {explore}: the sliders need (1000000000000 bandwidths + 20 temperatures) × 50 queries = 50000000001000 weight curves, over the limit of 20000; take a larger step or a narrower range in "bandwidths" or "temperatures", or a smaller n`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := expand(t, tt.src)
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// exploreWidget is one expanded {explore} block, taken apart.
type exploreWidget struct {
	html, svg, data string
	csv             map[string][]float64
	payload         struct {
		Fig struct {
			N    int       `json:"n"`
			Top  [][][]int `json:"top"`
			Axes []string  `json:"axes"`
			W    []struct {
				X0 int         `json:"x0"`
				T  [][]int     `json:"t"`
				P  [][][]int   `json:"p"`
				C  [][]float64 `json:"c"`
				A  [][]int     `json:"a"`
			} `json:"w"`
		} `json:"fig"`
		Sliders []struct {
			Name string    `json:"name"`
			M    int       `json:"m"`
			V    []float64 `json:"v"`
			T    []string  `json:"t"`
			I    int       `json:"i"`
		} `json:"sliders"`
	}
}

var (
	svgPattern  = regexp.MustCompile(`(?s)<svg.*</svg>`)
	dataPattern = regexp.MustCompile(`(?s)<script type="application/json" data-kp-data>(.*?)</script>`)
)

func expandExplore(t *testing.T, src string) *exploreWidget {
	t.Helper()
	out, errs, blocks := expand(t, src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	w := &exploreWidget{html: string(blocks[0].HTML)}
	w.svg = svgPattern.FindString(w.html)
	m := dataPattern.FindStringSubmatch(w.html)
	if w.svg == "" || m == nil {
		t.Fatalf("no SVG or no data in the widget:\n%.600s", w.html)
	}
	w.data = m[1]
	if err := json.Unmarshal([]byte(w.data), &w.payload); err != nil {
		t.Fatalf("the widget's data: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Files[0].Data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	w.csv = map[string][]float64{}
	for _, row := range rows[1:] {
		for c, name := range rows[0] {
			v, _ := strconv.ParseFloat(row[c], 64)
			w.csv[name] = append(w.csv[name], v)
		}
	}
	w.csv["#columns"] = make([]float64, len(rows[0]))
	return w
}

// numbers parses the numbers of an attribute such as data-y="1 2 3".
func numbers(t *testing.T, s string) []float64 {
	t.Helper()
	var out []float64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == ',' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			continue
		}
		out = append(out, v)
	}
	return out
}

// attrOf returns the value of attribute name in the first tag that matches
// the pattern around.
func attrOf(t *testing.T, svg, around, name string) string {
	t.Helper()
	tag := regexp.MustCompile(`<[^>]*` + around + `[^>]*>`).FindString(svg)
	m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("no %s in a tag with %s", name, around)
	}
	return m[1]
}

// cumulative turns a level list (first level, then changes) into levels, as
// the SVG path's relative moves do.
func cumulative(d []int) []float64 {
	out := make([]float64, len(d))
	sum := 0
	for i, v := range d {
		sum += v
		out[i] = float64(sum)
	}
	return out
}

// decodeTop returns the top panel's curve of method j at setting s in data
// units: the level's SVG y through the panel's transform, then back to data
// through the axis mapping the SVG states.
func (w *exploreWidget) decodeTop(t *testing.T, j, s int) []float64 {
	tr := numbers(t, attrOf(t, w.svg, `transform="matrix`, "transform")) // the top panel's group comes first
	yaxis := numbers(t, attrOf(t, w.svg, `data-kp="yaxis"`, "data-y"))
	lv := cumulative(w.payload.Fig.Top[j][s])
	out := make([]float64, len(lv))
	for i, l := range lv {
		svgY := tr[3]*l + tr[5]
		out[i] = (svgY - yaxis[0]) / yaxis[1]
	}
	return out
}

// decodeWeights returns the weights method j gives at setting s from query
// q: the levels, shifted to the query for a template, times the curve's scale.
func (w *exploreWidget) decodeWeights(j, s, q int) []float64 {
	f := w.payload.Fig
	m := f.W[j]
	n := f.N
	out := make([]float64, n)
	if m.T != nil {
		lv := cumulative(m.T[s])
		for i := range out {
			out[i] = lv[i-q-m.X0] * m.C[s][q]
		}
	} else {
		lv := cumulative(m.P[s][q])
		for i := range out {
			out[i] = lv[i] * m.C[s][q]
		}
	}
	return out
}

// axisTop returns the top of the weight axis shown for the two methods at
// settings hs and ts from query q: the larger of the two axes they need.
func (w *exploreWidget) axisTop(t *testing.T, hs, ts, q int) float64 {
	f := w.payload.Fig
	a := max(f.W[0].A[hs][q], f.W[1].A[ts][q])
	tr := numbers(t, f.Axes[a])
	bottom, height := tr[5], -tr[3] // SVG y = bottom − height·w
	ticks := regexp.MustCompile(`data-kp="ticks" data-y="([^"]*)"`).FindAllStringSubmatch(w.svg, -1)
	y := numbers(t, ticks[a][1])
	if math.Abs(y[0]-bottom) > 1e-3 || math.Abs(y[1]+height) > 1e-3*height {
		t.Errorf("weight axis %d: the transform %s and the ticks' mapping %v disagree", a, f.Axes[a], y)
	}
	return y[3]
}

func within(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if d := math.Abs(got[i] - want[i]); !(d <= tol) {
			t.Errorf("%s: value %d decodes to %.6g, want %.6g (off by %.3g, tolerance %.3g)", what, i, got[i], want[i], d, tol)
			return
		}
	}
}

func TestExploreDataDecodesToTheNumerics(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-e\n```\n")
	xs := numerics.Grid(50)
	ys := w.csv["y"]
	yaxis := numbers(t, attrOf(t, w.svg, `data-kp="yaxis"`, "data-y"))
	span := yaxis[3] - yaxis[2]
	tol := 0.001 // of the axis span, as promised by figure.ExplorerTolerance
	for _, c := range []struct {
		h, temp float64
		q       int
	}{{0.01, 0.1, 0}, {0.05, 0.5, 10}, {0.1, 1, 25}, {0.5, 2, 49}, {0.27, 1.3, 37}} {
		hs := indexOfValue(t, w.payload.Sliders[0].V, c.h)
		ts := indexOfValue(t, w.payload.Sliders[1].V, c.temp)
		kernel := numerics.Gaussian{Bandwidth: c.h}
		att, err := numerics.NewAttention(numerics.SeedEncoding, numerics.DefaultWQ(), numerics.DefaultWQ(), c.temp)
		if err != nil {
			t.Fatal(err)
		}
		at := "h=" + directive.FormatNumber(c.h) + " T=" + directive.FormatNumber(c.temp) + " q=" + strconv.Itoa(c.q)
		within(t, at+" kernel curve", w.decodeTop(t, 0, hs), numerics.Smooth(kernel, xs, ys, xs), tol*span)
		within(t, at+" attention curve", w.decodeTop(t, 1, ts), att.Apply(xs, ys, xs), tol*span)
		top := w.axisTop(t, hs, ts, c.q)
		kw := numerics.SmootherWeights(kernel, xs, xs[c.q])
		aw := att.Weights(xs, xs[c.q])
		gotK := w.decodeWeights(0, hs, c.q)
		gotA := w.decodeWeights(1, ts, c.q)
		within(t, at+" kernel weights", gotK, kw, tol*top)
		within(t, at+" attention weights", gotA, aw, tol*top)
		if peak := max(maxOf(kw), maxOf(aw)); top < peak || top > 1.55*peak {
			t.Errorf("%s: weight axis up to %g for a highest weight of %g", at, top, peak)
		}
	}
	// The default matrices make attention's weights translates around the
	// circle, so both methods ship one template per setting.
	for j, m := range w.payload.Fig.W {
		if m.T == nil || m.X0 != -49 {
			t.Errorf("method %d is not encoded as templates", j)
		}
	}
}

func TestExploreEncodesWeightsThatAreNotTranslates(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-r\n:n: 20\n:wq: random\n:wk: random\n:bandwidths: 0.05:0.2:0.05\n:temperatures: 0.5:1.5:0.5\n:bandwidth: 0.1\n```\n")
	f := w.payload.Fig
	if f.W[0].T == nil || f.W[1].P == nil || f.W[1].T != nil {
		t.Fatalf("want templates for the kernel and whole curves for attention with random matrices")
	}
	xs := numerics.Grid(20)
	wq, wk := numerics.RandomMatrix(4, 4, 1), numerics.RandomMatrix(4, 4, 2)
	for ts, temp := range []float64{0.5, 1, 1.5} {
		att, err := numerics.NewAttention(numerics.SeedEncoding, wq, wk, temp)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []int{0, 7, 19} {
			got := w.decodeWeights(1, ts, q)
			top := w.axisTop(t, 0, ts, q)
			within(t, "attention T="+directive.FormatNumber(temp)+" q="+strconv.Itoa(q), got, att.Weights(xs, xs[q]), 0.001*top)
		}
	}
}

func TestExploreWidgetMarkupAndData(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-e\n\nThe *caption*.\n```\n")
	for _, want := range []string{
		`<figure class="kp-figure" id="fig-e">`,
		`role="img" aria-labelledby="fig-e-title fig-e-desc"`,
		`<p class="kp-slider-nojs" data-kp-nojs>The sliders need JavaScript, which is off: the figure shows bandwidth 0.10, temperature 1.0, query x = 0.50.</p>`,
		`<label for="fig-e-bandwidth">Bandwidth h</label>`,
		`<input type="range" id="fig-e-bandwidth" min="0.01" max="0.5" step="0.01" value="0.1" aria-valuetext="0.10" data-kp-slider="0" autocomplete="off" disabled>`,
		`<input type="range" id="fig-e-temperature" min="0.1" max="2" step="0.1" value="1" aria-valuetext="1.0" data-kp-slider="1" autocomplete="off" disabled>`,
		`<input type="range" id="fig-e-query" min="0" max="49" step="1" value="25" aria-valuetext="x = 0.50" data-kp-slider="2" autocomplete="off" disabled>`,
		`aria-live="polite" data-kp-status>bandwidth 0.10, temperature 1.0, query x = 0.50</p>`,
		`<script src="../js/explore.js" defer></script>`,
		`Figure 1.</span> The <em>caption</em>.`,
		`href="fig-e.csv"`,
		`Sliders change the bandwidth (0.01 to 0.50), the temperature (0.1 to 2.0) and the query.`,
	} {
		if !strings.Contains(w.html, want) {
			t.Errorf("the widget lacks %s", want)
		}
	}
	if strings.Count(w.html, "<svg") != 1 {
		t.Errorf("the widget has %d SVG elements, want 1 (both panels in one drawing)", strings.Count(w.html, "<svg"))
	}
	// The CSV holds every curve at full precision.
	if got := len(w.csv["#columns"]); got != 2+50+20 {
		t.Errorf("the CSV has %d columns, want x, y, 50 kernel and 20 attention curves", got)
	}
	for _, col := range []string{"x", "y", "kernel_h=0.01", "kernel_h=0.3", "kernel_h=0.5", "attention_T=0.1", "attention_T=1", "attention_T=2"} {
		if len(w.csv[col]) != 50 {
			t.Errorf("the CSV has no column %s of 50 values", col)
		}
	}
	want := numerics.Smooth(numerics.Gaussian{Bandwidth: 0.3}, numerics.Grid(50), w.csv["y"], numerics.Grid(50))
	for i, v := range want {
		if w.csv["kernel_h=0.3"][i] != v {
			t.Fatalf("kernel_h=0.3 row %d is %v, want exactly %v", i, w.csv["kernel_h=0.3"][i], v)
		}
	}
	// Sliders in the order of the inputs, with every value.
	s := w.payload.Sliders
	if len(s) != 3 || len(s[0].V) != 50 || len(s[1].V) != 20 || len(s[2].V) != 50 || s[0].T[9] != "0.10" || s[1].T[9] != "1.0" || s[2].T[25] != "x = 0.50" {
		t.Errorf("unexpected sliders: %+v", s)
	}
}

// exploreBudget is what one {explore} widget may weigh at the default
// ranges, gzipped: its SVG, its data and the script.
const exploreBudget = 60 << 10

func TestExploreWidgetFitsItsBudget(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-e\n```\n")
	script, err := os.ReadFile("../../../templates/static/js/explore.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(script) > 10<<10 {
		t.Errorf("explore.js is %d bytes, over 10 KB", len(script))
	}
	svg, data, js, all := gzipped(w.svg), gzipped(w.data), gzipped(string(script)), gzipped(w.html)+gzipped(string(script))
	t.Logf("gzipped: SVG %d B, data %d B, script %d B (%d B raw); the widget's whole HTML and the script %d B of a %d B budget",
		svg, data, js, len(script), all, exploreBudget)
	if all > exploreBudget {
		t.Errorf("the widget weighs %d bytes gzipped, over its budget of %d", all, exploreBudget)
	}
}

func gzipped(s string) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(s))
	zw.Close()
	return buf.Len()
}

func indexOfValue(t *testing.T, values []float64, v float64) int {
	t.Helper()
	for i, x := range values {
		if x == v {
			return i
		}
	}
	t.Fatalf("%v is not a slider value", v)
	return -1
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
