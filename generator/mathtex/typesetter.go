package mathtex

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
)

// Typesetter turns TeX into HTML and MathML with KaTeX; it is safe for concurrent use.
type Typesetter struct {
	workers int

	start   sync.Once // compiles KaTeX and makes the pool, on the first formula
	pool    *pool
	initErr *Error // set when the KaTeX bundle did not compile

	mu    sync.Mutex
	cache map[cacheKey]*cacheEntry

	katexCalls atomic.Int64 // formulas handed to KaTeX; read by tests
}

type cacheKey struct {
	display bool
	tex     string
}

// cacheEntry is the result for one formula. done is closed once mathml and
// err are set, so callers asking for a formula that is being typeset wait
// for it instead of typesetting it again.
type cacheEntry struct {
	done   chan struct{}
	mathml string
	err    error
}

// New returns a Typesetter that runs up to workers KaTeX interpreters at once (workers <= 0 means runtime.GOMAXPROCS(0)), compiling KaTeX on the first formula and starting each interpreter only when first needed.
func New(workers int) *Typesetter {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Typesetter{
		workers: workers,
		cache:   make(map[cacheKey]*cacheEntry),
	}
}

// startUp compiles KaTeX once. The compiled program is shared by the
// interpreters of the pool, each of which runs it once; goja runtimes
// themselves are not safe for concurrent use, which is why there is one per
// worker.
func (t *Typesetter) startUp() {
	prog, err := goja.Compile("katex.min.js", katexSource, false)
	if err != nil {
		t.initErr = &Error{Message: "compiling KaTeX: " + err.Error(), Position: -1}
		return
	}
	t.pool = newPool(prog, t.workers)
}

// CacheKey returns the strings that name everything a formula's typeset form
// depends on — the KaTeX release, its options, display style and the TeX —
// for keeping results between builds.
func CacheKey(tex string, display bool) []string {
	d := "inline"
	if display {
		d = "display"
	}
	return []string{"katex", KaTeXVersion, renderScript, d, tex}
}

// Render typesets one formula as a bare <math> element, in display style (display="block") when display is set and inline otherwise, caching the outcome by (display, tex).
func (t *Typesetter) Render(tex string, display bool) (string, error) {
	// Results and TeX errors are kept for the life of the Typesetter;
	// interpreter failures are not, so a later call retries.
	k := cacheKey{display: display, tex: tex}
	t.mu.Lock()
	if e, ok := t.cache[k]; ok {
		t.mu.Unlock()
		<-e.done
		return e.mathml, e.err
	}
	e := &cacheEntry{done: make(chan struct{})}
	t.cache[k] = e
	t.mu.Unlock()

	keep := false
	defer func() {
		if !keep {
			t.mu.Lock()
			delete(t.cache, k)
			t.mu.Unlock()
		}
		close(e.done)
	}()
	var err *Error
	e.mathml, err, keep = t.typeset(tex, display)
	if err != nil {
		e.err = err // a nil *Error must not become a non-nil error
	}
	return e.mathml, e.err
}

// typeset runs KaTeX on one formula. cacheable reports whether the outcome
// depends only on the input: true for results and TeX errors.
func (t *Typesetter) typeset(tex string, display bool) (mathml string, err *Error, cacheable bool) {
	if err := refuseUnbounded(tex); err != nil {
		return "", err, true
	}
	t.start.Do(t.startUp)
	if t.initErr != nil {
		return "", t.initErr, true
	}
	in, err := t.pool.get()
	if err != nil {
		return "", err, false
	}
	defer t.pool.put(in)

	t.katexCalls.Add(1)
	v, err := in.call(tex, in.render, tex, display)
	if err != nil {
		return "", err, !in.broken
	}
	out := v.String()
	if !strings.Contains(out, "<math") {
		return "", &Error{Message: "KaTeX output has no <math> element", Position: -1}, true
	}
	return out, nil, true
}

// Job is one formula for RenderAll: its TeX and whether it is display math.
type Job struct {
	TeX     string // the formula, without delimiters
	Display bool   // display style rather than inline
}

// Result is the outcome of one Job: the typeset HTML, or the error that prevented it.
type Result struct {
	HTML string // KaTeX's HTML and MathML, empty when Err is set
	Err  error  // nil, or an *Error for this job alone
}

// RenderAll typesets many formulas in parallel across the workers and returns their results in input order, each with its own error.
func (t *Typesetter) RenderAll(jobs []Job) []Result {
	results := make([]Result, len(jobs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(t.workers, len(jobs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				results[i].HTML, results[i].Err = t.Render(jobs[i].TeX, jobs[i].Display)
			}
		})
	}
	wg.Wait()
	return results
}
