package starnum

import (
	"fmt"
	"math"

	"go.starlark.net/starlark"
)

// createBuiltins build arrays.
var createBuiltins = []builtin{
	{Doc: Doc{"array", "array(values)", "An array from a list of numbers (1-D) or a list of equal-length rows (2-D)."}, impl: builtinArray},
	{Doc: Doc{"linspace", "linspace(start, stop, num=50)", "num evenly spaced numbers from start to stop, both included exactly."}, impl: builtinLinspace},
	{Doc: Doc{"arange", "arange(start, stop=None, step=1)", "start, start+step, … while below stop (above it for a negative step); arange(n) is 0, 1, …, n−1."}, impl: builtinArange},
	{Doc: Doc{"zeros", "zeros(shape)", "An array of zeros; shape is a length n or a pair (rows, cols)."}, impl: builtinFill(0)},
	{Doc: Doc{"ones", "ones(shape)", "An array of ones; shape is a length n or a pair (rows, cols)."}, impl: builtinFill(1)},
}

// builtinArray implements array(values).
func builtinArray(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	a, err := l.toArray(fn, "values", v)
	if err != nil {
		return nil, err
	}
	return a, nil
}

// builtinLinspace implements linspace(start, stop, num=50): x_i = start +
// i·(stop − start)/(num − 1) for i < num − 1, and x_{num−1} = stop.
func builtinLinspace(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var startV, stopV starlark.Value
	var numV starlark.Value = starlark.MakeInt(50)
	if err := starlark.UnpackArgs(fn, args, kwargs, "start", &startV, "stop", &stopV, "num?", &numV); err != nil {
		return nil, err
	}
	start, err := toFiniteFloat(fn, "start", startV)
	if err != nil {
		return nil, err
	}
	stop, err := toFiniteFloat(fn, "stop", stopV)
	if err != nil {
		return nil, err
	}
	num, err := toWhole(fn, "num", numV, 2)
	if err != nil {
		return nil, err
	}
	out, err := l.alloc(fn, num, num)
	if err != nil {
		return nil, err
	}
	step := float64(stop-start) / float64(num-1)
	for i := range out {
		out[i] = float64(start + float64(float64(i)*step))
	}
	out[num-1] = stop
	return vector(l, out), nil
}

// builtinArange implements arange(start, stop=None, step=1) as numpy does:
// ⌈(stop − start)/step⌉ values start + i·step.
func builtinArange(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var startV, stopV starlark.Value
	var stepV starlark.Value = starlark.MakeInt(1)
	if err := starlark.UnpackArgs(fn, args, kwargs, "start", &startV, "stop??", &stopV, "step?", &stepV); err != nil {
		return nil, err
	}
	if stopV == nil {
		startV, stopV = starlark.MakeInt(0), startV
	}
	start, err := toFiniteFloat(fn, "start", startV)
	if err != nil {
		return nil, err
	}
	stop, err := toFiniteFloat(fn, "stop", stopV)
	if err != nil {
		return nil, err
	}
	step, err := toFiniteFloat(fn, "step", stepV)
	if err != nil {
		return nil, err
	}
	if step == 0 {
		return nil, fmt.Errorf("%s: step must not be 0", fn)
	}
	count := math.Ceil(float64(stop-start) / step)
	if count < 0 {
		count = 0
	}
	if count > float64(l.opts.MaxElements) {
		return nil, fmt.Errorf("%s: an array of %.0f elements is over the limit of %d", fn, count, l.opts.MaxElements)
	}
	out, err := l.alloc(fn, int(count), int(count))
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = float64(start + float64(float64(i)*step))
	}
	return vector(l, out), nil
}

// builtinFill returns the implementation of zeros or ones.
func builtinFill(value float64) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var shapeV starlark.Value
		if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &shapeV); err != nil {
			return nil, err
		}
		rows, cols, twoD, err := l.toShape(fn, shapeV)
		if err != nil {
			return nil, err
		}
		out, err := l.alloc(fn, rows*cols, rows*cols)
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i] = value
		}
		if twoD {
			return matrix(l, out, rows, cols), nil
		}
		return vector(l, out), nil
	}
}

// toShape reads a shape: a whole number n (1-D) or a pair (rows, cols).
func (l *Library) toShape(fn string, v starlark.Value) (rows, cols int, twoD bool, err error) {
	if isNumber(v) {
		n, err := toWhole(fn, "shape", v, 0)
		if err != nil {
			return 0, 0, false, err
		}
		return 1, n, false, l.checkSize(fn, n)
	}
	t, ok := v.(starlark.Indexable)
	if !ok || t.Len() != 2 || v.Type() == "string" {
		return 0, 0, false, fmt.Errorf("%s: shape must be a whole number or a pair (rows, cols), got %s", fn, v)
	}
	if rows, err = toWhole(fn, "rows", t.Index(0), 0); err != nil {
		return 0, 0, false, err
	}
	if cols, err = toWhole(fn, "cols", t.Index(1), 0); err != nil {
		return 0, 0, false, err
	}
	if cols > 0 && rows > l.opts.MaxElements/cols {
		return 0, 0, false, fmt.Errorf("%s: an array of %d×%d elements is over the limit of %d", fn, rows, cols, l.opts.MaxElements)
	}
	return rows, cols, true, nil
}

// toFiniteFloat converts a number to a finite float64.
func toFiniteFloat(fn, what string, v starlark.Value) (float64, error) {
	f, err := toFloat(fn, what, v)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s: %s must be finite, got %v", fn, what, f)
	}
	return f, nil
}
