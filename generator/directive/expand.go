package directive

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/gosource"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/parallel"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// compactWidth and compactHeight are the size, in points, of the second
// rendering of every figure, shown on narrow screens: scaled to a phone's
// width, the wide rendering's lettering would be too small to read.
const compactWidth, compactHeight = 340, 300

// socialWidth is the width in pixels of the PNG a page's first figure is
// drawn as for link previews (Outcome.Social), at the default 16:9 size.
const socialWidth = 1200

// Result is what a directive computes. A figure directive (one whose options
// embed FigureOptions) fills in Drawing, Title, Columns and Data: a drawing,
// the accessible title it gets when the author gives none, and the data behind
// it as named columns; or, for a figure that shows an image rather than
// data ({figure}), only Plot, leaving Drawing nil: it writes no CSV. Any
// other directive fills in HTML, and Files for what it writes beside the
// page.
type Result struct {
	Drawing figure.Drawing
	Title   string
	Columns []string
	Data    [][]float64

	// Extra are further tables behind the figure, each written as
	// <id>-<Name>.csv and linked beside the main data.
	Extra []Table
	// Note is a line of plain text shown under the figure, above the
	// caption, e.g. a number the figure is about.
	Note string
	// Plot, when set, replaces the pair of drawings (wide and compact) inside
	// the <figure>: for figures with markup of their own, such as controls.
	// Drawing is still used for the accessible title and description.
	Plot []byte

	HTML  []byte
	Files []File
	// Captioned, when set on a result that is not a figure, receives the
	// block's caption rendered to HTML and returns the block's HTML in place
	// of HTML, for a directive that places the caption itself.
	Captioned func(caption []byte) []byte
}

// FigureOptions are the options every figure directive takes: a
// directive's options struct that embeds them draws a numbered figure.
type FigureOptions struct {
	Label string `option:"label" doc:"Identifier of the figure, used as its HTML id and the name of its CSV file; letters, digits and hyphens, starting with a letter. Defaults to fig-N."`
	Title string `option:"title" doc:"Short title drawn above the plot and used as its accessible name."`
	Alt   string `option:"alt" doc:"Text description of the figure for readers who cannot see it. Defaults to a description generated from the plotted data."`
}

func (f *FigureOptions) figure() *FigureOptions { return f }

// codeBlock is implemented by the options of a directive whose body is
// code rather than a caption ({compute}): the engine gives it the block
// before decoding its options, and renders no caption.
type codeBlock interface {
	setBlock(b *markup.Directive)
	bodyIsCode()
}

// argumentTaker is implemented by the options of a directive that takes
// text after its name on the fence line, as ```{figure} diagram.svg names
// its file: the engine gives it that text, the page's folder (Page.Dir)
// and file before decoding its options. Any other directive refuses such
// text.
type argumentTaker interface {
	setArgument(arg, dir, file string)
}

// fileReader is implemented by the options of a figure that shows files
// of the explainer's folder ({figure}): readFiles reads them when the
// figure is computed, before its cache is looked up, and filesDigest is
// then the digest of their bytes, which the figure's cache key includes
// (figureKey), so a changed file is read again.
type fileReader interface {
	readFiles() error
	filesDigest() string
}

// hasFigure is implemented by every options struct that embeds
// FigureOptions, and by {figure}'s, which takes a label and alt text but no
// title.
type hasFigure interface{ figure() *FigureOptions }

// Table is a named table of numbers, written as CSV.
type Table struct {
	Name    string // the file name's suffix, e.g. "loocv"; letters, digits, hyphens
	Label   string // the link text, e.g. "LOOCV (CSV)"
	Columns []string
	Data    [][]float64
}

// File is an output file that a directive writes beside its page.
type File struct {
	Name string // file name relative to the page's directory
	Data []byte
}

