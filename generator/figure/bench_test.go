package figure

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

// The benchmarks here draw each kind of figure at the size the shipped
// explainer (content/attention-is-kernel-smoothing.md) draws it: 50 inputs,
// the {bandwidth} figure's five panels, the {heatmap} figure's two 50×50
// matrices, and the {explore} figure's 50 bandwidths and 20 temperatures at
// every one of 50 queries. BenchmarkLinePlotSVG (in svg_test.go) draws the
// {compare} figure's three series of 50 points.

// sinkBytes holds each benchmark's output, so the compiler cannot drop the
// work.
var sinkBytes []byte

// benchInputs returns the explainer's inputs: n points at x_i = i/n with
// the default signal sin(4πx)e^(−x) + 0.5 sin(2πx).
func benchInputs(n int) (xs, ys []float64) {
	xs = make([]float64, n)
	ys = make([]float64, n)
	for i := range n {
		x := float64(i) / float64(n)
		xs[i] = x
		ys[i] = math.Sin(4*math.Pi*x)*math.Exp(-x) + 0.5*math.Sin(2*math.Pi*x)
	}
	return xs, ys
}

// gaussianWeights returns the weights that the query at q gives each input
// under a Gaussian kernel of bandwidth h, normalised to sum to 1.
func gaussianWeights(xs []float64, q, h float64) []float64 {
	w := make([]float64, len(xs))
	sum := 0.0
	for i, x := range xs {
		d := (x - q) / h
		w[i] = math.Exp(-0.5 * d * d)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// seedAttentionWeights returns the seed explainer's attention weights at
// temperature t: with W_q = W_k = diag(1,1,0,0) on [sin 2πx, cos 2πx, x, 1]
// the score is cos 2π(x − q), divided by √4·t.
func seedAttentionWeights(xs []float64, q, t float64) []float64 {
	w := make([]float64, len(xs))
	sum := 0.0
	for i, x := range xs {
		w[i] = math.Exp(math.Cos(2*math.Pi*(x-q)) / (2 * t))
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// weightedSums returns Σ_i w[q][i]·ys[i] for each query q.
func weightedSums(ws [][]float64, ys []float64) []float64 {
	out := make([]float64, len(ws))
	for q, w := range ws {
		for i, v := range w {
			out[q] += v * ys[i]
		}
	}
	return out
}

// bandwidthExample is the {bandwidth} figure with its defaults: noisy
// inputs smoothed at four bandwidths, each panel with the noiseless signal,
// and a fifth panel of the leave-one-out error at 40 bandwidths on a log
// axis with its minimum marked.
func bandwidthExample() Multiples {
	const n = 50
	xs, truth := benchInputs(n)
	noisy := make([]float64, n)
	for i := range noisy {
		noisy[i] = truth[i] + 0.2*math.Sin(97*float64(i)) // deterministic stand-in for noise
	}
	var plots []LinePlot
	for _, h := range []float64{0.01, 0.03, 0.1, 0.3} {
		ws := make([][]float64, n)
		for q, x := range xs {
			ws[q] = gaussianWeights(xs, x, h)
		}
		plots = append(plots, LinePlot{
			Title:  "h = " + strconv.FormatFloat(h, 'g', -1, 64),
			XLabel: "position x",
			YLabel: "value y",
			Series: []Series{
				{Label: "noisy inputs", X: xs, Y: noisy, Kind: Points},
				{Label: "smoother", X: xs, Y: weightedSums(ws, noisy), Kind: Line},
				{Label: "noiseless signal", X: xs, Y: truth, Kind: Line},
			},
		})
	}
	const points = 40
	hs := make([]float64, points)
	cv := make([]float64, points)
	best := 0
	for j := range hs {
		hs[j] = 0.005 * math.Pow(0.3/0.005, float64(j)/(points-1))
		cv[j] = 0.04 + 0.0004/hs[j] + 0.9*hs[j]*hs[j]
		if cv[j] < cv[best] {
			best = j
		}
	}
	plots = append(plots, LinePlot{
		Title:  "leave-one-out error",
		XLabel: "bandwidth h",
		YLabel: "LOOCV error",
		LogX:   true,
		Series: []Series{{Label: "LOOCV error", X: hs, Y: cv, Kind: Line}},
		Points: []Annotation{{X: hs[best], Y: cv[best], Label: fmt.Sprintf("minimum, h = %.3g", hs[best])}},
	})
	return Multiples{Plots: plots, Columns: 3, OwnX: true}
}

// BenchmarkLinePlotPNG draws the {compare} figure as the 1200-pixel PNG a
// page's first figure gets for link previews.
func BenchmarkLinePlotPNG(b *testing.B) {
	p := demoPlot()
	b.ReportAllocs()
	for b.Loop() {
		png, err := p.PNG(1200)
		if err != nil {
			b.Fatal(err)
		}
		sinkBytes = png
	}
}

// svgDrawing is a drawing that checks itself before it is drawn as SVG.
type svgDrawing interface {
	Validate() error
	SVG(Meta) ([]byte, error)
}

// benchSVG validates d once and then times drawing it as SVG.
func benchSVG(b *testing.B, d svgDrawing) {
	if err := d.Validate(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		svg, err := d.SVG(Meta{ID: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		sinkBytes = svg
	}
}

// BenchmarkMultiplesSVG draws the {bandwidth} figure's five panels.
func BenchmarkMultiplesSVG(b *testing.B) { benchSVG(b, bandwidthExample()) }

// BenchmarkHeatMapSVG draws the {heatmap} figure: two 50×50 weight
// matrices on one colour scale.
func BenchmarkHeatMapSVG(b *testing.B) { benchSVG(b, heatExample()) }
