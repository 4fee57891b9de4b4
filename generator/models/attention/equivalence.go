package attention

import (
	"fmt"
	"math"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// equivalenceDirective shows, numerically, that attention with a
// constant-norm encoding is a Gaussian smoother in embedding space.
var equivalenceDirective = directive.Define("equivalence", "Softmax attention on a constant-norm encoding next to a Gaussian Nadaraya–Watson smoother in embedding space: the same curve, with the largest difference printed.", runEquivalence)

type equivalenceOptions struct {
	directive.FigureOptions
	inputOptions
	Omega float64 `option:"omega" default:"6.283185307179586" gt:"0" max:"1000" doc:"Angular frequency ω of the encoding p(x) = [sin ωx, cos ωx, sin 2ωx, cos 2ωx]; the default is 2π."`
	Sigma float64 `option:"sigma" default:"0.5" gt:"0" max:"100" doc:"Bandwidth σ of the Gaussian in embedding space; attention gets the temperature σ²/√d that makes the two equal."`
}

func runEquivalence(o *equivalenceOptions, _ *directive.Env) (*directive.Result, error) {
	in := o.inputs()
	enc := numerics.ConstantNormEncoding(o.Omega)
	d := len(enc(0))
	temperature := numerics.EquivalentTemperature(o.Sigma, d)
	att, err := numerics.NewAttention(enc, numerics.Identity(d), numerics.Identity(d), temperature)
	if err != nil {
		return nil, err
	}
	kernel := numerics.EmbeddingGaussian{Encode: enc, Bandwidth: o.Sigma}
	smooth := numerics.Smooth(kernel, in.xs, in.ys, in.xs)
	attention := att.Apply(in.xs, in.ys, in.xs)
	diff := make([]float64, len(smooth))
	worst := 0.0
	for i := range smooth {
		diff[i] = attention[i] - smooth[i]
		worst = math.Max(worst, math.Abs(diff[i]))
	}
	return &directive.Result{
		Drawing: figure.LinePlot{
			Title:  o.Title,
			XLabel: "position x",
			YLabel: "value y",
			Series: []figure.Series{
				{Label: "input points", X: in.xs, Y: in.ys, Kind: figure.Points},
				{Label: "Gaussian smoother in embedding space", X: in.xs, Y: smooth, Kind: figure.Line},
				{Label: fmt.Sprintf("attention, T = σ²/√%d", d), X: in.xs, Y: attention, Kind: figure.Line},
			},
		},
		Title:   "Attention on a constant-norm encoding equals a Gaussian smoother in embedding space",
		Columns: []string{"x", "y", "gaussian_embedding", "attention", "difference"},
		Data:    [][]float64{in.xs, in.ys, smooth, attention, diff},
		Note:    fmt.Sprintf("Largest difference between the two curves: %.2g (σ = %s, T = %.6g).", worst, directive.FormatNumber(o.Sigma), temperature),
	}, nil
}

// Work estimates what {equivalence} costs: attention on a
// four-dimensional encoding costs about three Gaussians a pair.
func (o *equivalenceOptions) Work() int64 { return 6*square(o.N) + 2*int64(o.N)*directive.PointWork }

// OutputBytes bounds what {equivalence} writes: the n points, two curves
// of n vertices, and five CSV columns.
func (o *equivalenceOptions) OutputBytes() int64 {
	n := int64(o.N)
	return directive.FigureBaseBytes + o.TextBytes() + n*(directive.PointBytes+2*directive.VertexBytes) + directive.CSVBytes(n, 5, 128)
}
