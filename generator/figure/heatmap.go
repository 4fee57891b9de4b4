package figure

import (
	"errors"
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMap draws matrices of the same shape, such as the weight matrices of
// two methods, as grids of coloured cells side by side (stacked, or in
// fewer columns, when that gives larger panels), all on one colour scale
// shown by a colour bar.
//
// Column c of a panel is drawn at X[c] and row r at Y[r], so with
// increasing coordinates row 0 is at the bottom, like the y axis of a plot;
// cells are equally wide however the coordinates are spaced, and the tick
// labels show the coordinates at their place. The cells of a panel are a
// single raster image, one pixel per cell scaled without smoothing, in the
// colour-blind-safe viridis colour map (dark purple for low values, yellow
// for high). The colours cannot follow the page's dark mode; the frames,
// axes and text do.
type HeatMap struct {
	Title  string  // Title is drawn above the panels; may be empty.
	Panels []Panel // Panels all have the shape of Z in the first.

	XLabel, YLabel string    // XLabel names the columns' coordinate, YLabel the rows', e.g. "input i" and "query o".
	X, Y           []float64 // X and Y are the increasing coordinates of the columns and rows; nil means 0, 1, 2, …
	ScaleLabel     string    // ScaleLabel names the values, next to the colour bar, e.g. "weight".

	Width, Height float64 // in points; zero means DefaultWidth×DefaultHeight
}

// Panel is one matrix of a HeatMap.
type Panel struct {
	Title string      // Title is drawn above the panel; may be empty.
	Z     [][]float64 // Z[r][c] is the value in row r, column c.
}

// Errors reported by HeatMap.Validate and Multiples.Validate, wrapped with
// context.
var (
	ErrNoPanels   = errors.New("no panels")                   // ErrNoPanels means a figure has no panels.
	ErrEmptyPanel = errors.New("panel has no values")         // ErrEmptyPanel means a matrix has no rows or no columns.
	ErrShape      = errors.New("shapes do not match")         // ErrShape means ragged rows, panels of different shapes, or coordinates not one per row or column.
	ErrOrder      = errors.New("coordinates do not increase") // ErrOrder means X or Y is not strictly increasing.
)

var _ Drawing = HeatMap{}

// Sized returns a copy of the heat map drawn at width × height points.
func (m HeatMap) Sized(width, height float64) Drawing {
	m.Width, m.Height = width, height
	return m
}

// shape returns the number of rows and columns of the first panel.
func (m HeatMap) shape() (rows, cols int) {
	if len(m.Panels) == 0 || len(m.Panels[0].Z) == 0 {
		return 0, 0
	}
	return len(m.Panels[0].Z), len(m.Panels[0].Z[0])
}

// Validate reports the first problem that would stop the heat map from
// being drawn: no panels, an empty or ragged matrix, matrices of different
// shapes, NaN or ±Inf values, coordinates that are not one per column
// (X) or row (Y), not finite or not increasing, or a bad size.
func (m HeatMap) Validate() error {
	if len(m.Panels) == 0 {
		return ErrNoPanels
	}
	rows, cols := m.shape()
	for k, p := range m.Panels {
		name := fmt.Sprintf("panel %d (%q)", k+1, p.Title)
		if len(p.Z) == 0 || len(p.Z[0]) == 0 {
			return fmt.Errorf("%s: %w", name, ErrEmptyPanel)
		}
		if len(p.Z) != rows {
			return fmt.Errorf("%s has %d rows, panel 1 has %d: %w", name, len(p.Z), rows, ErrShape)
		}
		for r, row := range p.Z {
			if len(row) != cols {
				return fmt.Errorf("%s: row %d has %d values, want %d: %w", name, r, len(row), cols, ErrShape)
			}
			for c, v := range row {
				if !finite(v) {
					return fmt.Errorf("%s: row %d, column %d is %v: %w", name, r, c, v, ErrNotFinite)
				}
			}
		}
	}
	for _, a := range []struct {
		name   string
		coords []float64
		n      int
		what   string
	}{{"X", m.X, cols, "columns"}, {"Y", m.Y, rows, "rows"}} {
		if a.coords == nil {
			continue
		}
		if len(a.coords) != a.n {
			return fmt.Errorf("%d %s coordinates for %d %s: %w", len(a.coords), a.name, a.n, a.what, ErrShape)
		}
		for i, v := range a.coords {
			if !finite(v) {
				return fmt.Errorf("%s[%d] is %v: %w", a.name, i, v, ErrNotFinite)
			}
			if i > 0 && !(v > a.coords[i-1]) {
				return fmt.Errorf("%s[%d] = %v after %v: %w", a.name, i, v, a.coords[i-1], ErrOrder)
			}
		}
	}
	if !finite(m.Width) || !finite(m.Height) {
		return fmt.Errorf("%gx%g: %w", m.Width, m.Height, ErrNotFinite)
	}
	if m.Width < 0 || m.Height < 0 {
		return fmt.Errorf("%gx%g: %w", m.Width, m.Height, ErrSize)
	}
	return nil
}

// size returns the figure size in points, applying the defaults.
func (m HeatMap) size() (w, h float64) {
	return LinePlot{Width: m.Width, Height: m.Height}.size()
}

// coords returns the coordinates of the columns and rows.
func (m HeatMap) coords() (xs, ys []float64) {
	rows, cols := m.shape()
	return coordsOr(m.X, cols), coordsOr(m.Y, rows)
}

func coordsOr(c []float64, n int) []float64 {
	if c != nil {
		return c
	}
	c = make([]float64, n)
	for i := range c {
		c[i] = float64(i)
	}
	return c
}

// valueRange returns the smallest and largest value over all panels.
func (m HeatMap) valueRange() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range m.Panels {
		for _, row := range p.Z {
			for _, v := range row {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	return lo, hi
}

// scale returns the range the colour map spans, shared by all panels: the
// range of the values, from 0 if they are non-negative and the smallest is
// below 5% of the largest (weights, say), and widened around a constant.
func (m HeatMap) scale() (lo, hi float64) {
	lo, hi = m.valueRange()
	if lo > 0 && lo < 0.05*hi {
		lo = 0
	}
	if lo == hi {
		d := math.Abs(lo) * 0.1
		if d == 0 {
			d = 1
		}
		lo, hi = lo-d, hi+d
	}
	if !finite(hi - lo) { // values near ±MaxFloat64
		lo, hi = lo/2, hi/2
	}
	return lo, hi
}

// level returns the palette index of v on the scale lo…hi.
func level(v, lo, hi float64) uint8 {
	f := (v/2 - lo/2) / (hi/2 - lo/2) // halved so that the span cannot overflow
	return uint8(math.Round(math.Max(0, math.Min(1, f)) * (colourLevels - 1)))
}

// raster returns panel k as a paletted image, one pixel per cell, with row
// 0 at the bottom.
func (m HeatMap) raster(k int, lo, hi float64) *image.Paletted {
	rows, cols := m.shape()
	img := image.NewPaletted(image.Rect(0, 0, cols, rows), viridisPalette)
	for r, row := range m.Panels[k].Z {
		for c, v := range row {
			img.SetColorIndex(c, rows-1-r, level(v, lo, hi))
		}
	}
	return img
}

// SVG draws the heat map as an inline-ready <svg> element (see
// LinePlot.SVG); each panel's cells are one <image>, and so is the colour
// bar.
func (m HeatMap) SVG(meta Meta) ([]byte, error) {
	w, h := m.size()
	return drawSVG(meta, w, h, m.Title, "Heat map", m.Describe, m.Validate, m.draw)
}

// rasterPlotter draws an image over the whole data area, and a frame.
type rasterPlotter struct {
	img   image.Image
	frame draw.LineStyle
}

// Plot implements plot.Plotter.
func (rp rasterPlotter) Plot(c draw.Canvas, _ *plot.Plot) {
	c.DrawImage(c.Rectangle, rp.img)
	strokeFrame(c, rp.frame, c.Rectangle)
}

// strokeFrame strokes the outline of r.
func strokeFrame(c draw.Canvas, sty draw.LineStyle, r vg.Rectangle) {
	c.SetLineStyle(sty)
	c.Stroke(r.Path())
}

// panels builds a gonum plot for each panel laid out in cols columns:
// axes by cell index labelled with the coordinates (see coordTicker), tick
// labels and axis labels on the outer edges of the grid only.
func (m HeatMap) panels(t theme, imgs []image.Image, cols int) *panelGrid {
	rows, ncols := m.shape()
	xs, ys := m.coords()
	n := len(m.Panels)
	g := &panelGrid{cols: cols, aspect: cellAspect(rows, ncols), titleSty: textStyle(t, panelTitleSize, draw.XCenter, draw.YBottom)}
	for k, p := range m.Panels {
		plt := plot.New()
		plt.BackgroundColor = nil
		for _, ax := range []*plot.Axis{&plt.X, &plt.Y} {
			ax.LineStyle = draw.LineStyle{} // the frame is the axis line
			ax.Padding = 0
			ax.Tick.LineStyle = draw.LineStyle{Color: t.fg, Width: vg.Points(axisWidth)}
			ax.Label.TextStyle = textStyle(t, axisLabelSize, draw.XCenter, draw.YBottom)
			ax.Label.Padding = 4
		}
		plt.X.Tick.Label = textStyle(t, tickLabelSize, draw.XCenter, draw.YTop)
		plt.Y.Tick.Label = textStyle(t, tickLabelSize, draw.XRight, draw.YCenter)
		plt.X.Min, plt.X.Max = -0.5, float64(ncols)-0.5
		plt.Y.Min, plt.Y.Max = -0.5, float64(rows)-0.5
		bottom, leftmost := k+cols >= n, k%cols == 0
		setTicks(&plt.X, coordTicker{coords: xs}, bottom)
		setTicks(&plt.Y, coordTicker{coords: ys}, leftmost)
		if bottom {
			plt.X.Label.Text = cleanText(m.XLabel)
		}
		if leftmost {
			plt.Y.Label.Text = cleanText(m.YLabel)
		}
		plt.Add(rasterPlotter{img: imgs[k], frame: draw.LineStyle{Color: t.fg, Width: vg.Points(axisWidth)}})
		g.plots = append(g.plots, plt)
		g.titles = append(g.titles, cleanText(p.Title))
	}
	return g
}

// cellAspect is the width / height of a panel: square cells, unless that
// makes the panel more than 3 times as wide as high or the other way.
func cellAspect(rows, cols int) float64 {
	return math.Max(1.0/3, math.Min(3, float64(cols)/float64(rows)))
}

// errTooSmall means the figure is too small for its panels.
var errTooSmall = errors.New("figure too small for its panels")

// draw lays out the heat map: title on top, then the panels and the colour
// bar, right of them or below, whichever arrangement (and number of
// columns) gives the largest panels, centred across the figure.
func (m HeatMap) draw(c draw.Canvas, t theme) error {
	lo, hi := m.scale()
	imgs := make([]image.Image, len(m.Panels))
	for k := range m.Panels {
		imgs[k] = m.raster(k, lo, hi)
	}
	bar := newColourBar(t, lo, hi, m.ScaleLabel)

	titleSty := textStyle(t, titleSize, draw.XCenter, draw.YBottom)
	title := wrapText(titleSty, cleanText(m.Title), titleWidth(c.Min.X+rightMargin, (c.Min.X+c.Max.X)/2, c.Max.X-rightMargin))
	top := vg.Length(topMargin)
	if title != "" {
		top += textHeight(titleSty, title) + titleGap
	}
	// Room for the last x tick label to come out wider in the browser.
	tk := textStyle(t, tickLabelSize, draw.XCenter, draw.YTop)
	var widest vg.Length
	for _, tick := range (coordTicker{coords: coordsOr(m.X, len(m.Panels[0].Z[0]))}).Ticks(-0.5, float64(len(m.Panels[0].Z[0]))-0.5) {
		widest = max(widest, tk.Width(tick.Label))
	}
	body := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Min.Y + 2}, Max: vg.Point{X: c.Max.X - widest*fontSlack - rightMargin, Y: c.Max.Y - top}}

	var g *panelGrid
	var vertical bool
	for _, vert := range []bool{true, false} {
		for cols := len(m.Panels); cols >= 1; cols-- {
			try := m.panels(t, imgs, cols)
			if !try.layout(c.Canvas, bar.area(body, vert)) {
				continue
			}
			if g == nil || try.w > g.w+0.5 {
				g, vertical = try, vert
			}
		}
	}
	if g == nil {
		return errTooSmall
	}
	// Fewer tick labels on small panels; all panels share them.
	n := len(g.plots)
	xa, ya := g.plots[n-1].X, g.plots[0].Y
	setTicks(&xa, xa.Tick.Marker, true)
	setTicks(&ya, ya.Tick.Marker, true)
	fx, fy := fitTicks(&xa, g.w, false), fitTicks(&ya, g.h, true)
	for k, p := range g.plots {
		setTicks(&p.X, fx, k+g.cols >= n)
		setTicks(&p.Y, fy, k%g.cols == 0)
	}
	area := bar.area(body, vertical)
	if !g.layout(c.Canvas, area) {
		return errTooSmall
	}

	// Centre the grid and the colour bar together across the figure,
	// under the title.
	block := g.used.X
	if vertical {
		block += bar.room(true)
	}
	d := vg.Point{X: (body.Max.X - body.Min.X - block) / 2}
	g.shift(d)
	g.draw(c)

	first, last := g.data[0], g.data[n-1]
	if vertical {
		x := area.Min.X + d.X + g.used.X + barGap
		bar.draw(c, vg.Rectangle{Min: vg.Point{X: x, Y: last.Min.Y}, Max: vg.Point{X: x + barWidth, Y: first.Max.Y}}, true)
	} else {
		lo, hi := g.span()
		y := area.Max.Y + d.Y - g.used.Y - barGap
		bar.draw(c, vg.Rectangle{Min: vg.Point{X: lo, Y: y - barWidth}, Max: vg.Point{X: hi, Y: y}}, false)
	}
	if title != "" {
		fillLines(c, titleSty, (c.Min.X+c.Max.X)/2, c.Max.Y-topMargin-titleSty.FontExtents().Ascent, title)
	}
	return nil
}

// Geometry of the colour bar, in points.
const (
	barWidth    = 10 // across the bar
	barGap      = 14 // between the panels and the bar
	barTick     = 4  // length of the bar's ticks
	barLabelGap = 2  // between a tick and its label
	barTitleGap = 6  // between the tick labels and the scale label
)

// colourBar is the legend of a heat map's colours: the colour map as an
// image in a frame, with ticks and labels at round values (see niceTicker)
// and the name of the values.
type colourBar struct {
	lo, hi    float64
	label     string
	line      draw.LineStyle
	vTick     text.Style // tick labels of a vertical bar
	hTick     text.Style // tick labels of a horizontal bar
	labelSty  text.Style
	tickWidth vg.Length // widest tick label
}

func newColourBar(t theme, lo, hi float64, label string) colourBar {
	b := colourBar{
		lo: lo, hi: hi, label: cleanText(label),
		line:     draw.LineStyle{Color: t.fg, Width: vg.Points(axisWidth)},
		vTick:    textStyle(t, tickLabelSize, draw.XLeft, draw.YCenter),
		hTick:    textStyle(t, tickLabelSize, draw.XCenter, draw.YTop),
		labelSty: textStyle(t, axisLabelSize, draw.XCenter, draw.YTop),
	}
	for _, tk := range (niceTicker{}).Ticks(lo, hi) {
		b.tickWidth = max(b.tickWidth, b.vTick.Width(tk.Label))
	}
	return b
}

// room returns the width (vertical) or height (horizontal) the bar takes
// beside or below the panels.
func (b colourBar) room(vertical bool) vg.Length {
	e := b.labelSty.FontExtents()
	r := vg.Length(barGap + barWidth + barTick + barLabelGap)
	if vertical {
		r += b.tickWidth * (1 + fontSlack)
	} else {
		r += b.hTick.Height("0")
	}
	if b.label != "" {
		r += barTitleGap + e.Ascent + e.Descent
	}
	return r
}

// area returns the part of body left to the panels with the bar beside
// them (vertical) or below them.
func (b colourBar) area(body vg.Rectangle, vertical bool) vg.Rectangle {
	if vertical {
		body.Max.X -= b.room(true)
	} else {
		body.Min.Y += b.room(false)
	}
	return body
}

// draw draws the bar with the colour map filling r, ticks and labels to
// its right (vertical) or below it.
func (b colourBar) draw(c draw.Canvas, r vg.Rectangle, vertical bool) {
	n := colourLevels
	img := image.NewPaletted(image.Rect(0, 0, 1, n), viridisPalette)
	if !vertical {
		img = image.NewPaletted(image.Rect(0, 0, n, 1), viridisPalette)
	}
	for i := range n {
		if vertical {
			img.SetColorIndex(0, n-1-i, uint8(i))
		} else {
			img.SetColorIndex(i, 0, uint8(i))
		}
	}
	c.DrawImage(r, img)
	strokeFrame(c, b.line, r)

	ax := plot.Axis{Min: b.lo, Max: b.hi, Scale: plot.LinearScale{}}
	ax.Tick.Marker = niceTicker{}
	length := r.Max.X - r.Min.X
	ax.Tick.Label = b.hTick
	if vertical {
		length = r.Max.Y - r.Min.Y
		ax.Tick.Label = b.vTick
	}
	var ticks []vg.Point
	for _, tk := range fitTicks(&ax, length, vertical).Ticks(b.lo, b.hi) {
		if tk.Label == "" {
			continue
		}
		f := vg.Length(ax.Norm(tk.Value))
		if vertical {
			y := r.Min.Y + f*length
			ticks = append(ticks, vg.Point{X: r.Max.X, Y: y}, vg.Point{X: r.Max.X + barTick, Y: y})
			c.FillText(b.vTick, vg.Point{X: r.Max.X + barTick + barLabelGap, Y: y}, tk.Label)
		} else {
			x := r.Min.X + f*length
			ticks = append(ticks, vg.Point{X: x, Y: r.Min.Y}, vg.Point{X: x, Y: r.Min.Y - barTick})
			c.FillText(b.hTick, vg.Point{X: x, Y: r.Min.Y - barTick - barLabelGap}, tk.Label)
		}
	}
	var p vg.Path
	for i := 0; i+1 < len(ticks); i += 2 {
		p.Move(ticks[i])
		p.Line(ticks[i+1])
	}
	if len(p) > 0 {
		c.SetLineStyle(b.line)
		c.Stroke(p)
	}
	if b.label == "" {
		return
	}
	if vertical {
		sty := b.labelSty
		sty.Rotation = math.Pi / 2
		x := r.Max.X + barTick + barLabelGap + b.tickWidth*(1+fontSlack) + barTitleGap
		c.FillText(sty, vg.Point{X: x, Y: (r.Min.Y + r.Max.Y) / 2}, b.label)
		return
	}
	y := r.Min.Y - barTick - barLabelGap - b.hTick.Height("0") - barTitleGap
	c.FillText(b.labelSty, vg.Point{X: (r.Min.X + r.Max.X) / 2, Y: y}, b.label)
}
