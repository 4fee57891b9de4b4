package attention

import (
	"fmt"
	"math"
	"math/big"
	"slices"
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
	var in inputs
	var kernelCurves, attentionCurves [][]float64
	var kernelWeights, attentionWeights [][][]float64 // [setting][query][input]
	for _, h := range hs.floats {
		mo := o.modelOptions
		mo.Bandwidth = h
		m, err := mo.model()
		if err != nil {
			return nil, err
		}
		in = m.inputs
		kernelCurves = append(kernelCurves, numerics.Smooth(m.kernel, m.xs, m.ys, m.xs))
		ws := make([][]float64, n)
		for q, x0 := range m.xs {
			ws[q] = numerics.SmootherWeights(m.kernel, m.xs, x0)
		}
		kernelWeights = append(kernelWeights, ws)
	}
	for _, t := range ts.floats {
		mo := o.modelOptions
		mo.Temperature = t
		m, err := mo.model()
		if err != nil {
			return nil, err
		}
		attentionCurves = append(attentionCurves, m.attention.Apply(m.xs, m.ys, m.xs))
		ws := make([][]float64, n)
		for q, x0 := range m.xs {
			ws[q] = m.attention.Weights(m.xs, x0)
		}
		attentionWeights = append(attentionWeights, ws)
	}

	queries := make([]string, n)
	decimals := max(2, len(strconv.Itoa(n-1)))
	for i, x := range in.xs {
		queries[i] = strconv.FormatFloat(x, 'f', decimals, 64)
	}
	fig := exploreFigure(o.Title, in, q0, h0, t0, kernelCurves, attentionCurves, kernelWeights, attentionWeights)

	id := o.Label // the figure's id: Expand fills in fig-N when no label was given
	title := o.Title
	if title == "" {
		title = exploreTitle
	}
	sliders := []directive.Slider{
		{Name: "bandwidth", Label: "Bandwidth h", Values: hs.floats, Texts: hs.attrs, Shown: hs.labels, Step: o.Bandwidths.stepText(), Default: h0},
		{Name: "temperature", Label: "Temperature T", Values: ts.floats, Texts: ts.attrs, Shown: ts.labels, Step: o.Temperatures.stepText(), Default: t0},
		querySlider(queries, q0),
	}
	alt := o.Alt
	if alt == "" {
		alt = fig.Describe() + sliderSummary(sliders)
	}
	svgs, data, err := figure.VariedSVGs(fig,
		[]figure.Meta{{ID: id, Title: title, Desc: alt}, {ID: id + "-compact", Title: title, Desc: alt}},
		[][2]float64{{exploreWidth, exploreHeight}, {exploreCompactWidth, exploreCompactHeight}})
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}
	// The sliders each varied series depends on, in the order of its
	// settings, panel by panel: each curve on its method's slider, the
	// query line on the query; the query line again, then each method's
	// weights on its slider and the query.
	deps := [][]int{{0}, {1}, {2}, {2}, {0, 2}, {1, 2}}
	plot, err := directive.VaryWidget(id, svgs[0], svgs[1], sliders, deps, data)
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}

	columns := []string{"x", "y"}
	cols := [][]float64{in.xs, in.ys}
	for s, c := range kernelCurves {
		columns = append(columns, "kernel_h="+hs.attrs[s])
		cols = append(cols, c)
	}
	for s, c := range attentionCurves {
		columns = append(columns, "attention_T="+ts.attrs[s])
		cols = append(cols, c)
	}
	return &directive.Result{
		Drawing: fig,
		Title:   exploreTitle,
		Columns: columns,
		Data:    cols,
		Plot:    plot,
	}, nil
}

// The drawings' sizes, in points: the wide one for the page's column, the
// compact one for a phone, each two panels high.
const (
	exploreWidth, exploreHeight               = 640, 560
	exploreCompactWidth, exploreCompactHeight = 340, 520
)

