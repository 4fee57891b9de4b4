package figure

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A varied figure is a LinePlot some of whose line series have other
// settings: a page script shows one setting at a time, as a reader moves
// sliders. Every setting is computed and encoded when the site is built,
// so the script only picks values and writes them into the SVG.
//
// Each varied series is drawn in its own "level" coordinates: its x and y
// values mapped onto whole numbers 0…VaryLevels across the extent of that
// series over all its settings (on a log axis, of their logarithms). The
// path's transform attribute maps levels onto the axes of the drawing, so
// the wide and the compact drawing share one encoding, and a path reads
// "M x0,y0 L x1,y1 …" in levels. The SVG draws the default setting, so the
// figure reads without the script.

// VaryLevels is the number of steps across a varied series' extent: a
// value moves by at most half a step, 0.05% of that extent, in the drawing.
const VaryLevels = 1000

// Variation holds every setting of one line series of a LinePlot.
type Variation struct {
	Series int         // index into LinePlot.Series of a Line series
	Y      [][]float64 // Y[k]: the series' values at setting k, each as long as its X
	// Default is the setting the plot's series holds and the SVG draws.
	Default int
}

// VaryData is what the page script is given of a varied plot: for each
// variation, in order, its levels.
type VaryData struct {
	Series []VarySeries `json:"series"`
}

// VarySeries encodes one variation. X holds the x levels; Y[k] the y
// levels of setting k, written as the first level followed by the change
// from each level to the next. XDomain and YDomain are the values that
// levels 0 and VaryLevels stand for (on a log axis, the level is linear in
// the logarithm); the script needs neither, tests read them.
type VarySeries struct {
	X       []int     `json:"x"`
	Y       [][]int   `json:"y"`
	XDomain []float64 `json:"dx"`
	YDomain []float64 `json:"dy"`
	Log     []bool    `json:"log"` // whether x, y are levels of logarithms
}

// ErrVariation means a variation names no line series of its own, or
// has no setting as its default.
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
		if v.Default < 0 || v.Default >= len(v.Y) {
			return fmt.Errorf("variation %d: default setting %d of %d: %w", i+1, v.Default, len(v.Y), ErrVariation)
		}
		n := len(p.Series[v.Series].X)
		for k, ys := range v.Y {
			if len(ys) != n {
				return fmt.Errorf("variation %d: setting %d has %d values for %d x values: %w", i+1, k, len(ys), n, ErrLength)
			}
			for j, y := range ys {
				if !finite(y) || (p.LogY && !(y > 0)) {
					return fmt.Errorf("variation %d: setting %d: value %d is %v: %w", i+1, k, j, y, ErrNotFinite)
				}
			}
		}
	}
	return nil
}

// variationRange widens a data range to cover every setting of every
// variation, so the axes stay put as the sliders move.
func (p LinePlot) variationRange(ymin, ymax float64) (float64, float64) {
	for _, v := range p.Variations {
		for _, ys := range v.Y {
			for _, y := range ys {
				if finite(y) {
					ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
				}
			}
		}
	}
	return ymin, ymax
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

// scales returns the level scales of variation v.
func (p LinePlot) scales(v Variation) (x, y levelScale) {
	return newLevelScale(p.LogX, p.Series[v.Series].X), newLevelScale(p.LogY, v.Y...)
}

// VaryData encodes every setting of every variation.
func (p LinePlot) VaryData() (*VaryData, error) {
	if err := p.validateVariations(); err != nil {
		return nil, err
	}
	d := &VaryData{}
	for _, v := range p.Variations {
		sx, sy := p.scales(v)
		s := VarySeries{XDomain: []float64{sx.lo, sx.hi}, YDomain: []float64{sy.lo, sy.hi}, Log: []bool{sx.log, sy.log}}
		for _, x := range p.Series[v.Series].X {
			s.X = append(s.X, sx.level(x))
		}
		for _, ys := range v.Y {
			enc := make([]int, len(ys))
			prev := 0
			for j, y := range ys {
				l := sy.level(y)
				enc[j] = l - prev
				prev = l
			}
			s.Y = append(s.Y, enc)
		}
		d.Series = append(d.Series, s)
	}
	return d, nil
}

// variedWidth is the stroke width a varied line is drawn with in the SVG
// while gonum writes it, so that its path can be found and replaced (see
// markVaried); no other element is drawn this wide.
const variedWidth = lineWidth - 1.0/2048

// variedRecord collects, while a drawing is laid out, the transform from
// levels onto the drawing of each variation, and the data area.
type variedRecord struct {
	transforms []string // by variation
	clip       vg.Rectangle
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
	x0, x1, y0, y1 := trX(sx.lo), trX(sx.hi), trY(sy.lo), trY(sy.hi)
	l.rec.transforms[l.k] = fmt.Sprintf("matrix(%s,0,0,%s,%s,%s)",
		vgNumber(float64(x1-x0)/VaryLevels), vgNumber(float64(y1-y0)/VaryLevels), vgNumber(float64(x0)), vgNumber(float64(y0)))
	l.rec.clip = vg.Rectangle{Min: c.Min, Max: c.Max}
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

// markVaried replaces the path of each varied line, in the order the
// variations are drawn (by series), with its default setting in levels,
// under the transform onto the drawing and clipped to the data area; each
// path carries data-kp-vary with its variation's index, which the page
// script looks for.
func (p LinePlot) markVaried(svg []byte, id string, rec *variedRecord, data *VaryData) ([]byte, error) {
	order := make([]int, 0, len(p.Variations)) // variations by series
	for i := range p.Series {
		if k := p.variedOf(i); k >= 0 {
			order = append(order, k)
		}
	}
	n := 0
	var err error
	clipID := id + "-clip"
	out := variedPath.ReplaceAllFunc(svg, func(m []byte) []byte {
		if n >= len(order) {
			err = fmt.Errorf("more varied paths than the %d variations", len(order))
			return m
		}
		k := order[n]
		n++
		sub := variedPath.FindSubmatch(m)
		var b bytes.Buffer
		if n == 1 {
			r := rec.clip
			fmt.Fprintf(&b, "<clipPath id=\"%s\"><rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" /></clipPath>\n",
				attr(clipID), vgNumber(float64(r.Min.X)), vgNumber(float64(r.Min.Y)), vgNumber(float64(r.Max.X-r.Min.X)), vgNumber(float64(r.Max.Y-r.Min.Y)))
		}
		fmt.Fprintf(&b, "<g clip-path=\"url(#%s)\"><path d=\"%s\" transform=\"%s\" style=\"%sstroke-width:%s%s;vector-effect:non-scaling-stroke\" data-kp-vary=\"%d\" /></g>",
			attr(clipID), LevelPathXY(data.Series[k].X, data.Series[k].Y[p.Variations[k].Default]), rec.transforms[k], sub[1], vgNumber(lineWidth), sub[2], k)
		return b.Bytes()
	})
	if err == nil && n != len(order) {
		err = fmt.Errorf("found %d varied paths for %d variations", n, len(order))
	}
	if err != nil {
		return nil, fmt.Errorf("marking the varied series: %w", err)
	}
	return out, nil
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
	style.Width = vg.Points(variedWidth)
	return variedLine{p: p, k: k, style: style, rec: p.vary}
}

var _ plot.Plotter = variedLine{}
