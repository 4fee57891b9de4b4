package directive

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// This file reads the values of {plot}'s layer options (plot.go): lists
// of names, each optionally given a legend label with as "…"; pairs of
// names for :area:; and x=… or y=… positions for :rule:.

// plotToken is one word, quoted label or comma of a layer option.
type plotToken struct {
	text   string
	quoted bool // a "label"
	comma  bool
}

// plotTokens splits an option's value into words, "quoted labels" and
// commas.
func plotTokens(option, s string) ([]plotToken, error) {
	var toks []plotToken
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == ',':
			toks = append(toks, plotToken{text: ",", comma: true})
			i++
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return nil, OptionErrorf(option, "option %q: the label %s has no closing quote", option, s[i:])
			}
			toks = append(toks, plotToken{text: s[i+1 : i+1+j], quoted: true})
			i += j + 2
		default:
			j, err := plotWordEnd(option, s, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, plotToken{text: s[i:j]})
			i = j
		}
	}
	return toks, nil
}

// plotWordEnd returns where the word starting at s[i] ends: at a space,
// comma or quote outside brackets. Inside (), [] and {} anything goes,
// strings included, so a call such as kde(xs, grid, 0.3) or an index such
// as d["eruptions"] is one word.
func plotWordEnd(option, s string, i int) (int, error) {
	var open []byte // the closing brackets awaited
	for j := i; j < len(s); j++ {
		c := s[j]
		switch {
		case len(open) == 0 && strings.IndexByte(" \t,\"", c) >= 0:
			return j, nil
		case c == '(' || c == '[' || c == '{':
			open = append(open, map[byte]byte{'(': ')', '[': ']', '{': '}'}[c])
		case c == ')' || c == ']' || c == '}':
			if len(open) == 0 || open[len(open)-1] != c {
				return 0, OptionErrorf(option, "option %q: %q has an unmatched %c", option, s[i:], c)
			}
			open = open[:len(open)-1]
		case (c == '"' || c == '\'') && len(open) > 0:
			k := strings.IndexByte(s[j+1:], c)
			if k < 0 {
				return 0, OptionErrorf(option, "option %q: the string in %q has no closing quote", option, s[i:])
			}
			j += k + 1
		}
	}
	if len(open) > 0 {
		return 0, OptionErrorf(option, "option %q: %q is missing a closing %c", option, s[i:], open[len(open)-1])
	}
	return len(s), nil
}

// plotRef is one layer's names and its legend label.
type plotRef struct {
	// names are the layer's values: names a compute block defined, or
	// expressions over them (plot_expr.go). One; two for an area (low,
	// high).
	names []string
	label string // from as "…"; empty if none
}

// column returns the CSV header of the layer's k-th name: its label (with
// " (low)" or " (high)" for an area), else the name.
func (r plotRef) column(k int) string {
	if r.label == "" {
		return r.names[k]
	}
	if len(r.names) == 2 {
		return r.label + [2]string{" (low)", " (high)"}[k]
	}
	return r.label
}

