package attention

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// exploreDirective draws {compare} and {weights} together with sliders for
// the bandwidth, the temperature and the query. Every setting the sliders
// reach is computed when the site is built; the page's script only picks
// among the results.
var exploreDirective = directive.Define("explore", "The input points with the kernel-smoothing and attention curves above the weights of one query, with sliders for the bandwidth, the temperature and the query; every setting is computed when the site is built.", runExplore)

// Limits on how much an {explore} block may precompute, checked before any
// work: each bandwidth and each temperature needs a weight curve for every
// query, that is n curves of n weights.
const (
	maxExploreCurves = 20_000    // (bandwidths + temperatures) × n
	maxExploreValues = 1_000_000 // (bandwidths + temperatures) × n × n
)

// exploreScript is the page script, relative to a page, which lives at
// <slug>/index.html; the build copies templates/static/ to the site root.
const exploreScript = "../js/explore.js"

type exploreOptions struct {
	directive.FigureOptions
	modelOptions
	Query        QueryIndex  `option:"query" default:"middle" doc:"Index of the query input the weights are drawn for at first, 0…n−1; middle means n/2. Its slider covers every input."`
	Bandwidths   SliderRange `option:"bandwidths" default:"0.01:0.5:0.01" doc:"The bandwidth slider's values as min:max:step, with max − min a whole number of steps; bandwidth must be one of them."`
	Temperatures SliderRange `option:"temperatures" default:"0.1:2:0.1" doc:"The temperature slider's values as min:max:step, with max − min a whole number of steps; temperature must be one of them."`
}

// Limits refuses sliders that need more than maxExploreCurves curves or
// maxExploreValues weights.
func (o *exploreOptions) Limits() error {
	if err := o.modelOptions.Limits(); err != nil {
		return err
	}
	n := o.N
	nh, nt := o.Bandwidths.Len(), o.Temperatures.Len()
	settings := nh + nt     // each ≤ 2^40, so no overflow below
	culprit := "bandwidths" // the line an error points at
	if nt > nh {
		culprit = "temperatures"
	}
	if curves := settings * int64(n); curves > maxExploreCurves {
		return directive.OptionErrorf(culprit, "the sliders need (%s bandwidths + %s temperatures) × %d queries = %s weight curves, over the limit of %d; take a larger step or a narrower range in \"bandwidths\" or \"temperatures\", or a smaller n",
			countText(nh), countText(nt), n, curvesText(curves, nh, nt), maxExploreCurves)
	}
	if values := settings * int64(n) * int64(n); values > maxExploreValues {
		return directive.OptionErrorf(culprit, "the sliders need (%d bandwidths + %d temperatures) × %d queries × %d inputs = %d weights, over the limit of %d; take a larger step or a narrower range in \"bandwidths\" or \"temperatures\", or a smaller n",
			nh, nt, n, n, values, maxExploreValues)
	}
	return nil
}

