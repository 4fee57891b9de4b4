package numerics_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
	"gonum.org/v1/gonum/stat"
)

func TestGridSpacesPositionsEvenlyFromZeroUpToButExcludingOne(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want []float64
	}{
		{"zero points give an empty grid", 0, []float64{}},
		{"a negative count gives an empty grid", -3, []float64{}},
		{"one point sits at zero", 1, []float64{0}},
		{"four points are quarters", 4, []float64{0, 0.25, 0.5, 0.75}},
		{"five points are fifths", 5, []float64{0, 1.0 / 5, 2.0 / 5, 3.0 / 5, 4.0 / 5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := numerics.Grid(tc.n)
			if got == nil || !slices.Equal(got, tc.want) {
				t.Fatalf("Grid(%d) = %v, want %v", tc.n, got, tc.want)
			}
		})
	}
}

func TestGridOfFiftyHasOneHalfAtIndexTwentyFive(t *testing.T) {
	xs := numerics.Grid(50)
	if len(xs) != 50 || xs[25] != 0.5 || xs[49] != 49.0/50 {
		t.Fatalf("Grid(50): len %d, xs[25] = %v, xs[49] = %v", len(xs), xs[25], xs[49])
	}
}

func TestSignalAtMatchesHandComputedValues(t *testing.T) {
	def := numerics.DefaultSignal()
	tests := []struct {
		name string
		s    numerics.Signal
		x    float64
		want float64
	}{
		// sin(0)·e^0 + 0.5·sin(0) = 0.
		{"the default signal is zero at the origin", def, 0, 0},
		// sin(π)·e^(−1/4) + 0.5·sin(π/2) = 0 + 0.5.
		{"the default signal is one half at a quarter", def, 0.25, 0.5},
		// sin(π/2)·e^(−1/8) + 0.5·sin(π/4) = e^(−1/8) + √2/4.
		{"the default signal at an eighth", def, 0.125, math.Exp(-0.125) + math.Sqrt2/4},
		// sin(2π)·e^(−1/2) + 0.5·sin(π) = 0.
		{"the default signal is zero at one half", def, 0.5, 0},
		{"a phase of π/2 turns sine into cosine", numerics.Signal{Terms: []numerics.Term{{Amplitude: 2, Frequency: 1, Phase: math.Pi / 2}}}, 0, 2},
		// sin(2π·0.25·1)·e^(−2·1) = e^(−2).
		{"decay multiplies by e^(−Decay·x)", numerics.Signal{Terms: []numerics.Term{{Amplitude: 1, Frequency: 0.25, Decay: 2}}}, 1, math.Exp(-2)},
		{"a signal with no terms is zero", numerics.Signal{}, 0.3, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.At(tc.x); !within(got, tc.want, 1e-15) {
				t.Fatalf("At(%v) = %.17g, want %.17g", tc.x, got, tc.want)
			}
		})
	}
}

func TestSampleWithoutNoiseReturnsTheNoiselessValues(t *testing.T) {
	s := numerics.DefaultSignal()
	xs := numerics.Grid(50)
	ys := s.Sample(xs)
	for i, x := range xs {
		if ys[i] != s.At(x) {
			t.Fatalf("Sample()[%d] = %v, want At(%v) = %v", i, ys[i], x, s.At(x))
		}
	}
}

func TestSampleIsDeterministicGivenTheSeed(t *testing.T) {
	xs := numerics.Grid(200)
	a := numerics.Signal{Terms: numerics.DefaultSignal().Terms, Noise: 0.3, Seed: 7}
	b := a
	c := a
	c.Seed = 8

	ya, yb, yc := a.Sample(xs), b.Sample(xs), c.Sample(xs)
	if !slices.Equal(ya, yb) {
		t.Fatal("two samples with the same seed differ")
	}
	same := 0
	for i := range ya {
		if ya[i] == yc[i] {
			same++
		}
	}
	if same != 0 {
		t.Fatalf("seeds 7 and 8 gave %d identical values out of %d, want none", same, len(ya))
	}
	if prefix := a.Sample(xs[:20]); !slices.Equal(prefix, ya[:20]) {
		t.Fatal("sampling a prefix of xs did not give a prefix of the sample")
	}
}