// Env is what directives may know about the build they run in. Make a new
// one for each build: it remembers what it has read from disk.
type Env struct {
	// SourceDir is the folder of the generator's Go code, which {source}
	// quotes from, e.g. "generator".
	SourceDir string
	// Store keeps drawn figures between builds; nil draws every figure.
	Store *cache.Store

	treeOnce sync.Once
	tree     *gosource.Tree
	treeErr  error
}

// store returns the figure cache, or nil for none (also for a nil Env).
func (e *Env) store() *cache.Store {
	if e == nil {
		return nil
	}
	return e.Store
}

// sourceTree indexes SourceDir once per build, however many blocks quote it.
func (e *Env) sourceTree() (*gosource.Tree, error) {
	e.treeOnce.Do(func() {
		e.tree, e.treeErr = gosource.Load(e.SourceDir)
		if e.treeErr != nil {
			e.treeErr = fmt.Errorf("indexing the generator's source: %w", e.treeErr)
		}
	})
	return e.tree, e.treeErr
}

// Page says what Expand needs to know about the page being built.
type Page struct {
	File    string                                // path used in error messages, e.g. content/x.md
	Caption func(markdown []byte) ([]byte, error) // renders a caption's Markdown to HTML
	Env     *Env                                  // the build's environment
	// Dir is the explainer's own folder (content/<slug>), whose files
	// {compute} blocks may read; empty for a page that is a single file,
	// which has none.
	Dir string
	// Evals are the {eval} roles of the page's text (captions aside), in
	// the order of the page; Expand evaluates each (eval.go) and sets its
	// value, or reports its problem.
	Evals []*markup.Eval
	// CaptionEval, when set, renders captions in place of Caption: it
	// renders a caption's Markdown after passing its {eval} roles, whose
	// lines count from the caption's first, to evaluate, which sets their
	// values or returns their problems (to be returned as they are).
	CaptionEval func(markdown []byte, evaluate func([]*markup.Eval) error) ([]byte, error)
}

// Outcome is what expanding a page's directives produced.
type Outcome struct {
	Files   []File // CSV data of each figure, and other files to write beside the page
	Figures int    // how many figures were drawn
	// Read names the files of the explainer's folder (Page.Dir) that the
	// page's {compute} blocks read with read_csv, relative to the folder,
	// slash-separated and sorted: data the page uses, which the site
	// publishes beside it. The cache keeps them, so a page whose blocks
	// the cache spared names them too.
	Read []string
	// Social is the first figure that can be drawn as a PNG, drawn so at
	// socialWidth × 675 pixels for link previews; nil when none can.
	Social []byte
}

// CaptionError is a problem in a caption's Markdown, at a line counted from
// the caption's first line.
type CaptionError struct {
	Line int // 1-based line within the caption; 0 when unknown
	Msg  string
}

func (e *CaptionError) Error() string { return e.Msg }

// Labels returns the number each figure on the page will get, keyed by its
// id (its label, or fig-N), without running any directive. References to
// figures can then be resolved anywhere on the page, even in the caption of
// an earlier figure. Invalid or repeated labels are left for Expand to report.
func (r *Registry) Labels(blocks []*markup.Directive) map[string]int {
	labels := map[string]int{}
	n := 0
	for _, b := range blocks {
		def, ok := r.Lookup(b.Name)
		if !ok {
			continue
		}
		if _, isFigure := def.newOptions().(hasFigure); !isFigure {
			continue
		}
		n++
		id := fmt.Sprintf("fig-%d", n)
		for _, o := range b.Options {
			if o.Key == "label" {
				id = strings.TrimSpace(o.Value)
				break
			}
		}
		if _, taken := labels[id]; !taken {
			labels[id] = n
		}
	}
	return labels
}

var labelPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// Expand runs every directive block of a page in order, numbering the figures,
// and stores each block's HTML in it. It returns every problem it finds, not
// just the first; when it returns errors the page must not be written.
func (r *Registry) Expand(page Page, blocks []*markup.Directive) (Outcome, []error) {
	var (
		out   Outcome
		errs  []error
		lines = map[string]int{} // figure id → line of the block that took it
	)
	// Blocks are checked in order (numbering figures and claiming their
	// ids), computed concurrently, then finished in order again, so the
	// page is the same as if they had run one after another.
	xs := make([]*expansion, len(blocks))
	blockErrs := make([][]*Error, len(blocks))
	for i, b := range blocks {
		x := &expansion{reg: r, page: page, block: b, number: out.Figures + 1, lines: lines}
		blockErrs[i] = x.prepare()
		if x.figure {
			out.Figures++
		}
		xs[i] = x
	}
	// Over the page's work budget nothing is computed, but every block has
	// been checked, so that all the problems are reported together.
	budget := overBudget(xs, false)
	// Compute blocks run serially, in the order of the page, before the
	// figures (compute.go). The page's bytes are checked after them, as
	// what a figure of computed values writes depends on how many values
	// they computed (sizeUser); they write only their code themselves.
	// {eval} roles are evaluated once the figures are computed, serially
	// too, those of the text first (eval.go).
	ev := &evaluator{page: page, xs: xs}
	if budget == nil {
		var declared int64
		for _, x := range xs {
			if !x.ready {
				continue
			}
			if s, ok := x.opts.(sizeUser); ok {
				declared += s.workBeforeSizes()
			} else {
				declared += x.opts.(Estimator).Work()
			}
		}
		computeErrs, read, session := runComputeBlocks(page, xs, declared)
		for i, e := range computeErrs {
			blockErrs[i] = e
			xs[i].ready = false
		}
		out.Read = read
		if budget = overBudget(xs, true); budget == nil {
			budget = overBytes(xs)
		}
		ev.s = session
	}
	if budget != nil {
		budget.File = page.File
		errs = append(errs, budget)
		for _, x := range xs {
			x.ready = false
		}
	}
	ev.skipped, ev.room = budget != nil, MaxPageWork-pageWork(xs)
	for _, x := range xs {
		x.eval = ev
	}
	// The first figure is drawn as the page's social PNG too; should it have
	// no PNG form, the next figure that has one is drawn again below.
	for _, x := range xs {
		if x.figure {
			x.social = true
			break
		}
	}
	computed := parallel.Map(runtime.GOMAXPROCS(0), xs, func(x *expansion) []*Error {
		if !x.ready {
			return nil
		}
		return x.compute()
	})
	for i, x := range xs {
		if x.ready {
			blockErrs[i] = computed[i]
		}
	}
	for _, e := range ev.prose() {
		e.File = page.File
		errs = append(errs, e)
	}
	for i, x := range xs {
		if len(blockErrs[i]) > 0 || !x.ready {
			continue
		}
		if out.Social == nil && x.figure && x.drawn.Raster && x.drawn.Social == nil {
			x.social = true
			blockErrs[i] = x.compute()
		}
		if len(blockErrs[i]) == 0 {
			blockErrs[i] = x.finish()
		}
		if len(blockErrs[i]) == 0 && out.Social == nil && x.figure {
			out.Social = x.png
		}
	}
	for i, b := range blocks {
		for _, e := range blockErrs[i] {
			e.File = page.File
			errs = append(errs, e)
		}
		if len(blockErrs[i]) == 0 && xs[i].ready {
			b.HTML = xs[i].html
			out.Files = append(out.Files, xs[i].files...)
		}
	}
	for _, e := range page.Evals {
		if len(errs) == 0 && !e.Done {
			// Every role is evaluated unless the page has a problem.
			errs = append(errs, &Error{File: page.File, Line: e.Line, Directive: "eval", Msg: "internal error: the role was not evaluated; please report it"})
		}
	}
	return out, errs
}

