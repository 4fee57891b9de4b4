package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestLOOCVMatchesCasesWorkedByHand(t *testing.T) {
	e := math.Exp
	// Gaussian, h = ½, xs = {0, ½, 1}, ys = {1, 2, 4}; log K = −(distance/½)²/2,
	// so distance ½ gives −½ and distance 1 gives −2.
	//   i = 0: the others are ½ (−½) and 1 (−2):
	//          ŷ₀ = (2e^(−½) + 4e^(−2))/(e^(−½) + e^(−2));
	//   i = 1: the others are both ½ away, so ŷ₁ = (1 + 4)/2 and the
	//          residual is 2 − 5/2 = −½;
	//   i = 2: the others are 0 (−2) and ½ (−½):
	//          ŷ₂ = (e^(−2) + 2e^(−½))/(e^(−2) + e^(−½)).
	y0 := (2*e(-0.5) + 4*e(-2)) / (e(-0.5) + e(-2))
	y2 := (e(-2) + 2*e(-0.5)) / (e(-2) + e(-0.5))
	gaussian := ((1-y0)*(1-y0) + 0.25 + (4-y2)*(4-y2)) / 3

	tests := []struct {
		name   string
		k      numerics.Kernel
		xs, ys []float64
		want   float64
	}{
		{"a Gaussian on three points", numerics.Gaussian{Bandwidth: 0.5}, []float64{0, 0.5, 1}, []float64{1, 2, 4}, gaussian},
		// Boxcar, h = 1, xs = {0, 1, 2, 3}, ys = {0, 1, 4, 9}: the inputs
		// within 1 of each (itself left out) are {1}, {0, 2}, {1, 3}, {2}, so
		// ŷ = 1, 2, 5, 4 and the residuals are −1, −1, −1, 5:
		// (1 + 1 + 1 + 25)/4 = 7.
		{"a boxcar on four points", numerics.Boxcar{Bandwidth: 1}, []float64{0, 1, 2, 3}, []float64{0, 1, 4, 9}, 7},
		// Two points predict each other: residuals ±(3 − 1), so (4 + 4)/2.
		{"two points", numerics.Gaussian{Bandwidth: 0.1}, []float64{0, 1}, []float64{1, 3}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := numerics.LOOCV(tc.k, tc.xs, tc.ys); !within(got, tc.want, 1e-15) {
				t.Fatalf("LOOCV = %.17g, want %.17g", got, tc.want)
			}
		})
	}
}

func TestLOOCVIsInfiniteWhenSomeInputHasNoNeighbourInReach(t *testing.T) {
	tests := []struct {
		name string
		k    numerics.Kernel
		xs   []float64
	}{
		{"a boxcar narrower than the spacing", numerics.Boxcar{Bandwidth: 0.5}, []float64{0, 1, 2, 3}},
		// Epanechnikov's support is open: at |u| = 1 exactly K = 0.
		{"an Epanechnikov kernel exactly as wide as the spacing", numerics.Epanechnikov{Bandwidth: 1}, []float64{0, 1, 2, 3}},
		{"a tricube kernel exactly as wide as the spacing", numerics.Tricube{Bandwidth: 1}, []float64{0, 1, 2, 3}},
		// 0 and 0.1 see each other, but 5 sees nothing.
		{"one isolated input among neighbours", numerics.Boxcar{Bandwidth: 1}, []float64{0, 0.1, 5}},
		{"a single input", numerics.Gaussian{Bandwidth: 0.1}, []float64{0.3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ys := make([]float64, len(tc.xs))
			if got := numerics.LOOCV(tc.k, tc.xs, ys); !math.IsInf(got, 1) {
				t.Fatalf("LOOCV = %v, want +Inf", got)
			}
		})
	}
}

func TestLOOCVWithNoInputsIsNaN(t *testing.T) {
	if got := numerics.LOOCV(numerics.Gaussian{Bandwidth: 0.1}, nil, nil); !math.IsNaN(got) {
		t.Fatalf("LOOCV with no inputs = %v, want NaN", got)
	}
}

func TestLOOCVPanicsWhenPositionsAndValuesDifferInLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("LOOCV with 3 positions and 2 values did not panic")
		}
	}()
	numerics.LOOCV(numerics.Gaussian{Bandwidth: 0.1}, []float64{0, 1, 2}, []float64{0, 1})
}

