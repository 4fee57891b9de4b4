package numerics_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// mustAttention builds an Attention or fails the test.
func mustAttention(t testing.TB, enc numerics.Encoding, wq, wk numerics.Matrix, temperature float64) numerics.Attention {
	t.Helper()
	a, err := numerics.NewAttention(enc, wq, wk, temperature)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// seedAttention is the seed explainer's attention: SeedEncoding with
// W_q = W_k = diag(1,1,0,0) at the given temperature.
func seedAttention(t testing.TB, temperature float64) numerics.Attention {
	return mustAttention(t, numerics.SeedEncoding, numerics.DefaultWQ(), numerics.DefaultWQ(), temperature)
}

// attentionSettings is a spread of attention heads for the property tests.
func attentionSettings(t *testing.T) map[string]numerics.Attention {
	return map[string]numerics.Attention{
		"seed, T = 1":                   seedAttention(t, 1),
		"seed, T = 0.1":                 seedAttention(t, 0.1),
		"seed, T = 1e-3":                seedAttention(t, 1e-3),
		"seed, T = 10":                  seedAttention(t, 10),
		"random 3×4, T = 1":             mustAttention(t, numerics.SeedEncoding, numerics.RandomMatrix(3, 4, 1), numerics.RandomMatrix(3, 4, 2), 1),
		"random 8×4 scaled up, T = 0.5": mustAttention(t, numerics.SeedEncoding, scaled(numerics.RandomMatrix(8, 4, 3), 10), numerics.RandomMatrix(8, 4, 4), 0.5),
	}
}

// scaled returns c·m.
func scaled(m numerics.Matrix, c float64) numerics.Matrix {
	out := m.Clone()
	for _, row := range out {
		for j := range row {
			row[j] *= c
		}
	}
	return out
}

func TestAttentionWeightsAreNonNegativeAndSumToOne(t *testing.T) {
	xs := numerics.Grid(50)
	for name, a := range attentionSettings(t) {
		t.Run(name, func(t *testing.T) {
			for _, q := range propertyQueries {
				checkWeights(t, "Weights", a.Weights(xs, q))
			}
			for _, row := range a.WeightMatrix(xs, propertyQueries) {
				checkWeights(t, "WeightMatrix row", row)
			}
		})
	}
}

func TestAttentionReturnsAConstantSignalUnchanged(t *testing.T) {
	xs := numerics.Grid(50)
	ys := constant(len(xs), -1.25)
	for name, a := range attentionSettings(t) {
		t.Run(name, func(t *testing.T) {
			got := a.Apply(xs, ys, propertyQueries)
			checkAllClose(t, "attended constant", got, constant(len(propertyQueries), -1.25), 1e-12)
		})
	}
}

func TestZeroProjectionsGiveUniformWeightsAndTheMean(t *testing.T) {
	// W = 0 makes every logit 0, so every weight is e^0/n = 1/n exactly.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	a := mustAttention(t, numerics.SeedEncoding, numerics.Zeros(2, 4), numerics.Zeros(2, 4), 1)
	uniform := constant(len(xs), 1.0/50)
	for _, q := range propertyQueries {
		checkAllClose(t, "Weights", a.Weights(xs, q), uniform, 0)
	}
	for _, row := range a.WeightMatrix(xs, propertyQueries) {
		checkAllClose(t, "WeightMatrix row", row, uniform, 0)
	}
	checkAllClose(t, "Apply", a.Apply(xs, ys, propertyQueries), constant(len(propertyQueries), mean(ys)), 1e-12)
}

func TestLowTemperaturesGiveNoNaNOrInf(t *testing.T) {
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	for _, temp := range []float64{1e-3, 1e-6, 1e-300, math.SmallestNonzeroFloat64} {
		a := seedAttention(t, temp)
		for _, q := range propertyQueries {
			checkWeights(t, "Weights", a.Weights(xs, q))
		}
		for _, row := range a.WeightMatrix(xs, propertyQueries) {
			checkWeights(t, "WeightMatrix row", row)
		}
		for _, v := range a.Apply(xs, ys, propertyQueries) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("T = %g: Apply gave %v", temp, v)
			}
		}
	}
}

