package figure

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
)

// This file gives a varied plot a y axis that follows the setting
// (LinePlot.ZoomY): from 0 to the smallest of a few round tops that holds
// every varied series at the setting shown, so that a curve whose peak
// spans a hundredfold over the settings is always drawn at a readable
// height. Tick marks stay where they are; at every zoom they stand at the
// same fifths of the axis, and only their labels change.

// zoomMantissas are the mantissas of an axis' round scales: each setting
// gets the smallest m·10^k at or above its peak, so a curve's peak reaches
// at least two thirds of the scale (just above 1 or 2), and three quarters
// or more elsewhere. A fifth of each is round too (0.2, 0.3, 0.4, 0.6,
// 0.8, 1, 1.2, 1.6), for the labels.
var zoomMantissas = []float64{1, 1.5, 2, 3, 4, 5, 6, 8}

// zoomTicks is the number of tick intervals on an axis that zooms.
const zoomTicks = 5

// roundScale is a round scale m·10^k and a fifth of it, the step between
// its tick labels, as the labels are written (see tickLabels).
type roundScale struct {
	v    float64
	step niceStep
}

// roundScales are the round scales for k from −15 to 15, increasing, each
// value the double nearest its decimal.
var roundScales = func() []roundScale {
	var out []roundScale
	for k := -15; k <= 15; k++ {
		for _, m := range zoomMantissas {
			v, _ := strconv.ParseFloat(strconv.FormatFloat(m, 'f', -1, 64)+"e"+strconv.Itoa(k), 64)
			out = append(out, roundScale{v: v, step: fifthOf(int64(2*m), k-1)})
		}
	}
	return out
}()

// fifthOf returns the step m·10^exp (a fifth of a round scale, whose
// mantissa doubled is a whole number), with the trailing zeros of m moved
// into the exponent so that labels get no needless decimals.
func fifthOf(m int64, exp int) niceStep {
	for m%10 == 0 {
		m, exp = m/10, exp+1
	}
	return niceStep{m: m, exp: exp}
}

// zoomScale returns the smallest round scale ≥ peak, or 1 when the peak is
// not positive; beyond the table, the power of ten at or above it.
func zoomScale(peak float64) roundScale {
	if !(peak > 0) || !finite(peak) {
		peak = 1
	}
	i, _ := slices.BinarySearchFunc(roundScales, peak, func(r roundScale, v float64) int { return cmp.Compare(r.v, v) })
	if i < len(roundScales) && peak >= roundScales[0].v {
		return roundScales[i]
	}
	e := int(math.Ceil(math.Log10(peak)))
	for {
		// The double nearest 10^e; Log10 may round below the peak's.
		v, _ := strconv.ParseFloat("1e"+strconv.Itoa(e), 64)
		if v >= peak || math.IsInf(v, 1) {
			return roundScale{v: v, step: fifthOf(2, e-1)}
		}
		e++
	}
}

// zoomAxis is the axis of a ZoomY plot: its round scales (increasing),
// the one drawn, and for each variation the scale each setting needs
// (none for a guide).
type zoomAxis struct {
	scales []roundScale
	def    int
	need   [][]int
}

// top is the axis' upper end at zoom a: its scale with room to spare.
func (z *zoomAxis) top(a int) float64 { return z.scales[a].v * (1 + rangePad) }

// zoomAxis works out the zooms of a ZoomY plot.
func (p LinePlot) zoomAxis() *zoomAxis {
	z := &zoomAxis{need: make([][]int, len(p.Variations))}
	peaks := make([][]float64, len(p.Variations))
	seen := map[float64]bool{}
	for k, v := range p.Variations {
		if v.guide() {
			continue
		}
		for _, ys := range v.Y {
			s := zoomScale(slices.Max(ys))
			peaks[k] = append(peaks[k], s.v)
			if !seen[s.v] {
				seen[s.v] = true
				z.scales = append(z.scales, s)
			}
		}
	}
	if len(z.scales) == 0 {
		z.scales = []roundScale{zoomScale(1)}
	}
	slices.SortFunc(z.scales, func(a, b roundScale) int { return cmp.Compare(a.v, b.v) })
	for k, v := range p.Variations {
		for _, s := range peaks[k] {
			a, _ := slices.BinarySearchFunc(z.scales, s, func(r roundScale, v float64) int { return cmp.Compare(r.v, v) })
			z.need[k] = append(z.need[k], a)
		}
		if !v.guide() {
			z.def = max(z.def, z.need[k][v.Default])
		}
	}
	return z
}

// data describes the axis to the page script; Series is filled in by the
// caller, which knows how the figure numbers its series.
func (z *zoomAxis) data() VaryAxis {
	a := VaryAxis{Default: z.def}
	for i := range z.scales {
		a.Zoom = append(a.Zoom, roundSig5(z.top(z.def)/z.top(i)))
		a.Ticks = append(a.Ticks, z.labels(i))
	}
	return a
}

