package numerics_test

import (
	"fmt"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// benchSizes are the grid sizes benchmarked: the seed explainer's 50, a
// finely sampled plot and a long sequence.
var benchSizes = []int{50, 1000, 4096}

func BenchmarkSmooth(b *testing.B) {
	g := numerics.Gaussian{Bandwidth: 0.1}
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		ys := numerics.DefaultSignal().Sample(xs)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				numerics.Smooth(g, xs, ys, xs)
			}
		})
	}
}

func BenchmarkAttention(b *testing.B) {
	a := seedAttention(b, 1)
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		ys := numerics.DefaultSignal().Sample(xs)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				a.Apply(xs, ys, xs)
			}
		})
	}
}

func BenchmarkAttentionWeightMatrix(b *testing.B) {
	a := seedAttention(b, 1)
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				a.WeightMatrix(xs, xs)
			}
		})
	}
}

func BenchmarkSoftmax(b *testing.B) {
	for _, n := range benchSizes {
		z := numerics.DefaultSignal().Sample(numerics.Grid(n))
		dst := make([]float64, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				numerics.Softmax(dst, z)
			}
		})
	}
}

func BenchmarkTrain(b *testing.B) {
	xs := numerics.Grid(50)
	cfg := numerics.TrainConfig{Steps: 500, LearningRate: 100, Seed: 1, InitTemperature: 1, LearnTemperature: true}
	target := numerics.Gaussian{Bandwidth: 0.1}
	for b.Loop() {
		if _, err := numerics.Train(xs, numerics.SeedEncoding, target, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLOOCV(b *testing.B) {
	xs, ys := noisyPreset()
	hs := geometric(0.005, 0.3, 30)
	gaussian := func(h float64) numerics.Kernel { return numerics.Gaussian{Bandwidth: h} }
	for b.Loop() {
		numerics.LOOCVCurve(xs, ys, hs, gaussian)
	}
}
