package numerics_test

import (
	"math"
	"testing"
)

// within reports whether got and want differ by at most tol.
func within(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol
}

// checkWeights fails t unless w is a probability vector: every entry finite
// and ≥ 0, and the entries summing to 1 within 1e-12.
func checkWeights(t *testing.T, label string, w []float64) {
	t.Helper()
	sum := 0.0
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%s: weight %d = %v, want a finite number >= 0", label, i, v)
		}
		sum += v
	}
	if !within(sum, 1, 1e-12) {
		t.Fatalf("%s: weights sum to %.17g, want 1", label, sum)
	}
}

// checkAllClose fails t unless got and want have the same length and agree
// elementwise within tol.
func checkAllClose(t *testing.T, label string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values, want %d", label, len(got), len(want))
	}
	for i := range got {
		if !within(got[i], want[i], tol) {
			t.Fatalf("%s: element %d = %.17g, want %.17g (tolerance %g)", label, i, got[i], want[i], tol)
		}
	}
}

// constant returns n copies of c.
func constant(n int, c float64) []float64 {
	ys := make([]float64, n)
	for i := range ys {
		ys[i] = c
	}
	return ys
}

// mean returns the arithmetic mean of ys, summed the plain way.
func mean(ys []float64) float64 {
	s := 0.0
	for _, y := range ys {
		s += y
	}
	return s / float64(len(ys))
}
