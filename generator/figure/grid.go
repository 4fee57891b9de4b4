package figure

import (
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Geometry of grids of panels (HeatMap, Multiples), in points.
const (
	panelGapX      = 16  // between neighbouring panels' outer parts in a row
	panelGapY      = 8   // between rows
	panelTitleGap  = 3   // below a panel title
	panelTitleSize = 10  // font size of panel titles
	minPanelWidth  = 120 // Multiples drops columns to keep panels this wide…
	minPanelHeight = 40  // … and this high
	labelGap       = 6   // least space between neighbouring tick labels
)

// thinnable is a ticker that can label fewer ticks of the same range.
type thinnable interface {
	plot.Ticker
	// sparser returns a ticker labelling fewer ticks in [lo, hi], or
	// false if there is none worth having.
	sparser(lo, hi float64) (plot.Ticker, bool)
}

var _ thinnable = niceTicker{}

// sparser implements thinnable: the nice step giving fewer labels.
func (nt niceTicker) sparser(lo, hi float64) (plot.Ticker, bool) {
	n := countLabels(nt.Ticks(lo, hi))
	if n <= 2 {
		return nt, false
	}
	return niceTicker{max: n - 1}, true
}

// fitTicks replaces the ticker of ax, if it is thinnable, by sparser ones
// until neighbouring labels along an axis length long leave labelGap
// between them: horizontally allowing for fontSlack, vertically between
// lines of text. It returns the ticker it settles on.
func fitTicks(ax *plot.Axis, length vg.Length, vertical bool) plot.Ticker {
	for range 16 {
		th, ok := ax.Tick.Marker.(thinnable)
		if !ok || !crowded(ax, length, vertical) {
			break
		}
		next, ok := th.sparser(ax.Min, ax.Max)
		if !ok {
			break
		}
		ax.Tick.Marker = next
	}
	return ax.Tick.Marker
}

// crowded reports whether two neighbouring labels of ax come closer than
// labelGap on an axis length long.
func crowded(ax *plot.Axis, length vg.Length, vertical bool) bool {
	sty := ax.Tick.Label
	e := sty.FontExtents()
	var prevPos, prevW vg.Length
	seen := false
	for _, t := range ax.Tick.Marker.Ticks(ax.Min, ax.Max) {
		if t.Label == "" || t.Value < ax.Min || t.Value > ax.Max {
			continue
		}
		pos := vg.Length(ax.Norm(t.Value)) * length
		w := sty.Width(t.Label) * (1 + fontSlack)
		if seen {
			need := (prevW+w)/2 + labelGap
			if vertical {
				need = e.Ascent + e.Descent + labelGap/2
			}
			if pos-prevPos < need {
				return true
			}
		}
		prevPos, prevW, seen = pos, w, true
	}
	return false
}

// hiddenLabels hides the ticks of a ticker, for a panel whose neighbour
// in the grid carries them: its axis shows just its line (if it has one),
// and takes no room for ticks or labels.
type hiddenLabels struct{ plot.Ticker }

// Ticks implements plot.Ticker.
func (hiddenLabels) Ticks(lo, hi float64) []plot.Tick { return nil }

// setTicks gives ax the ticker tk (or the one tk hides), shown or hidden.
func setTicks(ax *plot.Axis, tk plot.Ticker, shown bool) {
	if h, ok := tk.(hiddenLabels); ok {
		tk = h.Ticker
	}
	if !shown {
		tk = hiddenLabels{tk}
	}
	ax.Tick.Marker = tk
}

// coordTicker labels an axis laid out by cell index (cell k spans k − ½ to
// k + ½) with the cells' coordinates: round coordinate values (see
// niceTicker) are placed by linear interpolation between the coordinates of
// neighbouring cells, which must increase, and none beyond the first and
// last cells' coordinates is labelled. A single cell gets its coordinate.
type coordTicker struct {
	coords []float64
	max    int // caps the labels, as niceTicker's max
}

var _ thinnable = coordTicker{}

// at returns the coordinate at index position i.
func (ct coordTicker) at(i float64) float64 {
	n := len(ct.coords)
	if n == 1 {
		return ct.coords[0] + i
	}
	k := max(0, min(n-2, int(math.Floor(i))))
	return ct.coords[k] + (i-float64(k))*(ct.coords[k+1]-ct.coords[k])
}

// index returns the index position of coordinate v.
func (ct coordTicker) index(v float64) float64 {
	n := len(ct.coords)
	if n == 1 {
		return v - ct.coords[0]
	}
	k := sort.SearchFloat64s(ct.coords, v) - 1 // last coordinate below v
	k = max(0, min(n-2, k))
	return float64(k) + (v-ct.coords[k])/(ct.coords[k+1]-ct.coords[k])
}

// Ticks implements plot.Ticker.
func (ct coordTicker) Ticks(lo, hi float64) []plot.Tick {
	if len(ct.coords) == 0 {
		return nil
	}
	first, last := ct.coords[0], ct.coords[len(ct.coords)-1]
	if first == last {
		return []plot.Tick{{Value: 0, Label: shortLabel(first)}}
	}
	var out []plot.Tick
	tol := (last - first) * 1e-9
	for _, t := range (niceTicker{max: ct.max}).Ticks(ct.at(lo), ct.at(hi)) {
		if i := ct.index(t.Value); i >= lo && i <= hi && t.Value >= first-tol && t.Value <= last+tol {
			out = append(out, plot.Tick{Value: i, Label: t.Label})
		}
	}
	return out
}

// sparser implements thinnable.
func (ct coordTicker) sparser(lo, hi float64) (plot.Ticker, bool) {
	n := countLabels(ct.Ticks(lo, hi))
	if n <= 2 {
		return ct, false
	}
	return coordTicker{coords: ct.coords, max: n - 1}, true
}

// panelGrid lays out gonum plots in rows of cols panels whose data areas
// are equal and aligned, each with an optional title above it. Each
// column's left and right parts (y axis, overhanging tick labels) and each
// row's bottom and top parts (x axis, title) take the room of the largest
// of them, except that the bottom parts of a panel with an empty place
// below it (in a last row that is not full) extend into that place.
type panelGrid struct {
	plots    []*plot.Plot
	titles   []string // cleaned panel titles; empty for none
	cols     int
	aspect   float64 // width / height of every data area if > 0
	titleSty text.Style

	// Set by layout:
	rows     int
	w, h     vg.Length      // size of every data area
	data     []vg.Rectangle // data area of each panel
	wrapped  []string       // wrapped titles
	titleH   []vg.Length    // room for the titles of each row, with the gap below
	top      []vg.Length    // room between each row's titles and data areas
	used     vg.Point       // size of the grid from the top left of the area
	overflow vg.Length      // how far the lowest parts reach below the last row's data
}

// layout places the panels inside area, drawing nothing; it reports false
// if the area is too small for the data areas to be at least 1 point.
func (g *panelGrid) layout(base vg.Canvas, area vg.Rectangle) bool {
	n := len(g.plots)
	cols := max(1, min(g.cols, n))
	rows := (n + cols - 1) / cols
	g.cols, g.rows = cols, rows
	W, H := area.Max.X-area.Min.X, area.Max.Y-area.Min.Y
	probe := draw.Canvas{Canvas: base, Rectangle: vg.Rectangle{Min: area.Min,
		Max: vg.Point{X: area.Min.X + W/vg.Length(cols), Y: area.Min.Y + H/vg.Length(rows)}}}
	left, right := make([]vg.Length, cols), make([]vg.Length, cols)
	bottom, top := make([]vg.Length, rows), make([]vg.Length, rows)
	g.overflow = 0
	for k, p := range g.plots {
		r, c := k/cols, k%cols
		d := p.DataCanvas(probe)
		left[c] = max(left[c], d.Min.X-probe.Min.X)
		right[c] = max(right[c], probe.Max.X-d.Max.X)
		top[r] = max(top[r], probe.Max.Y-d.Max.Y)
		if r == rows-1 || k+cols < n {
			bottom[r] = max(bottom[r], d.Min.Y-probe.Min.Y)
		}
		g.overflow = max(g.overflow, d.Min.Y-probe.Min.Y)
	}
	var sumX vg.Length
	for c := range cols {
		sumX += left[c] + right[c]
	}
	sumX += panelGapX * vg.Length(cols-1)
	w := (W - sumX) / vg.Length(cols)
	var h vg.Length
	g.wrapped = make([]string, n)
	g.titleH = make([]vg.Length, rows)
	for range 2 { // wrapping depends on the width, which may depend on the height
		for r := range g.titleH {
			g.titleH[r] = 0
		}
		for k, t := range g.titles {
			g.wrapped[k] = wrapText(g.titleSty, t, w/(1+fontSlack))
			if g.wrapped[k] != "" {
				g.titleH[k/cols] = max(g.titleH[k/cols], textHeight(g.titleSty, g.wrapped[k])+panelTitleGap)
			}
		}
		sumY := panelGapY * vg.Length(rows-1)
		for r := range rows {
			sumY += g.titleH[r] + top[r] + bottom[r]
		}
		h = (H - sumY) / vg.Length(rows)
		if g.aspect > 0 {
			w = min(w, h*vg.Length(g.aspect))
			h = w / vg.Length(g.aspect)
		}
	}
	if !(w >= 1 && h >= 1) {
		return false
	}
	g.w, g.h, g.top = w, h, top
	g.data = make([]vg.Rectangle, n)
	colX := make([]vg.Length, cols)
	x := area.Min.X
	for c := range cols {
		colX[c] = x + left[c]
		x += left[c] + w + right[c] + panelGapX
	}
	y := area.Max.Y
	for r := range rows {
		rowTop := y - g.titleH[r] - top[r]
		for c := range cols {
			if k := r*cols + c; k < n {
				g.data[k] = vg.Rectangle{Min: vg.Point{X: colX[c], Y: rowTop - h}, Max: vg.Point{X: colX[c] + w, Y: rowTop}}
			}
		}
		y = rowTop - h - bottom[r] - panelGapY
	}
	g.used = vg.Point{X: x - panelGapX - area.Min.X, Y: area.Max.Y - (y + panelGapY)}
	return true
}

// shift moves the laid-out grid by d.
func (g *panelGrid) shift(d vg.Point) {
	for k := range g.data {
		g.data[k] = vg.Rectangle{Min: g.data[k].Min.Add(d), Max: g.data[k].Max.Add(d)}
	}
}

// span returns the horizontal extent of the data areas.
func (g *panelGrid) span() (lo, hi vg.Length) {
	lo, hi = vg.Length(math.Inf(1)), vg.Length(math.Inf(-1))
	for _, d := range g.data {
		lo, hi = min(lo, d.Min.X), max(hi, d.Max.X)
	}
	return lo, hi
}

// draw draws the panels and their titles on c.
func (g *panelGrid) draw(c draw.Canvas) {
	for k, p := range g.plots {
		d := g.data[k]
		p.Draw(canvasFor(p, d, c))
		if t := g.wrapped[k]; t != "" {
			bottom := d.Max.Y + g.top[k/g.cols] + panelTitleGap
			first := bottom + textHeight(g.titleSty, t) - g.titleSty.FontExtents().Ascent
			fillLines(c, g.titleSty, (d.Min.X+d.Max.X)/2, first, t)
		}
	}
}

// canvasFor returns the canvas on which p draws its data area at d: the
// room gonum/plot takes around the data area depends a little on the
// canvas size, so this settles it by a few corrections, keeping the best
// (on tiny panels, markers' room can make the corrections diverge).
func canvasFor(p *plot.Plot, d vg.Rectangle, c draw.Canvas) draw.Canvas {
	cv := draw.Canvas{Canvas: c.Canvas, Rectangle: d}
	best, bestErr := cv, vg.Length(math.Inf(1))
	for range 8 {
		got := p.DataCanvas(cv)
		lo, hi := got.Min.Sub(d.Min), got.Max.Sub(d.Max)
		e := max(abs(lo.X), abs(lo.Y), abs(hi.X), abs(hi.Y))
		if !(e < bestErr) {
			break
		}
		best, bestErr = cv, e
		if e < 0.01 {
			break
		}
		cv.Min, cv.Max = cv.Min.Sub(lo), cv.Max.Sub(hi)
	}
	return best
}

func abs(v vg.Length) vg.Length { return max(v, -v) }

// titleWidth returns the width to wrap a title to that is drawn centred at
// centre between left and right: the browser's font may make it fontSlack
// wider, growing to the right of its measured left end.
func titleWidth(left, centre, right vg.Length) vg.Length {
	return max(0, min(2*(centre-left), (right-centre)/(0.5+fontSlack)))
}
