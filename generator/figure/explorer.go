package figure

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Explorer is an interactive figure drawn ahead of time: two panels stacked
// on a shared x axis, whose curves a page script swaps as a reader moves
// sliders. The top panel shows the input points and, for each method, its
// output at every input; the bottom panel shows the weights that one query
// input gives every input under each method. Every method has a list of
// settings (a slider), and the query is any input (another slider).
//
// SVG draws the initial setting as ordinary paths, so the figure reads
// without the script; Data encodes every other setting compactly (see
// ExplorerData), in coordinates that the SVG's own transforms map onto the
// axes, so the script only picks and writes precomputed values.
type Explorer struct {
	Title       string // drawn above the panels when not empty
	XLabel      string // the shared x axis, e.g. "position x"
	YLabel      string // the top panel's y axis, e.g. "value y"
	WeightLabel string // the bottom panel's y axis, e.g. "weight"
	PointsLabel string // the legend entry of the input points
	TopTitle    string // heading of the top panel
	// WeightTitle heads the bottom panel; a %s in it is replaced by the
	// query's text, which the script updates.
	WeightTitle string
	QueryLabel  string // the legend entry of the query's vertical line

	X, Y      []float64 // the inputs; X evenly spaced and increasing
	QueryText []string  // for each input as the query, its text, e.g. "0.50"
	Query     int       // the initial query, an index into X

	Methods []ExplorerMethod
}

// ExplorerMethod is one way of weighting the inputs, with its slider.
type ExplorerMethod struct {
	Label   string // legend entry, e.g. "kernel smoother"
	Setting string // what the slider sets, e.g. "bandwidth"
	Values  []string
	Initial int // index into Values of the setting drawn first

	// Curves[s][i] is the output at input i with setting s.
	Curves [][]float64
	// Weights[s][q][i] is the weight query q gives input i with setting s.
	Weights [][][]float64
}

// Levels into which the encoded curves are quantized: the top panel's y
// axis is cut into ExplorerLevels steps, and each weight curve (or weight
// template) into ExplorerLevels steps of its own maximum. Rounding moves a
// point by at most half a step: 0.05% of the top panel's y range, and 0.05%
// of the weight curve's peak, hence of the weight axis, which is never
// below the peak.
const ExplorerLevels = 1000

// ExplorerTolerance is the largest error, as a fraction of the axis span,
// that the encoding may introduce in any plotted value; Data checks it.
const ExplorerTolerance = 0.001

// Geometry of the explorer, in points (the viewBox units).
const (
	explorerWidth     = 360.0 // about a phone's width in CSS pixels, so lettering is near its nominal size there
	explorerPanelH    = 150.0 // height of each panel's data area
	explorerPanelGap  = 18.0  // between the top panel's tick labels and the bottom panel's heading
	explorerHeadGap   = 5.0   // below a panel heading
	explorerTickMajor = 5.0
	explorerTickMinor = 2.5
	explorerTickGap   = 3.0
)

// explorerStyle returns the style index of series j of the explorer: the
// input points take style 0 and method j style j+1, as in a LinePlot with
// the points first.
func explorerStyle(j int) seriesStyle { return styleFor(j) }

// Errors of Explorer.Validate, wrapped with context.
var (
	ErrExplorerShape   = errors.New("explorer data have inconsistent sizes")
	ErrExplorerSpacing = errors.New("explorer inputs must be evenly spaced and increasing")
)

// Validate reports the first problem that stops the explorer from being
// drawn: sizes that do not match, inputs that are not evenly spaced,
// values that are NaN or infinite, or an initial index out of range.
func (e Explorer) Validate() error {
	n := len(e.X)
	switch {
	case n < 2 || len(e.Y) != n || len(e.QueryText) != n:
		return fmt.Errorf("%w: %d x, %d y and %d query texts (need at least 2, all equal)", ErrExplorerShape, n, len(e.Y), len(e.QueryText))
	case len(e.Methods) == 0 || len(e.Methods) >= NumStyles:
		return fmt.Errorf("%w: %d methods, want 1 to %d", ErrExplorerShape, len(e.Methods), NumStyles-1)
	case e.Query < 0 || e.Query >= n:
		return fmt.Errorf("%w: initial query %d of %d inputs", ErrExplorerShape, e.Query, n)
	}
	dx := (e.X[n-1] - e.X[0]) / float64(n-1)
	if !(dx > 0) || !finite(dx) {
		return fmt.Errorf("%w: x runs from %v to %v", ErrExplorerSpacing, e.X[0], e.X[n-1])
	}
	for i, x := range e.X {
		if !finite(x) || !finite(e.Y[i]) {
			return fmt.Errorf("input %d is (%v, %v): %w", i, x, e.Y[i], ErrNotFinite)
		}
		if math.Abs(x-(e.X[0]+float64(i)*dx)) > 1e-9*dx {
			return fmt.Errorf("%w: x[%d] = %v, want %v", ErrExplorerSpacing, i, x, e.X[0]+float64(i)*dx)
		}
	}
	for j, m := range e.Methods {
		name := fmt.Sprintf("method %d (%q)", j+1, m.Label)
		k := len(m.Values)
		if k == 0 || len(m.Curves) != k || len(m.Weights) != k || m.Initial < 0 || m.Initial >= k {
			return fmt.Errorf("%s: %w: %d values, %d curves, %d weight sets, initial %d", name, ErrExplorerShape, k, len(m.Curves), len(m.Weights), m.Initial)
		}
		for s := range k {
			if len(m.Curves[s]) != n || len(m.Weights[s]) != n {
				return fmt.Errorf("%s, setting %s: %w", name, m.Values[s], ErrExplorerShape)
			}
			for i, y := range m.Curves[s] {
				if !finite(y) {
					return fmt.Errorf("%s, setting %s: output %d is %v: %w", name, m.Values[s], i, y, ErrNotFinite)
				}
			}
			for q, w := range m.Weights[s] {
				if len(w) != n {
					return fmt.Errorf("%s, setting %s, query %d: %w", name, m.Values[s], q, ErrExplorerShape)
				}
				for i, v := range w {
					if !finite(v) {
						return fmt.Errorf("%s, setting %s, query %d: weight %d is %v: %w", name, m.Values[s], q, i, v, ErrNotFinite)
					}
					if v < 0 {
						return fmt.Errorf("%s, setting %s, query %d: weight %d is %v, below 0", name, m.Values[s], q, i, v)
					}
				}
			}
		}
	}
	return nil
}

