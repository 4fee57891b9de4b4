package attention

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// weightsDirective draws the weights one query position gives every input,
// under both methods.
var weightsDirective = directive.Define("weights", "The weight one query position gives each input, for the kernel smoother and for attention.", runWeights)

type weightsOptions struct {
	directive.FigureOptions
	modelOptions
	Query QueryIndex `option:"query" default:"middle" doc:"Index of the query input, 0…n−1; middle means n/2."`
}

func runWeights(o *weightsOptions, _ *directive.Env) (*directive.Result, error) {
	m, err := o.model()
	if err != nil {
		return nil, err
	}
	q, err := o.Query.Index(o.N)
	if err != nil {
		return nil, err
	}
	x0 := m.xs[q]
	kernel := numerics.SmootherWeights(m.kernel, m.xs, x0)
	attention := m.attention.Weights(m.xs, x0)
	return &directive.Result{
		Drawing: figure.LinePlot{
			Title:  o.Title,
			XLabel: "input position x_i",
			YLabel: "weight",
			Series: []figure.Series{
				{Label: "kernel smoother", X: m.xs, Y: kernel, Kind: figure.LinePoints},
				{Label: "attention", X: m.xs, Y: attention, Kind: figure.LinePoints},
			},
			Marks: []figure.Mark{{X: x0, Label: "query"}},
		},
		Title:   "Weights given by the query at x = " + titleNumber(x0),
		Columns: []string{"x", "kernel_weight", "attention_weight"},
		Data:    [][]float64{m.xs, kernel, attention},
	}, nil
}

// Work estimates what {weights} costs: both methods' weights, and two
// curves of n points drawn.
func (o *weightsOptions) Work() int64 { return 2*square(o.N) + 2*int64(o.N)*directive.PointWork }

// OutputBytes bounds what {weights} writes: two curves of n vertices with
// a marker at each, and three CSV columns.
func (o *weightsOptions) OutputBytes() int64 {
	n := int64(o.N)
	return directive.FigureBaseBytes + o.TextBytes() + 2*n*(directive.PointBytes+directive.VertexBytes) + directive.CSVBytes(n, 3, 64)
}
