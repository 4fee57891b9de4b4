package starnum

import (
	"fmt"
	"math"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// binaryOps maps the supported arithmetic tokens to their operations. Each
// result is converted to float64 explicitly so that no compiler fuses it
// with a neighbouring operation.
var binaryOps = map[syntax.Token]func(x, y float64) float64{
	syntax.PLUS:  func(x, y float64) float64 { return float64(x + y) },
	syntax.MINUS: func(x, y float64) float64 { return float64(x - y) },
	syntax.STAR:  func(x, y float64) float64 { return float64(x * y) },
	syntax.SLASH: func(x, y float64) float64 { return float64(x / y) },
}

// Binary computes a op y (side Left) or y op a (side Right) elementwise for
// + - * /, where y is an array, a list or tuple of numbers, or a number.
func (a *Array) Binary(op syntax.Token, y starlark.Value, side starlark.Side) (starlark.Value, error) {
	f, ok := binaryOps[op]
	if !ok {
		return nil, nil // not supported: Starlark reports the operand types
	}
	var x starlark.Value = a
	if side == starlark.Right {
		x, y = y, x
	}
	name := fmt.Sprintf("%s %s %s", x.Type(), op, y.Type())
	switch y.(type) {
	case starlark.Int, starlark.Float, *Array, *starlark.List, starlark.Tuple:
	default:
		return nil, nil // not array-like: Starlark reports the operand types
	}
	return a.lib.zip(name, "left operand", "right operand", x, y, f)
}

// Unary computes -a and +a.
func (a *Array) Unary(op syntax.Token) (starlark.Value, error) {
	switch op {
	case syntax.MINUS:
		return a.lib.mapArray("-array", a, func(x float64) float64 { return -x })
	case syntax.PLUS:
		return a, nil
	}
	return nil, nil
}

// zip applies f elementwise to x and y, each a number or array-like,
// broadcasting a number over an array and a 1-D array over the rows of a
// 2-D one. Two numbers give a float. xName and yName name the operands in
// errors.
func (l *Library) zip(fn, xName, yName string, x, y starlark.Value, f func(x, y float64) float64) (starlark.Value, error) {
	if isNumber(x) && isNumber(y) {
		a, _ := starlark.AsFloat(x)
		b, _ := starlark.AsFloat(y)
		return starlark.Float(f(a, b)), nil
	}
	if isNumber(x) {
		a, _ := starlark.AsFloat(x)
		arr, err := l.toArray(fn, yName, y)
		if err != nil {
			return nil, err
		}
		return l.mapArray(fn, arr, func(b float64) float64 { return f(a, b) })
	}
	if isNumber(y) {
		b, _ := starlark.AsFloat(y)
		arr, err := l.toArray(fn, xName, x)
		if err != nil {
			return nil, err
		}
		return l.mapArray(fn, arr, func(a float64) float64 { return f(a, b) })
	}
	ax, err := l.toArray(fn, xName, x)
	if err != nil {
		return nil, err
	}
	ay, err := l.toArray(fn, yName, y)
	if err != nil {
		return nil, err
	}
	return l.zipArrays(fn, ax, ay, f)
}

// zipArrays applies f elementwise to two arrays of the same shape, or to a
// 2-D array and a 1-D array as long as its rows.
func (l *Library) zipArrays(fn string, x, y *Array, f func(x, y float64) float64) (*Array, error) {
	shape := x
	switch {
	case x.twoD == y.twoD && x.rows == y.rows && x.cols == y.cols:
	case x.twoD && !y.twoD && y.cols == x.cols:
	case !x.twoD && y.twoD && x.cols == y.cols:
		shape = y
	default:
		return nil, fmt.Errorf("%s: shapes %s and %s cannot be broadcast together", fn, x.shapeString(), y.shapeString())
	}
	out, err := l.alloc(fn, len(shape.data), len(shape.data))
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i] = f(x.data[i%len(x.data)], y.data[i%len(y.data)])
	}
	return shape.withData(l, out), nil
}

// mapArray applies f to every element of a.
func (l *Library) mapArray(fn string, a *Array, f func(float64) float64) (*Array, error) {
	out, err := l.alloc(fn, len(a.data), len(a.data))
	if err != nil {
		return nil, err
	}
	for i, x := range a.data {
		out[i] = f(x)
	}
	return a.withData(l, out), nil
}

// elementwise applies f to a number (giving a float) or to every element
// of an array-like.
func (l *Library) elementwise(fn string, v starlark.Value, f func(float64) float64) (starlark.Value, error) {
	if isNumber(v) {
		x, _ := starlark.AsFloat(v)
		if err := l.addWork(fn, 1); err != nil {
			return nil, err
		}
		return starlark.Float(f(x)), nil
	}
	switch v.(type) {
	case *Array, *starlark.List, starlark.Tuple:
	default:
		return nil, fmt.Errorf("%s: x must be a number, an array or a list of numbers, got %s", fn, v.Type())
	}
	a, err := l.toArray(fn, "x", v)
	if err != nil {
		return nil, err
	}
	return l.mapArray(fn, a, f)
}

// nan is a quiet NaN.
var nan = math.NaN()
