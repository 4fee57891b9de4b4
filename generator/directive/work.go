package directive

import "fmt"

// MaxPageWork bounds the work of all the figures of one page together, in
// work units of about one kernel evaluation each (see estimator). Each
// directive's own options are limited too, but a page of many figures each
// at its limit would keep a build busy for minutes; under this budget the
// figures of one page take seconds to compute when none is cached (on 2
// cores: 15–55 ns a unit, so at most about 5–15 s). The budget is counted
// whether or not the figures come from the cache, so whether a page builds
// never depends on what an earlier build left behind. It is fixed; a page
// that needs more is better split into several pages.
const MaxPageWork = 300_000_000

// pointWork is the work of drawing one data point, in kernel evaluations:
// drawing 4,096 points (twice, wide and compact) takes about as long as 10
// million evaluations of a Gaussian kernel.
const pointWork = 2_500

// estimator is implemented by the options of each directive that computes:
// work returns what running it costs, in kernel evaluations, from its
// validated options, before anything runs. The counts are of the pair
// evaluations each figure does (n² per smoother or attention matrix) plus
// pointWork for every point it draws; they are estimates, calibrated
// against the benchmarks, not exact counts.
type estimator interface {
	work() int64
}

// limiter is implemented by the options of a directive with limits beyond
// the ranges of single options (steps × n² for {train}, say): limits
// returns an error naming the option to change when they are exceeded.
// Expand checks it before anything runs, and the run functions again.
type limiter interface {
	limits() error
}

// overOwnLimits returns the error of opts' own limits, if it has any.
func overOwnLimits(opts any) error {
	if l, ok := opts.(limiter); ok {
		return l.limits()
	}
	return nil
}

func square(n int) int64 { return int64(n) * int64(n) }

func (o *signalOptions) work() int64 { return int64(o.N) * pointWork }

func (o *compareOptions) work() int64 { return 2*square(o.N) + 3*int64(o.N)*pointWork }

func (o *weightsOptions) work() int64 { return 2*square(o.N) + 2*int64(o.N)*pointWork }

// The heatmap draws two n×n panels as images, a cheap unit a pixel.
func (o *heatmapOptions) work() int64 { return 4 * square(o.N) }

// Cross-validation evaluates n² weights per searched bandwidth; each
// multiple draws the n points and a smoother through them.
func (o *bandwidthOptions) work() int64 {
	fits := int64(searchPoints + len(o.Bandwidths.values))
	return fits*square(o.N) + 2*int64(len(o.Bandwidths.values)+1)*int64(o.N)*pointWork
}

// Five kernels, the compact ones about twice as slow as the Gaussian.
func (o *kernelsOptions) work() int64 { return 10*square(o.N) + 5*int64(o.N)*pointWork }

// Attention on a four-dimensional encoding costs about three Gaussians a pair.
func (o *equivalenceOptions) work() int64 { return 6*square(o.N) + 2*int64(o.N)*pointWork }

// Quoting code is mostly highlighting it, about 2 ms for a function of
// forty lines.
func (o *sourceOptions) work() int64 { return int64(len(sourceNames(o.Func))) * sourceWork }

// sourceWork is the work of quoting and highlighting one declaration.
const sourceWork = 100_000

// Training evaluates n² weights a step; fitting the cosine kernel's
// temperature for comparison costs about 120 attention matrices, three
// Gaussians a pair each.
func (o *trainOptions) work() int64 { return (int64(o.Steps) + 360) * square(o.N) }

func (o *exploreOptions) work() int64 {
	settings := float64(o.Bandwidths.Len() + o.Temperatures.Len()) // up to 2^41: multiply as floats
	return int64(min(settings*float64(square(o.N)), 2*MaxPageWork))
}

// overBudget returns an error at the first ready block that takes the work
// of the page's ready blocks, in order, over MaxPageWork, or nil when they
// fit. Blocks with problems of their own count nothing: they are reported
// anyway.
func overBudget(xs []*expansion) *Error {
	var total int64
	for _, x := range xs {
		e, ok := x.opts.(estimator)
		if !x.ready || !ok {
			continue
		}
		total += min(e.work(), MaxPageWork+1) // saturate, so the sum cannot overflow
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