// ExplorerData is everything the page script needs, as JSON. Paths are
// written from levels: a list of whole numbers, the first the level at the
// first point and each later one the change from the point before, which
// become the SVG path "M x0 l0 l1 d1 1 d2 …" (x advances one input per
// point). The transforms that map these coordinates onto the axes are in
// the SVG, or here as strings, so the script never computes a coordinate.
type ExplorerData struct {
	N int `json:"n"`
	// Top[j][s] is method j's output curve at setting s, in the top
	// panel's levels.
	Top [][][]int `json:"top"`
	// Axes[a] is the transform of the weight panel's data group for
	// weight axis a; Ticks in the SVG has the matching tick labels.
	Axes []string `json:"axes"`
	// W[j] holds method j's weight curves.
	W []ExplorerWeights `json:"w"`
	// QX[q] is the SVG x of input q, where the query line is moved.
	QX []float64 `json:"qx"`
	// QT[q] is the text of query q, for the bottom panel's heading.
	QT []string `json:"qt"`
}

// ExplorerWeights are one method's weight curves for every setting and
// query. Either T holds one template per setting, over the offsets
// −(n−1)…n−1 from the query, which the script shifts to the query
// (translate(q 0)) and scales by C[s][q]; or, when the weights are not
// translates of one profile, P holds every curve, scaled by C[s][q].
type ExplorerWeights struct {
	X0 int         `json:"x0"`          // x of the first point of each path: −(n−1) for templates, else 0
	T  [][]int     `json:"t,omitempty"` // [setting]: template levels
	P  [][][]int   `json:"p,omitempty"` // [setting][query]: curve levels
	C  [][]float64 `json:"c"`           // [setting][query]: weight per level
	A  [][]int     `json:"a"`           // [setting][query]: index into Axes of the smallest axis that fits
}

// explorerLayout is where the explorer's parts go, in points.
type explorerLayout struct {
	width, height float64
	titleLines    string
	titleY        float64
	legendY       float64 // top of the legend
	legend        *hLegend
	legendKinds   []int   // per legend entry: 0 the points, j+1 method j, -1 the query
	left, right   float64 // the data areas' horizontal extent
	top1, bottom1 float64 // the top panel's data area
	head1Y        float64 // baseline of the top panel's heading
	top2, bottom2 float64 // the bottom panel's data area
	head2Y        float64
	xmin, xmax    float64   // x axis range
	ymin, ymax    float64   // top panel's y axis range
	weightTops    []float64 // the weight axes' upper ends, increasing
	weightScales  []float64 // the nice values each weight axis is chosen by
}

// sx maps data x to SVG x.
func (l *explorerLayout) sx(x float64) float64 {
	return l.left + (x-l.xmin)/(l.xmax-l.xmin)*(l.right-l.left)
}

// sy1 maps a top-panel y to SVG y.
func (l *explorerLayout) sy1(y float64) float64 {
	return l.bottom1 - (y-l.ymin)/(l.ymax-l.ymin)*(l.bottom1-l.top1)
}

// sy2 maps a weight to SVG y on weight axis a.
func (l *explorerLayout) sy2(a int, w float64) float64 {
	return l.bottom2 - w/l.weightTops[a]*(l.bottom2-l.top2)
}

// explorerNiceScales are the mantissas of the weight axes' scales: each
// curve gets the smallest m·10^k at or above its peak, so a curve fills at
// least two thirds of its axis; the axis then adds rangePad on top, like a
// LinePlot's.
var explorerNiceScales = []float64{1, 1.5, 2, 3, 4, 5, 6, 8}

// explorerWeightScale returns the smallest nice scale ≥ peak (for peak > 0).
func explorerWeightScale(peak float64) float64 {
	if !(peak > 0) {
		return 1
	}
	e := math.Floor(math.Log10(peak))
	for k := e - 1; k <= e+1; k++ {
		for _, m := range explorerNiceScales {
			v, _ := strconv.ParseFloat(strconv.FormatFloat(m, 'f', -1, 64)+"e"+strconv.Itoa(int(k)), 64)
			if v >= peak {
				return v
			}
		}
	}
	return math.Pow(10, e+2)
}

