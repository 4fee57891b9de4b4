package numerics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestCompactKernelsHaveTheirDocumentedShapes(t *testing.T) {
	// KernelProfile is exp(LogK), so it is K itself, 1 at the centre and 0
	// outside the support.
	tests := []struct {
		name   string
		k      numerics.Kernel
		center float64
		xs     []float64
		want   []float64
	}{
		{
			// h = 2, centre 1: x = 1, 2, 0, 3, 4, 0.25 give u = 0, ½, −½, 1,
			// 3/2, −3/8, and K = 1 − u² = 1, ¾, ¾, 0 (the edge), 0, 55/64.
			name:   "Epanechnikov is 1 − u² inside |u| < 1",
			k:      numerics.Epanechnikov{Bandwidth: 2},
			center: 1,
			xs:     []float64{1, 2, 0, 3, 4, 0.25},
			want:   []float64{1, 0.75, 0.75, 0, 0, 55.0 / 64},
		},
		{
			// h = ½, centre 0: u = 0, 1, −1, ½ are inside (the edge included),
			// u = 1 + 2e-7 and 4 are outside.
			name:   "Boxcar is 1 for |u| ≤ 1, edge included",
			k:      numerics.Boxcar{Bandwidth: 0.5},
			center: 0,
			xs:     []float64{0, 0.5, -0.5, 0.25, 0.5000001, 2},
			want:   []float64{1, 1, 1, 1, 0, 0},
		},
		{
			// h = 1, centre 0: u = ½ gives (1 − 1/8)³ = 343/512 on either side,
			// u = ¾ gives (1 − 27/64)³ = (37/64)³, and u = 1 and 3/2 give 0.
			name:   "Tricube is (1 − |u|³)³ inside |u| < 1",
			k:      numerics.Tricube{Bandwidth: 1},
			center: 0,
			xs:     []float64{0, 0.5, -0.5, 0.75, 1, -1.5},
			want:   []float64{1, 343.0 / 512, 343.0 / 512, 37.0 * 37 * 37 / (64 * 64 * 64), 0, 0},
		},
		{
			// h = 1, centre 0: K = e^(−x²/2), never 0 at these distances.
			name:   "Gaussian is exp(−u²/2) everywhere",
			k:      numerics.Gaussian{Bandwidth: 1},
			center: 0,
			xs:     []float64{0, 1, -2, 3},
			want:   []float64{1, math.Exp(-0.5), math.Exp(-2), math.Exp(-4.5)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkAllClose(t, "KernelProfile", numerics.KernelProfile(tc.k, tc.center, tc.xs), tc.want, 1e-15)
		})
	}
}

func TestCompactKernelsAreSymmetricAndPeakAtTheQuery(t *testing.T) {
	kernels := map[string]numerics.Kernel{
		"Epanechnikov": numerics.Epanechnikov{Bandwidth: 0.3},
		"Boxcar":       numerics.Boxcar{Bandwidth: 0.3},
		"Tricube":      numerics.Tricube{Bandwidth: 0.3},
	}
	for name, k := range kernels {
		t.Run(name, func(t *testing.T) {
			if got := k.LogK(0.4, 0.4); got != 0 {
				t.Fatalf("LogK at distance 0 = %v, want 0 (K = 1)", got)
			}
			for _, d := range []float64{0.01, 0.1, 0.2, 0.25, 0.5, 7} {
				l, r := k.LogK(0.4-d, 0.4), k.LogK(0.4+d, 0.4)
				if !within(l, r, 1e-12) && !(math.IsInf(l, -1) && math.IsInf(r, -1)) {
					t.Fatalf("LogK at −%v = %v but at +%v = %v", d, l, d, r)
				}
				if l > 0 {
					t.Fatalf("LogK at distance %v = %v exceeds the peak value 0", d, l)
				}
			}
			if got := k.LogK(0.4+0.31, 0.4); !math.IsInf(got, -1) {
				t.Fatalf("LogK just beyond the bandwidth = %v, want −Inf", got)
			}
		})
	}
}

