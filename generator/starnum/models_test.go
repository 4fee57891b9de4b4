package starnum

import (
	"math"
	"strings"
	"testing"
)

// trapezoid integrates the samples f of a function on the grid xs.
func trapezoid(xs, f []float64) float64 {
	s := 0.0
	for i := 1; i < len(xs); i++ {
		s += (xs[i] - xs[i-1]) * (f[i] + f[i-1]) / 2
	}
	return s
}

// TestKDEIntegratesToOne integrates kde on a grid from 20 bandwidths below
// the smallest sample to 20 above the largest. For the smooth Gaussian the
// tails carry under 1e-80 and the trapezoid rule is accurate far beyond
// 1e-6. Epanechnikov and tricube have kinks where the rule errs by O(step²)
// each; the boxcar jumps by 1/(n·2h) at 2n edges, where the rule errs by at
// most step/2 times the jump, so by step/(2h) in all.
func TestKDEIntegratesToOne(t *testing.T) {
	const step = 0.001
	for _, c := range []struct {
		kernel string
		tol    float64
	}{
		{"gaussian", 1e-6}, {"epanechnikov", 1e-5}, {"tricube", 1e-5}, {"boxcar", step/(2*0.4) + 1e-12},
	} {
		g := run(t, `
samples = [0, 0.3, 1.7, 2, 2.05]
grid = linspace(-8, 10.05, 18051)
f = kde(samples, grid, 0.4, kernel="`+c.kernel+`")
`)
		if got := trapezoid(values(t, g["grid"]), values(t, g["f"])); !near(got, 1, c.tol) {
			t.Errorf("%s: ∫kde = %.10f, want 1 ± %g", c.kernel, got, c.tol)
		}
	}
}

func TestKDEOneSampleIsTheKernel(t *testing.T) {
	g := run(t, `
grid = linspace(-2, 3, 51)
f = kde([0.7], grid, 0.5)
k = gaussian_kernel(grid, center=0.7, bandwidth=0.5) / (0.5 * sqrt(2 * pi))
at = kde([0.7], 0.7, 0.5)
`)
	assertValues(t, "kde of one sample", values(t, g["f"]), values(t, g["k"]), 1e-15)
	// At its centre the density is 1/(h√(2π)).
	if got, want := num(t, g["at"]), 1/(0.5*math.Sqrt(2*math.Pi)); !near(got, want, 1e-15) {
		t.Errorf("kde at the sample = %v, want %v", got, want)
	}
}

func TestKernels(t *testing.T) {
	g := run(t, `
gk = gaussian_kernel([0, 1, 2], bandwidth=1)
ek = epanechnikov_kernel([0, 0.5, 1, 2], bandwidth=1)
bk = boxcar_kernel([0, 1, 1.5], center=0.5, bandwidth=1)
tk = tricube_kernel([0, 0.5, 1])
one = gaussian_kernel(0)
`)
	assertValues(t, "gaussian", values(t, g["gk"]), []float64{1, math.Exp(-0.5), math.Exp(-2)}, 1e-16)
	assertValues(t, "epanechnikov", values(t, g["ek"]), []float64{1, 0.75, 0, 0}, 1e-16)
	assertValues(t, "boxcar", values(t, g["bk"]), []float64{1, 1, 1}, 0)
	// (1 − 0.5³)³ = 0.875³ = 0.669921875.
	assertValues(t, "tricube", values(t, g["tk"]), []float64{1, 0.669921875, 0}, 1e-15)
	if g["one"].String() != "1.0" {
		t.Errorf("gaussian_kernel(0) = %s, want 1.0", g["one"])
	}
}

func TestNadarayaWatson(t *testing.T) {
	for _, kernel := range []string{"gaussian", "epanechnikov", "boxcar", "tricube"} {
		g := run(t, `
x = linspace(0, 1, 21)
q = linspace(0, 1, 7)
flat = nadaraya_watson(x, 3.5 + 0 * x, q, 0.2, kernel="`+kernel+`")
w = smoother_weights(x, q, 0.2, kernel="`+kernel+`")
sums = array([sum(row) for row in w])
mid = nadaraya_watson(x, 2 * x, 0.5, 0.2, kernel="`+kernel+`")
`)
		assertValues(t, kernel+": constant y", values(t, g["flat"]), []float64{3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5}, 1e-14)
		if s := g["w"].(*Array).Shape(); len(s) != 2 || s[0] != 7 || s[1] != 21 {
			t.Errorf("%s: weights shape %v, want [7 21]", kernel, s)
		}
		assertValues(t, kernel+": weight sums", values(t, g["sums"]), []float64{1, 1, 1, 1, 1, 1, 1}, 1e-14)
		// A symmetric kernel on inputs symmetric about 0.5 averages the
		// line y = 2x to its value there, 1.
		if got := num(t, g["mid"]); !near(got, 1, 1e-14) {
			t.Errorf("%s: smoothing y = 2x at 0.5 = %v, want 1", kernel, got)
		}
	}
}

