package numerics

import (
	"fmt"
	"math"
)

// TrainConfig holds the settings of Train.
type TrainConfig struct {
	Steps            int     // gradient steps, 1…100000
	LearningRate     float64 // step size, finite and > 0
	Seed             uint64  // seeds the initial W_q and W_k (RandomMatrix with Seed and Seed+1)
	InitTemperature  float64 // starting temperature, finite and > 0
	LearnTemperature bool    // also fit T (through log T); otherwise T stays at InitTemperature
	KeyDim           int     // d_k, the number of rows of W_q and W_k; 0 means the encoding dimension d
}

// maxTrainSteps is the largest TrainConfig.Steps accepted.
const maxTrainSteps = 100000

// Validate reports whether Steps is in 1…100000, LearningRate and
// InitTemperature are finite and > 0, and KeyDim is ≥ 0.
func (c TrainConfig) Validate() error {
	if c.Steps < 1 || c.Steps > maxTrainSteps {
		return fmt.Errorf("steps must be between 1 and %d, got %d", maxTrainSteps, c.Steps)
	}
	if r := c.LearningRate; math.IsNaN(r) || math.IsInf(r, 0) || r <= 0 {
		return fmt.Errorf("learning rate must be > 0 and finite, got %v", r)
	}
	if t := c.InitTemperature; math.IsNaN(t) || math.IsInf(t, 0) || t <= 0 {
		return fmt.Errorf("initial temperature must be > 0 and finite, got %v", t)
	}
	if c.KeyDim < 0 {
		return fmt.Errorf("key dimension must be >= 0 (0 means the encoding dimension), got %d", c.KeyDim)
	}
	return nil
}

// TrainResult is the outcome of Train.
type TrainResult struct {
	Attention Attention // the fitted attention
	Initial   Attention // the seeded start
	Loss      []float64 // WeightLoss before each step and after the last (Steps+1 values)
}

// Train fits the W_q, W_k and (if cfg.LearnTemperature) the temperature of
// an attention head over the encoding enc so that its weight rows match the
// Nadaraya–Watson weights of the target kernel, by plain full-batch gradient
// descent on WeightLoss with every input as a query.
//
// It matches weight rows rather than smoothed outputs because the weights
// are the whole weighting scheme and do not depend on any particular
// signal, whereas outputs could agree by accident for one signal while the
// weights differ. The start is W_q = RandomMatrix(d_k, d, Seed),
// W_k = RandomMatrix(d_k, d, Seed+1) and T = InitTemperature, and T is
// stepped as log T so that it stays positive. There is no randomness beyond
// the seeded start, so repeated calls with the same arguments give the same
// bits.
//
// It returns an error if cfg is invalid (see TrainConfig.Validate), xs is
// empty or not finite, enc is nil or not a finite vector of one length at
// every input, target is nil or fails its own Validate method, a target
// weight row is undefined, or a step makes the parameters or loss
// non-finite (the learning rate is too large).
func Train(xs []float64, enc Encoding, target Kernel, cfg TrainConfig) (TrainResult, error) {
	if err := cfg.Validate(); err != nil {
		return TrainResult{}, err
	}
	p, err := encodeInputs(xs, enc)
	if err != nil {
		return TrainResult{}, err
	}
	if target == nil {
		return TrainResult{}, fmt.Errorf("target kernel must not be nil")
	}
	if v, ok := target.(interface{ Validate() error }); ok {
		if err := v.Validate(); err != nil {
			return TrainResult{}, fmt.Errorf("target kernel: %w", err)
		}
	}
	w := SmootherWeightMatrix(target, xs, xs)
	for o, row := range w {
		for _, v := range row {
			if math.IsNaN(v) {
				return TrainResult{}, fmt.Errorf("target weights at query x_%d = %v are undefined", o, xs[o])
			}
		}
	}

	d, dk := len(p[0]), cfg.KeyDim
	if dk == 0 {
		dk = d
	}
	wq, wk := RandomMatrix(dk, d, cfg.Seed), RandomMatrix(dk, d, cfg.Seed+1)
	initial := Attention{Encode: enc, WQ: wq.Clone(), WK: wk.Clone(), Temperature: cfg.InitTemperature}

	f := newWeightFit(p, w, dk)
	gq, gk := Zeros(dk, d), Zeros(dk, d)
	logT, temp := math.Log(cfg.InitTemperature), cfg.InitTemperature
	loss := make([]float64, cfg.Steps+1)
	for step := 0; ; step++ {
		var glogT float64
		loss[step], glogT = f.lossGrad(wq, wk, temp, gq, gk)
		if math.IsNaN(loss[step]) || math.IsInf(loss[step], 0) {
			return TrainResult{}, fmt.Errorf("step %d: the loss is %v; lower the learning rate", step, loss[step])
		}
		if step == cfg.Steps {
			break
		}
		descend(wq, gq, cfg.LearningRate)
		descend(wk, gk, cfg.LearningRate)
		if cfg.LearnTemperature {
			logT -= cfg.LearningRate * glogT
			temp = math.Exp(logT)
		}
		if wq.Validate() != nil || wk.Validate() != nil || temp == 0 || math.IsInf(temp, 0) || math.IsNaN(temp) {
			return TrainResult{}, fmt.Errorf("step %d: the parameters became non-finite (T = %v); lower the learning rate", step+1, temp)
		}
	}
	return TrainResult{
		Attention: Attention{Encode: enc, WQ: wq, WK: wk, Temperature: temp},
		Initial:   initial,
		Loss:      loss,
	}, nil
}

