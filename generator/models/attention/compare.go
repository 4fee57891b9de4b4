package attention

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// compareDirective draws the inputs with the kernel smoother's and
// attention's outputs over them.
var compareDirective = directive.Define("compare", "The input points with the kernel-smoothing curve and the attention curve computed from them.", runCompare)

type compareOptions struct {
	directive.FigureOptions
	modelOptions
}

func runCompare(o *compareOptions, _ *directive.Env) (*directive.Result, error) {
	m, err := o.model()
	if err != nil {
		return nil, err
	}
	kernel := numerics.Smooth(m.kernel, m.xs, m.ys, m.xs)
	attention := m.attention.Apply(m.xs, m.ys, m.xs)
	return &directive.Result{
		Drawing: figure.LinePlot{
			Title:  o.Title,
			XLabel: "position x",
			YLabel: "value y",
			Series: []figure.Series{
				{Label: "input points", X: m.xs, Y: m.ys, Kind: figure.Points},
				{Label: "kernel smoother", X: m.xs, Y: kernel, Kind: figure.Line},
				{Label: "attention", X: m.xs, Y: attention, Kind: figure.Line},
			},
		},
		Title:   "Kernel smoothing and attention over the same inputs",
		Columns: []string{"x", "y", "kernel", "attention"},
		Data:    [][]float64{m.xs, m.ys, kernel, attention},
	}, nil
}

// Work estimates what {compare} costs: two n×n weight matrices, and n
// points with two curves drawn.
func (o *compareOptions) Work() int64 { return 2*square(o.N) + 3*int64(o.N)*directive.PointWork }

// OutputBytes bounds what {compare} writes: the n points, two curves of n
// vertices, and four CSV columns.
func (o *compareOptions) OutputBytes() int64 {
	n := int64(o.N)
	return directive.FigureBaseBytes + o.TextBytes() + n*(directive.PointBytes+2*directive.VertexBytes) + directive.CSVBytes(n, 4, 64)
}
