package directive_test

import (
	"errors"
	"fmt"
	"html"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
	"github.com/kernelpress/kernelpress/generator/models/attention"
)

// fuzzEngine parses the blocks the fuzz targets build; an Engine is safe for
// concurrent use.
var fuzzEngine = markup.New(markup.Config{})

// fuzzDirectives are the directives FuzzOptions builds blocks of, by
// number: the seed model's, then {source} and {options}.
var fuzzDirectives = func() []Definition {
	defs := append([]Definition(nil), attention.Model.Directives...)
	for _, name := range []string{"source", "options"} {
		d, _ := seed.Lookup(name)
		defs = append(defs, d)
	}
	return defs
}()

// fuzzExpanded are the directives FuzzOptions also runs, when their options
// decode and their cost is small (see cheapToRun).
var fuzzExpanded = map[string]bool{"compare": true, "weights": true, "explore": true, "signal": true}

// FuzzOptions builds a directive block with two option lines, the first
// :k1: v1 (or, when k1 is empty, the option numbered i1), the second the
// option numbered i2 set to v2, and decodes it. Nothing may panic; every
// problem is an *Error located on the line that caused it; every option that
// decodes, and every default, is canonical: setting a fresh field from its
// String() gives the same String(). Each Value type's Set is also fed v1 and
// v2 directly. For {compare}, {weights}, {explore} and {signal} whose options
// decode and whose cost is small, the block is expanded too, and any problem
// must again be an *Error located inside the block.
func FuzzOptions(f *testing.F) {
	type fuzzSeed struct {
		which  uint8
		i1     uint8
		k1, v1 string
		i2     uint8
		v2     string
	}
	idx := func(name, option string) uint8 {
		def, _ := seed.Lookup(name)
		for i, f := range FieldsOf(def.NewOptions()) {
			if f.Name == option {
				return uint8(i)
			}
		}
		panic("no option " + option + " in {" + name + "}")
	}
	which := func(name string) uint8 {
		for i, d := range fuzzDirectives {
			if d.Name == name {
				return uint8(i)
			}
		}
		panic("no directive " + name)
	}
	seeds := []fuzzSeed{
		{which("compare"), 0, "bandwidth", "0.1", idx("compare", "n"), "20"},
		{which("compare"), 0, "wq", "1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0", idx("compare", "n"), "12"},
		{which("compare"), 0, "wq", "1 0 0 0", idx("compare", "n"), "12"},
		{which("compare"), 0, "wk", "1e300 1e300 1e300 1e300; 1 1 1 1; 1 1 1 1; 1 1 1 1", idx("compare", "n"), "10"},
		{which("compare"), 0, "signal", "amp=1e308 freq=1; amp=1e308 freq=2", idx("compare", "n"), "10"},
		{which("compare"), 0, "title", "<script>alert(1)</script>", idx("compare", "alt"), `"onmouseover="x ]]> & '`},
		{which("compare"), 0, "label", "fig-1", idx("compare", "n"), "5"},
		{which("compare"), 0, "noise", "preset", idx("compare", "signal"), "noisy"},
		{which("compare"), 0, "temperature", "1e-300", idx("compare", "n"), "8"},
		{which("compare"), 0, "bandwidth", "1e-300", idx("compare", "n"), "8"},
		{which("weights"), 0, "query", "middle", idx("weights", "n"), "9"},
		{which("weights"), 0, "query", "40", idx("weights", "n"), "9"},
		{which("weights"), 0, "query", "+3", idx("weights", "wk"), "random"},
		{which("explore"), 0, "bandwidths", "0.05:0.2:0.05", idx("explore", "n"), "10"},
		{which("explore"), 0, "temperatures", "0.5:1:0.5", idx("explore", "bandwidth"), "0.1"},
		{which("explore"), 0, "bandwidths", "0.1:0.1:1", idx("explore", "temperatures"), "1:1:1"},
		{which("explore"), 0, "temperatures", "0.000000001:0.000000002:0.000000001", idx("explore", "n"), "4"},
		{which("signal"), 0, "signal", "amp=1 freq=2 decay=1; amp=0.5 freq=1", idx("signal", "noise"), "0.1"},
		{which("signal"), 0, "signal", "sine", idx("signal", "seed"), "18446744073709551615"},
		{which("signal"), 0, "n", "2", idx("signal", "signal"), "freq=1000 decay=-100 phase=-1e308"},
		{which("bandwidth"), 0, "bandwidths", "0.01, 0.03,0.1 0.3", idx("bandwidth", "search"), "0.005:0.3"},
		{which("bandwidth"), 0, "search", "1e-320:1e-310", idx("bandwidth", "noise"), "0"},
		{which("train"), 0, "learn_temperature", "true", idx("train", "steps"), "10"},
		{which("heatmap"), 0, "", "x", 0, "y"},
		{which("compare"), 3, "", "nan", 4, "inf"},
		{which("compare"), 0, "bandwdth", "0.1", 0, ""},
		{which("compare"), 0, "bandwidth", "0x1p-2", idx("compare", "temperature"), "1_0"},
		{which("compare"), 0, "n", "50", idx("compare", "n"), "60"},
		{which("source"), 0, "func", "numerics.Smooth", 1, "A title"},
		{which("options"), 0, "directive", "compare", 0, "weights"},
	}
	for _, s := range seeds {
		f.Add(s.which, s.i1, s.k1, s.v1, s.i2, s.v2)
	}
	f.Fuzz(func(t *testing.T, which, i1 uint8, k1, v1 string, i2 uint8, v2 string) {
		def := fuzzDirectives[int(which)%len(fuzzDirectives)]
		fields := FieldsOf(def.NewOptions())
		if len(fields) == 0 {
			return
		}
		oneLine := strings.NewReplacer("\n", " ", "\r", " ").Replace
		k1, v1, v2 = oneLine(k1), oneLine(v1), oneLine(v2)
		if k1 == "" {
			k1 = fields[int(i1)%len(fields)].Name
		}
		k2 := fields[int(i2)%len(fields)].Name

		// Each Value's Set, given the raw text.
		for _, fd := range fields {
			for _, text := range []string{v1, v2} {
				checkValueRoundTrip(t, def.Name, fd, text)
			}
		}

		src := fmt.Sprintf("```{%s}\n:%s: %s\n:%s: %s\n```\n", def.Name, k1, v1, k2, v2)
		doc, err := fuzzEngine.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		blocks := markup.Directives(doc.Root)
		if len(blocks) != 1 || !blocks[0].Closed {
			t.Fatalf("%q parses to %d blocks, want one closed block", src, len(blocks))
		}
		b := blocks[0]
		for _, p := range b.Problems {
			if p.Line != 2 && p.Line != 3 {
				t.Fatalf("%q: problem on line %d: %s", src, p.Line, p.Message)
			}
		}
		opts := def.NewOptions()
		lines, errs := DecodeLines(b, opts)
		errLines := map[int]bool{}
		for _, e := range errs {
			if e.Line != 2 && e.Line != 3 {
				t.Fatalf("%q: decoding reports line %d, not an option line: %v", src, e.Line, e)
			}
			if e.Directive != def.Name || e.Msg == "" {
				t.Fatalf("%q: malformed error %#v", src, e)
			}
			errLines[e.Line] = true
		}
		for key, line := range lines {
			if line != 2 && line != 3 {
				t.Fatalf("%q: option %q recorded on line %d", src, key, line)
			}
		}
		// Every field holds a canonical value: its default, or what an
		// option line set it to.
		v := reflect.ValueOf(opts).Elem()
		for _, fd := range fields {
			fv := v.FieldByIndex(fd.Index())
			text := valueText(fv)
			if text == "" {
				continue // a Value never set (no default, no valid option)
			}
			fresh := reflect.New(fv.Type()).Elem()
			if err := SetField(fresh, fd, text); err != nil {
				t.Fatalf("%q: option %q holds %q, which does not parse back: %v", src, fd.Name, text, err)
			}
			if again := valueText(fresh); again != text {
				t.Fatalf("%q: option %q holds %q, which parses back as %q", src, fd.Name, text, again)
			}
		}

		if len(errs) > 0 || len(b.Problems) > 0 || !fuzzExpanded[def.Name] || !cheapToRun(opts) {
			return
		}
		page := Page{
			File:    "fuzz.md",
			Caption: func(md []byte) ([]byte, error) { return []byte(html.EscapeString(string(md))), nil },
			Env:     &Env{},
		}
		// RunBlock draws no PNG, which would slow the fuzzer tenfold.
		_, runErrs := seed.RunBlock(page, b)
		for _, e := range runErrs {
			var target *Error
			if !errors.As(error(e), &target) || e.Line < 1 || e.Line > 4 {
				t.Fatalf("%q: expanding reports %v, outside the block's lines 1…4", src, e)
			}
		}
	})
}

