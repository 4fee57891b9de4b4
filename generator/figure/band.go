package figure

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Band is a shaded region between two curves over the same x values, such
// as an interval around an estimate: at each X[i] it covers Lo[i] to
// Hi[i]. Bands are drawn behind the series, each in the colour of the
// style that follows the series (band j of a plot with n series takes
// style n+j), translucent so that what lies behind shows through.
type Band struct {
	Label     string // Label names the band in the legend; empty means no legend entry.
	X, Lo, Hi []float64
}

// bandAlpha is the opacity of a band's fill.
const bandAlpha = 0x55

// validate reports a band with mismatched lengths, no points or a value
// that is not finite. Lo may exceed Hi: the band then covers Hi to Lo.
func (b Band) validate(i int) error {
	name := fmt.Sprintf("band %d (%q)", i+1, b.Label)
	if len(b.X) != len(b.Lo) || len(b.X) != len(b.Hi) {
		return fmt.Errorf("%s: %w: %d x values, %d low and %d high", name, ErrLength, len(b.X), len(b.Lo), len(b.Hi))
	}
	if len(b.X) == 0 {
		return fmt.Errorf("%s: %w", name, ErrNoPoints)
	}
	for j := range b.X {
		if !finite(b.X[j]) || !finite(b.Lo[j]) || !finite(b.Hi[j]) {
			return fmt.Errorf("%s: point %d is (%v, %v…%v): %w", name, j, b.X[j], b.Lo[j], b.Hi[j], ErrNotFinite)
		}
	}
	return nil
}

// sentinelBand holds the translucent sentinel colours of bands in the
// SVG (see sentinelSeries): gonum writes a translucent colour as its
// un-premultiplied hex and a fill-opacity, and the hex of a near-black
// colour would not survive that rounding, so these are spaced apart.
var sentinelBand [NumStyles]color.NRGBA

func init() {
	for i := range sentinelBand {
		sentinelBand[i] = color.NRGBA{R: 0x03, G: 0x60, B: uint8(0x20 + 0x10*i), A: bandAlpha}
		sentinelCSS[gonumHex(sentinelBand[i])] = fmt.Sprintf("var(--kp-series-%d, %s)", i+1, FallbackPalette[i])
	}
}

// bandColor returns the translucent fill of the series colour c: in the
// SVG theme, the band sentinel of that series colour.
func bandColor(c color.Color) color.Color {
	for i, s := range sentinelSeries {
		if c == color.Color(s) {
			return sentinelBand[i]
		}
	}
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: bandAlpha}
}

// bandPlotter draws a band as one filled polygon: along Hi from left to
// right and back along Lo.
type bandPlotter struct {
	band  Band
	color color.Color
}

// Plot implements plot.Plotter.
func (b bandPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	n := len(b.band.X)
	pts := make([]vg.Point, 0, 2*n)
	for j := range n {
		pts = append(pts, vg.Point{X: trX(b.band.X[j]), Y: trY(b.band.Hi[j])})
	}
	for j := n - 1; j >= 0; j-- {
		pts = append(pts, vg.Point{X: trX(b.band.X[j]), Y: trY(b.band.Lo[j])})
	}
	pts = c.ClipPolygonXY(pts)
	if len(pts) < 3 {
		return
	}
	c.FillPolygon(b.color, pts)
}

// DataRange implements plot.DataRanger.
func (b bandPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return b.band.dataRange()
}

// dataRange returns the extent of the band.
func (b Band) dataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = minMax(b.X)
	l0, l1 := minMax(b.Lo)
	h0, h1 := minMax(b.Hi)
	return xmin, xmax, min(l0, h0), max(l1, h1)
}

// minMax returns the least and greatest of vs (+Inf, −Inf if empty).
func minMax(vs []float64) (lo, hi float64) {
	lo, hi = inf(1), inf(-1)
	for _, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}

func inf(sign int) float64 { return math.Inf(sign) }
