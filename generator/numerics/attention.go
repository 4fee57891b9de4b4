package numerics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Attention is single-head softmax attention over positions with scalar
// values: the query at x0 attends to the inputs x_i through
// q = WQ·p(x0) and k_i = WK·p(x_i), where p is the encoding.
type Attention struct {
	Encode      Encoding
	WQ, WK      Matrix // each d_k × d, d = len(Encode(x))
	Temperature float64
}

// NewAttention validates its arguments (see Attention.Validate) and returns
// an Attention holding its own copies of wq and wk, or an error saying what
// is wrong.
func NewAttention(enc Encoding, wq, wk Matrix, temperature float64) (Attention, error) {
	a := Attention{Encode: enc, WQ: wq, WK: wk, Temperature: temperature}
	if err := a.Validate(); err != nil {
		return Attention{}, err
	}
	a.WQ, a.WK = wq.Clone(), wk.Clone()
	return a, nil
}

// Validate reports whether the encoding is non-nil with a non-empty output,
// WQ and WK are rectangular, finite and of the same d_k × d shape with d the
// encoding dimension, and the temperature is finite and > 0.
func (a Attention) Validate() error {
	if a.Encode == nil {
		return fmt.Errorf("encoding must not be nil")
	}
	d := len(a.Encode(0))
	if d == 0 {
		return fmt.Errorf("encoding returns an empty vector")
	}
	if err := a.WQ.Validate(); err != nil {
		return fmt.Errorf("W_q: %w", err)
	}
	if err := a.WK.Validate(); err != nil {
		return fmt.Errorf("W_k: %w", err)
	}
	qr, qc := a.WQ.Dims()
	kr, kc := a.WK.Dims()
	if qr != kr || qc != kc {
		return fmt.Errorf("W_q is %d×%d but W_k is %d×%d; they must have the same shape", qr, qc, kr, kc)
	}
	if qc != d {
		return fmt.Errorf("W_q and W_k have %d columns but the encoding has dimension %d", qc, d)
	}
	t := a.Temperature
	if math.IsNaN(t) || math.IsInf(t, 0) || t <= 0 {
		return fmt.Errorf("temperature must be > 0 and finite, got %v", t)
	}
	return nil
}

// Kernel returns the attention's kernel on positions, so that
// Smooth(a.Kernel(), …) computes the same thing as a.Apply(…).
func (a Attention) Kernel() DotProductKernel { return DotProductKernel{Attention: a} }

// Logits returns the scaled scores q(x0)·k(x_i)/(√d_k·T) whose softmax is
// Weights(xs, x0).
func (a Attention) Logits(xs []float64, x0 float64) []float64 {
	out := make([]float64, len(xs))
	if len(xs) == 0 {
		return out
	}
	return a.logitsInto(out, a.WQ.dense(), a.keys(xs), x0)
}

// Weights returns a_i(x0) = softmax_i(q(x0)·k(x_i)/(√d_k·T)) with
// q = WQ·p(x0) and k = WK·p(x_i).
func (a Attention) Weights(xs []float64, x0 float64) []float64 {
	w := a.Logits(xs, x0)
	return Softmax(w, w)
}

// WeightMatrix returns the len(queries)×len(xs) attention weights, one row
// per query, computed in matrix form: the score matrix Q·Kᵀ/(√d_k·T) from
// one gonum product, then a stable softmax along each row.
//
// It deliberately shares no code with DotProductKernel.LogK, which works
// pair by pair, so the two can be checked against each other.
func (a Attention) WeightMatrix(xs, queries []float64) [][]float64 {
	m, n := len(queries), len(xs)
	rows := make([][]float64, m)
	if m == 0 {
		return rows
	}
	if n == 0 {
		for j := range rows {
			rows[j] = []float64{}
		}
		return rows
	}
	var q, k, s mat.Dense
	q.Mul(encodeRows(a.Encode, queries), a.WQ.dense().T()) // m × d_k
	q.Scale(1/math.Sqrt(float64(len(a.WQ))), &q)
	k.Mul(encodeRows(a.Encode, xs), a.WK.dense().T()) // n × d_k
	s.Mul(&q, k.T())                                  // m × n
	raw := s.RawMatrix()
	for j := range rows {
		start := j * raw.Stride
		row := raw.Data[start : start+n : start+n]
		for i := range row {
			row[i] /= a.Temperature
		}
		rows[j] = Softmax(row, row)
	}
	return rows
}

// Apply returns the attention output Σ_i a_i(q)·y_i for each query q.
//
// It needs memory proportional to len(xs), not len(xs)·len(queries). An
// output is NaN where the weights are undefined, including every query when
// xs is empty. It panics if xs and ys differ in length.
func (a Attention) Apply(xs, ys, queries []float64) []float64 {
	if len(xs) != len(ys) {
		panic(fmt.Sprintf("numerics: Attention.Apply got %d positions but %d values", len(xs), len(ys)))
	}
	out := make([]float64, len(queries))
	if len(xs) == 0 {
		return fillNaN(out)
	}
	wq, keys := a.WQ.dense(), a.keys(xs)
	buf := make([]float64, len(xs))
	for j, x0 := range queries {
		a.logitsInto(buf, wq, keys, x0)
		out[j] = weightedSum(Softmax(buf, buf), ys)
	}
	return out
}

// keys returns the len(xs)×d_k matrix whose rows are k(x_i) = WK·p(x_i);
// xs must be non-empty.
func (a Attention) keys(xs []float64) *mat.Dense {
	var k mat.Dense
	k.Mul(encodeRows(a.Encode, xs), a.WK.dense().T())
	return &k
}

// logitsInto writes q(x0)·k_i/(√d_k·T) into dst, where wq is WQ as a gonum
// matrix and keys holds one k_i per row.
func (a Attention) logitsInto(dst []float64, wq, keys *mat.Dense, x0 float64) []float64 {
	p := a.Encode(x0)
	var q mat.VecDense
	q.MulVec(wq, mat.NewVecDense(len(p), p))
	q.ScaleVec(1/math.Sqrt(float64(len(a.WQ))), &q)
	mat.NewVecDense(len(dst), dst).MulVec(keys, &q)
	for i := range dst {
		// Divide rather than multiply by 1/T: a subnormal T then gives
		// ±Inf logits (a hard argmax) instead of 0·Inf = NaN.
		dst[i] /= a.Temperature
	}
	return dst
}

// encodeRows returns the len(xs)×d matrix whose rows are enc(x_i); xs must
// be non-empty.
func encodeRows(enc Encoding, xs []float64) *mat.Dense {
	first := enc(xs[0])
	p := mat.NewDense(len(xs), len(first), nil)
	p.SetRow(0, first)
	for i := 1; i < len(xs); i++ {
		p.SetRow(i, enc(xs[i]))
	}
	return p
}

// DotProductKernel is the kernel K(u, v) = exp(q(v)·k(u)/(√d_k·T)) on
// positions, computed pair by pair; attention is exactly Nadaraya–Watson
// smoothing with this kernel.
type DotProductKernel struct{ Attention Attention }

// LogK returns q(v)·k(u)/(√d_k·T) with q(v) = WQ·p(v) for the query v and
// k(u) = WK·p(u) for the input u, using plain loops rather than gonum.
func (k DotProductKernel) LogK(u, v float64) float64 {
	a := k.Attention
	q := a.WQ.MulVec(a.Encode(v))
	key := a.WK.MulVec(a.Encode(u))
	dot := 0.0
	for i := range q {
		dot += q[i] * key[i]
	}
	return dot / math.Sqrt(float64(len(q))) / a.Temperature
}
