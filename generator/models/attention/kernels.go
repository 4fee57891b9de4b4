package attention

import (
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// kernelsDirective compares kernel shapes and the smoothers they give.
var kernelsDirective = directive.Define("kernels", "Gaussian, Epanechnikov, boxcar and tricube kernels and the exponential dot-product kernel of attention: their shapes, and the smoothers they give on the same data.", runKernels)

type kernelsOptions struct {
	directive.FigureOptions
	modelOptions
}

// shapePoints is how many points each kernel's shape is drawn with.
const shapePoints = 101

// namedKernel is one kernel of the comparison.
type namedKernel struct {
	name   string
	column string
	kernel numerics.Kernel
}

func runKernels(o *kernelsOptions, _ *directive.Env) (*directive.Result, error) {
	m, err := o.model()
	if err != nil {
		return nil, err
	}
	h := o.Bandwidth
	kernels := []namedKernel{
		{"Gaussian", "gaussian", numerics.Gaussian{Bandwidth: h}},
		{"Epanechnikov", "epanechnikov", numerics.Epanechnikov{Bandwidth: h}},
		{"boxcar", "boxcar", numerics.Boxcar{Bandwidth: h}},
		{"tricube", "tricube", numerics.Tricube{Bandwidth: h}},
		{"exp(q·k/√d)", "dot_product", numerics.DotProductKernel{Attention: m.attention}},
	}
	centre := m.xs[len(m.xs)/2]
	// Shapes are drawn on a fine grid, so the boxcar's edges look square.
	fine := make([]float64, shapePoints)
	for i := range fine {
		fine[i] = float64(i) / float64(shapePoints-1)
	}
	shapes := figure.LinePlot{XLabel: "position x", YLabel: "K(x, x_o) / K(x_o, x_o)"}
	smooths := figure.LinePlot{XLabel: "position x", YLabel: "value y"}
	columns := []string{"x", "y"}
	data := [][]float64{m.xs, m.ys}
	var shapeCols [][]float64
	var shapeNames []string
	for _, k := range kernels {
		profile := numerics.KernelProfile(k.kernel, centre, fine)
		peak := numerics.KernelProfile(k.kernel, centre, []float64{centre})[0]
		for i := range profile {
			profile[i] /= peak
		}
		// Evaluated at the inputs, every kernel has at least the query's own
		// input inside its support, so no estimate is undefined.
		smooth := numerics.Smooth(k.kernel, m.xs, m.ys, m.xs)
		shapes.Series = append(shapes.Series, figure.Series{Label: k.name, X: fine, Y: profile, Kind: figure.Line})
		smooths.Series = append(smooths.Series, figure.Series{Label: k.name, X: m.xs, Y: smooth, Kind: figure.Line})
		columns = append(columns, k.column)
		data = append(data, smooth)
		shapeNames = append(shapeNames, k.column+"_shape")
		shapeCols = append(shapeCols, profile)
	}
	shapes.Title = "kernel shapes around x_o = " + titleNumber(centre)
	smooths.Title = "smoothers on the same data"
	// The points go last, so that each kernel has the same style (by
	// position) in both panels.
	smooths.Series = append(smooths.Series, figure.Series{Label: "input points", X: m.xs, Y: m.ys, Kind: figure.Points})
	return &directive.Result{
		Drawing: figure.Multiples{
			Title:   o.Title,
			Plots:   []figure.LinePlot{shapes, smooths},
			Columns: 2,
			OwnX:    true,
		},
		Title:   "Five kernels: their shapes, and the smoothers they give",
		Columns: columns,
		Data:    data,
		Extra: []directive.Table{{Name: "shapes", Label: "Kernel shapes (CSV)",
			Columns: append([]string{"x"}, shapeNames...), Data: append([][]float64{fine}, shapeCols...)}},
	}, nil
}

// Work estimates what {kernels} costs: five kernels, the compact ones
// about twice as slow as the Gaussian.
func (o *kernelsOptions) Work() int64 { return 10*square(o.N) + 5*int64(o.N)*directive.PointWork }

// OutputBytes bounds what {kernels} writes: two panels (the kernels'
// shapes on a fixed grid, and five smoothers through the n points), and
// two CSV files (seven columns of n rows, and the shapes).
func (o *kernelsOptions) OutputBytes() int64 {
	n := int64(o.N)
	const shapes = 5 * shapePoints * (directive.VertexBytes + 6*directive.CSVCellBytes/5)
	return 2*directive.FigureBaseBytes + shapes + o.TextBytes() + n*(directive.PointBytes+5*directive.VertexBytes) + directive.CSVBytes(n, 7, 128)
}