func TestCompactKernelSmoothersMatchCasesWorkedByHand(t *testing.T) {
	xs := []float64{0, 0.5, 1}
	ys := []float64{1, 2, 4}
	tests := []struct {
		name        string
		k           numerics.Kernel
		x0          float64
		wantWeights []float64
		wantValue   float64
	}{
		{
			// h = 1 at 0.25: u = −¼, ¼, ¾, so K = 15/16, 15/16, 7/16, the
			// weights are 15:15:7 out of 37 and the estimate is
			// (15 + 30 + 28)/37 = 73/37.
			name:        "Epanechnikov, h = 1, at 0.25",
			k:           numerics.Epanechnikov{Bandwidth: 1},
			x0:          0.25,
			wantWeights: []float64{15.0 / 37, 15.0 / 37, 7.0 / 37},
			wantValue:   73.0 / 37,
		},
		{
			// h = ½ at 0.25: 0 and 0.5 are ¼ away (inside), 1 is ¾ away
			// (outside), so the estimate is the plain average (1 + 2)/2.
			name:        "Boxcar, h = ½, at 0.25",
			k:           numerics.Boxcar{Bandwidth: 0.5},
			x0:          0.25,
			wantWeights: []float64{0.5, 0.5, 0},
			wantValue:   1.5,
		},
		{
			// h = 1 at 0: u = 0, ½, 1, so K = 1, 343/512, 0; the weights are
			// 512:343:0 out of 855 and the estimate (512 + 686)/855.
			name:        "Tricube, h = 1, at 0",
			k:           numerics.Tricube{Bandwidth: 1},
			x0:          0,
			wantWeights: []float64{512.0 / 855, 343.0 / 855, 0},
			wantValue:   1198.0 / 855,
		},
		{
			// h = 0.1 at 0.05: only 0 is inside the support, so it takes all
			// the weight and the estimate is y_0 exactly.
			name:        "Epanechnikov with a single input in range",
			k:           numerics.Epanechnikov{Bandwidth: 0.1},
			x0:          0.05,
			wantWeights: []float64{1, 0, 0},
			wantValue:   1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkAllClose(t, "weights", numerics.SmootherWeights(tc.k, xs, tc.x0), tc.wantWeights, 1e-15)
			checkAllClose(t, "estimate", numerics.Smooth(tc.k, xs, ys, []float64{tc.x0}), []float64{tc.wantValue}, 1e-15)
		})
	}
}

func TestCompactKernelsGiveNaNWhereNoInputIsInTheirSupport(t *testing.T) {
	// At 0.25 with h = 0.1 the nearest input is 0.25 away, outside every
	// support, so every LogK is −Inf and the weights are undefined.
	xs := []float64{0, 0.5, 1}
	ys := []float64{1, 2, 4}
	for _, k := range []numerics.Kernel{numerics.Epanechnikov{Bandwidth: 0.1}, numerics.Boxcar{Bandwidth: 0.1}, numerics.Tricube{Bandwidth: 0.1}} {
		for i, w := range numerics.SmootherWeights(k, xs, 0.25) {
			if !math.IsNaN(w) {
				t.Fatalf("%T: weight %d = %v, want NaN", k, i, w)
			}
		}
		got := numerics.Smooth(k, xs, ys, []float64{0.25, 0.5})
		if !math.IsNaN(got[0]) {
			t.Fatalf("%T: estimate with no input in range = %v, want NaN", k, got[0])
		}
		if got[1] != 2 {
			t.Fatalf("%T: estimate at the input 0.5 alone in range = %v, want 2", k, got[1])
		}
	}
}

func TestCompactKernelSmoothersKeepTheirProperties(t *testing.T) {
	// Wide enough that every query in [0, 1) has an input within reach.
	xs := numerics.Grid(50)
	ys := constant(len(xs), 3.7)
	queries := []float64{0, 0.37, 0.5, 0.98, 0.999}
	for _, k := range []numerics.Kernel{numerics.Epanechnikov{Bandwidth: 0.05}, numerics.Boxcar{Bandwidth: 0.05}, numerics.Tricube{Bandwidth: 0.05}} {
		for _, q := range queries {
			checkWeights(t, "SmootherWeights", numerics.SmootherWeights(k, xs, q))
		}
		checkAllClose(t, "smoothed constant", numerics.Smooth(k, xs, ys, queries), constant(len(queries), 3.7), 1e-12)
	}
}

func TestKernelsRejectBandwidthsThatAreNotPositiveAndFinite(t *testing.T) {
	type validator interface{ Validate() error }
	constructors := map[string]func(h float64) (validator, error){
		"Gaussian":     func(h float64) (validator, error) { return numerics.NewGaussian(h) },
		"Epanechnikov": func(h float64) (validator, error) { return numerics.NewEpanechnikov(h) },
		"Boxcar":       func(h float64) (validator, error) { return numerics.NewBoxcar(h) },
		"Tricube":      func(h float64) (validator, error) { return numerics.NewTricube(h) },
	}
	tests := []struct {
		name    string
		h       float64
		wantErr string
	}{
		{"a negative bandwidth", -0.2, "bandwidth must be > 0, got -0.2"},
		{"a zero bandwidth", 0, "bandwidth must be > 0, got 0"},
		{"a NaN bandwidth", math.NaN(), "bandwidth must be finite, got NaN"},
		{"an infinite bandwidth", math.Inf(1), "bandwidth must be finite, got +Inf"},
	}
	for kernel, newKernel := range constructors {
		for _, tc := range tests {
			t.Run(kernel+" with "+tc.name, func(t *testing.T) {
				k, err := newKernel(tc.h)
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("constructor error = %v, want %q", err, tc.wantErr)
				}
				// The kernel returned alongside the error is the zero value.
				if err := k.Validate(); err == nil || err.Error() != "bandwidth must be > 0, got 0" {
					t.Fatalf("constructor returned a non-zero kernel alongside its error (its Validate() = %v)", err)
				}
			})
		}
		k, err := newKernel(0.1)
		if err != nil || k.Validate() != nil {
			t.Fatalf("%s with h = 0.1: error %v, want none", kernel, err)
		}
	}
	for _, k := range []validator{numerics.Epanechnikov{Bandwidth: -1}, numerics.Boxcar{Bandwidth: math.NaN()}, numerics.Tricube{Bandwidth: math.Inf(-1)}} {
		if err := k.Validate(); err == nil || !strings.Contains(err.Error(), "bandwidth") {
			t.Fatalf("%T.Validate() = %v, want a bandwidth error", k, err)
		}
	}
}

