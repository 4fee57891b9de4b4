package figure

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// waveExample is the visual check for a typical explainer figure: 50
// samples of a damped wave with two smooth lines over them.
func waveExample() LinePlot {
	const n = 50
	xs := make([]float64, n)
	samples := make([]float64, n)
	smooth := make([]float64, n)
	trend := make([]float64, n)
	for i := range n {
		x := float64(i) / n
		xs[i] = x
		samples[i] = math.Sin(4*math.Pi*x)*math.Exp(-x) + 0.5*math.Sin(2*math.Pi*x)
		smooth[i] = 0.8*math.Sin(4*math.Pi*x)*math.Exp(-x) + 0.5*math.Sin(2*math.Pi*x)
		trend[i] = 0.5 * math.Sin(2*math.Pi*x)
	}
	return LinePlot{
		Title:  "Damped wave and two smoothers",
		XLabel: "position x",
		YLabel: "value",
		Series: []Series{
			{Label: "samples", X: xs, Y: samples, Kind: Points},
			{Label: "kernel smoother", X: xs, Y: smooth, Kind: Line},
			{Label: "trend", X: xs, Y: trend, Kind: Line},
		},
	}
}

// weightsExample is the visual check for a weights figure: two bell-shaped
// curves of non-negative weights around a query mark.
func weightsExample() LinePlot {
	const n = 50
	xs := make([]float64, n)
	kernel := make([]float64, n)
	attention := make([]float64, n)
	var sk, sa float64
	for i := range n {
		x := float64(i) / (n - 1)
		xs[i] = x
		kernel[i] = math.Exp(-(x - 0.5) * (x - 0.5) / (2 * 0.1 * 0.1))
		attention[i] = math.Exp(-(x - 0.45) * (x - 0.45) / (2 * 0.12 * 0.12))
		sk += kernel[i]
		sa += attention[i]
	}
	for i := range n {
		kernel[i] /= sk
		attention[i] /= sa
	}
	return LinePlot{
		Title:  "Weights given to each point",
		XLabel: "position x",
		YLabel: "weight",
		Series: []Series{
			{Label: "kernel smoother", X: xs, Y: kernel, Kind: LinePoints},
			{Label: "attention", X: xs, Y: attention, Kind: LinePoints},
		},
		Marks: []Mark{{X: 0.5, Label: "query"}},
	}
}

// TestWriteExamplePNGs renders the example figures as PNG and SVG files,
// into the directory named by FIGURE_EXAMPLES when it is set (to look at
// them) and into a scratch directory otherwise.
func TestWriteExamplePNGs(t *testing.T) {
	dir := os.Getenv("FIGURE_EXAMPLES")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, p := range map[string]LinePlot{"wave": waveExample(), "weights": weightsExample(), "demo": demoPlot()} {
		b, err := p.PNG(1280)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		svg, err := p.SVG(Meta{ID: name})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".svg"), svg, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: SVG %d bytes", name, len(svg))
	}
}