// expansion is the work of expanding one block.
type expansion struct {
	reg    *Registry
	page   Page
	block  *markup.Directive
	number int            // the figure number the block gets if it is a figure
	lines  map[string]int // figure ids already taken on the page, with their lines

	// Set by prepare for compute and finish.
	ready  bool       // the block is valid and is to be computed
	def    Definition // its directive
	opts   any        // its options, decoded
	runErr func(error) []*Error
	eval   *evaluator // evaluates the {eval} roles of its caption
	result *Result    // what a block that is not a figure computed
	drawn  *drawn     // what a figure computed and drew

	figure bool   // whether the block is a numbered figure
	social bool   // whether to draw the figure as a PNG too, for Outcome.Social
	png    []byte // that PNG
	id     string // the figure's id, once valid
	html   []byte
	files  []File
}

// at makes an error located at a line of the block.
func (x *expansion) at(line int, format string, args ...any) *Error {
	return &Error{Line: line, Directive: x.block.Name, Msg: fmt.Sprintf(format, args...)}
}

// run expands the block on its own: prepare, compute and finish.
func (x *expansion) run() []*Error {
	if errs := x.prepare(); len(errs) > 0 || !x.ready {
		return errs
	}
	if errs := x.compute(); len(errs) > 0 {
		return errs
	}
	return x.finish()
}

// prepare validates the block, numbers it and claims its id; when it finds
// no problem the block is ready to compute.
func (x *expansion) prepare() []*Error {
	b := x.block
	def, ok := x.reg.Lookup(b.Name)
	if !ok {
		names := x.reg.names()
		msg := fmt.Sprintf("unknown directive {%s}", b.Name)
		if c := suggest.Closest(b.Name, names); c != "" {
			msg += fmt.Sprintf(" (did you mean {%s}?)", c)
		}
		return []*Error{x.at(b.Line, "%s; directives are {%s}", msg, strings.Join(names, "}, {"))}
	}
	var errs []*Error
	if !b.Closed {
		errs = append(errs, x.at(b.Line, "the fence opened here is never closed; end the block with a line of the same fence characters"))
	}
	opts := def.newOptions()
	if a, ok := opts.(argumentTaker); ok {
		a.setArgument(b.Arg, x.page.Dir, x.page.File)
	} else if b.Arg != "" {
		errs = append(errs, x.at(b.Line, "unexpected text %q after {%s}; options go on their own lines as :key: value", b.Arg, b.Name))
	}
	for _, p := range b.Problems {
		errs = append(errs, x.at(p.Line, "%s", p.Message))
	}
	if c, ok := opts.(codeBlock); ok {
		c.setBlock(b)
	}
	decoded, optErrs := decodeOptions(b, opts)
	errs = append(errs, optErrs...)
	fig, isFigure := opts.(hasFigure)
	x.figure = isFigure
	if isFigure {
		if err := x.claimID(fig.figure().Label, decoded.lines["label"]); err != nil {
			errs = append(errs, err)
		}
		// From here on the label is the figure's id, fig-N when none was
		// given, so a directive that names elements of its own can use it.
		fig.figure().Label = x.id
	}
	if len(errs) > 0 {
		return errs
	}

	runErr := func(err error) []*Error {
		line := b.Line
		var oe *optionError
		if errors.As(err, &oe) {
			if l, ok := decoded.lines[oe.option]; ok {
				line = l
			}
		}
		return []*Error{x.at(line, "%v", err)}
	}
	if err := overOwnLimits(opts); err != nil {
		return runErr(err)
	}
	x.ready, x.def, x.opts, x.runErr = true, def, opts, runErr
	return nil
}

