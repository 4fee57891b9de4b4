package numerics

import "math"

// DensityKernel is a kernel that integrates to a known finite mass,
// ∫K(u, v) du = Mass() for every v, so that K/Mass is a probability density.
type DensityKernel interface {
	Kernel
	Mass() float64
}

// Mass returns ∫exp(−(u−v)²/(2h²)) du = h·√(2π).
func (g Gaussian) Mass() float64 { return g.Bandwidth * math.Sqrt(2*math.Pi) }

// Mass returns ∫(1 − ((u−v)/h)²) du over |u−v| < h, 4h/3.
func (k Epanechnikov) Mass() float64 { return 4 * k.Bandwidth / 3 }

// Mass returns the width of the box, 2h.
func (k Boxcar) Mass() float64 { return 2 * k.Bandwidth }

// Mass returns ∫(1 − |(u−v)/h|³)³ du over |u−v| < h, 81h/70.
func (k Tricube) Mass() float64 { return 81 * k.Bandwidth / 70 }

// KDE returns the kernel density estimate
// f(x) = (1/(n·Mass)) Σ_i K(s_i, x) at each grid point x, a probability
// density in x for any kernel whose mass is right. It returns NaN at every
// point when there are no samples.
func KDE(k DensityKernel, samples, grid []float64) []float64 {
	out := make([]float64, len(grid))
	if len(samples) == 0 {
		return fillNaN(out)
	}
	scale := 1 / (float64(len(samples)) * k.Mass())
	for j, x := range grid {
		sum := 0.0
		for _, s := range samples {
			sum += math.Exp(k.LogK(s, x))
		}
		out[j] = sum * scale
	}
	return out
}
