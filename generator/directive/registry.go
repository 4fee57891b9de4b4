package directive

import (
	"runtime"
	"sort"
)

// registry lists every directive an essay can use. Adding a directive means
// writing its file and adding it here.
var registry = []Definition{
	signalDirective,
	compareDirective,
	weightsDirective,
	exploreDirective,
	heatmapDirective,
	bandwidthDirective,
	kernelsDirective,
	equivalenceDirective,
	trainDirective,
	sourceDirective,
	optionsDirective,
}

// Definition describes one directive: its name, what it draws, its options
// and how it runs.
type Definition struct {
	Name    string // written in braces as a fence's info string, e.g. {compare}
	Summary string // one sentence saying what the figure shows

	file       string                                    // the Go file that defines it, for its code version
	newOptions func() any                                // a pointer to a fresh options struct
	run        func(opts any, env *Env) (*Result, error) // computes and describes the block
}

// define builds a Definition from a run function on a typed options struct.
func define[T any](name, summary string, run func(*T, *Env) (*Result, error)) Definition {
	_, file, _, _ := runtime.Caller(1)
	return Definition{
		Name:       name,
		Summary:    summary,
		file:       callerFile(file),
		newOptions: func() any { return new(T) },
		run:        func(opts any, env *Env) (*Result, error) { return run(opts.(*T), env) },
	}
}

// Options documents the directive's options in declaration order.
func (d Definition) Options() []OptionDoc {
	fields := optionFields(reflectType(d.newOptions()))
	docs := make([]OptionDoc, len(fields))
	for i, f := range fields {
		docs[i] = f.OptionDoc
	}
	return docs
}

// All returns the definitions of every directive, sorted by name.
func All() []Definition {
	out := append([]Definition(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// lookup finds a directive by name.
func lookup(name string) (Definition, bool) {
	for _, d := range registry {
		if d.Name == name {
			return d, true
		}
	}
	return Definition{}, false
}

// names lists the registered directive names, sorted.
func names() []string {
	out := make([]string, len(registry))
	for i, d := range registry {
		out[i] = d.Name
	}
	sort.Strings(out)
	return out
}
