package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Kind says how a series is drawn.
type Kind int

const (
	Line       Kind = iota // Line draws a polyline through the points.
	Points                 // Points draws markers only.
	LinePoints             // LinePoints draws a line with markers.
	Bars                   // Bars draws a filled bar from 0 to each y (see barPlotter).
)

// String returns a short lower-case name of the kind.
func (k Kind) String() string {
	switch k {
	case Line:
		return "line"
	case Points:
		return "points"
	case LinePoints:
		return "line with points"
	case Bars:
		return "bars"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Series is one named sequence of (x, y) points.
type Series struct {
	Label string // Label names the series in the legend; empty means no legend entry.
	X, Y  []float64
	Kind  Kind
}

// Mark is a vertical line across the plot at X, e.g. to show a query position.
type Mark struct {
	X     float64
	Label string // Label is drawn next to the top of the line; may be empty.
}

// LinePlot describes an x–y plot of one or more series.
type LinePlot struct {
	Title          string // Title is drawn above the plot; may be empty.
	XLabel, YLabel string
	Series         []Series

	// XMin, XMax, YMin and YMax fix an end of an axis when non-nil (see
	// Bound); otherwise the axis covers the data and the marks with 3% of
	// the span to spare (see axisRange), except that non-negative y data
	// start at 0, and the y axis is raised to fit mark labels above the
	// data.
	XMin, XMax, YMin, YMax *float64

	// Marks are vertical lines drawn behind the series.
	Marks []Mark

	// Points are labelled points drawn over the series, e.g. to mark a
	// minimum (see Annotation). The axes cover them.
	Points []Annotation

	// Bands are shaded regions between two curves, drawn behind the
	// series (see Band). The axes cover them.
	Bands []Band

	// Rules are horizontal lines drawn behind the series (see Rule). The
	// y axis covers them.
	Rules []Rule

	// LogX draws the x axis on a logarithmic scale, labelled at 1, 2 and
	// 5 × 10^k (see logTicker); all x values, marks, points and bounds
	// must then be positive.
	LogX bool

	// LogY draws the y axis on a logarithmic scale, as LogX does the x
	// axis: all y values, bands, rules, points and bounds must then be
	// positive, and no series may be drawn as Bars (which start at 0).
	LogY bool

	// Variations give some line series other settings, which a page
	// script swaps in (see varied.go); the axes cover every setting.
	Variations []Variation

	// ZoomY makes the y axis follow the setting of the variations: it
	// runs from 0 to the smallest of a few round tops that holds every
	// varied series at the setting shown (see vary_zoom.go). Every series
	// must then vary and every value be at least 0; the plot has no
	// marks, points, bands, rules or fixed y bounds.
	ZoomY bool

	Width, Height float64 // in points; zero means DefaultWidth×DefaultHeight

	vary *variedRecord // set while an SVG with variations is drawn
}

// Bound returns a pointer to v, for setting LinePlot.XMin and friends.
func Bound(v float64) *float64 { return &v }

// Errors reported by LinePlot.Validate, wrapped with context.
var (
	ErrNoSeries  = errors.New("no series")                // ErrNoSeries means the plot has no series.
	ErrNoPoints  = errors.New("series has no points")     // ErrNoPoints means a series is empty.
	ErrLength    = errors.New("x and y lengths differ")   // ErrLength means a series has len(X) != len(Y).
	ErrNotFinite = errors.New("value is NaN or infinite") // ErrNotFinite means a value, bound, mark or size is NaN or ±Inf, or the data range overflows.
	ErrRange     = errors.New("empty axis range")         // ErrRange means a fixed axis minimum is not below its maximum.
	ErrKind      = errors.New("unknown series kind")      // ErrKind means Series.Kind is not one of Line, Points, LinePoints, Bars.
	ErrSize      = errors.New("invalid figure size")      // ErrSize means Width or Height is negative.
)

// Validate reports the first problem that would stop the plot from being
// drawn: no series, an empty series, mismatched X/Y lengths, NaN or ±Inf
// values, an unknown kind, an empty fixed axis range or a negative size.
func (p LinePlot) Validate() error {
	if len(p.Series) == 0 {
		return ErrNoSeries
	}
	for i, s := range p.Series {
		name := fmt.Sprintf("series %d (%q)", i+1, s.Label)
		if s.Kind < Line || s.Kind > Bars {
			return fmt.Errorf("%s: %w: %d", name, ErrKind, int(s.Kind))
		}
		if len(s.X) != len(s.Y) {
			return fmt.Errorf("%s: %w: %d x values, %d y values", name, ErrLength, len(s.X), len(s.Y))
		}
		if len(s.X) == 0 {
			return fmt.Errorf("%s: %w", name, ErrNoPoints)
		}
		for j := range s.X {
			if !finite(s.X[j]) || !finite(s.Y[j]) {
				return fmt.Errorf("%s: point %d is (%v, %v): %w", name, j, s.X[j], s.Y[j], ErrNotFinite)
			}
		}
	}
	if err := p.validateVariations(); err != nil {
		return err
	}
	if xmin, xmax, ymin, ymax := p.dataRange(); !finite(xmax-xmin) || !finite(ymax-ymin) {
		return fmt.Errorf("data range [%g, %g] × [%g, %g] is too wide to draw: %w", xmin, xmax, ymin, ymax, ErrNotFinite)
	}
	for i, b := range p.Bands {
		if err := b.validate(i); err != nil {
			return err
		}
	}
	for i, r := range p.Rules {
		if !finite(r.Y) {
			return fmt.Errorf("rule %d (%q): y is %v: %w", i+1, r.Label, r.Y, ErrNotFinite)
		}
	}
	for i, m := range p.Marks {
		if !finite(m.X) {
			return fmt.Errorf("mark %d (%q): x is %v: %w", i+1, m.Label, m.X, ErrNotFinite)
		}
	}
	for i, a := range p.Points {
		if !finite(a.X) || !finite(a.Y) {
			return fmt.Errorf("point %d (%q) is (%v, %v): %w", i+1, a.Label, a.X, a.Y, ErrNotFinite)
		}
	}
	if err := p.validateLogX(); err != nil {
		return err
	}
	if err := p.validateLogY(); err != nil {
		return err
	}
	for _, b := range []struct {
		axis     string
		min, max *float64
	}{{"x", p.XMin, p.XMax}, {"y", p.YMin, p.YMax}} {
		if (b.min != nil && !finite(*b.min)) || (b.max != nil && !finite(*b.max)) {
			return fmt.Errorf("%s axis bound: %w", b.axis, ErrNotFinite)
		}
		if b.min != nil && b.max != nil && *b.min >= *b.max {
			return fmt.Errorf("%s axis from %v to %v: %w", b.axis, *b.min, *b.max, ErrRange)
		}
	}
	if !finite(p.Width) || !finite(p.Height) {
		return fmt.Errorf("%gx%g: %w", p.Width, p.Height, ErrNotFinite)
	}
	if p.Width < 0 || p.Height < 0 {
		return fmt.Errorf("%gx%g: %w", p.Width, p.Height, ErrSize)
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// size returns the figure size in points, applying the defaults.
func (p LinePlot) size() (w, h float64) {
	w, h = p.Width, p.Height
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		h = DefaultHeight
	}
	return w, h
}

// render validates the plot and draws it onto c with theme t. gonum/plot
// panics on some inputs it cannot lay out; such panics become errors.
func (p LinePlot) render(c vg.CanvasSizer, t theme) (err error) {
	if err := p.Validate(); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("laying out the plot: %v", r)
		}
	}()
	p.draw(draw.New(c), t)
	return nil
}

// textStyle returns a text style in the plot font at the given size.
func textStyle(t theme, size vg.Length, xa text.XAlignment, ya text.YAlignment) text.Style {
	fnt := sansFont
	fnt.Size = size
	return text.Style{
		Color:   t.fg,
		Font:    fnt,
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// Spacing, in points, of the parts laid out around the gonum plot.
const (
	topMargin   = 4 // above the title, or the legend if there is no title
	rightMargin = 2 // right of the last x tick label, besides fontSlack
	titleGap    = 6 // below the title
	legendBelow = 8 // below the legend
	markGap     = 3 // between a mark's line and its label, and below the label
)

// draw lays out the whole figure: title on top, legend below it, then the
// axes and data. The title and legend are drawn here rather than by
// gonum/plot so that the legend sits outside the data area.
func (p LinePlot) draw(c draw.Canvas, t theme) {
	plt := p.newPlot(t)

	// Room on the right for the last x tick label to come out wider in the
	// browser than measured, plus a little.
	var widest vg.Length
	for _, tk := range plt.X.Tick.Marker.Ticks(plt.X.Min, plt.X.Max) {
		widest = max(widest, plt.X.Tick.Label.Width(tk.Label))
	}
	right := widest*fontSlack + rightMargin

	// The data area's horizontal extent does not depend on its height, so
	// it can be measured before the legend's height is known.
	probe := plt.DataCanvas(draw.Crop(c, 0, -right, 0, 0))

	// The title is centred over the data area and wrapped to fit on both
	// sides of that centre, leaving room for the browser's font to come out
	// wider than the one measured: to the right only, as the SVG anchors
	// each line at its left end (see titleWidth).
	titleSty := textStyle(t, titleSize, draw.XCenter, draw.YBottom)
	centre := (probe.Min.X + probe.Max.X) / 2
	title := wrapText(titleSty, cleanText(p.Title), titleWidth(c.Min.X+rightMargin, centre, c.Max.X-rightMargin))
	hasTitle := strings.TrimSpace(title) != ""
	// top is the space taken from the top of c. The title's first baseline
	// is its font's ascent below the top margin, so tall glyphs are not
	// clipped by the edge of the SVG even in a font a little taller than
	// the one measured.
	top := vg.Length(topMargin)
	if hasTitle {
		top += textHeight(titleSty, title) + titleGap
	}
	leg := p.legend(t)
	legTop := c.Max.Y - top
	legH := leg.layout(probe.Max.X - probe.Min.X)
	if legH > 0 {
		top += legH + legendBelow
	}

	body := draw.Crop(c, 0, -right, 0, -top)
	if p.LogX {
		fitTicks(&plt.X, probe.Max.X-probe.Min.X, false)
	}
	if p.LogY {
		// Labels of marks and points may overlap the data: the room made
		// for them is worked out on a linear y axis.
		fitTicks(&plt.Y, plt.DataCanvas(body).Max.Y-plt.DataCanvas(body).Min.Y, true)
	} else {
		p.makeRoomForMarks(plt, body, markTextStyle(t))
		p.makeRoomForPoints(plt, body, markTextStyle(t))
	}
	plt.Draw(body)

	data := plt.DataCanvas(body)
	if hasTitle {
		// Centred where it was wrapped for: room made for marks can widen
		// the y tick labels, moving the data area a little, and a title
		// moved right with it could run off the figure.
		ascent := titleSty.FontExtents().Ascent
		fillLines(c, titleSty, centre, c.Max.Y-topMargin-ascent, title)
	}
	if legH > 0 {
		leg.draw(c, vg.Point{X: data.Min.X, Y: legTop})
	}
}

// wrapText breaks txt into lines at spaces so that no line is wider than
// width, as far as single words allow.
func wrapText(sty text.Style, txt string, width vg.Length) string {
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && sty.Width(line+" "+word) > width {
				lines = append(lines, line)
				line = word
				continue
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// textHeight returns the height of txt drawn by fillLines: from the
// ascent of its first line to the descent of its last.
func textHeight(sty text.Style, txt string) vg.Length {
	e := sty.FontExtents()
	n := vg.Length(len(sty.Handler.Lines(txt)))
	return e.Ascent + e.Descent + (n-1)*lineHeight(sty)
}

// lineHeight is the distance between the baselines of wrapped lines.
func lineHeight(sty text.Style) vg.Length { return sty.Font.Size * 1.25 }

// fillLines draws txt line by line, the first baseline at y.
func fillLines(c draw.Canvas, sty text.Style, x, y vg.Length, txt string) {
	sty.YAlign = draw.YBottom
	// One line drawn bottom-aligned at its baseline + ascent − size has its
	// baseline at y; later lines go lineHeight lower each.
	base := y + sty.FontExtents().Ascent - sty.Font.Size
	for i, line := range sty.Handler.Lines(txt) {
		c.FillText(sty, vg.Point{X: x, Y: base - vg.Length(i)*lineHeight(sty)}, line)
	}
}

// newPlot builds the gonum plot holding the axes, marks and series.
func (p LinePlot) newPlot(t theme) *plot.Plot { return p.buildPlot(t, true) }

// buildPlot is newPlot; without glyphBoxes, gonum/plot does not shrink the
// data area to keep the markers inside the canvas, which in a grid of
// small panels would make the panels' data areas hard to align.
func (p LinePlot) buildPlot(t theme, glyphBoxes bool) *plot.Plot {
	plt := plot.New()
	plt.BackgroundColor = nil // transparent; PNG output paints white itself

	for _, ax := range []*plot.Axis{&plt.X, &plt.Y} {
		ax.LineStyle = draw.LineStyle{Color: t.fg, Width: vg.Points(axisWidth)}
		ax.Tick.LineStyle = draw.LineStyle{Color: t.fg, Width: vg.Points(axisWidth)}
		ax.Tick.Length = 5
		ax.Label.TextStyle = textStyle(t, axisLabelSize, draw.XCenter, draw.YBottom)
		ax.Label.Padding = 4
		ax.Tick.Marker = niceTicker{}
	}
	plt.X.Tick.Label = textStyle(t, tickLabelSize, draw.XCenter, draw.YTop)
	plt.Y.Tick.Label = textStyle(t, tickLabelSize, draw.XRight, draw.YCenter)
	plt.X.Label.Text = cleanText(p.XLabel)
	plt.Y.Label.Text = cleanText(p.YLabel)

	if len(p.Marks) > 0 {
		plt.Add(markPlotter{
			marks: p.Marks,
			line:  t.guideStyle(),
			text:  markTextStyle(t),
		})
	}
	// Bars first: they are opaque, and translucent bands over them let
	// both show.
	for i, s := range p.Series {
		if s.Kind == Bars {
			xys := make(plotter.XYs, len(s.X))
			for j := range s.X {
				xys[j] = plotter.XY{X: s.X[j], Y: s.Y[j]}
			}
			plt.Add(barPlotter{xys: xys, fill: t.markerStyle(styleFor(i))})
		}
	}
	for j, b := range p.Bands {
		plt.Add(bandPlotter{band: b, color: bandColor(t.series[styleFor(len(p.Series)+j).colour])})
	}
	if len(p.Rules) > 0 {
		plt.Add(rulePlotter{
			rules: p.Rules,
			line:  t.guideStyle(),
			text:  markTextStyle(t),
		})
	}
	for i, s := range p.Series {
		st := styleFor(i)
		xys := make(plotter.XYs, len(s.X))
		for j := range s.X {
			xys[j] = plotter.XY{X: s.X[j], Y: s.Y[j]}
		}
		line := t.lineStyle(st)
		if p.isGuide(i) {
			line = t.guideStyle()
		}
		if varied := p.variedLineOf(i, line); varied != nil {
			plt.Add(varied)
		} else if s.Kind == Line || s.Kind == LinePoints {
			plt.Add(&plotter.Line{XYs: xys, LineStyle: line})
		}
		if s.Kind == Points || s.Kind == LinePoints {
			plt.Add(&scatter{xys: xys, sty: t.markerStyle(st), noBoxes: !glyphBoxes})
		}
	}

	if len(p.Points) > 0 {
		plt.Add(pointPlotter{p: p, ring: markerStyle{color: t.fg, shape: ringMarker, radius: pointRadius}, text: markTextStyle(t)})
	}

	xmin, xmax, ymin, ymax := p.dataRange()
	xmin, xmax, ymin, ymax = p.variationRange(xmin, xmax, ymin, ymax)
	for _, m := range p.Marks {
		xmin, xmax = math.Min(xmin, m.X), math.Max(xmax, m.X)
	}
	for _, a := range p.Points {
		xmin, xmax = math.Min(xmin, a.X), math.Max(xmax, a.X)
		ymin, ymax = math.Min(ymin, a.Y), math.Max(ymax, a.Y)
	}
	for _, r := range p.Rules {
		ymin, ymax = math.Min(ymin, r.Y), math.Max(ymax, r.Y)
	}
	for _, s := range p.Series {
		if s.Kind == Bars {
			ymin, ymax = math.Min(ymin, 0), math.Max(ymax, 0)
			if !p.LogX {
				// Room for half a bar beyond the first and last x.
				half := barHalfWidth(s.X)
				xmin, xmax = math.Min(xmin, slices.Min(s.X)-half), math.Max(xmax, slices.Max(s.X)+half)
			}
		}
	}
	if p.LogX {
		plt.X.Scale = plot.LogScale{}
		plt.X.Tick.Marker = logTicker{}
		plt.X.Min, plt.X.Max = logAxisRange(xmin, xmax, p.XMin, p.XMax)
	} else {
		plt.X.Min, plt.X.Max = axisRange(xmin, xmax, p.XMin, p.XMax, false)
	}
	if p.LogY {
		plt.Y.Scale = plot.LogScale{}
		plt.Y.Tick.Marker = logTicker{}
		plt.Y.Min, plt.Y.Max = logAxisRange(ymin, ymax, p.YMin, p.YMax)
	} else {
		plt.Y.Min, plt.Y.Max = axisRange(ymin, ymax, p.YMin, p.YMax, true)
	}
	if p.ZoomY && p.validateVariations() == nil {
		z := p.zoomAxis()
		plt.Y.Min, plt.Y.Max = 0, z.top(z.def)
		plt.Y.Tick.Marker = z.ticker(plt.Y.Tick.Label)
	}
	return plt
}

// dataRange returns the range of the finite data values over all series.
func (p LinePlot) dataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, s := range p.Series {
		for j := range min(len(s.X), len(s.Y)) {
			x, y := s.X[j], s.Y[j]
			if !finite(x) || !finite(y) {
				continue
			}
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		}
	}
	for _, b := range p.Bands {
		x0, x1, y0, y1 := b.dataRange()
		if x0 <= x1 && finite(x0) && finite(x1) && finite(y0) && finite(y1) {
			xmin, xmax = math.Min(xmin, x0), math.Max(xmax, x1)
			ymin, ymax = math.Min(ymin, y0), math.Max(ymax, y1)
		}
	}
	return xmin, xmax, ymin, ymax
}

// fixRange applies the optional fixed bounds to a data range. If one bound
// is fixed beyond the other end of the data, the free end is moved so the
// range stays non-empty.
func fixRange(lo, hi float64, fixLo, fixHi *float64) (float64, float64) {
	if fixLo != nil {
		lo = *fixLo
	}
	if fixHi != nil {
		hi = *fixHi
	}
	if lo < hi {
		return lo, hi
	}
	pad := math.Max(1, math.Abs(lo)*0.1)
	switch {
	case fixLo != nil && fixHi == nil:
		hi = lo + pad
	case fixHi != nil && fixLo == nil:
		lo = hi - pad
	}
	return lo, hi // equal ranges are widened by gonum/plot
}

// rangePad is the fraction of an axis range added at each free end, so that
// points at the extremes of the data do not sit on the axes.
const rangePad = 0.03

// axisRange returns the range of an axis showing data from lo to hi, with
// the optional fixed bounds (see fixRange). Each end that is not fixed is
// moved out by rangePad of the span. With keepZero, padding never takes a
// range that starts at or above 0 below 0, so non-negative data such as
// weights keep their baseline at exactly 0. Empty ranges are left to
// gonum/plot, which widens them.
func axisRange(lo, hi float64, fixLo, fixHi *float64, keepZero bool) (float64, float64) {
	lo, hi = fixRange(lo, hi, fixLo, fixHi)
	pad := (hi - lo) * rangePad
	if !(pad > 0) || !finite(pad) {
		return lo, hi
	}
	if fixLo == nil {
		l := lo - pad
		if keepZero && lo >= 0 && l < 0 {
			l = 0
		}
		if finite(l) {
			lo = l
		}
	}
	if fixHi == nil && finite(hi+pad) {
		hi += pad
	}
	return lo, hi
}

// markPlotter draws vertical marker lines with optional labels.
type markPlotter struct {
	marks []Mark
	line  draw.LineStyle
	text  text.Style
}

// markTextStyle is the style of the marks' labels.
func markTextStyle(t theme) text.Style {
	return textStyle(t, markLabelSize, draw.XLeft, draw.YBottom)
}

// markLabelSpan returns the left and right edges of the label of a mark
// drawn at x in the data area c: at the top of the area, markGap right of
// the line, or left of it if it would run past the right edge. The width
// allows for the label coming out fontSlack wider in the browser, so that
// on the left it does not run into the line.
func markLabelSpan(c draw.Canvas, sty text.Style, x vg.Length, label string) (left, right vg.Length) {
	w := sty.Width(label) * (1 + fontSlack)
	if x+markGap+w > c.Max.X {
		return x - markGap - w, x - markGap
	}
	return x + markGap, x + markGap + w
}

// Plot implements plot.Plotter.
func (m markPlotter) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	for _, mk := range m.marks {
		x := trX(mk.X)
		if x < c.Min.X-0.01 || x > c.Max.X+0.01 {
			continue
		}
		c.StrokeLine2(m.line, x, c.Min.Y, x, c.Max.Y)
		label := cleanText(mk.Label)
		if label == "" {
			continue
		}
		left, _ := markLabelSpan(c, m.text, x, label)
		fillLines(c, m.text, left, c.Max.Y-m.text.FontExtents().Ascent, label)
	}
}

// makeRoomForMarks raises the top of the y axis, unless it is fixed, so
// that each mark's label (see markLabelSpan) sits above the data drawn
// below it, with markGap to spare. The label's place depends on the layout
// and the layout on the axis range, so this is repeated until it settles.
func (p LinePlot) makeRoomForMarks(plt *plot.Plot, body draw.Canvas, sty text.Style) {
	if p.YMax != nil {
		return
	}
	for range 3 {
		need := p.markLabelRoom(plt, plt.DataCanvas(body), sty)
		if !(need > plt.Y.Max) || !finite(need) {
			return
		}
		plt.Y.Max = need
	}
}

// markLabelRoom returns the lowest top of the y axis at which no data
// under a mark label in the data area c comes closer than markGap to it,
// or −Inf if the labels need no room.
func (p LinePlot) markLabelRoom(plt *plot.Plot, c draw.Canvas, sty text.Style) float64 {
	need := math.Inf(-1)
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	if w <= 0 || h <= 0 {
		return need
	}
	// reach is how far a series' ink extends from its points.
	reach := vg.Points(markerRadius * 1.35)
	toX := func(px vg.Length) float64 { return p.xAt(plt, float64((px-c.Min.X)/w)) }
	for _, mk := range p.Marks {
		label := cleanText(mk.Label)
		x := c.X(plt.X.Norm(mk.X))
		if label == "" || x < c.Min.X-0.01 || x > c.Max.X+0.01 {
			continue
		}
		left, right := markLabelSpan(c, sty, x, label)
		ytop, ok := p.maxYBetween(toX(left-reach), toX(right+reach))
		if !ok || ytop <= plt.Y.Min {
			continue
		}
		// The data at ytop must be at most room above the bottom of c.
		room := h - textHeight(sty, label) - markGap - reach
		if room < h/2 {
			continue // a tiny figure: better to overlap than to squash the data
		}
		need = math.Max(need, plt.Y.Min+(ytop-plt.Y.Min)*float64(h/room))
	}
	return need
}

// maxYBetween returns the highest y drawn at x in [xa, xb]: points there,
// and for series drawn as lines the segments crossing the interval.
func (p LinePlot) maxYBetween(xa, xb float64) (ymax float64, ok bool) {
	_, ymax, ok = p.yExtentBetween(xa, xb)
	return ymax, ok
}

// yExtentBetween returns the lowest and highest y drawn at x in [xa, xb]:
// points there, and for series drawn as lines the segments crossing the
// interval (straight on the x axis's scale).
func (p LinePlot) yExtentBetween(xa, xb float64) (ymin, ymax float64, ok bool) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	see := func(y float64) {
		ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
		ok = true
	}
	for _, s := range p.Series {
		lines := s.Kind == Line || s.Kind == LinePoints
		for j := range s.X {
			x, y := s.X[j], s.Y[j]
			if x >= xa && x <= xb {
				see(y)
			}
			if !lines || j == 0 {
				continue
			}
			x0, y0 := s.X[j-1], s.Y[j-1]
			lo, hi := math.Max(math.Min(x0, x), xa), math.Min(math.Max(x0, x), xb)
			if x0 == x || lo > hi {
				continue
			}
			at := func(u float64) float64 { return y0 + (y-y0)*(p.xScale(u)-p.xScale(x0))/(p.xScale(x)-p.xScale(x0)) }
			see(at(lo))
			see(at(hi))
		}
	}
	return ymin, ymax, ok
}

// cleanText replaces bytes and characters that cannot appear in XML text
// (invalid UTF-8, most control characters) with U+FFFD, and turns tabs and
// carriage returns into spaces.
func cleanText(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) || r == '\t' || r == '\r' {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\r':
			b.WriteByte(' ')
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true // either a real U+FFFD or a replaced invalid byte
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r >= 0x20 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= 0x10FFFF:
		return true
	}
	return false
}

// scatter draws the markers of one series as a single path.
type scatter struct {
	xys     plotter.XYs
	sty     markerStyle
	noBoxes bool // no glyph boxes (see buildPlot)
}

// Plot implements plot.Plotter; markers outside the data area are skipped.
func (s *scatter) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	pts := make([]vg.Point, 0, len(s.xys))
	for _, xy := range s.xys {
		pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		if c.Contains(pt) {
			pts = append(pts, pt)
		}
	}
	drawMarkers(&c, s.sty, pts)
}

// DataRange implements plot.DataRanger.
func (s *scatter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return plotter.XYRange(s.xys)
}

// GlyphBoxes implements plot.GlyphBoxer so that markers at the edges are
// not cut off.
func (s *scatter) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	if s.noBoxes {
		return nil
	}
	r := s.sty.radius * 1.35 // the largest shape's extent
	boxes := make([]plot.GlyphBox, len(s.xys))
	for i, xy := range s.xys {
		boxes[i] = plot.GlyphBox{
			X:         plt.X.Norm(xy.X),
			Y:         plt.Y.Norm(xy.Y),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}},
		}
	}
	return boxes
}
