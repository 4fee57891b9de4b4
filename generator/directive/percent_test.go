package directive

import (
	"math"
	"strings"
	"testing"

	"go.starlark.net/starlark"
)

// percentEval evaluates src as an {eval} expression is evaluated, with x
// bound to 0.33478 and inf to +∞.
func percentEval(src string) (string, error) {
	expr, err := computeFileOptions.ParseExpr("x.md", src, 0)
	if err != nil {
		return "", err
	}
	env := starlark.StringDict{"x": starlark.Float(0.33478), "inf": starlark.Float(math.Inf(1)), percentName: percentBuiltin}
	v, err := starlark.EvalExprOptions(computeFileOptions, &starlark.Thread{}, rewritePercent(expr), env)
	if err != nil {
		return "", err
	}
	if s, ok := v.(starlark.String); ok {
		return string(s), nil
	}
	return v.String(), nil
}

func TestPercentFormatsAsPython(t *testing.T) {
	// Each want is what Python 3 prints for the same expression.
	for src, want := range map[string]string{
		`"%.4f" % x`:                      "0.3348",
		`"h = %.2f" % x`:                  "h = 0.33",
		`"%8.3f|" % 3.14159`:              "   3.142|",
		`"%-8.2f|" % 2.5`:                 "2.50    |",
		`"%+.1e" % 12345.0`:               "+1.2e+04",
		`"%05d" % 42`:                     "00042",
		`"%+d" % 42`:                      "+42",
		`"% d" % 42`:                      " 42",
		`"%#x" % 255`:                     "0xff",
		`"%#o" % 8`:                       "0o10",
		`"%10g|" % 1234567.0`:             "1.23457e+06|",
		`"%.3g" % 0.000123456`:            "0.000123",
		`"%(h).2f" % {"h": 1.005}`:        "1.00",
		`"%.2f%%" % 99.5`:                 "99.50%",
		`"%5s|%-4s|" % ("ab", "c")`:       "   ab|c   |",
		`"%.3s" % "abcdef"`:               "abc",
		`"%.0f %.0f" % (2.5, 3.5)`:        "2 4",
		`"%.2f" % 3`:                      "3.00",
		`"%6.2f" % (-1.5)`:                " -1.50",
		`"%.f" % 2.7`:                     "3",
		`"%10.3e" % 0.00012345`:           " 1.234e-04",
		`"%d of %d" % (3, 4)`:             "3 of 4",
		`"%.2f and %s" % (x, "y")`:        "0.33 and y",
		`"%.1f" % (x * 100) + "%"`:        "33.5%",
		`["%.1f" % v for v in [1, 2]][1]`: "2.0",
	} {
		got, err := percentEval(src)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", src, got, err, want)
		}
	}
}

func TestPercentKeepsStarlarksOwnConversions(t *testing.T) {
	// Without flags, width or precision, % is Starlark's, which differs
	// from Python's for %g (shortest digits) and infinities (+inf); and a
	// % that is not on a string is arithmetic.
	for src, want := range map[string]string{
		`"%g" % 1234567.0`:     "1.234567e+06",
		`"%f" % inf`:           "+inf",
		`"%8.2f|" % inf`:       "    +inf|",
		`"%d" % 3.9`:           "3",
		`"%s %r" % ("a", "a")`: `a "a"`,
		`7 % 3`:                "1",
		`7.5 % 2`:              "1.5",
		`"%x" % 255`:           "ff",
	} {
		got, err := percentEval(src)
		if err != nil || got != want {
			t.Errorf("%s = %q, %v; want %q", src, got, err, want)
		}
	}
}

func TestPercentErrors(t *testing.T) {
	for src, want := range map[string]string{
		`"%.2f" % "x"`:         "%f format requires float, not string",
		`"%*d" % (3, 4)`:       "a width or precision of * is not supported",
		`"%.2f %.2f" % (1.0,)`: "not enough arguments for format string",
		`"%.2f" % (1.0, 2.0)`:  "too many arguments for format string",
		`"%.2q" % 1`:           "unknown conversion %q",
		`"%.2" % 1`:            "incomplete format",
		`"%(a)d" % 1`:          "format requires a mapping",
		`"%5d" % "x"`:          "%d format requires integer",
	} {
		_, err := percentEval(src)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", src, err, want)
		}
	}
}
