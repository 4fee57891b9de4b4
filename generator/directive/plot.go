package directive

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/starnum"
)

// plotDirective draws values the page's {compute} blocks computed, in
// layers over one pair of axes: lines, points and bars of series against
// :x:, shaded areas between two series, labelled horizontal and vertical
// rules, or a histogram of values. It sees the names of the compute
// blocks above it (compute.go), and its cache entry is keyed by their code
// and data as well as its options, so a figure is redrawn exactly when
// what it draws may have changed.
var plotDirective = Define("plot", "A figure of values the {compute} blocks above it computed: lines, points, bars and shaded areas against x, labelled rules, or a histogram.", runPlot)

type plotOptions struct {
	FigureOptions
	X         string `option:"x" doc:"The name of the x values: an array, or a list of numbers, that a {compute} block above defined, optionally followed by as \"label\", which heads the CSV's first column (x without it) and labels the axis. Required with line, points, bars and area; not taken with histogram."`
	Line      string `option:"line" doc:"Series drawn as lines against x: names separated by spaces or commas, each an array or list of numbers as long as x, each optionally followed by as \"legend label\" (ys as \"measured\"). Each is a column of the CSV, headed by its label, else its name."`
	Points    string `option:"points" doc:"Series drawn as markers against x, written as for line."`
	Bars      string `option:"bars" doc:"Series drawn as bars from 0 against x, written as for line."`
	Area      string `option:"area" doc:"Shaded bands between two series against x: pairs of names, low then high, each pair optionally followed by as \"legend label\" (lo hi as \"90% interval\"); pairs are separated by commas."`
	Histogram string `option:"histogram" doc:"The name of values to count into bins, drawn as bars, optionally followed by as \"legend label\"; the CSV holds each bin's low and high edge and its count. Not taken with x."`
	Bins      int    `option:"bins" default:"10" min:"1" max:"1000" doc:"The number of equal bins of the histogram, from the least value to the greatest (each bin [a, b), the last [a, b]), as histogram(values, bins) counts them."`
	Heatmap   string `option:"heatmap" doc:"The name of a two-dimensional array to draw as a grid of coloured cells (row 0 at the bottom), optionally followed by as \"label\", which names the colour scale; at most 10000 cells. Takes x (and y) as the columns' (rows') increasing coordinates, if given, and no other layer; the CSV holds x, y and the value of each cell."`
	Y         string `option:"y" doc:"With heatmap, the name of the rows' increasing coordinates, one per row; defaults to 0, 1, 2, …"`
	Rug       string `option:"rug" doc:"Values marked one by one at y = 0 along the x axis (a rug), under a histogram or any series: names of arrays or lists of numbers, each optionally followed by as \"legend label\"; each rug's values are a CSV of their own, beside the figure's."`
	Rule      string `option:"rule" doc:"Labelled straight lines: x=VALUE for a vertical line, y=VALUE for a horizontal one, VALUE a number or the name of one, each optionally followed by a \"label\"; separated by commas (x=0.5 \"median\", y=m \"mean\")."`
	XLabel    string `option:"xlabel" doc:"The label of the x axis. Defaults to the name in x (or in histogram)."`
	YLabel    string `option:"ylabel" doc:"The label of the y axis. Defaults to the name of the series when there is one, else none (count for a histogram)."`
	XLim      string `option:"xlim" doc:"The ends of the x axis, two numbers (0 1). Defaults to the extent of the data."`
	YLim      string `option:"ylim" doc:"The ends of the y axis, two numbers (0 1). Defaults to the extent of the data, from 0 when it is not negative. With vary, follow makes the axis follow the setting: from 0 to the smallest round top (1, 1.5, 2, 3, 4, 5, 6 or 8 × 10^k) above the series shown, when every series is a :line: that varies and no value is below 0."`
	XScale    string `option:"xscale" doc:"linear or log: a logarithmic x axis shows positive values only."`
	YScale    string `option:"yscale" doc:"linear or log: a logarithmic y axis shows positive values only, and no bars."`
	Each      string `option:"each" doc:"Small multiples: NAME in LIST, optionally followed by as \"label\" (h in [0.1, 0.3, 1] as \"bandwidth h\"); the figure is drawn once for each value, as panels sharing their axes, with the layers and rules expressions of NAME (kde(xs, grid, h)); at most 12 panels. LIST is a list written out or a name a {compute} block defined. The CSV holds x once and each panel's columns headed label (h=0.1)."`
	Vary      string `option:"vary" doc:"Sliders: one or two parameters, separated by a semicolon, each NAME = FIRST … LAST step STEP, optionally followed by default VALUE (else FIRST) and as \"label\" (h = 0.05 … 1.5 step 0.05 default 0.35 as \"bandwidth h\"). Line series may be expressions of them (kde(xs, grid, h)); every setting is computed when the site is built, at most 1000 settings, and the page's address records the reader's (?fig-id.h=0.35#fig-id)."`

	chain     string                              // the key of the compute blocks above
	namespace func() (starlark.StringDict, error) // their globals
	sizes     map[string]int                      // the sizes of their values (compute.go's valueSizes)

	// Read by Limits.
	layers                 []plotLayer
	hist, heat             *plotRef
	rugs                   []plotRef
	xLabel                 string // from :x: name as "label"; heads the CSV's first column
	rules                  []plotRule
	varyDeps               [][]int // for each varied series, the parameters it depends on
	xmin, xmax, ymin, ymax *float64
	logX, logY             bool
	yFollows               bool        // :ylim: follow
	params                 []varyParam // from :vary:
	each                   *plotEach   // from :each:
	varyValues             int         // the varied values evaluated so far
}

