package directive

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"go.starlark.net/starlark"

	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/starnum"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// plotDirective draws values the page's {compute} blocks computed: one or
// more series, named in :line:, drawn as lines over the values named in
// :x:. It sees the names of the compute blocks above it (compute.go), and
// its cache entry is keyed by their code and data as well as its options,
// so a figure is redrawn exactly when what it draws may have changed.
var plotDirective = Define("plot", "A line plot of values the {compute} blocks above it computed: each series named in line drawn against the values named in x.", runPlot)

type plotOptions struct {
	FigureOptions
	X      string `option:"x" doc:"The name of the x values: an array, or a list of numbers, that a {compute} block above defined. Required."`
	Line   string `option:"line" doc:"The names of the series drawn as lines against x, separated by spaces or commas, each an array or list of numbers as long as x; each is a column of the CSV and an entry of the legend. Required."`
	XLabel string `option:"xlabel" doc:"The label of the x axis. Defaults to the name in x."`
	YLabel string `option:"ylabel" doc:"The label of the y axis. Defaults to the name of the series when there is one, else none."`

	chain     string                              // the key of the compute blocks above
	namespace func() (starlark.StringDict, error) // their globals
}

// MaxPlotPoints bounds the values of each series of a {plot}, as n bounds
// the points of the model's figures.
const MaxPlotPoints = 4096

// maxPlotSeries bounds the series of one {plot}: beyond eight, dash
// patterns and markers no longer tell them apart.
const maxPlotSeries = 8

// plotName is a Starlark identifier.
var plotName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (o *plotOptions) useNamespace(chain string, namespace func() (starlark.StringDict, error)) {
	o.chain, o.namespace = chain, namespace
}

func (o *plotOptions) computeChain() string { return o.chain }

// namespaceReader is implemented by the options of a figure drawn from
// computed values: its cache key includes computeChain.
type namespaceReader interface {
	namespaceUser
	computeChain() string
}

// series returns the names in :line:.
func (o *plotOptions) series() []string {
	return strings.FieldsFunc(o.Line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// Limits checks the names before anything runs.
func (o *plotOptions) Limits() error {
	x := strings.TrimSpace(o.X)
	if x == "" {
		return OptionErrorf("x", "option \"x\" is required: the name of the x values, e.g. :x: xs")
	}
	if !plotName.MatchString(x) {
		return OptionErrorf("x", "option \"x\" must be a name that a {compute} block defined, such as xs, got %q", o.X)
	}
	names := o.series()
	if len(names) == 0 {
		return OptionErrorf("line", "option \"line\" is required: the names of the series to draw, e.g. :line: ys")
	}
	if len(names) > maxPlotSeries {
		return OptionErrorf("line", "option \"line\" names %d series, over the limit of %d for one figure; draw them in several", len(names), maxPlotSeries)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if !plotName.MatchString(n) {
			return OptionErrorf("line", "option \"line\": %q is not a name; give the names of values a {compute} block defined, separated by spaces, e.g. ys zs", n)
		}
		if seen[n] {
			return OptionErrorf("line", "option \"line\" names %s twice", n)
		}
		seen[n] = true
	}
	return nil
}

func runPlot(o *plotOptions, _ *Env) (*Result, error) {
	if o.namespace == nil {
		return nil, fmt.Errorf("internal error: {plot} ran without the names of the compute blocks above it; please report it")
	}
	ns, err := o.namespace()
	if err != nil {
		return nil, err
	}
	xName := strings.TrimSpace(o.X)
	xs, err := plotValues(ns, "x", xName)
	if err != nil {
		return nil, err
	}
	names := o.series()
	columns := []string{"x"}
	data := [][]float64{xs}
	var series []figure.Series
	for _, name := range names {
		ys, err := plotValues(ns, "line", name)
		if err != nil {
			return nil, err
		}
		if len(ys) != len(xs) {
			return nil, OptionErrorf("line", "option \"line\": %s has %d values and x (%s) has %d; a series needs one value for each x", name, len(ys), xName, len(xs))
		}
		columns = append(columns, name)
		data = append(data, ys)
		series = append(series, figure.Series{Label: name, X: xs, Y: ys, Kind: figure.Line})
	}
	xLabel, yLabel := o.XLabel, o.YLabel
	if xLabel == "" {
		xLabel = xName
	}
	if yLabel == "" && len(names) == 1 {
		yLabel = names[0]
	}
	return &Result{
		Drawing: figure.LinePlot{Title: o.Title, XLabel: xLabel, YLabel: yLabel, Series: series},
		Title:   strings.Join(names, ", ") + " against " + xName,
		Columns: columns,
		Data:    data,
	}, nil
}

// plotValues returns the numbers the name holds in the namespace: a 1-D
// array, or a list or tuple of numbers, of 2 to MaxPlotPoints finite
// values.
func plotValues(ns starlark.StringDict, option, name string) ([]float64, error) {
	v, ok := ns[name]
	if !ok {
		var names []string
		for n, v := range ns {
			if _, builtin := v.(*starlark.Builtin); !builtin {
				names = append(names, n)
			}
		}
		msg := fmt.Sprintf("option %q: no {compute} block above this figure defines %s", option, name)
		sort.Strings(names)
		if c := suggest.Closest(name, names); c != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", c)
		}
		return nil, OptionErrorf(option, "%s; a figure sees the names of the compute blocks above it, never those below", msg)
	}
	var out []float64
	switch v := v.(type) {
	case *starnum.Array:
		if len(v.Shape()) != 1 {
			return nil, OptionErrorf(option, "option %q: %s is an array of shape %v; a series is one-dimensional", option, name, v.Shape())
		}
		out = v.Values()
	case starlark.Indexable:
		for i := 0; i < v.Len(); i++ {
			f, ok := starlark.AsFloat(v.Index(i))
			if !ok {
				return nil, OptionErrorf(option, "option %q: %s[%d] is a %s, not a number", option, name, i, v.Index(i).Type())
			}
			out = append(out, f)
		}
	default:
		return nil, OptionErrorf(option, "option %q: %s is a %s; a series is an array or a list of numbers", option, name, v.Type())
	}
	if len(out) < 2 || len(out) > MaxPlotPoints {
		return nil, OptionErrorf(option, "option %q: %s has %d values; a series has 2 to %d", option, name, len(out), MaxPlotPoints)
	}
	for i, f := range out {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, OptionErrorf(option, "option %q: %s[%d] is %v; a figure draws finite numbers only", option, name, i, f)
		}
	}
	return out, nil
}

// Work estimates what {plot} costs: drawing up to MaxPlotPoints points of
// each series (the values are computed by the compute blocks, which count
// their own work).
func (o *plotOptions) Work() int64 { return int64(max(len(o.series()), 1)) * MaxPlotPoints * PointWork }

// OutputBytes bounds what {plot} writes: up to MaxPlotPoints vertices of
// each series, and a CSV of x and each series.
func (o *plotOptions) OutputBytes() int64 {
	k := int64(max(len(o.series()), 1))
	return FigureBaseBytes + o.TextBytes() + textCopies*int64(len(o.X)+len(o.Line)+len(o.XLabel)+len(o.YLabel)) +
		k*MaxPlotPoints*VertexBytes + CSVBytes(MaxPlotPoints, k+1, 64+int64(len(o.Line)))
}
