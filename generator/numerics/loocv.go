package numerics

import (
	"fmt"
	"math"
)

// LOOCV returns the leave-one-out cross-validation error
// (1/n)·Σ_i (y_i − ŷ_{−i}(x_i))², where ŷ_{−i} is the Nadaraya–Watson
// estimate with kernel k from every input except the i-th: each input is
// predicted from the others alone, so the error cannot be driven to zero by
// letting every point explain itself.
//
// It returns +Inf if, for some i, no other input has positive weight
// (every other LogK(x_j, x_i) is −Inf), as happens with a compact-support
// kernel narrower than the gap to x_i's nearest neighbour, and always when
// n = 1. It returns NaN when there are no inputs and panics if xs and ys
// differ in length.
func LOOCV(k Kernel, xs, ys []float64) float64 {
	if len(xs) != len(ys) {
		panic(fmt.Sprintf("numerics: LOOCV got %d positions but %d values", len(xs), len(ys)))
	}
	n := len(xs)
	if n == 0 {
		return math.NaN()
	}
	logits := make([]float64, n-1)
	others := make([]float64, n-1)
	sum := 0.0
	for i, x0 := range xs {
		m, inSupport := 0, false
		for j, x := range xs {
			if j == i {
				continue
			}
			logits[m], others[m] = k.LogK(x, x0), ys[j]
			inSupport = inSupport || !math.IsInf(logits[m], -1)
			m++
		}
		if !inSupport {
			return math.Inf(1)
		}
		r := ys[i] - weightedSum(Softmax(logits, logits), others)
		sum += r * r
	}
	return sum / float64(n)
}

// LOOCVCurve returns LOOCV(kernel(h), xs, ys) for each bandwidth h, for
// plotting the cross-validation error against the bandwidth; kernel must
// accept every h given.
func LOOCVCurve(xs, ys, bandwidths []float64, kernel func(h float64) Kernel) []float64 {
	out := make([]float64, len(bandwidths))
	for j, h := range bandwidths {
		out[j] = LOOCV(kernel(h), xs, ys)
	}
	return out
}

// ArgMin returns the index of the smallest element of v, the first one on a
// tie, skipping NaN; it returns −1 if v is empty or all NaN.
func ArgMin(v []float64) int {
	best := -1
	for i, x := range v {
		if math.IsNaN(x) {
			continue
		}
		if best < 0 || x < v[best] {
			best = i
		}
	}
	return best
}