// plotLayer is one series or area and the option that named it.
type plotLayer struct {
	option string
	kind   figure.Kind // for series; unused for an area
	ref    plotRef
}

// MaxPlotPoints bounds the values of each series of a {plot}, as n bounds
// the points of the model's figures.
const MaxPlotPoints = 4096

// maxPlotSeries bounds the layers (series, areas, histogram) of one
// {plot}: beyond eight, dash patterns and markers no longer tell them
// apart.
const maxPlotSeries = 8

// maxPlotRules bounds the rules of one {plot}.
const maxPlotRules = 8

// plotRuleBytes bounds a rule in both drawings, besides its label's text:
// a dashed line and a text element each.
const plotRuleBytes = 1_000

// plotName is a Starlark identifier.
var plotName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (o *plotOptions) useNamespace(chain string, namespace func() (starlark.StringDict, error)) {
	o.chain, o.namespace = chain, namespace
}

func (o *plotOptions) computeChain() string { return o.chain }

func (o *plotOptions) useSizes(sizes map[string]int) { o.sizes = sizes }

// heatmapCells bounds the cells of a heatmap: the size of the array it
// names, once the compute blocks above have told it, else maxHeatmapCells.
func (o *plotOptions) heatmapCells() int64 {
	if n, ok := o.sizes[strings.TrimSpace(strings.SplitN(o.Heatmap, " ", 2)[0])]; ok && n >= 0 && n <= maxHeatmapCells {
		return int64(n)
	}
	return maxHeatmapCells
}

// points bounds the values of each series: the size of x, once the
// compute blocks above have told it (a series as long as x is drawn, any
// other is an error), else MaxPlotPoints.
func (o *plotOptions) points() int64 {
	if n, ok := o.sizes[strings.TrimSpace(o.X)]; ok && n >= 0 && n <= MaxPlotPoints {
		return int64(n)
	}
	return MaxPlotPoints
}

// namespaceReader is implemented by the options of a figure drawn from
// computed values: its cache key includes computeChain.
type namespaceReader interface {
	namespaceUser
	computeChain() string
}

