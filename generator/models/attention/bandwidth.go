package attention

import (
	"fmt"
	"math"
	"strings"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/numerics"
)

// bandwidthDirective shows how the bandwidth trades noise for bias, and how
// leave-one-out cross-validation picks one.
var bandwidthDirective = directive.Define("bandwidth", "The Gaussian smoother at several bandwidths on noisy data, and the leave-one-out cross-validation error against the bandwidth with its minimum marked.", runBandwidth)

type bandwidthOptions struct {
	directive.FigureOptions
	N          int           `option:"n" default:"50" min:"5" max:"1000" doc:"Number of input points, placed at x_i = i/n."`
	Signal     SignalSpec    `option:"signal" default:"default" doc:"The noiseless values, as for the other directives."`
	Noise      float64       `option:"noise" default:"0.2" gt:"0" max:"100" doc:"Standard deviation of the Gaussian noise; without noise there is nothing to cross-validate, so it must be > 0."`
	Seed       uint64        `option:"seed" default:"1" doc:"Seed for the noise; the same seed gives the same figure."`
	Bandwidths BandwidthList `option:"bandwidths" default:"0.01 0.03 0.1 0.3" doc:"The bandwidths of the small multiples, 1 to 6 numbers > 0."`
	Search     SearchRange   `option:"search" default:"0.005:0.3" doc:"The bandwidths cross-validation tries, min:max; 40 of them, evenly spaced on a log scale."`
}

// searchPoints is how many bandwidths the cross-validation curve has.
const searchPoints = 40

func runBandwidth(o *bandwidthOptions, _ *directive.Env) (*directive.Result, error) {
	xs := numerics.Grid(o.N)
	signal := o.Signal.Signal(o.Noise, o.Seed)
	ys := signal.Sample(xs)
	truth := o.Signal.Signal(0, 0).Sample(xs)

	var plots []figure.LinePlot
	columns := []string{"x", "y", "noiseless"}
	data := [][]float64{xs, ys, truth}
	for _, h := range o.Bandwidths.values {
		smooth := numerics.Smooth(numerics.Gaussian{Bandwidth: h}, xs, ys, xs)
		plots = append(plots, figure.LinePlot{
			Title:  "h = " + directive.FormatNumber(h),
			XLabel: "position x",
			YLabel: "value y",
			Series: []figure.Series{
				{Label: "noisy inputs", X: xs, Y: ys, Kind: figure.Points},
				{Label: "smoother", X: xs, Y: smooth, Kind: figure.Line},
				{Label: "noiseless signal", X: xs, Y: truth, Kind: figure.Line},
			},
		})
		columns = append(columns, "smooth_h="+directive.FormatNumber(h))
		data = append(data, smooth)
	}

	hs := logSpaced(o.Search.min, o.Search.max, searchPoints)
	cv := numerics.LOOCVCurve(xs, ys, hs, func(h float64) numerics.Kernel { return numerics.Gaussian{Bandwidth: h} })
	best := numerics.ArgMin(cv)
	if best <= 0 || best >= len(hs)-1 {
		return nil, directive.OptionErrorf("search", "option \"search\": the cross-validation error is smallest at the end of the range (h = %s), so the range %s does not bracket the best bandwidth; widen it", directive.FormatNumber(hs[max(best, 0)]), o.Search.String())
	}
	plots = append(plots, figure.LinePlot{
		Title:  "leave-one-out error",
		XLabel: "bandwidth h",
		YLabel: "LOOCV error",
		LogX:   true,
		Series: []figure.Series{{Label: "LOOCV error", X: hs, Y: cv, Kind: figure.Line}},
		Points: []figure.Annotation{{X: hs[best], Y: cv[best], Label: "minimum, h = " + fmt.Sprintf("%.3g", hs[best])}},
	})
	return &directive.Result{
		Drawing: figure.Multiples{Title: o.Title, Plots: plots, Columns: 3, OwnX: true},
		Title:   "The smoother at several bandwidths, and the cross-validation error",
		Columns: columns,
		Data:    data,
		Extra:   []directive.Table{{Name: "loocv", Label: "LOOCV (CSV)", Columns: []string{"bandwidth", "loocv_error"}, Data: [][]float64{hs, cv}}},
		Note:    fmt.Sprintf("Leave-one-out cross-validation is smallest at h ≈ %.3g (error %.3g).", hs[best], cv[best]),
	}, nil
}

// logSpaced returns n numbers from lo to hi, evenly spaced on a log scale.
func logSpaced(lo, hi float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = lo * math.Pow(hi/lo, float64(i)/float64(n-1))
	}
	out[n-1] = hi
	return out
}

// BandwidthList is the value of a bandwidths option: 1 to 6 numbers > 0
// separated by spaces or commas.
type BandwidthList struct{ values []float64 }

// Set parses the list.
func (b *BandwidthList) Set(text string) error {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' })
	if len(fields) < 1 || len(fields) > 6 {
		return fmt.Errorf("must list 1 to 6 bandwidths, like \"0.01 0.03 0.1 0.3\"")
	}
	vals := make([]float64, len(fields))
	for i, f := range fields {
		x, err := directive.ParseFinite(f)
		if err != nil || x <= 0 || x > 1000 {
			return directive.PartErrorf("bandwidth %d must be a number > 0 and ≤ 1000, got %q", i+1, f)
		}
		vals[i] = x
	}
	b.values = vals
	return nil
}

// String lists the bandwidths in canonical form.
func (b *BandwidthList) String() string {
	parts := make([]string, len(b.values))
	for i, v := range b.values {
		parts[i] = directive.FormatNumber(v)
	}
	return strings.Join(parts, " ")
}

// SearchRange is the value of an option written min:max, with 0 < min < max.
type SearchRange struct{ min, max float64 }

// Set parses min:max.
func (r *SearchRange) Set(text string) error {
	lo, hi, ok := strings.Cut(text, ":")
	a, errA := directive.ParseFinite(strings.TrimSpace(lo))
	b, errB := directive.ParseFinite(strings.TrimSpace(hi))
	if !ok || errA != nil || errB != nil || !(a > 0) || !(b > a) || b > 1000 {
		return fmt.Errorf("must be min:max with 0 < min < max ≤ 1000, like \"0.005:0.3\"")
	}
	r.min, r.max = a, b
	return nil
}

// String writes the range as min:max.
func (r *SearchRange) String() string {
	return directive.FormatNumber(r.min) + ":" + directive.FormatNumber(r.max)
}

// Work estimates what {bandwidth} costs: cross-validation evaluates n²
// weights per searched bandwidth; each multiple draws the n points and a
// smoother through them.
func (o *bandwidthOptions) Work() int64 {
	fits := int64(searchPoints + len(o.Bandwidths.values))
	return fits*square(o.N) + 2*int64(len(o.Bandwidths.values)+1)*int64(o.N)*directive.PointWork
}

// OutputBytes bounds what {bandwidth} writes: for each of the k bandwidths
// a panel with the n points and two curves, the cross-validation panel
// (searchPoints vertices), the CSV of 3 + k columns and the LOOCV table.
func (o *bandwidthOptions) OutputBytes() int64 {
	n, k := int64(o.N), int64(len(o.Bandwidths.values))
	panels := (k+1)*directive.FigureBaseBytes/2 + k*n*(directive.PointBytes+2*directive.VertexBytes) + searchPoints*directive.VertexBytes
	return directive.FigureBaseBytes + o.TextBytes() + panels + directive.CSVBytes(n, 3+k, 256) + directive.CSVBytes(searchPoints, 2, 64)
}
