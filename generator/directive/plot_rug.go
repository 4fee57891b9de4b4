package directive

import (
	"fmt"

	"github.com/kernelpress/kernelpress/generator/figure"
)

// This file holds {plot}'s :rug: (plot.go): values marked one by one
// along the x axis, under a histogram or any series.

// rugLimits reads :rug: into o.rugs: names, each optionally labelled, to
// draw over a histogram or the layers drawn against x, never a heatmap
// (which refuses it itself).
func (o *plotOptions) rugLimits() (err error) {
	o.rugs, err = parsePlotRefs("rug", o.Rug, 1)
	return err
}

// rugScaleLimits refuses a rug on a logarithmic y axis, which has no 0 to
// put it on, and in small multiples.
func (o *plotOptions) rugScaleLimits() error {
	if len(o.rugs) > 0 && o.each != nil {
		return OptionErrorf("rug", "option \"rug\" is not taken with each: a rug marks one set of values under one plot")
	}
	if len(o.rugs) > 0 && o.logY {
		return OptionErrorf("rug", "option \"rug\" marks values at y = 0, which a logarithmic y axis cannot show; use a linear y axis")
	}
	return nil
}

// drawRugs adds each rug to p as markers at y = 0, one at each value (tied
// values share one place), and its values to res as a table of their own,
// <label>-rug.csv, since a rug has a value per observation rather than
// one per x. It returns the rugs' legend names.
func (o *plotOptions) drawRugs(env *plotEnv, p *figure.LinePlot, res *Result) ([]string, error) {
	var named []string
	for i, r := range o.rugs {
		vals, err := env.values("rug", r.names[0], nil)
		if err != nil {
			return nil, err
		}
		if o.logX {
			if err := positive("xscale", r.names[0], vals); err != nil {
				return nil, err
			}
		}
		label := r.label
		if label == "" {
			label = r.names[0]
		}
		p.Series = append(p.Series, figure.Series{Label: label, X: vals, Y: make([]float64, len(vals)), Kind: figure.Points})
		name := "rug"
		if i > 0 {
			name = fmt.Sprintf("rug-%d", i+1)
		}
		res.Extra = append(res.Extra, Table{Name: name, Label: label + " (CSV)", Columns: []string{r.column(0)}, Data: [][]float64{vals}})
		named = append(named, label)
	}
	return named, nil
}
