package figure

import (
	"errors"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// layered is a plot with every kind of layer: bars, points, a line, a
// band, a rule and a mark.
func layered() LinePlot {
	xs := []float64{1, 2, 3, 4}
	return LinePlot{
		XLabel: "bin", YLabel: "count",
		Series: []Series{
			{Label: "counts", X: xs, Y: []float64{2, 5, 3, 1}, Kind: Bars},
			{Label: "fit", X: xs, Y: []float64{2.5, 4, 3, 1.5}, Kind: Line},
			{Label: "draws", X: xs, Y: []float64{2, 4.5, 2.5, 1}, Kind: Points},
		},
		Bands: []Band{{Label: "interval", X: xs, Lo: []float64{1, 3, 2, 0.5}, Hi: []float64{3, 6, 4, 2}}},
		Rules: []Rule{{Y: 2.75, Label: "mean"}},
		Marks: []Mark{{X: 2.5, Label: "median"}},
	}
}

func TestLayersDrawAndDescribeThemselves(t *testing.T) {
	p := layered()
	svg, err := p.SVG(Meta{ID: "fig-layers"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	// The band takes the style after the three series: the fourth colour,
	// translucent; the bars the first, opaque.
	for _, want := range []string{"var(--kp-series-4, #CC79A7);fill-opacity:0.333", "fill:var(--kp-series-1, #0072B2)", ">mean<", ">median<", ">interval<"} {
		if !strings.Contains(s, want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if strings.Contains(s, "#0102") {
		t.Error("a sentinel colour is left in the SVG")
	}
	d := p.Describe()
	for _, want := range []string{"counts (4 bars)", "fit (dashed line)", "draws (4 square markers)",
		"A shaded band, interval, lies between two curves with y from 0.5 to 6.",
		"x (bin) runs from 1 to 4; y (count) from 0.5 to 6.", // the band's extent counts as data
		"A horizontal line marks y = 2.75 (mean).", "A vertical line marks x = 2.5 (median)."} {
		if !strings.Contains(d, want) {
			t.Errorf("the description lacks %q:\n%s", want, d)
		}
	}
	if _, err := p.PNG(640); err != nil {
		t.Errorf("PNG: %v", err)
	}
}

func TestBarsSpanTheNarrowestGap(t *testing.T) {
	// Gaps of 10 and 4 canvas points: bars are 0.9 × 4 wide.
	if w := barSpan([]vg.Length{30, 10, 20, 24}, 100); w != 3.6 {
		t.Errorf("bar width %v, want 3.6", w)
	}
	// One bar takes an eighth of the span, times 0.9.
	if w := barSpan([]vg.Length{5}, 80); w != 9 {
		t.Errorf("single bar width %v, want 9", w)
	}
}

func TestLayersAreValidated(t *testing.T) {
	cases := []struct {
		name string
		edit func(*LinePlot)
		want error
	}{
		{"band lengths", func(p *LinePlot) { p.Bands[0].Hi = p.Bands[0].Hi[:3] }, ErrLength},
		{"band value", func(p *LinePlot) { p.Bands[0].Lo[1] = inf(1) }, ErrNotFinite},
		{"rule value", func(p *LinePlot) { p.Rules[0].Y = inf(-1) }, ErrNotFinite},
		{"bars on a log y axis", func(p *LinePlot) { p.LogY = true }, ErrKind},
		{"zero on a log y axis", func(p *LinePlot) { p.Series = p.Series[1:]; p.Series[0].Y[0] = 0; p.LogY = true }, ErrLogScale},
		{"band at x 0 on a log x axis", func(p *LinePlot) { p.Bands[0].X = []float64{0, 2, 3, 4}; p.LogX = true }, ErrLogScale},
		{"rule at 0 on a log y axis", func(p *LinePlot) { p.Series = p.Series[1:]; p.Rules[0].Y = 0; p.LogY = true }, ErrLogScale},
	}
	for _, c := range cases {
		p := layered()
		c.edit(&p)
		if err := p.Validate(); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
}

func TestLogYAxisIsLabelledInDecades(t *testing.T) {
	p := LinePlot{LogY: true, Series: []Series{{Label: "decay", X: []float64{0, 1, 2, 3}, Y: []float64{1, 0.1, 0.01, 0.001}}}}
	svg, err := p.SVG(Meta{ID: "fig-log"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">0.001<", ">0.01<", ">0.1<", ">1<"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the log y axis lacks the label %q", want)
		}
	}
	if d := p.Describe(); !strings.Contains(d, "The y axis is logarithmic.") {
		t.Errorf("description %q does not say the y axis is logarithmic", d)
	}
}