func TestBoxcarWindowsOnAGridHaveTheirFullSize(t *testing.T) {
	// On the grid x_i = i/n a bandwidth h = m/n reaches exactly m grid steps,
	// so the window of query j holds the inputs i with |i − j| ≤ m: m on
	// either side and the query itself, 2m + 1 inputs, cut short at the
	// ends to min(j, m) + min(n−1−j, m) + 1. At h = 0.1 on n = 50 (m = 5)
	// every interior window has 11 inputs. The distance (i − j)/n is
	// rounded, often to just above h (0.54 − 0.44 = 0.10000000000000003),
	// and such an input must still count as on the edge. Each estimate is
	// then the plain mean of its window: the moving average.
	for _, tc := range []struct {
		n int
		h float64
		m int
	}{{50, 0.1, 5}, {50, 0.3, 15}, {20, 0.05, 1}, {100, 0.07, 7}, {1000, 0.1, 100}, {40, 0.025, 1}} {
		xs := numerics.Grid(tc.n)
		ys := make([]float64, tc.n)
		for i := range ys {
			ys[i] = float64(i * i) // any values; squares tell windows apart
		}
		k := numerics.Boxcar{Bandwidth: tc.h}
		est := numerics.Smooth(k, xs, ys, xs)
		for j, x0 := range xs {
			lo, hi := max(j-tc.m, 0), min(j+tc.m, tc.n-1)
			inside, mean := 0, 0.0
			for i, w := range numerics.SmootherWeights(k, xs, x0) {
				if w > 0 {
					inside++
					if i < lo || i > hi {
						t.Fatalf("n = %d, h = %v: query %d gives weight to input %d, outside %d…%d", tc.n, tc.h, j, i, lo, hi)
					}
				}
			}
			if want := hi - lo + 1; inside != want {
				t.Fatalf("n = %d, h = %v: the window of query %d has %d inputs, want %d (%d…%d)", tc.n, tc.h, j, inside, want, lo, hi)
			}
			for i := lo; i <= hi; i++ {
				mean += ys[i] / float64(hi-lo+1)
			}
			if !within(est[j], mean, 1e-9*mean+1e-12) {
				t.Fatalf("n = %d, h = %v: estimate at query %d = %v, want the window mean %v", tc.n, tc.h, j, est[j], mean)
			}
		}
	}
}

func TestBoxcarEdgeAllowsRoundingOnly(t *testing.T) {
	// The allowance is about 8.9e-16·(|u| + |v| + h): an input 1e-12 beyond
	// the edge is outside, one at the rounded edge inside, an infinite
	// position is outside and a NaN one undefined.
	k := numerics.Boxcar{Bandwidth: 0.1}
	for _, tc := range []struct {
		u, v, want float64
	}{
		{0.54, 0.44, 0}, // computes to 0.10000000000000003
		{0.44 + 0.1 + 1e-12, 0.44, math.Inf(-1)},
		{1e6 + 0.1, 1e6, 0}, // the allowance grows with the positions
		{1e6 + 0.1 + 1e-8, 1e6, math.Inf(-1)},
		{math.Inf(1), 0, math.Inf(-1)},
		{0, math.Inf(-1), math.Inf(-1)},
	} {
		if got := k.LogK(tc.u, tc.v); got != tc.want {
			t.Errorf("LogK(%v, %v) = %v, want %v", tc.u, tc.v, got, tc.want)
		}
	}
	for _, got := range []float64{k.LogK(math.NaN(), 0), k.LogK(math.Inf(1), math.Inf(1))} {
		if !math.IsNaN(got) {
			t.Errorf("LogK with a NaN or undefined distance = %v, want NaN", got)
		}
	}
}
