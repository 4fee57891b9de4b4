package figure

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Default figure size in points (a wide figure).
const (
	DefaultWidth  = 640.0 // DefaultWidth is the width used when LinePlot.Width is zero.
	DefaultHeight = 360.0 // DefaultHeight is the height used when LinePlot.Height is zero.
)

// NumStyles is the number of distinct series styles (colour, dash pattern,
// marker shape) before they start to repeat in new combinations.
const NumStyles = 6

// FallbackPalette holds the colour-blind-safe (Okabe–Ito) series colours used
// when the page does not define --kp-series-i, and in PNG output.
var FallbackPalette = [NumStyles]string{
	"#0072B2", // blue
	"#D55E00", // vermillion
	"#009E73", // bluish green
	"#CC79A7", // reddish purple
	"#E69F00", // orange
	"#56B4E9", // sky blue
}

// Sizes, in points, of the plot's parts.
const (
	titleSize     = 12
	axisLabelSize = 11
	tickLabelSize = 10
	legendSize    = 10
	markLabelSize = 9

	lineWidth    = 1.5
	markerRadius = 2.75
	axisWidth    = 0.75
	markWidth    = 0.75
)

// fontSlack is how much wider, as a fraction, text may come out in the
// browser than measured: DejaVu Sans, a common default sans-serif face on
// Linux, is about 15% wider than Liberation Sans. The SVG anchors text at
// its left end, so the extra width grows to the right; the layout keeps
// this much spare room where that would clip or crowd text.
const fontSlack = 0.2

// sansFont is the face used to measure and draw text. The SVG output replaces
// its family with the page's font; Liberation Sans has Arial metrics, which
// are close to what browsers draw for common sans-serif faces.
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// dash patterns (in points) and their names, by style index.
var (
	dashPatterns = [NumStyles][]vg.Length{
		nil,                    // solid
		{6, 3},                 // dashed
		{1.5, 2.5},             // dotted
		{7, 2.5, 1.5, 2.5},     // dash-dot
		{12, 4},                // long-dashed
		{7, 2, 1.5, 2, 1.5, 2}, // dash-dot-dot
	}
	dashNames = [NumStyles]string{
		"solid", "dashed", "dotted", "dash-dot", "long-dashed", "dash-dot-dot",
	}
	markerNames = [NumStyles]string{
		"circle", "triangle", "square", "diamond", "open circle", "cross",
	}
)

// seriesStyle is the look of the series at index i (0-based).
type seriesStyle struct {
	colour int // index into the palette
	dash   int // index into dashPatterns
	marker marker
}

// styleFor returns the style of series i (0-based). The first NumStyles
// series get matching colour, dash and marker indices; later series combine
// them differently so that no two of the first NumStyles² series look alike.
func styleFor(i int) seriesStyle {
	round := i / NumStyles
	return seriesStyle{
		colour: i % NumStyles,
		dash:   (i + round) % NumStyles,
		marker: marker((i + 2*round) % NumStyles),
	}
}

// theme holds the colours a figure is drawn with.
type theme struct {
	fg     color.Color            // axes, ticks, text
	series [NumStyles]color.Color // series colours by palette index
}

// pngTheme draws with the fallback palette on white.
func pngTheme() theme {
	t := theme{fg: color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}}
	for i, h := range FallbackPalette {
		t.series[i] = parseHex(h)
	}
	return t
}

// parseHex converts "#RRGGBB" to a colour; it is only used on the constant
// palette above.
func parseHex(s string) color.Color {
	var v [3]uint8
	for i := range v {
		v[i] = hexNibble(s[1+2*i])<<4 | hexNibble(s[2+2*i])
	}
	return color.NRGBA{R: v[0], G: v[1], B: v[2], A: 0xff}
}

func hexNibble(b byte) uint8 {
	switch {
	case b >= '0' && b <= '9':
		return b - '0'
	case b >= 'a' && b <= 'f':
		return b - 'a' + 10
	case b >= 'A' && b <= 'F':
		return b - 'A' + 10
	}
	return 0
}

// lineStyle returns the line style of a series.
func (t theme) lineStyle(s seriesStyle) draw.LineStyle {
	return draw.LineStyle{
		Color:  t.series[s.colour],
		Width:  vg.Points(lineWidth),
		Dashes: dashPatterns[s.dash],
	}
}

// guideStyle is how marks, rules and guides (a varied line whose x alone
// moves, such as a query) are drawn: thin, dashed, in the text's colour,
// so they read as annotations rather than data.
func (t theme) guideStyle() draw.LineStyle {
	return draw.LineStyle{Color: t.fg, Width: vg.Points(markWidth), Dashes: []vg.Length{3, 3}}
}

// markerStyle is how the markers of a series look.
type markerStyle struct {
	color  color.Color
	shape  marker
	radius vg.Length
}

// markerStyle returns the marker style of a series.
func (t theme) markerStyle(s seriesStyle) markerStyle {
	return markerStyle{color: t.series[s.colour], shape: s.marker, radius: vg.Points(markerRadius)}
}

// marker is a marker shape; all markers of a series are drawn as one path.
type marker int

const (
	circleMarker marker = iota
	triangleMarker
	squareMarker
	diamondMarker
	ringMarker
	crossMarker
)

// filled reports whether the shape is filled rather than stroked.
func (m marker) filled() bool { return m != ringMarker && m != crossMarker }

// appendTo adds the outline of the marker centred at pt with radius r to p.
// The shapes are scaled to look about equally heavy.
func (m marker) appendTo(p *vg.Path, pt vg.Point, r vg.Length) {
	poly := func(pts ...vg.Point) {
		p.Move(pts[0])
		for _, q := range pts[1:] {
			p.Line(q)
		}
		p.Close()
	}
	switch m {
	case circleMarker, ringMarker:
		p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		p.Arc(pt, r, 0, 2*math.Pi)
		p.Close()
	case triangleMarker:
		t := r * 1.35
		poly(vg.Point{X: pt.X, Y: pt.Y + t},
			vg.Point{X: pt.X - t*0.866, Y: pt.Y - t*0.5},
			vg.Point{X: pt.X + t*0.866, Y: pt.Y - t*0.5})
	case squareMarker:
		s := r * 0.9
		poly(vg.Point{X: pt.X - s, Y: pt.Y - s}, vg.Point{X: pt.X + s, Y: pt.Y - s},
			vg.Point{X: pt.X + s, Y: pt.Y + s}, vg.Point{X: pt.X - s, Y: pt.Y + s})
	case diamondMarker:
		d := r * 1.25
		poly(vg.Point{X: pt.X, Y: pt.Y + d}, vg.Point{X: pt.X + d, Y: pt.Y},
			vg.Point{X: pt.X, Y: pt.Y - d}, vg.Point{X: pt.X - d, Y: pt.Y})
	case crossMarker:
		p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
		p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
		p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
		p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	}
}

// drawMarkers draws a marker at each point as a single filled or stroked
// path, which keeps the SVG small (one element per series, not per point).
func drawMarkers(c *draw.Canvas, m markerStyle, pts []vg.Point) {
	if len(pts) == 0 {
		return
	}
	var p vg.Path
	for _, pt := range pts {
		m.shape.appendTo(&p, pt, m.radius)
	}
	if m.shape.filled() {
		c.SetColor(m.color)
		c.Fill(p)
		return
	}
	c.SetLineStyle(draw.LineStyle{Color: m.color, Width: vg.Points(1.1)})
	c.Stroke(p)
}
