package figure

import (
	"fmt"
	"slices"
)

// varied reports whether some panel has variations.
func (m Multiples) varied() bool {
	for _, p := range m.Plots {
		if len(p.Variations) > 0 {
			return true
		}
	}
	return false
}

// VaryData encodes every setting of every panel's variations: the
// panels' variations are numbered in order, and so are the axes of the
// panels whose y axis follows the setting.
func (m Multiples) VaryData() (*VaryData, error) {
	d := &VaryData{}
	for k, p := range m.Plots {
		pd, err := p.VaryData()
		if err != nil {
			return nil, fmt.Errorf("panel %d (%q): %w", k+1, p.Title, err)
		}
		off := len(d.Series)
		for _, a := range pd.Axes {
			for i := range a.Series {
				a.Series[i] += off
			}
			d.Axes = append(d.Axes, a)
		}
		d.Series = append(d.Series, pd.Series...)
	}
	return d, nil
}

// variedPanels prepares each panel of m to record its variations while
// it is drawn, on a copy of m.Plots, and returns the panels as markVaried
// takes them.
func (m *Multiples) variedPanels(data *VaryData) []variedPanel {
	m.Plots = slices.Clone(m.Plots)
	var panels []variedPanel
	first, axis := 0, 0
	for k := range m.Plots {
		p := &m.Plots[k]
		n := len(p.Variations)
		p.vary = newVariedRecord(*p, &VaryData{Series: data.Series[first : first+n]})
		panels = append(panels, variedPanel{p: p, rec: p.vary, first: first, axis: axis})
		first += n
		if p.ZoomY {
			axis++
		}
	}
	return panels
}

// Varied is a figure whose series may have settings: a LinePlot or small
// multiples of them.
type Varied interface {
	Drawing
	VaryData() (*VaryData, error)
	svgWith(Meta, *VaryData) ([]byte, error)
}

var _, _ Varied = LinePlot{}, Multiples{}

// VariedSVGs encodes every setting of d once and draws d at each size
// (width, height in points), as metas[i] names it: the drawings share the
// encoding, which is returned for the page script.
func VariedSVGs(d Varied, metas []Meta, sizes [][2]float64) ([][]byte, *VaryData, error) {
	data, err := d.VaryData()
	if err != nil {
		return nil, nil, fmt.Errorf("figure: %w", err)
	}
	var out [][]byte
	for i, meta := range metas {
		sized, ok := d.Sized(sizes[i][0], sizes[i][1]).(Varied)
		if !ok {
			return nil, nil, fmt.Errorf("figure: svg %q: a sized %T has no settings", meta.ID, d)
		}
		svg, err := sized.svgWith(meta, data)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, svg)
	}
	return out, data, nil
}
