package figure

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestZoomScaleIsTheSmallestRoundScaleAtOrAboveThePeak(t *testing.T) {
	for peak, want := range map[float64]float64{
		0.79: 0.8, 0.8: 0.8, 0.02: 0.02, 0.0201: 0.03, 0.024: 0.03, 0.031: 0.04,
		0.045: 0.05, 0.055: 0.06, 0.07: 0.08, 0.09: 0.1, 1: 1, 1.01: 1.5, 7: 8, 8.1: 10, 0: 1, -1: 1,
		3e20: 1e21, 2e300: 1e301, 1e-300: 1e-300, 1.5e-300: 1e-299,
	} {
		if got := zoomScale(peak).v; got != want {
			t.Errorf("zoomScale(%v) = %v, want %v", peak, got, want)
		}
	}
}

func TestZoomLabelsAreFifthsWrittenWithTheirStepsDecimals(t *testing.T) {
	for peak, want := range map[float64]string{
		0.8:   "0.00 0.16 0.32 0.48 0.64 0.80",
		0.03:  "0.000 0.006 0.012 0.018 0.024 0.030",
		1.5:   "0.0 0.3 0.6 0.9 1.2 1.5",
		1:     "0.0 0.2 0.4 0.6 0.8 1.0",
		5:     "0 1 2 3 4 5",
		60:    "0 12 24 36 48 60",
		8e20:  "0 2e20 4e20 6e20 8e20 1e21", // beyond 8e15, powers of ten
		3e-7:  "0 6e-8 1.2e-7 1.8e-7 2.4e-7 3e-7",
		2e300: "0 2e300 4e300 6e300 8e300 1e301",
	} {
		z := &zoomAxis{scales: []roundScale{zoomScale(peak)}}
		if got := strings.Join(z.labels(0), " "); got != want {
			t.Errorf("labels at peak %v: %s, want %s", peak, got, want)
		}
	}
}

// weightsPanel is a ZoomY plot of the weights that each of n evenly spaced
// queries gives n inputs, at each of the given settings, for
// weights(xs, query, setting); the settings vary fastest, as the query
// slider comes second. It draws setting def at query q0.
func weightsPanel(n int, settings []float64, def, q0 int, weights func(xs []float64, q, v float64) []float64) LinePlot {
	xs, _ := benchInputs(n)
	v := Variation{Series: 0, Default: def + len(settings)*q0}
	for q := range n {
		for s, set := range settings {
			v.Y = append(v.Y, weights(xs, xs[q], set))
			v.Shift = append(v.Shift, q)
			v.Group = append(v.Group, s)
		}
	}
	return LinePlot{
		YLabel:     "weight",
		Series:     []Series{{Label: "weights", X: xs, Y: v.Y[v.Default], Kind: Line}},
		Variations: []Variation{v},
		ZoomY:      true,
	}
}

// roundTop is the top of the axis that holds peak, reasoned out apart from
// zoomScale: the first of 1, 1.5, 2, 3, 4, 5, 6, 8 × 10^k at or above the
// peak, with the 3% every axis has to spare.
func roundTop(peak float64) float64 {
	for k := -6; k < 6; k++ {
		for _, m := range []float64{1, 1.5, 2, 3, 4, 5, 6, 8} {
			if s := m * math.Pow(10, float64(k)); s >= peak*(1-1e-12) {
				return s * 1.03
			}
		}
	}
	return math.NaN()
}

// decodeSetting decodes setting k of a ZoomY series as the page script
// draws it (templates/static/js/vary.js): the path's levels, times the
// value of a level, read at the points the shift moves onto the inputs.
func decodeSetting(s VarySeries, k, n int) []float64 {
	var dys []int
	switch {
	case s.G != nil:
		dys = s.Y[at(s.G, k)]
	default:
		dys = at(s.Y, k)
	}
	levels := make([]float64, 0, len(dys))
	sum := 0
	for _, d := range dys {
		sum += d
		levels = append(levels, float64(sum))
	}
	out := make([]float64, n)
	for j := range n {
		i := j
		if s.SH != nil {
			// The path's x values are offsets; translate(sh 0) moves
			// offset o onto input sh + o.
			i = slices.Index(s.X, j-at(s.SH, k))
		}
		out[j] = levels[i] * at(s.C, k)
	}
	return out
}

