package directive

import (
	"fmt"
	"math"
	"regexp"
	"sort"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/kernelpress/kernelpress/generator/starnum"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// This file evaluates what a {plot} draws: the names a compute block above
// it defined, or short Starlark expressions over them (kde(xs, grid, 0.3),
// d["eruptions"], (1 - ys)), with :vary:'s parameters bound (plot_vary.go).
// An expression runs on a thread and a numeric library of the figure's own,
// both bounded by the work the figure declared, so its cost is counted the
// same on every machine and whatever other figures of the page do.

// maxPlotExprBytes bounds the text of one expression.
const maxPlotExprBytes = 200

// plotExprWork is the work (Starlark steps plus numeric operations) that a
// {plot} declares, and may spend, for evaluating each expression of its
// layers once: a kde of 272 samples on 512 points is 139,264.
const plotExprWork = 2_000_000

// checkPlotExpr accepts a name, or an expression that parses.
func checkPlotExpr(option, text string) error {
	if plotName.MatchString(text) {
		return nil
	}
	if len(text) > maxPlotExprBytes {
		return OptionErrorf(option, "option %q: the expression %.40q… is %d bytes long, over the limit of %d; compute it in a {compute} block and give its name", option, text, len(text), maxPlotExprBytes)
	}
	if _, err := syntax.ParseExpr("", text, 0); err != nil {
		return OptionErrorf(option, "option %q: %q is neither a name nor an expression: %v; give the names of values a {compute} block defined, or an expression such as kde(xs, grid, 0.3) (one with spaces goes in parentheses)", option, text, plotExprError(err))
	}
	return nil
}

// plotExprError drops the position of a syntax error in a one-line
// expression.
func plotExprError(err error) string {
	if e, ok := err.(syntax.Error); ok {
		return e.Msg
	}
	return err.Error()
}

// exprNames returns the names an expression refers to, in order, each
// once. A name bound inside it (by a comprehension or lambda) counts too:
// the answer may list more than the expression depends on, never less.
func exprNames(text string) []string {
	e, err := syntax.ParseExpr("", text, 0)
	if err != nil {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	syntax.Walk(e, func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok && !seen[id.Name] {
			seen[id.Name] = true
			names = append(names, id.Name)
		}
		return true
	})
	return names
}

// plotEnv evaluates a figure's values in the namespace of the compute
// blocks above it.
type plotEnv struct {
	ns     starlark.StringDict
	thread *starlark.Thread
	lib    *starnum.Library
	budget int64 // the work the figure's expressions may spend
}

// newPlotEnv returns an evaluator over ns whose expressions may spend
// budget units of work in all. The library's builtins are the figure's
// own, so their work is counted here.
func newPlotEnv(ns starlark.StringDict, budget int64) *plotEnv {
	budget = max(budget, 1)
	lib := starnum.New(starnum.Options{MaxWork: budget})
	env := copyDict(ns)
	for name, b := range lib.Predeclared() {
		if _, builtin := env[name].(*starlark.Builtin); builtin {
			env[name] = b
		}
	}
	t := &starlark.Thread{Name: "plot", Load: refuseLoad}
	t.SetMaxExecutionSteps(uint64(budget))
	return &plotEnv{ns: env, thread: t, lib: lib, budget: budget}
}

// spent is the work the figure's expressions have done so far.
func (e *plotEnv) spent() int64 { return int64(e.thread.ExecutionSteps()) + e.lib.Work() }

// value returns what text stands for, with the names in bind bound too
// (they hide the namespace's).
func (e *plotEnv) value(option, text string, bind starlark.StringDict) (starlark.Value, error) {
	if v, ok := bind[text]; ok {
		return v, nil
	}
	if plotName.MatchString(text) {
		if v, ok := e.ns[text]; ok {
			return v, nil
		}
		return nil, e.undefined(option, text, bind)
	}
	env := e.ns
	if len(bind) > 0 {
		env = copyDict(e.ns)
		for k, v := range bind {
			env[k] = v
		}
	}
	v, err := starlark.Eval(e.thread, "", text, env)
	if err != nil {
		if m := undefinedName.FindStringSubmatch(err.Error()); m != nil {
			return nil, e.undefined(option, m[1], bind)
		}
		if e.spent() >= e.budget {
			return nil, OptionErrorf(option, "option %q: evaluating %s ran over the %s units of work (Starlark steps plus numeric operations) this figure may spend on its expressions; compute the values in a {compute} block, or vary fewer settings", option, text, thousands(e.budget))
		}
		msg := err.Error()
		if ee, ok := err.(*starlark.EvalError); ok {
			msg = ee.Msg
		}
		return nil, OptionErrorf(option, "option %q: evaluating %s: %s", option, text, msg)
	}
	if e.spent() > e.budget {
		return nil, OptionErrorf(option, "option %q: evaluating %s ran over the %s units of work (Starlark steps plus numeric operations) this figure may spend on its expressions; compute the values in a {compute} block, or vary fewer settings", option, text, thousands(e.budget))
	}
	return v, nil
}

// undefined is the error for a name nothing defines, with the nearest
// name that is defined.
func (e *plotEnv) undefined(option, name string, bind starlark.StringDict) error {
	return undefinedIn(e.ns, bind, option, name)
}

// undefinedIn is the error for a name that neither ns (builtins aside)
// nor bind defines, with the nearest name that one of them does.
func undefinedIn(ns, bind starlark.StringDict, option, name string) error {
	var names []string
	for n, v := range ns {
		if _, builtin := v.(*starlark.Builtin); !builtin {
			names = append(names, n)
		}
	}
	for n := range bind {
		names = append(names, n)
	}
	msg := fmt.Sprintf("option %q: no {compute} block above this figure defines %s", option, name)
	sort.Strings(names)
	if c := suggest.Closest(name, names); c != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", c)
	}
	return OptionErrorf(option, "%s; a figure sees the names of the compute blocks above it, never those below", msg)
}

