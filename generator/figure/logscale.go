package figure

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
)

// ErrLogScale means a value, band, mark, rule, point or bound on a
// logarithmic axis (LinePlot.LogX, LinePlot.LogY) is not positive.
var ErrLogScale = errors.New("value on a log axis is not positive")

// logTicker labels a logarithmic axis at round values:
//
//   - level 0: 1, 2 and 5 × 10^k, with unlabelled minor ticks at the other
//     digits (3, 4, 6, 7, 8, 9 × 10^k);
//   - level n ≥ 1: 10^k for k a multiple of n; with n = 1 the other digits
//     get minor ticks, with n ≥ 2 the other decades do.
//
// A range holding fewer than 3 of the level-0 values (less than about a
// decade) is labelled like a linear axis instead (see niceTicker), and a
// level giving more than maxLabels labels is raised until it does not, so
// that 0.005…0.3 gets 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 1e-6…1 every
// power of ten and 1e-9…1000 every other one. fitTicks raises the level
// further on short axes.
type logTicker struct {
	level  int // see above
	linear int // > 0: label like niceTicker{max: linear}; set by sparser
}

var _ thinnable = logTicker{}

// resolve returns the effective level for [lo, hi], or linear > 0 for
// linear labels capped at linear.
func (lt logTicker) resolve(lo, hi float64) (level, linear int) {
	if lt.linear > 0 {
		return 0, lt.linear
	}
	level = max(lt.level, 0)
	if level == 0 && countLabels(logTicks(lo, hi, 0)) < 3 {
		return 0, maxAnyLabels
	}
	for countLabels(logTicks(lo, hi, level)) > maxLabels {
		level++
	}
	return level, 0
}

// Ticks implements plot.Ticker; it returns no ticks unless 0 < lo ≤ hi are
// finite (gonum/plot orders them).
func (lt logTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !finite(lo) || !finite(hi) || hi < lo {
		return nil
	}
	if lo == hi {
		return []plot.Tick{{Value: lo, Label: shortLabel(lo)}}
	}
	level, linear := lt.resolve(lo, hi)
	if linear > 0 {
		return niceTicker{max: linear}.Ticks(lo, hi)
	}
	return logTicks(lo, hi, level)
}

// sparser implements thinnable: the next level up while it keeps 2
// labels, then linear labels, fewer each time.
func (lt logTicker) sparser(lo, hi float64) (plot.Ticker, bool) {
	n := countLabels(lt.Ticks(lo, hi))
	level, linear := lt.resolve(lo, hi)
	if linear == 0 {
		if up := (logTicker{level: level + 1}); countLabels(up.Ticks(lo, hi)) >= 2 {
			return up, true
		}
	}
	if n <= 2 {
		return lt, false
	}
	return logTicker{linear: n - 1}, true
}

