package figure

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// Tick counts aimed at by niceTicker: it picks the nice step whose number of
// labelled ticks is closest to [minLabels, maxLabels], and never gives more
// than maxAnyLabels labels.
const (
	minLabels    = 4
	maxLabels    = 7
	maxAnyLabels = 10
)

// niceTicker is a plot.Ticker that labels every multiple of a "nice" step —
// 1, 2 or 5 × 10^k — inside the axis range, so that 0 is labelled whenever
// it is in range, and puts unlabelled minor ticks between the labels: 5 per
// step for steps 1 and 5 × 10^k, 2 per step for 2 × 10^k, so minor ticks are
// also at multiples of 1 or 2 × 10^j.
//
// Labels have as many decimals as the step (0.0, 0.5, 1.0; 0.00, 0.02,
// 0.04), without float noise or a minus sign on zero; very large or very
// small ones are written in scientific notation (see tickLabels).
//
// A positive max caps the number of labels, for axes too short for the
// usual count (see fitTicks); the range then always gets at least one
// label if it holds a multiple of a nice step of its magnitude.
type niceTicker struct{ max int }

var _ plot.Ticker = niceTicker{}

// niceStep is a step m × 10^exp with m in {1, 2, 5}.
type niceStep struct {
	m   int64
	exp int
}

// value returns k × m × 10^exp, computed with a single correctly rounded
// operation (for |exp| ≤ 22) so that the result is the double nearest the
// decimal number and formats without noise.
func (s niceStep) value(k int64) float64 {
	n := float64(k * s.m)
	if s.exp >= 0 {
		return n * math.Pow10(s.exp)
	}
	return n / math.Pow10(-s.exp)
}

// size returns the step as a float64.
func (s niceStep) size() float64 { return s.value(1) }

// minor returns the step of the minor ticks and how many minor intervals
// make one step.
func (s niceStep) minor() (niceStep, int64) {
	switch s.m {
	case 1:
		return niceStep{m: 2, exp: s.exp - 1}, 5
	case 2:
		return niceStep{m: 1, exp: s.exp}, 2
	default: // 5
		return niceStep{m: 1, exp: s.exp}, 5
	}
}

// multiples returns the first and last k with lo ≤ s.value(k) ≤ hi, allowing
// for rounding in lo and hi; first > last if there are none. ok is false if
// the multiples are too many or too large to compute exactly.
func (s niceStep) multiples(lo, hi float64) (first, last int64, ok bool) {
	size := s.size()
	a, b := lo/size, hi/size
	if !(math.Abs(a) < 1<<50 && math.Abs(b) < 1<<50) || size == 0 || math.IsInf(size, 0) {
		return 0, -1, false
	}
	tol := (hi - lo) * 1e-11
	first, last = int64(math.Ceil(a)), int64(math.Floor(b))
	for first > math.MinInt64/2 && s.value(first-1) >= lo-tol {
		first--
	}
	for first < last+2 && s.value(first) < lo-tol {
		first++
	}
	for last < math.MaxInt64/2 && s.value(last+1) <= hi+tol {
		last++
	}
	for last > first-2 && s.value(last) > hi+tol {
		last--
	}
	return first, last, true
}

// Ticks implements plot.Ticker. It returns the ticks in increasing order.
// It accepts lo > hi (the range is swapped), labels lo == hi with the single
// value, and returns no ticks for NaN or infinite bounds.
func (nt niceTicker) Ticks(lo, hi float64) []plot.Tick {
	if !finite(lo) || !finite(hi) {
		return nil
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		return []plot.Tick{{Value: lo, Label: shortLabel(lo)}}
	}
	step, first, last, ok := chooseStep(lo, hi, nt.max)
	if !ok {
		// The range is too narrow for its magnitude (or too wide for
		// float64) to place ticks at round values: label the ends.
		return []plot.Tick{{Value: lo, Label: shortLabel(lo)}, {Value: hi, Label: shortLabel(hi)}}
	}

	labels := tickLabels(step, first, last)
	ticks := make([]plot.Tick, 0, 6*len(labels)+6)
	for k := first; k <= last; k++ {
		ticks = append(ticks, plot.Tick{Value: step.value(k), Label: labels[k-first]})
	}
	mstep, per := step.minor()
	if mfirst, mlast, ok := mstep.multiples(lo, hi); ok {
		for j := mfirst; j <= mlast; j++ {
			if j%per != 0 { // multiples of per are the labelled ticks
				ticks = append(ticks, plot.Tick{Value: mstep.value(j)})
			}
		}
	}
	slices.SortFunc(ticks, func(a, b plot.Tick) int { return cmp.Compare(a.Value, b.Value) })
	return ticks
}

