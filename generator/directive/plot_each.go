package directive

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/kernelpress/kernelpress/generator/figure"
)

// This file gives {plot} small multiples: :each: h in [0.1, 0.3, 1] draws
// the figure once for each value of h, as panels of one figure under one
// legend, with the layers and rules expressions of h (:line: kde(xs, grid,
// h)). The panels share the x axis and the y range, so they compare at a
// glance; the CSV holds x once and each panel's series in columns headed
// "label (h=0.1)".

// maxEachPanels bounds the panels of one figure.
const maxEachPanels = 12

// plotEach is a parsed :each:.
type plotEach struct {
	name, list, label string
}

// eachPattern reads h in [0.1, 0.3, 1] as "bandwidth h", or h in hs.
var eachPattern = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\s+(.+?)(?:\s+as\s+"([^"]*)")?\s*$`)

const eachExample = `h in [0.1, 0.3, 1] as "bandwidth h"`

// parseEach reads :each:.
func parseEach(value string) (*plotEach, error) {
	if strings.TrimSpace(value) == "" {
		return nil, nil
	}
	m := eachPattern.FindStringSubmatch(value)
	if m == nil {
		return nil, OptionErrorf("each", "option \"each\" must be NAME in LIST, optionally followed by as \"label\", e.g. %s; got %q", eachExample, value)
	}
	if err := checkPlotExpr("each", m[2]); err != nil {
		return nil, err
	}
	e := &plotEach{name: m[1], list: m[2], label: strings.TrimSpace(m[3])}
	if e.label == "" {
		e.label = e.name
	}
	if n := literalLen(e.list); n > maxEachPanels {
		return nil, OptionErrorf("each", "option \"each\" draws %d panels, over the limit of %d for one figure", n, maxEachPanels)
	}
	return e, nil
}

// literalLen returns the number of items of a list or tuple written out,
// or -1 for any other expression.
func literalLen(text string) int {
	e, err := syntax.ParseExpr("", text, 0)
	if err != nil {
		return -1
	}
	for {
		p, ok := e.(*syntax.ParenExpr)
		if !ok {
			break
		}
		e = p.X
	}
	switch e := e.(type) {
	case *syntax.ListExpr:
		return len(e.List)
	case *syntax.TupleExpr:
		return len(e.List)
	}
	return -1
}

// panels bounds the number of panels before the list is evaluated: the
// items of a list written out, the size of a name the compute blocks
// above told (compute.go's valueSizes), else the limit; 1 without :each:.
func (o *plotOptions) panels() int64 {
	if o.Each == "" {
		return 1
	}
	e := o.each
	if e == nil {
		var err error
		if e, err = parseEach(o.Each); err != nil || e == nil {
			return maxEachPanels
		}
	}
	if n := literalLen(e.list); n >= 0 {
		return int64(min(n, maxEachPanels))
	}
	if n, ok := o.sizes[strings.TrimSpace(e.list)]; ok && n >= 0 && n <= maxEachPanels {
		return int64(n)
	}
	return maxEachPanels
}

// eachLimits checks :each: against the other options.
func (o *plotOptions) eachLimits() error {
	var err error
	if o.each, err = parseEach(o.Each); err != nil || o.each == nil {
		return err
	}
	switch {
	case o.Vary != "":
		return OptionErrorf("each", "option \"each\" is not taken with vary: a figure either has panels or sliders")
	case o.Histogram != "":
		return OptionErrorf("each", "option \"each\" is not taken with histogram; draw the counts of each panel as bars of a computed histogram(values, bins)")
	case strings.TrimSpace(o.YScale) == "log":
		return OptionErrorf("yscale", "option \"yscale\": small multiples (:each:) are drawn on linear y axes only")
	}
	if deps := exprNames(o.X); contains(deps, o.each.name) {
		return OptionErrorf("x", "option \"x\": %s is set by :each:, but the panels share x; vary the series instead", o.each.name)
	}
	return nil
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// multiples draws a panel for each value of :each:.
func (o *plotOptions) multiples(env *plotEnv) (*Result, error) {
	v, err := env.value("each", o.each.list, nil)
	if err != nil {
		return nil, err
	}
	var values []starlark.Value
	if it, ok := v.(starlark.Indexable); ok {
		if _, isString := v.(starlark.String); !isString {
			for i := 0; i < it.Len() && i <= maxEachPanels; i++ {
				values = append(values, it.Index(i))
			}
		}
	}
	if values == nil {
		return nil, OptionErrorf("each", "option \"each\": %s is a %s; give a list of the values to draw a panel for, e.g. %s", o.each.list, v.Type(), eachExample)
	}
	if len(values) == 0 || len(values) > maxEachPanels {
		return nil, OptionErrorf("each", "option \"each\": %s holds %d values; a figure has 1 to %d panels", o.each.list, len(values), maxEachPanels)
	}
	if n := o.panels(); int64(len(values)) > n {
		return nil, OptionErrorf("each", "internal error: %d panels where at most %d were declared; please report it", len(values), n)
	}
	m := figure.Multiples{Title: o.Title, ShareY: true}
	res := &Result{}
	var named []string
	var texts []string
	for k, value := range values {
		text, ok := eachText(value)
		if !ok {
			return nil, OptionErrorf("each", "option \"each\": item %d of %s is a %s; a panel is drawn for a number, or a string of at most %d bytes", k, o.each.list, value.Type(), maxEachText)
		}
		p, r, nm, err := o.panel(env, starlark.StringDict{o.each.name: value})
		if err != nil {
			var oe *optionError
			if errors.As(err, &oe) {
				oe.msg += fmt.Sprintf(" (in the panel for %s = %s)", o.each.name, text)
			}
			return nil, err
		}
		p.Title = o.each.label + " = " + text
		m.Plots = append(m.Plots, p)
		texts = append(texts, text)
		if k == 0 {
			named = nm
			res.Columns, res.Data = []string{o.xColumn()}, [][]float64{r.Data[0]}
		}
		for c := 1; c < len(r.Columns); c++ {
			res.Columns = append(res.Columns, r.Columns[c]+" ("+o.each.name+"="+text+")")
			res.Data = append(res.Data, r.Data[c])
		}
	}
	res.Drawing = m
	res.Title = strings.Join(named, ", ") + ", for " + o.each.label + " = " + strings.Join(texts, ", ")
	return res, nil
}

// maxEachText bounds a panel's value as text, which titles the panel and
// heads its columns.
const maxEachText = 100

// eachText writes a panel's value: a number as Starlark writes it, a
// string as it is; it reports false for any other value, or a string
// longer than maxEachText.
func eachText(v starlark.Value) (string, bool) {
	switch v := v.(type) {
	case starlark.String:
		return string(v), len(v) <= maxEachText
	case starlark.Float:
		return strconv.FormatFloat(float64(v), 'g', -1, 64), true
	case starlark.Int:
		return v.String(), len(v.String()) <= maxEachText
	}
	return "", false
}