func TestNearZeroTemperatureAttendsOnlyToTheQueryItself(t *testing.T) {
	// At the seed settings the logit for input x_i is cos(2π(x_i − x0))/(2T).
	// For a grid query the nearest other input trails by
	// (1 − cos(2π/50))/(2T) ≈ 3900 at T = 1e-6, and e^(−3900) is exactly 0
	// in float64, so each query keeps all the weight on itself.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	checkAllClose(t, "Apply at T = 1e-6", seedAttention(t, 1e-6).Apply(xs, ys, xs), ys, 0)
}

func TestAttentionMatchesAOneDimensionalCaseWorkedByHand(t *testing.T) {
	// p(x) = [x], W_q = W_k = [1], d_k = 1, T = 1: the logit is x0·x_i.
	// With xs = {0, 1, 2} and x0 = 1 the logits are {0, 1, 2}, so the
	// weights are {1, e, e²}/(1 + e + e²).
	enc := func(x float64) []float64 { return []float64{x} }
	a := mustAttention(t, enc, numerics.Matrix{{1}}, numerics.Matrix{{1}}, 1)
	xs := []float64{0, 1, 2}
	ys := []float64{3, -1, 2}
	e := math.E
	z := 1 + e + e*e
	wantW := []float64{1 / z, e / z, e * e / z}
	wantY := (3 - e + 2*e*e) / z

	checkAllClose(t, "Weights", a.Weights(xs, 1), wantW, 1e-15)
	checkAllClose(t, "WeightMatrix", a.WeightMatrix(xs, []float64{1})[0], wantW, 1e-15)
	checkAllClose(t, "Logits", a.Logits(xs, 1), []float64{0, 1, 2}, 0)
	checkAllClose(t, "Apply", a.Apply(xs, ys, []float64{1}), []float64{wantY}, 1e-14)
	checkAllClose(t, "Smooth with the kernel", numerics.Smooth(a.Kernel(), xs, ys, []float64{1}), []float64{wantY}, 1e-14)
}

func TestAttentionMatchesATwoDimensionalCaseWorkedByHand(t *testing.T) {
	// p(x) = [x, 1], W_q = W_k = I₂, d_k = 2. At x0 = 2, q = (2, 1); the keys
	// for xs = {0, 1} are (0, 1) and (1, 1), so q·k = {1, 3} and the logits
	// are {1, 3}/(√2·T). Only their difference 2/(√2·T) = √2/T matters:
	// the weights are {1, e^(√2/T)}/(1 + e^(√2/T)), and with ys = {0, 1}
	// the output is the second weight.
	enc := func(x float64) []float64 { return []float64{x, 1} }
	xs := []float64{0, 1}
	ys := []float64{0, 1}
	for _, temp := range []float64{1, 2} {
		a := mustAttention(t, enc, numerics.Identity(2), numerics.Identity(2), temp)
		g := math.Exp(math.Sqrt2 / temp)
		wantW := []float64{1 / (1 + g), g / (1 + g)}
		checkAllClose(t, "Weights", a.Weights(xs, 2), wantW, 1e-15)
		checkAllClose(t, "WeightMatrix", a.WeightMatrix(xs, []float64{2})[0], wantW, 1e-15)
		checkAllClose(t, "Logits", a.Logits(xs, 2), []float64{1 / (math.Sqrt2 * temp), 3 / (math.Sqrt2 * temp)}, 1e-15)
		checkAllClose(t, "Apply", a.Apply(xs, ys, []float64{2}), []float64{g / (1 + g)}, 1e-15)
	}
}

// maxAbsDiff returns the largest |a_ij − b_ij|, failing t on a shape
// mismatch.
func maxAbsDiff(t *testing.T, a, b [][]float64) float64 {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d rows vs %d rows", len(a), len(b))
	}
	worst := 0.0
	for i := range a {
		if len(a[i]) != len(b[i]) {
			t.Fatalf("row %d: %d vs %d columns", i, len(a[i]), len(b[i]))
		}
		for j := range a[i] {
			worst = math.Max(worst, math.Abs(a[i][j]-b[i][j]))
		}
	}
	return worst
}

