package figure_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/figure"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/models/attention"
)

// svgText is one <text> element of a drawn figure.
type svgText struct {
	x      float64
	middle bool // text-anchor="middle": x is its centre, not its left end
	text   string
}

// titleBlock is one figure drawing: its accessible title, the width of its
// viewBox and its text elements in document order.
type titleBlock struct {
	title string
	width float64
	texts []svgText
}

var viewBox = regexp.MustCompile(`^0 0 ([\d.]+) [\d.]+$`)

// readSVG reads the title, viewBox width and text elements of one <svg>.
func readSVG(svg []byte) (titleBlock, error) {
	var (
		tb     titleBlock
		stack  []string
		cur    *svgText
		inside bool // in the root's <title>
	)
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return tb, nil
		}
		if err != nil {
			return tb, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			switch tok.Name.Local {
			case "svg":
				for _, a := range tok.Attr {
					if a.Name.Local == "viewBox" {
						m := viewBox.FindStringSubmatch(a.Value)
						if m == nil {
							return tb, fmt.Errorf("viewBox %q", a.Value)
						}
						tb.width, _ = strconv.ParseFloat(m[1], 64)
					}
				}
			case "title":
				inside = len(stack) == 2
			case "text":
				cur = &svgText{}
				for _, a := range tok.Attr {
					switch a.Name.Local {
					case "x":
						if cur.x, err = strconv.ParseFloat(a.Value, 64); err != nil {
							return tb, fmt.Errorf("text x: %v", err)
						}
					case "text-anchor":
						cur.middle = a.Value == "middle"
					}
				}
			}
		case xml.CharData:
			if inside {
				tb.title += string(tok)
			}
			if cur != nil {
				cur.text += string(tok)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			switch tok.Name.Local {
			case "title":
				inside = false
			case "text":
				tb.texts = append(tb.texts, *cur)
				cur = nil
			}
		}
	}
}

// titleLines finds the run of consecutive text elements that, joined with
// spaces, spell the title; nil if there is none.
func (tb titleBlock) titleLines() []svgText {
	for i := range tb.texts {
		joined := ""
		for j := i; j < len(tb.texts); j++ {
			if j > i {
				joined += " "
			}
			joined += tb.texts[j].text
			if joined == tb.title {
				return tb.texts[i : j+1]
			}
			if !strings.HasPrefix(tb.title, joined+" ") {
				break
			}
		}
	}
	return nil
}

var svgElement = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// longTitle is a title that takes two lines at the compact width.
const longTitle = "A longer title, with a comma and a number such as 0.1666, that wraps"

// block is the HTML of one expanded directive block, and whether its
// author gave the figure a title, which is then drawn above it.
type block struct {
	html   []byte
	titled bool
}

// seed is the engine with the seed model's directives, which draw the
// site's figures.
var seed = func() *directive.Registry {
	r, err := directive.NewRegistry(attention.Model)
	if err != nil {
		panic(err)
	}
	return r
}()

// expandAll expands every directive block of a Markdown source.
func expandAll(t *testing.T, name string, src []byte) []*markup.Directive {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	blocks := markup.Directives(doc.Root)
	env := &directive.Env{SourceDir: ".."}
	if _, errs := seed.Expand(directive.Page{File: name, Caption: engine.RenderFragment, Env: env}, blocks); len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs)
	}
	return blocks
}

// siteFigures expands every directive of the site's content, and every
// figure directive with its own default title drawn and with longTitle,
// and returns each block's HTML, named by where it came from.
func siteFigures(t *testing.T) map[string]block {
	t.Helper()
	sources := map[string][]byte{}
	files, err := filepath.Glob("../../content/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no content found: %v", err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[f] = src
	}
	for _, d := range seed.All() {
		if !d.IsFigure() || d.ShowsFile() { // {figure} shows an image file and draws no title
			continue
		}
		// The title a figure gets when its author gives none is only its
		// accessible name; draw it by giving it as the title.
		// {plot} draws what a compute block above it computed.
		prefix, required := "", ""
		if d.Name == "plot" {
			prefix, required = "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n", ":x: xs\n:line: ys\n"
		}
		plain := expandAll(t, "{"+d.Name+"}", []byte(prefix+"```{"+d.Name+"}\n"+required+"```\n"))
		tb, err := readSVG(svgElement.Find(plain[len(plain)-1].HTML))
		if err != nil || tb.title == "" {
			t.Fatalf("{%s}: no accessible title (%v)", d.Name, err)
		}
		sources["{"+d.Name+"} with its default title"] = []byte(prefix + "```{" + d.Name + "}\n" + required + ":title: " + tb.title + "\n```\n")
		sources["{"+d.Name+"} with a long title"] = []byte(prefix + "```{" + d.Name + "}\n" + required + ":title: " + longTitle + "\n```\n")
	}
	out := map[string]block{}
	for name, src := range sources {
		for i, b := range expandAll(t, name, src) {
			titled := false
			for _, o := range b.Options {
				titled = titled || o.Key == "title"
			}
			out[fmt.Sprintf("%s, block %d {%s}", name, i+1, b.Name)] = block{b.HTML, titled}
		}
	}
	return out
}

// TestEveryFigureTitleWrapsAtWordsWithinTheFigure draws every figure the
// site builds, wide and compact (the drawing phones get), and checks that
// each title is drawn whole, broken only at spaces, and that every line of
// it stays inside the figure even in a browser font fontSlack wider than
// the one measured.
func TestEveryFigureTitleWrapsAtWordsWithinTheFigure(t *testing.T) {
	if testing.Short() {
		t.Skip("draws every figure of the site")
	}
	drawings, compact := 0, 0
	for name, b := range siteFigures(t) {
		for _, svg := range svgElement.FindAll(b.html, -1) {
			tb, err := readSVG(svg)
			if err != nil {
				t.Fatalf("%s: reading the SVG: %v", name, err)
			}
			if tb.title == "" {
				t.Errorf("%s: a figure without a title", name)
				continue
			}
			if !b.titled {
				continue
			}
			drawings++
			if tb.width == 340 {
				compact++
			}
			lines := tb.titleLines()
			if lines == nil {
				var drawn []string
				for _, x := range tb.texts {
					drawn = append(drawn, x.text)
				}
				t.Errorf("%s, %g wide: the title %q is not drawn whole as lines broken at spaces; the texts drawn are %q", name, tb.width, tb.title, drawn)
				continue
			}
			for _, l := range lines {
				if l.text == "" || strings.TrimSpace(l.text) != l.text || strings.Contains(l.text, "  ") {
					t.Errorf("%s, %g wide: title line %q is not a run of words", name, tb.width, l.text)
				}
				w := figure.TitleWidth(l.text) * (1 + figure.FontSlack)
				left, right := l.x, l.x+w
				if l.middle {
					left, right = l.x-w/2, l.x+w/2
				}
				if left < 0 || right > tb.width {
					t.Errorf("%s, %g wide: title line %q spans %.1f to %.1f in a font %g%% wider, outside the figure's 0 to %g", name, tb.width, l.text, left, right, 100*figure.FontSlack, tb.width)
				}
			}
		}
	}
	// Eight figure directives, each drawn twice with each of two titles
	// (the explorer once), besides the content's titled figures.
	if drawings < 30 || compact < 14 {
		t.Errorf("checked %d drawings, %d of them compact; expected the whole site's", drawings, compact)
	}
}