// logTicks returns the ticks of the given level (see logTicker) from lo to
// hi (0 < lo < hi), in increasing order.
func logTicks(lo, hi float64, level int) []plot.Tick {
	tol := 1e-12
	e0, e1 := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	var ticks []plot.Tick
	for e := e0; e <= e1; e++ {
		for m := int64(1); m <= 9; m++ {
			v := niceStep{m: m, exp: e}.value(1)
			if v < lo*(1-tol) || v > hi*(1+tol) {
				continue
			}
			var labelled, minor bool
			switch {
			case level == 0:
				labelled = m == 1 || m == 2 || m == 5
				minor = !labelled
			case m == 1:
				labelled = ((e%level)+level)%level == 0
				minor = !labelled
			default:
				minor = level == 1
			}
			switch {
			case labelled:
				ticks = append(ticks, plot.Tick{Value: v, Label: logLabel(v)})
			case minor:
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	slices.SortFunc(ticks, func(a, b plot.Tick) int { return cmp.Compare(a.Value, b.Value) })
	return ticks
}

// logLabel formats a 1-2-5 value: plainly from 0.001 to 10000, else in
// scientific notation (2e-5, 1e6), which is shorter there.
func logLabel(v float64) string {
	if v >= 1e-3 && v < 1e5 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return tidyExponent(strconv.FormatFloat(v, 'e', -1, 64))
}

// countLabels returns the number of labelled ticks.
func countLabels(ticks []plot.Tick) int {
	n := 0
	for _, t := range ticks {
		if t.Label != "" {
			n++
		}
	}
	return n
}

// logAxisRange is axisRange on a log scale: 0 < lo ≤ hi are padded by
// rangePad of their span in decades, fixed ends are kept exactly, and a
// single value gets half a decade on either side.
func logAxisRange(lo, hi float64, fixLo, fixHi *float64) (float64, float64) {
	log := func(v *float64) *float64 {
		if v == nil {
			return nil
		}
		l := math.Log10(*v)
		return &l
	}
	l, h := axisRange(math.Log10(lo), math.Log10(hi), log(fixLo), log(fixHi), false)
	if l == h {
		l, h = l-0.5, h+0.5
	}
	lo, hi = math.Pow(10, l), math.Pow(10, h)
	if fixLo != nil {
		lo = *fixLo
	}
	if fixHi != nil {
		hi = *fixHi
	}
	return lo, hi
}

// validateLogX reports ErrLogScale for a non-positive x value, mark, point
// or bound when the x axis is logarithmic.
func (p LinePlot) validateLogX() error {
	if !p.LogX {
		return nil
	}
	for i, s := range p.Series {
		for j, x := range s.X {
			if !(x > 0) {
				return fmt.Errorf("series %d (%q): point %d has x = %v: %w", i+1, s.Label, j, x, ErrLogScale)
			}
		}
	}
	for i, b := range p.Bands {
		for j, x := range b.X {
			if !(x > 0) {
				return fmt.Errorf("band %d (%q): point %d has x = %v: %w", i+1, b.Label, j, x, ErrLogScale)
			}
		}
	}
	for i, m := range p.Marks {
		if !(m.X > 0) {
			return fmt.Errorf("mark %d (%q) at x = %v: %w", i+1, m.Label, m.X, ErrLogScale)
		}
	}
	for i, a := range p.Points {
		if !(a.X > 0) {
			return fmt.Errorf("point %d (%q) at x = %v: %w", i+1, a.Label, a.X, ErrLogScale)
		}
	}
	for _, b := range []*float64{p.XMin, p.XMax} {
		if b != nil && !(*b > 0) {
			return fmt.Errorf("x axis bound %v: %w", *b, ErrLogScale)
		}
	}
	return nil
}

// xScale maps x to where it lies along the x axis up to an affine map:
// log10(x) on a log axis, x itself otherwise.
func (p LinePlot) xScale(x float64) float64 {
	if p.LogX {
		return math.Log10(x)
	}
	return x
}

// xAt returns the x value a fraction f along the x axis of plt.
func (p LinePlot) xAt(plt *plot.Plot, f float64) float64 {
	if p.LogX {
		lo, hi := math.Log10(plt.X.Min), math.Log10(plt.X.Max)
		return math.Pow(10, lo+f*(hi-lo))
	}
	return plt.X.Min + f*(plt.X.Max-plt.X.Min)
}

// validateLogY reports ErrLogScale for a non-positive y value, band,
// rule, point or bound when the y axis is logarithmic, and ErrKind for a
// series drawn as bars on it.
func (p LinePlot) validateLogY() error {
	if !p.LogY {
		return nil
	}
	for i, s := range p.Series {
		if s.Kind == Bars {
			return fmt.Errorf("series %d (%q): bars start at 0, which a log y axis cannot show: %w", i+1, s.Label, ErrKind)
		}
		for j, y := range s.Y {
			if !(y > 0) {
				return fmt.Errorf("series %d (%q): point %d has y = %v: %w", i+1, s.Label, j, y, ErrLogScale)
			}
		}
	}
	for i, b := range p.Bands {
		for j := range b.Lo {
			if !(b.Lo[j] > 0) || !(b.Hi[j] > 0) {
				return fmt.Errorf("band %d (%q): point %d spans %v to %v: %w", i+1, b.Label, j, b.Lo[j], b.Hi[j], ErrLogScale)
			}
		}
	}
	for i, r := range p.Rules {
		if !(r.Y > 0) {
			return fmt.Errorf("rule %d (%q) at y = %v: %w", i+1, r.Label, r.Y, ErrLogScale)
		}
	}
	for i, a := range p.Points {
		if !(a.Y > 0) {
			return fmt.Errorf("point %d (%q) at y = %v: %w", i+1, a.Label, a.Y, ErrLogScale)
		}
	}
	for _, b := range []*float64{p.YMin, p.YMax} {
		if b != nil && !(*b > 0) {
			return fmt.Errorf("y axis bound %v: %w", *b, ErrLogScale)
		}
	}
	return nil
}
