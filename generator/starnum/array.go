package starnum

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// Array is an immutable array of float64 values with one or two
// dimensions, stored row-major. See the package documentation for its
// semantics in Starlark.
type Array struct {
	data       []float64 // rows·cols values, never modified once built
	rows, cols int       // a 1-D array has rows = 1 and cols = its length
	twoD       bool
	lib        *Library // counts the work of arithmetic; may be nil
}

var (
	_ starlark.Value      = (*Array)(nil)
	_ starlark.Sliceable  = (*Array)(nil)
	_ starlark.Iterable   = (*Array)(nil)
	_ starlark.HasBinary  = (*Array)(nil)
	_ starlark.HasUnary   = (*Array)(nil)
	_ starlark.HasAttrs   = (*Array)(nil)
	_ starlark.Comparable = (*Array)(nil)
)

// NewArray returns a 1-D Array holding its own copy of v, not bound to any
// Library.
func NewArray(v []float64) *Array {
	return vector(nil, append([]float64(nil), v...))
}

// vector wraps data (not copied) as a 1-D array.
func vector(l *Library, data []float64) *Array {
	return &Array{data: data, rows: 1, cols: len(data), lib: l}
}

// matrix wraps data (not copied) as a rows×cols array.
func matrix(l *Library, data []float64, rows, cols int) *Array {
	return &Array{data: data, rows: rows, cols: cols, twoD: true, lib: l}
}

// Values returns the array's elements in row-major order; the caller must
// not modify them.
func (a *Array) Values() []float64 { return a.data }

// Shape returns the array's dimensions: one number for a 1-D array, rows
// and columns for a 2-D one.
func (a *Array) Shape() []int {
	if a.twoD {
		return []int{a.rows, a.cols}
	}
	return []int{a.cols}
}

// shapeString formats the shape as numpy does: (3,) or (2, 3).
func (a *Array) shapeString() string {
	if a.twoD {
		return fmt.Sprintf("(%d, %d)", a.rows, a.cols)
	}
	return fmt.Sprintf("(%d,)", a.cols)
}

// withData returns an array of a's shape holding data.
func (a *Array) withData(l *Library, data []float64) *Array {
	if a.twoD {
		return matrix(l, data, a.rows, a.cols)
	}
	return vector(l, data)
}

// String returns array([...]) with every element, or the first and last
// three of each dimension when the array has more than 1,000 elements.
func (a *Array) String() string {
	var b strings.Builder
	b.WriteString("array(")
	if a.twoD {
		b.WriteString("[")
		writeItems(&b, a.rows, len(a.data) > 1000, func(i int) {
			writeRow(&b, a.data[i*a.cols:(i+1)*a.cols], len(a.data) > 1000)
		})
		b.WriteString("]")
	} else {
		writeRow(&b, a.data, len(a.data) > 1000)
	}
	b.WriteString(")")
	return b.String()
}

// writeRow writes [x0, x1, …] with Starlark's float formatting.
func writeRow(b *strings.Builder, row []float64, elide bool) {
	b.WriteString("[")
	writeItems(b, len(row), elide, func(i int) { b.WriteString(starlark.Float(row[i]).String()) })
	b.WriteString("]")
}

// writeItems writes n comma-separated items, eliding the middle ones when
// elide is set and n > 6.
func writeItems(b *strings.Builder, n int, elide bool, item func(i int)) {
	for i := 0; i < n; i++ {
		if elide && n > 6 && i == 3 {
			b.WriteString(", ...")
			i = n - 3
		}
		if i > 0 {
			b.WriteString(", ")
		}
		item(i)
	}
}

// Type returns "array".
func (a *Array) Type() string { return "array" }

// Freeze does nothing: arrays are immutable.
func (a *Array) Freeze() {}

// Truth reports whether the array has any elements.
func (a *Array) Truth() starlark.Bool { return len(a.data) > 0 }

// Hash fails: arrays are unhashable, like lists.
func (a *Array) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: array") }

// Len returns the number of elements of a 1-D array or rows of a 2-D one.
func (a *Array) Len() int {
	if a.twoD {
		return a.rows
	}
	return a.cols
}