func TestAttentionIsNadarayaWatsonWithTheDotProductKernel(t *testing.T) {
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	queries := append(numerics.Grid(37), -0.25, 1.3)

	type setting struct {
		name string
		a    numerics.Attention
	}
	settings := []setting{{"seed settings", seedAttention(t, 1)}}
	for _, dk := range []int{1, 2, 4, 8} {
		for _, temp := range []float64{0.25, 1, 4} {
			seed := uint64(100*dk) + uint64(temp*4)
			settings = append(settings, setting{
				name: fmt.Sprintf("random %d×4 matrices, T = %g", dk, temp),
				a:    mustAttention(t, numerics.SeedEncoding, numerics.RandomMatrix(dk, 4, seed), numerics.RandomMatrix(dk, 4, seed+1), temp),
			})
		}
	}
	for _, s := range settings {
		k := s.a.Kernel()
		for _, qs := range [][]float64{xs, queries} {
			if d := maxAbsDiff(t, s.a.WeightMatrix(xs, qs), numerics.SmootherWeightMatrix(k, xs, qs)); d > 1e-12 {
				t.Fatalf("%s: WeightMatrix and SmootherWeightMatrix differ by %g", s.name, d)
			}
			checkAllClose(t, s.name+": Apply vs Smooth", s.a.Apply(xs, ys, qs), numerics.Smooth(k, xs, ys, qs), 1e-12)
			for _, q := range qs {
				checkAllClose(t, s.name+": Weights vs SmootherWeights", s.a.Weights(xs, q), numerics.SmootherWeights(k, xs, q), 1e-12)
			}
		}
	}
}

func TestSeedAttentionMatchesANaiveSum(t *testing.T) {
	// With p(x) = [sin 2πx, cos 2πx, x, 1] and W_q = W_k = diag(1,1,0,0),
	// q(x0)·k(x_i) = sin a sin b + cos a cos b = cos(2π(x_i − x0)), and
	// d_k = 4 so √d_k = 2. This naive version uses that closed form.
	xs := numerics.Grid(50)
	ys := numerics.DefaultSignal().Sample(xs)
	a := seedAttention(t, 1)
	for _, x0 := range []float64{0.5, 0.313, 0} {
		num, den := 0.0, 0.0
		for i, x := range xs {
			k := math.Exp(math.Cos(2*math.Pi*(x-x0)) / 2)
			num += k * ys[i]
			den += k
		}
		got := a.Apply(xs, ys, []float64{x0})[0]
		if !within(got, num/den, 1e-12) {
			t.Fatalf("Apply at %v = %.17g, naive sum gives %.17g", x0, got, num/den)
		}
	}
}

func TestSeedAttentionWeightsAreSymmetricOnTheCircle(t *testing.T) {
	// The logit cos(2π(x_i − x0))/2 depends only on the circular distance
	// between x_i and x0, so for the middle query 0.5 = x_25 the weights at
	// 25 + j and 25 − j (mod 50) agree, and the largest weight is at x_25.
	xs := numerics.Grid(50)
	w := seedAttention(t, 1).Weights(xs, 0.5)
	for j := 0; j < 50; j++ {
		up, down := (25+j)%50, (25-j+50)%50
		if !within(w[up], w[down], 1e-12) {
			t.Fatalf("w[%d] = %v but w[%d] = %v", up, w[up], down, w[down])
		}
		if w[up] > w[25] {
			t.Fatalf("w[%d] = %v exceeds the weight on the query itself, %v", up, w[up], w[25])
		}
	}
}

