package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// trapezoid integrates the samples f of a function on the grid xs.
func trapezoid(xs, f []float64) float64 {
	s := 0.0
	for i := 1; i < len(xs); i++ {
		s += (xs[i] - xs[i-1]) * (f[i] + f[i-1]) / 2
	}
	return s
}

// uniformGrid returns n points from a to b.
func uniformGrid(a, b float64, n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = a + (b-a)*float64(i)/float64(n-1)
	}
	return xs
}

// TestKernelMass checks each Mass against a numerical integral of the
// kernel's profile. The trapezoid rule's error is tiny for the smooth
// Gaussian, O(step²) at the kinks of Epanechnikov and tricube, and at most
// one step times the jump (1) at each of the boxcar's two edges.
func TestKernelMass(t *testing.T) {
	const h, step = 0.7, 1e-4
	xs := uniformGrid(-5, 5, int(10/step)+1)
	for _, c := range []struct {
		name string
		k    numerics.DensityKernel
		tol  float64
	}{
		{"gaussian", numerics.Gaussian{Bandwidth: h}, 1e-9},
		{"epanechnikov", numerics.Epanechnikov{Bandwidth: h}, 1e-6},
		{"tricube", numerics.Tricube{Bandwidth: h}, 1e-6},
		{"boxcar", numerics.Boxcar{Bandwidth: h}, 2 * step},
	} {
		got := trapezoid(xs, numerics.KernelProfile(c.k, 0.3, xs))
		if !within(got, c.k.Mass(), c.tol) {
			t.Errorf("%s: ∫K = %.12g, Mass() = %.12g", c.name, got, c.k.Mass())
		}
	}
	if got, want := (numerics.Gaussian{Bandwidth: 2}).Mass(), 2*math.Sqrt(2*math.Pi); got != want {
		t.Errorf("Gaussian mass %v, want 2√(2π) = %v", got, want)
	}
}

// TestKDEIntegratesToOne integrates a Gaussian KDE on a grid reaching 25
// bandwidths past the samples: the tails beyond carry less than 1e-100,
// and the trapezoid rule on a smooth, rapidly decaying function is far more
// accurate than 1e-6.
func TestKDEIntegratesToOne(t *testing.T) {
	samples := []float64{-1, 0, 0.25, 2, 2.1, 5}
	k := numerics.Gaussian{Bandwidth: 0.4}
	grid := uniformGrid(-11, 15, 5201)
	if got := trapezoid(grid, numerics.KDE(k, samples, grid)); !within(got, 1, 1e-6) {
		t.Errorf("∫KDE = %.12g, want 1", got)
	}
}

func TestKDEOneSampleIsTheKernel(t *testing.T) {
	grid := uniformGrid(-2, 2, 41)
	for _, k := range []numerics.DensityKernel{
		numerics.Gaussian{Bandwidth: 0.5}, numerics.Epanechnikov{Bandwidth: 0.5},
		numerics.Boxcar{Bandwidth: 0.5}, numerics.Tricube{Bandwidth: 0.5},
	} {
		got := numerics.KDE(k, []float64{0.3}, grid)
		want := numerics.KernelProfile(k, 0.3, grid)
		for i := range want {
			want[i] /= k.Mass()
		}
		checkAllClose(t, "one-sample KDE", got, want, 1e-15)
	}
}

func TestKDENoSamples(t *testing.T) {
	for _, v := range numerics.KDE(numerics.Gaussian{Bandwidth: 1}, nil, []float64{0, 1}) {
		if !math.IsNaN(v) {
			t.Fatalf("KDE with no samples = %v, want NaN", v)
		}
	}
}