// labels writes the tick labels of zoom a: the multiples of a fifth of
// its scale, with as many decimals as that step, or in scientific notation
// when they are very large or small, as every axis writes its labels.
func (z *zoomAxis) labels(a int) []string {
	return tickLabels(z.scales[a].step, 0, zoomTicks)
}

// zoomSentinel starts a tick label of an axis that zooms while gonum draws
// it, repeated j+1 times for tick j, so that markZoomTicks can find it: a
// zero-width space, which measures nothing and so moves nothing.
const zoomSentinel = "\u200b"

// ticker returns the ticks gonum draws: at the fifths of the drawn scale,
// each labelled, for the layout, with the widest of its labels at any
// zoom, after its sentinel.
func (z *zoomAxis) ticker(sty text.Style) plot.Ticker {
	t := make(zoomTicker, zoomTicks+1)
	for j := range t {
		widest := ""
		for a := range z.scales {
			if l := z.labels(a)[j]; sty.Width(l) > sty.Width(widest) {
				widest = l
			}
		}
		t[j] = plot.Tick{Value: float64(j) * z.scales[z.def].v / zoomTicks, Label: strings.Repeat(zoomSentinel, j+1) + widest}
	}
	return t
}

// zoomTicker is a fixed list of ticks.
type zoomTicker []plot.Tick

// Ticks returns the ticks, whatever the range.
func (t zoomTicker) Ticks(_, _ float64) []plot.Tick { return t }

// zoomTickText matches a tick label drawn with its sentinel.
var zoomTickText = regexp.MustCompile(`<text x="([^"]*)" ([^>]*)style="([^"]*)">((?:` + zoomSentinel + `)+)([^<]*)</text>`)

// markZoomTicks rewrites the first zoomTicks+1 sentinel tick labels left
// in svg, those of the axis drawn next, as the zoom drawn first labels
// them: anchored at their right end, where gonum placed it, and marked
// data-kp-axis and data-kp-tick for the page script.
func markZoomTicks(svg []byte, axis int, sty text.Style, a VaryAxis) ([]byte, error) {
	found := 0
	var err error
	out := zoomTickText.ReplaceAllFunc(svg, func(m []byte) []byte {
		if found > zoomTicks || err != nil {
			return m
		}
		found++
		sub := zoomTickText.FindSubmatch(m)
		j := strings.Count(string(sub[4]), zoomSentinel) - 1
		x, perr := strconv.ParseFloat(string(sub[1]), 64)
		if perr != nil || j < 0 || j > zoomTicks {
			err = fmt.Errorf("tick label %q at x %q", sub[5], sub[1])
			return m
		}
		right := x + float64(sty.Width(string(sub[5])))
		return fmt.Appendf(nil, `<text x="%s" %sstyle="%s;text-anchor:end" data-kp-axis="%d" data-kp-tick="%d">%s</text>`,
			vgNumber(right), sub[2], sub[3], axis, j, escText(a.Ticks[a.Default][j]))
	})
	if err == nil && found != zoomTicks+1 {
		err = fmt.Errorf("found %d tick labels of axis %d, want %d", found, axis, zoomTicks+1)
	}
	return out, err
}

// validateZoom checks what a y axis that follows the setting needs: a
// linear axis with free ends, and nothing on it that does not follow the
// setting, so every series varied and no marks, points, bands or rules.
func (p LinePlot) validateZoom() error {
	switch {
	case p.LogY || p.YMin != nil || p.YMax != nil:
		return fmt.Errorf("a y axis that follows the setting is linear from 0, with no fixed ends: %w", ErrVariation)
	case len(p.Marks) > 0 || len(p.Points) > 0 || len(p.Bands) > 0 || len(p.Rules) > 0:
		return fmt.Errorf("a y axis that follows the setting draws only varied series, no marks, points, bands or rules: %w", ErrVariation)
	}
	for i := range p.Series {
		if p.variedOf(i) < 0 {
			return fmt.Errorf("series %d (%q) does not vary, on a y axis that follows the setting: %w", i+1, p.Series[i].Label, ErrVariation)
		}
	}
	for _, v := range p.Variations {
		for _, ys := range v.Y {
			if m := slices.Max(ys); m > maxZoomValue {
				return fmt.Errorf("series %q reaches %g, too large for a y axis that follows the setting (at most %g): %w", p.Series[v.Series].Label, m, maxZoomValue, ErrNotFinite)
			}
		}
	}
	return nil
}

// maxZoomValue bounds the values on an axis that follows the setting, so
// that its round top, its tick marks and the drawing's arithmetic on them
// stay well inside the range of a double.
const maxZoomValue = 1e300

