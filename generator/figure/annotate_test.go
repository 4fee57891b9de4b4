package figure

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TestAnnotationMarksTheMinimum draws the LOOCV example, whose marked point
// is the lowest of a U-shaped curve: a ring in the text colour is drawn
// round it, and its label goes below it, where no data are, the y axis
// lowered to make room for it.
func TestAnnotationMarksTheMinimum(t *testing.T) {
	for _, size := range [][2]float64{{640, 360}, {340, 300}} {
		p := loocvExample()
		p.Width, p.Height = size[0], size[1]
		a := p.Points[0]
		_, _, texts, paths := record(t, p)
		label, ok := textNamed(texts, a.Label)
		if !ok {
			t.Fatalf("%v: label not drawn", size)
		}
		var ring *drawnPath
		for i, pa := range paths {
			// A ring is a move to its rightmost point and an arc round its centre.
			if pa.col == pngTheme().fg && len(pa.pts) == 2 && math.Abs(float64(pa.pts[0].X-pa.pts[1].X-pointRadius)) < 1e-9 {
				ring = &paths[i]
			}
		}
		if ring == nil {
			t.Fatalf("%v: no ring drawn", size)
		}
		centre := ring.pts[1]
		if label.box.Max.Y > centre.Y-pointRadius {
			t.Errorf("%v: label %v is not below the ring at %v", size, label.box, centre)
		}
		if c := (label.box.Min.X + label.box.Max.X) / 2; math.Abs(float64(c-centre.X)) > 0.5 {
			t.Errorf("%v: label centred at x = %v, ring at %v", size, c, centre.X)
		}
		// Below the label come the x axis and its tick labels, which the
		// label must not overlap (checked with all the texts here).
		if p := textProblems(texts, size[0], size[1]); len(p) > 0 {
			t.Errorf("%v: text problems %q", size, p)
		}
	}
}

// TestAnnotationLabelAvoidsTheData checks where labels of points go in a
// plot of a single rising line: at its top end the label goes below or to
// the left (not above, where there is no room once the axis is fixed), in
// the middle it goes where the line is not.
func TestAnnotationLabelAvoidsTheData(t *testing.T) {
	p := LinePlot{
		Series: []Series{{X: []float64{0, 1}, Y: []float64{0, 1}, Kind: Line}},
		Points: []Annotation{{X: 1, Y: 1, Label: "top"}, {X: 0.5, Y: 0.5, Label: "middle"}},
		YMax:   Bound(1),
	}
	plt := p.newPlot(pngTheme())
	body := draw.New(&sizedRecorder{w: 640, h: 360})
	c := plt.DataCanvas(body)
	trX, trY := plt.Transforms(&c)
	for _, a := range p.Points {
		pt := vg.Point{X: trX(a.X), Y: trY(a.Y)}
		box, clear := p.pointLabelBox(plt, c, markTextStyle(pngTheme()), pt, a.Label)
		if !clear {
			t.Errorf("%q: label at %v hides data", a.Label, box)
		}
		if box.Min.X < c.Min.X || box.Max.X > c.Max.X || box.Min.Y < c.Min.Y || box.Max.Y > c.Max.Y {
			t.Errorf("%q: label at %v leaves the data area %v", a.Label, box, c.Rectangle)
		}
	}
}

func TestAnnotationsAreValidatedAndDescribed(t *testing.T) {
	p := twoLines()
	p.Points = []Annotation{{X: 1, Y: math.NaN(), Label: "bad"}}
	if _, err := p.SVG(Meta{ID: "a"}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("err = %v, want %v", err, ErrNotFinite)
	}
	d := loocvExample().Describe()
	if !strings.Contains(d, "A circle marks the point (0.0818, 0.106): minimum, h = 0.082.") {
		t.Errorf("description lacks the point: %q", d)
	}
}
