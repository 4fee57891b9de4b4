package starnum

import (
	"fmt"
	"math"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// elementwiseBuiltins apply a function to every element.
var elementwiseBuiltins = []builtin{
	{Doc: Doc{"exp", "exp(x)", "eˣ elementwise; a number gives a float."}, impl: unaryBuiltin(math.Exp)},
	{Doc: Doc{"log", "log(x)", "Natural logarithm elementwise (log 0 = −inf, negative → nan)."}, impl: unaryBuiltin(math.Log)},
	{Doc: Doc{"sqrt", "sqrt(x)", "Square root elementwise (negative → nan)."}, impl: unaryBuiltin(math.Sqrt)},
	{Doc: Doc{"pow", "pow(x, p)", "xᵖ elementwise; x and p are numbers or arrays, broadcast like arithmetic."}, impl: builtinPow},
	{Doc: Doc{"sin", "sin(x)", "Sine elementwise, x in radians."}, impl: unaryBuiltin(math.Sin)},
	{Doc: Doc{"cos", "cos(x)", "Cosine elementwise, x in radians."}, impl: unaryBuiltin(math.Cos)},
	{Doc: Doc{"tanh", "tanh(x)", "Hyperbolic tangent elementwise."}, impl: unaryBuiltin(math.Tanh)},
	{Doc: Doc{"abs", "abs(x)", "|x| elementwise on an array, list or float; an int gives Starlark's abs (an int)."}, impl: builtinAbs},
	{Doc: Doc{"clip", "clip(x, lo, hi)", "x limited to [lo, hi] elementwise; lo or hi may be None for no bound."}, impl: builtinClip},
}

// unaryBuiltin returns the implementation of an elementwise function of
// one argument.
func unaryBuiltin(f func(float64) float64) func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	return func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var x starlark.Value
		if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &x); err != nil {
			return nil, err
		}
		return l.elementwise(fn, x, f)
	}
}

// builtinPow implements pow(x, p).
func builtinPow(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, p starlark.Value
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 2, &x, &p); err != nil {
		return nil, err
	}
	return l.zip(fn, "x", "p", x, p, math.Pow)
}

// builtinAbs implements abs(x), deferring to Starlark's abs for an int.
func builtinAbs(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) == 1 && len(kwargs) == 0 {
		if i, ok := args[0].(starlark.Int); ok {
			if i.Sign() < 0 {
				return starlark.Unary(syntax.MINUS, i)
			}
			return i, nil
		}
	}
	var x starlark.Value
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	return l.elementwise(fn, x, math.Abs)
}

// builtinClip implements clip(x, lo, hi).
func builtinClip(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var x, loV, hiV starlark.Value
	if err := starlark.UnpackArgs(fn, args, kwargs, "x", &x, "lo", &loV, "hi", &hiV); err != nil {
		return nil, err
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	var err error
	if loV != starlark.None {
		if lo, err = toFloat(fn, "lo", loV); err != nil {
			return nil, err
		}
	}
	if hiV != starlark.None {
		if hi, err = toFloat(fn, "hi", hiV); err != nil {
			return nil, err
		}
	}
	if lo > hi {
		return nil, fmt.Errorf("%s: lo (%v) must not be above hi (%v)", fn, lo, hi)
	}
	return l.elementwise(fn, x, func(v float64) float64 {
		switch {
		case v < lo:
			return lo
		case v > hi:
			return hi
		}
		return v
	})
}
