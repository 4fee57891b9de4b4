package starnum

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"go.starlark.net/starlark"
)

// statsBuiltins reduce, accumulate, sort and summarise arrays. Reductions
// run over every element of an array, 2-D ones included.
var statsBuiltins = []builtin{
	{Doc: Doc{"sum", "sum(x)", "The sum of the elements (0 for none)."}, impl: reduceBuiltin(false, sumOf)},
	{Doc: Doc{"mean", "mean(x)", "The arithmetic mean of the elements."}, impl: reduceBuiltin(true, meanOf)},
	{Doc: Doc{"var", "var(x, ddof=0)", "The variance Σ(x−mean)²/(n−ddof): population (ddof=0) by default, as numpy."}, impl: builtinVarStd(false)},
	{Doc: Doc{"std", "std(x, ddof=0)", "The standard deviation, √var(x, ddof)."}, impl: builtinVarStd(true)},
	{Doc: Doc{"min", "min(x)", "The smallest element of an array (nan if any is nan); anything else goes to Starlark's min."}, impl: minMaxBuiltin("min", -1)},
	{Doc: Doc{"max", "max(x)", "The largest element of an array (nan if any is nan); anything else goes to Starlark's max."}, impl: minMaxBuiltin("max", 1)},
	{Doc: Doc{"argmin", "argmin(x)", "The index of the smallest element, the first on a tie (of the first nan if any)."}, impl: argBuiltin(-1)},
	{Doc: Doc{"argmax", "argmax(x)", "The index of the largest element, the first on a tie (of the first nan if any)."}, impl: argBuiltin(1)},
	{Doc: Doc{"cumsum", "cumsum(x)", "The running sums x0, x0+x1, … as a 1-D array."}, impl: builtinCumsum},
	{Doc: Doc{"sort", "sort(x)", "The elements in increasing order (each row of a 2-D array), nan last."}, impl: builtinSort},
	{Doc: Doc{"quantile", "quantile(values, q)", "The q-quantile(s) of values, q in [0, 1], interpolating linearly as numpy's default."}, impl: builtinQuantile},
	{Doc: Doc{"histogram", "histogram(values, bins=10)", "(counts, edges): bins equal bins over [min, max] or the given edges; each bin [a, b) but the last [a, b]."}, impl: builtinHistogram},
}

// reduceBuiltin returns the implementation of a reduction of one array;
// nonEmpty makes an empty array an error.
func reduceBuiltin(nonEmpty bool, f func([]float64) float64) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		xs, err := l.reduceInput(fn, v, nonEmpty)
		if err != nil {
			return nil, err
		}
		return starlark.Float(f(xs)), nil
	}
}

// reduceInput converts v to its elements for a reduction, counting the work.
func (l *Library) reduceInput(fn string, v starlark.Value, nonEmpty bool) ([]float64, error) {
	a, err := l.toArray(fn, "x", v)
	if err != nil {
		return nil, err
	}
	if nonEmpty && len(a.data) == 0 {
		return nil, fmt.Errorf("%s: x is empty", fn)
	}
	return a.data, l.addWork(fn, len(a.data))
}

// sumOf returns Σx.
func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// meanOf returns Σx/n.
func meanOf(xs []float64) float64 { return sumOf(xs) / float64(len(xs)) }

// builtinVarStd returns the implementation of var (sqrt false) or std.
func builtinVarStd(sqrt bool) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		var ddofV starlark.Value = starlark.MakeInt(0)
		if err := starlark.UnpackArgs(fn, args, kwargs, "x", &v, "ddof?", &ddofV); err != nil {
			return nil, err
		}
		ddof, err := toWhole(fn, "ddof", ddofV, 0)
		if err != nil {
			return nil, err
		}
		xs, err := l.reduceInput(fn, v, true)
		if err != nil {
			return nil, err
		}
		if len(xs) <= ddof {
			return nil, fmt.Errorf("%s: x has %d elements, need more than ddof = %d", fn, len(xs), ddof)
		}
		m := meanOf(xs)
		ss := 0.0
		for _, x := range xs {
			ss += float64((x - m) * (x - m)) // rounded: no fused multiply-add
		}
		r := ss / float64(len(xs)-ddof)
		if sqrt {
			r = math.Sqrt(r)
		}
		return starlark.Float(r), nil
	}
}

