package figure

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Describe returns a generated one-paragraph text description of the plot
// for alt text: the series with their labels and how they are drawn, the
// axis labels, any shaded bands, the x and y ranges of the data (3
// significant digits), logarithmic axes, and any horizontal rules,
// vertical marks and marked points.
func (p LinePlot) Describe() string {
	var b strings.Builder
	b.WriteString("Line plot")
	if t := oneLine(p.Title); t != "" {
		fmt.Fprintf(&b, " “%s”", t)
	}
	if len(p.Series) == 0 {
		b.WriteString(" with no data.")
		return b.String()
	}
	fmt.Fprintf(&b, " with %d series: ", len(p.Series))
	for i, s := range p.Series {
		if i > 0 {
			b.WriteString(", ")
		}
		label := oneLine(s.Label)
		if label == "" {
			label = fmt.Sprintf("series %d", i+1)
		}
		fmt.Fprintf(&b, "%s (%s)", label, drawnAs(s, styleFor(i)))
	}
	b.WriteString(".")
	for j, band := range p.Bands {
		label := oneLine(band.Label)
		if label == "" {
			label = fmt.Sprintf("band %d", j+1)
		}
		_, _, lo, hi := band.dataRange()
		fmt.Fprintf(&b, " A shaded band, %s, lies between two curves with y %s.", label, span("from", lo, hi))
	}

	xmin, xmax, ymin, ymax := p.dataRange()
	if xmin <= xmax {
		fmt.Fprintf(&b, " %s %s; %s %s.",
			axisName("x", p.XLabel), span("runs from", xmin, xmax),
			axisName("y", p.YLabel), span("from", ymin, ymax))
	}
	switch {
	case p.LogX && p.LogY:
		b.WriteString(" Both axes are logarithmic.")
	case p.LogX:
		b.WriteString(" The x axis is logarithmic.")
	case p.LogY:
		b.WriteString(" The y axis is logarithmic.")
	}
	for _, r := range p.Rules {
		fmt.Fprintf(&b, " A horizontal line marks y = %s", num(r.Y))
		if l := oneLine(r.Label); l != "" {
			fmt.Fprintf(&b, " (%s)", l)
		}
		b.WriteString(".")
	}
	for _, m := range p.Marks {
		fmt.Fprintf(&b, " A vertical line marks x = %s", num(m.X))
		if l := oneLine(m.Label); l != "" {
			fmt.Fprintf(&b, " (%s)", l)
		}
		b.WriteString(".")
	}
	for _, a := range p.Points {
		fmt.Fprintf(&b, " A circle marks the point (%s, %s)", num(a.X), num(a.Y))
		if l := oneLine(a.Label); l != "" {
			fmt.Fprintf(&b, ": %s", l)
		}
		b.WriteString(".")
	}
	return b.String()
}

// drawnAs says how a series looks, e.g. "dashed line with 50 square markers".
func drawnAs(s Series, st seriesStyle) string {
	line := "line"
	if st.dash != 0 {
		line = dashNames[st.dash] + " line"
	}
	n := len(s.X)
	markers := fmt.Sprintf("%d %s marker", n, markerNames[st.marker])
	if n != 1 {
		markers += "s"
	}
	switch s.Kind {
	case Line:
		return line
	case Points:
		return markers
	case LinePoints:
		return line + " with " + markers
	case Bars:
		if n == 1 {
			return "1 bar"
		}
		return fmt.Sprintf("%d bars", n)
	}
	return s.Kind.String()
}

// axisName returns "x" or "x (label)".
func axisName(axis, label string) string {
	if l := oneLine(label); l != "" {
		return axis + " (" + l + ")"
	}
	return axis
}

// span describes a range, or a single value if the range is empty.
func span(verb string, lo, hi float64) string {
	a, b := num(lo), num(hi)
	if a == b {
		return "is constant at " + a
	}
	return verb + " " + a + " to " + b
}

// num formats v with 3 significant digits, in plain notation unless it is
// very large or very small.
func num(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'e', 2, 64), 64)
	if err != nil {
		r = v
	}
	if a := math.Abs(r); a >= 1e-4 && a < 1e7 {
		return strconv.FormatFloat(r, 'f', -1, 64)
	}
	s := strconv.FormatFloat(r, 'e', -1, 64) // e.g. 1.23e-05
	mant, exp, _ := strings.Cut(s, "e")
	sign := exp[:1]
	exp = strings.TrimLeft(exp[1:], "0")
	if sign == "+" {
		sign = ""
	}
	return mant + "e" + sign + exp
}

// oneLine collapses white space runs, including newlines, to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}
