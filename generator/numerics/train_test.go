package numerics_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// lineEncoding is p(x) = [x], the simplest encoding (d = 1).
func lineEncoding(x float64) []float64 { return []float64{x} }

func TestWeightLossAndGradientMatchACaseWorkedByHand(t *testing.T) {
	// p(x) = [x], W_q = W_k = [1], T = 1, xs = {0, 1}, target = I (each
	// query should attend only to itself). The logit is x_o·x_i.
	//   Query 0: logits {0, 0}, weights {½, ½}, squared errors ¼ + ¼.
	//   Query 1: logits {0, 1}, weights {α, β} = {1, e}/(1 + e), squared
	//   errors α² + (β − 1)² = 2α².
	// L = (½ + 2α²)/4.
	//
	// Query 0 contributes no gradient: its logits are 0·(anything). For
	// query 1, g = (2/4)(a − w) = ½{α, −α}, Σ_j a_j g_j = ½α(α − β), so
	// δ_0 = α(½α − ½α(α − β)) = ½α²(1 − α + β) = α²β (using 1 − α = β) and
	// δ_1 = −α²β. With c = 1, k = {0, 1}, q = 1, p_1 = 1 and s = {0, 1}:
	//   ∂L/∂W_q = δ_1·k_1·p_1 = −α²β;
	//   ∂L/∂W_k = δ_1·q·p_1 = −α²β;
	//   ∂L/∂log T = −(δ_0·0 + δ_1·1) = α²β.
	// Negative gradients for W: raising them sharpens query 1 towards itself.
	e := math.E
	alpha, beta := 1/(1+e), e/(1+e)
	a := mustAttention(t, lineEncoding, numerics.Matrix{{1}}, numerics.Matrix{{1}}, 1)
	xs := []float64{0, 1}
	target := [][]float64{{1, 0}, {0, 1}}

	if got, want := numerics.WeightLoss(a, xs, target), (0.5+2*alpha*alpha)/4; !within(got, want, 1e-16) {
		t.Fatalf("WeightLoss = %.17g, want %.17g", got, want)
	}
	gq, gk, glogT := numerics.WeightLossGrad(a, xs, target)
	g := alpha * alpha * beta
	checkAllClose(t, "∂L/∂W_q", gq[0], []float64{-g}, 1e-16)
	checkAllClose(t, "∂L/∂W_k", gk[0], []float64{-g}, 1e-16)
	checkAllClose(t, "∂L/∂log T", []float64{glogT}, []float64{g}, 1e-16)
}

// perturbed returns a copy of a with entry [i][j] of W_q (which == 0) or W_k
// (which == 1) increased by eps, or with log T increased by eps (which == 2).
func perturbed(a numerics.Attention, which, i, j int, eps float64) numerics.Attention {
	b := numerics.Attention{Encode: a.Encode, WQ: a.WQ.Clone(), WK: a.WK.Clone(), Temperature: a.Temperature}
	switch which {
	case 0:
		b.WQ[i][j] += eps
	case 1:
		b.WK[i][j] += eps
	default:
		b.Temperature = math.Exp(math.Log(a.Temperature) + eps)
	}
	return b
}

