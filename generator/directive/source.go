package directive

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/kernelpress/kernelpress/generator/gosource"
	"github.com/kernelpress/kernelpress/generator/markup"
)

// sourceDirective quotes the generator's own Go code, found by name when the
// site is built, so that the code an essay shows is the code that ran.
var sourceDirective = Define("source", "Go functions, methods or types of the generator, quoted from its source when the site is built.", runSource)

type sourceOptions struct {
	Func  string `option:"func" doc:"What to quote: one or more names separated by spaces or commas, each package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth; where two folders declare the same package name, put the folder first, e.g. cmd/comparehugo/main.main."`
	Title string `option:"title" doc:"Heading shown above the code."`
}

// sourceNames splits the value of the func option into names.
func sourceNames(list string) []string {
	return strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

func runSource(o *sourceOptions, env *Env) (*Result, error) {
	names := sourceNames(o.Func)
	if len(names) == 0 {
		return nil, OptionErrorf("func", "option \"func\" is required, e.g. :func: numerics.Smooth")
	}
	if env == nil || env.SourceDir == "" {
		return nil, errors.New("the build does not say where the generator's Go source is, so no code can be quoted")
	}
	root := filepath.Clean(env.SourceDir)
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("finding the generator's source: %w", err)
	}
	tree, err := env.sourceTree()
	if err != nil {
		return nil, err
	}

	var (
		decls    []gosource.Decl
		problems []string
		seen     = map[string]bool{}
	)
	for _, name := range names {
		if seen[name] {
			problems = append(problems, name+" is named twice")
			continue
		}
		seen[name] = true
		d, err := tree.Find(name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		decls = append(decls, d)
	}
	if len(problems) > 0 {
		return nil, OptionErrorf("func", "option \"func\": %s", strings.Join(problems, "; "))
	}

	// The first segment of every path shown is the source folder's own
	// name, so that paths read from the module root: generator/numerics/….
	top := filepath.Base(abs)
	var (
		body  bytes.Buffer
		files []File
		wrote = map[string]bool{}
	)
	if o.Title != "" {
		fmt.Fprintf(&body, "<p class=\"kp-listing-title\">%s</p>\n", html.EscapeString(o.Title))
	}
	for _, d := range decls {
		rel, err := filepath.Rel(root, d.File)
		if err != nil {
			return nil, fmt.Errorf("%s: locating %s in the source tree: %w", d.Name, d.File, err)
		}
		shown := top + "/" + filepath.ToSlash(rel)
		copyName := "../source/" + shown + ".txt"
		written := body.Len()
		if !wrote[copyName] {
			data, err := os.ReadFile(d.File)
			if err != nil {
				return nil, fmt.Errorf("%s: copying its source file: %w", d.Name, err)
			}
			files = append(files, File{Name: copyName, Data: data})
			wrote[copyName] = true
			written -= len(data)
		}
		code, err := markup.Highlight(d.Source, "go")
		if err != nil {
			return nil, fmt.Errorf("%s: highlighting: %w", d.Name, err)
		}
		href := (&url.URL{Path: copyName}).EscapedPath() + fmt.Sprintf("#L%d", d.StartLine)
		fmt.Fprintf(&body, "<p class=\"kp-listing-source\"><a href=\"%s\">%s</a>, %s</p>\n",
			html.EscapeString(href), html.EscapeString(shown), lineRange(d.StartLine, d.EndLine))
		body.Write(bytes.TrimSpace(code))
		body.WriteByte('\n')
		if written = body.Len() - written; written > sourceNameBytes {
			return nil, OptionErrorf("func", "option \"func\": %s (%s) writes %s as highlighted HTML with its file copied, over the allowance of %s for one name (a fixed limit, so that a page's size is known before anything runs); quote a smaller declaration",
				d.Name, lineRange(d.StartLine, d.EndLine), ByteSize(int64(written)), ByteSize(sourceNameBytes))
		}
	}
	return &Result{
		Files: files,
		Captioned: func(caption []byte) []byte {
			return listingHTML(body.Bytes(), caption)
		},
	}, nil
}

// listingHTML wraps quoted code and its caption in an unnumbered figure.
func listingHTML(body, caption []byte) []byte {
	var buf bytes.Buffer
	buf.WriteString("<figure class=\"kp-listing\">\n")
	buf.Write(body)
	if c := bytes.TrimSpace(caption); len(c) > 0 {
		buf.WriteString("<figcaption>")
		buf.Write(c)
		buf.WriteString("</figcaption>\n")
	}
	buf.WriteString("</figure>\n")
	return buf.Bytes()
}

// lineRange says which lines a quotation spans: "line 7" or "lines 12–30".
func lineRange(start, end int) string {
	if start == end {
		return fmt.Sprintf("line %d", start)
	}
	return fmt.Sprintf("lines %d–%d", start, end)
}

// Work estimates what {source} costs: quoting code is mostly highlighting
// it, about 2 ms for a function of forty lines.
func (o *sourceOptions) Work() int64 { return int64(len(sourceNames(o.Func))) * sourceWork }

// sourceWork is the work of quoting and highlighting one declaration.
const sourceWork = 100_000

// OutputBytes bounds what {source} writes: for each name, the declaration
// highlighted as HTML and the source file it is in, copied beside the page
// (sourceNameBytes for both), and the title, escaped.
func (o *sourceOptions) OutputBytes() int64 {
	return 1024 + 6*int64(len(o.Title)) + int64(len(sourceNames(o.Func)))*sourceNameBytes
}

// sourceNameBytes is how many bytes one quoted name may write: its
// declaration highlighted as HTML and the file it is in, copied. The
// largest declaration of the generator, site.builder.generate (131
// lines), writes 72 kB with its file. A name over the allowance
// is refused when it is quoted, so the page's bound holds.
const sourceNameBytes = 192 << 10
