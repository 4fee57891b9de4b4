package mathtex

import (
	"errors"

	"github.com/dop251/goja"
)

// maxCallDepth bounds the JavaScript call depth of an interpreter. KaTeX
// recurses once per nesting level of the TeX, partly through Go (native
// Array methods calling back into script), so an unbounded depth would let a
// formula of many nested braces exhaust the Go stack, which is fatal. Real
// formulas stay far below this.
const maxCallDepth = 4000

// interp is one goja runtime with KaTeX loaded. A runtime is not safe for
// concurrent use, so an interp belongs to one goroutine at a time, the one
// that took it from the pool.
type interp struct {
	rt     *goja.Runtime
	render goja.Callable
	broken bool // set when the runtime crashed; it is then dropped
}

// newInterp starts a runtime, runs the compiled KaTeX bundle in it and
// looks up the render function.
func newInterp(prog *goja.Program) (in *interp, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			in, err = nil, panicError(r)
		}
	}()
	rt := goja.New()
	rt.SetMaxCallStackSize(maxCallDepth)
	if _, jerr := rt.RunProgram(prog); jerr != nil {
		return nil, &Error{Message: "loading KaTeX: " + jerr.Error(), Position: -1}
	}
	v, jerr := rt.RunString(renderScript)
	if jerr != nil {
		return nil, &Error{Message: "loading KaTeX: " + jerr.Error(), Position: -1}
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return nil, &Error{Message: "loading KaTeX: render script is not a function", Position: -1}
	}
	return &interp{rt: rt, render: fn}, nil
}

// call runs fn. Any failure, including a panic inside goja, comes back as
// an *Error; tex is the formula, for error positions. When the runtime
// crashed, in.broken is set so that the pool drops it. There is no time
// limit: whether a formula typesets must not depend on the machine, so
// every formula is bounded by what it may contain instead (see Typesetter).
func (in *interp) call(tex string, fn goja.Callable, args ...any) (v goja.Value, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			in.broken = true
			v, err = nil, panicError(r)
		}
	}()
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = in.rt.ToValue(a)
	}
	v, jerr := fn(goja.Undefined(), vals...)
	if jerr == nil {
		return v, nil
	}
	var (
		overflow *goja.StackOverflowError
		ex       *goja.Exception
	)
	switch {
	case errors.As(jerr, &overflow):
		in.broken = true
		return nil, &Error{Message: "formula is nested too deeply to typeset", Position: -1}
	case errors.As(jerr, &ex):
		return nil, jsError(ex, tex)
	default:
		in.broken = true
		return nil, &Error{Message: "KaTeX failed: " + jerr.Error(), Position: -1}
	}
}

// pool hands out up to cap(slots) interpreters at once. A slot holds nil
// until its interpreter is first needed, so a Typesetter that renders
// little starts few runtimes.
type pool struct {
	prog  *goja.Program
	slots chan *interp
}

func newPool(prog *goja.Program, size int) *pool {
	p := &pool{prog: prog, slots: make(chan *interp, size)}
	for range size {
		p.slots <- nil
	}
	return p
}

// get waits for a free slot and returns its interpreter, starting one if
// the slot is empty. Each successful get must be paired with a put.
func (p *pool) get() (*interp, *Error) {
	in := <-p.slots
	if in != nil {
		return in, nil
	}
	in, err := newInterp(p.prog)
	if err != nil {
		p.slots <- nil
		return nil, err
	}
	return in, nil
}

// put returns an interpreter to the pool, or frees its slot when the
// interpreter is broken.
func (p *pool) put(in *interp) {
	if in.broken {
		in = nil
	}
	p.slots <- in
}