func TestWeightLossGradMatchesCentralFiniteDifferences(t *testing.T) {
	// (L(θ + ε) − L(θ − ε))/(2ε) has truncation error of order ε²·L‴ ≈
	// 1e-10 relative at ε = 1e-5, and rounding error about 1e-16·L/ε, i.e.
	// 1e-14 for L ≈ 1e-3. The relative error is measured against
	// max(|∂L/∂θ|, 1e-3·(largest component)) so that components that are
	// (nearly) zero are compared with the rounding noise at the gradient's
	// scale, not with themselves. WeightLoss takes a different route
	// (Attention.WeightMatrix) from the gradient code.
	xs := numerics.Grid(30)
	const eps = 1e-5
	for _, tc := range []struct {
		enc    numerics.Encoding
		encN   string
		target numerics.Kernel
		dk     int
		temp   float64
		scale  float64
	}{
		{numerics.SeedEncoding, "seed", numerics.Gaussian{Bandwidth: 0.1}, 4, 1, 1},
		{numerics.SeedEncoding, "seed", numerics.Gaussian{Bandwidth: 0.05}, 1, 0.3, 2},
		{numerics.SeedEncoding, "seed", numerics.Epanechnikov{Bandwidth: 0.2}, 2, 0.7, 3},
		{numerics.ConstantNormEncoding(2 * math.Pi), "constant-norm", numerics.Gaussian{Bandwidth: 0.1}, 8, 0.5, 1},
		{numerics.ConstantNormEncoding(2 * math.Pi), "constant-norm", numerics.Tricube{Bandwidth: 0.3}, 3, 2, 2},
	} {
		name := fmt.Sprintf("%s encoding, d_k = %d, T = %g, target %T", tc.encN, tc.dk, tc.temp, tc.target)
		t.Run(name, func(t *testing.T) {
			seed := uint64(10 * tc.dk)
			a := mustAttention(t, tc.enc, scaled(numerics.RandomMatrix(tc.dk, 4, seed), tc.scale), scaled(numerics.RandomMatrix(tc.dk, 4, seed+1), tc.scale), tc.temp)
			target := numerics.SmootherWeightMatrix(tc.target, xs, xs)
			gq, gk, glogT := numerics.WeightLossGrad(a, xs, target)

			largest := math.Abs(glogT)
			for i := range gq {
				for j := range gq[i] {
					largest = math.Max(largest, math.Max(math.Abs(gq[i][j]), math.Abs(gk[i][j])))
				}
			}
			check := func(label string, analytic float64, which, i, j int) {
				t.Helper()
				fd := (numerics.WeightLoss(perturbed(a, which, i, j, eps), xs, target) -
					numerics.WeightLoss(perturbed(a, which, i, j, -eps), xs, target)) / (2 * eps)
				if rel := math.Abs(fd-analytic) / math.Max(math.Abs(analytic), 1e-3*largest); rel > 1e-6 {
					t.Fatalf("%s: analytic %.10g, finite difference %.10g (relative error %.2g)", label, analytic, fd, rel)
				}
			}
			for i := range gq {
				for j := range gq[i] {
					check(fmt.Sprintf("∂L/∂W_q[%d][%d]", i, j), gq[i][j], 0, i, j)
					check(fmt.Sprintf("∂L/∂W_k[%d][%d]", i, j), gk[i][j], 1, i, j)
				}
			}
			check("∂L/∂log T", glogT, 2, 0, 0)
		})
	}
}

func TestKeysShiftedByAConstantGetNoGradient(t *testing.T) {
	// The seed encoding's last component is 1, so column 3 of W_k adds the
	// same vector c to every key, and q·(k_i + c) = q·k_i + q·c shifts all of
	// a query's logits by the same amount, which the softmax ignores. The
	// loss is flat in that column: its gradient is 0 up to rounding.
	xs := numerics.Grid(30)
	a := mustAttention(t, numerics.SeedEncoding, numerics.RandomMatrix(3, 4, 1), numerics.RandomMatrix(3, 4, 2), 0.5)
	_, gk, glogT := numerics.WeightLossGrad(a, xs, numerics.SmootherWeightMatrix(numerics.Gaussian{Bandwidth: 0.1}, xs, xs))
	for i, row := range gk {
		if math.Abs(row[3]) > 1e-12*math.Abs(glogT) {
			t.Fatalf("∂L/∂W_k[%d][3] = %g, want 0 (∂L/∂log T = %g for scale)", i, row[3], glogT)
		}
	}
}

func TestTheGradientVanishesWhereAttentionAlreadyMatchesItsTarget(t *testing.T) {
	// If the target rows are the attention's own weights then a − w = 0, so
	// g = 0, every δ_i = 0 and every gradient component is 0 (up to the
	// rounding between the two ways of computing the weights).
	xs := numerics.Grid(50)
	a := seedAttention(t, 0.5) // W_q = W_k = diag(1,1,0,0), T = ½
	for name, target := range map[string][][]float64{
		"target from WeightMatrix":                         a.WeightMatrix(xs, xs),
		"target from the smoother with attention's kernel": numerics.SmootherWeightMatrix(a.Kernel(), xs, xs),
	} {
		t.Run(name, func(t *testing.T) {
			if l := numerics.WeightLoss(a, xs, target); l > 1e-28 {
				t.Fatalf("WeightLoss = %g, want 0", l)
			}
			gq, gk, glogT := numerics.WeightLossGrad(a, xs, target)
			for i := range gq {
				for j := range gq[i] {
					if math.Abs(gq[i][j]) > 1e-12 || math.Abs(gk[i][j]) > 1e-12 {
						t.Fatalf("gradient at [%d][%d] is %g (W_q), %g (W_k), want 0", i, j, gq[i][j], gk[i][j])
					}
				}
			}
			if math.Abs(glogT) > 1e-12 {
				t.Fatalf("∂L/∂log T = %g, want 0", glogT)
			}
		})
	}
}