func TestZoomedWeightsDecodeWithinATenthOfAPercentOfTheirAxis(t *testing.T) {
	const n = 30
	for _, tt := range []struct {
		name     string
		weights  func(xs []float64, q, v float64) []float64
		settings []float64
		profiles bool // whether the encoding ships one profile per setting
	}{
		// Normalised Gaussian weights are the kernel moved to the query
		// and scaled: one profile per bandwidth.
		{"Gaussian kernel", gaussianWeights, []float64{0.01, 0.05, 0.2, 1}, true},
		// Attention's scores cos 2π(x − q) move with the query only on a
		// whole period; on x = 0 … 29/30 they do, around the circle.
		{"attention around the circle", seedAttentionWeights, []float64{0.1, 0.5, 2}, true},
		// Scores x·q do not move with the query: every curve is shipped.
		{"scores that do not move", func(xs []float64, q, v float64) []float64 {
			w := make([]float64, len(xs))
			sum := 0.0
			for i, x := range xs {
				w[i] = math.Exp(x * q / v)
				sum += w[i]
			}
			for i := range w {
				w[i] /= sum
			}
			return w
		}, []float64{0.05, 0.3}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := weightsPanel(n, tt.settings, 1, n/2, tt.weights)
			d, err := p.VaryData()
			if err != nil {
				t.Fatal(err)
			}
			s := d.Series[0]
			if got := s.G != nil; got != tt.profiles {
				t.Errorf("shipped as profiles: %v, want %v", got, tt.profiles)
			}
			if tt.profiles && len(s.Y) != len(tt.settings) {
				t.Errorf("%d profiles for %d settings", len(s.Y), len(tt.settings))
			}
			ax := d.Axes[0]
			for k, want := range p.Variations[0].Y {
				top := roundTop(slices.Max(want))
				// The setting's zoom is the one whose top label is that
				// round scale.
				if label, _ := strconv.ParseFloat(ax.Ticks[s.Z[k]][zoomTicks], 64); math.Abs(label*1.03-top) > 1e-9*top {
					t.Fatalf("setting %d: peak %g shown on the axis up to %g, want %g", k, slices.Max(want), label, top/1.03)
				}
				got := decodeSetting(s, k, n)
				for j := range n {
					if math.Abs(got[j]-want[j]) > 0.001*top {
						t.Fatalf("setting %d, input %d: decodes to %g, is %g: over 0.1%% of the axis (%g)", k, j, got[j], want[j], top)
					}
				}
			}
		})
	}
}

func TestEveryZoomPutsATicksValueOnThatTick(t *testing.T) {
	p := weightsPanel(20, []float64{0.01, 0.03, 0.1, 0.5}, 2, 10, gaussianWeights)
	d, err := p.VaryData()
	if err != nil {
		t.Fatal(err)
	}
	ax := d.Axes[0]
	if len(ax.Zoom) < 3 {
		t.Fatalf("%d zooms for peaks from 0.05 to 0.8", len(ax.Zoom))
	}
	if ax.Zoom[ax.Default] != 1 {
		t.Errorf("the zoom drawn first scales by %v, want 1", ax.Zoom[ax.Default])
	}
	// The drawing places value v at zoom a where it places v·Zoom[a] at
	// the first zoom: tick j's label at any zoom lands on tick j.
	for a := range ax.Zoom {
		for j := 1; j <= zoomTicks; j++ {
			v, _ := strconv.ParseFloat(ax.Ticks[a][j], 64)
			drawn, _ := strconv.ParseFloat(ax.Ticks[ax.Default][j], 64)
			if math.Abs(v*ax.Zoom[a]-drawn) > 1e-4*drawn {
				t.Errorf("zoom %d: tick %d labelled %v lands at %v, where the first zoom's tick says %v", a, j, v, v*ax.Zoom[a], drawn)
			}
		}
	}
}