// compute runs a ready block, or takes its figure from the cache. It may
// run on any goroutine: it touches nothing of the page but its own block.
func (x *expansion) compute() []*Error {
	def, opts, b := x.def, x.opts, x.block
	if fig, isFigure := opts.(hasFigure); isFigure {
		// A figure drawn by an earlier build with the same code and the
		// same options comes from the cache; its caption is rendered anew.
		if f, ok := opts.(fileReader); ok {
			if err := f.readFiles(); err != nil {
				return x.runErr(err)
			}
		}
		store := x.page.Env.store()
		key := figureKey(def, opts)
		d := loadDrawn(store, key, x.id)
		if d == nil || (x.social && d.Raster && d.Social == nil) {
			r, err := def.run(opts, x.page.Env)
			if err != nil {
				return x.runErr(err)
			}
			if d, err = x.draw(fig.figure(), r); err != nil {
				return []*Error{x.at(b.Line, "%v", err)}
			}
			saveDrawn(store, key, d)
		}
		x.drawn, x.png = d, d.Social
		return nil
	}
	r, err := def.run(opts, x.page.Env)
	if err != nil {
		return x.runErr(err)
	}
	x.result = r
	return nil
}

// finish renders a computed block's caption and its HTML.
func (x *expansion) finish() []*Error {
	b, isFigure, res, d := x.block, x.figure, x.result, x.drawn
	var caption []byte
	var err error
	if _, code := x.opts.(codeBlock); !code {
		if x.page.CaptionEval != nil {
			caption, err = x.page.CaptionEval(b.Body, x.eval.caption(x))
		} else {
			caption, err = x.page.Caption(b.Body)
		}
	}
	if err != nil {
		// A caption may have several problems, joined by errors.Join.
		all := []error{err}
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			all = joined.Unwrap()
		}
		var errs []*Error
		for _, err := range all {
			if ee, ok := err.(evalErrors); ok {
				errs = append(errs, ee...)
				continue
			}
			line := b.BodyLine
			var ce *CaptionError
			if errors.As(err, &ce) && ce.Line > 0 {
				line += ce.Line - 1
			}
			errs = append(errs, x.at(line, "caption: %v", err))
		}
		return errs
	}
	if !isFigure {
		x.html, x.files = res.HTML, res.Files
		if res.Captioned != nil {
			x.html = res.Captioned(caption)
		}
	} else {
		var links []dataLink
		for _, t := range d.Tables {
			x.files = append(x.files, File{Name: t.File, Data: t.CSV})
			links = append(links, dataLink{href: t.File, text: t.Label})
		}
		x.html = figureHTML(x.id, x.number, d.Plot, d.Note, caption, links)
	}
	return x.checkBytes(len(bytes.TrimSpace(caption)))
}

// checkBytes holds the page's bound on bytes: a finished block may write no
// more than its options' bound (Sizer), counted without its caption, of
// captionBytes. Writing more is a bug in the bound, reported at the block
// rather than published.
func (x *expansion) checkBytes(captionBytes int) []*Error {
	written := int64(len(x.html) - captionBytes)
	for _, f := range x.files {
		written += int64(len(f.Data))
	}
	if bound := x.opts.(Sizer).OutputBytes(); written > bound {
		return []*Error{x.at(x.block.Line, "internal error: the block wrote %d bytes, more than the %d its options allow for (the bound of its directive's OutputBytes); please report it", written, bound)}
	}
	return nil
}

// claimID settles the figure's id: its label, or fig-N when it has none.
func (x *expansion) claimID(label string, line int) *Error {
	id := label
	if id == "" {
		id = fmt.Sprintf("fig-%d", x.number)
	} else if !labelPattern.MatchString(id) {
		return x.at(line, "option \"label\" must start with a letter and hold only letters, digits and hyphens, got %q", id)
	}
	if first, dup := x.lines[id]; dup {
		return x.at(line, "label %q is already used by the figure on line %d", id, first)
	}
	x.lines[id] = x.block.Line
	x.id = id
	return nil
}

