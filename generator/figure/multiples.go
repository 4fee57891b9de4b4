package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Multiples draws line plots as small multiples: a grid of panels with the
// same x range (and the same y range with ShareY), each with its title
// above it, under one title and one legend.
//
// Series are styled by position, as in a LinePlot, so series i looks the
// same in every panel; the legend shows, for each position, the first
// label given there. The axis labels are those of the first plot, drawn
// once along the bottom (x) and left (y) edges of the grid; the x tick
// labels are drawn under the bottom panel of each column only, and with
// ShareY the y tick labels left of the first column only; without ShareY,
// each panel in the first column names its own y axis. Each panel keeps
// its own marks and points; its own title, axis labels and size are not
// used as such. The number of columns is Columns, or fewer on a narrow
// figure, so that each panel stays at least minPanelWidth points wide.
type Multiples struct {
	Title   string     // Title is drawn above the grid; may be empty.
	Plots   []LinePlot // Plots are the panels, row by row.
	Columns int        // Columns is the preferred number of columns; 0 or less means 3.
	ShareY  bool       // ShareY gives every panel the same y range.
	// OwnX gives each panel its own x axis, range, scale, tick labels and
	// axis labels (x and y), for panels that plot different things.
	OwnX bool

	Width, Height float64 // in points; zero means DefaultWidth×DefaultHeight
}

// ErrMixedScales means that some panels of a Multiples have a log x axis
// and some a linear one.
var ErrMixedScales = errors.New("panels mix log and linear x axes")

// defaultColumns is the number of columns when Multiples.Columns is 0.
const defaultColumns = 3

var _ Drawing = Multiples{}

// Sized returns a copy of the small multiples drawn at width × height
// points.
func (m Multiples) Sized(width, height float64) Drawing {
	m.Width, m.Height = width, height
	if width > 0 && width < narrowWidth && (m.Columns <= 0 || m.Columns > 2) {
		m.Columns = 2 // three panels abreast leave no room for their lettering
	}
	return m
}

// narrowWidth is the width, in points, below which small multiples are laid
// out at most two abreast.
const narrowWidth = 400

// CompactHeight is the height, in points, that small multiples want at a
// narrow width (compactWidth), two panels abreast: enough for each row to
// stay legible, and for every line of the title as it wraps there.
func (m Multiples) CompactHeight() float64 {
	rows := (len(m.Plots) + 1) / 2
	h := 70 + 160*float64(rows)
	if title := cleanText(m.Title); title != "" {
		sty := textStyle(pngTheme(), titleSize, draw.XCenter, draw.YBottom)
		W := vg.Length(compactWidth)
		wrapped := wrapText(sty, title, titleWidth(rightMargin, W/2, W-rightMargin))
		h += float64(textHeight(sty, wrapped) - textHeight(sty, "X"))
	}
	return h
}

// compactWidth is the width, in points, of the compact drawing the site
// makes of every figure for narrow screens.
const compactWidth = 340

