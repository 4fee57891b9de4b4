package numerics

import "math"

// The compact-support kernels below are zero (log K = −Inf) once the scaled
// distance u = (x_i − x0)/h leaves their support. A query with no input
// inside the support therefore has every LogK equal to −Inf: its
// SmootherWeights are all NaN and its Smooth estimate is NaN. A caller that
// cannot accept that should report it or choose a bandwidth at least as
// large as the widest gap between neighbouring inputs.

// Epanechnikov is the kernel K(u, v) ∝ 1 − ((u−v)/h)² for |u−v| < h and 0
// otherwise, with bandwidth h.
type Epanechnikov struct{ Bandwidth float64 }

// NewEpanechnikov returns an Epanechnikov kernel with bandwidth h, or an
// error if h is not finite and positive.
func NewEpanechnikov(h float64) (Epanechnikov, error) {
	k := Epanechnikov{Bandwidth: h}
	if err := k.Validate(); err != nil {
		return Epanechnikov{}, err
	}
	return k, nil
}

// Validate reports whether the bandwidth is finite and > 0.
func (k Epanechnikov) Validate() error { return validateBandwidth(k.Bandwidth) }

// LogK returns log(1 − t²) with t = (u−v)/h inside the support |t| < 1 and
// −Inf outside it (including the edge |t| = 1, where K = 0).
func (k Epanechnikov) LogK(u, v float64) float64 {
	t := (u - v) / k.Bandwidth
	if math.Abs(t) >= 1 {
		return math.Inf(-1)
	}
	return math.Log1p(-t * t)
}

// Boxcar is the kernel K(u, v) = 1 for |u−v| ≤ h and 0 otherwise, with
// bandwidth h: the plain average of the inputs within h of the query.
//
// The edge is decided up to rounding. Positions such as i/n and bandwidths
// such as 0.1 are rounded when stored, and their difference again when
// computed, so two inputs exactly one bandwidth apart can come out a few
// units of roundoff further (on the grid i/50, 0.54 − 0.44 is
// 0.10000000000000003 > 0.1). LogK therefore counts u as inside when
// |u−v| ≤ h + edgeSlack·(|u| + |v| + h); see edgeSlack.
type Boxcar struct{ Bandwidth float64 }

// edgeSlack is the allowance, relative to |u| + |v| + h, for rounding at
// the boxcar's edge: 2⁻⁵⁰, eight units of roundoff ε = 2⁻⁵³. If the stored
// u, v and h are within a relative ε of the intended u*, v* and h*, then
// the computed |u−v| differs from |u*−v*| by at most about 2ε·(|u| + |v|),
// and h from h* by ε·h; so an input with |u*−v*| ≤ h* always passes, and
// the margin covers the rounding of the test itself. An input farther than
// h by more than 2⁻⁵⁰·(|u| + |v| + h), about 8.9e-16·(|u| + |v| + h), is
// outside, so on the grid i/n of [0, 1) the next point out is excluded for
// any n below about 10¹⁴.
const edgeSlack = 0x1p-50

// NewBoxcar returns a Boxcar kernel with bandwidth h, or an error if h is not
// finite and positive.
func NewBoxcar(h float64) (Boxcar, error) {
	k := Boxcar{Bandwidth: h}
	if err := k.Validate(); err != nil {
		return Boxcar{}, err
	}
	return k, nil
}

// Validate reports whether the bandwidth is finite and > 0.
func (k Boxcar) Validate() error { return validateBandwidth(k.Bandwidth) }

// LogK returns 0 when |u−v| ≤ h up to rounding (the edge included; see
// Boxcar) and −Inf otherwise; NaN if u or v is NaN or both are infinite.
func (k Boxcar) LogK(u, v float64) float64 {
	d, h := math.Abs(u-v), k.Bandwidth
	switch {
	case math.IsNaN(d):
		return math.NaN()
	case math.IsInf(d, 0) || d > h+edgeSlack*(math.Abs(u)+math.Abs(v)+h):
		return math.Inf(-1)
	}
	return 0
}

// Tricube is the kernel K(u, v) = (1 − |(u−v)/h|³)³ for |u−v| < h and 0
// otherwise, with bandwidth h.
type Tricube struct{ Bandwidth float64 }

// NewTricube returns a Tricube kernel with bandwidth h, or an error if h is
// not finite and positive.
func NewTricube(h float64) (Tricube, error) {
	k := Tricube{Bandwidth: h}
	if err := k.Validate(); err != nil {
		return Tricube{}, err
	}
	return k, nil
}

// Validate reports whether the bandwidth is finite and > 0.
func (k Tricube) Validate() error { return validateBandwidth(k.Bandwidth) }

// LogK returns 3·log(1 − |t|³) with t = (u−v)/h inside the support |t| < 1
// and −Inf outside it (including the edge |t| = 1, where K = 0).
func (k Tricube) LogK(u, v float64) float64 {
	t := math.Abs((u - v) / k.Bandwidth)
	if t >= 1 {
		return math.Inf(-1)
	}
	return 3 * math.Log1p(-t*t*t)
}

// KernelProfile returns K(x, center) = exp(k.LogK(x, center)) at each x: the
// kernel's shape around center, unnormalised, with 0 outside a compact
// support.
func KernelProfile(k Kernel, center float64, xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Exp(k.LogK(x, center))
	}
	return out
}