func runExplore(o *exploreOptions, _ *directive.Env) (*directive.Result, error) {
	if err := o.Limits(); err != nil {
		return nil, err
	}
	n := o.N
	q0, err := o.Query.Index(n)
	if err != nil {
		return nil, err
	}
	hs := o.Bandwidths.Values()
	ts := o.Temperatures.Values()
	h0, err := hs.indexOf("bandwidth", "bandwidths", o.Bandwidth, &o.Bandwidths)
	if err != nil {
		return nil, err
	}
	t0, err := ts.indexOf("temperature", "temperatures", o.Temperature, &o.Temperatures)
	if err != nil {
		return nil, err
	}

	// Every setting, computed exactly as {compare} and {weights} do.
	kernel := figure.ExplorerMethod{Label: "kernel smoother", Setting: "bandwidth", Values: hs.labels, Initial: h0}
	attention := figure.ExplorerMethod{Label: "attention", Setting: "temperature", Values: ts.labels, Initial: t0}
	var in inputs
	for _, h := range hs.floats {
		mo := o.modelOptions
		mo.Bandwidth = h
		m, err := mo.model()
		if err != nil {
			return nil, err
		}
		in = m.inputs
		kernel.Curves = append(kernel.Curves, numerics.Smooth(m.kernel, m.xs, m.ys, m.xs))
		ws := make([][]float64, n)
		for q, x0 := range m.xs {
			ws[q] = numerics.SmootherWeights(m.kernel, m.xs, x0)
		}
		kernel.Weights = append(kernel.Weights, ws)
	}
	for _, t := range ts.floats {
		mo := o.modelOptions
		mo.Temperature = t
		m, err := mo.model()
		if err != nil {
			return nil, err
		}
		attention.Curves = append(attention.Curves, m.attention.Apply(m.xs, m.ys, m.xs))
		ws := make([][]float64, n)
		for q, x0 := range m.xs {
			ws[q] = m.attention.Weights(m.xs, x0)
		}
		attention.Weights = append(attention.Weights, ws)
	}

	queries := make([]string, n)
	decimals := max(2, len(strconv.Itoa(n-1)))
	for i, x := range in.xs {
		queries[i] = strconv.FormatFloat(x, 'f', decimals, 64)
	}
	ex := figure.Explorer{
		Title:       o.Title,
		XLabel:      "position x",
		YLabel:      "value y",
		WeightLabel: "weight",
		PointsLabel: "input points",
		TopTitle:    "Estimate at each input",
		WeightTitle: "Weights of the query at x = %s",
		QueryLabel:  "query",
		X:           in.xs,
		Y:           in.ys,
		QueryText:   queries,
		Query:       q0,
		Methods:     []figure.ExplorerMethod{kernel, attention},
	}
	if err := ex.Validate(); err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}

	id := o.Label // the figure's id: Expand fills in fig-N when no label was given
	title := o.Title
	if title == "" {
		title = exploreTitle
	}
	alt := o.Alt
	if alt == "" {
		alt = ex.Describe()
	}
	svg, err := ex.SVG(figure.Meta{ID: id, Title: title, Desc: alt})
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}
	data, err := ex.Data()
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}
	sliders := []exploreSlider{
		{Name: "bandwidth", Label: "Bandwidth h", Key: "bandwidth", Method: 0, rng: &o.Bandwidths, values: hs, initial: h0},
		{Name: "temperature", Label: "Temperature T", Key: "temperature", Method: 1, rng: &o.Temperatures, values: ts, initial: t0},
		{Name: "query", Label: "Query position", Key: "query", Method: -1, values: queryValues(queries), initial: q0},
	}
	plot, err := exploreHTML(id, svg, data, sliders)
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}

	columns := []string{"x", "y"}
	cols := [][]float64{in.xs, in.ys}
	for s, c := range kernel.Curves {
		columns = append(columns, "kernel_h="+hs.attrs[s])
		cols = append(cols, c)
	}
	for s, c := range attention.Curves {
		columns = append(columns, "attention_T="+ts.attrs[s])
		cols = append(cols, c)
	}
	return &directive.Result{
		Drawing: ex,
		Title:   exploreTitle,
		Columns: columns,
		Data:    cols,
		Plot:    plot,
	}, nil
}

// countText writes a count, or "over …" for one that SliderRange saturated.
func countText(n int64) string {
	if n >= maxSliderCount {
		return "over " + strconv.FormatInt(maxSliderCount, 10)
	}
	return strconv.FormatInt(n, 10)
}

// curvesText writes the number of curves, a lower bound when a count was
// saturated.
func curvesText(curves, nh, nt int64) string {
	if nh >= maxSliderCount || nt >= maxSliderCount {
		return "over " + strconv.FormatInt(curves, 10)
	}
	return strconv.FormatInt(curves, 10)
}

// exploreTitle is the figure's accessible name when the author gives none.
const exploreTitle = "Kernel smoothing and attention at every bandwidth, temperature and query"

// exploreSlider is one slider of the widget, and what the script is told
// about it.
type exploreSlider struct {
	Name    string       // in the announcement, e.g. "bandwidth"
	Label   string       // the visible label
	Key     string       // the input's id is the figure's id, a hyphen and Key
	Method  int          // the method it sets, or −1 for the query
	rng     *SliderRange // nil for the query, whose step is 1
	values  sliderValues
	initial int
}

// sliderValues are a slider's values as numbers, as the value attribute
// writes them, and as shown.
type sliderValues struct {
	floats []float64
	attrs  []string
	labels []string
}

// indexOf returns the index of v among the values, or an error naming the
// option and the nearest values.
func (s sliderValues) indexOf(option, rangeOption string, v float64, r *SliderRange) (int, error) {
	best := 0
	for i, f := range s.floats {
		if f == v {
			return i, nil
		}
		if math.Abs(f-v) < math.Abs(s.floats[best]-v) {
			best = i
		}
	}
	return 0, directive.OptionErrorf(option, "option %q must be one of the values of %q (%s), got \"%s\"; the nearest is %s",
		option, rangeOption, r.String(), directive.FormatNumber(v), s.attrs[best])
}

// queryValues are the query slider's values: the input indices, shown as
// their positions.
func queryValues(texts []string) sliderValues {
	v := sliderValues{}
	for i, t := range texts {
		v.floats = append(v.floats, float64(i))
		v.attrs = append(v.attrs, strconv.Itoa(i))
		v.labels = append(v.labels, "x = "+t)
	}
	return v
}

