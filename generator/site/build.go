package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/mathtex"
)

// Page is one explainer as the templates see it.
type Page struct {
	Meta
	Slug    string        // the URL segment
	URL     string        // site-relative URL, e.g. "attention-is-kernel-smoothing/"
	Content template.HTML // the rendered essay
	Figures int           // how many figures its directives drew
	TOC     []TOCEntry    // sections, for a table of contents; empty on short pages
	Social  *SocialImage  // its first figure as a PNG for link previews; nil when none has one
}

// Summary counts what a build produced.
type Summary struct {
	Pages   int           // explainer pages written (the index and 404 not counted)
	Figures int           // figures drawn across all pages
	Files   int           // files in the output
	Elapsed time.Duration // wall-clock time of the whole build
}

// String reads as the one line a build ends with.
func (s Summary) String() string {
	return fmt.Sprintf("built %d %s with %d %s (%d files) in %s",
		s.Pages, plural(s.Pages, "page", "pages"), s.Figures, plural(s.Figures, "figure", "figures"),
		s.Files, s.Elapsed.Round(time.Millisecond))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// BuildError collects every problem a build found. Each line of its message
// is one problem, located as file:line.
type BuildError struct {
	Problems []error
}

// Error lists the problems, one per line.
func (e *BuildError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Build renders the site described by cfg and swaps it into cfg.OutDir. On
// any error it returns a *BuildError listing every problem, and the output
// directory keeps its previous contents.
func Build(cfg Config) (Summary, error) {
	start := time.Now()
	out, sum, err := Generate(cfg)
	if err != nil {
		return sum, err
	}
	if err := out.WriteAtomically(cfg.OutDir); err != nil {
		return sum, &BuildError{Problems: []error{err}}
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// Generate renders the site into memory without writing anything.
func Generate(cfg Config) (Output, Summary, error) {
	start := time.Now()
	var sum Summary
	fail := func(errs ...error) (Output, Summary, error) {
		return nil, sum, &BuildError{Problems: errs}
	}
	base, err := cfg.basePath()
	if err != nil {
		return fail(err)
	}
	tmpl, err := loadTemplates(cfg.TemplateDir)
	if err != nil {
		return fail(err)
	}
	store := cache.Open(cfg.CacheDir)
	b := &builder{cfg: cfg, store: store, env: directive.Env{SourceDir: cfg.SourceDir, Store: store}, base: base, engine: markup.New(markup.Config{}), out: Output{}}

	var errs []error
	site, siteErrs := b.siteInfo()
	errs = append(errs, siteErrs...)
	sources, discoverErrs := discover(cfg.ContentDir)
	errs = append(errs, discoverErrs...)

	var pages []*Page
	for _, src := range sources {
		page, pageErrs := b.page(src)
		errs = append(errs, pageErrs...)
		if page != nil {
			pages = append(pages, page)
		}
	}
	stylesheet, err := b.assets()
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fail(errs...)
	}

	sort.SliceStable(pages, func(i, j int) bool {
		if !pages[i].Date.Equal(pages[j].Date) {
			return pages[i].Date.After(pages[j].Date)
		}
		return pages[i].Title < pages[j].Title
	})
	for _, p := range pages {
		html, err := tmpl.render("page", &view{Site: site, Page: p, Root: "../", Stylesheet: stylesheet, Canonical: b.abs(p.URL)})
		if err == nil {
			err = b.out.add(p.Slug+"/index.html", html)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Slug, err))
		}
		sum.Pages++
		sum.Figures += p.Figures
	}
	index, err := tmpl.render("index", &view{Site: site, Pages: pages, Root: "", Stylesheet: stylesheet, Canonical: b.abs("")})
	if err == nil {
		err = b.out.add("index.html", index)
	}
	if err != nil {
		errs = append(errs, err)
	}
	notFound := &Page{Meta: Meta{Title: "Page not found"}}
	html404, err := tmpl.render("404", &view{Site: site, Page: notFound, Root: base, Stylesheet: stylesheet, Canonical: b.abs("404.html")})
	if err == nil {
		err = b.out.add("404.html", html404)
	}
	if err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, b.publish(site, pages)...)
	// GitHub Pages would otherwise run the site through Jekyll, which drops
	// files and folders whose names start with an underscore.
	if err := b.out.add(".nojekyll", nil); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fail(errs...)
	}
	sum.Files = len(b.out)
	sum.Elapsed = time.Since(start)
	return b.out, sum, nil
}