// Index returns element i of a 1-D array or row i (a 1-D view) of a 2-D
// one.
func (a *Array) Index(i int) starlark.Value {
	if a.twoD {
		return vector(a.lib, a.data[i*a.cols:(i+1)*a.cols:(i+1)*a.cols])
	}
	return starlark.Float(a.data[i])
}

// Slice returns the elements (1-D) or rows (2-D) start, start+step, … up
// to end, as a new array.
func (a *Array) Slice(start, end, step int) starlark.Value {
	var idx []int
	for i := start; (step > 0 && i < end) || (step < 0 && i > end); i += step {
		idx = append(idx, i)
	}
	if !a.twoD {
		out := make([]float64, len(idx))
		for k, i := range idx {
			out[k] = a.data[i]
		}
		return vector(a.lib, out)
	}
	out := make([]float64, 0, len(idx)*a.cols)
	for _, i := range idx {
		out = append(out, a.data[i*a.cols:(i+1)*a.cols]...)
	}
	return matrix(a.lib, out, len(idx), a.cols)
}

// Iterate returns an iterator over the elements of a 1-D array or the rows
// of a 2-D one.
func (a *Array) Iterate() starlark.Iterator { return &arrayIterator{a: a} }

// arrayIterator iterates over an Array.
type arrayIterator struct {
	a *Array
	i int
}

// Next sets *p to the next element or row.
func (it *arrayIterator) Next(p *starlark.Value) bool {
	if it.i >= it.a.Len() {
		return false
	}
	*p = it.a.Index(it.i)
	it.i++
	return true
}

// Done does nothing.
func (it *arrayIterator) Done() {}

// CompareSameType compares two arrays for == and != (same shape and equal
// elements); ordering comparisons are errors.
func (a *Array) CompareSameType(op syntax.Token, y starlark.Value, depth int) (bool, error) {
	b := y.(*Array)
	switch op {
	case syntax.EQL:
		return a.equal(b), nil
	case syntax.NEQ:
		return !a.equal(b), nil
	}
	return false, fmt.Errorf("array %s array: arrays are not ordered", op)
}

// equal reports whether a and b have the same shape and equal elements.
func (a *Array) equal(b *Array) bool {
	if a.twoD != b.twoD || a.rows != b.rows || a.cols != b.cols {
		return false
	}
	for i, x := range a.data {
		if x != b.data[i] {
			return false
		}
	}
	return true
}

// attrNames lists the array's attributes, sorted.
var attrNames = []string{"T", "ndim", "shape", "size", "tolist"}

// Attr returns the attribute name: shape (a tuple of ints), size, ndim, T
// (the transpose) or the method tolist.
func (a *Array) Attr(name string) (starlark.Value, error) {
	switch name {
	case "shape":
		var t starlark.Tuple
		for _, d := range a.Shape() {
			t = append(t, starlark.MakeInt(d))
		}
		return t, nil
	case "size":
		return starlark.MakeInt(len(a.data)), nil
	case "ndim":
		return starlark.MakeInt(len(a.Shape())), nil
	case "T":
		return a.transpose(), nil
	case "tolist":
		return starlark.NewBuiltin("tolist", func(_ *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			if err := starlark.UnpackPositionalArgs("tolist", args, kwargs, 0); err != nil {
				return nil, err
			}
			return a.toList(), nil
		}), nil
	}
	return nil, nil
}

// AttrNames returns the array's attribute names.
func (a *Array) AttrNames() []string { return attrNames }

// toList returns the elements as a list of floats, or a list of rows.
func (a *Array) toList() *starlark.List {
	if a.twoD {
		rows := make([]starlark.Value, a.rows)
		for i := range rows {
			rows[i] = a.Index(i).(*Array).toList()
		}
		return starlark.NewList(rows)
	}
	vs := make([]starlark.Value, len(a.data))
	for i, x := range a.data {
		vs[i] = starlark.Float(x)
	}
	return starlark.NewList(vs)
}

// transpose returns the transpose of a 2-D array, or a itself if 1-D.
func (a *Array) transpose() *Array {
	if !a.twoD {
		return a
	}
	out := make([]float64, len(a.data))
	for i := 0; i < a.rows; i++ {
		for j := 0; j < a.cols; j++ {
			out[j*a.rows+i] = a.data[i*a.cols+j]
		}
	}
	return matrix(a.lib, out, a.cols, a.rows)
}
