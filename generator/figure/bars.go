package figure

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barFill is the fraction of the narrowest gap between neighbouring x
// values that a bar of a Bars series covers; the rest is space between
// bars.
const barFill = 0.9

// barPlotter draws a Bars series: one filled rectangle from y = 0 to y at
// each x, centred on x and barFill of the narrowest gap between x values
// wide, measured on the canvas so that bars on a log x axis are as wide
// as those on a linear one. Bars are drawn as one path.
type barPlotter struct {
	xys  plotter.XYs
	fill markerStyle // only its colour is used
}

// Plot implements plot.Plotter; bars are clipped to the data area.
func (b barPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	xs := make([]vg.Length, len(b.xys))
	for i, xy := range b.xys {
		xs[i] = trX(xy.X)
	}
	w := barSpan(xs, c.Max.X-c.Min.X)
	base := trY(0)
	var p vg.Path
	for i, xy := range b.xys {
		x0, x1 := max(xs[i]-w/2, c.Min.X), min(xs[i]+w/2, c.Max.X)
		y0, y1 := base, trY(xy.Y)
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		y0, y1 = max(y0, c.Min.Y), min(y1, c.Max.Y)
		if x0 >= x1 || y0 >= y1 {
			continue
		}
		p.Move(vg.Point{X: x0, Y: y0})
		p.Line(vg.Point{X: x1, Y: y0})
		p.Line(vg.Point{X: x1, Y: y1})
		p.Line(vg.Point{X: x0, Y: y1})
		p.Close()
	}
	if len(p) == 0 {
		return
	}
	c.SetColor(b.fill.color)
	c.Fill(p)
}

// barSpan returns barFill of the narrowest gap between the distinct
// canvas positions xs, or of span/8 when there is a single position.
func barSpan(xs []vg.Length, span vg.Length) vg.Length {
	s := slices.Clone(xs)
	slices.Sort(s)
	gap := vg.Length(math.Inf(1))
	for i := 1; i < len(s); i++ {
		if d := s[i] - s[i-1]; d > 0 && d < gap {
			gap = d
		}
	}
	if math.IsInf(float64(gap), 1) {
		gap = span / 8
	}
	return gap * barFill
}

// DataRange implements plot.DataRanger: the bars reach down (or up) to 0.
func (b barPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = plotter.XYRange(b.xys)
	return xmin, xmax, math.Min(ymin, 0), math.Max(ymax, 0)
}

// barHalfWidth returns half the width of the bars at xs on a linear x
// axis, in data units (see barSpan), so that the axis can cover them.
func barHalfWidth(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	gap := math.Inf(1)
	for i := 1; i < len(s); i++ {
		if d := s[i] - s[i-1]; d > 0 && d < gap {
			gap = d
		}
	}
	if math.IsInf(gap, 1) {
		return 0
	}
	return gap * barFill / 2
}
