package directive

import (
	"errors"
	"fmt"
	"html"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// fuzzEngine parses the blocks the fuzz targets build; an Engine is safe for
// concurrent use.
var fuzzEngine = markup.New(markup.Config{})

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
	type seed struct {
		which  uint8
		i1     uint8
		k1, v1 string
		i2     uint8
		v2     string
	}
	idx := func(name, option string) uint8 {
		def, _ := lookup(name)
		for i, f := range optionFields(reflectType(def.newOptions())) {
			if f.Name == option {
				return uint8(i)
			}
		}
		panic("no option " + option + " in {" + name + "}")
	}
	which := func(name string) uint8 {
		for i, d := range registry {
			if d.Name == name {
				return uint8(i)
			}
		}
		panic("no directive " + name)
	}
	seeds := []seed{
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
		def := registry[int(which)%len(registry)]
		fields := optionFields(reflectType(def.newOptions()))
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
		opts := def.newOptions()
		decoded, errs := decodeOptions(b, opts)
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
		for key, line := range decoded.lines {
			if line != 2 && line != 3 {
				t.Fatalf("%q: option %q recorded on line %d", src, key, line)
			}
		}
		// Every field holds a canonical value: its default, or what an
		// option line set it to.
		v := reflect.ValueOf(opts).Elem()
		for _, fd := range fields {
			fv := v.FieldByIndex(fd.index)
			text := valueText(fv)
			if text == "" {
				continue // a Value never set (no default, no valid option)
			}
			fresh := reflect.New(fv.Type()).Elem()
			if err := setField(fresh, fd, text); err != nil {
				t.Fatalf("%q: option %q holds %q, which does not parse back: %v", src, fd.Name, text, err)
			}
			if again := valueText(fresh); again != text {
				t.Fatalf("%q: option %q holds %q, which parses back as %q", src, fd.Name, text, again)
			}
		}

		if len(errs) > 0 || len(b.Problems) > 0 || !fuzzExpanded[def.Name] || !cheapToRun(opts) {
			return
		}
		x := &expansion{
			page: Page{
				File:    "fuzz.md",
				Caption: func(md []byte) ([]byte, error) { return []byte(html.EscapeString(string(md))), nil },
				Env:     &Env{},
			},
			block:  b,
			number: 1,
			lines:  map[string]int{},
			social: false, // drawing the PNG would slow the fuzzer tenfold
		}
		for _, e := range x.run() {
			var target *Error
			if !errors.As(error(e), &target) || e.Line < 1 || e.Line > 4 {
				t.Fatalf("%q: expanding reports %v, outside the block's lines 1…4", src, e)
			}
		}
	})
}

// checkValueRoundTrip feeds text to a fresh value of the field's type when
// that type is a Value, and checks that a value it accepts is canonical.
func checkValueRoundTrip(t *testing.T, directive string, fd field, text string) {
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
func fieldType(directive string, fd field) reflect.Type {
	def, _ := lookup(directive)
	return reflect.ValueOf(def.newOptions()).Elem().FieldByIndex(fd.index).Type()
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
		return formatNumber(fv.Float())
	}
	panic("unsupported option type " + fv.Type().String())
}

// cheapToRun reports whether expanding a block with these options takes
// milliseconds: few inputs, and few slider settings for {explore}.
func cheapToRun(opts any) bool {
	const maxN = 40
	switch o := opts.(type) {
	case *compareOptions:
		return o.N <= maxN
	case *weightsOptions:
		return o.N <= maxN
	case *signalOptions:
		return o.N <= maxN
	case *exploreOptions:
		return o.N <= maxN && (o.Bandwidths.Len()+o.Temperatures.Len())*int64(o.N) <= 200
	}
	return false
}

// FuzzSignalSpec checks that SignalSpec.Set never panics and that a signal
// it accepts is canonical, finite and within its limits.
func FuzzSignalSpec(f *testing.F) {
	for _, s := range []string{
		"default", "sine", "noisy", " sine ", "sin",
		"amp=1 freq=2 decay=1; amp=0.5 freq=1",
		"freq=1", "freq=1000 decay=-100 phase=-1e308 amp=1e308",
		"freq=1;", ";", "freq=1 freq=2", "amp=1", "freq=-0", "freq=1e-400",
		"freq=0x10", "freq=1_0", "freq=NaN", "freq=Inf", "freq=1 phase=+Inf",
		"freq=1 x", "freq=1 =2", "frq=1", "freq=1\u00a0amp=2", "freq=1\tamp=2",
		strings.Repeat("freq=1;", 31) + "freq=1",
		strings.Repeat("freq=1;", 32) + "freq=1",
		"freq=.5 amp=5. phase=1E3 decay=-1e-3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var s SignalSpec
		if err := s.Set(text); err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", text)
			}
			return
		}
		checkSignal(t, text, &s)
		var again SignalSpec
		if err := again.Set(s.String()); err != nil {
			t.Fatalf("%q is accepted as %q, which is refused: %v", text, s.String(), err)
		}
		if again.String() != s.String() {
			t.Fatalf("%q is accepted as %q, which reads back as %q", text, s.String(), again.String())
		}
		if !reflect.DeepEqual(bitsOfSignal(&again), bitsOfSignal(&s)) {
			t.Fatalf("%q: canonical %q gives terms %+v (noise %v), the text gave %+v (noise %v)", text, s.String(), again.terms, again.noise, s.terms, s.noise)
		}
	})
}

