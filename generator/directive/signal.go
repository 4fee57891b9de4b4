package directive

import "github.com/kernelpress/kernelpress/generator/figure"

// signalDirective draws the input points alone.
var signalDirective = define("signal", "The input points: the values both methods will average.", runSignal)

type signalOptions struct {
	figureOptions
	inputOptions
}

func runSignal(o *signalOptions, _ *Env) (*Result, error) {
	in := o.inputs()
	return &Result{
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

// outputBytes bounds what {signal} writes: n points drawn and two CSV
// columns (x, y).
func (o *signalOptions) outputBytes() int64 {
	n := int64(o.N)
	return figureBaseBytes + o.textBytes() + n*pointBytes + csvBytes(n, 2, 64)
}
