package directive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"go.starlark.net/starlark"

	"github.com/kernelpress/kernelpress/generator/figure"
)

// This file gives {plot} sliders: :vary: names one or two parameters and
// the values each takes, and the figure's line series may be expressions
// of them (:line: kde(xs, grid, h)). Every setting the sliders reach is
// computed when the site is built; the page ships each line's values at
// every setting, delta-encoded in levels (figure/varied.go), and its
// script (templates/static/js/vary.js) only writes the chosen setting's
// path into the drawing. Without the script the figure shows the default
// setting and says the sliders need it. The page's address records each
// figure's setting (?fig-id.h=0.35#fig-id), so a reader can share it.

// Limits of :vary:.
const (
	maxVaryParams = 2
	// maxVarySettings bounds the settings of a figure: the product of its
	// parameters' numbers of values.
	maxVarySettings = 1_000
	// maxVaryValues bounds the values a figure's varied series hold over
	// all their settings, which its page ships and its CSV writes.
	maxVaryValues = 200_000
	// maxVaryWork bounds the work of evaluating the varied series at
	// every setting.
	maxVaryWork = 100_000_000
	// varyLevelBytes bounds one delta-encoded level in the page's data,
	// "-1000,".
	varyLevelBytes = 6
	// varySliderBytes bounds the markup and data of one value of a slider.
	varySliderBytes = 80
	// maxVaryPoints bounds the values of a varied series: a drawing a few
	// hundred points wide shows no more, and every one is shipped at
	// every setting.
	maxVaryPoints = 1_024
)

// varyScript is the page script, relative to a page at <slug>/index.html;
// the build copies templates/static/ to the site root.
const varyScript = "../js/vary.js"

// varyParam is one parameter of :vary: and its values.
type varyParam struct {
	name, label string
	values      []float64
	texts       []string // each value as the slider's value attribute writes it
	step        string
	def         int // the default value's index
}

// varyPattern reads one parameter: h = 0.05 … 1.5 step 0.05 default 0.35
// as "bandwidth h".
var varyPattern = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+?)\s*(?:…|\.\.\.)\s*(\S+)\s+step\s+(\S+)(?:\s+default\s+(\S+))?(?:\s+as\s+"([^"]*)")?\s*$`)