// seedTrainConfig is the training run whose numbers the report quotes: the
// seed encoding fitted to a Gaussian with h = 0.1 on Grid(50).
var seedTrainConfig = numerics.TrainConfig{Steps: 2000, LearningRate: 100, Seed: 1, InitTemperature: 1, LearnTemperature: true}

func TestTrainingReducesTheLossTenfold(t *testing.T) {
	xs := numerics.Grid(50)
	target := numerics.Gaussian{Bandwidth: 0.1}
	r, err := numerics.Train(xs, numerics.SeedEncoding, target, seedTrainConfig)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Loss) != seedTrainConfig.Steps+1 {
		t.Fatalf("got %d loss values, want Steps + 1 = %d", len(r.Loss), seedTrainConfig.Steps+1)
	}
	first, last := r.Loss[0], r.Loss[len(r.Loss)-1]
	if !(last <= first/10) {
		t.Fatalf("loss went from %g to %g, want at least a tenfold drop", first, last)
	}
	// The recorded losses are WeightLoss at the returned start and finish.
	w := numerics.SmootherWeightMatrix(target, xs, xs)
	if got := numerics.WeightLoss(r.Initial, xs, w); !within(got, first, 1e-12*first) {
		t.Fatalf("WeightLoss of the start = %g, but Loss[0] = %g", got, first)
	}
	if got := numerics.WeightLoss(r.Attention, xs, w); !within(got, last, 1e-12*last) {
		t.Fatalf("WeightLoss of the result = %g, but the last Loss = %g", got, last)
	}
	if err := r.Attention.Validate(); err != nil {
		t.Fatalf("the fitted attention is invalid: %v", err)
	}
}