func TestSampleNoiseHasRoughlyTheRequestedStandardDeviation(t *testing.T) {
	// With no terms the sample is pure noise. Over 100 000 draws the standard
	// error of the mean is 0.3/√1e5 ≈ 0.001 and that of the standard
	// deviation about 0.3/√2e5 ≈ 0.0007, so 0.01 is a loose bound.
	const sigma = 0.3
	s := numerics.Signal{Noise: sigma, Seed: 42}
	ys := s.Sample(make([]float64, 100_000))
	m, sd := stat.MeanStdDev(ys, nil)
	if !within(m, 0, 0.01) || !within(sd, sigma, 0.01) {
		t.Fatalf("noise mean %v and std %v, want about 0 and %v", m, sd, sigma)
	}
}

func TestSignalValidateRejectsBadNoiseAndNonFiniteTerms(t *testing.T) {
	tests := []struct {
		name    string
		s       numerics.Signal
		wantErr string
	}{
		{"negative noise", numerics.Signal{Noise: -1}, "noise must be a finite standard deviation >= 0, got -1"},
		{"NaN noise", numerics.Signal{Noise: math.NaN()}, "got NaN"},
		{"infinite amplitude", numerics.Signal{Terms: []numerics.Term{{Amplitude: math.Inf(1)}}}, "term 0: amplitude must be finite"},
		{"NaN decay in the second term", numerics.Signal{Terms: []numerics.Term{{}, {Decay: math.NaN()}}}, "term 1: decay must be finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
	if err := numerics.DefaultSignal().Validate(); err != nil {
		t.Fatalf("DefaultSignal().Validate() = %v, want nil", err)
	}
}

func TestPresetsAreNamedValidAndSorted(t *testing.T) {
	want := []string{"default", "harmonics", "noisy", "sine"}
	if got := numerics.PresetNames(); !slices.Equal(got, want) {
		t.Fatalf("PresetNames() = %v, want %v", got, want)
	}
	for name, s := range numerics.Presets() {
		if err := s.Validate(); err != nil {
			t.Errorf("preset %q is invalid: %v", name, err)
		}
	}
}

func TestPresetsHaveTheirDocumentedShapes(t *testing.T) {
	xs := numerics.Grid(64)
	tests := []struct {
		name string
		want func(x float64) float64
	}{
		{"default", func(x float64) float64 { return math.Sin(4*math.Pi*x)*math.Exp(-x) + 0.5*math.Sin(2*math.Pi*x) }},
		{"sine", func(x float64) float64 { return math.Sin(2 * math.Pi * x) }},
		{"harmonics", func(x float64) float64 {
			return math.Sin(2*math.Pi*x) + math.Sin(6*math.Pi*x)/3 + math.Sin(10*math.Pi*x)/5
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := numerics.Preset(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range xs {
				if got := s.At(x); !within(got, tc.want(x), 1e-14) {
					t.Fatalf("At(%v) = %v, want %v", x, got, tc.want(x))
				}
			}
		})
	}
}

func TestNoisyPresetIsTheDefaultSignalPlusNoise(t *testing.T) {
	s, err := numerics.Preset("noisy")
	if err != nil {
		t.Fatal(err)
	}
	if s.Noise <= 0 {
		t.Fatalf("noisy preset has Noise = %v, want > 0", s.Noise)
	}
	def := numerics.DefaultSignal()
	for _, x := range numerics.Grid(16) {
		if s.At(x) != def.At(x) {
			t.Fatalf("noisy preset's noiseless value at %v differs from the default signal", x)
		}
	}
}

func TestPresetWithAnUnknownNameListsTheValidOnes(t *testing.T) {
	_, err := numerics.Preset("chirp")
	if err == nil || !strings.Contains(err.Error(), `"chirp"`) || !strings.Contains(err.Error(), "default, harmonics, noisy, sine") {
		t.Fatalf("Preset(\"chirp\") error = %v, want one naming the preset and listing the valid names", err)
	}
}

func TestPresetsReturnsFreshCopiesEachCall(t *testing.T) {
	first := numerics.Presets()
	first["default"].Terms[0].Amplitude = 99
	if got := numerics.Presets()["default"].Terms[0].Amplitude; got != 1 {
		t.Fatalf("after mutating one result, the next default preset has amplitude %v, want 1", got)
	}
}
