package starnum

import (
	"fmt"
	"sync/atomic"

	"go.starlark.net/starlark"
)

// DefaultMaxElements is the largest array, in elements, that the library
// builds when Options.MaxElements is zero: ten million float64 values,
// 80 MB.
const DefaultMaxElements = 10_000_000

// Options configures a Library.
type Options struct {
	// ReadFile returns the bytes of the named file for read_csv. When nil,
	// read_csv reports that no files are readable.
	ReadFile func(name string) ([]byte, error)
	// FileName returns how a file read by read_csv is named in the errors
	// of its contents (file:line), e.g. its path from the site's root;
	// when nil, it is named as the author wrote it.
	FileName func(name string) string
	// MaxElements bounds the number of elements of every array the library
	// builds; zero means DefaultMaxElements.
	MaxElements int
	// MaxWork bounds the total work (see Library.Work) the library may do;
	// zero means no bound.
	MaxWork int64
}

// Library is one instance of the numeric library: its options and its work
// counter. Use one Library per page (or per build of a page) so that the
// work is counted where it is spent. Its methods are safe for concurrent
// use.
type Library struct {
	opts Options
	work atomic.Int64
}

// New returns a Library with the given options.
func New(opts Options) *Library {
	if opts.MaxElements <= 0 {
		opts.MaxElements = DefaultMaxElements
	}
	return &Library{opts: opts}
}

// Work returns the work done so far: roughly the number of elementary
// floating-point operations (one per element produced or read, one per
// kernel evaluation for the smoothers, m·n·k for a matrix product).
func (l *Library) Work() int64 { return l.work.Load() }

// Predeclared returns a new dictionary of every builtin, bound to l, to pass
// as the predeclared names of starlark.ExecFileOptions.
func (l *Library) Predeclared() starlark.StringDict {
	d := make(starlark.StringDict, len(allBuiltins()))
	for _, b := range allBuiltins() {
		if b.value != nil {
			d[b.Name] = b.value
			continue
		}
		impl := b.impl
		d[b.Name] = starlark.NewBuiltin(b.Name, func(thread *starlark.Thread, fn *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
			return impl(l, fn.Name(), args, kwargs)
		})
	}
	return d
}

// addWork adds n to the work counter, failing once the total exceeds
// MaxWork.
func (l *Library) addWork(fn string, n int) error {
	if l == nil {
		return nil
	}
	total := l.work.Add(int64(n))
	if l.opts.MaxWork > 0 && total > l.opts.MaxWork {
		return fmt.Errorf("%s: work limit of %d operations exceeded", fn, l.opts.MaxWork)
	}
	return nil
}

// checkSize reports an error if an array of n elements is larger than the
// library allows.
func (l *Library) checkSize(fn string, n int) error {
	limit := DefaultMaxElements
	if l != nil {
		limit = l.opts.MaxElements
	}
	if n < 0 || n > limit {
		return fmt.Errorf("%s: an array of %d elements is over the limit of %d", fn, n, limit)
	}
	return nil
}

// alloc checks that an array of n elements is allowed, counts work elements
// of work and returns a new slice of n zeros.
func (l *Library) alloc(fn string, n, work int) ([]float64, error) {
	if err := l.checkSize(fn, n); err != nil {
		return nil, err
	}
	if err := l.addWork(fn, work); err != nil {
		return nil, err
	}
	return make([]float64, n), nil
}
