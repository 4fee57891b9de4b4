package directive

import (
	"strings"
	"testing"
)

// FuzzPlotSpec feeds any text to the readers of {plot}'s layer, :vary: and
// :each: options: none may panic, and what they accept must hold their
// promises: a layer is a name or an expression that parses, a parameter of
// :vary: has 2 to maxVarySettings values with its default among them, the
// settings of all its parameters are at most maxVarySettings, and a list
// of :each: written out has at most maxEachPanels items.
func FuzzPlotSpec(f *testing.F) {
	for _, s := range []string{
		`ys as "data", kde(xs, grid, 0.3) as "fit"`,
		`d["eruptions"] (1 - ys), lo hi as "band"`,
		`h = 0.05 … 1.5 step 0.05 default 0.35 as "bandwidth h"`,
		`a = 1 … 2 step 1; b = 0 ... 0.2 step 0.1 default 0.1`,
		`h in [0.1, 0.3, 1] as "bandwidth h"`,
		`f(")", [1, "]"])`, `((`, `"unclosed`, `x = 1 … 1e9 step 1`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		for _, arity := range []int{1, 2} {
			refs, err := parsePlotRefs("line", s, arity)
			if err != nil {
				continue
			}
			for _, r := range refs {
				if len(r.names) != arity {
					t.Fatalf("%q: a layer of %d names, want %d", s, len(r.names), arity)
				}
				for _, n := range r.names {
					if checkPlotExpr("line", n) != nil {
						t.Fatalf("%q: accepted %q, which does not parse", s, n)
					}
				}
			}
		}
		if params, err := parseVary(s); err == nil {
			if len(params) > maxVaryParams || varySettings(params) > maxVarySettings {
				t.Fatalf("%q: %d parameters, %d settings", s, len(params), varySettings(params))
			}
			for _, p := range params {
				if len(p.values) < 2 || p.def < 0 || p.def >= len(p.values) || len(p.texts) != len(p.values) {
					t.Fatalf("%q: parameter %s has %d values, default %d", s, p.name, len(p.values), p.def)
				}
				for i := 1; i < len(p.values); i++ {
					if !(p.values[i] > p.values[i-1]) {
						t.Fatalf("%q: values of %s not increasing: %v", s, p.name, p.values)
					}
				}
			}
		}
		if e, err := parseEach(s); err == nil && e != nil {
			if n := literalLen(e.list); n > maxEachPanels {
				t.Fatalf("%q: accepted a list of %d items", s, n)
			}
			if strings.TrimSpace(e.name) == "" {
				t.Fatalf("%q: accepted an empty name", s)
			}
		}
	})
}