// WeightLoss returns L = (1/n²)·Σ_o Σ_i (a_i(x_o) − target[o][i])², the mean
// squared difference between a's weight matrix over the n inputs xs (every
// input a query) and the n×n target weights, one row per query.
//
// It uses Attention.WeightMatrix, not the code behind WeightLossGrad, so
// the two check each other. With no inputs the loss is 0. It panics if
// target is not n×n.
func WeightLoss(a Attention, xs []float64, target [][]float64) float64 {
	checkTarget("WeightLoss", len(xs), target)
	n := len(xs)
	if n == 0 {
		return 0
	}
	sum := 0.0
	for o, row := range a.WeightMatrix(xs, xs) {
		for i, v := range row {
			r := v - target[o][i]
			sum += r * r
		}
	}
	return sum / float64(n*n)
}

// WeightLossGrad returns the gradient of WeightLoss with respect to W_q,
// W_k and log T, derived analytically (see weightFit.lossGrad).
//
// It assumes a is valid and panics if target is not n×n.
func WeightLossGrad(a Attention, xs []float64, target [][]float64) (gq, gk Matrix, glogT float64) {
	checkTarget("WeightLossGrad", len(xs), target)
	gq, gk = Zeros(a.WQ.Dims()), Zeros(a.WK.Dims())
	if len(xs) == 0 {
		return gq, gk, 0
	}
	p := make([][]float64, len(xs))
	for i, x := range xs {
		p[i] = a.Encode(x)
	}
	_, glogT = newWeightFit(p, target, len(a.WQ)).lossGrad(a.WQ, a.WK, a.Temperature, gq, gk)
	return gq, gk, glogT
}

// weightFit is a weight-matching problem, the encoded inputs and the target
// weight rows, with scratch space for lossGrad.
type weightFit struct {
	p, target [][]float64 // n × d encodings p(x_i); n × n target rows w(o)
	q, k      [][]float64 // n × d_k queries q_o = W_q·p_o and keys k_i = W_k·p_i
	dLdk      [][]float64 // n × d_k: ∂L/∂k_i, summed over the queries
	dLdq      []float64   // d_k: ∂L/∂q_o for the current query
	s, a, g   []float64   // n: the current query's logits, weights and ∂L/∂a
}

// newWeightFit returns a weightFit for the n encodings p, the n×n target and
// key dimension dk; p must be non-empty.
func newWeightFit(p, target [][]float64, dk int) *weightFit {
	n := len(p)
	return &weightFit{
		p: p, target: target,
		q: Zeros(n, dk), k: Zeros(n, dk), dLdk: Zeros(n, dk), dLdq: make([]float64, dk),
		s: make([]float64, n), a: make([]float64, n), g: make([]float64, n),
	}
}

