package markup

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds the directive block feature: a fenced block whose info
// string is {name}. It has the AST node, the block parser, the HTML renderer
// and the extender that installs them.

// Directive is a block-level node for a fenced block whose info string is {name}.
type Directive struct {
	ast.BaseBlock
	Name     string    // the name between the braces
	Arg      string    // any text after the closing brace on the fence line, trimmed
	Options  []Option  // in source order; duplicates are kept (the consumer reports them)
	Problems []Problem // syntax problems found while parsing the option section
	Body     []byte    // the body text (after options and the blank line), lines joined with "\n", without the closing fence
	BodyLine int       // 1-based source line where the body starts (0 if no body)
	Line     int       // 1-based source line of the opening fence
	Closed   bool      // false when the document or enclosing container ended before a closing fence
	HTML     []byte    // filled in by the consumer before rendering; the renderer writes it verbatim

	fenceChar   byte // '`' or '~'
	fenceLength int  // number of fence characters on the opening line
	fenceIndent int  // indentation of the opening fence, removed from content lines
}

// Option is one `:key: value` line of a directive.
type Option struct {
	Key, Value string
	Line       int // 1-based source line
}

// Problem is a syntax problem at a source line.
type Problem struct {
	Line    int // 1-based source line
	Message string
}

// KindDirective is the NodeKind of Directive nodes.
var KindDirective = ast.NewNodeKind("Directive")

// Kind implements ast.Node.Kind.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// IsRaw implements ast.Node.IsRaw: the content is kept as text, not parsed.
func (n *Directive) IsRaw() bool { return true }

