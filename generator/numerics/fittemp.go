package numerics

import (
	"fmt"
	"math"
)

// The temperatures FitTemperature searches: fitScanPoints values evenly
// spaced in log T from fitMinT to fitMaxT (ten a decade), then refined.
const (
	fitMinT       = 1e-3
	fitMaxT       = 1e3
	fitScanPoints = 61
	fitRefineIter = 80
)

// FitTemperature returns the temperature T that minimises WeightLoss of a
// (with its W_q and W_k fixed) against the n×n target weights over the
// inputs xs, and the loss there: the best fit of attention's kernel with
// one knob, its width. It is the baseline a trained attention is measured
// against: with W_q = W_k = diag(1,1,0,0) on SeedEncoding it is the best
// the cosine kernel exp(cos 2π(x_i − x_o)/(2T)) alone can do.
//
// It evaluates the loss at 61 temperatures evenly spaced in log T from
// 0.001 to 1000, then narrows the interval around the lowest by
// golden-section search in log T to a relative width below 1e-12. It finds
// the global minimum in that range when the loss has no second dip
// narrower than a tenth of a decade; a minimum beyond the range is reported
// at its end. It returns an error if a (with any temperature) is invalid,
// xs is empty or target is not n×n.
func FitTemperature(a Attention, xs []float64, target [][]float64) (temp, loss float64, err error) {
	a.Temperature = 1
	if err := a.Validate(); err != nil {
		return 0, 0, err
	}
	if len(xs) == 0 {
		return 0, 0, fmt.Errorf("no input positions")
	}
	if len(target) != len(xs) {
		return 0, 0, fmt.Errorf("%d inputs but %d target rows", len(xs), len(target))
	}
	for o, row := range target {
		if len(row) != len(xs) {
			return 0, 0, fmt.Errorf("%d inputs but target row %d has %d entries", len(xs), o, len(row))
		}
	}
	at := func(logT float64) float64 {
		a.Temperature = math.Exp(logT)
		return WeightLoss(a, xs, target)
	}
	lo, hi := math.Log(fitMinT), math.Log(fitMaxT)
	step := (hi - lo) / (fitScanPoints - 1)
	best, bestLoss := 0, math.Inf(1)
	for k := range fitScanPoints {
		if l := at(lo + float64(k)*step); l < bestLoss {
			best, bestLoss = k, l
		}
	}
	a0 := lo + float64(max(best-1, 0))*step
	b0 := lo + float64(min(best+1, fitScanPoints-1))*step
	logT := goldenMin(at, a0, b0, fitRefineIter)
	if l := at(logT); l <= bestLoss {
		return math.Exp(logT), l, nil
	}
	return math.Exp(lo + float64(best)*step), bestLoss, nil
}

// goldenMin returns an approximate minimiser of f on [a, b] by golden-section
// search, narrowing the interval at most iter times (each by a factor of
// about 0.618) or until it is narrower than 1e-12.
func goldenMin(f func(float64) float64, a, b float64, iter int) float64 {
	r := (math.Sqrt(5) - 1) / 2
	c, d := b-r*(b-a), a+r*(b-a)
	fc, fd := f(c), f(d)
	for range iter {
		if b-a < 1e-12 {
			break
		}
		if fc <= fd {
			b, d, fd = d, c, fc
			c = b - r*(b-a)
			fc = f(c)
		} else {
			a, c, fc = c, d, fd
			d = a + r*(b-a)
			fd = f(d)
		}
	}
	return (a + b) / 2
}
