package numerics

import (
	"fmt"
	"math"
)

// LSCV returns the least-squares cross-validation criterion of the kernel
// density estimate f̂ with kernel k on the samples,
//
//	LSCV = ∫ f̂(x)² dx − (2/n)·Σ_i f̂₋ᵢ(x_i),
//
// where f̂₋ᵢ is the estimate from every sample except the i-th. It is the
// integrated squared error ∫(f̂ − f)² of f̂ against the unknown density f,
// less ∫f² (which does not depend on the kernel or its bandwidth), with the
// cross term estimated without bias; the bandwidth that minimises it is the
// least-squares cross-validation choice (R's bw.ucv minimises the same
// criterion, with n² in place of n(n − 1) and its distances binned).
//
// Both terms are sums over pairs of samples: ∫f̂² = (1/n²)·Σ_i Σ_j
// (K*K)(x_i − x_j), with K*K the kernel convolved with itself, and
// f̂₋ᵢ(x_i) = Σ_{j≠i} K(x_i − x_j)/(n − 1), with K normalised to mass one.
// K*K has a closed form for the Gaussian (a Gaussian √2 times as wide), the
// Epanechnikov (a piecewise polynomial) and the boxcar (a triangle), so the
// criterion is exact up to rounding; other kernels are an error. It needs
// at least two samples. A pair of tied samples adds
// 2·(K*K(0) − 2n/(n−1)·K(0))/n², which is negative and grows as 1/h: that
// is why the criterion of data with ties falls without bound as h → 0.
func LSCV(k DensityKernel, samples []float64) (float64, error) {
	conv, err := selfConvolution(k)
	if err != nil {
		return 0, err
	}
	n := len(samples)
	if n < 2 {
		return 0, fmt.Errorf("least-squares cross-validation needs at least 2 samples, got %d", n)
	}
	mass := k.Mass()
	pairConv, pairLOO := 0.0, 0.0
	for i, xi := range samples {
		for _, xj := range samples[i+1:] {
			pairConv += conv(xi - xj)
			pairLOO += math.Exp(k.LogK(xj, xi))
		}
	}
	nf := float64(n)
	integral := (nf*conv(0) + 2*pairConv) / (nf * nf)
	loo := 2 * (2 * pairLOO / mass) / (nf * (nf - 1))
	return integral - loo, nil
}

// selfConvolution returns (K*K)(d) = ∫K(u)·K(d − u) du of k normalised to
// mass one, for the kernels whose convolution has a closed form.
func selfConvolution(k DensityKernel) (func(d float64) float64, error) {
	switch k := k.(type) {
	case Gaussian:
		// Two normal densities of standard deviation h convolve into one
		// of standard deviation h√2.
		h := k.Bandwidth
		return func(d float64) float64 {
			t := d / h
			return math.Exp(-t*t/4) / (2 * h * math.Sqrt(math.Pi))
		}, nil
	case Epanechnikov:
		// K(t) = ¾(1 − t²) on [−1, 1] gives
		// (K*K)(t) = 3/160·(2 − |t|)³·(t² + 6|t| + 4) on [−2, 2].
		h := k.Bandwidth
		return func(d float64) float64 {
			t := math.Abs(d / h)
			if t >= 2 {
				return 0
			}
			return 3.0 / 160 * (2 - t) * (2 - t) * (2 - t) * (t*t + 6*t + 4) / h
		}, nil
	case Boxcar:
		// K(t) = ½ on [−1, 1] gives the triangle (2 − |t|)/4 on [−2, 2].
		h := k.Bandwidth
		return func(d float64) float64 {
			t := math.Abs(d / h)
			if t >= 2 {
				return 0
			}
			return (2 - t) / 4 / h
		}, nil
	}
	return nil, fmt.Errorf("least-squares cross-validation has the Gaussian, Epanechnikov and boxcar kernels, not %T", k)
}