// layout places the parts of the explorer.
func (e Explorer) layout() *explorerLayout {
	t := svgTheme()
	n := len(e.X)
	l := &explorerLayout{width: explorerWidth}

	// Axis ranges: x over the inputs, y over the inputs and every curve.
	l.xmin, l.xmax = axisRange(e.X[0], e.X[n-1], nil, nil, false)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range e.Y {
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	for _, m := range e.Methods {
		for _, c := range m.Curves {
			for _, y := range c {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	l.ymin, l.ymax = axisRange(lo, hi, nil, nil, false)

	// Weight axes: one per nice scale that some curve needs.
	seen := map[float64]bool{}
	for _, m := range e.Methods {
		for _, ws := range m.Weights {
			for _, w := range ws {
				seen[explorerWeightScale(slices.Max(w))] = true
			}
		}
	}
	for s := range seen {
		l.weightScales = append(l.weightScales, s)
	}
	slices.Sort(l.weightScales)
	for _, s := range l.weightScales {
		_, top := axisRange(0, s, nil, nil, true)
		l.weightTops = append(l.weightTops, top)
	}

	// Left margin: the rotated axis label, then the widest tick label of
	// any y axis, then the ticks.
	tick := textStyle(t, tickLabelSize, draw.XRight, draw.YCenter)
	widest := vg.Length(0)
	for _, tk := range (niceTicker{}).Ticks(l.ymin, l.ymax) {
		widest = max(widest, tick.Width(tk.Label))
	}
	for _, top := range l.weightTops {
		for _, tk := range (niceTicker{}).Ticks(0, top) {
			widest = max(widest, tick.Width(tk.Label))
		}
	}
	axisSty := textStyle(t, axisLabelSize, draw.XCenter, draw.YBottom)
	ext := axisSty.FontExtents()
	l.left = topMargin + float64(ext.Ascent+ext.Descent) + 4 + float64(widest)*(1+fontSlack) + explorerTickGap + explorerTickMajor
	var lastX vg.Length
	for _, tk := range (niceTicker{}).Ticks(l.xmin, l.xmax) {
		if tk.Label != "" {
			lastX = tick.Width(tk.Label)
		}
	}
	l.right = l.width - rightMargin - float64(lastX)*(0.5+fontSlack)

	// Vertically: title, legend, heading, panel, ticks, heading, panel,
	// ticks, axis label.
	y := float64(topMargin)
	titleSty := textStyle(t, titleSize, draw.XCenter, draw.YBottom)
	l.titleLines = wrapText(titleSty, cleanText(e.Title), vg.Length((l.width-2*rightMargin)/(1+fontSlack)))
	if strings.TrimSpace(l.titleLines) != "" {
		l.titleY = y + float64(titleSty.FontExtents().Ascent)
		y += float64(textHeight(titleSty, l.titleLines)) + titleGap
	}
	l.legend, l.legendKinds = e.legendOf(t)
	l.legendY = y
	if h := float64(l.legend.layout(vg.Length(l.right - l.left))); h > 0 {
		y += h + legendBelow
	}
	headSty := textStyle(t, axisLabelSize, draw.XCenter, draw.YBottom)
	headAscent := float64(headSty.FontExtents().Ascent)
	headH := float64(headSty.FontExtents().Ascent + headSty.FontExtents().Descent)
	tickH := explorerTickMajor + explorerTickGap + float64(tick.FontExtents().Ascent+tick.FontExtents().Descent)

	l.head1Y = y + headAscent
	y += headH + explorerHeadGap
	l.top1, l.bottom1 = y, y+explorerPanelH
	y = l.bottom1 + tickH + explorerPanelGap
	l.head2Y = y + headAscent
	y += headH + explorerHeadGap
	l.top2, l.bottom2 = y, y+explorerPanelH
	y = l.bottom2 + tickH + 4 + headH
	l.height = y + topMargin
	return l
}

// legendOf returns the legend (the points, each method, the query line)
// and what each entry stands for: 0 the points, j+1 method j, −1 the query.
func (e Explorer) legendOf(t theme) (*hLegend, []int) {
	l := &hLegend{sty: textStyle(t, legendSize, draw.XLeft, draw.YCenter)}
	var kinds []int
	add := func(kind int, label string) {
		label = cleanText(label)
		if strings.TrimSpace(label) == "" {
			return
		}
		l.entries = append(l.entries, legendEntry{label: label, width: legendThumb + legendGap + l.sty.Width(label)*(1+fontSlack)})
		kinds = append(kinds, kind)
	}
	add(0, e.PointsLabel)
	for j, m := range e.Methods {
		add(j+1, m.Label)
	}
	add(-1, e.QueryLabel)
	return l, kinds
}

// explorerEncoding is the explorer's data together with what drawing it needs.
type explorerEncoding struct {
	data ExplorerData
	// the matrix taking (input index, level) to the top panel
	topTransform string
}

// Data returns the explorer's encoded curves, checking that decoding them
// gives every value within ExplorerTolerance of its axis span.
func (e Explorer) Data() (*ExplorerData, error) {
	if err := e.Validate(); err != nil {
		return nil, fmt.Errorf("figure: explorer: %w", err)
	}
	enc, err := e.encode(e.layout())
	if err != nil {
		return nil, err
	}
	return &enc.data, nil
}

// encode quantizes every curve (see ExplorerData).
func (e Explorer) encode(l *explorerLayout) (*explorerEncoding, error) {
	n := len(e.X)
	dx := (e.X[n-1] - e.X[0]) / float64(n-1)
	bx := dx / (l.xmax - l.xmin) * (l.right - l.left) // SVG units per input
	ax := l.sx(e.X[0])
	enc := &explorerEncoding{data: ExplorerData{N: n}}
	d := &enc.data

	// Top panel: levels over the y axis.
	span := l.ymax - l.ymin
	enc.topTransform = fmt.Sprintf("matrix(%s 0 0 %s %s %s)", exG6(bx), exG6(-(l.bottom1-l.top1)/ExplorerLevels), exG6(ax), exG6(l.bottom1))
	for _, m := range e.Methods {
		curves := make([][]int, len(m.Curves))
		for s, c := range m.Curves {
			lv := make([]int, n)
			for i, y := range c {
				lv[i] = int(math.Round((y - l.ymin) / span * ExplorerLevels))
			}
			curves[s] = levelDeltas(lv)
		}
		d.Top = append(d.Top, curves)
	}

	// Bottom panel: one data transform per weight axis, taking (input
	// index, weight) to the SVG.
	for a := range l.weightTops {
		d.Axes = append(d.Axes, fmt.Sprintf("matrix(%s 0 0 %s %s %s)", exG6(bx), exG6(-(l.bottom2-l.top2)/l.weightTops[a]), exG6(ax), exG6(l.bottom2)))
	}
	axisOf := func(w []float64) int {
		a, _ := slices.BinarySearch(l.weightScales, explorerWeightScale(slices.Max(w)))
		return a
	}
	for j, m := range e.Methods {
		ew := ExplorerWeights{C: make([][]float64, len(m.Weights)), A: make([][]int, len(m.Weights))}
		for s, ws := range m.Weights {
			ew.A[s] = make([]int, n)
			for q, w := range ws {
				ew.A[s][q] = axisOf(w)
			}
		}
		if !explorerTemplates(&ew, m.Weights, l.weightTops) {
			explorerCurves(&ew, m.Weights)
		}
		if err := explorerCheckWeights(&ew, m.Weights, l.weightTops); err != nil {
			return nil, fmt.Errorf("figure: explorer: method %d (%q): %w", j+1, m.Label, err)
		}
		d.W = append(d.W, ew)
	}
	if err := e.checkTop(d, l); err != nil {
		return nil, err
	}
	for i := range n {
		d.QX = append(d.QX, exRound2(ax+float64(i)*bx))
	}
	d.QT = append([]string(nil), e.QueryText...)
	return enc, nil
}

// levelDeltas turns levels into the first level and the changes after it.
func levelDeltas(lv []int) []int {
	out := make([]int, len(lv))
	prev := 0
	for i, v := range lv {
		out[i] = v - prev
		prev = v
	}
	return out
}

// levelSums turns the first level and the changes back into levels.
func levelSums(d []int) []int {
	out := make([]int, len(d))
	sum := 0
	for i, v := range d {
		sum += v
		out[i] = sum
	}
	return out
}

// roundSig5 rounds v to 5 significant digits, as the per-curve scales are
// shipped.
func roundSig5(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 5, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// explorerTemplates tries to write every curve of one method as a shifted,
// scaled copy of one template per setting: w_i(s, q) = t_s(i − q)·c(s, q).
// The Gaussian kernel's weights are exactly that (the template is the
// kernel, c the normalisation), and so are attention's when its scores
// depend only on x_i − x_q around the circle, as with the default
// matrices. The template is read off the weights themselves, from the
// first query (offsets ≥ 0) and the last (offsets < 0), relative to the
// weight the query gives itself. It reports false, leaving ew as it was,
// when a template would be off by more than the tolerance anywhere.
func explorerTemplates(ew *ExplorerWeights, weights [][][]float64, tops []float64) bool {
	n := len(weights[0])
	T := make([][]int, len(weights))
	C := make([][]float64, len(weights))
	for s, ws := range weights {
		first, last := ws[0], ws[n-1]
		if !(first[0] > 0) || !(last[n-1] > 0) {
			return false
		}
		tpl := make([]float64, 2*n-1) // tpl[k+n-1] for offset k
		for k := 0; k < n; k++ {
			tpl[k+n-1] = first[k] / first[0]
		}
		for k := -(n - 1); k < 0; k++ {
			tpl[k+n-1] = last[n-1+k] / last[n-1]
		}
		tmax := slices.Max(tpl)
		lv := make([]int, len(tpl))
		for k, v := range tpl {
			lv[k] = int(math.Round(v / tmax * ExplorerLevels))
		}
		T[s] = levelDeltas(lv)
		C[s] = make([]float64, n)
		for q, w := range ws {
			C[s][q] = roundSig5(w[q] * tmax / ExplorerLevels)
		}
	}
	trial := ExplorerWeights{X0: -(n - 1), T: T, C: C, A: ew.A}
	if explorerCheckWeights(&trial, weights, tops) != nil {
		return false
	}
	*ew = trial
	return true
}

// explorerCurves writes every curve of one method in levels of its own peak.
func explorerCurves(ew *ExplorerWeights, weights [][][]float64) {
	ew.X0, ew.T = 0, nil
	ew.P = make([][][]int, len(weights))
	for s, ws := range weights {
		ew.P[s] = make([][]int, len(ws))
		ew.C[s] = make([]float64, len(ws))
		for q, w := range ws {
			peak := slices.Max(w)
			if !(peak > 0) {
				peak = 1
			}
			lv := make([]int, len(w))
			for i, v := range w {
				lv[i] = int(math.Round(v / peak * ExplorerLevels))
			}
			ew.P[s][q] = levelDeltas(lv)
			ew.C[s][q] = roundSig5(peak / ExplorerLevels)
		}
	}
}

// DecodeWeights returns the weights that curve (s, q) of ew draws, as the
// page does: levels times the curve's scale, at inputs 0…n−1.
func (ew *ExplorerWeights) DecodeWeights(s, q, n int) []float64 {
	out := make([]float64, n)
	if ew.T != nil {
		lv := levelSums(ew.T[s])
		for i := range out {
			out[i] = float64(lv[i-q-ew.X0]) * ew.C[s][q]
		}
		return out
	}
	lv := levelSums(ew.P[s][q])
	for i := range out {
		out[i] = float64(lv[i]) * ew.C[s][q]
	}
	return out
}

// explorerCheckWeights reports the first decoded weight that is further than the
// tolerance (a fraction of the smallest axis that fits its curve) from the
// true one.
func explorerCheckWeights(ew *ExplorerWeights, weights [][][]float64, tops []float64) error {
	n := len(weights[0])
	for s, ws := range weights {
		for q, w := range ws {
			got := ew.DecodeWeights(s, q, n)
			limit := ExplorerTolerance * tops[ew.A[s][q]]
			for i := range w {
				if d := math.Abs(got[i] - w[i]); !(d <= limit) {
					return fmt.Errorf("setting %d, query %d: weight %d decodes to %v, want %v (off by %.3g of the axis)", s, q, i, got[i], w[i], d/tops[ew.A[s][q]])
				}
			}
		}
	}
	return nil
}

// checkTop reports a decoded output further than the tolerance from its
// true value; rounding cannot do that, so it guards the encoding itself.
func (e Explorer) checkTop(d *ExplorerData, l *explorerLayout) error {
	span := l.ymax - l.ymin
	for j, m := range e.Methods {
		for s, c := range m.Curves {
			lv := levelSums(d.Top[j][s])
			for i, y := range c {
				got := l.ymin + float64(lv[i])/ExplorerLevels*span
				if math.Abs(got-y) > ExplorerTolerance*span {
					return fmt.Errorf("figure: explorer: method %d setting %d output %d decodes to %v, want %v", j+1, s, i, got, y)
				}
			}
		}
	}
	return nil
}

// LevelPath writes levels (first level, then changes) as the SVG path the
// page script writes: "M x0 l0 l1 d1 1 d2 …".
func LevelPath(x0 int, d []int) string {
	var b strings.Builder
	b.Grow(len(d) * 6)
	b.WriteString("M")
	b.WriteString(strconv.Itoa(x0))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(d[0]))
	for i, v := range d[1:] {
		if i == 0 {
			b.WriteString("l1 ")
		} else {
			b.WriteString(" 1 ")
		}
		b.WriteString(strconv.Itoa(v))
	}
	return b.String()
}

// exG6 formats v with up to 6 significant digits, for transforms.
func exG6(v float64) string {
	if v == 0 {
		return "0"
	}
	return tidyExponent(strconv.FormatFloat(v, 'g', 6, 64))
}

// exRound2 rounds v to 2 decimals.
func exRound2(v float64) float64 { return math.Round(v*100) / 100 }

// exCoord formats an SVG coordinate with at most 2 decimals.
func exCoord(v float64) string { return strconv.FormatFloat(exRound2(v)+0, 'f', -1, 64) }

// SVG draws the explorer at its initial setting and returns an inline-ready
// <svg> element, with the data attributes and element marks the page script
// uses (see ExplorerData). Element ids start with meta.ID.
func (e Explorer) SVG(meta Meta) ([]byte, error) {
	if meta.ID == "" || strings.ContainsFunc(meta.ID, isSpace) {
		return nil, fmt.Errorf("figure: explorer %q: %w", meta.ID, ErrID)
	}
	if err := e.Validate(); err != nil {
		return nil, fmt.Errorf("figure: explorer %q: %w", meta.ID, err)
	}
	l := e.layout()
	enc, err := e.encode(l)
	if err != nil {
		return nil, err
	}
	title, desc := meta.Title, meta.Desc
	if strings.TrimSpace(title) == "" {
		title = e.Title
	}
	if strings.TrimSpace(title) == "" {
		title = "Interactive plot"
	}
	if strings.TrimSpace(desc) == "" {
		desc = e.Describe()
	}
	id := attr(meta.ID)
	d := &enc.data
	n := len(e.X)
	q := e.Query

	var b bytes.Buffer
	// data-x="a b": SVG x = a + b·x. data-y="a b lo hi" (on the top
	// panel's ticks and on each weight axis's): SVG y = a + b·y, on an
	// axis from lo to hi. Tests read the plotted curves back with them.
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" class="kp-plot kp-explore-svg" role="img" aria-labelledby="%s-title %s-desc" data-x="%s %s">`,
		exCoord(l.width), exCoord(l.height), id, id, exG6(l.left-l.xmin*(l.right-l.left)/(l.xmax-l.xmin)), exG6((l.right-l.left)/(l.xmax-l.xmin)))
	fmt.Fprintf(&b, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", id, escText(title), id, escText(desc))
	fmt.Fprintf(&b, `<defs><clipPath id="%s-clip"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath></defs>`+"\n",
		id, exCoord(l.sx(e.X[0])), exCoord(l.top2-2), exCoord(l.sx(e.X[n-1])-l.sx(e.X[0])), exCoord(l.bottom2-l.top2+4))
	b.WriteString(`<g fill="currentColor" font-size="10">` + "\n")

	// Title and legend.
	if strings.TrimSpace(l.titleLines) != "" {
		for i, line := range strings.Split(l.titleLines, "\n") {
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%d" text-anchor="middle">%s</text>`+"\n",
				exCoord(l.width/2), exCoord(l.titleY+float64(i)*float64(titleSize)*1.25), titleSize, escText(line))
		}
	}
	e.writeLegend(&b, l)

	// Headings.
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%d" text-anchor="middle">%s</text>`+"\n",
		exCoord((l.left+l.right)/2), exCoord(l.head1Y), axisLabelSize, escText(cleanText(e.TopTitle)))
	before, after, hasQ := strings.Cut(cleanText(e.WeightTitle), "%s")
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%d" text-anchor="middle">%s`,
		exCoord((l.left+l.right)/2), exCoord(l.head2Y), axisLabelSize, escText(before))
	if hasQ {
		fmt.Fprintf(&b, `<tspan data-kp="qtext">%s</tspan>%s`, escText(e.QueryText[q]), escText(after))
	}
	b.WriteString("</text>\n")

	// Axes: x ticks under both panels, y ticks of the top panel, one group
	// of y ticks per weight axis (only the current one displayed), labels.
	xticks := (niceTicker{}).Ticks(l.xmin, l.xmax)
	explorerXTicks(&b, l, xticks, l.bottom1)
	explorerXTicks(&b, l, xticks, l.bottom2)
	fmt.Fprintf(&b, `<g data-kp="yaxis" data-y="%s %s %s %s">`, exG6(l.bottom1+l.ymin*(l.bottom1-l.top1)/(l.ymax-l.ymin)), exG6(-(l.bottom1-l.top1)/(l.ymax-l.ymin)), exG6(l.ymin), exG6(l.ymax))
	explorerYTicks(&b, l, (niceTicker{}).Ticks(l.ymin, l.ymax), l.sy1)
	b.WriteString("</g>\n")
	axis := 0
	for j, m := range e.Methods {
		axis = max(axis, d.W[j].A[m.Initial][q])
	}
	for a, top := range l.weightTops {
		hidden := ""
		if a != axis {
			hidden = ` display="none"`
		}
		fmt.Fprintf(&b, `<g data-kp="ticks" data-y="%s %s 0 %s"%s>`, exG6(l.bottom2), exG6(-(l.bottom2-l.top2)/top), exG6(top), hidden)
		explorerYTicks(&b, l, (niceTicker{}).Ticks(0, top), func(w float64) float64 { return l.sy2(a, w) })
		b.WriteString("</g>\n")
	}
	axisStroke := fmt.Sprintf(`fill="none" stroke="currentColor" stroke-width="%g"`, axisWidth)
	fmt.Fprintf(&b, `<path d="M%s %sV%sH%sM%s %sV%sH%s" %s/>`+"\n",
		exCoord(l.left), exCoord(l.top1), exCoord(l.bottom1), exCoord(l.right), exCoord(l.left), exCoord(l.top2), exCoord(l.bottom2), exCoord(l.right), axisStroke)
	ext := textStyle(svgTheme(), axisLabelSize, draw.XCenter, draw.YBottom).FontExtents()
	labelX := topMargin + float64(ext.Ascent)
	for _, p := range []struct {
		label    string
		top, bot float64
	}{{e.YLabel, l.top1, l.bottom1}, {e.WeightLabel, l.top2, l.bottom2}} {
		fmt.Fprintf(&b, `<text transform="translate(%s %s) rotate(-90)" font-size="%d" text-anchor="middle">%s</text>`+"\n",
			exCoord(labelX), exCoord((p.top+p.bot)/2), axisLabelSize, escText(cleanText(p.label)))
	}
	fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%d" text-anchor="middle">%s</text>`+"\n",
		exCoord((l.left+l.right)/2), exCoord(l.height-topMargin-float64(ext.Descent)), axisLabelSize, escText(cleanText(e.XLabel)))
	b.WriteString("</g>\n")

	// The query line, across both panels.
	fmt.Fprintf(&b, `<g data-kp="q" transform="translate(%s 0)" fill="none" stroke="currentColor" stroke-width="%g" stroke-dasharray="3 3"><path d="M0 %sV%sM0 %sV%s"/></g>`+"\n",
		exCoord(d.QX[q]), markWidth, exCoord(l.top1), exCoord(l.bottom1), exCoord(l.top2), exCoord(l.bottom2))

	// Input points.
	ms := svgTheme().markerStyle(explorerStyle(0))
	var pts strings.Builder
	for i := range n {
		explorerMarker(&pts, ms.shape, l.sx(e.X[i]), l.sy1(e.Y[i]), markerRadius)
	}
	fmt.Fprintf(&b, `<path d="%s" %s/>`+"\n", pts.String(), explorerMarkerPaint(ms.shape, 0))

	// Top panel curves, in levels.
	fmt.Fprintf(&b, `<g transform="%s">`+"\n", enc.topTransform)
	for j, m := range e.Methods {
		fmt.Fprintf(&b, `<path data-kp="top-%d" d="%s" %s/>`+"\n", j, LevelPath(0, d.Top[j][m.Initial]), explorerStroke(j+1))
	}
	b.WriteString("</g>\n")

	// Weight curves: clipped to the inputs' span, drawn in the current
	// axis's data transform, each shifted and scaled to its query.
	fmt.Fprintf(&b, `<g clip-path="url(#%s-clip)"><g data-kp="axis" transform="%s">`+"\n", id, d.Axes[axis])
	for j, m := range e.Methods {
		w := &d.W[j]
		s := m.Initial
		shift, lv := 0, []int(nil)
		if w.T != nil {
			shift, lv = q, w.T[s]
		} else {
			lv = w.P[s][q]
		}
		fmt.Fprintf(&b, `<g data-kp="shift-%d" transform="translate(%d 0) scale(1 %s)"><path data-kp="w-%d" d="%s" %s/></g>`+"\n",
			j, shift, strconv.FormatFloat(w.C[s][q], 'g', -1, 64), j, LevelPath(w.X0, lv), explorerStroke(j+1))
	}
	b.WriteString("</g></g>\n</svg>")
	return b.Bytes(), nil
}

