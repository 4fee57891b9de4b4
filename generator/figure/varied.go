package figure

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A varied figure is a LinePlot (or small multiples of them) some of whose
// line series have other settings: a page script shows one setting at a
// time, as a reader moves sliders. Every setting is computed and encoded
// when the site is built, so the script only picks values and writes them
// into the SVG; it never computes a coordinate.
//
// Each varied series is drawn in its own "level" coordinates, whole
// numbers that a transform in the SVG maps onto the axes, so the wide and
// the compact drawing share one encoding:
//
//   - On an ordinary plot, x and y are mapped onto 0…VaryLevels across the
//     extent of the series over all its settings (on a log axis, of their
//     logarithms), and the path's transform attribute places the levels.
//   - On a plot whose y axis follows the setting (LinePlot.ZoomY), each
//     setting's y values are levels of that setting's own peak, and the
//     path sits in a group whose transform maps (x level, value) onto the
//     axes at the zoom drawn first. The script writes the path's own
//     transform, "scale(1 Z) translate(S 0) scale(1 C)": C the value of
//     one level at this setting, S a shift along x (see Variation.Shift)
//     and Z the zoom of the axis, which the script also writes into the
//     axis' tick labels.
//
// The SVG draws the default setting, so the figure reads without the
// script.

// VaryLevels is the number of steps across a varied series' extent: a
// value moves by at most half a step, 0.05% of that extent, in the drawing.
const VaryLevels = 1000

// Variation holds every setting of one line series of a LinePlot. The
// series itself holds the default setting, which the SVG draws.
type Variation struct {
	Series int // index into LinePlot.Series of a Line series

	// Y[k] is the series' y values at setting k, each as long as its X;
	// nil when only x varies.
	Y [][]float64
	// X[k] is the series' x values at setting k; nil when only y varies.
	// A series whose x varies and whose y does not is a guide, such as a
	// line at a query: on a ZoomY plot it spans every zoom and does not
	// choose one.
	X [][]float64

	// Default is the setting the plot's series holds and the SVG draws.
	Default int

	// Shift and Group, one of each per setting when given, say that the
	// series is one profile moved along evenly spaced x: setting k is, up
	// to a scale, the profile of group Group[k] moved Shift[k] points to
	// the right, as a kernel's weights are around a query a slider moves.
	// On a ZoomY plot the page then ships one profile per group and a
	// scale per setting, when that decodes within VaryTolerance; otherwise
	// it ships every setting, as without them.
	Shift, Group []int
}

// settings returns the number of settings of v.
func (v Variation) settings() int {
	if v.Y != nil {
		return len(v.Y)
	}
	return len(v.X)
}

// ys returns the y values of setting k.
func (v Variation) ys(p LinePlot, k int) []float64 {
	if v.Y != nil {
		return v.Y[k]
	}
	return p.Series[v.Series].Y
}

// xs returns the x values of setting k.
func (v Variation) xs(p LinePlot, k int) []float64 {
	if v.X != nil {
		return v.X[k]
	}
	return p.Series[v.Series].X
}

// guide reports whether only x varies.
func (v Variation) guide() bool { return v.Y == nil }

// isGuide reports whether series i is a guide: varied, in x alone. It is
// drawn as marks are (guideStyle).
func (p LinePlot) isGuide(i int) bool {
	k := p.variedOf(i)
	return k >= 0 && p.Variations[k].guide()
}

// VaryTolerance is the largest error, as a fraction of the y axis' span at
// the zoom a setting needs, that the encoding of a ZoomY plot may bring
// into any value; VaryData checks it.
const VaryTolerance = 0.001

// VaryData is what the page script is given of a varied figure: for each
// variation, in order (panel by panel in small multiples), its levels, and
// the axes that follow the setting.
type VaryData struct {
	Series []VarySeries `json:"series"`
	Axes   []VaryAxis   `json:"axes,omitempty"`
}