// minMaxBuiltin returns min (sign −1) or max (sign +1): numeric over a
// single array argument, Starlark's own builtin for anything else.
func minMaxBuiltin(name string, sign int) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		a, ok := singleArray(args, kwargs)
		if !ok {
			return starlark.Call(new(starlark.Thread), starlark.Universe[name], args, kwargs)
		}
		if len(a.data) == 0 {
			return nil, fmt.Errorf("%s: x is empty", fn)
		}
		if err := l.addWork(fn, len(a.data)); err != nil {
			return nil, err
		}
		return starlark.Float(a.data[extremeIndex(a.data, sign)]), nil
	}
}

// singleArray returns the array when the call has exactly one positional
// argument and it is an array.
func singleArray(args starlark.Tuple, kwargs []starlark.Tuple) (*Array, bool) {
	if len(args) != 1 || len(kwargs) != 0 {
		return nil, false
	}
	a, ok := args[0].(*Array)
	return a, ok
}

// extremeIndex returns the index of the first NaN, or else of the first
// smallest (sign −1) or largest (sign +1) element; xs must be non-empty.
func extremeIndex(xs []float64, sign int) int {
	best := 0
	for i, x := range xs {
		if math.IsNaN(x) {
			return i
		}
		if (sign < 0 && x < xs[best]) || (sign > 0 && x > xs[best]) {
			best = i
		}
	}
	return best
}

// argBuiltin returns argmin (sign −1) or argmax (sign +1).
func argBuiltin(sign int) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var v starlark.Value
		if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		xs, err := l.reduceInput(fn, v, true)
		if err != nil {
			return nil, err
		}
		return starlark.MakeInt(extremeIndex(xs, sign)), nil
	}
}

// builtinCumsum implements cumsum(x).
func builtinCumsum(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a, err := l.arrayArg(fn, "x", args, kwargs)
	if err != nil {
		return nil, err
	}
	out, err := l.alloc(fn, len(a.data), len(a.data))
	if err != nil {
		return nil, err
	}
	s := 0.0
	for i, x := range a.data {
		s += x
		out[i] = s
	}
	return vector(l, out), nil
}

// compareNaNLast orders floats increasingly with NaN after everything.
func compareNaNLast(x, y float64) int {
	switch xn, yn := math.IsNaN(x), math.IsNaN(y); {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	}
	return cmp.Compare(x, y)
}

// builtinSort implements sort(x).
func builtinSort(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a, err := l.arrayArg(fn, "x", args, kwargs)
	if err != nil {
		return nil, err
	}
	out, err := l.alloc(fn, len(a.data), len(a.data))
	if err != nil {
		return nil, err
	}
	copy(out, a.data)
	for i := 0; i < a.rows && a.cols > 0; i++ {
		slices.SortFunc(out[i*a.cols:(i+1)*a.cols], compareNaNLast)
	}
	return a.withData(l, out), nil
}

// builtinQuantile implements quantile(values, q): for sorted values
// x_0 ≤ … ≤ x_{n−1} and h = (n−1)·q, x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋)
// (Hyndman and Fan's method 7, numpy's default). Any NaN value gives NaN.
func builtinQuantile(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v, qV starlark.Value
	if err := starlark.UnpackArgs(fn, args, kwargs, "values", &v, "q", &qV); err != nil {
		return nil, err
	}
	xs, err := l.reduceInput(fn, v, true)
	if err != nil {
		return nil, err
	}
	sorted := slices.Clone(xs)
	slices.SortFunc(sorted, compareNaNLast)
	var qerr error
	res, err := l.elementwise(fn, qV, func(q float64) float64 {
		if !(q >= 0 && q <= 1) && qerr == nil {
			qerr = fmt.Errorf("%s: q must be in [0, 1], got %v", fn, q)
		}
		return interpolate(sorted, q)
	})
	if err != nil {
		return nil, err
	}
	return res, qerr
}

// interpolate returns the method-7 q-quantile of sorted (NaN last).
func interpolate(sorted []float64, q float64) float64 {
	n := len(sorted)
	if math.IsNaN(sorted[n-1]) || math.IsNaN(q) {
		return nan
	}
	h := float64(n-1) * q
	lo := int(math.Floor(h))
	if lo >= n-1 {
		return sorted[n-1]
	}
	if lo < 0 {
		return sorted[0]
	}
	t := h - float64(lo)
	return sorted[lo] + float64(t*(sorted[lo+1]-sorted[lo]))
}

