package starnum

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/kernelpress/kernelpress/generator/numerics"
	"go.starlark.net/starlark"
)

// modelBuiltins expose the project's numerics: kernels, the Nadaraya–Watson
// smoother, attention, kernel density estimation and cross-validation.
var modelBuiltins = []builtin{
	{Doc: Doc{"gaussian_kernel", "gaussian_kernel(x, center=0, bandwidth=1)", "exp(−t²/2) with t = (x − center)/bandwidth, elementwise (unnormalised, 1 at the center)."}, impl: kernelBuiltin("gaussian")},
	{Doc: Doc{"epanechnikov_kernel", "epanechnikov_kernel(x, center=0, bandwidth=1)", "1 − t² for |t| < 1, else 0, with t = (x − center)/bandwidth (unnormalised)."}, impl: kernelBuiltin("epanechnikov")},
	{Doc: Doc{"boxcar_kernel", "boxcar_kernel(x, center=0, bandwidth=1)", "1 for |t| ≤ 1, else 0, with t = (x − center)/bandwidth."}, impl: kernelBuiltin("boxcar")},
	{Doc: Doc{"tricube_kernel", "tricube_kernel(x, center=0, bandwidth=1)", "(1 − |t|³)³ for |t| < 1, else 0, with t = (x − center)/bandwidth (unnormalised)."}, impl: kernelBuiltin("tricube")},
	{Doc: Doc{"nadaraya_watson", "nadaraya_watson(x, y, queries, bandwidth, kernel=\"gaussian\")", "The kernel-weighted average of y around each query: Σ K(x_i, q)·y_i / Σ K(x_i, q)."}, impl: builtinNadarayaWatson},
	{Doc: Doc{"smoother_weights", "smoother_weights(x, queries, bandwidth, kernel=\"gaussian\")", "The Nadaraya–Watson weights, one row per query, each summing to 1."}, impl: builtinSmootherWeights},
	{Doc: Doc{"attention", "attention(x, y, queries, temperature=1, wq=None, wk=None)", "Softmax attention over positions with the encoding [sin 2πx, cos 2πx, x, 1]; wq, wk are d_k×4 (default diag(1, 1, 0, 0))."}, impl: builtinAttention(false)},
	{Doc: Doc{"attention_weights", "attention_weights(x, queries, temperature=1, wq=None, wk=None)", "The attention weights, one row per query, each summing to 1."}, impl: builtinAttention(true)},
	{Doc: Doc{"kde", "kde(samples, grid, bandwidth, kernel=\"gaussian\")", "The kernel density estimate at each grid point, normalised to integrate to 1."}, impl: builtinKDE},
	{Doc: Doc{"loocv", "loocv(x, y, bandwidth, kernel=\"gaussian\")", "Leave-one-out cross-validation error of the smoother; an array of bandwidths gives an array of errors."}, impl: builtinLOOCV},
	{Doc: Doc{"lscv", "lscv(samples, bandwidth, kernel=\"gaussian\")", "Least-squares cross-validation of kde: ∫f̂² − (2/n)·Σ f̂₋ᵢ(xᵢ), exact (gaussian, epanechnikov or boxcar); an array of bandwidths gives an array."}, impl: builtinLSCV},
}

// kernelNames lists the kernel= choices.
var kernelNames = []string{"boxcar", "epanechnikov", "gaussian", "tricube"}

