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
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/mathtex"
	"github.com/kernelpress/kernelpress/generator/parallel"
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

	file   string    // the Markdown file, for messages
	links  []linkRef // its relative links and images, checked once the site is assembled
	assets []string  // the files of its bundle besides index.md, relative to the bundle; see bundles.go
	uses   []string  // the site paths of files of other bundles that it uses
}

// Summary counts what a build produced.
type Summary struct {
	Pages   int           // explainer pages written (the index and 404 not counted)
	Figures int           // figures drawn across all pages
	Files   int           // files in the output
	Elapsed time.Duration // wall-clock time of the whole build
	// Warnings are problems the build survived, such as a damaged cache
	// entry computed again; one line each, sorted.
	Warnings []string
	// Bundles says, for each explainer bundle with files besides its
	// index.md, which it published and which it kept private; in the
	// order of the slugs.
	Bundles []BundleFiles
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

// Build renders the site described by cfg and puts it into cfg.OutDir (see
// Output.WriteAtomically). An output folder whose replacement would delete
// something else is refused before anything is built (a plain error). A problem with the
// content or the templates is a *BuildError listing every problem, and the
// output folder keeps its previous contents; a failure to write is a
// *WriteError, which says whether it did.
func Build(cfg Config) (Summary, error) {
	start := time.Now()
	if err := cfg.checkOutDir(); err != nil {
		return Summary{}, fmt.Errorf("%w; nothing was built or written", err)
	}
	out, sum, err := Generate(cfg)
	if err != nil {
		return sum, err
	}
	if err := out.WriteAtomically(cfg.OutDir); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// Generate renders the site into memory without writing anything. A panic
// while building, which is a bug, fails the build with a problem naming the
// file being built, instead of crashing.
func Generate(cfg Config) (out Output, sum Summary, err error) {
	b := &builder{cfg: cfg}
	defer func() {
		if v := recover(); v != nil {
			problem := fmt.Errorf("internal error while building the site: %s; please report it", oneLine(fmt.Sprint(v)))
			if file := b.current; file != "" {
				problem = fmt.Errorf("%s:1: internal error while building %s: %s; please report it", file, file, oneLine(fmt.Sprint(v)))
			}
			out, err = Output{}, &BuildError{Problems: []error{problem}}
		}
	}()
	return b.generate()
}

// generate is Generate, for a builder that knows only its configuration.
func (b *builder) generate() (Output, Summary, error) {
	cfg := b.cfg
	start := time.Now()
	var sum Summary
	fail := func(errs ...error) (Output, Summary, error) {
		return Output{}, sum, &BuildError{Problems: errs}
	}
	base, err := cfg.basePath()
	if err != nil {
		return fail(err)
	}
	var errs []error
	tmpl, tmplErrs := loadTemplates(cfg.TemplateDir)
	if tmpl != nil {
		b.pageIDs = tmpl.ids
	}
	errs = append(errs, tmplErrs...)
	b.store = cache.Open(cfg.CacheDir)
	b.env = directive.Env{SourceDir: cfg.SourceDir, Store: b.store}
	if b.directives, err = directive.NewRegistry(cfg.Directives...); err != nil {
		return fail(fmt.Errorf("the site's directives: %w", err))
	}
	b.base, b.engine, b.out = base, markup.New(markup.Config{}), Output{}

	site, siteErrs := b.siteInfo()
	errs = append(errs, siteErrs...)
	sources, discoverErrs := discover(cfg.ContentDir)
	errs = append(errs, discoverErrs...)
	b.bundles = map[string]source{}
	for _, src := range sources {
		if len(src.Assets) > 0 {
			b.bundles[src.Slug] = src
		}
	}

	// Pages are built concurrently, then joined in the order of sources, so
	// that the output and the problems are those of a serial build.
	var pages []*Page
	// The site's bytes are counted as pages are joined; the page that takes
	// them over a bound (see bounds.go) is the last one built.
	var tally siteTally
	parallel.Ordered(b.workers(), sources, b.pageSafely, func(r pageBuild) bool {
		errs = append(errs, r.errs...)
		if r.page == nil {
			return true
		}
		joinErrs, generated, copied := b.join(r)
		errs = append(errs, joinErrs...)
		pages = append(pages, r.page)
		if err := tally.count(r.page.file, generated, copied); err != nil {
			errs = append(errs, err)
			return false
		}
		return true
	})
	if len(errs) == 0 {
		errs = append(errs, b.publishSharedFiles(pages, &tally)...)
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
	// A template that fails fails alike for every page: say so once.
	rendered := map[string]bool{}
	renderErr := func(err error, during string) {
		key := templateProblem(cfg.TemplateDir, err, "").Error()
		if !rendered[key] {
			rendered[key] = true
			errs = append(errs, templateProblem(cfg.TemplateDir, err, during))
		}
	}
	type renderedPage struct {
		html []byte
		err  error
	}
	renderPage := func(p *Page) renderedPage {
		html, err := tmpl.render("page", &view{Site: site, Page: p, Root: "../", Stylesheet: stylesheet, Canonical: b.abs(p.URL)})
		return renderedPage{html, err}
	}
	for i, r := range parallel.Map(b.workers(), pages, renderPage) {
		p := pages[i]
		if r.err != nil {
			renderErr(r.err, "rendering "+p.file)
		} else if err := b.out.add(p.Slug+"/index.html", r.html); err != nil {
			errs = append(errs, fmt.Errorf("%s:1: %w", p.file, err))
		}
		sum.Pages++
		sum.Figures += p.Figures
	}
	index, err := tmpl.render("index", &view{Site: site, Pages: pages, Root: "", Stylesheet: stylesheet, Canonical: b.abs("")})
	if err != nil {
		renderErr(err, "rendering the index page")
	} else if err := b.out.add("index.html", index); err != nil {
		errs = append(errs, err)
	}
	notFound := &Page{Meta: Meta{Title: "Page not found"}}
	html404, err := tmpl.render("404", &view{Site: site, Page: notFound, Root: base, Stylesheet: stylesheet, Canonical: b.abs("404.html")})
	if err != nil {
		renderErr(err, "rendering the page 404.html")
	} else if err := b.out.add("404.html", html404); err != nil {
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
	// Links are checked last, when every file they may lead to is in b.out.
	if errs := b.checkPublishedLinks(pages); len(errs) > 0 {
		return fail(errs...)
	}
	sum.Files = b.out.Len()
	sum.Warnings = b.store.Warnings()
	sum.Bundles = b.bundleReport(pages)
	sum.Elapsed = time.Since(start)
	return b.out, sum, nil
}

// testHookPage, when set by a test, is called as each page starts building.
var testHookPage func(file string)

// builder carries what every step of one build shares. Pages are built by
// several goroutines at once: what they share (the cache, the engine, the
// environment) is safe for concurrent use, and only the joining of their
// results, on one goroutine, writes to out.
type builder struct {
	cfg     Config
	current string       // the file the serial steps are building, for a message if the build panics
	store   *cache.Store // results kept between builds; nil when caching is off
	env     directive.Env
	// directives are the engine's and the configured models' directives.
	directives *directive.Registry
	base       string
	engine     *markup.Engine
	out        Output
	pageIDs    map[string]bool // the fixed ids of the templates, kept from headings and labels

	siteFile  string    // content/_index.md, for messages
	siteLinks []linkRef // its relative links and images, which the home page shows
	siteUses  []string  // the site paths of the files its HTML refers to

	bundles map[string]source // every bundle of the content, by slug, built or not
}

// siteInfo reads content/_index.md, whose front matter names the site and
// whose body introduces it. The file is optional.
func (b *builder) siteInfo() (siteView, []error) {
	site := siteView{Title: "Explainers", BaseURL: b.base}
	file := filepath.Join(b.cfg.ContentDir, siteIndexFile)
	b.current = file
	if _, err := os.Lstat(file); errors.Is(err, fs.ErrNotExist) {
		return site, nil
	}
	if err := checkInside(b.cfg.ContentDir, file); err != nil {
		return site, []error{err}
	}
	src, err := readText(file)
	if err != nil {
		return site, []error{err}
	}
	doc, meta, errs := b.parse(file, src)
	if meta.RawHTML {
		// Parsing does not depend on this setting, only rendering: every
		// page, this one included, renders with the permissive engine.
		b.engine = markup.New(markup.Config{Unsafe: true})
	}
	if doc != nil {
		renameClashingHeadings(doc, newIDClaims(b.pageIDs, nil))
		for _, e := range append(append(checkLinks(doc, 0), checkMath(doc)...), typesetMath(doc, b.store)...) {
			errs = append(errs, fmt.Errorf("%s:%d: %s", file, e.line, e.msg))
		}
		for _, e := range markup.Evals(doc.Root) {
			errs = append(errs, fmt.Errorf("%s:%d: {eval}: the home page has no {compute} blocks, so a role has nothing to show; an {eval} role shows a value computed by an explainer's {compute} blocks above it", file, e.Line))
		}
	}
	if len(errs) > 0 {
		return site, errs
	}
	highlightCode(doc, b.store)
	var body bytes.Buffer
	if err := b.engine.Render(&body, doc); err != nil {
		return site, []error{fmt.Errorf("%s:1: rendering: %w", file, err)}
	}
	b.siteFile, b.siteLinks = file, collectLinks(doc, 0, false)
	b.siteUses = htmlUses("index.html", body.Bytes())
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
	block := readFrontMatterBlock(src, doc.FrontMatterLine)
	if !block.closed {
		return nil, Meta{}, []error{block.unclosed(file)}
	}
	if errs := block.shapeProblems(file); len(errs) > 0 {
		return nil, Meta{}, errs
	}
	values := map[string]any{}
	if err := doc.FrontMatter.Decode(&values); err != nil {
		return nil, Meta{}, block.decodeProblems(file, err)
	}
	meta, fieldErrs := decodeMeta(values, block.rawBlock(), doc.FrontMatterLine)
	sort.SliceStable(fieldErrs, func(i, j int) bool { return fieldErrs[i].line < fieldErrs[j].line })
	var errs []error
	for _, fe := range fieldErrs {
		errs = append(errs, fmt.Errorf("%s:%d: %s", file, fe.line, fe.msg))
	}
	return doc, meta, errs
}

// page parses, expands and renders one explainer, recording its CSV data and
// bundle assets in the output. It returns nil for a draft that is left out.
func (b *builder) page(src source) (*Page, []outFile, []byte, []error) {
	if testHookPage != nil {
		testHookPage(src.File)
	}
	text, err := readText(src.File)
	if err != nil {
		return nil, nil, nil, []error{err}
	}
	doc, meta, errs := b.parse(src.File, text)
	if meta.rawHTMLLine > 0 {
		errs = append(errs, fmt.Errorf("%s:%d: front matter: \"raw_html\" is a setting of the whole site; set it in content/_index.md", src.File, meta.rawHTMLLine))
	}
	if doc == nil || (meta.Draft && !b.cfg.Drafts) {
		return nil, nil, nil, errs
	}
	blocks := markup.Directives(doc.Root)
	labels := b.directives.Labels(blocks)
	renameClashingHeadings(doc, newIDClaims(b.pageIDs, labels))
	links := b.pageLinks(doc, blocks) // before references to figures get their text
	lineErrs := append(resolveReferences(doc, labels), checkLinks(doc, 1)...)
	lineErrs = append(lineErrs, labelsTakenByPage(blocks, b.pageIDs)...)
	lineErrs = append(lineErrs, checkMath(doc)...)
	for _, e := range append(lineErrs, typesetMath(doc, b.store)...) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", src.File, e.line, e.msg))
	}
	var dir string // a bundle's folder, whose files {compute} may read
	if filepath.Base(src.File) == "index.md" {
		dir = filepath.Dir(src.File)
	}
	captions := b.captionRenderer(labels)
	outcome, dirErrs := b.directives.Expand(directive.Page{File: src.File, Caption: func(md []byte) ([]byte, error) { return captions(md, nil) },
		CaptionEval: captions, Evals: markup.Evals(doc.Root), Env: &b.env, Dir: dir}, blocks)
	errs = append(errs, dirErrs...)
	if len(errs) > 0 {
		sortByLine(src.File, errs)
		return nil, nil, nil, errs
	}
	highlightCode(doc, b.store)
	var body bytes.Buffer
	if err := b.engine.Render(&body, doc); err != nil {
		return nil, nil, nil, []error{fmt.Errorf("%s:1: rendering: %w", src.File, err)}
	}
	var files []outFile
	generated := int64(body.Len())
	for _, f := range outcome.Files {
		generated += int64(len(f.Data))
		files = append(files, outFile{name: src.Slug + "/" + f.Name, data: f.Data, taken: func(err error) error {
			return fmt.Errorf("%s:1: %w", src.File, err)
		}})
	}
	if generated > maxPageBytes {
		return nil, nil, nil, []error{fmt.Errorf("%s:1: the page renders to %s of HTML and data, over the limit of %s for one page (a fixed limit); split it into several pages, and do not repeat long links thousands of times",
			src.File, directive.ByteSize(generated), directive.ByteSize(maxPageBytes))}
	}
	var uses []string
	if len(b.bundles) > 0 { // a site without bundle files has none to find
		uses = htmlUses(src.Slug+"/index.html", body.Bytes())
	}
	own, elsewhere := b.bundleUses(src, uses, outcome.Read)
	for _, a := range own {
		f, err := bundleFile(src, a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, f)
	}
	return &Page{
		file:    src.File,
		Meta:    meta,
		Slug:    src.Slug,
		URL:     src.Slug + "/",
		Content: template.HTML(body.String()),
		Figures: outcome.Figures,
		TOC:     tableOfContents(doc),
		links:   links,
		assets:  src.Assets,
		uses:    elsewhere,
	}, files, outcome.Social, errs
}

// outFile is a file a page publishes, waiting for join to add it to the
// output; taken words the problem when another file has its path.
type outFile struct {
	name  string
	data  []byte
	copy  *Copy // a bundle's file, copied from disk when the site is written; data is nil
	taken func(error) error
}

// pageBuild is what building one page left for join.
type pageBuild struct {
	page   *Page     // nil when the page failed or is a draft left out
	files  []outFile // its figures' data and its bundle's files, in order
	social []byte    // its first figure as a PNG, or nil
	errs   []error
}

// pageSafely builds one page, turning a panic, which is a bug, into a
// problem located at the page's file, as Generate does for the serial steps.
func (b *builder) pageSafely(src source) (r pageBuild) {
	defer func() {
		if v := recover(); v != nil {
			r = pageBuild{errs: []error{fmt.Errorf("%s:1: internal error while building %s: %s; please report it", src.File, src.File, oneLine(fmt.Sprint(v)))}}
		}
	}()
	r.page, r.files, r.social, r.errs = b.page(src)
	return r
}

// join adds a built page's files and social image to the output. It runs
// on one goroutine, page after page in the order of the sources, so that a
// clash between two pages' files is reported as a serial build would. It
// returns the bytes the page added: generated (its HTML, counted as its
// rendered content, and its files; a file another page wrote already
// counts once) and copied from its bundle.
func (b *builder) join(r pageBuild) (errs []error, generated, copied int64) {
	generated = int64(len(r.page.Content))
	for _, f := range r.files {
		fresh := !b.out.Has(f.name)
		var err error
		if f.copy != nil {
			err = b.out.addCopy(f.name, *f.copy)
		} else {
			err = b.out.add(f.name, f.data)
		}
		switch {
		case err != nil:
			errs = append(errs, f.taken(err))
		case fresh && f.copy != nil:
			copied += f.copy.Size
		case fresh:
			generated += int64(len(f.data))
		}
	}
	social, err := b.socialImage(r.page.Slug, r.social)
	if err != nil {
		errs = append(errs, fmt.Errorf("%s:1: %w", r.page.file, err))
	}
	generated += int64(len(r.social))
	r.page.Social = social
	return errs, generated, copied
}

// workers is how many pages are built at once: Config.Workers, or GOMAXPROCS.
func (b *builder) workers() int {
	if b.cfg.Workers > 0 {
		return b.cfg.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// sortByLine puts the problems of file, each written "file:line: …", in the
// order of their lines, keeping the order of those on the same line.
func sortByLine(file string, errs []error) {
	line := func(e error) int {
		rest, ok := strings.CutPrefix(e.Error(), file+":")
		if !ok {
			return 0
		}
		n, _ := strconv.Atoi(rest[:max(strings.IndexByte(rest, ':'), 0)])
		return n
	}
	sort.SliceStable(errs, func(i, j int) bool { return line(errs[i]) < line(errs[j]) })
}

// captionRenderer renders a figure caption's Markdown, resolving its
// references to figures with the page's labels and passing its {eval}
// roles to evaluate (nil for a caption that may have none).
func (b *builder) captionRenderer(labels map[string]int) func([]byte, func([]*markup.Eval) error) ([]byte, error) {
	return func(md []byte, evaluate func([]*markup.Eval) error) ([]byte, error) {
		doc, err := b.engine.ParseFragment(md)
		if err != nil {
			return nil, err
		}
		errs := append(resolveReferences(doc, labels), checkLinks(doc, 1)...)
		errs = append(errs, checkMath(doc)...)
		errs = append(errs, typesetMath(doc, b.store)...)
		// Every problem, each at its own line.
		var problems []error
		for _, e := range errs {
			problems = append(problems, &directive.CaptionError{Line: e.line, Msg: e.msg})
		}
		if roles := markup.Evals(doc.Root); len(roles) > 0 {
			if evaluate == nil {
				problems = append(problems, &directive.CaptionError{Line: roles[0].Line, Msg: "{eval} roles are not evaluated here"})
			} else if err := evaluate(roles); err != nil {
				problems = append(problems, err)
			}
		}
		if len(problems) > 0 {
			return nil, errors.Join(problems...)
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
		data, err := readRegular(p)
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
