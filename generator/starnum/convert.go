package starnum

import (
	"fmt"
	"math"

	"go.starlark.net/starlark"
)

// isNumber reports whether v is a Starlark int or float.
func isNumber(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Int, starlark.Float:
		return true
	}
	return false
}

// toFloat converts a Starlark number to float64; what names the argument in
// the error.
func toFloat(fn, what string, v starlark.Value) (float64, error) {
	if f, ok := starlark.AsFloat(v); ok {
		return f, nil
	}
	return 0, fmt.Errorf("%s: %s must be a number, got %s", fn, what, v.Type())
}

// toWhole converts v to an int ≥ min: an int, or a float with a whole value.
func toWhole(fn, what string, v starlark.Value, min int) (int, error) {
	f, ok := starlark.AsFloat(v)
	if ok && f == math.Trunc(f) && f >= float64(min) && f <= 1<<53 {
		return int(f), nil
	}
	bound := fmt.Sprintf(" ≥ %d", min)
	if ok {
		return 0, fmt.Errorf("%s: %s must be a whole number%s, got %s", fn, what, bound, v)
	}
	return 0, fmt.Errorf("%s: %s must be a whole number%s, got %s", fn, what, bound, v.Type())
}

// arrayArg unpacks the one positional argument of a builtin that takes an
// array, named param in its messages, and converts it with toArray.
func (l *Library) arrayArg(fn, param string, args starlark.Tuple, kwargs []starlark.Tuple) (*Array, error) {
	var v starlark.Value
	if err := starlark.UnpackPositionalArgs(fn, args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	return l.toArray(fn, param, v)
}

// toArray converts v to an Array: an Array as it is; a list or tuple of
// numbers as a 1-D array; a list or tuple of equal-length lists, tuples or
// 1-D arrays of numbers as a 2-D array.
func (l *Library) toArray(fn, what string, v starlark.Value) (*Array, error) {
	switch v := v.(type) {
	case *Array:
		return v, nil
	case *starlark.List, starlark.Tuple:
		seq := v.(starlark.Indexable)
		n := seq.Len()
		if n > 0 && !isNumber(seq.Index(0)) {
			return l.rowsToArray(fn, what, seq)
		}
		if err := l.checkSize(fn, n); err != nil {
			return nil, err
		}
		out := make([]float64, n)
		for i := range out {
			f, ok := starlark.AsFloat(seq.Index(i))
			if !ok {
				return nil, fmt.Errorf("%s: %s[%d] must be a number, got %s", fn, what, i, seq.Index(i).Type())
			}
			out[i] = f
		}
		return vector(l, out), l.addWork(fn, n)
	}
	return nil, fmt.Errorf("%s: %s must be an array or a list of numbers, got %s", fn, what, v.Type())
}

// rowsToArray converts a sequence of rows to a 2-D array.
func (l *Library) rowsToArray(fn, what string, seq starlark.Indexable) (*Array, error) {
	var data []float64
	cols := -1
	for i := 0; i < seq.Len(); i++ {
		row, err := l.toArray(fn, fmt.Sprintf("%s[%d]", what, i), seq.Index(i))
		if err != nil {
			return nil, err
		}
		if row.twoD {
			return nil, fmt.Errorf("%s: %s[%d] must be a row of numbers, got a 2-D array", fn, what, i)
		}
		if cols >= 0 && row.cols != cols {
			return nil, fmt.Errorf("%s: %s[%d] has %d elements but %s[0] has %d; rows must have equal lengths", fn, what, i, row.cols, what, cols)
		}
		cols = row.cols
		if err := l.checkSize(fn, len(data)+cols); err != nil {
			return nil, err
		}
		data = append(data, row.data...)
	}
	return matrix(l, data, seq.Len(), cols), nil
}

// toVector converts v to a 1-D array (see toArray), refusing 2-D input.
func (l *Library) toVector(fn, what string, v starlark.Value) ([]float64, error) {
	a, err := l.toArray(fn, what, v)
	if err != nil {
		return nil, err
	}
	if a.twoD {
		return nil, fmt.Errorf("%s: %s must be 1-D, got shape %s", fn, what, a.shapeString())
	}
	return a.data, nil
}