// newKernel returns the named kernel with bandwidth h.
func newKernel(fn, name string, h float64) (numerics.DensityKernel, error) {
	var k numerics.DensityKernel
	var err error
	switch name {
	case "gaussian":
		k, err = numerics.NewGaussian(h)
	case "epanechnikov":
		k, err = numerics.NewEpanechnikov(h)
	case "boxcar":
		k, err = numerics.NewBoxcar(h)
	case "tricube":
		k, err = numerics.NewTricube(h)
	default:
		return nil, fmt.Errorf("%s: kernel must be one of %s, got %q", fn, strings.Join(quoteAll(kernelNames), ", "), name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", fn, err)
	}
	return k, nil
}

// quoteAll returns each name in double quotes.
func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

// kernelBuiltin returns the implementation of a <name>_kernel function.
func kernelBuiltin(name string) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var x starlark.Value
		var centerV, hV starlark.Value = starlark.Float(0), starlark.Float(1)
		if err := starlark.UnpackArgs(fn, args, kwargs, "x", &x, "center?", &centerV, "bandwidth?", &hV); err != nil {
			return nil, err
		}
		center, err := toFloat(fn, "center", centerV)
		if err != nil {
			return nil, err
		}
		h, err := toFloat(fn, "bandwidth", hV)
		if err != nil {
			return nil, err
		}
		k, err := newKernel(fn, name, h)
		if err != nil {
			return nil, err
		}
		return l.elementwise(fn, x, func(v float64) float64 { return math.Exp(k.LogK(v, center)) })
	}
}

// smootherArgs unpacks x, (y,) queries, bandwidth and kernel.
type smootherArgs struct {
	x, y, queries []float64
	queryNumber   bool // queries was a single number
	kernel        numerics.DensityKernel
}

// unpackSmoother reads the arguments of nadaraya_watson (withY) or
// smoother_weights and counts len(x)·len(queries) work.
func (l *Library) unpackSmoother(fn string, args starlark.Tuple, kwargs []starlark.Tuple, withY bool) (*smootherArgs, error) {
	var xV, yV, qV, hV starlark.Value
	var kernel = "gaussian"
	var err error
	if withY {
		err = starlark.UnpackArgs(fn, args, kwargs, "x", &xV, "y", &yV, "queries", &qV, "bandwidth", &hV, "kernel?", &kernel)
	} else {
		err = starlark.UnpackArgs(fn, args, kwargs, "x", &xV, "queries", &qV, "bandwidth", &hV, "kernel?", &kernel)
	}
	if err != nil {
		return nil, err
	}
	s := &smootherArgs{}
	if s.x, err = l.toVector(fn, "x", xV); err != nil {
		return nil, err
	}
	if withY {
		if s.y, err = l.toVector(fn, "y", yV); err != nil {
			return nil, err
		}
		if len(s.x) != len(s.y) {
			return nil, fmt.Errorf("%s: x has %d elements but y has %d", fn, len(s.x), len(s.y))
		}
	}
	if s.queries, s.queryNumber, err = l.numberOrVector(fn, "queries", qV); err != nil {
		return nil, err
	}
	h, err := toFloat(fn, "bandwidth", hV)
	if err != nil {
		return nil, err
	}
	if s.kernel, err = newKernel(fn, kernel, h); err != nil {
		return nil, err
	}
	return s, l.addWork(fn, len(s.x)*max(len(s.queries), 1))
}

// numberOrVector reads a number (as one element) or a 1-D array.
func (l *Library) numberOrVector(fn, what string, v starlark.Value) ([]float64, bool, error) {
	if isNumber(v) {
		f, _ := starlark.AsFloat(v)
		return []float64{f}, true, nil
	}
	xs, err := l.toVector(fn, what, v)
	return xs, false, err
}

// builtinNadarayaWatson implements nadaraya_watson with numerics.Smooth.
func builtinNadarayaWatson(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s, err := l.unpackSmoother(fn, args, kwargs, true)
	if err != nil {
		return nil, err
	}
	if err := l.checkSize(fn, len(s.queries)); err != nil {
		return nil, err
	}
	out := numerics.Smooth(s.kernel, s.x, s.y, s.queries)
	if s.queryNumber {
		return starlark.Float(out[0]), nil
	}
	return vector(l, out), nil
}