// chooseStep returns the nice step for [lo, hi] (lo < hi) and the range of
// its multiples inside it. Among steps giving 2 to maxAnyLabels labels it
// takes the one whose label count is nearest [minLabels, maxLabels],
// preferring more labels on a tie. A limit above 0 also excludes steps
// giving more than limit labels, and admits a single label.
func chooseStep(lo, hi float64, limit int) (s niceStep, first, last int64, ok bool) {
	most, least := int64(maxAnyLabels), int64(2)
	if limit > 0 {
		// A single label is better than crowded ones.
		most, least = min(most, int64(max(limit, 1))), 1
	}
	span := hi - lo
	if !finite(span) {
		return s, 0, 0, false
	}
	e0 := int(math.Floor(math.Log10(span))) - 2
	bestCost := math.MaxInt
	for e := e0; e <= e0+4; e++ {
		if e < -300 || e > 300 {
			continue
		}
		for _, m := range []int64{1, 2, 5} {
			c := niceStep{m: m, exp: e}
			f, l, good := c.multiples(lo, hi)
			n := l - f + 1
			if !good || n < least || n > most {
				continue
			}
			cost := 0
			if n < minLabels {
				cost = int(minLabels - n)
			} else if n > maxLabels {
				cost = int(n - maxLabels)
			}
			if cost < bestCost {
				bestCost, s, first, last, ok = cost, c, f, l, true
			}
		}
	}
	if ok && !distinct(s, first, last) {
		ok = false
	}
	return s, first, last, ok
}

// distinct reports whether the labelled values are exact and strictly
// increasing, which fails only when the step is below float64 resolution.
func distinct(s niceStep, first, last int64) bool {
	if n := max(abs64(first), abs64(last)) * s.m; n >= 1<<53 {
		return false
	}
	prev := math.Inf(-1)
	for k := first; k <= last; k++ {
		v := s.value(k)
		if !finite(v) || v <= prev {
			return false
		}
		prev = v
	}
	return true
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// tickLabels formats the multiples first…last of s. Normally they are
// written in fixed notation with the step's number of decimals. Labels of
// at least 1e7 or all below 1e-4 in magnitude are written in scientific
// notation instead: each with its own exponent (2e11, 1e12) if they need at
// most 3 significant digits, else — if the fixed labels would be long —
// with a common exponent and equal digits (2.232670e-12, 2.232672e-12).
func tickLabels(s niceStep, first, last int64) []string {
	fixed := make([]string, 0, last-first+1)
	longest := 0
	for k := first; k <= last; k++ {
		l := noNegativeZero(strconv.FormatFloat(s.value(k), 'f', max(0, -s.exp), 64))
		fixed = append(fixed, l)
		longest = max(longest, len(l))
	}
	big := math.Max(math.Abs(s.value(first)), math.Abs(s.value(last)))
	if big < 1e7 && big >= 1e-4 {
		return fixed
	}
	top := max(abs64(first), abs64(last)) * s.m // the largest |k·m|
	if top < 1000 {
		sci := make([]string, 0, len(fixed))
		for k := first; k <= last; k++ {
			l := "0"
			if k != 0 {
				digits := len(strings.TrimRight(strconv.FormatInt(abs64(k*s.m), 10), "0"))
				l = tidyExponent(strconv.FormatFloat(s.value(k), 'e', digits-1, 64))
			}
			sci = append(sci, l)
		}
		return sci
	}
	if longest <= 12 {
		return fixed
	}
	// Common exponent: the label of k is k·m with a decimal point after
	// the first of D digits, where D is the number of digits of top, times
	// 10^(exp+D-1). This is exact string arithmetic on integers.
	d := len(strconv.FormatInt(top, 10))
	exp := tidyExponent("e" + strconv.Itoa(s.exp+d-1))
	sci := make([]string, 0, len(fixed))
	for k := first; k <= last; k++ {
		if k == 0 {
			sci = append(sci, "0")
			continue
		}
		digits := strconv.FormatInt(abs64(k*s.m), 10)
		digits = strings.Repeat("0", d-len(digits)) + digits
		l := digits[:1]
		if d > 1 {
			l += "." + digits[1:]
		}
		if k < 0 {
			l = "-" + l
		}
		sci = append(sci, l+exp)
	}
	return sci
}

// noNegativeZero drops the minus sign from a label that is all zeros, such
// as "-0" or "-0.00".
func noNegativeZero(l string) string {
	if strings.Trim(l, "-0.") == "" {
		return strings.TrimPrefix(l, "-")
	}
	return l
}

// shortLabel formats v with the fewest digits that identify it.
func shortLabel(v float64) string {
	if v == 0 {
		return "0"
	}
	a := math.Abs(v)
	if a >= 1e-4 && a < 1e7 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return tidyExponent(strconv.FormatFloat(v, 'e', -1, 64))
}

// tidyExponent turns Go's "2e+11" and "1.5e-05" into "2e11" and "1.5e-5".
func tidyExponent(s string) string {
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	sign := ""
	switch exp[0] {
	case '-':
		sign = "-"
		exp = exp[1:]
	case '+':
		exp = exp[1:]
	}
	exp = strings.TrimLeft(exp, "0")
	if exp == "" {
		return mant
	}
	return mant + "e" + sign + exp
}
