package directive

import (
	"reflect"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// What the external tests (package directive_test) reach inside the engine.
// They run the seed model's directives, and the model imports the engine,
// so they cannot be part of this package.

// Thousands is thousands.
var Thousands = thousands

// SourceNameBytes is sourceNameBytes.
const SourceNameBytes = sourceNameBytes

// FigureKind names drawn figures in the cache.
const FigureKind = figureKind

// Drawn is a figure as drawn, as the cache keeps it.
type Drawn = drawn

// LoadDrawn and SaveDrawn read and write a drawn figure in the cache.
var LoadDrawn, SaveDrawn = loadDrawn, saveDrawn

// Field is one option field of a directive's options struct.
type Field = field

// Index is the field's index in its struct, for reflect.Value.FieldByIndex.
func (f field) Index() []int { return f.index }

// FieldsOf lists the option fields of opts, a pointer to an options struct.
func FieldsOf(opts any) []Field { return optionFields(reflectType(opts)) }

// SetField parses text into the field fv as an option line would.
func SetField(fv reflect.Value, f Field, text string) error { return setField(fv, f, text) }

// DecodeLines decodes a block's options into opts, returning the line of
// each option the block sets and every problem.
func DecodeLines(b *markup.Directive, opts any) (map[string]int, []*Error) {
	d, errs := decodeOptions(b, opts)
	return d.lines, errs
}

// NewOptions returns a fresh options struct of the directive.
func (d Definition) NewOptions() any { return d.newOptions() }

// File is the Go file that defines the directive.
func (d Definition) File() string { return d.file }

// Version is the directive's code version.
func (d Definition) Version() string { return d.version }

// Prepared decodes and checks the block b alone, as the first block of a
// page x.md whose folder is testdata/bundle, and returns its options when
// it is ready to run.
func (r *Registry) Prepared(b *markup.Directive) (any, []*Error) {
	return r.PreparedIn("testdata/bundle", b)
}

// PreparedIn is Prepared in the explainer's folder dir.
func (r *Registry) PreparedIn(dir string, b *markup.Directive) (any, []*Error) {
	x := &expansion{reg: r, page: Page{File: "x.md", Dir: dir}, block: b, number: 1, lines: map[string]int{}}
	errs := x.prepare()
	return x.opts, errs
}

// RunBlock expands the block b alone, as the first block of page, without
// drawing a PNG for link previews, and returns its HTML.
func (r *Registry) RunBlock(page Page, b *markup.Directive) ([]byte, []*Error) {
	x := &expansion{reg: r, page: page, block: b, number: 1, lines: map[string]int{}}
	errs := x.run()
	return x.html, errs
}

// ComputeRuns is how many compute blocks have been executed (not taken
// from the cache) so far.
func ComputeRuns() int64 { return computeRuns.Load() }
