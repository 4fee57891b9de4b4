package directive

import (
	"cmp"
	"fmt"
	"math"
	"strings"

	"go.starlark.net/starlark"

	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/starnum"
)

// This file holds {plot}'s :heatmap: (plot.go), a matrix drawn as
// coloured cells.

// maxHeatmapCells bounds the cells of a {plot} heatmap.
const maxHeatmapCells = 10_000

// heatmapLimits checks a heatmap's options: one name, and none of the
// options of a plot of series.
func (o *plotOptions) heatmapLimits(heat []plotRef) error {
	if len(heat) > 1 {
		return OptionErrorf("heatmap", "option \"heatmap\" takes one name, got %d; draw each matrix in a figure of its own", len(heat))
	}
	if name := heat[0].names[0]; !plotName.MatchString(name) {
		return OptionErrorf("heatmap", "option \"heatmap\" must be the name of an array a {compute} block defined, got %q", name)
	}
	for _, other := range []struct{ option, value string }{
		{"vary", o.Vary}, {"line", o.Line}, {"points", o.Points}, {"bars", o.Bars}, {"area", o.Area}, {"histogram", o.Histogram}, {"rug", o.Rug},
		{"rule", o.Rule}, {"xlim", o.XLim}, {"ylim", o.YLim}, {"xscale", o.XScale}, {"yscale", o.YScale},
	} {
		if strings.TrimSpace(other.value) != "" {
			return OptionErrorf(other.option, "option %q is not taken with heatmap, which draws one matrix as coloured cells; draw it in a figure of its own", other.option)
		}
	}
	for _, c := range []struct{ option, value string }{{"x", o.X}, {"y", o.Y}} {
		if v := strings.TrimSpace(c.value); v != "" && !plotName.MatchString(v) {
			return OptionErrorf(c.option, "option %q must be a name that a {compute} block defined, got %q", c.option, c.value)
		}
	}
	o.heat = &heat[0]
	return nil
}

// heatmap draws the matrix named in :heatmap:, with the coordinates named
// in :x: and :y:, if any.
func (o *plotOptions) heatmap(ns starlark.StringDict) (*Result, error) {
	name := o.heat.names[0]
	v, ok := ns[name]
	if !ok {
		_, err := plotValues(ns, "heatmap", name) // the did-you-mean error
		return nil, err
	}
	a, ok := v.(*starnum.Array)
	if !ok || len(a.Shape()) != 2 {
		shape := v.Type()
		if ok {
			shape = fmt.Sprintf("array of shape %v", a.Shape())
		}
		return nil, OptionErrorf("heatmap", "option \"heatmap\": %s is a %s; a heatmap draws a two-dimensional array, such as matmul(a, b) or array([[1, 2], [3, 4]])", name, shape)
	}
	rows, cols := a.Shape()[0], a.Shape()[1]
	if rows*cols > maxHeatmapCells {
		return nil, OptionErrorf("heatmap", "option \"heatmap\": %s has %d × %d = %d cells, over the limit of %d", name, rows, cols, rows*cols, maxHeatmapCells)
	}
	vals := a.Values()
	z := make([][]float64, rows)
	for r := range z {
		z[r] = vals[r*cols : (r+1)*cols]
		for c, f := range z[r] {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, OptionErrorf("heatmap", "option \"heatmap\": %s[%d][%d] is %v; a figure draws finite numbers only", name, r, c, f)
			}
		}
	}
	coords := func(option, n string, count int, what string) ([]float64, error) {
		if n = strings.TrimSpace(n); n == "" {
			out := make([]float64, count)
			for i := range out {
				out[i] = float64(i)
			}
			return out, nil
		}
		if count < 2 {
			return nil, OptionErrorf(option, "option %q: %s has one %s, which needs no coordinates", option, name, what)
		}
		vs, err := plotValues(ns, option, n)
		if err != nil {
			return nil, err
		}
		if len(vs) != count {
			return nil, OptionErrorf(option, "option %q: %s has %d values and %s has %d %ss; give one coordinate for each", option, n, len(vs), name, count, what)
		}
		for i := 1; i < len(vs); i++ {
			if !(vs[i] > vs[i-1]) {
				return nil, OptionErrorf(option, "option %q: %s must increase, but %s[%d] = %v follows %v", option, n, n, i, vs[i], vs[i-1])
			}
		}
		return vs, nil
	}
	xs, err := coords("x", o.X, cols, "column")
	if err != nil {
		return nil, err
	}
	ys, err := coords("y", o.Y, rows, "row")
	if err != nil {
		return nil, err
	}
	label := o.heat.column(0)
	xLabel, yLabel := o.XLabel, o.YLabel
	if xLabel == "" {
		xLabel = cmp.Or(strings.TrimSpace(o.X), "column")
	}
	if yLabel == "" {
		yLabel = cmp.Or(strings.TrimSpace(o.Y), "row")
	}
	var cx, cy, cz []float64
	for r := range rows {
		for c := range cols {
			cx, cy, cz = append(cx, xs[c]), append(cy, ys[r]), append(cz, z[r][c])
		}
	}
	return &Result{
		Drawing: figure.HeatMap{Title: o.Title, Panels: []figure.Panel{{Z: z}}, XLabel: xLabel, YLabel: yLabel, X: xs, Y: ys, ScaleLabel: label},
		Title:   "heat map of " + name,
		Columns: []string{"x", "y", label},
		Data:    [][]float64{cx, cy, cz},
	}, nil
}
