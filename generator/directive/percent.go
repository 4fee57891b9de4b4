package directive

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// This file gives Starlark's % operator the width, precision and flags of
// Python's printf-style formatting, which go.starlark.net leaves out
// ("%.4f" % h fails there with "unknown conversion %."): every x % y of a
// {compute} block or an {eval} expression is rewritten, once parsed, into
// a call of percentBuiltin, which formats a
// string x as Python does and leaves everything else to Starlark's own %.
// A conversion without flags, width or precision is Starlark's own, so
// whatever Starlark's % accepts gives the same result.

// percentName is the name the rewritten expressions call: not an
// identifier, so no name of the page can take it.
const percentName = "%"

// percentBuiltin is x % y.
var percentBuiltin = starlark.NewBuiltin(percentName, func(_ *starlark.Thread, _ *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	if len(args) != 2 || len(kwargs) != 0 {
		return nil, fmt.Errorf("internal error: %% takes two operands")
	}
	if format, ok := args[0].(starlark.String); ok {
		return formatPercent(string(format), args[1])
	}
	return starlark.Binary(syntax.PERCENT, args[0], args[1])
})

// rewritePercent replaces every x % y in e, e included, with a call of
// percentBuiltin, and returns the result.
func rewritePercent(e syntax.Expr) syntax.Expr {
	e = percentCall(e)
	rewritePercentUnder(e)
	return e
}

// rewritePercentUnder replaces every x % y under n (a file, a statement or
// an expression) with a call of percentBuiltin.
func rewritePercentUnder(n syntax.Node) {
	syntax.Walk(n, func(c syntax.Node) bool {
		v := reflect.ValueOf(c)
		if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
			return true
		}
		s := v.Elem()
		for i := 0; i < s.NumField(); i++ {
			f := s.Field(i)
			if !f.CanSet() {
				continue
			}
			switch {
			case f.Kind() == reflect.Interface && !f.IsNil():
				if e, ok := f.Interface().(syntax.Expr); ok {
					f.Set(reflect.ValueOf(percentCall(e)))
				}
			case f.Kind() == reflect.Slice:
				for j := 0; j < f.Len(); j++ {
					if el := f.Index(j); el.Kind() == reflect.Interface && !el.IsNil() {
						if e, ok := el.Interface().(syntax.Expr); ok {
							el.Set(reflect.ValueOf(percentCall(e)))
						}
					}
				}
			}
		}
		return true
	})
}

// percentCall returns x % y as a call of percentBuiltin, and any other
// expression as it is.
func percentCall(e syntax.Expr) syntax.Expr {
	b, ok := e.(*syntax.BinaryExpr)
	if !ok || b.Op != syntax.PERCENT {
		return e
	}
	return &syntax.CallExpr{Fn: &syntax.Ident{NamePos: b.OpPos, Name: percentName}, Lparen: b.OpPos, Args: []syntax.Expr{b.X, b.Y}, Rparen: b.OpPos}
}

