package starnum

import (
	"fmt"

	"github.com/kernelpress/kernelpress/generator/numerics"
	"go.starlark.net/starlark"
)

// linalgBuiltins are matrix operations and the softmax.
var linalgBuiltins = []builtin{
	{Doc: Doc{"matmul", "matmul(a, b)", "The matrix product; a 1-D operand is a row (left) or column (right) vector, and two 1-D ones give their dot product."}, impl: builtinMatmul},
	{Doc: Doc{"transpose", "transpose(a)", "The transpose of a 2-D array (also a.T); a 1-D array is returned as it is."}, impl: builtinTranspose},
	{Doc: Doc{"softmax", "softmax(x)", "exp(x − max x)/Σ exp(x − max x): stable for large inputs; each row of a 2-D array separately."}, impl: builtinSoftmax},
}

// builtinMatmul implements matmul(a, b).
func builtinMatmul(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var av, bv starlark.Value
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 2, &av, &bv); err != nil {
		return nil, err
	}
	a, err := l.toArray(fn, "a", av)
	if err != nil {
		return nil, err
	}
	b, err := l.toArray(fn, "b", bv)
	if err != nil {
		return nil, err
	}
	// As m×k times k×n, with 1-D a as 1×k and 1-D b as k×1.
	m, k := a.rows, a.cols
	k2, n := b.rows, b.cols
	if !b.twoD {
		k2, n = b.cols, 1
	}
	if k != k2 {
		return nil, fmt.Errorf("%s: shapes %s and %s do not match: %d columns against %d rows", fn, a.shapeString(), b.shapeString(), k, k2)
	}
	if n > 0 && m > l.opts.MaxElements/n {
		return nil, fmt.Errorf("%s: an array of %d×%d elements is over the limit of %d", fn, m, n, l.opts.MaxElements)
	}
	out, err := l.alloc(fn, m*n, m*n*max(k, 1))
	if err != nil {
		return nil, err
	}
	for i := 0; i < m; i++ {
		for p := 0; p < k; p++ {
			x := a.data[i*k+p]
			for j := 0; j < n; j++ {
				out[i*n+j] += float64(x * b.data[p*n+j]) // rounded: no fused multiply-add
			}
		}
	}
	switch {
	case !a.twoD && !b.twoD:
		return starlark.Float(out[0]), nil
	case !a.twoD:
		return vector(l, out), nil
	case !b.twoD:
		return vector(l, out), nil
	}
	return matrix(l, out, m, n), nil
}

// builtinTranspose implements transpose(a).
func builtinTranspose(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a, err := l.arrayArg(fn, "a", args, kwargs)
	if err != nil {
		return nil, err
	}
	if err := l.addWork(fn, len(a.data)); err != nil {
		return nil, err
	}
	return a.transpose(), nil
}

// builtinSoftmax implements softmax(x) with numerics.Softmax.
func builtinSoftmax(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	a, err := l.arrayArg(fn, "x", args, kwargs)
	if err != nil {
		return nil, err
	}
	out, err := l.alloc(fn, len(a.data), 2*len(a.data))
	if err != nil {
		return nil, err
	}
	for i := 0; i < a.rows && a.cols > 0; i++ {
		numerics.Softmax(out[i*a.cols:(i+1)*a.cols], a.data[i*a.cols:(i+1)*a.cols])
	}
	return a.withData(l, out), nil
}
