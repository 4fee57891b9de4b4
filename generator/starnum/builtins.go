package starnum

import (
	"math"

	"go.starlark.net/starlark"
)

// Doc describes one predeclared name for the authoring guide.
type Doc struct {
	Name      string // the predeclared name, e.g. "linspace"
	Signature string // how it is called, e.g. "linspace(start, stop, num=50)"
	Doc       string // one line saying what it does
}

// builtin is one predeclared name: a function (impl) or a constant (value),
// with its documentation.
type builtin struct {
	Doc
	impl  func(l *Library, fn string, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)
	value starlark.Value
}

// allBuiltins returns every predeclared name in the order of the reference.
func allBuiltins() []builtin {
	var all []builtin
	for _, group := range [][]builtin{
		constantBuiltins, createBuiltins, elementwiseBuiltins, statsBuiltins,
		linalgBuiltins, randomBuiltins, modelBuiltins, csvBuiltins,
	} {
		all = append(all, group...)
	}
	return all
}

// Reference returns the name, signature and one-line doc of every
// predeclared name, in the order the authoring guide lists them.
func Reference() []Doc {
	var docs []Doc
	for _, b := range allBuiltins() {
		docs = append(docs, b.Doc)
	}
	return docs
}

// constantBuiltins are the predeclared constants.
var constantBuiltins = []builtin{
	{Doc: Doc{"pi", "pi", "π = 3.141592653589793, a float."}, value: starlark.Float(math.Pi)},
}