// neighbourAverageError is the leave-one-out error of predicting each point
// of an evenly spaced series by its nearest other points, equally weighted:
// both neighbours for an interior point, the single neighbour at each end,
// (1/n)·[(y₀ − y₁)² + Σ_{0<i<n−1} (y_i − (y_{i−1} + y_{i+1})/2)² + (y_{n−1} − y_{n−2})²].
func neighbourAverageError(ys []float64) float64 {
	n := len(ys)
	sum := (ys[0] - ys[1]) * (ys[0] - ys[1])
	for i := 1; i < n-1; i++ {
		r := ys[i] - (ys[i-1]+ys[i+1])/2
		sum += r * r
	}
	sum += (ys[n-1] - ys[n-2]) * (ys[n-1] - ys[n-2])
	return sum / float64(n)
}

func TestLOOCVAtATinyBandwidthPredictsEachPointFromItsNearestNeighbours(t *testing.T) {
	// LOOCV does not tend to 0 as h → 0, even for noiseless data: leaving
	// x_i out, a vanishing bandwidth puts all the weight on the nearest
	// *other* input, so ŷ_{−i}(x_i) is the nearest neighbour's value (the
	// average of the two on an exact tie), and the limit is the error of
	// that prediction.
	t.Run("on an evenly spaced grid ties go to both neighbours", func(t *testing.T) {
		// x_i = i/64 is exact in binary, so the two neighbours of an
		// interior point are exactly equally far and get weight ½ each. With
		// h = 1e-4 the neighbours' log-kernel is −(156.25)²/2 and the next
		// points' is −(312.5)²/2, about 36600 lower, so everything else gets
		// e^(−36600) = 0 exactly.
		xs := make([]float64, 64)
		for i := range xs {
			xs[i] = float64(i) / 64
		}
		ys := numerics.DefaultSignal().Sample(xs)
		got := numerics.LOOCV(numerics.Gaussian{Bandwidth: 1e-4}, xs, ys)
		if want := neighbourAverageError(ys); !within(got, want, 1e-16) {
			t.Fatalf("LOOCV = %.17g, want %.17g", got, want)
		}
		if got <= 0 {
			t.Fatalf("LOOCV of a noiseless signal at h → 0 = %v, want the neighbours' error > 0", got)
		}
	})
	t.Run("with uneven gaps each point takes its single nearest neighbour", func(t *testing.T) {
		// The gaps 0.1, 0.2, 0.4, 0.8 give every point one nearest other
		// point: 0 → 0.1, 0.1 → 0, 0.3 → 0.1, 0.7 → 0.3, 1.5 → 0.7. At
		// h = 1e-3 the runner-up trails by at least (0.2² − 0.1²)/(2·1e-6) =
		// 15000 in log K, so the nearest takes weight 1. The residuals are
		// 1 − 3, 3 − 1, −2 − 3, 5 + 2, 4 − 5: (4 + 4 + 25 + 49 + 1)/5 = 83/5.
		xs := []float64{0, 0.1, 0.3, 0.7, 1.5}
		ys := []float64{1, 3, -2, 5, 4}
		if got := numerics.LOOCV(numerics.Gaussian{Bandwidth: 1e-3}, xs, ys); !within(got, 83.0/5, 1e-14) {
			t.Fatalf("LOOCV = %.17g, want 83/5", got)
		}
	})
}

// leaveOneOutVariance is the h → ∞ limit of LOOCV. Every other input then
// has the same weight, so ŷ_{−i} is the mean of the others,
// (nȳ − y_i)/(n−1), and the residual is y_i − (nȳ − y_i)/(n−1) =
// n·(y_i − ȳ)/(n−1). Squaring and averaging gives
// (n/(n−1))²·(1/n)·Σ_i (y_i − ȳ)²: the variance, inflated because each
// point is compared with a mean that leaves it out.
func leaveOneOutVariance(ys []float64) float64 {
	n := float64(len(ys))
	m := mean(ys)
	ss := 0.0
	for _, y := range ys {
		ss += (y - m) * (y - m)
	}
	return (n / (n - 1)) * (n / (n - 1)) * ss / n
}

func TestLOOCVAtAHugeBandwidthIsTheInflatedVariance(t *testing.T) {
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	want := leaveOneOutVariance(ys)
	tests := []struct {
		name string
		k    numerics.Kernel
		tol  float64
	}{
		// Every distance in [0, 1) is within 10, so every log K is exactly 0
		// and the weights are exactly equal.
		{"a boxcar wider than the data", numerics.Boxcar{Bandwidth: 10}, 1e-15},
		// log K ≥ −(1/1e6)²/2 = −5e-13, so the weights are equal to about
		// that relative accuracy.
		{"a Gaussian with h = 1e6", numerics.Gaussian{Bandwidth: 1e6}, 1e-11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := numerics.LOOCV(tc.k, xs, ys); !within(got, want, tc.tol) {
				t.Fatalf("LOOCV = %.17g, want %.17g", got, want)
			}
		})
	}
}