// Dump implements ast.Node.Dump.
func (n *Directive) Dump(source []byte, level int) {
	kv := map[string]string{
		"Name":     n.Name,
		"Arg":      n.Arg,
		"Line":     strconv.Itoa(n.Line),
		"Closed":   strconv.FormatBool(n.Closed),
		"BodyLine": strconv.Itoa(n.BodyLine),
		"Body":     strconv.Quote(string(n.Body)),
	}
	for i, o := range n.Options {
		kv["Option"+strconv.Itoa(i)] = fmt.Sprintf("%s=%q (line %d)", o.Key, o.Value, o.Line)
	}
	for i, p := range n.Problems {
		kv["Problem"+strconv.Itoa(i)] = fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	ast.DumpHelper(n, source, level, kv, nil)
}

// Directives returns all directive nodes under doc in document order.
func Directives(doc ast.Node) []*Directive {
	var out []*Directive
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if d, ok := n.(*Directive); ok && entering {
			out = append(out, d)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// parseDirectiveInfo splits an info string of the form {name} rest into the
// name and the trimmed rest; ok is false when info is not of that form.
func parseDirectiveInfo(info []byte) (name, arg string, ok bool) {
	if len(info) < 3 || info[0] != '{' {
		return "", "", false
	}
	end := bytes.IndexByte(info, '}')
	if end < 0 || !validName(info[1:end]) {
		return "", "", false
	}
	return string(info[1:end]), string(bytes.TrimSpace(info[end+1:])), true
}

// validName reports whether b is a letter followed by letters, digits and hyphens.
func validName(b []byte) bool {
	if len(b) == 0 || !isLetter(b[0]) {
		return false
	}
	for _, c := range b[1:] {
		if !isLetter(c) && !isDigit(c) && c != '-' {
			return false
		}
	}
	return true
}

// validKey reports whether b is a letter followed by letters, digits,
// hyphens and underscores.
func validKey(b []byte) bool {
	if len(b) == 0 || !isLetter(b[0]) {
		return false
	}
	for _, c := range b[1:] {
		if !isLetter(c) && !isDigit(c) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

type directiveParser struct{}

// Trigger implements parser.BlockParser.Trigger.
func (p *directiveParser) Trigger() []byte { return []byte{'`', '~'} }

// Open implements parser.BlockParser.Open. It only claims fences whose info
// string is {name}; every other fence is left to the fenced code parser.
func (p *directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || (line[pos] != '`' && line[pos] != '~') {
		return nil, parser.NoChildren
	}
	char := line[pos]
	i := pos
	for i < len(line) && line[i] == char {
		i++
	}
	if i-pos < 3 {
		return nil, parser.NoChildren
	}
	info := bytes.TrimSpace(line[i:])
	if char == '`' && bytes.IndexByte(info, '`') >= 0 {
		return nil, parser.NoChildren // not a fence at all in CommonMark
	}
	name, arg, ok := parseDirectiveInfo(info)
	if !ok {
		return nil, parser.NoChildren
	}
	node := &Directive{
		Name:        name,
		Arg:         arg,
		Line:        LineAt(reader.Source(), segment.Start),
		fenceChar:   char,
		fenceLength: i - pos,
		fenceIndent: pos,
	}
	node.SetPos(segment.Start + pos - segment.Padding)
	return node, parser.NoChildren
}

// Continue implements parser.BlockParser.Continue, collecting content lines
// until a closing fence of the same character and at least the same length.
func (p *directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*Directive)
	line, segment := reader.PeekLine()
	if w, pos := util.IndentWidth(line, reader.LineOffset()); w < 4 {
		i := pos
		for i < len(line) && line[i] == n.fenceChar {
			i++
		}
		if i-pos >= n.fenceLength && util.IsBlank(line[i:]) {
			n.Closed = true
			reader.AdvanceToEOL()
			return parser.Close
		}
	}
	pos, padding := util.IndentPositionPadding(line, reader.LineOffset(), segment.Padding, n.fenceIndent)
	if pos < 0 {
		pos = max(0, util.FirstNonSpacePosition(line)) - segment.Padding
		padding = 0
	}
	seg := text.NewSegmentPadding(segment.Start+pos, segment.Stop, padding)
	seg.ForceNewline = true
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close implements parser.BlockParser.Close, splitting the collected lines
// into options and body.
func (p *directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*Directive)
	source := reader.Source()
	lines := n.Lines()
	counter := lineCounter{source: source, line: n.Line, offset: int(n.Pos())}

	inOptions := true
	var body [][]byte
	trailingBlank := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		lineNo := counter.at(seg.Start)
		value := bytes.TrimRight(seg.Value(source), "\r\n")
		blank := util.IsBlank(value)
		if inOptions {
			switch {
			case len(value) > 0 && value[0] == ':':
				if opt, ok := parseOption(value); ok {
					opt.Line = lineNo
					n.Options = append(n.Options, opt)
				} else {
					n.Problems = append(n.Problems, Problem{
						Line:    lineNo,
						Message: fmt.Sprintf("malformed option line %q: want `:key: value`", value),
					})
				}
				continue
			case blank:
				inOptions = false
				continue
			}
			inOptions = false
		}
		if len(body) == 0 {
			if blank {
				continue
			}
			n.BodyLine = lineNo
		}
		body = append(body, value)
		if blank {
			trailingBlank++
		} else {
			trailingBlank = 0
		}
	}
	body = body[:len(body)-trailingBlank]
	if len(body) > 0 {
		n.Body = bytes.Join(body, []byte("\n"))
	}
}

// parseOption parses a line of the form `:key: value` (value may be empty).
func parseOption(line []byte) (Option, bool) {
	end := bytes.IndexByte(line[1:], ':')
	if end < 0 {
		return Option{}, false
	}
	key := line[1 : end+1]
	rest := line[end+2:]
	if !validKey(key) || (len(rest) > 0 && rest[0] != ' ' && rest[0] != '\t') {
		return Option{}, false
	}
	return Option{Key: string(key), Value: strings.TrimSpace(string(rest))}, true
}

// CanInterruptParagraph implements parser.BlockParser.CanInterruptParagraph.
func (p *directiveParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser.CanAcceptIndentedLine.
func (p *directiveParser) CanAcceptIndentedLine() bool { return false }

type directiveRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs.
func (r directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, r.render)
}

func (r directiveRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Directive)
	if n.HTML != nil {
		_, _ = w.Write(n.HTML)
	} else {
		// Name is restricted to letters, digits and hyphens, so it is safe
		// inside a comment.
		_, _ = fmt.Fprintf(w, "<!-- directive {%s} not expanded -->\n", n.Name)
	}
	return ast.WalkSkipChildren, nil
}

// directiveExtension installs the directive parser and renderer.
type directiveExtension struct{}

// Extend implements goldmark.Extender.
func (directiveExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Ahead of the fenced code block parser (700), which would
		// otherwise claim every fence.
		util.Prioritized(&directiveParser{}, 650),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(directiveRenderer{}, 500),
	))
}