func TestSeedAttentionWeightMatrixIsCirculant(t *testing.T) {
	// Because the logits depend only on (i − k) mod 50, row k of the weight
	// matrix over the grid is row 0 rotated right by k.
	xs := numerics.Grid(50)
	m := seedAttention(t, 1).WeightMatrix(xs, xs)
	for k := range m {
		for i := range m[k] {
			if !within(m[k][i], m[0][(i-k+50)%50], 1e-12) {
				t.Fatalf("m[%d][%d] = %v, want m[0][%d] = %v", k, i, m[k][i], (i-k+50)%50, m[0][(i-k+50)%50])
			}
		}
	}
}

func TestAttentionWithNoInputs(t *testing.T) {
	a := seedAttention(t, 1)
	if w := a.Weights(nil, 0.5); len(w) != 0 {
		t.Fatalf("Weights with no inputs = %v, want empty", w)
	}
	if m := a.WeightMatrix(nil, []float64{0.1, 0.2}); len(m) != 2 || len(m[0]) != 0 {
		t.Fatalf("WeightMatrix with no inputs = %v, want two empty rows", m)
	}
	if m := a.WeightMatrix(numerics.Grid(5), nil); len(m) != 0 {
		t.Fatalf("WeightMatrix with no queries = %v, want no rows", m)
	}
	if got := a.Apply(nil, nil, []float64{0.3}); len(got) != 1 || !math.IsNaN(got[0]) {
		t.Fatalf("Apply with no inputs = %v, want [NaN]", got)
	}
}

func TestNewAttentionSaysWhatIsWrong(t *testing.T) {
	enc := numerics.SeedEncoding
	w := numerics.DefaultWQ()
	tests := []struct {
		name    string
		enc     numerics.Encoding
		wq, wk  numerics.Matrix
		temp    float64
		wantErr string
	}{
		{"a nil encoding", nil, w, w, 1, "encoding must not be nil"},
		{"an encoding with no components", func(float64) []float64 { return nil }, w, w, 1, "encoding returns an empty vector"},
		{"an empty W_q", enc, numerics.Matrix{}, w, 1, "W_q: matrix is empty"},
		{"a ragged W_q", enc, numerics.Matrix{{1, 0, 0, 0}, {0, 1, 0}}, w, 1, "W_q: row 1 has 3 entries, want 4"},
		{"a NaN in W_k", enc, w, numerics.Matrix{{1, math.NaN(), 0, 0}}, 1, "W_k: entry [0][1] is NaN"},
		{"an infinity in W_k", enc, numerics.Matrix{{1, 0, 0, 0}}, numerics.Matrix{{0, 0, 0, math.Inf(1)}}, 1, "W_k: entry [0][3] is +Inf"},
		{"W_q and W_k of different shapes", enc, numerics.Zeros(2, 4), numerics.Zeros(3, 4), 1, "W_q is 2×4 but W_k is 3×4"},
		{"columns that do not match the encoding", enc, numerics.Identity(3), numerics.Identity(3), 1, "have 3 columns but the encoding has dimension 4"},
		{"a zero temperature", enc, w, w, 0, "temperature must be > 0 and finite, got 0"},
		{"a negative temperature", enc, w, w, -1, "temperature must be > 0 and finite, got -1"},
		{"a NaN temperature", enc, w, w, math.NaN(), "got NaN"},
		{"an infinite temperature", enc, w, w, math.Inf(1), "got +Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := numerics.NewAttention(tc.enc, tc.wq, tc.wk, tc.temp)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("NewAttention error = %v, want one containing %q", err, tc.wantErr)
			}
			if a.Encode != nil || a.WQ != nil || a.WK != nil {
				t.Fatal("NewAttention returned a non-zero Attention alongside its error")
			}
		})
	}
}

func TestNewAttentionKeepsItsOwnCopiesOfTheMatrices(t *testing.T) {
	wq, wk := numerics.DefaultWQ(), numerics.DefaultWQ()
	a := mustAttention(t, numerics.SeedEncoding, wq, wk, 1)
	wq[0][0], wk[1][1] = math.NaN(), 5
	if a.WQ[0][0] != 1 || a.WK[1][1] != 1 {
		t.Fatal("changing the caller's matrices changed the Attention")
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate() = %v after the caller's matrices changed", err)
	}
}
