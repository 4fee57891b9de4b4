package numerics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestConstantNormEncodingHasSquaredNormTwo(t *testing.T) {
	// sin² + cos² = 1 for each of the two frequencies.
	for _, omega := range []float64{1, 2 * math.Pi, 13.7} {
		enc := numerics.ConstantNormEncoding(omega)
		for _, x := range []float64{0, 0.013, 0.5, 0.999, -3.2, 41} {
			p := enc(x)
			if len(p) != 4 {
				t.Fatalf("ω = %v: encoding has %d components, want 4", omega, len(p))
			}
			if got := p[0]*p[0] + p[1]*p[1] + p[2]*p[2] + p[3]*p[3]; !within(got, 2, 1e-15) {
				t.Fatalf("ω = %v: ‖p(%v)‖² = %.17g, want 2", omega, x, got)
			}
		}
	}
	// At x = 0: [sin 0, cos 0, sin 0, cos 0]; at ωx = π/2: [1, 0, 0, −1].
	checkAllClose(t, "p(0)", numerics.ConstantNormEncoding(3)(0), []float64{0, 1, 0, 1}, 0)
	checkAllClose(t, "p(π/(2ω))", numerics.ConstantNormEncoding(2*math.Pi)(0.25), []float64{1, 0, 0, -1}, 1e-15)
}

func TestEmbeddingGaussianMatchesItsClosedForm(t *testing.T) {
	t.Run("with the identity encoding it is the ordinary Gaussian", func(t *testing.T) {
		// p(x) = [x] makes ‖p(u) − p(v)‖² = (u − v)².
		k := numerics.EmbeddingGaussian{Encode: func(x float64) []float64 { return []float64{x} }, Bandwidth: 0.3}
		g := numerics.Gaussian{Bandwidth: 0.3}
		for _, u := range []float64{-1, 0, 0.2, 0.77} {
			for _, v := range []float64{0, 0.5, 2} {
				if got, want := k.LogK(u, v), g.LogK(u, v); got != want {
					t.Fatalf("LogK(%v, %v) = %v, want the Gaussian's %v", u, v, got, want)
				}
			}
		}
	})
	t.Run("with the constant-norm encoding it depends only on u − v", func(t *testing.T) {
		// p(u)·p(v) = cos ω(u−v) + cos 2ω(u−v) by the angle-difference
		// formula, so ‖p(u) − p(v)‖² = 4 − 2·(cos ωΔ + cos 2ωΔ), Δ = u − v.
		const omega, sigma = 2 * math.Pi, 0.5
		k := numerics.EmbeddingGaussian{Encode: numerics.ConstantNormEncoding(omega), Bandwidth: sigma}
		for _, u := range []float64{0, 0.1, 0.37, 0.9} {
			for _, v := range []float64{0, 0.25, 0.6} {
				d := u - v
				want := -(4 - 2*(math.Cos(omega*d)+math.Cos(2*omega*d))) / (2 * sigma * sigma)
				if got := k.LogK(u, v); !within(got, want, 1e-13) {
					t.Fatalf("LogK(%v, %v) = %.17g, want %.17g", u, v, got, want)
				}
			}
		}
	})
}

func TestEquivalentTemperature(t *testing.T) {
	tests := []struct {
		name  string
		sigma float64
		d     int
		want  float64
	}{
		{"σ = 0.5, d = 4 gives 0.25/2", 0.5, 4, 0.125},
		{"σ = 1, d = 1 gives 1", 1, 1, 1},
		{"σ = 3, d = 9 gives 9/3", 3, 9, 3},
		{"σ = 0.2, d = 2 gives 0.04/√2", 0.2, 2, 0.04 / math.Sqrt2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := numerics.EquivalentTemperature(tc.sigma, tc.d); !within(got, tc.want, 1e-16) {
				t.Fatalf("EquivalentTemperature(%v, %d) = %v, want %v", tc.sigma, tc.d, got, tc.want)
			}
		})
	}
}

// equivalencePair returns, for the encoding enc (d = 4) and bandwidth σ,
// attention with W_q = W_k = I at the temperature σ²/√4 and the Gaussian
// in embedding space with bandwidth σ.
func equivalencePair(t *testing.T, enc numerics.Encoding, sigma float64) (numerics.Attention, numerics.EmbeddingGaussian) {
	t.Helper()
	a := mustAttention(t, enc, numerics.Identity(4), numerics.Identity(4), numerics.EquivalentTemperature(sigma, 4))
	k, err := numerics.NewEmbeddingGaussian(enc, sigma)
	if err != nil {
		t.Fatal(err)
	}
	return a, k
}

