package figure

import (
	"math"
)

// demoPlot is a typical explainer figure: noisy samples, a smooth curve
// and a line with markers, 50 points each, plus a query mark.
func demoPlot() LinePlot {
	const n = 50
	xs := make([]float64, n)
	noisy := make([]float64, n)
	smooth := make([]float64, n)
	bump := make([]float64, n)
	for i := range n {
		x := float64(i) / n
		xs[i] = x
		smooth[i] = math.Sin(2 * math.Pi * x)
		noisy[i] = smooth[i] + 0.3*math.Cos(37*x)
		bump[i] = 0.5 * math.Exp(-(x-0.4)*(x-0.4)/0.02)
	}
	return LinePlot{
		Title:  "Kernel smoothing",
		XLabel: "position",
		YLabel: "value",
		Series: []Series{
			{Label: "input points", X: xs, Y: noisy, Kind: Points},
			{Label: "kernel smoother", X: xs, Y: smooth, Kind: Line},
			{Label: "attention", X: xs, Y: bump, Kind: LinePoints},
		},
		Marks: []Mark{{X: 0.4, Label: "query"}},
	}
}

// twoLines is a small plot with two line series.
func twoLines() LinePlot {
	return LinePlot{
		XLabel: "x",
		YLabel: "y",
		Series: []Series{
			{Label: "a", X: []float64{0, 1, 2}, Y: []float64{0, 1, 4}, Kind: Line},
			{Label: "b", X: []float64{0, 1, 2}, Y: []float64{4, 1, 0}, Kind: Line},
		},
	}
}