// builder carries what every step of one build shares.
type builder struct {
	cfg    Config
	store  *cache.Store // results kept between builds; nil when caching is off
	env    directive.Env
	base   string
	engine *markup.Engine
	out    Output
}

// siteInfo reads content/_index.md, whose front matter names the site and
// whose body introduces it. The file is optional.
func (b *builder) siteInfo() (siteView, []error) {
	site := siteView{Title: "Explainers", BaseURL: b.base}
	file := filepath.Join(b.cfg.ContentDir, siteIndexFile)
	src, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return site, nil
	}
	if err != nil {
		return site, []error{fmt.Errorf("%s: %w", file, err)}
	}
	doc, meta, errs := b.parse(file, src)
	if doc != nil {
		for _, e := range typesetMath(doc, b.store) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", file, e.line, e.msg))
		}
	}
	if len(errs) > 0 {
		return site, errs
	}
	var body bytes.Buffer
	if err := b.engine.Render(&body, doc); err != nil {
		return site, []error{fmt.Errorf("%s: rendering: %w", file, err)}
	}
	site.Title, site.Description, site.Intro = meta.Title, meta.Description, template.HTML(body.String())
	site.Author = meta.Author
	return site, nil
}

// parse reads a Markdown file's front matter and returns its document.
func (b *builder) parse(file string, src []byte) (*markup.Document, Meta, []error) {
	doc, err := b.engine.Parse(src)
	if err != nil {
		return nil, Meta{}, []error{fmt.Errorf("%s:1: %w", file, err)}
	}
	if doc.FrontMatter == nil {
		return nil, Meta{}, []error{fmt.Errorf("%s:1: front matter is missing: start the file with a line ---, then title: \"…\", then a line ---", file)}
	}
	values := map[string]any{}
	if err := doc.FrontMatter.Decode(&values); err != nil {
		return nil, Meta{}, []error{fmt.Errorf("%s:%d: front matter: %s", file, doc.FrontMatterLine, strings.TrimSpace(err.Error()))}
	}
	meta, fieldErrs := decodeMeta(values, rawFrontMatter(src, doc.FrontMatterLine), doc.FrontMatterLine)
	var errs []error
	for _, fe := range fieldErrs {
		errs = append(errs, fmt.Errorf("%s:%d: %s", file, fe.line, fe.msg))
	}
	return doc, meta, errs
}

// rawFrontMatter returns the front matter text that starts at the 1-based
// line first and runs to the closing delimiter.
func rawFrontMatter(src []byte, first int) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	var raw []byte
	for i := first - 1; i >= 0 && i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if len(t) >= 3 && (bytes.Count(t, []byte("-")) == len(t) || bytes.Count(t, []byte("+")) == len(t)) {
			break
		}
		raw = append(raw, lines[i]...)
	}
	return raw
}

