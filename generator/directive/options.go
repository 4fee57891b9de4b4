package directive

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// Value is an option type that parses itself from the text an author wrote,
// in the manner of flag.Value: Set parses, String gives the canonical form.
type Value interface {
	Set(text string) error
	String() string
}

// OptionDoc describes one option of a directive, for error messages and the
// authoring documentation.
type OptionDoc struct {
	Name    string // the key an author writes, e.g. "bandwidth"
	Default string // the default as an author would write it; empty means none
	Range   string // the accepted range, e.g. "> 0, ≤ 10", or "" when any value of the type is accepted
	Doc     string // one sentence saying what the option does
}

// field ties one struct field to the option that sets it.
type field struct {
	OptionDoc
	index []int
	// bounds; NaN means unbounded on that side
	min, max             float64
	exclusiveMin, hasMin bool
	hasMax               bool
}

// optionFields lists the option fields of the struct type t in declaration
// order, descending into embedded structs. It panics on a malformed tag, a
// programming error caught by the package's tests.
func optionFields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			for _, inner := range optionFields(sf.Type) {
				inner.index = append([]int{i}, inner.index...)
				out = append(out, inner)
			}
			continue
		}
		name, ok := sf.Tag.Lookup("option")
		if !ok {
			continue
		}
		f := field{
			OptionDoc: OptionDoc{Name: name, Default: sf.Tag.Get("default"), Doc: sf.Tag.Get("doc")},
			index:     []int{i},
		}
		var ranges []string
		if s, ok := sf.Tag.Lookup("gt"); ok {
			f.min, f.hasMin, f.exclusiveMin = mustFloat(name, s), true, true
			ranges = append(ranges, "> "+s)
		}
		if s, ok := sf.Tag.Lookup("min"); ok {
			f.min, f.hasMin = mustFloat(name, s), true
			ranges = append(ranges, "≥ "+s)
		}
		if s, ok := sf.Tag.Lookup("max"); ok {
			f.max, f.hasMax = mustFloat(name, s), true
			ranges = append(ranges, "≤ "+s)
		}
		f.Range = strings.Join(ranges, " and ")
		out = append(out, f)
	}
	return out
}

func mustFloat(name, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(fmt.Sprintf("directive: option %q has a bad bound %q", name, s))
	}
	return v
}

// decoded records where each option of one directive block was set.
type decoded struct {
	lines map[string]int // option name → source line, for options the author wrote
}

// decodeOptions fills the options struct dst (a pointer) from defaults and
// from the block's option lines. It returns every problem it finds, each as an
// *Error located at the offending line.
func decodeOptions(b *markup.Directive, dst any) (decoded, []*Error) {
	v := reflect.ValueOf(dst).Elem()
	fields := optionFields(v.Type())
	byName := make(map[string]field, len(fields))
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		byName[f.Name] = f
		names = append(names, f.Name)
	}
	sort.Strings(names)

	var errs []*Error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &Error{Line: line, Directive: b.Name, Msg: fmt.Sprintf(format, args...)})
	}
	for _, f := range fields {
		if f.Default == "" {
			continue
		}
		if err := setField(v.FieldByIndex(f.index), f, f.Default); err != nil {
			panic(fmt.Sprintf("directive {%s}: default of option %q does not parse: %v", b.Name, f.Name, err))
		}
	}
	d := decoded{lines: make(map[string]int)}
	for _, o := range b.Options {
		f, ok := byName[o.Key]
		if !ok {
			msg := fmt.Sprintf("unknown option %q", o.Key)
			if s := suggest.Closest(o.Key, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			fail(o.Line, "%s; options are %s", msg, strings.Join(names, ", "))
			continue
		}
		if first, dup := d.lines[o.Key]; dup {
			fail(o.Line, "option %q is given twice (first on line %d)", o.Key, first)
			continue
		}
		d.lines[o.Key] = o.Line
		if err := setField(v.FieldByIndex(f.index), f, o.Value); err != nil {
			var part *partError
			if errors.As(err, &part) {
				fail(o.Line, "option %q: %v", o.Key, err)
			} else {
				fail(o.Line, "option %q %v, got %q", o.Key, err, o.Value)
			}
		}
	}
	return d, errs
}

// setField parses text into the field, checking its bounds. The error reads
// as the end of a sentence that starts with the option's name.
func setField(fv reflect.Value, f field, text string) error {
	text = strings.TrimSpace(text)
	if val, ok := fv.Addr().Interface().(Value); ok {
		return val.Set(text)
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(text)
		return nil
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return fmt.Errorf("must be true or false")
		}
		fv.SetBool(b)
		return nil
	case reflect.Int:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return fmt.Errorf("must be a whole number%s", rangeSuffix(f))
		}
		if err := checkBounds(float64(n), f); err != nil {
			return err
		}
		fv.SetInt(n)
		return nil
	case reflect.Uint64:
		n, err := strconv.ParseUint(text, 10, 64)
		if err != nil {
			return fmt.Errorf("must be a whole number ≥ 0")
		}
		fv.SetUint(n)
		return nil
	case reflect.Float64:
		x, err := ParseFinite(text)
		if err != nil {
			return fmt.Errorf("%v%s", err, rangeSuffix(f))
		}
		if err := checkBounds(x, f); err != nil {
			return err
		}
		fv.SetFloat(x)
		return nil
	}
	panic(fmt.Sprintf("directive: option %q has unsupported type %s", f.Name, fv.Type()))
}

// ParseFinite parses a decimal number and rejects NaN and infinities, which
// strconv accepts but no option means; for a Value's Set.
func ParseFinite(text string) (float64, error) {
	x, err := strconv.ParseFloat(text, 64)
	if err != nil || strings.ContainsAny(text, "xXpP_") {
		return 0, fmt.Errorf("must be a number")
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("must be a finite number")
	}
	return x, nil
}

func rangeSuffix(f field) string {
	if f.Range == "" {
		return ""
	}
	return " " + f.Range
}

func checkBounds(x float64, f field) error {
	switch {
	case f.hasMin && f.exclusiveMin && !(x > f.min),
		f.hasMin && !f.exclusiveMin && !(x >= f.min),
		f.hasMax && !(x <= f.max):
		return fmt.Errorf("must be %s", f.Range)
	}
	return nil
}

// FormatNumber writes x in the shortest form that reads back as x: the
// canonical form of a number in an option's value.
func FormatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// Decode fills opts, a pointer to a directive's options struct, from its
// defaults and from the option lines of the block b, as Expand does, and
// returns every problem it finds, each an *Error at its line; for tools and
// tests that read the settings of an essay's blocks.
func Decode(b *markup.Directive, opts any) []error {
	_, errs := decodeOptions(b, opts)
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out
}
