package figure

import (
	"fmt"
	"math"
	"strings"
)

// Describe returns a generated description of the heat map for alt text:
// the panels and their shape, what the rows and columns are, the shared
// colour scale and, for each panel, its largest value and where it lies,
// and whether the large values lie near the diagonal (see diagonalSpread).
func (m HeatMap) Describe() string {
	var b strings.Builder
	b.WriteString("Heat map")
	if t := oneLine(m.Title); t != "" {
		fmt.Fprintf(&b, " “%s”", t)
	}
	if err := m.Validate(); err != nil {
		fmt.Fprintf(&b, " that cannot be drawn: %v.", err)
		return b.String()
	}
	rows, cols := m.shape()
	if n := len(m.Panels); n == 1 {
		fmt.Fprintf(&b, " of %d rows × %d columns.", rows, cols)
	} else {
		names := make([]string, n)
		for k, p := range m.Panels {
			names[k] = panelName(k, p.Title)
		}
		fmt.Fprintf(&b, " in %d panels (%s), each %d rows × %d columns.", n, strings.Join(names, "; "), rows, cols)
	}
	xs, ys := m.coords()
	fmt.Fprintf(&b, " Columns are %s %s, left to right; rows are %s %s, bottom to top.",
		coordName(m.XLabel, "column"), span("from", xs[0], xs[cols-1]),
		coordName(m.YLabel, "row"), span("from", ys[0], ys[rows-1]))
	lo, hi := m.scale()
	what := oneLine(m.ScaleLabel)
	if what == "" {
		what = "the value"
	}
	shared := ""
	if len(m.Panels) > 1 {
		shared = ", on one scale for all panels"
	}
	fmt.Fprintf(&b, " Colour shows %s%s, from dark purple at %s through blue and green to yellow at %s.", what, shared, num(lo), num(hi))
	for k, p := range m.Panels {
		b.WriteString(" ")
		if len(m.Panels) > 1 {
			b.WriteString(panelName(k, p.Title) + ": ")
		}
		r, c := argmax(p.Z)
		fmt.Fprintf(&b, "largest value %s at %s = %s, %s = %s",
			num(p.Z[r][c]), coordName(m.YLabel, "row"), num(ys[r]), coordName(m.XLabel, "column"), num(xs[c]))
		if rows > 1 && cols > 1 {
			mean, ok := diagonalSpread(p.Z)
			switch {
			case !ok:
				b.WriteString("; all values are equal")
			case mean < 0.1*float64(cols):
				fmt.Fprintf(&b, "; large values are concentrated near the diagonal (value-weighted mean distance from it: %s of %d columns)", num(mean), cols)
			case mean < 0.2*float64(cols):
				fmt.Fprintf(&b, "; large values are spread around the diagonal (value-weighted mean distance from it: %s of %d columns)", num(mean), cols)
			default:
				fmt.Fprintf(&b, "; large values are not concentrated near the diagonal (value-weighted mean distance from it: %s of %d columns)", num(mean), cols)
			}
		}
		b.WriteString(".")
	}
	return b.String()
}

// panelName is the title of panel k, or "panel k+1" if it has none.
func panelName(k int, title string) string {
	if t := oneLine(title); t != "" {
		return t
	}
	return fmt.Sprintf("panel %d", k+1)
}

// coordName is the label of a coordinate, or what (row or column) if none.
func coordName(label, what string) string {
	if l := oneLine(label); l != "" {
		return l
	}
	return what
}

// argmax returns the row and column of the first largest value of z.
func argmax(z [][]float64) (r, c int) {
	best := math.Inf(-1)
	for i, row := range z {
		for j, v := range row {
			if v > best {
				best, r, c = v, i, j
			}
		}
	}
	return r, c
}

// diagonalSpread returns the mean distance, in columns, of the cells of z
// (at least 2×2) from its diagonal, which runs from the first row's first
// column to the last row's last: cell (r, c) is |r·(cols−1)/(rows−1) − c|
// from it. Each cell counts in proportion to how far its value is above
// the smallest, so the mean tells where the large values lie: about
// cols/3 if they are anywhere, much less if near the diagonal. ok is false
// if all values are equal.
func diagonalSpread(z [][]float64) (mean float64, ok bool) {
	rows, cols := len(z), len(z[0])
	lo := math.Inf(1)
	for _, row := range z {
		for _, v := range row {
			lo = math.Min(lo, v)
		}
	}
	var sum, total float64
	for r, row := range z {
		diag := float64(r) * float64(cols-1) / float64(rows-1)
		for c, v := range row {
			w := v/2 - lo/2 // halved so that it cannot overflow
			sum += w * math.Abs(diag-float64(c))
			total += w
		}
	}
	if !(total > 0) {
		return 0, false
	}
	return sum / total, true
}