// values returns the numbers text stands for: a 1-D array, or a list or
// tuple of numbers, of 2 to MaxPlotPoints finite values.
func (e *plotEnv) values(option, text string, bind starlark.StringDict) ([]float64, error) {
	v, err := e.value(option, text, bind)
	if err != nil {
		return nil, err
	}
	return plotFloats(option, text, v)
}

// number returns the finite number text stands for.
func (e *plotEnv) number(option, text string, bind starlark.StringDict) (float64, error) {
	v, err := e.value(option, text, bind)
	if err != nil {
		return 0, err
	}
	f, ok := starlark.AsFloat(v)
	if !ok {
		return 0, OptionErrorf(option, "option %q: %s is a %s, not a number", option, text, v.Type())
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, OptionErrorf(option, "option %q: %s is %v; a figure draws finite numbers only", option, text, f)
	}
	return f, nil
}

// plotFloats converts a series' value to numbers.
func plotFloats(option, name string, v starlark.Value) ([]float64, error) {
	var out []float64
	switch v := v.(type) {
	case *starnum.Array:
		if len(v.Shape()) != 1 {
			return nil, OptionErrorf(option, "option %q: %s is an array of shape %v; a series is one-dimensional", option, name, v.Shape())
		}
		out = v.Values()
	case starlark.Indexable:
		if _, isString := v.(starlark.String); isString {
			return nil, OptionErrorf(option, "option %q: %s is a string; a series is an array or a list of numbers", option, name)
		}
		if v.Len() > MaxPlotPoints {
			return nil, OptionErrorf(option, "option %q: %s has %d values; a series has 2 to %d", option, name, v.Len(), MaxPlotPoints)
		}
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

// undefinedName finds the name in Starlark's error for an undefined one.
var undefinedName = regexp.MustCompile(`undefined: ([A-Za-z_][A-Za-z0-9_]*)`)