// VarySeries encodes one variation. A list with a single entry where one
// per setting is expected holds for every setting.
//
// X holds the x levels (on a ZoomY plot with profiles, the offsets
// −(n−1)…n−1, in points, from the point a profile is moved to); XS[k]
// those of setting k when x varies. Y[k] holds the y levels of setting k (with profiles, of
// profile G[k]), written as the first level followed by the change from
// each level to the next. On a ZoomY plot, C[k] is the value of one level
// at setting k, SH[k] its shift in points and Z[k] the smallest zoom of
// the axis that holds it (absent for a guide).
//
// XDomain and YDomain are the values that levels 0 and VaryLevels stand
// for (on a log axis, the level is linear in the logarithm); the script
// needs neither, tests read them.
type VarySeries struct {
	X       []int     `json:"x,omitempty"`
	XS      [][]int   `json:"xs,omitempty"`
	Y       [][]int   `json:"y"`
	G       []int     `json:"g,omitempty"`
	SH      []int     `json:"sh,omitempty"`
	C       []float64 `json:"c,omitempty"`
	Z       []int     `json:"z,omitempty"`
	XDomain []float64 `json:"dx"`
	YDomain []float64 `json:"dy,omitempty"`
	Log     []bool    `json:"log"` // whether x, y are levels of logarithms
}

// VaryAxis is a y axis that follows the setting: the series drawn on it
// (indexes into VaryData.Series), and for each zoom the factor Z that
// scales the values drawn at the first zoom, and the texts of its tick
// labels, which the SVG marks data-kp-axis and data-kp-tick.
type VaryAxis struct {
	Series  []int      `json:"series"`
	Default int        `json:"i"` // the zoom drawn first, whose Zoom is 1
	Zoom    []float64  `json:"z"`
	Ticks   [][]string `json:"t"`
}

// ErrVariation means a variation names no line series of its own, has no
// setting as its default, or does not fit its plot (a y axis that follows
// the setting draws only varied series, of values at least 0). The
// parameters behind the settings, and how their values are written, are
// the directive's business (see directive.VaryWidget).
var ErrVariation = errors.New("invalid variation")

// validateVariations checks that each variation names a line series once
// and gives finite values as long as the series' for every setting.
func (p LinePlot) validateVariations() error {
	seen := map[int]bool{}
	for i, v := range p.Variations {
		if v.Series < 0 || v.Series >= len(p.Series) || p.Series[v.Series].Kind != Line || seen[v.Series] {
			return fmt.Errorf("variation %d: series %d is not a line series of its own: %w", i+1, v.Series, ErrVariation)
		}
		seen[v.Series] = true
		k := v.settings()
		if v.X != nil && v.Y != nil && len(v.X) != len(v.Y) {
			return fmt.Errorf("variation %d: %d settings of x and %d of y: %w", i+1, len(v.X), len(v.Y), ErrVariation)
		}
		if v.Default < 0 || v.Default >= k {
			return fmt.Errorf("variation %d: default setting %d of %d: %w", i+1, v.Default, k, ErrVariation)
		}
		n := len(p.Series[v.Series].X)
		for s := range k {
			xs, ys := v.xs(p, s), v.ys(p, s)
			if len(xs) != n || len(ys) != n {
				return fmt.Errorf("variation %d: setting %d has %d x and %d y values for %d points: %w", i+1, s, len(xs), len(ys), n, ErrLength)
			}
			for j := range n {
				x, y := xs[j], ys[j]
				if !finite(x) || !finite(y) || (p.LogY && !(y > 0)) || (p.LogX && !(x > 0)) {
					return fmt.Errorf("variation %d: setting %d: point %d is (%v, %v): %w", i+1, s, j, x, y, ErrNotFinite)
				}
				if p.ZoomY && y < 0 {
					return fmt.Errorf("variation %d: setting %d: value %d is %v, below 0, on a y axis that follows the setting: %w", i+1, s, j, y, ErrVariation)
				}
			}
		}
		if v.Shift != nil || v.Group != nil {
			if len(v.Shift) != k || len(v.Group) != k {
				return fmt.Errorf("variation %d: %d shifts and %d groups for %d settings: %w", i+1, len(v.Shift), len(v.Group), k, ErrVariation)
			}
			for s := range k {
				if v.Shift[s] < 0 || v.Shift[s] >= n || v.Group[s] < 0 {
					return fmt.Errorf("variation %d: setting %d: shift %d, group %d for %d points: %w", i+1, s, v.Shift[s], v.Group[s], n, ErrVariation)
				}
			}
		}
	}
	if p.ZoomY {
		return p.validateZoom()
	}
	return nil
}

// variationRange widens a data range to cover every setting of every
// variation, so the axes stay put as the sliders move.
func (p LinePlot) variationRange(xmin, xmax, ymin, ymax float64) (float64, float64, float64, float64) {
	for _, v := range p.Variations {
		for s := range v.settings() {
			for _, x := range v.xs(p, s) {
				if finite(x) {
					xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
				}
			}
			for _, y := range v.ys(p, s) {
				if finite(y) {
					ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
				}
			}
		}
	}
	return xmin, xmax, ymin, ymax
}