// formatPercent is format % x, as Python formats it: each conversion is
// %[(key)][flags][width][.precision]type, with flags from "-+ 0#".
func formatPercent(format string, x starlark.Value) (starlark.Value, error) {
	var buf strings.Builder
	index, nargs := 0, 1
	tuple, isTuple := x.(starlark.Tuple)
	if isTuple {
		nargs = len(tuple)
	}
	_, isMapping := x.(starlark.Mapping)
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			buf.WriteString(format)
			break
		}
		buf.WriteString(format[:i])
		format = format[i+1:]
		if strings.HasPrefix(format, "%") {
			buf.WriteByte('%')
			format = format[1:]
			continue
		}
		var arg starlark.Value
		if strings.HasPrefix(format, "(") {
			j := strings.IndexByte(format, ')')
			if j < 0 {
				return nil, fmt.Errorf("incomplete format key")
			}
			m, ok := x.(starlark.Mapping)
			if !ok {
				return nil, fmt.Errorf("format requires a mapping")
			}
			v, found, err := m.Get(starlark.String(format[1:j]))
			if err != nil || !found {
				return nil, fmt.Errorf("key not found: %s", format[1:j])
			}
			arg, format = v, format[j+1:]
		} else {
			if index >= nargs {
				return nil, fmt.Errorf("not enough arguments for format string")
			}
			arg = x
			if isTuple {
				arg = tuple[index]
			}
		}
		spec := format[:len(format)-len(strings.TrimLeft(format, "-+ 0#"))]
		format = format[len(spec):]
		width := format[:len(format)-len(strings.TrimLeft(format, "0123456789"))]
		format = format[len(width):]
		precision := ""
		if strings.HasPrefix(format, ".") {
			digits := strings.TrimLeft(format[1:], "0123456789")
			precision, format = format[:len(format)-len(digits)], digits
			if precision == "." {
				precision = ".0" // Python reads a bare "." as precision 0
			}
		}
		if format == "" {
			return nil, fmt.Errorf("incomplete format")
		}
		if strings.HasPrefix(format, "*") {
			return nil, fmt.Errorf("a width or precision of * is not supported: write the number into the format")
		}
		conv := format[0]
		format = format[1:]
		index++
		if len(width) > 3 || len(precision) > 4 {
			return nil, fmt.Errorf("width and precision are at most 999")
		}
		s, err := convert(conv, spec, width+precision, arg)
		if err != nil {
			return nil, err
		}
		buf.WriteString(s)
	}
	if index < nargs && !isMapping {
		return nil, fmt.Errorf("too many arguments for format string")
	}
	return starlark.String(buf.String()), nil
}

// convert formats one argument by one conversion: Starlark's own when it
// has no flags, width or precision (size), else as Python does.
func convert(conv byte, flags, size string, arg starlark.Value) (string, error) {
	if flags+size == "" {
		v, err := starlark.Binary(syntax.PERCENT, starlark.String("%"+string(conv)), starlark.Tuple{arg})
		if err != nil {
			return "", err
		}
		return string(v.(starlark.String)), nil
	}
	// The flags that Go's fmt reads as Python does for the verb, then the
	// width and precision.
	keep := func(allowed string) string {
		var b strings.Builder
		for _, c := range flags {
			if strings.ContainsRune(allowed, c) {
				b.WriteRune(c)
			}
		}
		return b.String() + size
	}
	switch conv {
	case 's', 'r', 'a', 'c':
		plain := conv
		if plain == 'a' {
			plain = 'r'
		}
		s, err := convert(plain, "", "", arg)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%"+keep("-")+"s", s), nil
	case 'd', 'i', 'u', 'o', 'x', 'X':
		i, err := starlark.NumberToInt(arg)
		if err != nil {
			return "", fmt.Errorf("%%%c format requires integer: %v", conv, err)
		}
		verb := map[byte]string{'d': "d", 'i': "d", 'u': "d", 'o': "o", 'x': "x", 'X': "X"}[conv]
		s := fmt.Sprintf("%"+keep("-+ 0#")+verb, i.BigInt())
		if conv == 'o' && strings.Contains(flags, "#") {
			s = strings.Replace(s, "0", "0o", 1) // Python writes 0o17, Go 017
		}
		return s, nil
	case 'e', 'E', 'f', 'F', 'g', 'G':
		f, ok := starlark.AsFloat(arg)
		if !ok {
			return "", fmt.Errorf("%%%c format requires float, not %s", conv, arg.Type())
		}
		if math.IsInf(f, 0) || math.IsNaN(f) {
			s, _ := convert(conv, "", "", starlark.Float(f)) // inf, nan as Starlark writes them
			width, _, _ := strings.Cut(keep("-"), ".")
			return fmt.Sprintf("%"+width+"s", s), nil
		}
		verb := keep("-+ 0#")
		if (conv == 'g' || conv == 'G') && !strings.Contains(size, ".") {
			verb += ".6" // Python's default precision; Go's is the shortest
		}
		return fmt.Sprintf("%"+verb+string(conv), f), nil
	}
	return "", fmt.Errorf("unknown conversion %%%c", conv)
}
