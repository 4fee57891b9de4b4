package directive

import "fmt"

// MaxPageWork bounds the work of all the figures of one page together, in
// work units of about one kernel evaluation each (see Estimator). Each
// directive's own options are limited too, but a page of many figures each
// at its limit would keep a build busy for minutes; under this budget the
// figures of one page take seconds to compute when none is cached (on 2
// cores: 15–55 ns a unit, so at most about 5–15 s). The budget is counted
// whether or not the figures come from the cache, so whether a page builds
// never depends on what an earlier build left behind. It is fixed; a page
// that needs more is better split into several pages.
const MaxPageWork = 300_000_000

// PointWork is the work of drawing one data point, in kernel evaluations:
// drawing 4,096 points (twice, wide and compact) takes about as long as 10
// million evaluations of a Gaussian kernel.
const PointWork = 2_500

// overOwnLimits returns the error of opts' own limits, if it has any.
func overOwnLimits(opts any) error {
	if l, ok := opts.(Limiter); ok {
		return l.Limits()
	}
	return nil
}

// overBudget returns an error at the first ready block that takes the work
// of the page's ready blocks, in order, over MaxPageWork, or nil when they
// fit. Blocks with problems of their own count nothing: they are reported
// anyway.
//
// Before the compute blocks run (ran false), a figure of computed values
// (sizeUser) declares only what does not depend on how many values they
// computed; after they ran, it declares its whole work, and each compute
// block adds what it spent. Both counts are the same on every machine,
// cached or not.
func overBudget(xs []*expansion, ran bool) *Error {
	var total int64
	for _, x := range xs {
		if !x.ready {
			continue
		}
		w := x.opts.(Estimator).Work()
		if s, ok := x.opts.(sizeUser); ok && !ran {
			w = s.workBeforeSizes()
		}
		if c, ok := x.opts.(*computeOptions); ok && ran {
			w += c.spent
		}
		total += min(w, MaxPageWork+1) // saturate, so the sum cannot overflow
		if total > MaxPageWork {
			return x.at(x.block.Line,
				"with this block the directives of the page need about %s units of work (one unit is about one kernel evaluation), over the limit of %s for one page (a fixed limit); split the explainer into several pages, or use fewer points (n) or steps",
				thousands(min(total, 10*MaxPageWork)), thousands(MaxPageWork))
		}
	}
	return nil
}

// thousands writes n with comma separators: 300,000,000.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