// exploreFigure draws both methods at every setting as two panels on one x
// axis: above, the input points with each method's estimate at every
// input; below, the weights the query gives every input under each
// method, on an axis that follows the setting, since a narrow kernel's
// peak weight is forty times a wide one's. A line marks the query in both.
// Each method's weights around a query are its profile moved to the
// query, so the page ships one profile per setting and a scale per query
// (figure.Variation.Shift).
func exploreFigure(title string, in inputs, q0, h0, t0 int, kernelCurves, attentionCurves [][]float64, kernelWeights, attentionWeights [][][]float64) figure.Multiples {
	n := len(in.xs)
	lo, hi := slices.Min(in.ys), slices.Max(in.ys)
	for _, cs := range [][][]float64{kernelCurves, attentionCurves} {
		for _, c := range cs {
			lo, hi = math.Min(lo, slices.Min(c)), math.Max(hi, slices.Max(c))
		}
	}
	peak := 0.0
	for _, ws := range [][][][]float64{kernelWeights, attentionWeights} {
		for _, w := range ws {
			for _, v := range w {
				peak = math.Max(peak, slices.Max(v))
			}
		}
	}
	// The query line at every query: x at the query, y across the data.
	queryXs := make([][]float64, n)
	for q, x := range in.xs {
		queryXs[q] = []float64{x, x}
	}
	// The weights of setting s at query q are setting s + S·q: the query,
	// the later slider, varies slowest.
	weights := func(ws [][][]float64, def int) (figure.Series, figure.Variation) {
		v := figure.Variation{Series: 0, Default: def + len(ws)*q0}
		for q := range n {
			for s := range ws {
				v.Y = append(v.Y, ws[s][q])
				v.Shift = append(v.Shift, q)
				v.Group = append(v.Group, s)
			}
		}
		return figure.Series{X: in.xs, Y: ws[def][q0], Kind: figure.Line}, v
	}
	kw, kv := weights(kernelWeights, h0)
	aw, av := weights(attentionWeights, t0)
	kw.Label, aw.Label = "kernel smoother", "attention"
	kv.Series, av.Series = 1, 2
	// Series are styled by position, and the methods' weights must look
	// like their curves: the points take the first style above, as in
	// {compare}, and the query line, drawn as a mark whatever its
	// position, stands first below.
	queryLine := func(y0, y1 float64) (figure.Series, figure.Variation) {
		return figure.Series{Label: "query", X: queryXs[q0], Y: []float64{y0, y1}, Kind: figure.Line},
			figure.Variation{Series: 0, X: queryXs, Default: q0}
	}
	topQuery, topQueryV := queryLine(lo, hi)
	topQueryV.Series = 3
	weightQuery, weightQueryV := queryLine(0, 2*peak)
	top := figure.LinePlot{
		Title:  "Estimate at each input",
		XLabel: "position x",
		YLabel: "value y",
		Series: []figure.Series{
			{Label: "input points", X: in.xs, Y: in.ys, Kind: figure.Points},
			{Label: "kernel smoother", X: in.xs, Y: kernelCurves[h0], Kind: figure.Line},
			{Label: "attention", X: in.xs, Y: attentionCurves[t0], Kind: figure.Line},
			topQuery,
		},
		Variations: []figure.Variation{
			{Series: 1, Y: kernelCurves, Default: h0},
			{Series: 2, Y: attentionCurves, Default: t0},
			topQueryV,
		},
	}
	bottom := figure.LinePlot{
		Title:      "Weights of the query",
		XLabel:     "position x",
		YLabel:     "weight",
		Series:     []figure.Series{weightQuery, kw, aw},
		Variations: []figure.Variation{weightQueryV, kv, av},
		ZoomY:      true,
	}
	return figure.Multiples{Title: title, Plots: []figure.LinePlot{top, bottom}, Columns: 1}
}

// querySlider is the query's slider: over the inputs' indices, shown as
// their positions.
func querySlider(texts []string, q0 int) directive.Slider {
	s := directive.Slider{Name: "query", Label: "Query position x", Step: "1", Default: q0, Shown: texts}
	for i := range texts {
		s.Values = append(s.Values, float64(i))
		s.Texts = append(s.Texts, strconv.Itoa(i))
	}
	return s
}

// sliderSummary describes the sliders for the figure's alt text.
func sliderSummary(sliders []directive.Slider) string {
	var parts, first []string
	for _, s := range sliders {
		shown := s.Texts
		if s.Shown != nil {
			shown = s.Shown
		}
		parts = append(parts, fmt.Sprintf("%s from %s to %s", s.Label, shown[0], shown[len(shown)-1]))
		first = append(first, s.Label+" = "+shown[s.Default])
	}
	return fmt.Sprintf(" Sliders set %s; the figure first shows %s.", strings.Join(parts, ", "), strings.Join(first, ", "))
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
