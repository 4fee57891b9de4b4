package attention

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
)

// signalDirective draws the input points alone.
var signalDirective = directive.Define("signal", "The input points: the values both methods will average.", runSignal)

type signalOptions struct {
	directive.FigureOptions
	inputOptions
}

func runSignal(o *signalOptions, _ *directive.Env) (*directive.Result, error) {
	in := o.inputs()
	return &directive.Result{
		Drawing: figure.LinePlot{
			Title:  o.Title,
			XLabel: "position x",
			YLabel: "value y",
			Series: []figure.Series{{Label: "input points", X: in.xs, Y: in.ys, Kind: figure.Points}},
		},
		Title:   "The input signal",
		Columns: []string{"x", "y"},
		Data:    [][]float64{in.xs, in.ys},
	}, nil
}

// Work estimates what {signal} costs: drawing its n points.
func (o *signalOptions) Work() int64 { return int64(o.N) * directive.PointWork }

// OutputBytes bounds what {signal} writes: n points drawn and two CSV
// columns (x, y).
func (o *signalOptions) OutputBytes() int64 {
	n := int64(o.N)
	return directive.FigureBaseBytes + o.TextBytes() + n*directive.PointBytes + directive.CSVBytes(n, 2, 64)
}