// builtinSmootherWeights implements smoother_weights with
// numerics.SmootherWeightMatrix.
func builtinSmootherWeights(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	s, err := l.unpackSmoother(fn, args, kwargs, false)
	if err != nil {
		return nil, err
	}
	if err := l.checkMatrix(fn, len(s.queries), len(s.x)); err != nil {
		return nil, err
	}
	return l.fromRows(s.queries, s.queryNumber, len(s.x), numerics.SmootherWeightMatrix(s.kernel, s.x, s.queries)), nil
}

// checkMatrix checks that a rows×cols array is within the size limit.
func (l *Library) checkMatrix(fn string, rows, cols int) error {
	if cols > 0 && rows > l.opts.MaxElements/cols {
		return fmt.Errorf("%s: an array of %d×%d elements is over the limit of %d", fn, rows, cols, l.opts.MaxElements)
	}
	return nil
}

// fromRows flattens rows into a 2-D array, or returns the single row as a
// 1-D array when the queries were one number.
func (l *Library) fromRows(queries []float64, single bool, cols int, rows [][]float64) *Array {
	if single {
		return vector(l, rows[0])
	}
	data := make([]float64, 0, len(rows)*cols)
	for _, r := range rows {
		data = append(data, r...)
	}
	return matrix(l, data, len(rows), cols)
}

// builtinAttention returns attention (weights false) or attention_weights.
func builtinAttention(weights bool) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var xV, yV, qV, wqV, wkV starlark.Value
		var tV starlark.Value = starlark.Float(1)
		var err error
		if weights {
			err = starlark.UnpackArgs(fn, args, kwargs, "x", &xV, "queries", &qV, "temperature?", &tV, "wq??", &wqV, "wk??", &wkV)
		} else {
			err = starlark.UnpackArgs(fn, args, kwargs, "x", &xV, "y", &yV, "queries", &qV, "temperature?", &tV, "wq??", &wqV, "wk??", &wkV)
		}
		if err != nil {
			return nil, err
		}
		x, err := l.toVector(fn, "x", xV)
		if err != nil {
			return nil, err
		}
		queries, single, err := l.numberOrVector(fn, "queries", qV)
		if err != nil {
			return nil, err
		}
		temp, err := toFloat(fn, "temperature", tV)
		if err != nil {
			return nil, err
		}
		wq, err := l.toMatrix(fn, "wq", wqV)
		if err != nil {
			return nil, err
		}
		wk, err := l.toMatrix(fn, "wk", wkV)
		if err != nil {
			return nil, err
		}
		a, err := numerics.NewAttention(numerics.SeedEncoding, wq, wk, temp)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", fn, err)
		}
		if err := l.addWork(fn, len(x)*max(len(queries), 1)*len(wq)*4); err != nil {
			return nil, err
		}
		if weights {
			if err := l.checkMatrix(fn, len(queries), len(x)); err != nil {
				return nil, err
			}
			return l.fromRows(queries, single, len(x), a.WeightMatrix(x, queries)), nil
		}
		y, err := l.toVector(fn, "y", yV)
		if err != nil {
			return nil, err
		}
		if len(x) != len(y) {
			return nil, fmt.Errorf("%s: x has %d elements but y has %d", fn, len(x), len(y))
		}
		out := a.Apply(x, y, queries)
		if single {
			return starlark.Float(out[0]), nil
		}
		return vector(l, out), nil
	}
}

// toMatrix reads a 2-D array as a numerics.Matrix; nil gives DefaultWQ.
func (l *Library) toMatrix(fn, what string, v starlark.Value) (numerics.Matrix, error) {
	if v == nil {
		return numerics.DefaultWQ(), nil
	}
	a, err := l.toArray(fn, what, v)
	if err != nil {
		return nil, err
	}
	if !a.twoD {
		return nil, fmt.Errorf("%s: %s must be 2-D (d_k × 4), got shape %s", fn, what, a.shapeString())
	}
	m := make(numerics.Matrix, a.rows)
	for i := range m {
		m[i] = slices.Clone(a.data[i*a.cols : (i+1)*a.cols])
	}
	return m, nil
}

