package numerics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// SmootherWeights returns the Nadaraya–Watson weights
// w_i = K(x_i, x0)/Σ_j K(x_j, x0), computed as the Softmax of LogK.
//
// Working in log space means a tiny bandwidth does not underflow to 0/0: as
// h → 0 all weight goes to the input nearest x0 (split equally on an exact
// tie). The weights are NaN when they are undefined, i.e. when every LogK is
// −Inf (see Softmax), as happens with a compact-support kernel (Epanechnikov,
// Boxcar, Tricube) when no input lies inside its support around x0.
func SmootherWeights(k Kernel, xs []float64, x0 float64) []float64 {
	logits := make([]float64, len(xs))
	for i, x := range xs {
		logits[i] = k.LogK(x, x0)
	}
	return Softmax(logits, logits)
}

// Smooth returns the Nadaraya–Watson estimate Σ_i w_i(q)·y_i at each query
// position q (queries need not be inputs).
//
// An estimate is NaN where the weights are undefined: where no input lies
// inside a compact-support kernel's support around q, and at every query
// when xs is empty. It panics if xs and ys differ in length.
func Smooth(k Kernel, xs, ys, queries []float64) []float64 {
	if len(xs) != len(ys) {
		panic(fmt.Sprintf("numerics: Smooth got %d positions but %d values", len(xs), len(ys)))
	}
	out := make([]float64, len(queries))
	logits := make([]float64, len(xs))
	for j, q := range queries {
		for i, x := range xs {
			logits[i] = k.LogK(x, q)
		}
		out[j] = weightedSum(Softmax(logits, logits), ys)
	}
	return out
}

// SmootherWeightMatrix returns the len(queries)×len(xs) matrix of
// Nadaraya–Watson weights, one row per query.
func SmootherWeightMatrix(k Kernel, xs, queries []float64) [][]float64 {
	rows := make([][]float64, len(queries))
	for j, q := range queries {
		rows[j] = SmootherWeights(k, xs, q)
	}
	return rows
}

// weightedSum returns Σ_i w_i·y_i, or NaN when there are no inputs to
// average.
func weightedSum(w, ys []float64) float64 {
	if len(w) == 0 {
		return math.NaN()
	}
	return floats.Dot(w, ys)
}