// noisyPreset returns the explainer's noisy data: the default signal plus
// noise of standard deviation 0.2 (seed 1) on Grid(50).
func noisyPreset() (xs, ys []float64) {
	xs = numerics.Grid(50)
	return xs, numerics.Signal{Terms: numerics.DefaultSignal().Terms, Noise: 0.2, Seed: 1}.Sample(xs)
}

// geometric returns n values from lo to hi (both included) with a constant
// ratio between neighbours.
func geometric(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for j := range out {
		out[j] = lo * math.Pow(hi/lo, float64(j)/float64(n-1))
	}
	out[n-1] = hi
	return out
}

func TestLOOCVCurveOnTheNoisyPresetHasAnInteriorMinimum(t *testing.T) {
	// Too small a bandwidth predicts each point from its noisy neighbours
	// alone (variance); too large a one flattens the signal (bias). In
	// between there is a best bandwidth.
	xs, ys := noisyPreset()
	hs := geometric(0.005, 0.3, 30)
	curve := numerics.LOOCVCurve(xs, ys, hs, func(h float64) numerics.Kernel { return numerics.Gaussian{Bandwidth: h} })
	if len(curve) != len(hs) {
		t.Fatalf("got %d values for %d bandwidths", len(curve), len(hs))
	}
	for j, h := range hs {
		if got := numerics.LOOCV(numerics.Gaussian{Bandwidth: h}, xs, ys); curve[j] != got {
			t.Fatalf("curve at h = %v is %v but LOOCV gives %v", h, curve[j], got)
		}
	}
	best := numerics.ArgMin(curve)
	if best <= 0 || best >= len(hs)-1 || !(curve[best] < curve[0]) || !(curve[best] < curve[len(hs)-1]) {
		t.Fatalf("minimum %v at h = %v (index %d) is not strictly inside the curve, whose ends are %v and %v",
			curve[best], hs[best], best, curve[0], curve[len(hs)-1])
	}
	// At h = 0.005 on a grid of spacing 0.02 the neighbours have
	// log K = −(0.02/0.005)²/2 = −8 and the next inputs −32, so the curve's
	// left end is the h → 0 limit up to weights of about e^(−24) ≈ 4e-11.
	if !within(curve[0], neighbourAverageError(ys), 1e-9) {
		t.Fatalf("LOOCV at h = 0.005 is %.17g, want the neighbour-average error %.17g", curve[0], neighbourAverageError(ys))
	}
}

func TestLOOCVCurveWithABoxcarSpansBothLimits(t *testing.T) {
	// On Grid(50) (spacing 0.02): h = 0.01 reaches no other input (+Inf);
	// h = 0.03 reaches exactly the one or two neighbours, with equal weights,
	// which is the h → 0 limit of a Gaussian; h = 10 reaches every input
	// equally, the h → ∞ limit.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	curve := numerics.LOOCVCurve(xs, ys, []float64{0.01, 0.03, 10}, func(h float64) numerics.Kernel { return numerics.Boxcar{Bandwidth: h} })
	if !math.IsInf(curve[0], 1) {
		t.Fatalf("LOOCV at h = 0.01 = %v, want +Inf", curve[0])
	}
	if want := neighbourAverageError(ys); !within(curve[1], want, 1e-16) {
		t.Fatalf("LOOCV at h = 0.03 = %.17g, want %.17g", curve[1], want)
	}
	if want := leaveOneOutVariance(ys); !within(curve[2], want, 1e-15) {
		t.Fatalf("LOOCV at h = 10 = %.17g, want %.17g", curve[2], want)
	}
	if got := numerics.ArgMin(curve); got != 1 {
		t.Fatalf("ArgMin = %d, want 1 (the +Inf entry is never the minimum)", got)
	}
}

func TestArgMin(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		v    []float64
		want int
	}{
		{"an empty slice has no minimum", nil, -1},
		{"a single value is the minimum", []float64{3}, 0},
		{"the smallest value wins", []float64{3, -1, 2}, 1},
		{"the first of equal minima wins", []float64{2, 1, 5, 1}, 1},
		{"NaN is skipped", []float64{nan, 4, nan, 3}, 3},
		{"all NaN has no minimum", []float64{nan, nan}, -1},
		{"+Inf loses to any number", []float64{inf, 7, inf}, 1},
		{"all +Inf gives the first", []float64{inf, inf}, 0},
		{"−Inf wins", []float64{0, -inf, -1e300}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := numerics.ArgMin(tc.v); got != tc.want {
				t.Fatalf("ArgMin(%v) = %d, want %d", tc.v, got, tc.want)
			}
		})
	}
}
