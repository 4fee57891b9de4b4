package figure

import (
	"math"
	"strings"
	"testing"
)

func TestDescribeMentionsSeriesAxesAndRanges(t *testing.T) {
	d := demoPlot().Describe()
	tests := []struct {
		name, want string
	}{
		{"it names the kind of plot", "Line plot “Kernel smoothing” with 3 series"},
		{"it names the first series and its markers", "input points (50 circle markers)"},
		{"it names the second series and its line", "kernel smoother (dashed line)"},
		{"it names the third series with line and markers", "attention (dotted line with 50 square markers)"},
		{"it gives the x range with the axis label", "x (position) runs from 0 to 0.98"},
		{"it gives the y range rounded to 3 digits", "y (value) from -1.29 to 1.18"},
		{"it mentions the mark", "x = 0.4 (query)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(d, tt.want) {
				t.Errorf("description lacks %q:\n%s", tt.want, d)
			}
		})
	}
}

func TestDescribeHandlesOddPlots(t *testing.T) {
	tests := []struct {
		name string
		p    LinePlot
		want string
	}{
		{"an empty plot says so", LinePlot{}, "Line plot with no data."},
		{"an unlabelled series gets a number", LinePlot{Series: []Series{{X: []float64{1, 2}, Y: []float64{5, 5}}}},
			"Line plot with 1 series: series 1 (line). x runs from 1 to 2; y is constant at 5."},
		{"big and small numbers use exponents", LinePlot{Series: []Series{{Label: "s", X: []float64{1.23456e-7, 9.87654e9}, Y: []float64{-12345678, 0.000123456}, Kind: Points}}},
			"Line plot with 1 series: s (2 circle markers). x runs from 1.23e-7 to 9.88e9; y from -1.23e7 to 0.000123."},
		{"NaN values are left out of the ranges", LinePlot{Series: []Series{{X: []float64{0, math.NaN(), 2}, Y: []float64{1, 100, 3}}}},
			"x runs from 0 to 2; y from 1 to 3."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Describe(); !strings.Contains(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
