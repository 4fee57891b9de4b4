package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestGaussianSmootherMatchesAThreePointCaseWorkedByHand(t *testing.T) {
	// xs = {0, 0.5, 1}, ys = {1, 2, 4}, h = 0.5, so log K(x_i, x0) =
	// −((x_i − x0)/0.5)²/2: a distance of 0.5 gives −1/2, 1 gives −2 and 1.5
	// gives −9/2.
	xs := []float64{0, 0.5, 1}
	ys := []float64{1, 2, 4}
	g := numerics.Gaussian{Bandwidth: 0.5}
	e := math.Exp
	tests := []struct {
		name        string
		x0          float64
		wantWeights []float64
		wantValue   float64
	}{
		{
			// Distances 0.5, 0, 0.5: weights ∝ {e^(−1/2), 1, e^(−1/2)}.
			name:        "at the middle input",
			x0:          0.5,
			wantWeights: []float64{e(-0.5) / (1 + 2*e(-0.5)), 1 / (1 + 2*e(-0.5)), e(-0.5) / (1 + 2*e(-0.5))},
			wantValue:   (e(-0.5)*1 + 2 + e(-0.5)*4) / (1 + 2*e(-0.5)),
		},
		{
			// Distances 0, 0.5, 1: weights ∝ {1, e^(−1/2), e^(−2)}.
			name: "at the left end",
			x0:   0,
			wantWeights: []float64{
				1 / (1 + e(-0.5) + e(-2)),
				e(-0.5) / (1 + e(-0.5) + e(-2)),
				e(-2) / (1 + e(-0.5) + e(-2)),
			},
			wantValue: (1 + 2*e(-0.5) + 4*e(-2)) / (1 + e(-0.5) + e(-2)),
		},
		{
			// Distances 1.5, 1, 0.5: weights ∝ {e^(−9/2), e^(−2), e^(−1/2)}.
			name: "at a query outside the inputs",
			x0:   1.5,
			wantWeights: []float64{
				e(-4.5) / (e(-4.5) + e(-2) + e(-0.5)),
				e(-2) / (e(-4.5) + e(-2) + e(-0.5)),
				e(-0.5) / (e(-4.5) + e(-2) + e(-0.5)),
			},
			wantValue: (e(-4.5) + 2*e(-2) + 4*e(-0.5)) / (e(-4.5) + e(-2) + e(-0.5)),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkAllClose(t, "weights", numerics.SmootherWeights(g, xs, tc.x0), tc.wantWeights, 1e-15)
			checkAllClose(t, "estimate", numerics.Smooth(g, xs, ys, []float64{tc.x0}), []float64{tc.wantValue}, 1e-14)
		})
	}
}

// smootherSettings are the bandwidths the property tests sweep, from "every
// point is its own neighbourhood" to "everything is one neighbourhood".
var smootherSettings = []float64{1e-6, 0.01, 0.1, 1, 1e6}

// propertyQueries mixes inputs, points between inputs and points outside
// [0, 1).
var propertyQueries = []float64{0, 0.37, 0.5, 0.98, 0.999, -0.3, 1.7}

func TestSmootherWeightsAreNonNegativeAndSumToOne(t *testing.T) {
	xs := numerics.Grid(50)
	for _, h := range smootherSettings {
		g := numerics.Gaussian{Bandwidth: h}
		for _, q := range propertyQueries {
			checkWeights(t, "SmootherWeights", numerics.SmootherWeights(g, xs, q))
		}
		for _, row := range numerics.SmootherWeightMatrix(g, xs, propertyQueries) {
			checkWeights(t, "SmootherWeightMatrix row", row)
		}
	}
}

func TestSmootherReturnsAConstantSignalUnchanged(t *testing.T) {
	xs := numerics.Grid(50)
	ys := constant(len(xs), 3.7)
	for _, h := range smootherSettings {
		got := numerics.Smooth(numerics.Gaussian{Bandwidth: h}, xs, ys, propertyQueries)
		checkAllClose(t, "smoothed constant", got, constant(len(propertyQueries), 3.7), 1e-12)
	}
}

func TestTinyBandwidthReturnsEachInputsOwnValue(t *testing.T) {
	// With h = 1e-6 and grid spacing 0.02 a neighbour's log-kernel is
	// −(0.02/1e-6)²/2 = −2e8, whose exponential is exactly 0, so each input
	// keeps weight exactly 1 on itself and the estimate is exact.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	got := numerics.Smooth(numerics.Gaussian{Bandwidth: 1e-6}, xs, ys, xs)
	checkAllClose(t, "tiny-bandwidth smooth at the inputs", got, ys, 0)
}

func TestTinyBandwidthReturnsTheNearestInputsValueBetweenInputs(t *testing.T) {
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	g := numerics.Gaussian{Bandwidth: 1e-6}
	const step = 1.0 / 50
	tests := []struct {
		name    string
		query   float64
		nearest int
	}{
		{"30% of the way from x_10 to x_11 is nearer x_10", xs[10] + 0.3*step, 10},
		{"70% of the way from x_10 to x_11 is nearer x_11", xs[10] + 0.7*step, 11},
		{"just past the last input is nearest the last input", 0.995, 49},
		{"left of the grid is nearest the first input", -0.1, 0},
		{"far right of the grid is nearest the last input", 1.2, 49},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := numerics.Smooth(g, xs, ys, []float64{tc.query})[0]
			if got != ys[tc.nearest] {
				t.Fatalf("Smooth at %v = %v, want y_%d = %v", tc.query, got, tc.nearest, ys[tc.nearest])
			}
		})
	}
}