// exploreHTML assembles the widget: the drawing, the sliders (disabled
// until the script runs, with a note saying so), a live region that reads
// out the setting, the data and the script.
//
// Every widget links the script. A directive does not know whether an
// earlier block on the same page already did, and a second identical
// <script defer> only re-runs an idempotent setup from the browser's cache.
func exploreHTML(id string, svg []byte, data *figure.ExplorerData, sliders []exploreSlider) ([]byte, error) {
	type sliderJSON struct {
		Name    string    `json:"name"`
		Method  int       `json:"m"`
		Values  []float64 `json:"v"`
		Texts   []string  `json:"t"`
		Initial int       `json:"i"`
	}
	payload := struct {
		Fig     *figure.ExplorerData `json:"fig"`
		Sliders []sliderJSON         `json:"sliders"`
	}{Fig: data}
	var summary []string
	for _, s := range sliders {
		payload.Sliders = append(payload.Sliders, sliderJSON{Name: s.Name, Method: s.Method, Values: s.values.floats, Texts: s.values.labels, Initial: s.initial})
		summary = append(summary, s.Name+" "+s.values.labels[s.initial])
	}
	js, err := json.Marshal(payload) // escapes <, > and &, so it cannot end the <script>
	if err != nil {
		return nil, err
	}

	esc := html.EscapeString
	var b bytes.Buffer
	b.WriteString("<div class=\"kp-explore\" data-kp-explore>\n<div class=\"kp-figure-plot kp-explore-plot\">")
	b.Write(bytes.TrimSpace(svg))
	b.WriteString("</div>\n<div class=\"kp-explore-controls\">\n")
	fmt.Fprintf(&b, "<p class=\"kp-slider-nojs\" data-kp-nojs>The sliders need JavaScript, which is off: the figure shows %s.</p>\n", esc(strings.Join(summary, ", ")))
	for k, s := range sliders {
		inputID := id + "-" + s.Key
		label := s.values.labels[s.initial]
		minV, maxV, step := s.values.attrs[0], s.values.attrs[len(s.values.attrs)-1], "1"
		if s.rng != nil {
			step = s.rng.stepText()
		}
		fmt.Fprintf(&b, "<div class=\"kp-slider\"><label for=\"%s\">%s</label> <span class=\"kp-slider-value\" data-kp-value=\"%d\" aria-hidden=\"true\">%s</span>\n", esc(inputID), esc(s.Label), k, esc(label))
		fmt.Fprintf(&b, "<input type=\"range\" id=\"%s\" min=\"%s\" max=\"%s\" step=\"%s\" value=\"%s\" aria-valuetext=\"%s\" data-kp-slider=\"%d\" autocomplete=\"off\" disabled></div>\n",
			esc(inputID), esc(minV), esc(maxV), esc(step), esc(s.values.attrs[s.initial]), esc(label), k)
	}
	fmt.Fprintf(&b, "<p class=\"kp-slider-status\" aria-live=\"polite\" data-kp-status>%s</p>\n</div>\n", esc(strings.Join(summary, ", ")))
	b.WriteString("<script type=\"application/json\" data-kp-data>")
	b.Write(js)
	fmt.Fprintf(&b, "</script>\n<script src=\"%s\" defer></script>\n</div>", exploreScript)
	return b.Bytes(), nil
}

// SliderRange is the value of a slider option: "min:max:step", decimal
// numbers with 0 < min ≤ max ≤ 1000, step > 0 and max − min a whole number
// of steps. Its values are exact decimals, so "0.01:0.5:0.01" reaches 0.3
// itself, the same number as an option written 0.3.
type SliderRange struct {
	text            string
	min, max, step  *big.Rat
	decimals        int
	count           int64 // the number of values, saturated at maxSliderCount
	minT, maxT, stT string
}

// maxSliderCount caps the stored count; any count this large is far over
// the variant limits.
const maxSliderCount = 1 << 40

// maxSliderDecimals bounds the decimals of min and step.
const maxSliderDecimals = 9

