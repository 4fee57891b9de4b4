package numerics

import (
	"fmt"
	"math"
)

// Kernel scores how similar an input position u is to a query position v,
// given as log K(u, v) so weights can be normalised without overflow or
// underflow; −Inf means "no similarity at all".
type Kernel interface {
	LogK(u, v float64) float64
}

// KernelFunc adapts an ordinary function returning log K(u, v) to the
// Kernel interface.
type KernelFunc func(u, v float64) float64

// LogK calls f(u, v).
func (f KernelFunc) LogK(u, v float64) float64 { return f(u, v) }

// Gaussian is the kernel K(u, v) = exp(−(u−v)²/(2h²)) with bandwidth h.
type Gaussian struct{ Bandwidth float64 }

// NewGaussian returns a Gaussian kernel with bandwidth h, or an error if h is
// not finite and positive.
func NewGaussian(h float64) (Gaussian, error) {
	g := Gaussian{Bandwidth: h}
	if err := g.Validate(); err != nil {
		return Gaussian{}, err
	}
	return g, nil
}

// Validate reports whether the bandwidth is finite and > 0.
func (g Gaussian) Validate() error { return validateBandwidth(g.Bandwidth) }

// LogK returns −(u−v)²/(2h²), computed as −((u−v)/h)²/2 so that a tiny h
// gives −Inf for distinct points rather than NaN at u = v.
func (g Gaussian) LogK(u, v float64) float64 {
	t := (u - v) / g.Bandwidth
	return -0.5 * t * t
}

// validateBandwidth reports whether h is finite and > 0.
func validateBandwidth(h float64) error {
	if math.IsNaN(h) || math.IsInf(h, 0) {
		return fmt.Errorf("bandwidth must be finite, got %v", h)
	}
	if h <= 0 {
		return fmt.Errorf("bandwidth must be > 0, got %v", h)
	}
	return nil
}
