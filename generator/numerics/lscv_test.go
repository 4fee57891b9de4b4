package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// directLSCV evaluates the criterion from its definition, with no pair
// sums and no convolutions: ∫f̂² by the trapezoid rule on a fine grid of
// the KDE itself, and each f̂₋ᵢ(x_i) as the KDE of the other samples.
func directLSCV(k numerics.DensityKernel, samples []float64, lo, hi float64, points int) float64 {
	grid := uniformGrid(lo, hi, points)
	f := numerics.KDE(k, samples, grid)
	sq := make([]float64, len(f))
	for i, v := range f {
		sq[i] = v * v
	}
	loo := 0.0
	for i := range samples {
		others := append(append([]float64(nil), samples[:i]...), samples[i+1:]...)
		loo += numerics.KDE(k, others, []float64{samples[i]})[0]
	}
	return trapezoid(grid, sq) - 2*loo/float64(len(samples))
}

// TestLSCVMatchesDirectIntegration checks the closed forms of K*K against
// a numerical integral of the squared estimate, for each kernel, on
// samples with a tie. The trapezoid rule on a step of 1e-4 is exact to
// rounding for the smooth Gaussian (the closed form agrees to 1e-14) and
// to O(step²) at the Epanechnikov's kinks (5e-9); at each of the boxcar's
// jumps it errs by up to half a step times the jump of f̂² (each under
// 0.4 here), about 1e-4 over its edges.
func TestLSCVMatchesDirectIntegration(t *testing.T) {
	samples := []float64{0.1, 0.35, 0.35, 0.9, 1.4, 2.2}
	for _, c := range []struct {
		name string
		k    numerics.DensityKernel
		tol  float64
	}{
		{"gaussian", numerics.Gaussian{Bandwidth: 0.3}, 1e-12},
		{"epanechnikov", numerics.Epanechnikov{Bandwidth: 0.5}, 1e-7},
		{"boxcar", numerics.Boxcar{Bandwidth: 0.4}, 2e-4},
	} {
		got, err := numerics.LSCV(c.k, samples)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := directLSCV(c.k, samples, -4, 6.5, 105001)
		if !within(got, want, c.tol) {
			t.Errorf("%s: LSCV = %.12g, direct integration gives %.12g", c.name, got, want)
		}
	}
}

// TestLSCVTwoTiedSamples works the Gaussian criterion out by hand for two
// samples at one point: ∫f̂² is K*K(0) = 1/(2h√π), and each sample's
// leave-one-out estimate is the other's kernel at distance 0, 1/(h√(2π)),
// so LSCV = 1/(2h√π) − 2/(h√(2π)): negative, and twice as negative when h
// halves.
func TestLSCVTwoTiedSamples(t *testing.T) {
	for _, h := range []float64{1, 0.5, 0.01} {
		got, err := numerics.LSCV(numerics.Gaussian{Bandwidth: h}, []float64{3, 3})
		if err != nil {
			t.Fatal(err)
		}
		want := 1/(2*h*math.Sqrt(math.Pi)) - 2/(h*math.Sqrt(2*math.Pi))
		if !within(got, want, 1e-12*math.Abs(want)) {
			t.Errorf("h = %g: LSCV = %.15g, want %.15g", h, got, want)
		}
	}
}

// TestLSCVScales checks that stretching the samples and the bandwidth by c
// divides the criterion by c, as it must for a density (its values scale
// by 1/c, its integral of a square by 1/c).
func TestLSCVScales(t *testing.T) {
	samples := []float64{1.8, 2.0, 2.3, 3.6, 4.1, 4.4, 4.5}
	scaled := make([]float64, len(samples))
	for i, s := range samples {
		scaled[i] = 3 * s
	}
	for _, mk := range []func(h float64) numerics.DensityKernel{
		func(h float64) numerics.DensityKernel { return numerics.Gaussian{Bandwidth: h} },
		func(h float64) numerics.DensityKernel { return numerics.Epanechnikov{Bandwidth: h} },
		func(h float64) numerics.DensityKernel { return numerics.Boxcar{Bandwidth: h} },
	} {
		a, _ := numerics.LSCV(mk(0.7), samples)
		b, _ := numerics.LSCV(mk(2.1), scaled)
		if !within(b, a/3, 1e-12) {
			t.Errorf("%T: LSCV of the stretched samples %.15g, want %.15g", mk(1), b, a/3)
		}
	}
}

func TestLSCVErrors(t *testing.T) {
	if _, err := numerics.LSCV(numerics.Gaussian{Bandwidth: 1}, []float64{1}); err == nil {
		t.Error("LSCV of one sample: no error")
	}
	if _, err := numerics.LSCV(numerics.Tricube{Bandwidth: 1}, []float64{1, 2}); err == nil {
		t.Error("LSCV with the tricube kernel: no error")
	}
}