// lossGrad returns WeightLoss at W_q = wq, W_k = wk and temperature temp,
// writes its gradients with respect to W_q and W_k into gq and gk (d_k × d,
// overwritten), and returns its derivative with respect to log T.
//
// Derivation. For the query o, with c = 1/(√d_k·T), the logits are
// s_i = c·q_o·k_i with q_o = W_q·p_o and k_i = W_k·p_i, and the weights are
// a = softmax(s). With L = (1/n²)·Σ_o Σ_i (a_i − w_i)²:
//
//   - g_i = ∂L/∂a_i = (2/n²)·(a_i − w_i);
//   - since ∂a_j/∂s_i = a_j·(δ_ij − a_i), the softmax Jacobian gives
//     δ_i = ∂L/∂s_i = Σ_j g_j·a_j·(δ_ij − a_i) = a_i·(g_i − Σ_j a_j·g_j);
//   - ∂s_i/∂q_o = c·k_i and ∂s_i/∂k_i = c·q_o, so
//     ∂L/∂q_o = c·Σ_i δ_i·k_i and query o adds c·δ_i·q_o to ∂L/∂k_i;
//   - q_o = W_q·p_o, so ∂L/∂W_q = Σ_o (∂L/∂q_o)·p_oᵀ, i.e. ∂s_i/∂W_q =
//     c·k_i·p_oᵀ; likewise ∂L/∂W_k = Σ_i (∂L/∂k_i)·p_iᵀ, i.e.
//     ∂s_i/∂W_k = c·q_o·p_iᵀ;
//   - s_i is proportional to 1/T = e^(−log T), so ∂s_i/∂log T = −s_i and
//     ∂L/∂log T = −Σ_o Σ_i δ_i·s_i.
func (f *weightFit) lossGrad(wq, wk Matrix, temp float64, gq, gk Matrix) (loss, glogT float64) {
	n := len(f.p)
	sqrtDK := math.Sqrt(float64(len(wq)))
	for i, p := range f.p {
		mulVecInto(f.q[i], wq, p)
		mulVecInto(f.k[i], wk, p)
		clear(f.dLdk[i])
	}
	for _, row := range gq {
		clear(row)
	}
	scale := 2 / float64(n*n)
	for o, q := range f.q {
		for i, k := range f.k {
			f.s[i] = dot(q, k) / sqrtDK / temp
		}
		Softmax(f.a, f.s)
		mean := 0.0 // Σ_j a_j·g_j
		for i, a := range f.a {
			r := a - f.target[o][i]
			loss += r * r
			f.g[i] = scale * r
			mean += a * f.g[i]
		}
		clear(f.dLdq)
		for i, a := range f.a {
			delta := a * (f.g[i] - mean)
			glogT -= delta * f.s[i]
			cd := delta / sqrtDK / temp
			addScaled(f.dLdq, cd, f.k[i])
			addScaled(f.dLdk[i], cd, q)
		}
		addOuter(gq, f.dLdq, f.p[o])
	}
	for _, row := range gk {
		clear(row)
	}
	for i, p := range f.p {
		addOuter(gk, f.dLdk[i], p)
	}
	return loss / float64(n*n), glogT
}

// encodeInputs returns p(x_i) for each input, or an error if xs is empty or
// not finite or enc is nil or not a finite vector of one non-zero length.
func encodeInputs(xs []float64, enc Encoding) ([][]float64, error) {
	if enc == nil {
		return nil, fmt.Errorf("encoding must not be nil")
	}
	if len(xs) == 0 {
		return nil, fmt.Errorf("no input positions")
	}
	p := make([][]float64, len(xs))
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("input position %d is %v, want a finite number", i, x)
		}
		p[i] = enc(x)
		if len(p[i]) == 0 || len(p[i]) != len(p[0]) {
			return nil, fmt.Errorf("encoding of input %d has %d components, want %d like input 0 (and at least 1)", i, len(p[i]), len(p[0]))
		}
		for j, v := range p[i] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("encoding of input %d has component %d = %v, want a finite number", i, j, v)
			}
		}
	}
	return p, nil
}

// checkTarget panics unless target is n×n.
func checkTarget(fn string, n int, target [][]float64) {
	if len(target) != n {
		panic(fmt.Sprintf("numerics: %s got %d inputs but %d target rows", fn, n, len(target)))
	}
	for o, row := range target {
		if len(row) != n {
			panic(fmt.Sprintf("numerics: %s got %d inputs but target row %d has %d entries", fn, n, o, len(row)))
		}
	}
}

// descend steps m ← m − rate·g.
func descend(m, g Matrix, rate float64) {
	for i, row := range m {
		addScaled(row, -rate, g[i])
	}
}

// mulVecInto writes m·v into dst.
func mulVecInto(dst []float64, m Matrix, v []float64) {
	for i, row := range m {
		dst[i] = dot(row, v)
	}
}

// dot returns Σ_i a_i·b_i over len(a) terms.
func dot(a, b []float64) float64 {
	s := 0.0
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// addScaled adds c·v to dst.
func addScaled(dst []float64, c float64, v []float64) {
	for i, x := range v {
		dst[i] += c * x
	}
}

// addOuter adds the outer product u·vᵀ to m.
func addOuter(m Matrix, u, v []float64) {
	for i, row := range m {
		addScaled(row, u[i], v)
	}
}