// Set parses "min:max:step".
func (r *SliderRange) Set(text string) error {
	parts := strings.Split(text, ":")
	if len(parts) != 3 {
		return fmt.Errorf("must be min:max:step, three numbers such as 0.01:0.5:0.01")
	}
	var nums [3]*big.Rat
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if _, err := directive.ParseFinite(p); err != nil {
			return fmt.Errorf("must be min:max:step, three numbers such as 0.01:0.5:0.01")
		}
		v, ok := new(big.Rat).SetString(p)
		if !ok {
			return fmt.Errorf("must be min:max:step, three numbers such as 0.01:0.5:0.01")
		}
		nums[i] = v
	}
	lo, hi, step := nums[0], nums[1], nums[2]
	switch {
	case step.Sign() <= 0:
		return fmt.Errorf("must be min:max:step with step > 0")
	case lo.Sign() <= 0 || lo.Cmp(hi) > 0:
		return fmt.Errorf("must be min:max:step with 0 < min ≤ max")
	case hi.Cmp(big.NewRat(1000, 1)) > 0:
		return fmt.Errorf("must be min:max:step with max ≤ 1000")
	}
	dec := max(decimalsOf(lo), decimalsOf(step))
	if dec > maxSliderDecimals {
		return fmt.Errorf("must be min:max:step with at most %d decimals in min and step", maxSliderDecimals)
	}
	k := new(big.Rat).Quo(new(big.Rat).Sub(hi, lo), step)
	if !k.IsInt() {
		below := new(big.Int).Quo(k.Num(), k.Denom())
		b := new(big.Rat).Add(lo, new(big.Rat).Mul(new(big.Rat).SetInt(below), step))
		a := new(big.Rat).Add(b, step)
		return fmt.Errorf("must be min:max:step with max − min a whole number of steps, such as %s:%s:%s or %s:%s:%s",
			directive.DecimalText(lo, dec), directive.DecimalText(b, dec), directive.DecimalText(step, dec), directive.DecimalText(lo, dec), directive.DecimalText(a, dec), directive.DecimalText(step, dec))
	}
	count := int64(maxSliderCount)
	if k.Num().IsInt64() && k.Num().Int64() < maxSliderCount-1 {
		count = k.Num().Int64() + 1
	}
	*r = SliderRange{min: lo, max: hi, step: step, decimals: dec, count: count,
		minT: directive.DecimalText(lo, dec), maxT: directive.DecimalText(hi, dec), stT: directive.DecimalText(step, dec)}
	r.text = r.minT + ":" + r.maxT + ":" + r.stT
	return nil
}

// String returns the range as min:max:step in shortest decimals.
func (r *SliderRange) String() string { return r.text }

// Len returns the number of values.
func (r *SliderRange) Len() int64 { return r.count }

// stepText is the step as the input element's step attribute.
func (r *SliderRange) stepText() string { return r.stT }

// Values lists the values; call it only once Len is known to be small.
func (r *SliderRange) Values() sliderValues {
	var v sliderValues
	x := new(big.Rat).Set(r.min)
	for range r.count {
		attr := directive.DecimalText(x, r.decimals)
		f, _ := strconv.ParseFloat(attr, 64)
		v.floats = append(v.floats, f)
		v.attrs = append(v.attrs, attr)
		v.labels = append(v.labels, x.FloatString(r.decimals))
		x.Add(x, r.step)
	}
	return v
}

// decimalsOf returns how many decimals r needs, or maxSliderDecimals+1 if
// it needs more than maxSliderDecimals.
func decimalsOf(r *big.Rat) int {
	x := new(big.Rat).Set(r)
	ten := big.NewRat(10, 1)
	for d := 0; d <= maxSliderDecimals; d++ {
		if x.IsInt() {
			return d
		}
		x.Mul(x, ten)
	}
	return maxSliderDecimals + 1
}

// Work estimates what {explore} costs: a weight matrix for every setting
// of the sliders.
func (o *exploreOptions) Work() int64 {
	settings := float64(o.Bandwidths.Len() + o.Temperatures.Len()) // up to 2^41: multiply as floats
	return int64(min(settings*float64(square(o.N)), 2*directive.MaxPageWork))
}

// OutputBytes bounds what {explore} writes, for S = bandwidths +
// temperatures settings of n points. The page's data holds, for every
// setting, the top curve (n levels), and for every setting and query a
// weight curve (n levels, or a shared template), a scale and an axis
// index; a level is written as its change from the one before, at most
// "-1000," (6 bytes), a scale as a shortest float (25). The CSV has a
// column for every setting; the SVG draws the initial curves and the
// points once, the sliders list every value. The weight curves, 6·S·n²,
// are most of it: at the limit of 1,000,000 weights about 2.4 MB is
// written, bounded here by 7.3 MB.
func (o *exploreOptions) OutputBytes() int64 {
	s, n := float64(o.Bandwidths.Len()+o.Temperatures.Len()), float64(o.N) // multiply as floats: the counts saturate at 2^40
	b := 6*s*n*n + (6+25+4+directive.CSVCellBytes)*s*n + 132*s + n*(25+30+55+directive.PointBytes+4*directive.VertexBytes)
	return 2*directive.FigureBaseBytes + o.TextBytes() + int64(min(b, 2*directive.MaxPageBytes))
}