// explorerStroke are the presentation attributes of series style i drawn as
// a line whose transform must not stretch its stroke or dashes.
func explorerStroke(i int) string {
	st := explorerStyle(i)
	s := fmt.Sprintf(`fill="none" stroke="var(--kp-series-%d, %s)" stroke-width="%g" stroke-linejoin="round" vector-effect="non-scaling-stroke"`,
		st.colour+1, FallbackPalette[st.colour], lineWidth)
	if dash := dashPatterns[st.dash]; len(dash) > 0 {
		parts := make([]string, len(dash))
		for k, v := range dash {
			parts[k] = strconv.FormatFloat(float64(v), 'f', -1, 64)
		}
		s += ` stroke-dasharray="` + strings.Join(parts, " ") + `"`
	}
	return s
}

// explorerMarkerPaint is how the markers of style i are painted.
func explorerMarkerPaint(m marker, i int) string {
	colour := fmt.Sprintf("var(--kp-series-%d, %s)", explorerStyle(i).colour+1, FallbackPalette[explorerStyle(i).colour])
	if m.filled() {
		return `fill="` + colour + `" stroke="none"`
	}
	return `fill="none" stroke="` + colour + `" stroke-width="1.1"`
}

// explorerMarker appends the outline of a marker at (x, y) in SVG coordinates
// (y down) to a path.
func explorerMarker(b *strings.Builder, m marker, x, y, r float64) {
	if m == circleMarker || m == ringMarker {
		fmt.Fprintf(b, "M%s %sa%s %s 0 1 0 %s 0a%s %s 0 1 0 %s 0Z", exCoord(x+r), exCoord(y), exCoord(r), exCoord(r), exCoord(-2*r), exCoord(r), exCoord(r), exCoord(2*r))
		return
	}
	var p vg.Path
	m.appendTo(&p, vg.Point{X: vg.Length(x), Y: vg.Length(-y)}, vg.Length(r))
	for _, c := range p {
		switch c.Type {
		case vg.MoveComp:
			fmt.Fprintf(b, "M%s %s", exCoord(float64(c.Pos.X)), exCoord(-float64(c.Pos.Y)))
		case vg.LineComp:
			fmt.Fprintf(b, "L%s %s", exCoord(float64(c.Pos.X)), exCoord(-float64(c.Pos.Y)))
		case vg.CloseComp:
			b.WriteString("Z")
		}
	}
}