// Limits reads the layer options and checks them before anything runs.
func (o *plotOptions) Limits() error {
	o.layers, o.hist, o.rules = nil, nil, nil
	for _, l := range []struct {
		option, value string
		kind          figure.Kind
		arity         int
	}{
		{"bars", o.Bars, figure.Bars, 1},
		{"line", o.Line, figure.Line, 1},
		{"points", o.Points, figure.Points, 1},
		{"area", o.Area, 0, 2},
	} {
		refs, err := parsePlotRefs(l.option, l.value, l.arity)
		if err != nil {
			return err
		}
		for _, r := range refs {
			o.layers = append(o.layers, plotLayer{option: l.option, kind: l.kind, ref: r})
		}
	}
	o.heat = nil
	heat, err := parsePlotRefs("heatmap", o.Heatmap, 1)
	if err != nil {
		return err
	}
	if len(heat) > 0 {
		return o.heatmapLimits(heat)
	}
	if strings.TrimSpace(o.Y) != "" {
		return OptionErrorf("y", "option \"y\" is only taken with heatmap; a series is drawn against x")
	}
	hist, err := parsePlotRefs("histogram", o.Histogram, 1)
	if err != nil {
		return err
	}
	if len(hist) > 1 {
		return OptionErrorf("histogram", "option \"histogram\" takes one name, got %d; draw each histogram in a figure of its own", len(hist))
	}
	if err := o.rugLimits(); err != nil {
		return err
	}
	x, err := o.xName()
	if err != nil {
		return err
	}
	switch {
	case len(hist) == 1:
		o.hist = &hist[0]
		if x != "" {
			return OptionErrorf("x", "option \"x\" is not taken with histogram, whose x values are its bins")
		}
		if len(o.layers) > 0 {
			return OptionErrorf(o.layers[0].option, "option %q is not taken with histogram, which has no x values to draw it against; draw it in a figure of its own", o.layers[0].option)
		}
	case len(o.layers) == 0:
		return OptionErrorf("line", "give something to draw: :line:, :points:, :bars: or :area: with :x:, or :histogram:, or :heatmap:, e.g. :x: xs and :line: ys")
	case x == "":
		return OptionErrorf("x", "option \"x\" is required: the name of the x values, e.g. :x: xs")
	default:
		if err := checkPlotExpr("x", x); err != nil {
			return err
		}
	}
	n := len(o.layers) + len(o.rugs)
	if o.hist != nil {
		n++
	}
	if n > maxPlotSeries {
		option := "rug"
		if len(o.rugs) == 0 {
			option = o.layers[len(o.layers)-1].option
		}
		return OptionErrorf(option, "the figure draws %d series, areas and rugs, over the limit of %d for one figure; draw them in several", n, maxPlotSeries)
	}
	// Each CSV column is headed by a series' label, else its name; a name
	// drawn twice (as a line and as points) keeps one column.
	columns := map[string]string{o.xColumn(): ""}
	for _, l := range o.layers {
		for k, name := range l.ref.names {
			col := l.ref.column(k)
			if prev, ok := columns[col]; ok && prev != name {
				return OptionErrorf(l.option, "option %q: two columns of the CSV would be headed %s; label one with as \"…\"", l.option, col)
			}
			columns[col] = name
		}
	}
	if o.rules, err = parsePlotRules("rule", o.Rule); err != nil {
		return err
	}
	if len(o.rules) > maxPlotRules {
		return OptionErrorf("rule", "option \"rule\" draws %d lines, over the limit of %d", len(o.rules), maxPlotRules)
	}
	if o.xmin, o.xmax, err = parsePlotLimits("xlim", o.XLim); err != nil {
		return err
	}
	o.yFollows = strings.TrimSpace(o.YLim) == "follow"
	if o.yFollows {
		o.ymin, o.ymax = nil, nil
	} else if o.ymin, o.ymax, err = parsePlotLimits("ylim", o.YLim); err != nil {
		return err
	}
	if o.logX, err = plotScale("xscale", o.XScale); err != nil {
		return err
	}
	if o.logY, err = plotScale("yscale", o.YScale); err != nil {
		return err
	}
	if o.params, err = parseVary(o.Vary); err != nil {
		return err
	}
	if err := o.eachLimits(); err != nil {
		return err
	}
	if len(o.params) > 0 && o.hist != nil {
		return OptionErrorf("vary", "option \"vary\" is not taken with histogram: only line series vary")
	}
	if err := o.followLimits(); err != nil {
		return err
	}
	if err := o.rugScaleLimits(); err != nil {
		return err
	}
	if o.logY && (o.hist != nil || o.Bars != "") {
		return OptionErrorf("yscale", "option \"yscale\": bars start at 0, which a log axis cannot show; use a linear y axis, or draw the counts as points")
	}
	for _, b := range []struct {
		option string
		log    bool
		lo     *float64
	}{{"xlim", o.logX, o.xmin}, {"ylim", o.logY, o.ymin}} {
		if b.log && b.lo != nil && !(*b.lo > 0) {
			return OptionErrorf(b.option, "option %q starts at %v, but the axis is logarithmic and shows positive values only", b.option, *b.lo)
		}
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
	if o.heat != nil {
		return o.heatmap(ns)
	}
	env := newPlotEnv(ns, o.exprWork())
	if o.each != nil {
		return o.multiples(env)
	}
	p, res, named, err := o.panel(env, varyBinding(o.params, varyDefaults(o.params)))
	if err != nil {
		return nil, err
	}
	res.Drawing = p
	res.Title = strings.Join(named, ", ")
	if len(o.params) > 0 {
		title, alt := o.Title, o.Alt
		if title == "" {
			title = res.Title
		}
		if alt == "" {
			alt = p.Describe() + o.varySummary()
		}
		if res.Plot, err = o.varyWidget(p, o.varyDeps, title, alt); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// panel draws the figure's layers and rules with the names in bind bound
// (a setting of :vary:, or a panel's value of :each:): the plot, its CSV
// columns, and the legend names of its layers, with what they are drawn
// against, for the title.
func (o *plotOptions) panel(env *plotEnv, bind starlark.StringDict) (figure.LinePlot, *Result, []string, error) {
	p := figure.LinePlot{XMin: o.xmin, XMax: o.xmax, YMin: o.ymin, YMax: o.ymax, LogX: o.logX, LogY: o.logY, ZoomY: o.yFollows}
	if o.each == nil {
		p.Title = o.Title
	}
	res := &Result{}
	var xName string
	var named []string // every series' legend name, for the title
	var err error
	if o.hist != nil {
		xName, err = o.histogram(env, &p, res, bind)
		named = append(named, "histogram of "+xName)
	} else {
		xName, named, err = o.layered(env, &p, res, bind)
	}
	if err != nil {
		return p, nil, nil, err
	}
	rugs, err := o.drawRugs(env, &p, res)
	if err != nil {
		return p, nil, nil, err
	}
	named = append(named, rugs...)
	for _, r := range o.rules {
		if deps := varyDeps(o.params, r.at); len(deps) > 0 {
			return p, nil, nil, OptionErrorf("rule", "option \"rule\": %s is set by :vary:, but a rule cannot vary yet; draw it as a line", o.params[deps[0]].name)
		}
		at, err := plotNumber(env, r.at, bind)
		if err != nil {
			return p, nil, nil, err
		}
		if r.vertical {
			if o.logX && !(at > 0) {
				return p, nil, nil, OptionErrorf("rule", "option \"rule\": x=%s is %v, but the x axis is logarithmic and shows positive values only", r.at, at)
			}
			p.Marks = append(p.Marks, figure.Mark{X: at, Label: r.label})
		} else {
			if o.logY && !(at > 0) {
				return p, nil, nil, OptionErrorf("rule", "option \"rule\": y=%s is %v, but the y axis is logarithmic and shows positive values only", r.at, at)
			}
			p.Rules = append(p.Rules, figure.Rule{Y: at, Label: r.label})
		}
	}
	p.XLabel, p.YLabel = o.XLabel, o.YLabel
	if p.XLabel == "" {
		p.XLabel = cmp.Or(o.xLabel, xName)
	}
	if p.YLabel == "" {
		switch {
		case o.hist != nil:
			p.YLabel = "count"
		case len(o.layers) == 1 && len(o.layers[0].ref.names) == 1:
			p.YLabel = o.layers[0].ref.column(0)
		}
	}
	if o.hist == nil && len(named) > 0 {
		named[len(named)-1] += " against " + xName
	}
	if err := o.followFits(p); err != nil {
		return p, nil, nil, err
	}
	return p, res, named, nil
}

// followLimits checks, before anything runs, what :ylim: follow needs of
// the other options: sliders, and nothing drawn that would not follow.
func (o *plotOptions) followLimits() error {
	if !o.yFollows {
		return nil
	}
	switch {
	case o.Vary == "":
		return OptionErrorf("ylim", "option \"ylim\": follow makes the y axis follow the sliders' setting, and this figure has no :vary:; give two numbers, or none for the extent of the data")
	case o.logY:
		return OptionErrorf("ylim", "option \"ylim\": follow runs the y axis from 0, which a log axis cannot show; use a linear y axis")
	case o.Points != "" || o.Bars != "" || o.Area != "" || o.Rug != "" || o.Rule != "":
		return OptionErrorf("ylim", "option \"ylim\": with follow, the figure draws only :line: series that vary, as the axis changes under them; draw the points, bars, areas, rugs or rules in a figure of their own")
	}
	return nil
}

// followFits checks that every series of a figure whose y axis follows the
// setting varies and stays at or above 0, which only the values can tell.
func (o *plotOptions) followFits(p figure.LinePlot) error {
	if !o.yFollows {
		return nil
	}
	if len(p.Variations) != len(p.Series) {
		for i, s := range p.Series {
			if !slices.ContainsFunc(p.Variations, func(v figure.Variation) bool { return v.Series == i }) {
				return OptionErrorf("ylim", "option \"ylim\": with follow, every series must vary, as the axis changes under it; %s refers to no parameter of :vary:", s.Label)
			}
		}
	}
	for _, v := range p.Variations {
		for _, ys := range v.Y {
			if m := slices.Min(ys); m < 0 {
				return OptionErrorf("ylim", "option \"ylim\": with follow, the axis runs from 0, and %s goes down to %s at some setting; give two numbers instead", p.Series[v.Series].Label, FormatNumber(m))
			}
		}
	}
	return nil
}

// exprWork is the work the figure's expressions may spend: each once,
// and the varied ones at every setting.
func (o *plotOptions) exprWork() int64 {
	names, _ := o.layerCounts()
	return o.panels()*(names+int64(len(o.rules))+2)*plotExprWork + o.varyWork()
}

// xName returns the name or expression in :x:, setting o.xLabel to its
// label when it is written `name as "label"`.
func (o *plotOptions) xName() (string, error) {
	o.xLabel = ""
	toks, err := plotTokens("x", o.X)
	if err != nil {
		return "", err
	}
	if len(toks) == 3 && !toks[0].quoted && !toks[0].comma && toks[1].text == "as" && !toks[1].quoted && toks[2].quoted {
		if o.xLabel = strings.TrimSpace(toks[2].text); o.xLabel == "" {
			return "", OptionErrorf("x", "option \"x\": the label of %s is empty", toks[0].text)
		}
		return toks[0].text, nil
	}
	return strings.TrimSpace(o.X), nil
}

// xColumn returns the header of the CSV's x column: the label of :x:,
// else x.
func (o *plotOptions) xColumn() string { return cmp.Or(o.xLabel, "x") }

// layered reads x and each layer's values into p and the CSV columns of
// res, returning the name of x and the legend names of the layers.
func (o *plotOptions) layered(env *plotEnv, p *figure.LinePlot, res *Result, bind starlark.StringDict) (string, []string, error) {
	xName, err := o.xName()
	if err != nil {
		return "", nil, err
	}
	if deps := varyDeps(o.params, xName); len(deps) > 0 {
		return "", nil, OptionErrorf("x", "option \"x\": %s is set by :vary:, but x stays the same at every setting; vary the series instead", o.params[deps[0]].name)
	}
	xs, err := env.values("x", xName, bind)
	if err != nil {
		return "", nil, err
	}
	if o.logX {
		if err := positive("xscale", xName, xs); err != nil {
			return "", nil, err
		}
	}
	res.Columns, res.Data = []string{o.xColumn()}, [][]float64{xs}
	seen := map[string]bool{o.xColumn(): true}
	var named []string
	o.varyDeps, o.varyValues = nil, 0
	var varied []*figure.Variation // by layer
	for _, l := range o.layers {
		vals := make([][]float64, len(l.ref.names))
		var variation *figure.Variation
		for k, name := range l.ref.names {
			if deps := varyDeps(o.params, name); len(deps) > 0 {
				if variation, err = o.varyLayer(env, l.option, name, l.ref.column(k), len(xs), deps, res); err != nil {
					return "", nil, err
				}
				o.varyDeps = append(o.varyDeps, deps)
				vals[k] = variation.Y[variation.Default]
				seen[l.ref.column(k)] = true // its columns name each setting
				continue
			}
			if vals[k], err = env.values(l.option, name, bind); err != nil {
				return "", nil, err
			}
			if len(vals[k]) != len(xs) {
				return "", nil, OptionErrorf(l.option, "option %q: %s has %d values and x (%s) has %d; a series needs one value for each x", l.option, name, len(vals[k]), xName, len(xs))
			}
			if o.logY {
				if err := positive("yscale", name, vals[k]); err != nil {
					return "", nil, err
				}
			}
			if col := l.ref.column(k); !seen[col] {
				seen[col] = true
				res.Columns = append(res.Columns, col)
				res.Data = append(res.Data, vals[k])
			}
		}
		label := l.ref.label
		if l.option == "area" {
			if label == "" {
				label = l.ref.names[0] + " to " + l.ref.names[1]
			}
			p.Bands = append(p.Bands, figure.Band{Label: label, X: xs, Lo: vals[0], Hi: vals[1]})
		} else {
			if label == "" {
				label = l.ref.names[0]
			}
			if variation != nil {
				variation.Series = len(p.Series)
				varied = append(varied, variation)
			}
			p.Series = append(p.Series, figure.Series{Label: label, X: xs, Y: vals[0], Kind: l.kind})
		}
		named = append(named, label)
	}
	for _, v := range varied {
		p.Variations = append(p.Variations, *v)
	}
	used := map[int]bool{}
	for _, deps := range o.varyDeps {
		for _, d := range deps {
			used[d] = true
		}
	}
	for i, q := range o.params {
		if !used[i] {
			return "", nil, OptionErrorf("vary", "option \"vary\": no :line: series refers to %s, so its slider would change nothing; write it into a series, e.g. :line: kde(xs, grid, %s)", q.name, q.name)
		}
	}
	return xName, named, nil
}

// histogram counts the values named in :histogram: into :bins: equal bins
// (as starnum's histogram does), draws them as bars at the bins' centres,
// and returns the name.
func (o *plotOptions) histogram(env *plotEnv, p *figure.LinePlot, res *Result, bind starlark.StringDict) (string, error) {
	name := o.hist.names[0]
	vals, err := env.values("histogram", name, bind)
	if err != nil {
		return "", err
	}
	counts, edges := starnum.Histogram(vals, o.Bins)
	centres := make([]float64, o.Bins)
	for i := range centres {
		centres[i] = (edges[i] + edges[i+1]) / 2
	}
	if o.logX && !(edges[0] > 0) {
		return "", OptionErrorf("xscale", "option \"xscale\": the bins of %s start at %v, but the x axis is logarithmic and shows positive values only", name, edges[0])
	}
	label := o.hist.column(0)
	p.Series = append(p.Series, figure.Series{Label: label, X: centres, Y: counts, Kind: figure.Bars})
	res.Columns = []string{"bin low", "bin high", label}
	res.Data = [][]float64{edges[:o.Bins], edges[1:], counts}
	return name, nil
}

// positive reports the first value of a series that a log axis cannot
// show, as an error at the scale's option.
func positive(option, name string, vs []float64) error {
	for i, v := range vs {
		if !(v > 0) {
			return OptionErrorf(option, "option %q is log, but %s[%d] is %v; a logarithmic axis shows positive values only", option, name, i, v)
		}
	}
	return nil
}

// plotNumber returns a rule's position: a number, or the name of a number
// in the namespace.
func plotNumber(env *plotEnv, at string, bind starlark.StringDict) (float64, error) {
	if f, err := strconv.ParseFloat(at, 64); err == nil {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, OptionErrorf("rule", "option \"rule\": %s is not a finite number", at)
		}
		return f, nil
	}
	return env.number("rule", at, bind)
}

// plotValues returns the numbers the name holds in the namespace: a 1-D
// array, or a list or tuple of numbers, of 2 to MaxPlotPoints finite
// values.
func plotValues(ns starlark.StringDict, option, name string) ([]float64, error) {
	v, ok := ns[name]
	if !ok {
		return nil, undefinedIn(ns, nil, option, name)
	}
	return plotFloats(option, name, v)
}

// plotVertices bounds the vertices drawn for each value of a layer: a
// line's one, a marker's outline (up to four, as gonum writes the arc of
// a circle as few), a bar's rectangle (four, and its close), a band's two
// (above and below).
var plotVertices = map[string]int64{"line": 1, "points": 4, "bars": 5, "area": 2, "rug": 4}

// layerCounts returns the names the layer options other than histogram
// give and the vertices drawn for each of their values, counting the
// options' words: each name is at most one series or one side of an area,
// so this bounds what Limits reads.
//
// An option that reads (parsePlotRefs) counts its names and expressions;
// one that does not, which Limits refuses, counts its words.
func (o *plotOptions) layerCounts() (names, vertices int64) {
	for option, v := range map[string]string{"line": o.Line, "points": o.Points, "bars": o.Bars, "area": o.Area, "rug": o.Rug} {
		arity := 1
		if option == "area" {
			arity = 2
		}
		var n int64
		if refs, err := parsePlotRefs(option, v, arity); err == nil {
			n = int64(len(refs) * arity)
		} else {
			n = int64(len(strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })))
		}
		vertices += n * plotVertices[option]
		names += n
	}
	return names, vertices
}