func TestTrainingWithASmallLearningRateLowersTheLossAtEveryStep(t *testing.T) {
	// Gradient descent on a smooth loss decreases it at every step once the
	// rate is below 2/(the gradient's Lipschitz constant).
	for _, learnT := range []bool{false, true} {
		t.Run(fmt.Sprintf("learning T: %v", learnT), func(t *testing.T) {
			cfg := numerics.TrainConfig{Steps: 300, LearningRate: 10, Seed: 7, InitTemperature: 0.5, LearnTemperature: learnT}
			r, err := numerics.Train(numerics.Grid(50), numerics.SeedEncoding, numerics.Gaussian{Bandwidth: 0.1}, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for k := 1; k < len(r.Loss); k++ {
				if r.Loss[k] > r.Loss[k-1] {
					t.Fatalf("loss rose from %g to %g at step %d", r.Loss[k-1], r.Loss[k], k)
				}
			}
			if !(r.Loss[len(r.Loss)-1] < r.Loss[0]) {
				t.Fatalf("loss did not move: %g to %g", r.Loss[0], r.Loss[len(r.Loss)-1])
			}
			if !learnT && r.Attention.Temperature != cfg.InitTemperature {
				t.Fatalf("temperature changed to %v although it was not being learned", r.Attention.Temperature)
			}
		})
	}
}

// sameBits reports whether a and b hold bit-identical values.
func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

func TestTrainingIsDeterministic(t *testing.T) {
	xs := numerics.Grid(50)
	cfg := numerics.TrainConfig{Steps: 200, LearningRate: 100, Seed: 3, InitTemperature: 1, LearnTemperature: true, KeyDim: 3}
	run := func() numerics.TrainResult {
		r, err := numerics.Train(xs, numerics.SeedEncoding, numerics.Gaussian{Bandwidth: 0.1}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	a, b := run(), run()
	if !sameBits(a.Loss, b.Loss) || math.Float64bits(a.Attention.Temperature) != math.Float64bits(b.Attention.Temperature) {
		t.Fatal("two runs with the same config gave different losses or temperatures")
	}
	for i := range a.Attention.WQ {
		if !sameBits(a.Attention.WQ[i], b.Attention.WQ[i]) || !sameBits(a.Attention.WK[i], b.Attention.WK[i]) {
			t.Fatalf("two runs with the same config gave different matrices in row %d", i)
		}
	}
	cfg.Seed = 4
	if c := run(); sameBits(a.Loss, c.Loss) {
		t.Fatal("a different seed gave the same losses")
	}
}

func TestTrainStartsFromTheSeededMatrices(t *testing.T) {
	cfg := numerics.TrainConfig{Steps: 1, LearningRate: 1, Seed: 42, InitTemperature: 0.8, KeyDim: 2}
	r, err := numerics.Train(numerics.Grid(10), numerics.SeedEncoding, numerics.Gaussian{Bandwidth: 0.1}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	wantQ, wantK := numerics.RandomMatrix(2, 4, 42), numerics.RandomMatrix(2, 4, 43)
	for i := range wantQ {
		checkAllClose(t, "initial W_q", r.Initial.WQ[i], wantQ[i], 0)
		checkAllClose(t, "initial W_k", r.Initial.WK[i], wantK[i], 0)
	}
	if r.Initial.Temperature != 0.8 || r.Attention.Temperature != 0.8 {
		t.Fatalf("temperatures %v → %v, want 0.8 throughout (not learned)", r.Initial.Temperature, r.Attention.Temperature)
	}
	if rows, cols := r.Attention.WQ.Dims(); rows != 2 || cols != 4 {
		t.Fatalf("fitted W_q is %d×%d, want 2×4", rows, cols)
	}
	if len(r.Loss) != 2 {
		t.Fatalf("got %d loss values for one step, want 2", len(r.Loss))
	}
}

func TestTrainSaysWhatIsWrong(t *testing.T) {
	good := numerics.TrainConfig{Steps: 10, LearningRate: 1, InitTemperature: 1}
	with := func(change func(*numerics.TrainConfig)) numerics.TrainConfig {
		c := good
		change(&c)
		return c
	}
	xs := numerics.Grid(10)
	gauss := numerics.Gaussian{Bandwidth: 0.1}
	nowhere := numerics.KernelFunc(func(u, v float64) float64 { return math.Inf(-1) })
	tests := []struct {
		name    string
		xs      []float64
		enc     numerics.Encoding
		target  numerics.Kernel
		cfg     numerics.TrainConfig
		wantErr string
	}{
		{"zero steps", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.Steps = 0 }), "steps must be between 1 and 100000, got 0"},
		{"too many steps", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.Steps = 100001 }), "got 100001"},
		{"a zero learning rate", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.LearningRate = 0 }), "learning rate must be > 0 and finite, got 0"},
		{"a NaN learning rate", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.LearningRate = math.NaN() }), "learning rate must be > 0 and finite, got NaN"},
		{"a negative temperature", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.InitTemperature = -1 }), "initial temperature must be > 0 and finite, got -1"},
		{"an infinite temperature", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.InitTemperature = math.Inf(1) }), "got +Inf"},
		{"a negative key dimension", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.KeyDim = -2 }), "key dimension must be >= 0"},
		{"no inputs", nil, numerics.SeedEncoding, gauss, good, "no input positions"},
		{"a NaN input", []float64{0, math.NaN()}, numerics.SeedEncoding, gauss, good, "input position 1 is NaN"},
		{"a nil encoding", xs, nil, gauss, good, "encoding must not be nil"},
		{"an encoding whose length varies", []float64{0, 1}, func(x float64) []float64 { return make([]float64, 1+int(x)) }, gauss, good, "encoding of input 1 has 2 components, want 1"},
		{"an encoding with an infinity", []float64{0, 1}, func(x float64) []float64 { return []float64{1 / x} }, gauss, good, "encoding of input 0 has component 0 = +Inf"},
		{"a nil target", xs, numerics.SeedEncoding, nil, good, "target kernel must not be nil"},
		{"an invalid target", xs, numerics.SeedEncoding, numerics.Gaussian{Bandwidth: -1}, good, "target kernel: bandwidth must be > 0, got -1"},
		{"undefined target weights", xs, numerics.SeedEncoding, nowhere, good, "target weights at query x_0 = 0 are undefined"},
		{"a learning rate that blows up", xs, numerics.SeedEncoding, gauss, with(func(c *numerics.TrainConfig) { c.LearningRate = 1e300 }), "lower the learning rate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := numerics.Train(tc.xs, tc.enc, tc.target, tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Train error = %v, want one containing %q", err, tc.wantErr)
			}
			if r.Loss != nil || r.Attention.WQ != nil {
				t.Fatal("Train returned a result alongside its error")
			}
		})
	}
}

func TestWeightLossPanicsOnATargetOfTheWrongShape(t *testing.T) {
	a := seedAttention(t, 1)
	xs := numerics.Grid(3)
	for name, target := range map[string][][]float64{
		"too few rows":    {{1, 0, 0}, {0, 1, 0}},
		"a row too short": {{1, 0, 0}, {0, 1}, {0, 0, 1}},
	} {
		for fn, call := range map[string]func(){
			"WeightLoss":     func() { numerics.WeightLoss(a, xs, target) },
			"WeightLossGrad": func() { numerics.WeightLossGrad(a, xs, target) },
		} {
			t.Run(fn+" with "+name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Fatal("did not panic")
					}
				}()
				call()
			})
		}
	}
}