// explorerXTicks draws the x ticks and their labels under a panel.
func explorerXTicks(b *bytes.Buffer, l *explorerLayout, ticks []plot.Tick, bottom float64) {
	var d strings.Builder
	var labels strings.Builder
	asc := float64(textStyle(svgTheme(), tickLabelSize, draw.XCenter, draw.YTop).FontExtents().Ascent)
	for _, tk := range ticks {
		x := l.sx(tk.Value)
		if x < l.left-0.01 || x > l.right+0.01 {
			continue
		}
		length := explorerTickMinor
		if tk.Label != "" {
			length = explorerTickMajor
			fmt.Fprintf(&labels, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, exCoord(x), exCoord(bottom+explorerTickMajor+explorerTickGap+asc), escText(tk.Label))
		}
		fmt.Fprintf(&d, "M%s %sv%s", exCoord(x), exCoord(bottom), exCoord(length))
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="currentColor" stroke-width="%g"/>%s`+"\n", d.String(), axisWidth, labels.String())
}

// explorerYTicks draws y ticks and their labels left of the data area.
func explorerYTicks(b *bytes.Buffer, l *explorerLayout, ticks []plot.Tick, sy func(float64) float64) {
	var d strings.Builder
	var labels strings.Builder
	for _, tk := range ticks {
		y := sy(tk.Value)
		length := explorerTickMinor
		if tk.Label != "" {
			length = explorerTickMajor
			fmt.Fprintf(&labels, `<text x="%s" y="%s" dy="0.35em" text-anchor="end">%s</text>`, exCoord(l.left-explorerTickMajor-explorerTickGap), exCoord(y), escText(tk.Label))
		}
		fmt.Fprintf(&d, "M%s %sh%s", exCoord(l.left-length), exCoord(y), exCoord(length))
	}
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="currentColor" stroke-width="%g"/>%s`, d.String(), axisWidth, labels.String())
}