func TestAttentionOverAConstantNormEncodingIsAGaussianSmootherInEmbeddingSpace(t *testing.T) {
	// The Gaussian's log-kernel is −(‖p(u)‖² + ‖p(v)‖² − 2p(u)·p(v))/(2σ²)
	// = p(u)·p(v)/σ² − 2/σ² when ‖p‖² = 2, and attention's logit is
	// p(v)·p(u)/(√4·T) = p(u)·p(v)/σ² at T = σ²/2. They differ by the
	// constant −2/σ², which the softmax normalisation removes, so the two
	// weight matrices agree up to rounding.
	xs := numerics.Grid(50)
	_, ys := noisyPreset()
	queries := append(numerics.Grid(37), -0.25, 1.3)
	for _, tc := range []struct {
		name         string
		omega, sigma float64
	}{
		{"ω = 2π, σ = 0.5", 2 * math.Pi, 0.5},
		{"ω = 2π, σ = 0.2", 2 * math.Pi, 0.2},
		{"ω = 5, σ = 1", 5, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, k := equivalencePair(t, numerics.ConstantNormEncoding(tc.omega), tc.sigma)
			for _, qs := range [][]float64{xs, queries} {
				if d := maxAbsDiff(t, a.WeightMatrix(xs, qs), numerics.SmootherWeightMatrix(k, xs, qs)); d > 1e-12 {
					t.Fatalf("weight matrices differ by %g", d)
				}
				checkAllClose(t, "Apply vs Smooth", a.Apply(xs, ys, qs), numerics.Smooth(k, xs, ys, qs), 1e-12)
			}
		})
	}
}

func TestTheEquivalenceFailsWhenTheEncodingsNormVaries(t *testing.T) {
	// The seed encoding p(x) = [sin 2πx, cos 2πx, x, 1] has ‖p(x)‖² = 2 + x².
	// Attention with W = I has logit p(v)·p(u)/σ² = (cos 2π(u−v) + uv + 1)/σ²,
	// while the Gaussian's log-kernel is
	// −(2 − 2cos 2π(u−v) + (u−v)²)/(2σ²) = (cos 2π(u−v) + uv − u²/2 − v²/2 − 1)/σ².
	// The difference −(u² + v²)/(2σ²) − 2/σ² is constant in the query v but
	// not in the input u: the Gaussian weights carry an extra factor
	// e^(−u²/(2σ²)), which at σ = 0.5 falls from 1 at u = 0 to nearly e^(−2)
	// at u = 0.98, so the two weight matrices disagree.
	xs := numerics.Grid(50)
	const sigma = 0.5
	a, k := equivalencePair(t, numerics.SeedEncoding, sigma)
	att, gauss := a.WeightMatrix(xs, xs), numerics.SmootherWeightMatrix(k, xs, xs)
	if d := maxAbsDiff(t, att, gauss); d <= 1e-3 {
		t.Fatalf("weight matrices differ by only %g, want > 1e-3", d)
	}
	// Reweighting attention by that factor and renormalising restores the
	// Gaussian exactly, which confirms the reason.
	fixed := make([][]float64, len(att))
	for o, row := range att {
		logits := make([]float64, len(row))
		for i, w := range row {
			logits[i] = math.Log(w) - xs[i]*xs[i]/(2*sigma*sigma)
		}
		fixed[o] = numerics.Softmax(nil, logits)
	}
	if d := maxAbsDiff(t, fixed, gauss); d > 1e-12 {
		t.Fatalf("reweighted attention differs from the Gaussian by %g, want < 1e-12", d)
	}
}

func TestNewEmbeddingGaussianSaysWhatIsWrong(t *testing.T) {
	enc := numerics.ConstantNormEncoding(1)
	tests := []struct {
		name    string
		enc     numerics.Encoding
		sigma   float64
		wantErr string
	}{
		{"a nil encoding", nil, 1, "encoding must not be nil"},
		{"an encoding with no components", func(float64) []float64 { return nil }, 1, "encoding returns an empty vector"},
		{"a zero bandwidth", enc, 0, "bandwidth must be > 0, got 0"},
		{"a NaN bandwidth", enc, math.NaN(), "bandwidth must be finite, got NaN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := numerics.NewEmbeddingGaussian(tc.enc, tc.sigma)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("NewEmbeddingGaussian error = %v, want one containing %q", err, tc.wantErr)
			}
			if k.Encode != nil || k.Bandwidth != 0 {
				t.Fatal("NewEmbeddingGaussian returned a non-zero kernel alongside its error")
			}
		})
	}
	if _, err := numerics.NewEmbeddingGaussian(enc, 0.5); err != nil {
		t.Fatalf("NewEmbeddingGaussian(ω = 1, σ = 0.5) = %v, want no error", err)
	}
}
