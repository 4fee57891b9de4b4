package starnum

import (
	"math"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// fileOptions allow top-level for loops and reassignment, as a {compute}
// block is likely to.
var fileOptions = &syntax.FileOptions{TopLevelControl: true, GlobalReassign: true, While: true}

// execWith runs src with l's builtins predeclared.
func execWith(l *Library, src string) (starlark.StringDict, error) {
	thread := &starlark.Thread{Name: "test"}
	return starlark.ExecFileOptions(fileOptions, thread, "test.star", src, l.Predeclared())
}

// run runs src with a default library and returns its globals.
func run(t testing.TB, src string) starlark.StringDict {
	t.Helper()
	g, err := execWith(New(Options{}), src)
	if err != nil {
		t.Fatalf("running %q: %v", src, err)
	}
	return g
}

// runErr runs src, which must fail, and returns the error message.
func runErr(t testing.TB, l *Library, src string) string {
	t.Helper()
	if l == nil {
		l = New(Options{})
	}
	_, err := execWith(l, src)
	if err == nil {
		t.Fatalf("running %q: no error", src)
	}
	if ee, ok := err.(*starlark.EvalError); ok {
		return ee.Msg
	}
	return err.Error()
}

// values returns the elements of an Array (or a float as one element).
func values(t testing.TB, v starlark.Value) []float64 {
	t.Helper()
	switch v := v.(type) {
	case *Array:
		return v.Values()
	case starlark.Float:
		return []float64{float64(v)}
	}
	t.Fatalf("got %s %v, want an array", v.Type(), v)
	return nil
}

// num returns a Starlark number as float64.
func num(t testing.TB, v starlark.Value) float64 {
	t.Helper()
	f, ok := starlark.AsFloat(v)
	if !ok {
		t.Fatalf("got %s %v, want a number", v.Type(), v)
	}
	return f
}

// near reports whether got is within tol of want.
func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// assertValues checks got against want element by element within tol.
func assertValues(t testing.TB, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: got %d values %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range got {
		if got[i] != want[i] && !near(got[i], want[i], tol) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
			t.Errorf("%s[%d] = %v, want %v (±%g)", what, i, got[i], want[i], tol)
		}
	}
}