// checkValueRoundTrip feeds text to a fresh value of the field's type when
// that type is a Value, and checks that a value it accepts is canonical.
func checkValueRoundTrip(t *testing.T, directive string, fd Field, text string) {
	t.Helper()
	typ := fieldType(directive, fd)
	p := reflect.New(typ)
	val, ok := p.Interface().(Value)
	if !ok {
		return
	}
	if err := val.Set(text); err != nil {
		return
	}
	canon := val.String()
	again := reflect.New(typ).Interface().(Value)
	if err := again.Set(canon); err != nil {
		t.Fatalf("{%s} option %q: %q is accepted as %q, which is refused: %v", directive, fd.Name, text, canon, err)
	}
	if again.String() != canon {
		t.Fatalf("{%s} option %q: %q is accepted as %q, which reads back as %q", directive, fd.Name, text, canon, again.String())
	}
}

// fieldType is the type of the option field fd of the named directive.
func fieldType(directive string, fd Field) reflect.Type {
	def, _ := seed.Lookup(directive)
	return reflect.ValueOf(def.NewOptions()).Elem().FieldByIndex(fd.Index()).Type()
}

// valueText writes a field's value as an option would: String() for a Value,
// the shortest form for a number.
func valueText(fv reflect.Value) string {
	if val, ok := fv.Addr().Interface().(Value); ok {
		return val.String()
	}
	switch fv.Kind() {
	case reflect.String:
		return fv.String()
	case reflect.Bool:
		return strconv.FormatBool(fv.Bool())
	case reflect.Int:
		return strconv.FormatInt(fv.Int(), 10)
	case reflect.Uint64:
		return strconv.FormatUint(fv.Uint(), 10)
	case reflect.Float64:
		return FormatNumber(fv.Float())
	}
	panic("unsupported option type " + fv.Type().String())
}

// cheapToRun reports whether expanding a block with these options takes
// milliseconds: few inputs, and few slider settings for {explore}.
func cheapToRun(opts any) bool {
	const maxN = 40
	v := reflect.ValueOf(opts).Elem()
	n := v.FieldByName("N").Int()
	settings := int64(0)
	if h := v.FieldByName("Bandwidths"); h.IsValid() {
		type counted interface{ Len() int64 }
		settings = h.Addr().Interface().(counted).Len() + v.FieldByName("Temperatures").Addr().Interface().(counted).Len()
	}
	return n <= maxN && settings*n <= 200
}
