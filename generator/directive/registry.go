package directive

import (
	"fmt"
	"io/fs"
	"runtime"
	"sort"
)

// Extension is a set of directives defined outside the engine, such as the
// figures of one model. A build lists the extensions it uses (the site's
// configuration carries them) the way goldmark.New takes its extensions:
// the engine knows none of them.
type Extension struct {
	// Name names the extension in its figures' code versions and in
	// errors, e.g. "attention".
	Name string
	// Sources holds the Go files of the package that defines the
	// directives, embedded with //go:embed *.go. A figure's code version
	// digests them (see NewRegistry), so that changing the model's code
	// redraws its figures.
	Sources fs.FS
	// Directives are the extension's directives, each made by Define in
	// one file of Sources.
	Directives []Definition
}

// Definition describes one directive: its name, what it draws, its options
// and how it runs. Make one with Define.
type Definition struct {
	Name    string // written in braces as a fence's info string, e.g. {compare}
	Summary string // one sentence saying what the figure shows

	file       string                                    // the Go file that defines it, for its code version
	newOptions func() any                                // a pointer to a fresh options struct
	run        func(opts any, env *Env) (*Result, error) // computes and describes the block
	version    string                                    // its code version, set by NewRegistry
	model      string                                    // the extension that defines it, "" for the engine's own
}

// Estimator is implemented by the options of every directive: Work returns
// what running the block costs, in units of about one kernel evaluation,
// from its validated options, before anything runs. The counts are of the
// pair evaluations a figure does (n² per smoother or attention matrix) plus
// PointWork for every point it draws; they are estimates, calibrated
// against the benchmarks, not exact counts. Expand holds a page's blocks
// to MaxPageWork together.
type Estimator interface {
	Work() int64
}

// Sizer is implemented by the options of every directive: OutputBytes
// returns an upper bound on the bytes the block writes (its HTML without
// the caption, plus the files it writes beside the page), from its
// validated options, before anything runs. Each directive's method, in its
// own file, says how it counts, from the pieces in size.go. Expand holds a
// page's blocks to MaxPageBytes together, and checks each bound again once
// the block has run, so a bound that is too low is a build error naming the
// block, never a page over MaxPageBytes.
type Sizer interface {
	OutputBytes() int64
}

// Limiter is implemented by the options of a directive with limits beyond
// the ranges of single options (steps × n² for {train}, say): Limits
// returns an error naming the option to change (OptionErrorf) when they
// are exceeded. Expand checks it before anything runs.
type Limiter interface {
	Limits() error
}

// Define makes a Definition from a run function on a typed options struct,
// whose fields carry option, default, range and doc tags (see OptionDoc)
// and which embeds FigureOptions when the directive draws a numbered
// figure. Its options estimate their work and bytes, so a directive cannot
// be defined without both. Call it in the file that holds the directive's
// whole contract: the file is what the figure's code version names.
func Define[T any, O interface {
	*T
	Estimator
	Sizer
}](name, summary string, run func(O, *Env) (*Result, error)) Definition {
	_, file, _, _ := runtime.Caller(1)
	return Definition{
		Name:       name,
		Summary:    summary,
		file:       callerFile(file),
		newOptions: func() any { return O(new(T)) },
		run:        func(opts any, env *Env) (*Result, error) { return run(opts.(O), env) },
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

// IsFigure reports whether the directive draws a numbered figure (and so
// takes label, title and alt), rather than placing other HTML in the page as
// {source} and {options} do.
func (d Definition) IsFigure() bool {
	_, ok := d.newOptions().(hasFigure)
	return ok
}

// Model names the extension that defines the directive, e.g. "attention",
// or is "" for the engine's own, which work on any topic ({compute},
// {plot}, …).
func (d Definition) Model() string { return d.model }

// ShowsFile reports whether the directive shows a file of the explainer's
// folder, named after the directive on its fence line ({figure}), which a
// page needs before it can use the directive.
func (d Definition) ShowsFile() bool {
	_, ok := d.newOptions().(argumentTaker)
	return ok
}

// Registry is the set of directives one build knows: the engine's own,
// {source}, {options}, {compute}, {builtins}, {plot} and {figure}, and those of the build's extensions.
type Registry struct {
	defs []Definition // in the order they were registered
}

// NewRegistry returns the engine's directives with those of exts. Each
// directive gets its code version, the digest of the code that computes
// and draws its figures: the numerics and figure packages, the engine's
// shared files, the shared files of the extension that defines it, and
// its own file; another directive's file is left out, so editing one
// directive redraws only its figures. It fails when two directives share a
// name or a directive's file is not among its extension's Sources.
func NewRegistry(exts ...Extension) (*Registry, error) {
	r := &Registry{}
	engine := newSourceSet("directive", sources, []Definition{sourceDirective, optionsDirective(r), computeDirective, builtinsDirective, plotDirective, figureImageDirective})
	if err := r.add(engine, nil); err != nil {
		return nil, err
	}
	for _, ext := range exts {
		if ext.Sources == nil {
			return nil, fmt.Errorf("directive extension %q has no Sources to version its figures by", ext.Name)
		}
		if err := r.add(newSourceSet(ext.Name, ext.Sources, ext.Directives), engine); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// add registers the directives of set, versioned by the shared code of
// engine (nil for the engine's own) and of set itself.
func (r *Registry) add(set *sourceSet, engine *sourceSet) error {
	for _, d := range set.defs {
		if _, taken := r.Lookup(d.Name); taken {
			return fmt.Errorf("directive {%s} of %s is defined twice", d.Name, set.name)
		}
		v, err := set.version(d, engine)
		if err != nil {
			return err
		}
		d.version = v
		if engine != nil {
			d.model = set.name
		}
		r.defs = append(r.defs, d)
	}
	return nil
}

// All returns the definitions of every directive, sorted by name.
func (r *Registry) All() []Definition {
	out := append([]Definition(nil), r.defs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup finds a directive by name, without braces.
func (r *Registry) Lookup(name string) (Definition, bool) {
	for _, d := range r.defs {
		if d.Name == name {
			return d, true
		}
	}
	return Definition{}, false
}

// names lists the registered directive names, sorted.
func (r *Registry) names() []string {
	out := make([]string, len(r.defs))
	for i, d := range r.defs {
		out[i] = d.Name
	}
	sort.Strings(out)
	return out
}
