package attention

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
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
		Params []struct {
			Name string    `json:"name"`
			V    []float64 `json:"v"`
			T    []string  `json:"t"`
			S    []string  `json:"s"`
			I    int       `json:"i"`
		} `json:"params"`
		Series []struct {
			P []int `json:"p"`
			figure.VarySeries
		} `json:"series"`
		Axes []figure.VaryAxis `json:"axes"`
	}
}

// The widget's varied series, in the order the figure draws them.
const (
	seriesKernel = iota
	seriesAttention
	seriesTopQuery
	seriesWeightQuery
	seriesKernelWeights
	seriesAttentionWeights
)

var (
	svgPattern  = regexp.MustCompile(`(?s)<svg.*?</svg>`)
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

// cumulative turns a level list (first level, then changes) into levels.
func cumulative(d []int) []float64 {
	out := make([]float64, len(d))
	sum := 0
	for i, v := range d {
		sum += v
		out[i] = float64(sum)
	}
	return out
}

// one returns list[k], or list[0] for a list that holds for every setting,
// as the page script reads the data.
func one[T any](list []T, k int) T {
	if len(list) == 1 {
		return list[0]
	}
	return list[k]
}

// decodeLevels maps levels back onto the values of a domain.
func decodeLevels(levels []float64, domain []float64) []float64 {
	out := make([]float64, len(levels))
	for i, l := range levels {
		out[i] = domain[0] + l/figure.VaryLevels*(domain[1]-domain[0])
	}
	return out
}

// decodeTop returns a top-panel curve at setting s in data units.
func (w *exploreWidget) decodeTop(j, s int) []float64 {
	se := w.payload.Series[j]
	return decodeLevels(cumulative(se.Y[s]), se.YDomain)
}

// queryX returns the x of query line j at query q.
func (w *exploreWidget) queryX(j, q int) []float64 {
	se := w.payload.Series[j]
	lv := one(se.XS, q)
	return decodeLevels([]float64{float64(lv[0]), float64(lv[1])}, se.XDomain)
}

// setting returns the index of a series' setting at the given slider
// positions, as the page script works it out: the first slider it depends
// on varies fastest.
func (w *exploreWidget) setting(j int, idx ...int) int {
	k, stride := 0, 1
	for _, p := range w.payload.Series[j].P {
		k += idx[p] * stride
		stride *= len(w.payload.Params[p].V)
	}
	return k
}

// decodeWeights returns the weights series j shows at setting k: its
// levels (a profile's, moved to the query) times the setting's scale.
func (w *exploreWidget) decodeWeights(j, k, n int) []float64 {
	se := w.payload.Series[j]
	var lv []float64
	if se.G != nil {
		lv = cumulative(se.Y[one(se.G, k)])
	} else {
		lv = cumulative(se.Y[k])
	}
	out := make([]float64, n)
	for i := range out {
		at := i
		if se.SH != nil {
			at = slices.Index(se.X, i-one(se.SH, k))
		}
		out[i] = lv[at] * one(se.C, k)
	}
	return out
}

// axisTop returns the top of the weight axis at the given slider
// positions: the larger of the zooms the two methods' weights need, whose
// top tick is labelled with the axis' round scale, 3% under its top.
func (w *exploreWidget) axisTop(t *testing.T, idx ...int) float64 {
	ax := w.payload.Axes[0]
	z := max(one(w.payload.Series[seriesKernelWeights].Z, w.setting(seriesKernelWeights, idx...)),
		one(w.payload.Series[seriesAttentionWeights].Z, w.setting(seriesAttentionWeights, idx...)))
	label, err := strconv.ParseFloat(ax.Ticks[z][len(ax.Ticks[z])-1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return label * 1.03
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
	top := w.payload.Series[seriesKernel].YDomain
	span := top[1] - top[0]
	tol := 0.001 // of the axis span, as promised by figure.VaryTolerance
	for _, c := range []struct {
		h, temp float64
		q       int
	}{{0.01, 0.1, 0}, {0.05, 0.5, 10}, {0.1, 1, 25}, {0.5, 2, 49}, {0.27, 1.3, 37}} {
		hs := indexOfValue(t, w.payload.Params[0].V, c.h)
		ts := indexOfValue(t, w.payload.Params[1].V, c.temp)
		kernel := numerics.Gaussian{Bandwidth: c.h}
		att, err := numerics.NewAttention(numerics.SeedEncoding, numerics.DefaultWQ(), numerics.DefaultWQ(), c.temp)
		if err != nil {
			t.Fatal(err)
		}
		at := "h=" + directive.FormatNumber(c.h) + " T=" + directive.FormatNumber(c.temp) + " q=" + strconv.Itoa(c.q)
		within(t, at+" kernel curve", w.decodeTop(seriesKernel, w.setting(seriesKernel, hs, ts, c.q)), numerics.Smooth(kernel, xs, ys, xs), tol*span)
		within(t, at+" attention curve", w.decodeTop(seriesAttention, w.setting(seriesAttention, hs, ts, c.q)), att.Apply(xs, ys, xs), tol*span)
		for _, j := range []int{seriesTopQuery, seriesWeightQuery} {
			within(t, at+" query line", w.queryX(j, w.setting(j, hs, ts, c.q)), []float64{xs[c.q], xs[c.q]}, 0.0005*(xs[49]-xs[0]))
		}
		top := w.axisTop(t, hs, ts, c.q)
		kw := numerics.SmootherWeights(kernel, xs, xs[c.q])
		aw := att.Weights(xs, xs[c.q])
		gotK := w.decodeWeights(seriesKernelWeights, w.setting(seriesKernelWeights, hs, ts, c.q), 50)
		gotA := w.decodeWeights(seriesAttentionWeights, w.setting(seriesAttentionWeights, hs, ts, c.q), 50)
		within(t, at+" kernel weights", gotK, kw, tol*top)
		within(t, at+" attention weights", gotA, aw, tol*top)
		// The axis follows the setting: never below the highest weight,
		// and at most the next round scale above it (1, 1.5, 2, 3, 4, 5,
		// 6, 8 × 10^k) with 3% to spare.
		if peak := max(maxOf(kw), maxOf(aw)); top < peak || top > 1.5*1.03*peak {
			t.Errorf("%s: weight axis up to %g for a highest weight of %g", at, top, peak)
		}
	}
	// The default matrices make attention's weights translates around the
	// circle, so both methods ship one profile per setting.
	for _, j := range []int{seriesKernelWeights, seriesAttentionWeights} {
		if se := w.payload.Series[j]; se.G == nil || len(se.Y) != len(w.payload.Params[j-seriesKernelWeights].V) {
			t.Errorf("series %d is not encoded as one profile per setting", j)
		}
	}
}

func TestExploreEncodesWeightsThatAreNotTranslates(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-r\n:n: 20\n:wq: random\n:wk: random\n:bandwidths: 0.05:0.2:0.05\n:temperatures: 0.5:1.5:0.5\n:bandwidth: 0.1\n```\n")
	if w.payload.Series[seriesKernelWeights].G == nil || w.payload.Series[seriesAttentionWeights].G != nil {
		t.Fatalf("want profiles for the kernel and whole curves for attention with random matrices")
	}
	xs := numerics.Grid(20)
	wq, wk := numerics.RandomMatrix(4, 4, 1), numerics.RandomMatrix(4, 4, 2)
	for ts, temp := range []float64{0.5, 1, 1.5} {
		att, err := numerics.NewAttention(numerics.SeedEncoding, wq, wk, temp)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []int{0, 7, 19} {
			got := w.decodeWeights(seriesAttentionWeights, w.setting(seriesAttentionWeights, 0, ts, q), 20)
			top := w.axisTop(t, 0, ts, q)
			within(t, "attention T="+directive.FormatNumber(temp)+" q="+strconv.Itoa(q), got, att.Weights(xs, xs[q]), 0.001*top)
		}
	}
}

func TestExploreWidgetMarkupAndData(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-e\n\nThe *caption*.\n```\n")
	for _, want := range []string{
		`<figure class="kp-figure" id="fig-e">`,
		`<div class="kp-vary" data-kp-vary-root data-kp-id="fig-e">`,
		`role="img" aria-labelledby="fig-e-title fig-e-desc"`,
		`<p class="kp-slider-nojs" data-kp-nojs>The sliders need JavaScript, which is off: the figure shows Bandwidth h = 0.10, Temperature T = 1.0, Query position x = 0.50.</p>`,
		`<label for="fig-e-bandwidth">Bandwidth h</label>`,
		`<input type="range" id="fig-e-bandwidth" min="0.01" max="0.5" step="0.01" value="0.1" aria-valuetext="Bandwidth h = 0.10" data-kp-slider="0" autocomplete="off" disabled>`,
		`<input type="range" id="fig-e-temperature" min="0.1" max="2" step="0.1" value="1" aria-valuetext="Temperature T = 1.0" data-kp-slider="1" autocomplete="off" disabled>`,
		`<input type="range" id="fig-e-query" min="0" max="49" step="1" value="25" aria-valuetext="Query position x = 0.50" data-kp-slider="2" autocomplete="off" disabled>`,
		`aria-live="polite" data-kp-status>Bandwidth h = 0.10, Temperature T = 1.0, Query position x = 0.50</p>`,
		`<script src="../js/vary.js" defer></script>`,
		`Figure 1.</span> The <em>caption</em>.`,
		`href="fig-e.csv"`,
		`Sliders set Bandwidth h from 0.01 to 0.50, Temperature T from 0.1 to 2.0, Query position x from 0.00 to 0.98; the figure first shows Bandwidth h = 0.10, Temperature T = 1.0, Query position x = 0.50.`,
		`data-kp-axis="0" data-kp-tick="5"`,
	} {
		if !strings.Contains(w.html, want) {
			t.Errorf("the widget lacks %s", want)
		}
	}
	if n := strings.Count(w.html, "<svg"); n != 2 {
		t.Errorf("the widget has %d SVG elements, want 2 (the wide and the compact drawing, each with both panels)", n)
	}
	// One path per varied series in each drawing, numbered through the
	// figure.
	for j := range 6 {
		if n := strings.Count(w.html, `data-kp-vary="`+strconv.Itoa(j)+`"`); n != 2 {
			t.Errorf("series %d is drawn %d times, want once in each drawing", j, n)
		}
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
	// Sliders in the order of the inputs, with every value; the query's
	// values are indexes, shown as positions.
	p := w.payload.Params
	if len(p) != 3 || len(p[0].V) != 50 || len(p[1].V) != 20 || len(p[2].V) != 50 || p[0].S[9] != "0.10" || p[1].S[9] != "1.0" || p[2].T[25] != "25" || p[2].S[25] != "0.50" {
		t.Errorf("unexpected sliders: %+v", p)
	}
	// Each series depends on the sliders that move it.
	for j, want := range [][]int{{0}, {1}, {2}, {2}, {0, 2}, {1, 2}} {
		if got := w.payload.Series[j].P; !slices.Equal(got, want) {
			t.Errorf("series %d depends on sliders %v, want %v", j, got, want)
		}
	}
}

// exploreBudget is what one {explore} widget may weigh at the default
// ranges, gzipped: its two drawings, its data and the script.
const exploreBudget = 60 << 10

func TestExploreWidgetFitsItsBudget(t *testing.T) {
	w := expandExplore(t, "```{explore}\n:label: fig-e\n```\n")
	script, err := os.ReadFile("../../../templates/static/js/vary.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(script) > 10<<10 {
		t.Errorf("vary.js is %d bytes, over 10 KB", len(script))
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
