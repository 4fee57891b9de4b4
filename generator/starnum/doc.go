// Package starnum is kernelpress's numeric library for Starlark: an Array
// value and a set of builtins, named as numpy names them, that an author's
// {compute} blocks see predeclared (no load statement).
//
// Design decisions, in one place:
//
//   - Arrays hold float64 values in one or two dimensions, row-major, and are
//     immutable: no operation changes an array, every operation returns a new
//     one, so arrays may share storage (a row a[i] of a 2-D array is a view)
//     and Freeze has nothing to do. Arrays are unhashable (Hash errors).
//   - a == b is true when both are arrays of the same shape with equal
//     elements (NaN is never equal); it returns one bool, not an array.
//     Ordering comparisons (<, >) on arrays are errors. An array is true when
//     it has at least one element, like a list.
//   - Indexing is a[i] on a 1-D array (a float) and a[i] (a row, itself a
//     1-D array) then a[i][j] on a 2-D array; a[i, j] is not supported.
//     Slicing a[i:j:k] selects elements of a 1-D array and rows of a 2-D one.
//     Iteration yields floats, or rows of a 2-D array.
//   - Arithmetic + - * / works between arrays and numbers on either side, and
//     between arrays of the same shape; a 2-D array of shape (r, c) and a 1-D
//     array of length c broadcast the 1-D array over every row, as numpy
//     does. Any other pair of shapes is an error naming both. Division
//     follows IEEE 754 (1/0 is +Inf), as numpy does.
//   - Lists and tuples of numbers (or of equal-length rows of numbers) are
//     accepted wherever an array is. Elementwise functions given a number
//     return a float.
//   - min, max and abs shadow Starlark's builtins: given an array (or, for
//     abs, a list, tuple or float) they compute numerically; given anything
//     else (several arguments, strings, key=, an int for abs) they call
//     Starlark's own builtin, so min("b", "a") and max(1, 2) behave as
//     before.
//   - Every array is bounded by Options.MaxElements elements, checked by
//     every operation that allocates, and every builtin and arithmetic
//     operation adds the number of elementary operations it does to a work
//     counter (Library.Work), optionally bounded by Options.MaxWork.
//   - Random draws (normal, uniform) require a seed and use PCG-DXSM
//     (math/rand/v2's PCG) seeded with (seed, a fixed stream constant), and
//     arithmetic whose every step is rounded explicitly, so the same seed
//     gives bit-identical numbers on every machine and GOMAXPROCS.
//   - Reductions (sum, mean, var, std, min, max, argmin, argmax, quantile,
//     histogram) run over every element, 2-D arrays included; there is no
//     axis argument. var and std are the population ones (ddof=0) unless
//     ddof is given. histogram returns its counts as a float array, so that
//     they take part in arithmetic like any other array.
//   - read_csv reads files only through Options.ReadFile, which the engine
//     restricts to the explainer's folder. It returns a frozen dict of
//     columns in the header's order: a column whose cells are all numbers
//     (empty, NA and NaN cells count as NaN) is an array, any other a tuple
//     of strings. Errors name the file and line: "data.csv:17: …".
//   - The step limit of a starlark.Thread (SetMaxExecutionSteps) bounds
//     Starlark loops; it does not see the time spent inside a builtin, which
//     is why every builtin counts its work, and checks MaxWork, before doing
//     it.
//
// Reference lists every builtin with its signature and a one-line doc, for
// the authoring guide.
package starnum