func TestTinyBandwidthSplitsAnExactTieEvenly(t *testing.T) {
	// 0.5 is exactly 0.5 from both 0 and 1, so both log-kernels are
	// −(0.5/1e-6)²/2 and the weights are 1/2 each.
	xs := []float64{0, 1}
	w := numerics.SmootherWeights(numerics.Gaussian{Bandwidth: 1e-6}, xs, 0.5)
	checkAllClose(t, "tie weights", w, []float64{0.5, 0.5}, 0)
}

func TestHugeBandwidthReturnsTheMeanOfTheValues(t *testing.T) {
	// With h = 1e6 every log-kernel is within (1.7/1e6)²/2 ≈ 1.5e-12 of 0, so
	// the weights are 1/n to about that relative accuracy.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	got := numerics.Smooth(numerics.Gaussian{Bandwidth: 1e6}, xs, ys, propertyQueries)
	checkAllClose(t, "huge-bandwidth smooth", got, constant(len(propertyQueries), mean(ys)), 1e-11)
}

func TestSmootherAtTheSeedSettingsMatchesANaiveSum(t *testing.T) {
	// A second, deliberately naive implementation: Σ K y / Σ K with
	// K = exp(−(x − x0)²/(2h²)), no log space, no max subtraction. At h = 0.1
	// on [0, 1) nothing underflows, so the two must agree.
	const h = 0.1
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	for _, x0 := range []float64{0.5, 0.313, 0} {
		num, den := 0.0, 0.0
		for i, x := range xs {
			k := math.Exp(-(x - x0) * (x - x0) / (2 * h * h))
			num += k * ys[i]
			den += k
		}
		got := numerics.Smooth(numerics.Gaussian{Bandwidth: h}, xs, ys, []float64{x0})[0]
		if !within(got, num/den, 1e-12) {
			t.Fatalf("Smooth at %v = %.17g, naive sum gives %.17g", x0, got, num/den)
		}
	}
}

func TestGaussianWeightsAreSymmetricAroundTheMiddleQuery(t *testing.T) {
	// x_{25±j} = 0.5 ± j/50, equally far from 0.5, so their weights match.
	xs := numerics.Grid(50)
	w := numerics.SmootherWeights(numerics.Gaussian{Bandwidth: 0.1}, xs, 0.5)
	for j := 1; j <= 24; j++ {
		if !within(w[25+j], w[25-j], 1e-12) {
			t.Fatalf("w[%d] = %v but w[%d] = %v", 25+j, w[25+j], 25-j, w[25-j])
		}
	}
}

func TestSmootherWeightMatrixRowsAreTheSmootherWeights(t *testing.T) {
	xs := numerics.Grid(20)
	g := numerics.Gaussian{Bandwidth: 0.07}
	m := numerics.SmootherWeightMatrix(g, xs, propertyQueries)
	if len(m) != len(propertyQueries) {
		t.Fatalf("got %d rows, want %d", len(m), len(propertyQueries))
	}
	for j, q := range propertyQueries {
		checkAllClose(t, "row", m[j], numerics.SmootherWeights(g, xs, q), 0)
	}
}

func TestSmoothWithNoInputsIsNaN(t *testing.T) {
	got := numerics.Smooth(numerics.Gaussian{Bandwidth: 0.1}, nil, nil, []float64{0.2, 0.4})
	if len(got) != 2 || !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
		t.Fatalf("Smooth with no inputs = %v, want [NaN NaN]", got)
	}
}

func TestSmoothPanicsWhenPositionsAndValuesDifferInLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Smooth with 3 positions and 2 values did not panic")
		}
	}()
	numerics.Smooth(numerics.Gaussian{Bandwidth: 0.1}, []float64{0, 1, 2}, []float64{0, 1}, []float64{0})
}

func TestSmootherAcceptsAnyKernelFunc(t *testing.T) {
	// A box kernel: log K is 0 within 0.3 and −Inf beyond. At 0.5 only 0.4
	// and 0.6 are in range, so the estimate is (20 + 30)/2 = 25.
	box := numerics.KernelFunc(func(u, v float64) float64 {
		if math.Abs(u-v) <= 0.3 {
			return 0
		}
		return math.Inf(-1)
	})
	xs := []float64{0, 0.4, 0.6, 1.5}
	ys := []float64{10, 20, 30, 40}
	got := numerics.Smooth(box, xs, ys, []float64{0.5, 5})
	if got[0] != 25 {
		t.Fatalf("box estimate at 0.5 = %v, want 25", got[0])
	}
	if !math.IsNaN(got[1]) {
		t.Fatalf("box estimate far from every input = %v, want NaN (no weight anywhere)", got[1])
	}
}