// varyDecimal is a number as :vary: takes it.
var varyDecimal = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)$`)

// maxVaryDecimals bounds the decimals of a parameter's values.
const maxVaryDecimals = 9

const varyExample = `h = 0.05 … 1.5 step 0.05 default 0.35 as "bandwidth h"`

// parseVary reads :vary:, parameters separated by semicolons.
func parseVary(value string) ([]varyParam, error) {
	if strings.TrimSpace(value) == "" {
		return nil, nil
	}
	parts := strings.Split(value, ";")
	if len(parts) > maxVaryParams {
		return nil, OptionErrorf("vary", "option \"vary\" names %d parameters, over the limit of %d for one figure", len(parts), maxVaryParams)
	}
	var params []varyParam
	settings := 1
	for _, part := range parts {
		m := varyPattern.FindStringSubmatch(part)
		if m == nil {
			return nil, OptionErrorf("vary", "option \"vary\": %q is not a parameter and its values; write NAME = FIRST … LAST step STEP, optionally followed by default VALUE and as \"label\", e.g. %s", strings.TrimSpace(part), varyExample)
		}
		p, err := newVaryParam(m)
		if err != nil {
			return nil, err
		}
		for _, q := range params {
			if q.name == p.name {
				return nil, OptionErrorf("vary", "option \"vary\" names %s twice", p.name)
			}
		}
		settings *= len(p.values)
		if settings > maxVarySettings {
			return nil, OptionErrorf("vary", "option \"vary\" gives the figure %d settings or more, over the limit of %d; take a larger step or a narrower range", settings, maxVarySettings)
		}
		params = append(params, p)
	}
	return params, nil
}

// newVaryParam checks one parameter's numbers, exactly: 0.05 … 1.5 step
// 0.05 reaches 0.35 itself, the same number as default 0.35.
func newVaryParam(m []string) (varyParam, error) {
	p := varyParam{name: m[1], label: strings.TrimSpace(m[6])}
	if p.label == "" {
		p.label = p.name
	}
	var nums [4]*big.Rat
	dec := 0
	for i, s := range []string{m[2], m[3], m[4], m[5]} {
		if s == "" {
			continue
		}
		if !varyDecimal.MatchString(s) {
			return p, OptionErrorf("vary", "option \"vary\": %s: %q is not a decimal number", p.name, s)
		}
		nums[i], _ = new(big.Rat).SetString(s)
		if _, frac, ok := strings.Cut(s, "."); ok {
			dec = max(dec, len(frac))
		}
	}
	lo, hi, step, def := nums[0], nums[1], nums[2], nums[3]
	switch {
	case dec > maxVaryDecimals:
		return p, OptionErrorf("vary", "option \"vary\": %s has numbers of more than %d decimals", p.name, maxVaryDecimals)
	case step.Sign() <= 0:
		return p, OptionErrorf("vary", "option \"vary\": %s needs a step above 0", p.name)
	case lo.Cmp(hi) >= 0:
		return p, OptionErrorf("vary", "option \"vary\": %s must run from a lower to a higher number, got %s … %s", p.name, m[2], m[3])
	}
	k := new(big.Rat).Quo(new(big.Rat).Sub(hi, lo), step)
	if !k.IsInt() {
		return p, OptionErrorf("vary", "option \"vary\": %s: %s … %s is not a whole number of steps of %s", p.name, m[2], m[3], m[4])
	}
	if !k.Num().IsInt64() || k.Num().Int64() >= maxVarySettings {
		return p, OptionErrorf("vary", "option \"vary\": %s takes %s values or more, over the limit of %d settings; take a larger step or a narrower range", p.name, k.Num().String(), maxVarySettings)
	}
	if def == nil {
		def = lo
	}
	p.def = -1
	x := new(big.Rat).Set(lo)
	for i := int64(0); i <= k.Num().Int64(); i++ {
		t := DecimalText(x, dec)
		f, _ := strconv.ParseFloat(t, 64)
		p.values = append(p.values, f)
		p.texts = append(p.texts, t)
		if x.Cmp(def) == 0 {
			p.def = int(i)
		}
		x.Add(x, step)
	}
	if p.def < 0 {
		return p, OptionErrorf("vary", "option \"vary\": the default of %s, %s, is not one of its values %s, %s, …, %s", p.name, m[5], p.texts[0], p.texts[min(1, len(p.texts)-1)], p.texts[len(p.texts)-1])
	}
	p.step = DecimalText(step, dec)
	return p, nil
}

// DecimalText writes r with at most dec decimals, without trailing zeros
// ("0.35", not "0.350"), as a slider's value attribute and the page's
// address write a setting.
func DecimalText(r *big.Rat, dec int) string {
	s := r.FloatString(dec)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// varySettings is the number of settings of the parameters.
func varySettings(params []varyParam) int {
	n := 1
	for _, p := range params {
		n *= len(p.values)
	}
	return n
}

// varyDeps returns the indexes of the parameters an expression refers to.
func varyDeps(params []varyParam, text string) []int {
	var deps []int
	names := exprNames(text)
	for i, p := range params {
		for _, n := range names {
			if n == p.name {
				deps = append(deps, i)
				break
			}
		}
	}
	return deps
}

// varyBinding binds the parameters to the values of setting idx, whose
// first parameter varies fastest.
func varyBinding(params []varyParam, idx []int) starlark.StringDict {
	b := starlark.StringDict{}
	for i, p := range params {
		b[p.name] = starlark.Float(p.values[idx[i]])
	}
	return b
}

// defaults returns the default setting.
func varyDefaults(params []varyParam) []int {
	idx := make([]int, len(params))
	for i, p := range params {
		idx[i] = p.def
	}
	return idx
}

// varyCombos lists the settings of the parameters deps, first varying
// fastest, each as a full setting (the other parameters at their
// defaults), with the index of the default among them.
func varyCombos(params []varyParam, deps []int) (combos [][]int, def int) {
	n := 1
	for _, d := range deps {
		n *= len(params[d].values)
	}
	for c := 0; c < n; c++ {
		idx := varyDefaults(params)
		rest, isDef := c, true
		for _, d := range deps {
			idx[d] = rest % len(params[d].values)
			rest /= len(params[d].values)
			isDef = isDef && idx[d] == params[d].def
		}
		if isDef {
			def = c
		}
		combos = append(combos, idx)
	}
	return combos, def
}

// varySettingText names a setting in a CSV header: "h=0.35, k=2".
func varySettingText(params []varyParam, deps, idx []int) string {
	var parts []string
	for _, d := range deps {
		parts = append(parts, params[d].name+"="+params[d].texts[idx[d]])
	}
	return strings.Join(parts, ", ")
}

// varyLayer evaluates a line's expression at every setting of the
// parameters it refers to.
func (o *plotOptions) varyLayer(env *plotEnv, option, text, column string, n int, deps []int, res *Result) (*figure.Variation, error) {
	if option != "line" {
		return nil, OptionErrorf(option, "option %q: %s refers to %s, which :vary: sets, but only :line: series can vary; draw it as a line", option, text, o.params[deps[0]].name)
	}
	if n > maxVaryPoints {
		return nil, OptionErrorf(option, "option %q: %s varies, and x has %d values; a varied series has at most %d, since the page ships every one at every setting; take fewer x values", option, text, n, maxVaryPoints)
	}
	combos, def := varyCombos(o.params, deps)
	o.varyValues += len(combos) * n
	if o.varyValues > maxVaryValues {
		return nil, OptionErrorf("vary", "option \"vary\": the varied series hold %d values or more over their settings, over the limit of %d that a page may ship for one figure; take a larger step, fewer x values, or vary fewer series", o.varyValues, maxVaryValues)
	}
	v := &figure.Variation{Default: def}
	for _, idx := range combos {
		ys, err := env.values(option, text, varyBinding(o.params, idx))
		if err != nil {
			return nil, err
		}
		if len(ys) != n {
			return nil, OptionErrorf(option, "option %q: %s has %d values at %s and x has %d; a series needs one value for each x", option, text, len(ys), varySettingText(o.params, deps, idx), n)
		}
		v.Y = append(v.Y, ys)
		res.Columns = append(res.Columns, column+" ("+varySettingText(o.params, deps, idx)+")")
		res.Data = append(res.Data, ys)
	}
	return v, nil
}

// Slider is one slider of a varied figure, as VaryWidget draws it.
type Slider struct {
	// Name is the parameter's name in the page's address
	// (?<figure id>.<Name>=<value>) and ends the input's id.
	Name   string
	Label  string    // the visible label, e.g. "bandwidth h"
	Values []float64 // the values, increasing
	Texts  []string  // each value as the input's value attribute and the address write it
	// Shown, when set, is each value as the reader sees it, when that is
	// not its Text: a query slider over point indices shows positions.
	Shown   []string
	Step    string // the input's step attribute
	Default int    // index of the value drawn first
}

// shown returns value i as the reader sees it.
func (s Slider) shown(i int) string {
	if s.Shown != nil {
		return s.Shown[i]
	}
	return s.Texts[i]
}

// varyJSON is what the page script is told about a varied figure.
type varyJSON struct {
	Params []varyParamJSON   `json:"params"`
	Series []varySeries      `json:"series"`
	Axes   []figure.VaryAxis `json:"axes,omitempty"`
}

type varyParamJSON struct {
	Name    string    `json:"name"`
	Values  []float64 `json:"v"`
	Texts   []string  `json:"t"`
	Shown   []string  `json:"s,omitempty"`
	Default int       `json:"i"`
}

type varySeries struct {
	Params []int `json:"p"` // the parameters the series depends on, first varying fastest
	figure.VarySeries
}

// varyWidget assembles a varied {plot}: both drawings and the sliders
// (see VaryWidget).
func (o *plotOptions) varyWidget(p figure.LinePlot, deps [][]int, title, alt string) ([]byte, error) {
	id := o.Label
	svgs, data, err := figure.VariedSVGs(p,
		[]figure.Meta{{ID: id, Title: title, Desc: alt}, {ID: id + "-compact", Title: title, Desc: alt}},
		[][2]float64{{p.Width, p.Height}, {compactWidth, compactHeight}})
	if err != nil {
		return nil, fmt.Errorf("drawing the figure: %v", err)
	}
	var sliders []Slider
	for _, q := range o.params {
		sliders = append(sliders, Slider{Name: q.name, Label: q.label, Values: q.values, Texts: q.texts, Step: q.step, Default: q.def})
	}
	return VaryWidget(id, svgs[0], svgs[1], sliders, deps, data)
}

// VaryWidget assembles a figure with sliders, the one slider mechanism of
// every directive: the wide and the compact drawing (each drawn with the
// default setting by the figure package, its varied paths marked), the
// sliders (disabled until the script runs, with a note saying so), a live
// region naming the setting, the data and the script
// (templates/static/js/vary.js), which only writes precomputed paths,
// transforms and tick labels into the drawings. deps[j] lists the sliders
// that data.Series[j] depends on, the first varying fastest in the order
// of its settings.
//
// Every figure links the script. A directive does not know whether an
// earlier block on the same page already did, and a second identical
// <script defer> only re-runs an idempotent setup from the browser's cache.
func VaryWidget(id string, wide, compact []byte, sliders []Slider, deps [][]int, data *figure.VaryData) ([]byte, error) {
	if len(deps) != len(data.Series) {
		return nil, fmt.Errorf("drawing the figure: %d varied series, %d lists of their sliders", len(data.Series), len(deps))
	}
	payload := varyJSON{Axes: data.Axes}
	var summary []string
	for _, s := range sliders {
		payload.Params = append(payload.Params, varyParamJSON{Name: s.Name, Values: s.Values, Texts: s.Texts, Shown: s.Shown, Default: s.Default})
		summary = append(summary, s.Label+" = "+s.shown(s.Default))
	}
	for k, s := range data.Series {
		payload.Series = append(payload.Series, varySeries{Params: deps[k], VarySeries: s})
	}
	js, err := json.Marshal(payload) // escapes <, > and &, so it cannot end the <script>
	if err != nil {
		return nil, err
	}
	esc := html.EscapeString
	var b bytes.Buffer
	fmt.Fprintf(&b, "<div class=\"kp-vary\" data-kp-vary-root data-kp-id=\"%s\">\n", esc(id))
	b.Write(twoSizes(wide, compact))
	b.WriteString("\n<div class=\"kp-vary-controls\">\n")
	fmt.Fprintf(&b, "<p class=\"kp-slider-nojs\" data-kp-nojs>The sliders need JavaScript, which is off: the figure shows %s.</p>\n", esc(strings.Join(summary, ", ")))
	for k, s := range sliders {
		inputID := id + "-" + s.Name
		shown := s.shown(s.Default)
		fmt.Fprintf(&b, "<div class=\"kp-slider\"><label for=\"%s\">%s</label> <output class=\"kp-slider-value\" for=\"%s\" data-kp-value=\"%d\">%s</output>\n", esc(inputID), esc(s.Label), esc(inputID), k, esc(shown))
		fmt.Fprintf(&b, "<input type=\"range\" id=\"%s\" min=\"%s\" max=\"%s\" step=\"%s\" value=\"%s\" aria-valuetext=\"%s\" data-kp-slider=\"%d\" autocomplete=\"off\" disabled></div>\n",
			esc(inputID), esc(s.Texts[0]), esc(s.Texts[len(s.Texts)-1]), esc(s.Step), esc(s.Texts[s.Default]), esc(s.Label+" = "+shown), k)
	}
	fmt.Fprintf(&b, "<p class=\"kp-slider-status\" aria-live=\"polite\" data-kp-status>%s</p>\n</div>\n", esc(strings.Join(summary, ", ")))
	b.WriteString("<script type=\"application/json\" data-kp-data>")
	b.Write(js)
	fmt.Fprintf(&b, "</script>\n<script src=\"%s\" defer></script>\n</div>", varyScript)
	return b.Bytes(), nil
}

// varySummary describes the sliders for the figure's alt text.
func (o *plotOptions) varySummary() string {
	var parts, shown []string
	for _, q := range o.params {
		parts = append(parts, fmt.Sprintf("%s from %s to %s", q.label, q.texts[0], q.texts[len(q.texts)-1]))
		shown = append(shown, q.label+" = "+q.texts[q.def])
	}
	return fmt.Sprintf(" Sliders set %s; the figure first shows %s.", strings.Join(parts, " and "), strings.Join(shown, ", "))
}

// varyWork is the work :vary: may spend evaluating its series at every
// setting, declared before anything runs.
func (o *plotOptions) varyWork() int64 {
	if len(o.params) == 0 {
		return 0
	}
	return min(int64(varySettings(o.params))*o.variedRefs()*plotExprWork, maxVaryWork)
}

// variedRefs counts the layers' expressions that refer to a parameter of
// :vary:, reading the options as Limits does (0 when they do not parse).
func (o *plotOptions) variedRefs() int64 {
	var n int64
	for _, l := range []struct{ option, value string }{{"line", o.Line}, {"points", o.Points}, {"bars", o.Bars}, {"area", o.Area}} {
		arity := 1
		if l.option == "area" {
			arity = 2
		}
		refs, _ := parsePlotRefs(l.option, l.value, arity)
		for _, r := range refs {
			for _, name := range r.names {
				if len(varyDeps(o.params, name)) > 0 {
					n++
				}
			}
		}
	}
	return n
}

// varyBytes bounds what :vary: adds to the page: every varied value as a
// level in the data and a cell of the CSV, and the sliders.
func (o *plotOptions) varyBytes() int64 {
	if len(o.params) == 0 {
		return 0
	}
	series := o.variedRefs()
	values := min(int64(varySettings(o.params))*series*min(o.points(), maxVaryPoints), maxVaryValues)
	// A CSV header per setting of each varied series: its column and the
	// setting's values.
	headers := min(int64(varySettings(o.params))*series, maxVaryValues) * int64(len(o.Line)+40*maxVaryParams)
	var sliders int64
	for _, q := range o.params {
		sliders += int64(len(q.values))*varySliderBytes + 4*int64(len(q.label)+len(q.name)) + 1_000
	}
	// Each varied line's drawn path, once per drawing, in levels, and its
	// x levels in the data.
	paths := 3 * series * min(o.points(), maxVaryPoints) * 12
	// With :ylim: follow, each setting of each series ships the value of
	// a level and its zoom, and each zoom (at most one a setting) six tick
	// labels.
	var follow int64
	if o.yFollows || strings.TrimSpace(o.YLim) == "follow" {
		settings := int64(varySettings(o.params))
		follow = settings*series*(25+6) + settings*(6*24+25)
	}
	return values*(varyLevelBytes+CSVCellBytes) + headers + sliders + paths + follow + 2_000
}