func checkSignal(t *testing.T, text string, s *SignalSpec) {
	t.Helper()
	if n := len(s.terms); n < 1 || n > maxSignalTerms {
		t.Fatalf("%q gives %d terms, want 1 to %d", text, n, maxSignalTerms)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	for i, term := range s.terms {
		if !finite(term.Amplitude) || !finite(term.Frequency) || !finite(term.Phase) || !finite(term.Decay) {
			t.Fatalf("%q: term %d is not finite: %+v", text, i+1, term)
		}
		if term.Frequency < 0 || term.Frequency > 1000 || term.Decay < -100 || term.Decay > 100 {
			t.Fatalf("%q: term %d is out of range: %+v", text, i+1, term)
		}
	}
	if !finite(s.noise) || s.noise < 0 {
		t.Fatalf("%q: noise %v", text, s.noise)
	}
}

// bitsOfSignal lists a signal's numbers as bits, so that -0 and 0 differ.
func bitsOfSignal(s *SignalSpec) []uint64 {
	out := []uint64{math.Float64bits(s.noise)}
	for _, t := range s.terms {
		out = append(out, math.Float64bits(t.Amplitude), math.Float64bits(t.Frequency), math.Float64bits(t.Phase), math.Float64bits(t.Decay))
	}
	return out
}

// FuzzMatrixSpec checks that MatrixSpec.Set never panics and that a matrix
// it accepts is canonical, finite, rectangular and at most 64×64, and that
// resolving it against an encoding never panics either.
func FuzzMatrixSpec(f *testing.F) {
	for _, s := range []string{
		"default", "identity", "zero", "random", " random ", "",
		"1 0 0 0; 0 1 0 0; 0 0 0 0; 0 0 0 0", "1 0 0 0", "1", "x", "1;2", "1 2; 3",
		"1;", ";", " ; ", "1e308 -1e308 4.9e-324 -0", "nan", "1 inf", "0x1p3 1",
		"1\t2;3\u00a04", "+1 -2; .5 5.",
		strings.Repeat("1 ", 64), strings.Repeat("1 ", 65),
		strings.TrimSuffix(strings.Repeat("1;", 64), ";"), strings.TrimSuffix(strings.Repeat("1;", 65), ";"),
	} {
		f.Add(s, uint8(4), uint64(1))
	}
	f.Fuzz(func(t *testing.T, text string, d uint8, seed uint64) {
		var m MatrixSpec
		if err := m.Set(text); err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", text)
			}
			return
		}
		switch m.kind {
		case "default", "identity", "zero", "random":
			if m.rows != nil || m.String() != m.kind {
				t.Fatalf("%q: kind %q with rows %v and text %q", text, m.kind, m.rows, m.String())
			}
		case "rows":
			if len(m.rows) < 1 || len(m.rows) > maxMatrixSide {
				t.Fatalf("%q: %d rows", text, len(m.rows))
			}
			for i, r := range m.rows {
				if len(r) < 1 || len(r) > maxMatrixSide || len(r) != len(m.rows[0]) {
					t.Fatalf("%q: row %d has %d entries (row 1 has %d)", text, i+1, len(r), len(m.rows[0]))
				}
				for j, x := range r {
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Fatalf("%q: entry %d,%d is %v", text, i+1, j+1, x)
					}
				}
			}
		default:
			t.Fatalf("%q: unknown kind %q", text, m.kind)
		}
		var again MatrixSpec
		if err := again.Set(m.String()); err != nil {
			t.Fatalf("%q is accepted as %q, which is refused: %v", text, m.String(), err)
		}
		if again.String() != m.String() || again.kind != m.kind {
			t.Fatalf("%q is accepted as %q (%s), which reads back as %q (%s)", text, m.String(), m.kind, again.String(), again.kind)
		}
		if !reflect.DeepEqual(bitsOfMatrix(again.rows), bitsOfMatrix(m.rows)) {
			t.Fatalf("%q: canonical %q gives rows %v, the text gave %v", text, m.String(), again.rows, m.rows)
		}
		dim := int(d%8) + 1
		got, err := m.Matrix("wq", dim, seed)
		if err != nil {
			return
		}
		if len(got) == 0 {
			t.Fatalf("%q at d=%d: an empty matrix and no error", text, dim)
		}
		for i, r := range got {
			if len(r) != dim {
				t.Fatalf("%q at d=%d: row %d has %d columns", text, dim, i+1, len(r))
			}
		}
	})
}

// bitsOfMatrix lists a matrix's entries as bits, so that -0 and 0 differ.
func bitsOfMatrix(m [][]float64) [][]uint64 {
	if m == nil {
		return nil
	}
	out := make([][]uint64, len(m))
	for i, r := range m {
		for _, x := range r {
			out[i] = append(out[i], math.Float64bits(x))
		}
	}
	return out
}