// roundSig5 rounds v to 5 significant digits, as scales are shipped.
func roundSig5(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 5, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// profiled reports whether v is to be tried as a moving profile.
func (p LinePlot) profiled(v Variation) bool {
	if !p.ZoomY || v.Shift == nil || v.guide() {
		return false
	}
	xs := p.Series[v.Series].X
	n := len(xs)
	if n < 2 {
		return false
	}
	dx := (xs[n-1] - xs[0]) / float64(n-1)
	for i, x := range xs {
		if !(dx > 0) || math.Abs(x-(xs[0]+float64(i)*dx)) > 1e-9*dx {
			return false
		}
	}
	return true
}

// encodeZoomed writes a variation of a ZoomY plot: levels of each
// setting's own peak (or of its group's profile) and the value of a level,
// checking that every value decodes within VaryTolerance of the axis the
// setting needs.
func (p LinePlot) encodeZoomed(v Variation, z *zoomAxis, s *VarySeries, k int) error {
	if v.guide() {
		ys := p.Series[v.Series].Y
		peak := peakOf(ys)
		s.Y = [][]int{levelDeltas(peakLevels(ys, peak))}
		s.C = []float64{roundSig5(peak / VaryLevels)}
		return nil
	}
	s.Z = z.need[k]
	if p.profiled(v) && p.encodeProfiles(v, z, s, k) == nil {
		return nil
	}
	for _, ys := range v.Y {
		peak := peakOf(ys)
		s.Y = append(s.Y, levelDeltas(peakLevels(ys, peak)))
		s.C = append(s.C, roundSig5(peak/VaryLevels))
	}
	return p.checkZoomed(v, z, s, k)
}

// peakOf returns the largest value, or 1 if none is positive.
func peakOf(ys []float64) float64 {
	if m := slices.Max(ys); m > 0 {
		return m
	}
	return 1
}

// peakLevels maps values onto levels of peak.
func peakLevels(ys []float64, peak float64) []int {
	out := make([]int, len(ys))
	for j, y := range ys {
		out[j] = int(math.Round(y / peak * VaryLevels))
	}
	return out
}

// encodeProfiles tries to write every setting of v as its group's profile,
// read off the settings themselves relative to the value at their shift,
// moved and scaled (see Variation.Shift). It leaves s as it was, and
// reports why, when that would be off by more than the tolerance.
func (p LinePlot) encodeProfiles(v Variation, z *zoomAxis, s *VarySeries, k int) error {
	n := len(p.Series[v.Series].X)
	groups := slices.Max(v.Group) + 1
	if groups > len(v.Y) {
		return fmt.Errorf("%d groups for %d settings", groups, len(v.Y))
	}
	profiles := make([][]float64, groups) // [g][o+n-1] for offset o
	for g := range profiles {
		profiles[g] = make([]float64, 2*n-1)
	}
	covered := make([][]bool, groups)
	for g := range covered {
		covered[g] = make([]bool, 2*n-1)
	}
	for st, ys := range v.Y {
		g, sh := v.Group[st], v.Shift[st]
		if !(ys[sh] > 0) {
			return fmt.Errorf("setting %d is 0 at its shift", st)
		}
		for j, y := range ys {
			if o := j - sh + n - 1; !covered[g][o] {
				covered[g][o] = true
				profiles[g][o] = y / ys[sh]
			}
		}
	}
	trial := VarySeries{XDomain: s.XDomain, Log: s.Log, Z: s.Z, G: v.Group, SH: v.Shift}
	for o := -(n - 1); o < n; o++ {
		trial.X = append(trial.X, o)
	}
	tmax := make([]float64, groups)
	for g, pr := range profiles {
		tmax[g] = peakOf(pr)
		trial.Y = append(trial.Y, levelDeltas(peakLevels(pr, tmax[g])))
	}
	for st, ys := range v.Y {
		trial.C = append(trial.C, roundSig5(ys[v.Shift[st]]*tmax[v.Group[st]]/VaryLevels))
	}
	if err := p.checkZoomed(v, z, &trial, k); err != nil {
		return err
	}
	*s = trial
	return nil
}

// checkZoomed decodes every setting of s as the page script draws it and
// checks each value against the truth, within VaryTolerance of the span
// of the axis at the zoom the setting needs.
func (p LinePlot) checkZoomed(v Variation, z *zoomAxis, s *VarySeries, k int) error {
	n := len(p.Series[v.Series].X)
	for st, ys := range v.Y {
		var levels []int
		if s.G != nil {
			levels = levelSums(s.Y[at(s.G, st)])
		} else {
			levels = levelSums(s.Y[st])
		}
		c := at(s.C, st)
		tol := VaryTolerance * z.top(z.need[k][st])
		for j := range n {
			i := j
			if s.SH != nil {
				i = j - at(s.SH, st) + n - 1 // the profile's point drawn at j
			}
			if got := float64(levels[i]) * c; math.Abs(got-ys[j]) > tol {
				return fmt.Errorf("setting %d, point %d: encoded as %g, is %g (tolerance %g)", st, j, got, ys[j], tol)
			}
		}
	}
	return nil
}

// levelSums turns the first level and the changes back into levels.
func levelSums(d []int) []int {
	out := make([]int, len(d))
	sum := 0
	for i, v := range d {
		sum += v
		out[i] = sum
	}
	return out
}