// builtinHistogram implements histogram(values, bins=10) as numpy does.
func builtinHistogram(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	var binsV starlark.Value = starlark.MakeInt(10)
	if err := starlark.UnpackArgs(fn, args, kwargs, "values", &v, "bins?", &binsV); err != nil {
		return nil, err
	}
	xs, err := l.reduceInput(fn, v, false)
	if err != nil {
		return nil, err
	}
	var edges []float64
	if isNumber(binsV) {
		if edges, err = l.equalEdges(fn, xs, binsV); err != nil {
			return nil, err
		}
	} else if edges, err = l.givenEdges(fn, binsV); err != nil {
		return nil, err
	}
	nbins := len(edges) - 1
	counts, err := l.alloc(fn, nbins, len(xs))
	if err != nil {
		return nil, err
	}
	binCounts(counts, xs, edges)
	return starlark.Tuple{vector(l, counts), vector(l, edges)}, nil
}

// binCounts adds to counts[i] the number of xs in bin i of edges: each bin
// [a, b) but the last [a, b]; values outside the edges, and NaN, are not
// counted.
func binCounts(counts, xs, edges []float64) {
	nbins := len(edges) - 1
	first, last := edges[0], edges[nbins]
	for _, x := range xs {
		if !(x >= first && x <= last) {
			continue // outside the edges (only when they are given), or NaN
		}
		// The first edge above x, less one; x on the last edge is in the
		// last bin.
		i, _ := slices.BinarySearch(edges, x)
		if i < len(edges) && edges[i] == x {
			i++ // x is on edge i: it opens bin i
		}
		i--
		if i >= nbins {
			i = nbins - 1
		}
		counts[i]++
	}
}

// Histogram returns what histogram(values, bins) returns for finite
// values and bins ≥ 1: the counts of bins equal bins from the least value
// to the greatest (widened by 0.5 either side when they are equal), and
// the bins+1 edges. Each bin is [a, b) but the last [a, b].
func Histogram(values []float64, bins int) (counts, edges []float64) {
	lo, hi := 0.0, 1.0
	if len(values) > 0 {
		lo, hi = slices.Min(values), slices.Max(values)
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	edges = make([]float64, bins+1)
	step := (hi - lo) / float64(bins)
	for i := range edges {
		edges[i] = float64(lo + float64(float64(i)*step))
	}
	edges[bins] = hi
	counts = make([]float64, bins)
	binCounts(counts, values, edges)
	return counts, edges
}

// equalEdges returns bins+1 equally spaced edges from min to max of xs
// (min−0.5 to max+0.5 when they are equal, as numpy does).
func (l *Library) equalEdges(fn string, xs []float64, binsV starlark.Value) ([]float64, error) {
	bins, err := toWhole(fn, "bins", binsV, 1)
	if err != nil {
		return nil, err
	}
	if err := l.checkSize(fn, bins+1); err != nil {
		return nil, err
	}
	lo, hi := 0.0, 1.0
	if len(xs) > 0 {
		lo, hi = xs[0], xs[0]
		for _, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s: values must be finite to choose the bins, got %v", fn, x)
			}
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	edges := make([]float64, bins+1)
	step := (hi - lo) / float64(bins)
	for i := range edges {
		edges[i] = float64(lo + float64(float64(i)*step))
	}
	edges[bins] = hi
	return edges, nil
}

// givenEdges reads bins given as edges: at least two, finite, increasing.
func (l *Library) givenEdges(fn string, binsV starlark.Value) ([]float64, error) {
	edges, err := l.toVector(fn, "bins", binsV)
	if err != nil {
		return nil, err
	}
	if len(edges) < 2 {
		return nil, fmt.Errorf("%s: bins must be a whole number ≥ 1 or at least 2 edges, got %d edges", fn, len(edges))
	}
	for i, e := range edges {
		if math.IsNaN(e) || math.IsInf(e, 0) {
			return nil, fmt.Errorf("%s: bins[%d] must be finite, got %v", fn, i, e)
		}
		if i > 0 && e <= edges[i-1] {
			return nil, fmt.Errorf("%s: bin edges must increase, but bins[%d] = %v follows %v", fn, i, e, edges[i-1])
		}
	}
	return slices.Clone(edges), nil
}