// page parses, expands and renders one explainer, recording its CSV data and
// bundle assets in the output. It returns nil for a draft that is left out.
func (b *builder) page(src source) (*Page, []error) {
	text, err := os.ReadFile(src.File)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", src.File, err)}
	}
	doc, meta, errs := b.parse(src.File, text)
	if doc == nil || (meta.Draft && !b.cfg.Drafts) {
		return nil, errs
	}
	blocks := markup.Directives(doc.Root)
	labels := directive.Labels(blocks)
	for _, e := range append(resolveReferences(doc, labels), typesetMath(doc, b.store)...) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", src.File, e.line, e.msg))
	}
	outcome, dirErrs := directive.Expand(directive.Page{File: src.File, Caption: b.captionRenderer(labels), Env: &b.env}, blocks)
	errs = append(errs, dirErrs...)
	if len(errs) > 0 {
		return nil, errs
	}
	var body bytes.Buffer
	if err := b.engine.Render(&body, doc); err != nil {
		return nil, []error{fmt.Errorf("%s: rendering: %w", src.File, err)}
	}
	for _, f := range outcome.Files {
		if err := b.out.add(src.Slug+"/"+f.Name, f.Data); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", src.File, err))
		}
	}
	bundle := filepath.Dir(src.File)
	for _, a := range src.Assets {
		data, err := os.ReadFile(filepath.Join(bundle, filepath.FromSlash(a)))
		if err == nil {
			err = b.out.add(src.Slug+"/"+a, data)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: asset %s: %w", src.File, a, err))
		}
	}
	social, err := b.socialImage(src.Slug, outcome.Social)
	if err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", src.File, err))
	}
	return &Page{
		Meta:    meta,
		Slug:    src.Slug,
		URL:     src.Slug + "/",
		Content: template.HTML(body.String()),
		Figures: outcome.Figures,
		TOC:     tableOfContents(doc),
		Social:  social,
	}, errs
}

// captionRenderer renders a figure caption's Markdown, resolving its
// references to figures with the page's labels.
func (b *builder) captionRenderer(labels map[string]int) func([]byte) ([]byte, error) {
	return func(md []byte) ([]byte, error) {
		doc, err := b.engine.ParseFragment(md)
		if err != nil {
			return nil, err
		}
		if errs := append(resolveReferences(doc, labels), typesetMath(doc, b.store)...); len(errs) > 0 {
			return nil, &directive.CaptionError{Line: errs[0].line, Msg: errs[0].msg}
		}
		return b.engine.FragmentHTML(doc)
	}
}

// assets copies templates/static into the output, fingerprinting the
// stylesheet (with the highlighting rules appended) so that a browser never
// keeps a stale copy. It returns the stylesheet's site-relative path.
func (b *builder) assets() (string, error) {
	static := filepath.Join(b.cfg.TemplateDir, "static")
	const stylesheet = "css/style.css"
	var stylePath string
	err := filepath.WalkDir(static, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(static, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == stylesheet {
			highlight, err := markup.HighlightCSS(markup.DefaultLightStyle, markup.DefaultDarkStyle)
			if err != nil {
				return err
			}
			data = append(append(data, '\n'), highlight...)
			data = fmt.Appendf(data, "\n/*! KaTeX %s stylesheet and fonts: MIT License, %s; full text in KaTeX-LICENSE.txt */\n",
				mathtex.KaTeXVersion, katexCopyright())
			data = append(data, mathtex.Stylesheet...)
			if data, err = minifyAsset(rel, data); err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			rel = "css/style." + hex.EncodeToString(sum[:4]) + ".css"
			stylePath = rel
		} else if data, err = minifyAsset(rel, data); err != nil {
			return err
		}
		return b.out.add(rel, data)
	})
	if err != nil {
		return "", fmt.Errorf("copying static assets from %s: %w", static, err)
	}
	if stylePath == "" {
		return "", fmt.Errorf("%s: the stylesheet %s is missing", static, stylesheet)
	}
	// KaTeX's stylesheet, now inside ours, names its fonts relative to it.
	if err := b.out.add("css/KaTeX-LICENSE.txt", []byte(mathtex.KaTeXLicense)); err != nil {
		return "", err
	}
	for name, data := range mathtex.Fonts() {
		if err := b.out.add("css/"+name, data); err != nil {
			return "", err
		}
	}
	return stylePath, nil
}

// katexCopyright returns the copyright line of KaTeX's licence.
func katexCopyright() string {
	for _, line := range strings.Split(mathtex.KaTeXLicense, "\n") {
		if strings.HasPrefix(line, "Copyright") {
			return strings.TrimSpace(line)
		}
	}
	return "see its licence"
}
