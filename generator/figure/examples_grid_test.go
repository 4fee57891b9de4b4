package figure

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// weightMatrices returns the n×n weights of a Gaussian kernel smoother
// (bandwidth h, rows normalised) and of a toy attention layer at the
// positions 0, 1/(n−1), …, 1.
func weightMatrices(n int, h float64) (xs []float64, kernel, attention [][]float64) {
	xs = make([]float64, n)
	for i := range xs {
		xs[i] = float64(i) / float64(n-1)
	}
	feat := func(x float64) [3]float64 { return [3]float64{x, math.Sin(2 * math.Pi * x), math.Cos(2 * math.Pi * x)} }
	a := [3][3]float64{{2, 1, -1}, {0.5, 3, 0}, {-1, 0.5, 2.5}}
	for _, o := range xs {
		k := make([]float64, n)
		s := make([]float64, n)
		var sk, ss float64
		fo := feat(o)
		for i, x := range xs {
			k[i] = math.Exp(-(o - x) * (o - x) / (2 * h * h))
			fx := feat(x)
			var score float64
			for p := range 3 {
				for q := range 3 {
					score += fo[p] * a[p][q] * fx[q]
				}
			}
			s[i] = math.Exp(score)
			sk += k[i]
			ss += s[i]
		}
		for i := range k {
			k[i] /= sk
			s[i] /= ss
		}
		kernel = append(kernel, k)
		attention = append(attention, s)
	}
	return xs, kernel, attention
}

// heatExample is the weights figure of the explainer: both methods' 50×50
// weight matrices side by side.
func heatExample() HeatMap {
	xs, k, a := weightMatrices(50, 0.05)
	return HeatMap{
		Title:      "Weights each query gives each input",
		Panels:     []Panel{{Title: "kernel smoother", Z: k}, {Title: "attention", Z: a}},
		XLabel:     "input i",
		YLabel:     "query o",
		X:          xs,
		Y:          xs,
		ScaleLabel: "weight",
	}
}

// multiplesExample is six panels of two series of 50 points: noisy samples
// and a smoother of growing bandwidth, with a query mark in each.
func multiplesExample() Multiples {
	const n = 50
	var plots []LinePlot
	for k, h := range []float64{0.01, 0.02, 0.05, 0.1, 0.2, 0.3} {
		xs := make([]float64, n)
		ys := make([]float64, n)
		fit := make([]float64, n)
		for i := range n {
			x := float64(i) / (n - 1)
			xs[i] = x
			ys[i] = math.Sin(2*math.Pi*x) + 0.3*math.Cos(37*x+float64(k))
		}
		for i, o := range xs {
			var s, w float64
			for j, x := range xs {
				kw := math.Exp(-(o - x) * (o - x) / (2 * h * h))
				s += kw * ys[j]
				w += kw
			}
			fit[i] = s / w
		}
		plots = append(plots, LinePlot{
			Title:  fmt.Sprintf("h = %g", h),
			XLabel: "position x",
			YLabel: "value",
			Series: []Series{
				{Label: "samples", X: xs, Y: ys, Kind: Points},
				{Label: "kernel smoother", X: xs, Y: fit, Kind: Line},
			},
			Marks: []Mark{{X: 0.5, Label: "query"}},
		})
	}
	return Multiples{Title: "Smoothing the same samples with six bandwidths", Plots: plots, Columns: 3, ShareY: true}
}

// loocvExample is the LOOCV error of a smoother against its bandwidth, on
// a log axis, with the minimum marked.
func loocvExample() LinePlot {
	var hs, errs []float64
	for h := 0.005; h <= 0.3001; h *= 1.15 {
		hs = append(hs, h)
		errs = append(errs, 0.09+0.0009/h+0.8*h*h)
	}
	best := 0
	for i := range errs {
		if errs[i] < errs[best] {
			best = i
		}
	}
	return LinePlot{
		Title:  "Leave-one-out error against bandwidth",
		XLabel: "bandwidth h",
		YLabel: "LOOCV error",
		LogX:   true,
		Series: []Series{{Label: "LOOCV error", X: hs, Y: errs, Kind: LinePoints}},
		Points: []Annotation{{X: hs[best], Y: errs[best], Label: fmt.Sprintf("minimum, h = %.3f", hs[best])}},
	}
}

// loocvMultiples is four LOOCV curves, for four noise levels, as small
// multiples on a shared log x axis, each with its minimum marked.
func loocvMultiples() Multiples {
	var plots []LinePlot
	for k, noise := range []float64{0.05, 0.1, 0.2, 0.4} {
		p := loocvExample()
		p.Title = fmt.Sprintf("noise σ = %g", noise)
		ys := make([]float64, len(p.Series[0].Y))
		best := 0
		for i, h := range p.Series[0].X {
			ys[i] = noise*noise + 0.0005*float64(k+1)/h + 0.5*h*h
			if ys[i] < ys[best] {
				best = i
			}
		}
		p.Series[0].Y = ys
		p.Points = []Annotation{{X: p.Series[0].X[best], Y: ys[best], Label: fmt.Sprintf("h = %.3f", p.Series[0].X[best])}}
		plots = append(plots, p)
	}
	return Multiples{Title: "LOOCV error against bandwidth", Plots: plots, Columns: 4}
}

// TestWriteExampleGridFigures writes the heat map, small multiples and
// log-axis examples as SVG, wide and compact, with an HTML page showing
// them on a light and a dark background, into FIGURE_EXAMPLES if set.
func TestWriteExampleGridFigures(t *testing.T) {
	dir := os.Getenv("FIGURE_EXAMPLES")
	if dir == "" {
		dir = t.TempDir()
	}
	figs := []struct {
		name string
		d    Drawing
	}{{"heatmap", heatExample()}, {"multiples", multiplesExample()}, {"loocv", loocvExample()}, {"loocv-multiples", loocvMultiples()}}
	for _, f := range figs {
		for _, size := range []struct {
			suffix string
			d      Drawing
		}{{"", f.d}, {"-compact", f.d.Sized(340, 300)}} {
			svg, err := size.d.SVG(Meta{ID: f.name + size.suffix})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s%s: SVG %d bytes", f.name, size.suffix, len(svg))
			page := fmt.Sprintf(`<!doctype html><html><body style="margin:0;font-family:sans-serif">
<div style="background:#fff;color:#222;padding:8px;width:%s">%s</div>
<div style="background:#1b1b1f;color:#ddd;padding:8px;width:%s">%s</div></body></html>`,
				map[string]string{"": "853px", "-compact": "453px"}[size.suffix], svg,
				map[string]string{"": "853px", "-compact": "453px"}[size.suffix], svg)
			for _, out := range []struct{ file, data string }{{f.name + size.suffix + ".svg", string(svg)}, {f.name + size.suffix + ".html", page}} {
				if err := os.WriteFile(filepath.Join(dir, out.file), []byte(out.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