// parsePlotRefs reads a list of layers of arity names each, separated by
// spaces or commas, each optionally followed by as "label":
// `ys`, `ys zs`, `ys as "data", fit as "fit"`, or for an area `lo hi as
// "90% interval"`.
func parsePlotRefs(option, value string, arity int) ([]plotRef, error) {
	toks, err := plotTokens(option, value)
	if err != nil {
		return nil, err
	}
	example := `ys as "measured"`
	if arity == 2 {
		example = `lo hi as "interval"`
	}
	var refs []plotRef
	open := false // the last ref still takes names
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.comma:
			if open && len(refs[len(refs)-1].names) < arity {
				return nil, OptionErrorf(option, "option %q: %s is %d name short; give %d names for each, e.g. %s", option, strings.Join(refs[len(refs)-1].names, " "), arity-len(refs[len(refs)-1].names), arity, example)
			}
			open = false
		case t.quoted:
			return nil, OptionErrorf(option, "option %q: the label %q needs as before it, e.g. %s", option, t.text, example)
		case t.text == "as":
			if len(refs) == 0 || i+1 >= len(toks) || !toks[i+1].quoted {
				return nil, OptionErrorf(option, "option %q: as must follow a name and come before a \"label\", e.g. %s", option, example)
			}
			last := &refs[len(refs)-1]
			if len(last.names) < arity {
				return nil, OptionErrorf(option, "option %q: %s is %d name short before as; e.g. %s", option, strings.Join(last.names, " "), arity-len(last.names), example)
			}
			if last.label != "" {
				return nil, OptionErrorf(option, "option %q: %s has two labels", option, strings.Join(last.names, " "))
			}
			last.label = strings.TrimSpace(toks[i+1].text)
			if last.label == "" {
				return nil, OptionErrorf(option, "option %q: the label of %s is empty", option, strings.Join(last.names, " "))
			}
			open = false
			i++
		default:
			if err := checkPlotExpr(option, t.text); err != nil {
				return nil, err
			}
			if open && len(refs[len(refs)-1].names) < arity {
				refs[len(refs)-1].names = append(refs[len(refs)-1].names, t.text)
			} else {
				refs = append(refs, plotRef{names: []string{t.text}})
			}
			open = true
		}
	}
	if n := len(refs); n > 0 && len(refs[n-1].names) < arity {
		return nil, OptionErrorf(option, "option %q: %s is %d name short; give %d names for each, e.g. %s", option, refs[n-1].names[0], arity-len(refs[n-1].names), arity, example)
	}
	return refs, nil
}

// plotRule is one :rule: entry: a vertical line at x = at or a horizontal
// one at y = at, where at is a number or the name of one.
type plotRule struct {
	vertical bool
	at       string
	label    string
}

// parsePlotRules reads rules such as `x=0.5 "median", y=m "mean"`.
func parsePlotRules(option, value string) ([]plotRule, error) {
	toks, err := plotTokens(option, value)
	if err != nil {
		return nil, err
	}
	const example = `x=0.5 "median", y=m "mean"`
	var rules []plotRule
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.comma:
		case t.quoted:
			if len(rules) == 0 || rules[len(rules)-1].label != "" {
				return nil, OptionErrorf(option, "option %q: the label %q must follow a position, e.g. %s", option, t.text, example)
			}
			rules[len(rules)-1].label = strings.TrimSpace(t.text)
		default:
			axis, at, ok := strings.Cut(t.text, "=")
			if !ok || (axis != "x" && axis != "y") || at == "" {
				return nil, OptionErrorf(option, "option %q: %q is not a position; write x=VALUE for a vertical line or y=VALUE for a horizontal one, e.g. %s", option, t.text, example)
			}
			if _, err := strconv.ParseFloat(at, 64); err != nil && !plotName.MatchString(at) {
				return nil, OptionErrorf(option, "option %q: %s is neither a number nor a name", option, at)
			}
			rules = append(rules, plotRule{vertical: axis == "x", at: at})
		}
	}
	return rules, nil
}

// parsePlotLimits reads :xlim: or :ylim:, two numbers: the ends of the
// axis.
func parsePlotLimits(option, value string) (lo, hi *float64, err error) {
	f := strings.FieldsFunc(value, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(f) == 0 {
		return nil, nil, nil
	}
	if len(f) != 2 {
		return nil, nil, OptionErrorf(option, "option %q takes two numbers, the ends of the axis, e.g. 0 1; got %q", option, value)
	}
	var v [2]float64
	for k, s := range f {
		if v[k], err = strconv.ParseFloat(s, 64); err != nil || v[k] != v[k] || v[k]-v[k] != 0 {
			return nil, nil, OptionErrorf(option, "option %q: %q is not a finite number", option, s)
		}
	}
	if v[0] >= v[1] {
		return nil, nil, OptionErrorf(option, "option %q: the axis must run from a lower to a higher number, got %v to %v", option, v[0], v[1])
	}
	return &v[0], &v[1], nil
}

// plotScale reads :xscale: or :yscale:, linear or log; it reports
// whether the scale is log.
func plotScale(option, value string) (bool, error) {
	switch strings.TrimSpace(value) {
	case "", "linear":
		return false, nil
	case "log":
		return true, nil
	}
	msg := fmt.Sprintf("option %q must be linear or log, got %q", option, value)
	if c := suggest.Closest(strings.TrimSpace(value), []string{"linear", "log"}); c != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", c)
	}
	return false, OptionErrorf(option, "%s", msg)
}
