package directive

import (
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// weightsDirective draws the weights one query position gives every input,
// under both methods.
var weightsDirective = define("weights", "The weight one query position gives each input, for the kernel smoother and for attention.", runWeights)

type weightsOptions struct {
	figureOptions
	modelOptions
	Query QueryIndex `option:"query" default:"middle" doc:"Index of the query input, 0…n−1; middle means n/2."`
}

func runWeights(o *weightsOptions, _ *Env) (*Result, error) {
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
	return &Result{
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

// outputBytes bounds what {weights} writes: two curves of n vertices with
// a marker at each, and three CSV columns.
func (o *weightsOptions) outputBytes() int64 {
	n := int64(o.N)
	return figureBaseBytes + o.textBytes() + 2*n*(pointBytes+vertexBytes) + csvBytes(n, 3, 64)
}
