package numerics_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
)

// benchSizes are the grid sizes benchmarked: the seed explainer's 50, a
// finely sampled plot and a long sequence.
var benchSizes = []int{50, 1000, 4096}

// Sinks hold each benchmark's result, so the compiler cannot drop the work.
var (
	sinkFloats []float64
	sinkRows   [][]float64
	sinkFloat  float64
)

// reportPerKernelEval reports the time per kernel evaluation, elapsed
// ns / (n·n) per op, as ns/kernel-eval: with the queries equal to the n
// inputs, one op evaluates the kernel n² times. BenchmarkExpFloor reports
// the same metric for a bare loop of math.Exp, the floor to compare with.
func reportPerKernelEval(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n*n), "ns/kernel-eval")
}

// BenchmarkSmooth is the Gaussian Nadaraya–Watson smoother with every input
// as a query.
func BenchmarkSmooth(b *testing.B) {
	g := numerics.Gaussian{Bandwidth: 0.1}
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		ys := numerics.DefaultSignal().Sample(xs)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFloats = numerics.Smooth(g, xs, ys, xs)
			}
			reportPerKernelEval(b, n)
		})
	}
}

// BenchmarkAttention is the seed explainer's attention (Attention.Apply)
// with every input as a query.
func BenchmarkAttention(b *testing.B) {
	a := seedAttention(b, 1)
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		ys := numerics.DefaultSignal().Sample(xs)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFloats = a.Apply(xs, ys, xs)
			}
			reportPerKernelEval(b, n)
		})
	}
}

// BenchmarkExpFloor is the floor under BenchmarkSmooth and
// BenchmarkAttention: a bare loop of n² calls of math.Exp, on arguments
// spread over the range a Gaussian kernel's logits take, summed so that no
// call can be dropped. It reports the same ns/kernel-eval.
func BenchmarkExpFloor(b *testing.B) {
	for _, n := range benchSizes {
		args := make([]float64, n)
		for i := range args {
			args[i] = -12 * float64(i) / float64(n) // exp from 1 down to 6e-6
		}
		shifts := make([]float64, n)
		for j := range shifts {
			shifts[j] = float64(j) / float64(n)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sum := 0.0
				for _, s := range shifts {
					for _, z := range args {
						sum += math.Exp(z - s)
					}
				}
				sinkFloat = sum
			}
			reportPerKernelEval(b, n)
		})
	}
}

// BenchmarkAttentionWeightMatrix is the n×n attention weights in matrix
// form (one gonum product, then a softmax per row).
func BenchmarkAttentionWeightMatrix(b *testing.B) {
	a := seedAttention(b, 1)
	for _, n := range benchSizes {
		xs := numerics.Grid(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkRows = a.WeightMatrix(xs, xs)
			}
			reportPerKernelEval(b, n)
		})
	}
}

// BenchmarkSoftmax is one softmax over n logits, in place.
func BenchmarkSoftmax(b *testing.B) {
	for _, n := range benchSizes {
		z := numerics.DefaultSignal().Sample(numerics.Grid(n))
		dst := make([]float64, n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkFloats = numerics.Softmax(dst, z)
			}
		})
	}
}

// BenchmarkTrain is 500 steps of fitting attention to the Gaussian
// smoother's weights at n = 50.
func BenchmarkTrain(b *testing.B) {
	xs := numerics.Grid(50)
	cfg := numerics.TrainConfig{Steps: 500, LearningRate: 100, Seed: 1, InitTemperature: 1, LearnTemperature: true}
	target := numerics.Gaussian{Bandwidth: 0.1}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := numerics.Train(xs, numerics.SeedEncoding, target, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLOOCV is the leave-one-out error of the Gaussian smoother at 30
// bandwidths on the explainer's noisy data (n = 50).
func BenchmarkLOOCV(b *testing.B) {
	xs, ys := noisyPreset()
	hs := geometric(0.005, 0.3, 30)
	gaussian := func(h float64) numerics.Kernel { return numerics.Gaussian{Bandwidth: h} }
	b.ReportAllocs()
	for b.Loop() {
		sinkFloats = numerics.LOOCVCurve(xs, ys, hs, gaussian)
	}
}