// Work estimates what {plot} costs: drawing up to MaxPlotPoints values of
// each name it draws (the values are computed by the compute blocks,
// which count their own work; a histogram's counting is a pass over its
// values).
func (o *plotOptions) Work() int64 {
	if o.Heatmap != "" {
		return o.heatmapCells() * PointWork
	}
	n, _ := o.layerCounts()
	if o.Histogram != "" {
		n++
	}
	return o.panels()*max(n, 1)*o.points()*PointWork + o.workBeforeSizes()
}

// workBeforeSizes is the work of evaluating the figure's expressions,
// which does not depend on how many values its names hold.
func (o *plotOptions) workBeforeSizes() int64 {
	if o.Heatmap != "" {
		return 0
	}
	if o.params == nil && o.Vary != "" {
		o.params, _ = parseVary(o.Vary) // Limits refuses what does not parse
	}
	return o.exprWork()
}

// OutputBytes bounds what {plot} writes: up to MaxPlotPoints values of
// each layer, drawn with the vertices plotVertices counts, the rules and
// their labels, and a CSV of x and each series; or a histogram's bins
// bars and their CSV of edges and counts.
func (o *plotOptions) OutputBytes() int64 {
	cols, v := o.layerCounts()
	text := int64(len(o.X) + len(o.Line) + len(o.Points) + len(o.Bars) + len(o.Area) + len(o.Histogram) + len(o.Rug) + len(o.Rule) + len(o.XLabel) + len(o.YLabel))
	panels := o.panels()
	rules := panels * maxPlotRules * plotRuleBytes
	out := FigureBaseBytes + o.TextBytes() + textCopies*text + rules
	if o.Heatmap != "" {
		text += int64(len(o.Heatmap) + len(o.Y))
		// The cells as a paletted image, base64 in both drawings, with a
		// byte a row besides; a tick a row and a column at most; a row of
		// the CSV per cell.
		cells := o.heatmapCells()
		png := 2 * ((cells+MaxPlotPoints)*4/3 + 1024)
		return FigureBaseBytes + o.TextBytes() + textCopies*text + png + 2*(MaxPlotPoints+1)*2*VertexBytes + CSVBytes(cells, 3, 64+text)
	}
	if o.Histogram != "" {
		// One bar, and a row of two edges and a count, per bin.
		bins := int64(max(o.Bins, 1))
		out += bins*plotVertices["bars"]*VertexBytes + CSVBytes(bins, 3, 64+text)
	}
	if cols > 0 {
		n := o.points()
		// Each panel draws every layer, with a title of its value (at most
		// a number, or a string of the list's, which the compute blocks
		// bound: counted as 200 bytes in both drawings); its columns are
		// headed with the value too.
		out += panels*(v*n*VertexBytes+400) + CSVBytes(n, panels*cols+1, panels*(64+text+200))
	}
	if o.params == nil && o.Vary != "" {
		o.params, _ = parseVary(o.Vary) // Limits refuses what does not parse
	}
	return out + o.varyBytes()
}