// draw renders a figure's drawing and data: everything about it but its
// number and caption, which depend on the page.
func (x *expansion) draw(fig *FigureOptions, res *Result) (*drawn, error) {
	title := fig.Title
	if title == "" {
		title = res.Title
	}
	d := &drawn{Plot: res.Plot, Note: res.Note}
	if res.Drawing == nil {
		// An image figure: its Plot is all it shows, and it has no data.
		if d.Plot == nil {
			return nil, fmt.Errorf("internal error: the figure has neither a drawing nor markup of its own; please report it")
		}
		return d, nil
	}
	alt := fig.Alt
	if alt == "" {
		alt = res.Drawing.Describe()
	}
	if d.Plot == nil {
		wide, err := res.Drawing.SVG(figure.Meta{ID: x.id, Title: title, Desc: alt})
		if err != nil {
			return nil, fmt.Errorf("drawing the figure: %v", err)
		}
		h := float64(compactHeight)
		if tall, ok := res.Drawing.(interface{ CompactHeight() float64 }); ok {
			h = tall.CompactHeight()
		}
		compact, err := res.Drawing.Sized(compactWidth, h).SVG(figure.Meta{ID: x.id + "-compact", Title: title, Desc: alt})
		if err != nil {
			return nil, fmt.Errorf("drawing the figure: %v", err)
		}
		d.Plot = twoSizes(wide, compact)
	}
	if p, ok := res.Drawing.Sized(figure.DefaultWidth, figure.DefaultHeight).(interface{ PNG(int) ([]byte, error) }); ok {
		d.Raster = true
		if x.social {
			png, err := p.PNG(socialWidth)
			if err != nil {
				return nil, fmt.Errorf("drawing the figure as a PNG: %v", err)
			}
			d.Social = png
		}
	}
	tables := append([]Table{{Label: "Data (CSV)", Columns: res.Columns, Data: res.Data}}, res.Extra...)
	for _, t := range tables {
		name := x.id + ".csv"
		if t.Name != "" {
			name = x.id + "-" + t.Name + ".csv"
		}
		csv, err := figure.CSV(t.Columns, t.Data...)
		if err != nil {
			return nil, fmt.Errorf("writing the figure's data %s: %v", name, err)
		}
		d.Tables = append(d.Tables, drawnTable{File: name, Label: t.Label, CSV: csv})
	}
	return d, nil
}

// twoSizes wraps the wide and the compact drawing of a figure; the
// stylesheet shows one of them, by screen width.
func twoSizes(wide, compact []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("<div class=\"kp-figure-plot kp-wide\">")
	buf.Write(bytes.TrimSpace(wide))
	buf.WriteString("</div>\n<div class=\"kp-figure-plot kp-compact\">")
	buf.Write(bytes.TrimSpace(compact))
	buf.WriteString("</div>")
	return buf.Bytes()
}

// dataLink is a link to one of a figure's CSV files.
type dataLink struct{ href, text string }

// figureHTML assembles the <figure> element: the plot, an optional note,
// the numbered caption and links to the data.
func figureHTML(id string, number int, plot []byte, note string, caption []byte, links []dataLink) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<figure class=\"kp-figure\" id=\"%s\">\n", html.EscapeString(id))
	buf.Write(plot)
	if note != "" {
		fmt.Fprintf(&buf, "\n<p class=\"kp-figure-note\">%s</p>", html.EscapeString(note))
	}
	fmt.Fprintf(&buf, "\n<figcaption><span class=\"kp-figure-number\">Figure %d.</span> ", number)
	if c := bytes.TrimSpace(caption); len(c) > 0 {
		buf.Write(c)
		buf.WriteByte(' ')
	}
	for i, l := range links {
		if i > 0 {
			buf.WriteString(" · ")
		}
		fmt.Fprintf(&buf, "<a class=\"kp-figure-data\" href=\"%s\">%s</a>", html.EscapeString(l.href), html.EscapeString(l.text))
	}
	buf.WriteString("</figcaption>\n</figure>\n")
	return buf.Bytes()
}

// reflectType returns the struct type that the pointer p points to.
func reflectType(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
