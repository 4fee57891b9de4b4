package numerics_test

import (
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

func TestSoftmaxMatchesHandComputedWeights(t *testing.T) {
	inf := math.Inf(1)
	huge := math.MaxFloat64
	tests := []struct {
		name string
		z    []float64
		want []float64
		tol  float64
	}{
		{"an empty input gives an empty output", []float64{}, []float64{}, 0},
		{"a single entry gets all the weight", []float64{-7}, []float64{1}, 0},
		{"equal logits give equal weights", []float64{0, 0, 0, 0}, []float64{0.25, 0.25, 0.25, 0.25}, 0},
		// exp(1000) overflows, but after subtracting the max both terms are e^0 = 1.
		{"two logits of 1000 split the weight evenly", []float64{1000, 1000}, []float64{0.5, 0.5}, 0},
		// e^0 : e^(ln 3) = 1 : 3.
		{"logits 0 and ln 3 give a quarter and three quarters", []float64{0, math.Log(3)}, []float64{0.25, 0.75}, 1e-15},
		// e^1 : e^2 : e^3, normalised.
		{"logits 1, 2, 3", []float64{1, 2, 3}, []float64{
			math.E / (math.E + math.E*math.E + math.E*math.E*math.E),
			math.E * math.E / (math.E + math.E*math.E + math.E*math.E*math.E),
			math.E * math.E * math.E / (math.E + math.E*math.E + math.E*math.E*math.E),
		}, 1e-15},
		// 1e300 − (−1e300) overflows to +Inf, so the smaller weight is e^(−Inf) = 0.
		{"logits of plus and minus 1e300 put all weight on the larger", []float64{1e300, -1e300}, []float64{1, 0}, 0},
		{"two logits of 1e300 beside a zero split the weight evenly", []float64{1e300, 0, 1e300}, []float64{0.5, 0, 0.5}, 0},
		{"the largest finite logits do not overflow", []float64{huge, -huge, huge}, []float64{0.5, 0, 0.5}, 0},
		{"minus infinity gets zero weight", []float64{-inf, 0, 0, -inf}, []float64{0, 0.5, 0.5, 0}, 0},
		{"plus infinities share all the weight", []float64{inf, 5, inf}, []float64{0.5, 0, 0.5}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := numerics.Softmax(nil, tc.z)
			checkAllClose(t, "Softmax", got, tc.want, tc.tol)
		})
	}
}

func TestSoftmaxIsNaNWhereWeightsAreUndefined(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name string
		z    []float64
	}{
		{"every entry minus infinity", []float64{-inf, -inf, -inf}},
		{"a single minus infinity", []float64{-inf}},
		{"a NaN among ordinary logits", []float64{1, math.NaN(), 2}},
		{"a NaN beside plus infinity", []float64{inf, math.NaN()}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := numerics.Softmax(nil, tc.z)
			if len(got) != len(tc.z) {
				t.Fatalf("got %d weights, want %d", len(got), len(tc.z))
			}
			for i, v := range got {
				if !math.IsNaN(v) {
					t.Fatalf("weight %d = %v, want NaN", i, v)
				}
			}
		})
	}
}

func TestSoftmaxIgnoresAConstantShift(t *testing.T) {
	z := []float64{0.1, -2, 3.5, 0}
	shifted := make([]float64, len(z))
	for i, v := range z {
		shifted[i] = v + 1000
	}
	// Adding 1000 rounds each logit to a multiple of about 1.1e-13.
	checkAllClose(t, "shifted softmax", numerics.Softmax(nil, shifted), numerics.Softmax(nil, z), 1e-12)
}

func TestSoftmaxWritesIntoDstWhenItIsLongEnough(t *testing.T) {
	z := []float64{1, 2, 3}
	dst := make([]float64, 5)
	got := numerics.Softmax(dst, z)
	if len(got) != 3 || &got[0] != &dst[0] {
		t.Fatalf("Softmax did not reuse dst: len %d", len(got))
	}
	short := make([]float64, 2)
	got = numerics.Softmax(short, z)
	if len(got) != 3 || &got[0] == &short[0] {
		t.Fatal("Softmax should allocate when dst is too short")
	}
	want := numerics.Softmax(nil, []float64{1, 2, 3})
	inPlace := numerics.Softmax(z, z)
	checkAllClose(t, "in-place softmax", inPlace, want, 0)
	checkAllClose(t, "overwritten input", z, want, 0)
}

func TestSoftmaxOfManyRandomishLogitsIsAProbabilityVector(t *testing.T) {
	for _, scale := range []float64{1e-300, 1, 1e3, 1e150, 1e300} {
		z := make([]float64, 97)
		for i := range z {
			z[i] = scale * math.Sin(float64(i)*1.7)
		}
		checkWeights(t, "softmax", numerics.Softmax(nil, z))
	}
}