// writeLegend draws the legend in rows at the top.
func (e Explorer) writeLegend(b *bytes.Buffer, l *explorerLayout) {
	leg := l.legend
	if len(leg.rows) == 0 {
		return
	}
	y := l.legendY + float64(leg.rowH)/2
	k := 0
	for _, row := range leg.rows {
		x := l.left
		for _, en := range row {
			switch kind := l.legendKinds[k]; kind {
			case 0:
				shape := explorerStyle(0).marker
				var p strings.Builder
				explorerMarker(&p, shape, x+legendThumb/2, y, markerRadius)
				fmt.Fprintf(b, `<path d="%s" %s/>`, p.String(), explorerMarkerPaint(shape, 0))
			case -1:
				fmt.Fprintf(b, `<path d="M%s %sh%d" fill="none" stroke="currentColor" stroke-width="%g" stroke-dasharray="3 3"/>`, exCoord(x), exCoord(y), legendThumb, markWidth)
			default:
				fmt.Fprintf(b, `<path d="M%s %sh%d" %s/>`, exCoord(x), exCoord(y), legendThumb, strings.Replace(explorerStroke(kind), ` vector-effect="non-scaling-stroke"`, "", 1))
			}
			k++
			fmt.Fprintf(b, `<text x="%s" y="%s" dy="0.35em">%s</text>`+"\n", exCoord(x+legendThumb+legendGap), exCoord(y), escText(en.label))
			x += float64(en.width) + legendSpace
		}
		y += float64(leg.rowH) + legendRowGap
	}
}