// Validate reports the first problem that would stop the figure from being
// drawn: no panels, a panel that is not valid (see LinePlot.Validate),
// panels mixing log and linear x axes, or a bad size.
func (m Multiples) Validate() error {
	if len(m.Plots) == 0 {
		return ErrNoPanels
	}
	for k, p := range m.Plots {
		if err := p.Validate(); err != nil {
			return fmt.Errorf("panel %d (%q): %w", k+1, p.Title, err)
		}
		if p.LogY {
			return fmt.Errorf("panel %d (%q): a log y axis is not drawn in small multiples yet: %w", k+1, p.Title, ErrMixedScales)
		}
		if p.ZoomY && m.ShareY {
			return fmt.Errorf("panel %d (%q): its y axis follows the setting, so it cannot share one: %w", k+1, p.Title, ErrVariation)
		}
		if p.LogX != m.Plots[0].LogX && !m.OwnX {
			return fmt.Errorf("panel %d (%q): %w", k+1, p.Title, ErrMixedScales)
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
func (m Multiples) size() (w, h float64) {
	return LinePlot{Width: m.Width, Height: m.Height}.size()
}

// SVG draws the figure as an inline-ready <svg> element (see LinePlot.SVG).
func (m Multiples) SVG(meta Meta) ([]byte, error) { return m.svgWith(meta, nil) }

// svgWith draws the small multiples as SVG with the panels' variations
// encoded as data, or encoded here when data is nil (see VariedSVGs).
func (m Multiples) svgWith(meta Meta, data *VaryData) ([]byte, error) {
	w, h := m.size()
	if !m.varied() {
		return drawSVG(meta, w, h, m.Title, "Small multiples", m.Describe, m.Validate, m.draw)
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
	}
	if data == nil {
		var err error
		if data, err = m.VaryData(); err != nil {
			return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
		}
	}
	panels := m.variedPanels(data)
	out, err := drawSVG(meta, w, h, m.Title, "Small multiples", m.Describe, m.Validate, m.draw)
	if err != nil {
		return nil, err
	}
	if out, err = markVaried(out, meta.ID, panels, data); err != nil {
		return nil, fmt.Errorf("figure: svg %q: %w", meta.ID, err)
	}
	return out, nil
}

// Describe returns a generated description of the figure for alt text:
// what the panels share, then each panel as LinePlot.Describe tells it.
// Panels with their own axes (OwnX) are described with their own axis
// labels, as they are drawn; otherwise every panel is described with the
// first panel's, the labels drawn along the grid's edges.
func (m Multiples) Describe() string {
	var b strings.Builder
	b.WriteString("Small multiples")
	if t := oneLine(m.Title); t != "" {
		fmt.Fprintf(&b, " “%s”", t)
	}
	if len(m.Plots) == 0 {
		b.WriteString(" with no panels.")
		return b.String()
	}
	first := m.Plots[0]
	fmt.Fprintf(&b, ": %d line plots in a grid", len(m.Plots))
	if m.OwnX {
		b.WriteString(", each with its own axes")
		if m.ShareY {
			b.WriteString(" and one y range")
		}
	} else {
		fmt.Fprintf(&b, " sharing the %s axis", axisName("x", first.XLabel))
		if first.LogX {
			b.WriteString(" (logarithmic)")
		}
		if m.ShareY {
			fmt.Fprintf(&b, " and the %s axis", axisName("y", first.YLabel))
		}
	}
	b.WriteString(".")
	for k, p := range m.Plots {
		if !m.OwnX {
			p.XLabel = first.XLabel
			if m.ShareY {
				p.YLabel = first.YLabel
			}
		}
		fmt.Fprintf(&b, " Panel %d: %s", k+1, p.Describe())
	}
	return b.String()
}

// legendPlot returns a plot whose series carry the legend of the figure:
// at each position, the first label given there and the kind of its series;
// then each guide (drawn as marks are, whatever its position) once by its
// label.
func (m Multiples) legendPlot() LinePlot {
	var lp LinePlot
	var guides []Series
	for _, p := range m.Plots {
		for i, s := range p.Series {
			if p.isGuide(i) {
				if !slices.ContainsFunc(guides, func(g Series) bool { return oneLine(g.Label) == oneLine(s.Label) }) {
					guides = append(guides, s)
				}
				continue
			}
			for i >= len(lp.Series) {
				lp.Series = append(lp.Series, Series{Kind: s.Kind})
			}
			label, have := oneLine(s.Label), oneLine(lp.Series[i].Label)
			switch {
			case label == "" || label == have || strings.Contains(have, " / "+label):
			case have == "":
				lp.Series[i] = Series{Label: s.Label, Kind: s.Kind}
			default:
				// Different panels use this style for different things:
				// the legend names them all.
				lp.Series[i].Label = have + " / " + label
			}
		}
	}
	for _, g := range guides {
		lp.Variations = append(lp.Variations, Variation{Series: len(lp.Series), X: [][]float64{g.X}})
		lp.Series = append(lp.Series, Series{Label: g.Label, Kind: Line})
	}
	return lp
}

// newGrid builds the panels for cols columns: each panel's gonum plot with
// the shared ranges, and tick and axis labels on the outer edges only.
func (m Multiples) newGrid(t theme, cols int) *panelGrid {
	n := len(m.Plots)
	g := &panelGrid{cols: cols, titleSty: textStyle(t, panelTitleSize, draw.XCenter, draw.YBottom)}
	xmin, xmax := math.Inf(1), math.Inf(-1)
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, p := range m.Plots {
		plt := p.buildPlot(t, false)
		xmin, xmax = math.Min(xmin, plt.X.Min), math.Max(xmax, plt.X.Max)
		ymin, ymax = math.Min(ymin, plt.Y.Min), math.Max(ymax, plt.Y.Max)
		g.plots = append(g.plots, plt)
		g.titles = append(g.titles, cleanText(p.Title))
	}
	for k, plt := range g.plots {
		if !m.OwnX {
			plt.X.Min, plt.X.Max = xmin, xmax
		}
		if m.ShareY {
			plt.Y.Min, plt.Y.Max = ymin, ymax
		}
		bottom, leftmost := k+cols >= n || m.OwnX, k%cols == 0
		plt.X.Label.Text, plt.Y.Label.Text = "", ""
		switch {
		case m.OwnX:
			plt.X.Label.Text = cleanText(m.Plots[k].XLabel)
		case bottom:
			plt.X.Label.Text = cleanText(m.Plots[0].XLabel)
		}
		switch {
		case m.OwnX:
			// Panels that plot different things each name their own axes.
			plt.Y.Label.Text = cleanText(m.Plots[k].YLabel)
		case leftmost && !m.ShareY:
			// Panels on y axes of their own each name theirs.
			plt.Y.Label.Text = cleanText(m.Plots[k].YLabel)
		case leftmost:
			plt.Y.Label.Text = cleanText(m.Plots[0].YLabel)
		}
		setTicks(&plt.X, plt.X.Tick.Marker, bottom)
		setTicks(&plt.Y, plt.Y.Tick.Marker, leftmost || !m.ShareY)
	}
	return g
}

// fitGridTicks thins the tick labels to the panels' size (see fitTicks),
// keeping shared axes alike in every panel.
func (m Multiples) fitGridTicks(g *panelGrid) {
	n, cols := len(g.plots), g.cols
	xa := g.plots[n-1].X
	setTicks(&xa, xa.Tick.Marker, true)
	fx := fitTicks(&xa, g.w, false)
	var fy plot.Ticker
	if m.ShareY {
		ya := g.plots[0].Y
		setTicks(&ya, ya.Tick.Marker, true)
		fy = fitTicks(&ya, g.h, true)
	}
	for k, p := range g.plots {
		if m.OwnX {
			fitTicks(&p.X, g.w, false)
		} else {
			setTicks(&p.X, fx, k+cols >= n)
		}
		if m.ShareY {
			setTicks(&p.Y, fy, k%cols == 0)
		} else {
			fitTicks(&p.Y, g.h, true)
		}
	}
}

// makeRoom raises or lowers the y axes for the panels' mark and point
// labels (see LinePlot.makeRoomForMarks), the same in every panel with
// ShareY.
func (m Multiples) makeRoom(g *panelGrid, c draw.Canvas, t theme) {
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for k, plt := range g.plots {
		body := canvasFor(plt, g.data[k], c)
		m.Plots[k].makeRoomForMarks(plt, body, markTextStyle(t))
		m.Plots[k].makeRoomForPoints(plt, body, markTextStyle(t))
		ymin, ymax = math.Min(ymin, plt.Y.Min), math.Max(ymax, plt.Y.Max)
	}
	if m.ShareY {
		for _, plt := range g.plots {
			plt.Y.Min, plt.Y.Max = ymin, ymax
		}
	}
}

// multiLayout is a laid-out Multiples.
type multiLayout struct {
	g       *panelGrid
	title   string
	titleX  vg.Length
	leg     *hLegend
	legH    vg.Length
	legLeft vg.Point // top left of the legend
}

// arrange lays out the figure with cols columns on c: the title, the
// legend under it and the grid of panels. It reports false if the panels
// do not fit.
func (m Multiples) arrange(c draw.Canvas, t theme, cols int) (*multiLayout, bool) {
	g := m.newGrid(t, cols)
	titleSty := textStyle(t, titleSize, draw.XCenter, draw.YBottom)
	leg := m.legendPlot().legend(t)

	// Room on the right for the last x tick label to come out wider in
	// the browser than measured, plus a little.
	last := g.plots[len(g.plots)-1]
	var widest vg.Length
	for _, tk := range last.X.Tick.Marker.Ticks(last.X.Min, last.X.Max) {
		widest = max(widest, last.X.Tick.Label.Width(tk.Label))
	}
	right := widest*fontSlack + rightMargin

	centre := (c.Min.X + c.Max.X) / 2
	spanW := c.Max.X - c.Min.X - right
	var L multiLayout
	for range 2 { // the title and legend depend on the grid's span
		title := wrapText(titleSty, cleanText(m.Title), titleWidth(c.Min.X+rightMargin, centre, c.Max.X-rightMargin))
		top := vg.Length(topMargin)
		if title != "" {
			top += textHeight(titleSty, title) + titleGap
		}
		legTop := c.Max.Y - top
		legH := leg.layout(spanW)
		if legH > 0 {
			top += legH + legendBelow
		}
		area := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Min.Y + 2}, Max: vg.Point{X: c.Max.X - right, Y: c.Max.Y - top}}
		if !g.layout(c.Canvas, area) {
			return nil, false
		}
		m.fitGridTicks(g)
		if !g.layout(c.Canvas, area) {
			return nil, false
		}
		m.makeRoom(g, c, t)
		if !g.layout(c.Canvas, area) {
			return nil, false
		}
		lo, hi := g.span()
		spanW, centre = hi-lo, (lo+hi)/2
		L = multiLayout{g: g, title: title, titleX: centre, leg: leg, legH: legH, legLeft: vg.Point{X: lo, Y: legTop}}
	}
	return &L, true
}

// draw lays out the figure and draws it. The number of columns is the
// largest, up to the preferred one, that leaves the panels at least
// minPanelWidth wide and minPanelHeight high, made as small as it can be
// without adding a row (4 panels take 2 columns rather than 3 + 1); if no
// number does, the one giving the largest panels, counting panels more
// than twice as wide as high by twice their height.
func (m Multiples) draw(c draw.Canvas, t theme) error {
	n := len(m.Plots)
	pref := m.Columns
	if pref <= 0 {
		pref = defaultColumns
	}
	pref = min(pref, n)
	score := func(L *multiLayout) vg.Length { return min(L.g.w, 2*L.g.h) }
	var best *multiLayout
	for cols := pref; cols >= 1; cols-- {
		L, ok := m.arrange(c, t, cols)
		if !ok {
			continue
		}
		if L.g.w >= minPanelWidth && L.g.h >= minPanelHeight {
			best = L
			rows := (n + cols - 1) / cols
			if fewer := (n + rows - 1) / rows; fewer < cols {
				if L, ok := m.arrange(c, t, fewer); ok {
					best = L
				}
			}
			break
		}
		if best == nil || score(L) > score(best) {
			best = L
		}
	}
	if best == nil {
		return errTooSmall
	}
	best.g.draw(c)
	if best.title != "" {
		sty := textStyle(t, titleSize, draw.XCenter, draw.YBottom)
		fillLines(c, sty, best.titleX, c.Max.Y-topMargin-sty.FontExtents().Ascent, best.title)
	}
	if best.legH > 0 {
		best.leg.draw(c, best.legLeft)
	}
	return nil
}