func TestAttention(t *testing.T) {
	g := run(t, `
x = linspace(0, 1, 16)
q = linspace(0, 1, 5)
flat = attention(x, 2 + 0 * x, q, temperature=0.5)
w = attention_weights(x, q, temperature=0.5)
sums = array([sum(row) for row in w])
wq = [[1, 0, 0, 0], [0, 1, 0, 0]]
diff = max(abs(attention(x, x, q, temperature=sqrt(2), wq=wq, wk=wq) - attention(x, x, q)))
`)
	assertValues(t, "constant y", values(t, g["flat"]), []float64{2, 2, 2, 2, 2}, 1e-14)
	assertValues(t, "weight sums", values(t, g["sums"]), []float64{1, 1, 1, 1, 1}, 1e-14)
	// The default diag(1, 1, 0, 0) (d_k = 4) and the 2×4 projection keep
	// the same coordinates, so q·k is the same; the logits q·k/(√d_k·T)
	// agree when √2·T = √4·1, T = √2.
	if got := num(t, g["diff"]); got > 1e-14 {
		t.Errorf("2×4 projection at T = √2 and the default at T = 1 differ by %v", got)
	}
}

func TestLOOCV(t *testing.T) {
	g := run(t, `
one = loocv([0, 1, 2], [0, 1, 2], 1, kernel="boxcar")
curve = loocv([0, 1, 2], [0, 1, 2], [1, 1], kernel="boxcar")
narrow = loocv([0, 1, 2], [0, 1, 2], 0.5, kernel="boxcar")
`)
	// Boxcar of half-width 1: leaving out 0 predicts 1 (error 1), leaving
	// out 1 predicts (0 + 2)/2 = 1 (error 0), leaving out 2 predicts 1
	// (error 1): mean squared error 2/3.
	if got := num(t, g["one"]); !near(got, 2.0/3, 1e-15) {
		t.Errorf("loocv = %v, want 2/3", got)
	}
	assertValues(t, "curve", values(t, g["curve"]), []float64{2.0 / 3, 2.0 / 3}, 1e-15)
	if got := num(t, g["narrow"]); !math.IsInf(got, 1) {
		t.Errorf("loocv with no neighbour in reach = %v, want +Inf", got)
	}
}

func TestLSCV(t *testing.T) {
	l := New(Options{})
	g, err := execWith(l, `
box = lscv([0, 1], 1, kernel="boxcar")
epa = lscv([0, 1], 1, kernel="epanechnikov")
curve = lscv([0, 1], [1, 1], kernel="boxcar")
tied = lscv([2, 2, 5], [0.01, 0.001])
`)
	if err != nil {
		t.Fatal(err)
	}
	// Boxcar of half-width 1 on 0 and 1: f̂ is ¼ on [−1, 0), ½ on [0, 1]
	// and ¼ on (1, 2], so ∫f̂² = 1/16 + 1/4 + 1/16 = 3/8; each sample's
	// leave-one-out estimate is the other's ½ (the edge is inside), and
	// (2/n)·Σ = 1: LSCV = 3/8 − 1.
	if got := num(t, g["box"]); !near(got, 3.0/8-1, 1e-15) {
		t.Errorf("boxcar lscv = %v, want −5/8", got)
	}
	// Epanechnikov of half-width 1: K*K(0) = 3/5 and
	// K*K(1) = 3/160·1³·(1 + 6 + 4) = 33/160, so ∫f̂² = (2·3/5 + 2·33/160)/4;
	// the other sample sits on the kernel's edge, where it is 0.
	if got, want := num(t, g["epa"]), (2*0.6+2*33.0/160)/4; !near(got, want, 1e-15) {
		t.Errorf("epanechnikov lscv = %v, want %v", got, want)
	}
	assertValues(t, "curve", values(t, g["curve"]), []float64{3.0/8 - 1, 3.0/8 - 1}, 1e-15)
	// With a tie and h far below the distances, only the tie and the
	// diagonal count: LSCV ≈ (3·K*K(0) + 2·K*K(0))/9 − (4/6)·K(0) with
	// K*K(0) = 1/(2h√π), K(0) = 1/(h√(2π)): c/h, c < 0, so ten times
	// smaller h gives ten times the value.
	tied := values(t, g["tied"])
	c := 5/(9*2*math.Sqrt(math.Pi)) - 4.0/6/math.Sqrt(2*math.Pi)
	assertValues(t, "tied", tied, []float64{c / 0.01, c / 0.001}, 1e-9)
	// n² per bandwidth: 2² twice, 2² × 2 bandwidths, 3² × 2 bandwidths.
	if got, want := l.Work(), int64(4+4+4*2+9*2); got < want {
		t.Errorf("work %d, want at least %d", got, want)
	}
	for src, want := range map[string]string{
		`lscv([1], 0.5)`:                      "lscv: samples has 1 elements, need at least 2",
		`lscv([1, 2], 0.5, kernel="tricube")`: "lscv: least-squares cross-validation has the Gaussian, Epanechnikov and boxcar kernels",
		`lscv([1, 2], 0)`:                     "lscv: bandwidth must be > 0",
	} {
		if got := runErr(t, nil, src); !strings.HasPrefix(got, want) {
			t.Errorf("%s: error %q, want it to start %q", src, got, want)
		}
	}
}