// builtinKDE implements kde(samples, grid, bandwidth, kernel="gaussian")
// with numerics.KDE.
func builtinKDE(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sV, gV, hV starlark.Value
	kernel := "gaussian"
	if err := starlark.UnpackArgs(fn, args, kwargs, "samples", &sV, "grid", &gV, "bandwidth", &hV, "kernel?", &kernel); err != nil {
		return nil, err
	}
	samples, err := l.toVector(fn, "samples", sV)
	if err != nil {
		return nil, err
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("%s: samples is empty", fn)
	}
	grid, single, err := l.numberOrVector(fn, "grid", gV)
	if err != nil {
		return nil, err
	}
	h, err := toFloat(fn, "bandwidth", hV)
	if err != nil {
		return nil, err
	}
	k, err := newKernel(fn, kernel, h)
	if err != nil {
		return nil, err
	}
	if err := l.addWork(fn, len(samples)*len(grid)); err != nil {
		return nil, err
	}
	out := numerics.KDE(k, samples, grid)
	if single {
		return starlark.Float(out[0]), nil
	}
	return vector(l, out), nil
}

// builtinLOOCV implements loocv(x, y, bandwidth, kernel="gaussian") with
// numerics.LOOCV.
func builtinLOOCV(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var xV, yV, hV starlark.Value
	kernel := "gaussian"
	if err := starlark.UnpackArgs(fn, args, kwargs, "x", &xV, "y", &yV, "bandwidth", &hV, "kernel?", &kernel); err != nil {
		return nil, err
	}
	x, err := l.toVector(fn, "x", xV)
	if err != nil {
		return nil, err
	}
	y, err := l.toVector(fn, "y", yV)
	if err != nil {
		return nil, err
	}
	if len(x) != len(y) {
		return nil, fmt.Errorf("%s: x has %d elements but y has %d", fn, len(x), len(y))
	}
	return l.perBandwidth(fn, kernel, hV, len(x)*len(x), func(k numerics.DensityKernel) (float64, error) {
		return numerics.LOOCV(k, x, y), nil
	})
}

// perBandwidth evaluates score at each bandwidth hV holds (a number, or a
// 1-D array), with the named kernel, counting work units for each: a
// number for a number, an array for an array.
func (l *Library) perBandwidth(fn, kernel string, hV starlark.Value, work int, score func(numerics.DensityKernel) (float64, error)) (starlark.Value, error) {
	hs, single, err := l.numberOrVector(fn, "bandwidth", hV)
	if err != nil {
		return nil, err
	}
	if err := l.addWork(fn, work*len(hs)); err != nil {
		return nil, err
	}
	out := make([]float64, len(hs))
	for i, h := range hs {
		k, err := newKernel(fn, kernel, h)
		if err != nil {
			return nil, err
		}
		if out[i], err = score(k); err != nil {
			return nil, fmt.Errorf("%s: %v", fn, err)
		}
	}
	if single {
		return starlark.Float(out[0]), nil
	}
	return vector(l, out), nil
}

// builtinLSCV implements lscv(samples, bandwidth, kernel="gaussian") with
// numerics.LSCV: n(n − 1)/2 pairs, two kernel terms each, per bandwidth.
func builtinLSCV(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var sV, hV starlark.Value
	kernel := "gaussian"
	if err := starlark.UnpackArgs(fn, args, kwargs, "samples", &sV, "bandwidth", &hV, "kernel?", &kernel); err != nil {
		return nil, err
	}
	samples, err := l.toVector(fn, "samples", sV)
	if err != nil {
		return nil, err
	}
	if len(samples) < 2 {
		return nil, fmt.Errorf("%s: samples has %d elements, need at least 2", fn, len(samples))
	}
	return l.perBandwidth(fn, kernel, hV, len(samples)*len(samples), func(k numerics.DensityKernel) (float64, error) {
		return numerics.LSCV(k, samples)
	})
}
