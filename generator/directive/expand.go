package directive

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"strings"

	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// Drawing is a figure that can draw itself as inline SVG and describe itself
// in words for readers who cannot see it.
type Drawing interface {
	SVG(meta figure.Meta) ([]byte, error)
	Describe() string
}

// Result is what a directive computes: a drawing, the accessible title it
// gets when the author gives none, and the data behind it as named columns.
type Result struct {
	Drawing Drawing
	Title   string
	Columns []string
	Data    [][]float64
}

// figureOptions are the options every figure directive takes.
type figureOptions struct {
	Label string `option:"label" doc:"Identifier of the figure, used as its HTML id and the name of its CSV file; letters, digits and hyphens, starting with a letter. Defaults to fig-N."`
	Title string `option:"title" doc:"Short title drawn above the plot and used as its accessible name."`
	Alt   string `option:"alt" doc:"Text description of the figure for readers who cannot see it. Defaults to a description generated from the plotted data."`
}

func (f *figureOptions) figure() *figureOptions { return f }

// hasFigure is implemented by every options struct that embeds figureOptions.
type hasFigure interface{ figure() *figureOptions }

// File is an output file that a directive writes beside its page.
type File struct {
	Name string // file name relative to the page's directory
	Data []byte
}

// Page says what Expand needs to know about the page being built.
type Page struct {
	File    string                                // path used in error messages, e.g. content/x.md
	Caption func(markdown []byte) ([]byte, error) // renders a caption's Markdown to HTML
}

// Outcome is what expanding a page's directives produced.
type Outcome struct {
	Files   []File // CSV data of each figure, to write beside the page
	Figures int    // how many figures were drawn
}

var labelPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*$`)

// Expand runs every directive block of a page in order, numbering the figures,
// and stores each block's HTML in it. It returns every problem it finds, not
// just the first; when it returns errors the page must not be written.
func Expand(page Page, blocks []*markup.Directive) (Outcome, []error) {
	var (
		out    Outcome
		errs   []error
		labels = map[string]int{}
	)
	for _, b := range blocks {
		number := out.Figures + 1
		html, files, blockErrs := expandOne(page, b, number, labels)
		for _, e := range blockErrs {
			e.File = page.File
			errs = append(errs, e)
		}
		if len(blockErrs) > 0 {
			out.Figures++
			continue
		}
		b.HTML = html
		out.Files = append(out.Files, files...)
		out.Figures++
	}
	return out, errs
}

// expandOne validates, runs and renders one block.
func expandOne(page Page, b *markup.Directive, number int, labels map[string]int) ([]byte, []File, []*Error) {
	at := func(line int, format string, args ...any) []*Error {
		return []*Error{{Line: line, Directive: b.Name, Msg: fmt.Sprintf(format, args...)}}
	}
	def, ok := lookup(b.Name)
	if !ok {
		msg := fmt.Sprintf("unknown directive {%s}", b.Name)
		if c := suggest.Closest(b.Name, names()); c != "" {
			msg += fmt.Sprintf(" (did you mean {%s}?)", c)
		}
		return nil, nil, at(b.Line, "%s; directives are {%s}", msg, strings.Join(names(), "}, {"))
	}
	var errs []*Error
	if !b.Closed {
		errs = append(errs, at(b.Line, "the fence opened here is never closed; end the block with a line of the same fence characters")...)
	}
	if b.Arg != "" {
		errs = append(errs, at(b.Line, "unexpected text %q after {%s}; options go on their own lines as :key: value", b.Arg, b.Name)...)
	}
	for _, p := range b.Problems {
		errs = append(errs, at(p.Line, "%s", p.Message)...)
	}
	opts := def.newOptions()
	decoded, optErrs := decodeOptions(b, opts)
	errs = append(errs, optErrs...)
	fig := opts.(hasFigure).figure()
	id := fig.Label
	if id == "" {
		id = fmt.Sprintf("fig-%d", number)
	} else if !labelPattern.MatchString(id) {
		errs = append(errs, at(decoded.lines["label"], "option \"label\" must start with a letter and hold only letters, digits and hyphens, got %q", id)...)
	} else if first, dup := labels[id]; dup {
		errs = append(errs, at(decoded.lines["label"], "label %q is already used by the figure on line %d", id, first)...)
	}
	labels[id] = b.Line
	if len(errs) > 0 {
		return nil, nil, errs
	}

	res, err := def.run(opts)
	if err != nil {
		line := b.Line
		var oe *optionError
		if errors.As(err, &oe) {
			if l, ok := decoded.lines[oe.option]; ok {
				line = l
			}
		}
		return nil, nil, at(line, "%v", err)
	}

	caption, err := page.Caption(b.Body)
	if err != nil {
		return nil, nil, at(b.BodyLine, "caption: %v", err)
	}
	title := fig.Title
	if title == "" {
		title = res.Title
	}
	alt := fig.Alt
	if alt == "" {
		alt = res.Drawing.Describe()
	}
	svg, err := res.Drawing.SVG(figure.Meta{ID: id, Title: title, Desc: alt})
	if err != nil {
		return nil, nil, at(b.Line, "drawing the figure: %v", err)
	}
	csv, err := figure.CSV(res.Columns, res.Data...)
	if err != nil {
		return nil, nil, at(b.Line, "writing the figure's data: %v", err)
	}
	csvName := id + ".csv"
	return figureHTML(id, number, svg, caption, csvName), []File{{Name: csvName, Data: csv}}, nil
}

// figureHTML assembles the <figure> element: the inline SVG, the numbered
// caption and a link to the data.
func figureHTML(id string, number int, svg, caption []byte, csvName string) []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<figure class=\"kp-figure\" id=\"%s\">\n<div class=\"kp-figure-plot\">", html.EscapeString(id))
	buf.Write(bytes.TrimSpace(svg))
	fmt.Fprintf(&buf, "</div>\n<figcaption><span class=\"kp-figure-number\">Figure %d.</span> ", number)
	if c := bytes.TrimSpace(caption); len(c) > 0 {
		buf.Write(c)
		buf.WriteByte(' ')
	}
	fmt.Fprintf(&buf, "<a class=\"kp-figure-data\" href=\"%s\">Data (CSV)</a></figcaption>\n</figure>\n", html.EscapeString(csvName))
	return buf.Bytes()
}

// reflectType returns the struct type that the pointer p points to.
func reflectType(p any) reflect.Type { return reflect.TypeOf(p).Elem() }