func TestZoomedSVGMarksItsTicksAndDrawsTheValuesOnTheAxis(t *testing.T) {
	p := weightsPanel(20, []float64{0.01, 0.03, 0.1, 0.5}, 2, 10, gaussianWeights)
	svg, err := p.SVG(Meta{ID: "fig-z", Title: "t", Desc: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(svg), zoomSentinel) {
		t.Errorf("a tick label keeps its sentinel")
	}
	d, _ := p.VaryData()
	ax := d.Axes[0]
	ticks := regexp.MustCompile(`<text x="[^"]*" [^>]*style="[^"]*;text-anchor:end" data-kp-axis="0" data-kp-tick="(\d)">([^<]*)</text>`).FindAllSubmatch(svg, -1)
	if len(ticks) != zoomTicks+1 {
		t.Fatalf("%d marked tick labels, want %d", len(ticks), zoomTicks+1)
	}
	for j, m := range ticks {
		if string(m[1]) != strconv.Itoa(j) || string(m[2]) != ax.Ticks[ax.Default][j] {
			t.Errorf("tick label %d: data-kp-tick=%s %q, want %q", j, m[1], m[2], ax.Ticks[ax.Default][j])
		}
	}

	// Where the drawing puts each setting's values: the group's matrix
	// applied to the path's own transform as the script writes it. The
	// data area (the clip rectangle) runs from 0 at its bottom to the
	// zoom's top at its top.
	rect := regexp.MustCompile(`<clipPath id="fig-z-clip"><rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)" /></clipPath>`).FindSubmatch(svg)
	group := regexp.MustCompile(`<g transform="matrix\(([^)]*)\)"><path d="[^"]*" transform="[^"]*" style="[^"]*" data-kp-vary="0" />`).FindSubmatch(svg)
	if rect == nil || group == nil {
		t.Fatalf("no clip rectangle or no group around the varied path in\n%s", svg)
	}
	left, _ := strconv.ParseFloat(string(rect[1]), 64)
	bottom, _ := strconv.ParseFloat(string(rect[2]), 64)
	width, _ := strconv.ParseFloat(string(rect[3]), 64)
	height, _ := strconv.ParseFloat(string(rect[4]), 64)
	var mat [6]float64
	for i, f := range strings.Split(string(group[1]), ",") {
		mat[i], _ = strconv.ParseFloat(f, 64)
	}
	// A profile moved near an end reaches past the points: the clip stops
	// at the first and last point (x is counted in points from the
	// first), give or take half a line's width.
	n := float64(len(p.Series[0].X))
	if first, last := mat[4], mat[4]+mat[0]*(n-1); math.Abs(left-first) > lineWidth || math.Abs(left+width-last) > lineWidth {
		t.Errorf("the clip spans x %.2f … %.2f, the points %.2f … %.2f", left, left+width, first, last)
	}
	s := d.Series[0]
	for k, ys := range p.Variations[0].Y {
		a := s.Z[k] // the only series on the axis: its zoom is the axis'
		top := roundTop(slices.Max(ys))
		for j, v := range decodeSetting(s, k, len(ys)) {
			drawn := mat[5] + mat[3]*ax.Zoom[a]*v
			want := bottom + ys[j]/top*height
			if math.Abs(drawn-want) > 0.001*height+1e-3 {
				t.Fatalf("setting %d, input %d: drawn at y %.4f, the axis puts %g at %.4f", k, j, drawn, ys[j], want)
			}
		}
	}
}

func TestAZoomedAxisRefusesWhatWouldNotFollowIt(t *testing.T) {
	base := func() LinePlot { return weightsPanel(10, []float64{0.1, 0.3}, 0, 5, gaussianWeights) }
	fixed := base()
	fixed.Series = append(fixed.Series, Series{Label: "fixed", X: []float64{0, 1}, Y: []float64{0, 1}, Kind: Line})
	negative := base()
	negative.Variations[0].Y[3] = slices.Clone(negative.Variations[0].Y[3])
	negative.Variations[0].Y[3][2] = -0.1
	bounded := base()
	bounded.YMax = Bound(1)
	for name, p := range map[string]LinePlot{"a series that does not vary": fixed, "a value below 0": negative, "a fixed top": bounded} {
		if err := p.Validate(); !errors.Is(err, ErrVariation) {
			t.Errorf("%s: %v, want ErrVariation", name, err)
		}
	}
	huge := base()
	huge.Variations[0].Y[1] = []float64{0, 0, 0, 0, 1e308, 0, 0, 0, 0, 0}
	if err := huge.Validate(); !errors.Is(err, ErrNotFinite) {
		t.Errorf("a value of 1e308: %v, want ErrNotFinite", err)
	}
	m := Multiples{Plots: []LinePlot{base(), base()}, ShareY: true}
	if err := m.Validate(); !errors.Is(err, ErrVariation) {
		t.Errorf("zoomed panels sharing a y axis: %v, want ErrVariation", err)
	}
}

// TestVariedPanelsAreNumberedAcrossTheFigure draws small multiples of a
// plain varied panel above a zoomed one: each panel's paths are clipped to
// their own data area, the variations are numbered through the figure, and
// the zoomed axis names its series by those numbers.
func TestVariedPanelsAreNumberedAcrossTheFigure(t *testing.T) {
	top := variedPlot(false)
	bottom := weightsPanel(10, []float64{0.1, 0.3}, 0, 5, gaussianWeights)
	m := Multiples{Plots: []LinePlot{top, bottom}, Columns: 1}
	svg, err := m.SVG(Meta{ID: "fig-m", Title: "t", Desc: "d"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := m.VaryData()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Series) != 2 || len(d.Axes) != 1 || !slices.Equal(d.Axes[0].Series, []int{1}) {
		t.Fatalf("%d series, axes %+v: want 2 series, the second on the one axis", len(d.Series), d.Axes)
	}
	for _, want := range []string{
		`<clipPath id="fig-m-clip">`, `<clipPath id="fig-m-clip-2">`,
		`<g clip-path="url(#fig-m-clip)"><path d="` + LevelPathXY(d.Series[0].X, d.Series[0].Y[1]) + `" transform="matrix(`,
		`<g clip-path="url(#fig-m-clip-2)"><g transform="matrix(`,
		`data-kp-vary="1" />`,
		`data-kp-axis="0" data-kp-tick="5"`,
	} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
}

// TestAGuideIsDrawnAsAMark: a varied line whose x alone moves (a query)
// is drawn thin, dashed and in the text's colour, as marks are, in the
// plot and in the legend of small multiples, not in a series' colour.
func TestAGuideIsDrawnAsAMark(t *testing.T) {
	xs := []float64{0, 0.5, 1}
	guide := func() LinePlot {
		return LinePlot{
			Series: []Series{
				{Label: "query", X: []float64{0.5, 0.5}, Y: []float64{0, 1}, Kind: Line},
				{Label: "data", X: xs, Y: []float64{0, 1, 0}, Kind: Line},
			},
			Variations: []Variation{{Series: 0, X: [][]float64{{0, 0}, {0.5, 0.5}, {1, 1}}, Default: 1}},
		}
	}
	m := Multiples{Plots: []LinePlot{guide(), guide()}, Columns: 1}
	svg, err := m.SVG(Meta{ID: "fig-g", Title: "t", Desc: "d"})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range []string{"0", "1"} {
		want := `style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3;vector-effect:non-scaling-stroke" data-kp-vary="` + j + `"`
		if !strings.Contains(string(svg), want) {
			t.Errorf("guide %s is not drawn as a mark: no %s", j, want)
		}
	}
	// The legend's sample of the guide: a dashed line in the text's colour.
	legend := regexp.MustCompile(`<path d="M[^"]*" style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3" />\s*<text [^>]*>query</text>`)
	if !legend.Match(svg) {
		t.Errorf("the legend does not show the query as a mark")
	}
}

// TestAGuideTakesNoStyleInTheLegend: series are styled by position, but a
// guide is drawn as a mark wherever it stands, so the legend of small
// multiples lists it once on its own, not merged with the series that has
// its position in another panel.
func TestAGuideTakesNoStyleInTheLegend(t *testing.T) {
	xs := []float64{0, 0.5, 1}
	points := LinePlot{Series: []Series{{Label: "input points", X: xs, Y: []float64{0, 1, 0}, Kind: Points}}}
	query := LinePlot{
		Series:     []Series{{Label: "query", X: []float64{0.5, 0.5}, Y: []float64{0, 1}, Kind: Line}},
		Variations: []Variation{{Series: 0, X: [][]float64{{0, 0}, {0.5, 0.5}}, Default: 1}},
	}
	m := Multiples{Plots: []LinePlot{points, query, query}, Columns: 1}
	var labels []string
	for _, e := range m.legendPlot().legend(svgTheme()).entries {
		labels = append(labels, e.label)
	}
	if got := strings.Join(labels, " | "); got != "input points | query" {
		t.Errorf("legend entries %q, want input points | query", got)
	}
}