// Describe returns a text description of the explorer at its initial
// setting, for readers who cannot see it.
func (e Explorer) Describe() string {
	var b strings.Builder
	n := len(e.X)
	if n == 0 || len(e.Methods) == 0 || e.Query < 0 || e.Query >= n || len(e.QueryText) != n {
		return "Interactive plot with no data."
	}
	fmt.Fprintf(&b, "Two panels over a shared x axis (%s, %s).", oneLine(e.XLabel), span("from", e.X[0], e.X[n-1]))
	fmt.Fprintf(&b, " Top: %s (%d %s markers, %s %s)", oneLine(e.PointsLabel), n, markerNames[explorerStyle(0).marker], oneLine(e.YLabel), span("from", slices.Min(e.Y), slices.Max(e.Y)))
	for j, m := range e.Methods {
		sep := ", "
		if j == len(e.Methods)-1 {
			sep = " and "
		}
		if j == 0 {
			sep = " with "
		}
		fmt.Fprintf(&b, "%s%s (%s line) at %s %s", sep, oneLine(m.Label), dashNames[explorerStyle(j+1).dash], oneLine(m.Setting), m.Values[m.Initial])
	}
	fmt.Fprintf(&b, ". Bottom: the %s that the query at x = %s (a vertical dashed line through both panels) gives each input", oneLine(e.WeightLabel), e.QueryText[e.Query])
	for j, m := range e.Methods {
		w := m.Weights[m.Initial][e.Query]
		sep := "; "
		if j > 0 {
			sep = ", "
		}
		fmt.Fprintf(&b, "%s%s peaks at %s", sep, oneLine(m.Label), num(slices.Max(w)))
	}
	var changes []string
	for _, m := range e.Methods {
		changes = append(changes, fmt.Sprintf("the %s (%s to %s)", oneLine(m.Setting), m.Values[0], m.Values[len(m.Values)-1]))
	}
	fmt.Fprintf(&b, ". Sliders change %s and the query.", strings.Join(changes, ", "))
	return b.String()
}

// Sized returns the explorer unchanged: it has one layout, sized for a
// phone and scaled up on larger screens.
func (e Explorer) Sized(width, height float64) Drawing { return e }

var _ Drawing = Explorer{}