// variedOf returns the index of the variation of series i, or -1.
func (p LinePlot) variedOf(i int) int {
	for k, v := range p.Variations {
		if v.Series == i {
			return k
		}
	}
	return -1
}

// levelScale maps values of one extent onto levels, linearly or in the
// logarithm.
type levelScale struct {
	lo, hi float64
	log    bool
}

// newLevelScale spans the values of all the given slices.
func newLevelScale(log bool, vals ...[]float64) levelScale {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, vs := range vals {
		for _, v := range vs {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	switch {
	case !(lo < hi) && log:
		lo, hi = lo/2, lo*2
	case !(lo < hi):
		lo, hi = lo-1, lo+1
	}
	return levelScale{lo: lo, hi: hi, log: log}
}

func (s levelScale) level(v float64) int {
	var f float64
	if s.log {
		f = math.Log(v/s.lo) / math.Log(s.hi/s.lo)
	} else {
		f = (v - s.lo) / (s.hi - s.lo)
	}
	return int(math.Round(f * VaryLevels))
}

// scales returns the level scales of variation v: x over every setting's
// x, y over every setting's y. A ZoomY plot scales each setting's y by its
// own peak instead: y is then left zero.
func (p LinePlot) scales(v Variation) (x, y levelScale) {
	if v.X == nil {
		x = newLevelScale(p.LogX, p.Series[v.Series].X)
	} else {
		x = newLevelScale(p.LogX, v.X...)
	}
	switch {
	case p.ZoomY:
	case v.Y == nil:
		y = newLevelScale(p.LogY, p.Series[v.Series].Y)
	default:
		y = newLevelScale(p.LogY, v.Y...)
	}
	return x, y
}

// levelsOf maps values onto levels of s.
func levelsOf(s levelScale, vals []float64) []int {
	out := make([]int, len(vals))
	for j, v := range vals {
		out[j] = s.level(v)
	}
	return out
}

// VaryData encodes every setting of every variation.
func (p LinePlot) VaryData() (*VaryData, error) {
	if err := p.validateVariations(); err != nil {
		return nil, err
	}
	d := &VaryData{}
	var z *zoomAxis
	if p.ZoomY {
		z = p.zoomAxis()
		a := z.data()
		for k := range p.Variations {
			a.Series = append(a.Series, k)
		}
		d.Axes = append(d.Axes, a)
	}
	for k, v := range p.Variations {
		sx, sy := p.scales(v)
		s := VarySeries{XDomain: []float64{sx.lo, sx.hi}, Log: []bool{sx.log, sy.log}}
		if v.X != nil {
			for k := range v.settings() {
				s.XS = append(s.XS, levelsOf(sx, v.X[k]))
			}
		} else {
			s.X = levelsOf(sx, p.Series[v.Series].X)
		}
		if z != nil {
			if err := p.encodeZoomed(v, z, &s, k); err != nil {
				return nil, fmt.Errorf("series %d (%q): %w", v.Series+1, p.Series[v.Series].Label, err)
			}
		} else {
			s.YDomain = []float64{sy.lo, sy.hi}
			if v.guide() {
				s.Y = [][]int{levelDeltas(levelsOf(sy, p.Series[v.Series].Y))}
			} else {
				for _, ys := range v.Y {
					s.Y = append(s.Y, levelDeltas(levelsOf(sy, ys)))
				}
			}
		}
		d.Series = append(d.Series, s)
	}
	return d, nil
}

// levelDeltas turns levels into the first level and the changes after it.
func levelDeltas(lv []int) []int {
	out := make([]int, len(lv))
	prev := 0
	for i, v := range lv {
		out[i] = v - prev
		prev = v
	}
	return out
}

// variedWidth is the stroke width a varied line is drawn with in the SVG
// while gonum writes it, so that its path can be found and replaced (see
// markVaried); no other element is drawn this wide.
const variedWidth = lineWidth - 1.0/2048

// variedRecord collects, while a drawing is laid out, the transform from
// levels onto the drawing of each variation, the data area, and the tick
// labels of an axis that follows the setting.
type variedRecord struct {
	transforms []string    // by variation
	widths     []vg.Length // by variation: the width its line is drawn with
	clip       vg.Rectangle
	ticks      text.Style // the y tick labels' style, on a ZoomY plot
	// profiled[k] says that variation k is encoded as moving profiles,
	// whose x counts points rather than levels; set before drawing.
	profiled []bool
	narrow   []vg.Length // the x ends of the profiled series' points
}

// newVariedRecord prepares the record of a drawing of p, whose encoding
// is data.
func newVariedRecord(p LinePlot, data *VaryData) *variedRecord {
	rec := &variedRecord{transforms: make([]string, len(p.Variations)), widths: make([]vg.Length, len(p.Variations))}
	for _, s := range data.Series {
		rec.profiled = append(rec.profiled, s.G != nil)
	}
	return rec
}

// variedLine draws a varied series' default setting unclipped as one path
// (the SVG clips it to the data area), and records how levels map onto
// the data area.
type variedLine struct {
	p     *LinePlot
	k     int // the variation
	style draw.LineStyle
	rec   *variedRecord
}

func (l variedLine) Plot(c draw.Canvas, plt *plot.Plot) {
	v := l.p.Variations[l.k]
	s := l.p.Series[v.Series]
	trX, trY := plt.Transforms(&c)
	pts := make([]vg.Point, len(s.X))
	for j := range s.X {
		pts[j] = vg.Point{X: trX(s.X[j]), Y: trY(s.Y[j])}
	}
	c.StrokeLines(l.style, pts)
	sx, sy := l.p.scales(v)
	x0, x1 := trX(sx.lo), trX(sx.hi)
	xs := float64(x1-x0) / VaryLevels
	if l.p.ZoomY {
		// (x level, value) at the zoom drawn; with profiles, x counts
		// points from the first.
		y0, y1 := trY(0), trY(plt.Y.Max)
		ys := float64(y1-y0) / plt.Y.Max
		if l.rec.profiled[l.k] {
			n := len(s.X)
			x0 = trX(s.X[0])
			xs = float64(trX(s.X[n-1])-x0) / float64(n-1)
			// A profile moved to a point near an end reaches past the
			// points, where the series has no values: the panel's
			// varied paths are clipped to the points' span.
			l.rec.narrow = append(l.rec.narrow, trX(s.X[0]), trX(s.X[n-1]))
		}
		l.rec.transforms[l.k] = fmt.Sprintf("matrix(%s,0,0,%s,%s,%s)", vgNumber(xs), vgNumber(ys), vgNumber(float64(x0)), vgNumber(float64(y0)))
		l.rec.ticks = plt.Y.Tick.Label
	} else {
		y0, y1 := trY(sy.lo), trY(sy.hi)
		l.rec.transforms[l.k] = fmt.Sprintf("matrix(%s,0,0,%s,%s,%s)",
			vgNumber(xs), vgNumber(float64(y1-y0)/VaryLevels), vgNumber(float64(x0)), vgNumber(float64(y0)))
	}
	l.rec.clip = vg.Rectangle{Min: c.Min, Max: c.Max}
	if len(l.rec.narrow) > 0 {
		pad := l.style.Width / 2
		l.rec.clip.Min.X = max(c.Min.X, slices.Min(l.rec.narrow)-pad)
		l.rec.clip.Max.X = min(c.Max.X, slices.Max(l.rec.narrow)+pad)
	}
}

// vgNumber writes a coordinate to 6 significant digits.
func vgNumber(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

// variedPath matches a path gonum wrote for a varied line.
var variedPath = regexp.MustCompile(`<path d="[^"]*" style="([^"]*)stroke-width:` + regexp.QuoteMeta(strconv.FormatFloat(variedWidth, 'g', 5, 64)) + `([^"]*)" />`)

// variedPanel is one plot of a varied drawing, with what was recorded
// while it was drawn: its variations are numbered from first, its axis (on
// a ZoomY plot) is axis.
type variedPanel struct {
	p     *LinePlot
	rec   *variedRecord
	first int
	axis  int
}

// markVaried replaces the path of each varied line, in the order the
// panels and, in each, the variations are drawn (by series), with its
// default setting in levels, under the transform onto the drawing and
// clipped to its panel's data area; each path carries data-kp-vary with
// its variation's index, which the page script looks for. The tick labels
// of each axis that follows the setting are marked too.
func markVaried(svg []byte, id string, panels []variedPanel, data *VaryData) ([]byte, error) {
	type slot struct {
		panel, k int
	}
	var order []slot // variations by panel and series
	for pi, vp := range panels {
		for i := range vp.p.Series {
			if k := vp.p.variedOf(i); k >= 0 {
				order = append(order, slot{pi, k})
			}
		}
	}
	n := 0
	var err error
	clipped := map[int]bool{}
	out := variedPath.ReplaceAllFunc(svg, func(m []byte) []byte {
		if n >= len(order) {
			err = fmt.Errorf("more varied paths than the %d variations", len(order))
			return m
		}
		sl := order[n]
		n++
		vp := panels[sl.panel]
		clipID := id + "-clip"
		if sl.panel > 0 {
			clipID = fmt.Sprintf("%s-clip-%d", id, sl.panel+1)
		}
		sub := variedPath.FindSubmatch(m)
		var b bytes.Buffer
		if !clipped[sl.panel] {
			clipped[sl.panel] = true
			r := vp.rec.clip
			fmt.Fprintf(&b, "<clipPath id=\"%s\"><rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" /></clipPath>\n",
				attr(clipID), vgNumber(float64(r.Min.X)), vgNumber(float64(r.Min.Y)), vgNumber(float64(r.Max.X-r.Min.X)), vgNumber(float64(r.Max.Y-r.Min.Y)))
		}
		j := vp.first + sl.k
		s := data.Series[j]
		style := fmt.Sprintf("%sstroke-width:%s%s;vector-effect:non-scaling-stroke", sub[1], vgNumber(float64(vp.rec.widths[sl.k])), sub[2])
		def := vp.p.Variations[sl.k].Default
		if vp.p.ZoomY {
			fmt.Fprintf(&b, "<g clip-path=\"url(#%s)\"><g transform=\"%s\"><path d=\"%s\" transform=\"%s\" style=\"%s\" data-kp-vary=\"%d\" /></g></g>",
				attr(clipID), vp.rec.transforms[sl.k], s.path(def), s.inner(def, 1), style, j)
		} else {
			fmt.Fprintf(&b, "<g clip-path=\"url(#%s)\"><path d=\"%s\" transform=\"%s\" style=\"%s\" data-kp-vary=\"%d\" /></g>",
				attr(clipID), s.path(def), vp.rec.transforms[sl.k], style, j)
		}
		return b.Bytes()
	})
	if err == nil && n != len(order) {
		err = fmt.Errorf("found %d varied paths for %d variations", n, len(order))
	}
	if err == nil {
		for _, vp := range panels {
			if vp.p.ZoomY {
				if out, err = markZoomTicks(out, vp.axis, vp.rec.ticks, data.Axes[vp.axis]); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("marking the varied series: %w", err)
	}
	return out, nil
}

// at returns list[k], or list[0] for a list that holds for every setting.
func at[T any](list []T, k int) T {
	if len(list) == 1 {
		return list[0]
	}
	return list[k]
}

// path writes setting k's path, as the page script does.
func (s VarySeries) path(k int) string {
	xs := s.X
	if s.XS != nil {
		xs = at(s.XS, k)
	}
	y := k
	if s.G != nil {
		y = at(s.G, k)
	}
	if len(s.Y) == 1 {
		y = 0
	}
	return LevelPathXY(xs, s.Y[y])
}

// inner writes setting k's own transform on a ZoomY plot, at zoom z, as
// the page script does.
func (s VarySeries) inner(k int, z float64) string {
	var b bytes.Buffer
	if z != 1 {
		fmt.Fprintf(&b, "scale(1 %s) ", jsNumber(z))
	}
	if s.SH != nil {
		fmt.Fprintf(&b, "translate(%d 0) ", at(s.SH, k))
	}
	fmt.Fprintf(&b, "scale(1 %s)", jsNumber(at(s.C, k)))
	return b.String()
}

// jsNumber writes v in the fewest digits that read back as v, as the page
// script's String(v) does (exponents aside, which SVG reads either way).
func jsNumber(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// LevelPathXY writes a path through the points (xs[j], ys[j]) in levels,
// where ys is delta-encoded as VarySeries.Y holds it: "M x0,y0L x1,y1…".
// The page script writes exactly this string (templates/static/js/vary.js).
func LevelPathXY(xs, dys []int) string {
	var b bytes.Buffer
	y := 0
	for j, x := range xs {
		y += dys[j]
		if j == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(strconv.Itoa(x))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(y))
	}
	return b.String()
}

// variedLineOf returns the plotter of series i when it is varied and the
// drawing records variations (an SVG), or nil.
func (p *LinePlot) variedLineOf(i int, style draw.LineStyle) plot.Plotter {
	if p.vary == nil {
		return nil
	}
	k := p.variedOf(i)
	if k < 0 {
		return nil
	}
	p.vary.widths[k] = style.Width
	style.Width = vg.Points(variedWidth)
	return variedLine{p: p, k: k, style: style, rec: p.vary}
}

var _ plot.Plotter = variedLine{}
