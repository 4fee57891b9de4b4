package attention

import (
	"fmt"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// maxHeatmapPoints bounds n for {heatmap}: beyond it the cells are smaller
// than a pixel and the CSV runs to megabytes.
const maxHeatmapPoints = 200

// heatmapDirective draws the whole weight matrix of both methods.
var heatmapDirective = directive.Define("heatmap", "The full n×n weight matrices of the kernel smoother and of attention, side by side on one colour scale.", runHeatmap)

type heatmapOptions struct {
	directive.FigureOptions
	modelOptions
}

// Limits refuses matrices larger than maxHeatmapPoints a side.
func (o *heatmapOptions) Limits() error {
	if err := o.modelOptions.Limits(); err != nil {
		return err
	}
	if o.N > maxHeatmapPoints {
		return directive.OptionErrorf("n", "option \"n\" must be ≤ %d for {heatmap} (a %d×%d matrix), got \"%d\"", maxHeatmapPoints, o.N, o.N, o.N)
	}
	return nil
}

func runHeatmap(o *heatmapOptions, _ *directive.Env) (*directive.Result, error) {
	if err := o.Limits(); err != nil {
		return nil, err
	}
	m, err := o.model()
	if err != nil {
		return nil, err
	}
	kernel := numerics.SmootherWeightMatrix(m.kernel, m.xs, m.xs)
	attention := m.attention.WeightMatrix(m.xs, m.xs)

	// The data in long form: one row per (query, input) pair.
	n := len(m.xs)
	cols := make([][]float64, 4)
	for i := range cols {
		cols[i] = make([]float64, 0, n*n)
	}
	for o := 0; o < n; o++ {
		for i := 0; i < n; i++ {
			cols[0] = append(cols[0], m.xs[o])
			cols[1] = append(cols[1], m.xs[i])
			cols[2] = append(cols[2], kernel[o][i])
			cols[3] = append(cols[3], attention[o][i])
		}
	}
	return &directive.Result{
		Drawing: figure.HeatMap{
			Title:      o.Title,
			Panels:     []figure.Panel{{Title: fmt.Sprintf("kernel smoother, h = %s", directive.FormatNumber(o.Bandwidth)), Z: kernel}, {Title: fmt.Sprintf("attention, T = %s", directive.FormatNumber(o.Temperature)), Z: attention}},
			XLabel:     "input position x_i",
			YLabel:     "query position x_o",
			X:          m.xs,
			Y:          m.xs,
			ScaleLabel: "weight",
		},
		Title:   "Weights of every query on every input, for both methods",
		Columns: []string{"query_x", "input_x", "kernel_weight", "attention_weight"},
		Data:    cols,
	}, nil
}

// Work estimates what {heatmap} costs: it draws two n×n panels as
// images, a cheap unit a pixel.
func (o *heatmapOptions) Work() int64 { return 4 * square(o.N) }

// OutputBytes bounds what {heatmap} writes: each of the two panels is an
// n×n paletted PNG (a byte a pixel and one a row, even if deflate gains
// nothing, as base64: 4/3), in both drawings, with its axes; and the CSV
// has a row of four numbers for each of the n² pairs. The CSV is most of
// it: at n = 200 about 2.2 MB, bounded here by 4.3 MB.
func (o *heatmapOptions) OutputBytes() int64 {
	n := int64(o.N)
	png := 2 * 2 * ((n*n+n)*4/3 + 1024)
	return 2*directive.FigureBaseBytes + o.TextBytes() + png + n*2*directive.VertexBytes + directive.CSVBytes(n*n, 4, 64)
}
