package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestFitTemperatureRecoversTheTemperatureOfItsTarget(t *testing.T) {
	// If the target is the weight matrix of the same matrices at T*, the
	// loss is 0 at T = T* and positive elsewhere (a different T changes
	// every row that is not uniform), so the fit must return T* and 0.
	xs := numerics.Grid(40)
	for _, want := range []float64{0.0123, 0.37, 2, 150} {
		a := seedAttention(t, want)
		target := a.WeightMatrix(xs, xs)
		a.Temperature = 1 // the fit must not start from the answer
		got, loss, err := numerics.FitTemperature(a, xs, target)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got/want-1) > 1e-6 || loss > 1e-20 {
			t.Errorf("T* = %v: fitted T = %v with loss %g, want T* and 0", want, got, loss)
		}
	}
}

func TestFitTemperatureFindsTheMinimumOfALossWithOneKnob(t *testing.T) {
	// Against a Gaussian target the loss of the cosine kernel is a smooth
	// function of T alone: the fitted T must be no worse than any point of
	// a fine independent scan, and the loss a local minimum.
	xs := numerics.Grid(50)
	target := numerics.SmootherWeightMatrix(numerics.Gaussian{Bandwidth: 0.1}, xs, xs)
	a := seedAttention(t, 1)
	temp, loss, err := numerics.FitTemperature(a, xs, target)
	if err != nil {
		t.Fatal(err)
	}
	lossAt := func(T float64) float64 { a.Temperature = T; return numerics.WeightLoss(a, xs, target) }
	for T := 0.05; T < 1; T += 0.0005 {
		if l := lossAt(T); l < loss*(1-1e-12) {
			t.Fatalf("loss %g at T = %v is below the fitted %g at T = %v", l, T, loss, temp)
		}
	}
	if lossAt(temp*1.001) < loss || lossAt(temp/1.001) < loss {
		t.Errorf("the fitted T = %v is not a local minimum", temp)
	}
}

func TestFitTemperatureRejectsBadArguments(t *testing.T) {
	a := seedAttention(t, 1)
	xs := numerics.Grid(3)
	if _, _, err := numerics.FitTemperature(a, nil, nil); err == nil {
		t.Error("no inputs: no error")
	}
	if _, _, err := numerics.FitTemperature(a, xs, [][]float64{{1, 0, 0}}); err == nil {
		t.Error("one target row for three inputs: no error")
	}
	if _, _, err := numerics.FitTemperature(a, xs, [][]float64{{1}, {1}, {1}}); err == nil {
		t.Error("short target rows: no error")
	}
	a.WK = numerics.Matrix{{1}}
	if _, _, err := numerics.FitTemperature(a, xs, numerics.SmootherWeightMatrix(numerics.Gaussian{Bandwidth: 1}, xs, xs)); err == nil {
		t.Error("mismatched matrices: no error")
	}
}
