package numerics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
)

// noiseStream is the fixed second word of the PCG state used for signal
// noise, so that Signal.Seed alone determines the noise sequence.
const noiseStream uint64 = 0x6b702d6e6f697365 // "kp-noise"

// Grid returns n evenly spaced positions x_i = i/n for i = 0…n−1 (so x runs
// from 0 to (n−1)/n); n ≤ 0 gives an empty slice.
func Grid(n int) []float64 {
	if n <= 0 {
		return []float64{}
	}
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i) / float64(n)
	}
	return xs
}

// Term is one sinusoidal component of a signal:
// Amplitude·sin(2π·Frequency·x + Phase)·exp(−Decay·x).
type Term struct{ Amplitude, Frequency, Phase, Decay float64 }

// At returns the term's value at position x.
func (t Term) At(x float64) float64 {
	return t.Amplitude * math.Sin(2*math.Pi*t.Frequency*x+t.Phase) * math.Exp(-t.Decay*x)
}

// Signal is a sum of sinusoidal terms plus optional Gaussian noise.
type Signal struct {
	Terms []Term
	Noise float64 // standard deviation of additive Gaussian noise; 0 means none
	Seed  uint64  // seeds the noise generator
}

// Validate reports whether every term coefficient is finite and Noise is a
// finite, non-negative standard deviation.
func (s Signal) Validate() error {
	for i, t := range s.Terms {
		for _, f := range []struct {
			name string
			v    float64
		}{{"amplitude", t.Amplitude}, {"frequency", t.Frequency}, {"phase", t.Phase}, {"decay", t.Decay}} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				return fmt.Errorf("term %d: %s must be finite, got %v", i, f.name, f.v)
			}
		}
	}
	if math.IsNaN(s.Noise) || math.IsInf(s.Noise, 0) || s.Noise < 0 {
		return fmt.Errorf("noise must be a finite standard deviation >= 0, got %v", s.Noise)
	}
	return nil
}

// At returns the noiseless value of the signal at position x.
func (s Signal) At(x float64) float64 {
	y := 0.0
	for _, t := range s.Terms {
		y += t.At(x)
	}
	return y
}

// Sample returns the signal's values at xs plus Gaussian noise of standard
// deviation Noise drawn from a PCG generator seeded by Seed.
//
// The i-th noise draw depends only on Seed and i, so the same inputs always
// give the same outputs and sampling a prefix of xs gives a prefix of the
// result. With Noise == 0 no random numbers are drawn.
func (s Signal) Sample(xs []float64) []float64 {
	ys := make([]float64, len(xs))
	var rng *rand.Rand
	if s.Noise != 0 {
		rng = rand.New(rand.NewPCG(s.Seed, noiseStream))
	}
	for i, x := range xs {
		ys[i] = s.At(x)
		if rng != nil {
			ys[i] += s.Noise * rng.NormFloat64()
		}
	}
	return ys
}

// DefaultSignal returns the seed explainer's signal
// y = sin(4πx)·e^(−x) + 0.5·sin(2πx), without noise.
func DefaultSignal() Signal {
	return Signal{Terms: []Term{
		{Amplitude: 1, Frequency: 2, Phase: 0, Decay: 1},
		{Amplitude: 0.5, Frequency: 1, Phase: 0, Decay: 0},
	}}
}

// Presets returns a fresh map of the named signal presets:
//
//   - "default": DefaultSignal, sin(4πx)·e^(−x) + 0.5·sin(2πx);
//   - "sine": a single period of sin(2πx), the simplest smooth signal;
//   - "harmonics": sin(2πx) + sin(6πx)/3 + sin(10πx)/5, the first three odd
//     harmonics of a square wave, whose steep edges show a smoother's bias;
//   - "noisy": DefaultSignal plus Gaussian noise of standard deviation 0.2
//     (seed 1), the case where smoothing visibly helps.
func Presets() map[string]Signal {
	noisy := DefaultSignal()
	noisy.Noise = 0.2
	noisy.Seed = 1
	return map[string]Signal{
		"default": DefaultSignal(),
		"sine":    {Terms: []Term{{Amplitude: 1, Frequency: 1}}},
		"harmonics": {Terms: []Term{
			{Amplitude: 1, Frequency: 1},
			{Amplitude: 1.0 / 3, Frequency: 3},
			{Amplitude: 1.0 / 5, Frequency: 5},
		}},
		"noisy": noisy,
	}
}

// PresetNames returns the names of the signal presets in sorted order.
func PresetNames() []string {
	presets := Presets()
	names := make([]string, 0, len(presets))
	for name := range presets {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Preset returns the named signal preset, or an error listing the valid
// names if there is no such preset.
func Preset(name string) (Signal, error) {
	s, ok := Presets()[name]
	if !ok {
		return Signal{}, fmt.Errorf("unknown signal preset %q (want one of %s)", name, strings.Join(PresetNames(), ", "))
	}
	return s, nil
}
