package directive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/image/webp"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// This file holds the whole contract of {figure}: an image file of the
// explainer's folder shown as a numbered figure, written as MyST writes it,
// with the file named after the directive:
//
//	```{figure} diagram.svg
//	:label: fig-diagram
//	:alt: What the image shows, for readers who cannot see it.
//	:dark: diagram-dark.svg
//
//	The caption.
//	```
//
// It is numbered with the computed figures, captioned and referred to like
// them, but has no data: no CSV is written and no drawing is made.
//
// Files. The image (and its dark variant) must be a file of the
// explainer's own folder (Page.Dir, content/<slug>/), named relative to
// it: absolute paths, "..", names starting with a dot (which a bundle does
// not publish) and symbolic links that lead out of the folder are errors,
// as is a page that is a single file and so has no folder. Its content,
// not only its name, must be an SVG, PNG, JPEG or WebP image of the kind
// its extension says (a server sends the type the extension names), and
// it may be at most MaxImageBytes, the bound on a bundle's file.
//
// Output. The page links to the file by its plain relative name
// (<img src="diagram.svg">), which is how a bundle's file is published
// beside its page. The image's own width and height are written on the
// <img>, so the page keeps its box while it loads (the stylesheet scales it
// down to the column, keeping its proportions): read from the PNG, JPEG or
// WebP header, or from an SVG's width and height in absolute units, else
// its viewBox. A dark variant becomes a <picture> whose <source> is chosen
// under prefers-color-scheme: dark, which is how the site's stylesheet
// switches to dark mode.
//
// Limits and cache. Limits opens the files (before anything runs), so Work
// can count their bytes: the figure reads each whole file once, when it is
// computed, to take its digest, which the figure's cache key includes, so a
// changed image is read again and its size written anew.

var figureImageDirective = Define("figure", "An image file of the explainer's folder (SVG, PNG, JPEG or WebP), named after the directive as in ```{figure} diagram.svg, shown as a numbered figure with its caption, and a dark-mode variant if given.", runFigureImage)

type figureImageOptions struct {
	Label string `option:"label" doc:"Identifier of the figure, used as its HTML id; letters, digits and hyphens, starting with a letter. Defaults to fig-N."`
	Alt   string `option:"alt" doc:"Required: what the image shows, in words, for readers who cannot see it; written as the image's alt text."`
	Dark  string `option:"dark" doc:"Another image file of the explainer's folder, shown instead when the reader's system is in dark mode (prefers-color-scheme: dark)."`
	Width int    `option:"width" min:"1" max:"10000" doc:"The width at which to show the image, in CSS pixels; the height follows the image's proportions. Defaults to the image's own width (never wider than the column)."`

	// The figure's options as the engine sees them (hasFigure): the id it
	// settles, and the alt text. There is no title, as nothing is drawn.
	fig FigureOptions
	// Set by the engine (setArgument) before the options are decoded.
	file, dir, page string
	// Set by Limits: the files opened and measured.
	images []*imageFile
}

// MaxImageBytes bounds each image file a {figure} shows, as the site bounds
// every file of a bundle: GitHub refuses files over 100 MiB.
const MaxImageBytes = 100 << 20

// imageFileWork is the work of reading one byte of an image to take its
// digest, in units of work: SHA-256 takes about 2 ns a byte (100 MiB in
// 0.19–0.46 s on our two shared cores), and a unit is 15–55 ns, so a file
// of 100 MiB counts 13 million units, 4% of a page's budget.
const imageFileWork = 1.0 / 8

// maxImagePixels bounds the width and height an image may declare.
const maxImagePixels = 1_000_000

// maxSVGPrologue bounds the bytes read before an SVG's root element.
const maxSVGPrologue = 1 << 20

// imageFile is one file a {figure} shows.
type imageFile struct {
	option string // the option that names it: "" for the file after the directive's name, or "dark"
	name   string // as written, relative to the explainer's folder
	clean  string // cleaned, slash-separated
	size   int64

	// Set by readFiles.
	kind          string // "SVG", "PNG", "JPEG" or "WebP"
	width, height int
	digest        string
}

// imageKinds maps the extensions a {figure} takes to the kind of image
// their content must be.
var imageKinds = map[string]string{".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}

// figure gives the engine the figure's label, which it replaces with the
// figure's id (fig-N when there is none).
func (o *figureImageOptions) figure() *FigureOptions {
	if o.fig.Label == "" {
		o.fig.Label = o.Label
	}
	o.fig.Alt = o.Alt
	return &o.fig
}

func (o *figureImageOptions) setArgument(arg, dir, page string) {
	o.file, o.dir, o.page = arg, dir, page
}

// Limits checks the options and opens each file, before anything runs.
func (o *figureImageOptions) Limits() error {
	if o.file == "" {
		return errors.New("which image? name its file after the directive, e.g. ```{figure} diagram.svg, a file of the explainer's folder")
	}
	if strings.TrimSpace(o.Alt) == "" {
		return OptionErrorf("alt", "option \"alt\" is required: describe what the image shows for readers who cannot see it, e.g. :alt: A diagram of the three steps")
	}
	o.images = []*imageFile{{name: o.file}}
	if o.Dark != "" {
		o.images = append(o.images, &imageFile{option: "dark", name: strings.TrimSpace(o.Dark)})
	}
	for _, f := range o.images {
		if err := o.open(f); err != nil {
			return err
		}
	}
	return nil
}

// problem words a problem with the file f, located at the option that
// names it (the block's first line for the file after the directive).
func (o *figureImageOptions) problem(f *imageFile, format string, args ...any) error {
	msg := fmt.Sprintf("%q: ", f.name) + fmt.Sprintf(format, args...)
	if f.option == "" {
		return errors.New(msg)
	}
	return OptionErrorf(f.option, "option %q: %s", f.option, msg)
}

// open checks that f names a regular file of the explainer's folder, of a
// kind a figure shows, within MaxImageBytes, and notes its size.
func (o *figureImageOptions) open(f *imageFile) error {
	if o.dir == "" {
		slug := strings.TrimSuffix(filepath.Base(o.page), filepath.Ext(o.page))
		return o.problem(f, "this page is a single file, which has no folder for images; make it a folder bundle, %s, and put %s beside it",
			filepath.ToSlash(filepath.Join(filepath.Dir(o.page), slug, "index.md")), f.name)
	}
	folder := filepath.ToSlash(o.dir) + "/"
	outside := o.problem(f, "a figure shows only files of the explainer's folder %s, named relative to it (e.g. diagram.svg or images/diagram.png)", folder)
	if strings.HasPrefix(f.name, "/") || strings.Contains(f.name, "\\") || filepath.IsAbs(f.name) {
		return outside
	}
	f.clean = path.Clean(f.name)
	if f.clean == ".." || strings.HasPrefix(f.clean, "../") || strings.Contains("/"+f.name+"/", "/../") {
		return outside
	}
	for _, part := range strings.Split(f.clean, "/") {
		if strings.HasPrefix(part, ".") {
			return o.problem(f, "names starting with a dot are not published with the page; rename it")
		}
	}
	if _, ok := imageKinds[strings.ToLower(path.Ext(f.clean))]; !ok {
		return o.problem(f, "a figure shows SVG, PNG, JPEG and WebP images, named .svg, .png, .jpg, .jpeg or .webp")
	}
	file, err := o.openFile(f)
	if err != nil {
		return err
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return o.problem(f, "%v", err)
	}
	if !info.Mode().IsRegular() {
		return o.problem(f, "is not a regular file")
	}
	if info.Size() > MaxImageBytes {
		return o.problem(f, "the file is %s, over the limit of %s for a file of a bundle (GitHub refuses larger files); make it smaller", ByteSize(info.Size()), ByteSize(MaxImageBytes))
	}
	f.size = info.Size()
	return nil
}

// openFile opens f inside the explainer's folder, without following a
// symbolic link out of it and without blocking on a named pipe.
func (o *figureImageOptions) openFile(f *imageFile) (*os.File, error) {
	folder := filepath.ToSlash(o.dir) + "/"
	root, err := os.OpenRoot(o.dir)
	if err != nil {
		return nil, o.problem(f, "%v", err)
	}
	defer root.Close()
	file, err := root.OpenFile(f.clean, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	switch {
	case err == nil:
		return file, nil
	case errors.Is(err, os.ErrNotExist):
		msg := "no such file in the explainer's folder " + folder
		if c := nearestImage(root, f.clean); c != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", c)
		}
		return nil, o.problem(f, "%s", msg)
	case strings.Contains(err.Error(), "escapes from parent"):
		return nil, o.problem(f, "is a symbolic link out of the explainer's folder %s; a figure shows only files of the folder, so copy the file in", folder)
	}
	return nil, o.problem(f, "%v", err)
}

// nearestImage returns the image file of name's folder, within root,
// whose name is nearest name's, or "".
func nearestImage(root *os.Root, name string) string {
	dir := path.Dir(name)
	d, err := root.Open(dir)
	if err != nil {
		return ""
	}
	defer d.Close()
	entries, err := d.ReadDir(-1)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries {
		if _, ok := imageKinds[strings.ToLower(path.Ext(e.Name()))]; ok && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, path.Join(dir, e.Name()))
		}
	}
	sort.Strings(names)
	return suggest.Closest(name, names)
}

// Work is reading each file once, whole, to take its digest.
func (o *figureImageOptions) Work() int64 {
	work := int64(1_000)
	for _, f := range o.images {
		work += 1_000 + int64(float64(f.size)*imageFileWork)
	}
	return work
}

// OutputBytes bounds the figure's HTML: the <figure>, <picture> and <img>
// elements (about 400 bytes), each file's name, percent-escaped (three
// bytes a byte) in one attribute, and the label and alt text as every
// figure counts them.
func (o *figureImageOptions) OutputBytes() int64 {
	n := 1_000 + labelCopies*int64(max(len(o.fig.Label), len(o.Label))) + textCopies*int64(len(o.Alt))
	for _, f := range o.images {
		n += 3 * int64(len(f.name))
	}
	return n
}

// readFiles reads each file whole, once, when the figure is computed: its
// kind and size from its content, and its digest, which the figure's cache
// key includes (figureKey).
func (o *figureImageOptions) readFiles() error {
	for _, f := range o.images {
		if err := o.read(f); err != nil {
			return err
		}
	}
	return nil
}

// filesDigest is the digest of every file the figure shows, once read.
func (o *figureImageOptions) filesDigest() string {
	var parts []string
	for _, f := range o.images {
		parts = append(parts, f.clean, f.digest)
	}
	return strings.Join(parts, "\n")
}

// read measures one file from its content and takes its digest.
func (o *figureImageOptions) read(f *imageFile) error {
	file, err := o.openFile(f)
	if err != nil {
		return err
	}
	defer file.Close()
	h := sha256.New()
	// The limit holds should the file have grown since Limits measured it.
	r := io.TeeReader(io.LimitReader(file, MaxImageBytes+1), h)
	head := make([]byte, 16)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return o.problem(f, "%v", err)
	}
	head = head[:n]
	kind := sniffImage(head)
	want := imageKinds[strings.ToLower(path.Ext(f.clean))]
	if kind != want {
		if kind == "" {
			return o.problem(f, "the file is not %s %s image: its content is none of the kinds a figure shows (SVG, PNG, JPEG, WebP)", article(want), want)
		}
		return o.problem(f, "the file's content is %s %s image, not %s as its name says; rename it with the extension of its kind", article(kind), kind, want)
	}
	all := io.MultiReader(bytes.NewReader(head), r)
	if kind == "SVG" {
		f.width, f.height, err = svgSize(all)
	} else {
		f.width, f.height, err = rasterSize(kind, all)
	}
	if err != nil {
		return o.problem(f, "%v", err)
	}
	if f.width > maxImagePixels || f.height > maxImagePixels {
		return o.problem(f, "the image says it is %d × %d pixels, over the limit of %s either way", f.width, f.height, thousands(maxImagePixels))
	}
	size, err := io.Copy(io.Discard, r)
	if err != nil {
		return o.problem(f, "%v", err)
	}
	if int64(len(head))+size > MaxImageBytes {
		return o.problem(f, "the file is over the limit of %s for a file of a bundle (GitHub refuses larger files); make it smaller", ByteSize(MaxImageBytes))
	}
	f.kind, f.digest = kind, hex.EncodeToString(h.Sum(nil))
	return nil
}

// sniffImage names the kind of image whose first bytes are head: "PNG",
// "JPEG" or "WebP" by their signatures, "SVG" for anything that starts as
// XML or an <svg> element does (svgSize checks the rest), or "".
func sniffImage(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return "JPEG"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "WebP"
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) {
		return "SVG"
	}
	return ""
}

// article is the indefinite article of an image kind's name: an SVG, a
// PNG.
func article(kind string) string {
	if kind == "SVG" {
		return "an"
	}
	return "a"
}

// rasterSize reads the width and height in a PNG, JPEG or WebP header.
func rasterSize(kind string, r io.Reader) (int, int, error) {
	var (
		c   image.Config
		err error
	)
	switch kind {
	case "PNG":
		c, err = png.DecodeConfig(r)
	case "JPEG":
		c, err = jpeg.DecodeConfig(r)
	case "WebP":
		c, err = webp.DecodeConfig(r)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("cannot read the size of the %s image: %v", kind, err)
	}
	if c.Width <= 0 || c.Height <= 0 {
		return 0, 0, fmt.Errorf("the %s image is %d × %d pixels; it must have some width and height", kind, c.Width, c.Height)
	}
	return c.Width, c.Height, nil
}

// svgNamespace is the namespace an SVG image's root element must be in: a
// browser shows an SVG file in an <img> only then.
const svgNamespace = "http://www.w3.org/2000/svg"

// svgSize reads an SVG's root element and returns its size in CSS pixels:
// its width and height when both are in absolute units (px, none, in, cm,
// mm, pt, pc, Q), else from its viewBox, scaled to whichever of the two is
// absolute.
func svgSize(r io.Reader) (int, int, error) {
	d := xml.NewDecoder(io.LimitReader(r, maxSVGPrologue))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return 0, 0, fmt.Errorf("the file is not an SVG image: no <svg> element in its first %s", ByteSize(maxSVGPrologue))
		}
		if err != nil {
			return 0, 0, fmt.Errorf("the file is not an SVG image: %v", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if start.Name.Local != "svg" {
			return 0, 0, fmt.Errorf("the file is not an SVG image: its root element is <%s>, not <svg>", start.Name.Local)
		}
		if start.Name.Space != svgNamespace {
			return 0, 0, fmt.Errorf("the <svg> element has no xmlns=%q, without which browsers do not show it as an image; add it", svgNamespace)
		}
		var width, height, viewBox string
		for _, a := range start.Attr {
			if a.Name.Space != "" {
				continue
			}
			switch a.Name.Local {
			case "width":
				width = a.Value
			case "height":
				height = a.Value
			case "viewBox":
				viewBox = a.Value
			}
		}
		return svgDimensions(width, height, viewBox)
	}
}

// svgDimensions resolves an SVG's width, height and viewBox attributes to
// a size in whole CSS pixels.
func svgDimensions(width, height, viewBox string) (int, int, error) {
	w, wok := svgLength(width)
	h, hok := svgLength(height)
	if !wok || !hok {
		vw, vh, ok := parseViewBox(viewBox)
		switch {
		case !ok && viewBox != "":
			return 0, 0, fmt.Errorf("the <svg> element's viewBox %q is not four numbers, the last two positive", viewBox)
		case !ok:
			return 0, 0, errors.New("the <svg> element has neither a width and height in absolute units nor a viewBox, so its size is unknown; add viewBox=\"0 0 WIDTH HEIGHT\"")
		case wok:
			h = w * vh / vw
		case hok:
			w = h * vw / vh
		default:
			w, h = vw, vh
		}
	}
	if w > maxImagePixels || h > maxImagePixels {
		return 0, 0, fmt.Errorf("the <svg> element says it is %s × %s pixels, over the limit of %s either way", strconv.FormatFloat(w, 'f', -1, 64), strconv.FormatFloat(h, 'f', -1, 64), thousands(maxImagePixels))
	}
	return max(1, int(math.Round(w))), max(1, int(math.Round(h))), nil
}

// svgUnits are the CSS pixels in one of each absolute unit.
var svgUnits = map[string]float64{"": 1, "px": 1, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6, "pt": 96.0 / 72, "pc": 16}

// svgLength reads a length in absolute units as CSS pixels; a relative one
// (%, em) or none is not ok.
func svgLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
		i--
	}
	scale, ok := svgUnits[strings.ToLower(s[i:])]
	if !ok || i == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, false
	}
	return v * scale, true
}

// parseViewBox reads a viewBox's width and height.
func parseViewBox(s string) (w, h float64, ok bool) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(fields) != 4 {
		return 0, 0, false
	}
	var v [4]float64
	for i, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, 0, false
		}
		v[i] = x
	}
	if !(v[2] > 0 && v[3] > 0) {
		return 0, 0, false
	}
	return v[2], v[3], true
}

// runFigureImage writes the figure's image: an <img>, in a <picture> with
// a dark-mode <source> when there is a dark variant.
func runFigureImage(o *figureImageOptions, _ *Env) (*Result, error) {
	img := o.images[0]
	var buf bytes.Buffer
	buf.WriteString("<div class=\"kp-figure-image\">")
	if len(o.images) > 1 {
		dark := o.images[1]
		w, h := o.shownSize(dark)
		fmt.Fprintf(&buf, "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"%s\" width=\"%d\" height=\"%d\">", imageURL(dark.clean), w, h)
	}
	w, h := o.shownSize(img)
	fmt.Fprintf(&buf, "<img src=\"%s\" alt=\"%s\" width=\"%d\" height=\"%d\">", imageURL(img.clean), html.EscapeString(strings.TrimSpace(o.Alt)), w, h)
	if len(o.images) > 1 {
		buf.WriteString("</picture>")
	}
	buf.WriteString("</div>")
	return &Result{Plot: buf.Bytes()}, nil
}

// shownSize is the size f is shown at: its own, or scaled to :width:.
func (o *figureImageOptions) shownSize(f *imageFile) (int, int) {
	if o.Width == 0 {
		return f.width, f.height
	}
	return o.Width, max(1, int(math.Round(float64(o.Width)*float64(f.height)/float64(f.width))))
}

// imageURL is the relative URL of a file of the explainer's folder, as
// written in src and srcset: each segment percent-escaped, so a space or a
// comma cannot end it.
func imageURL(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(url.PathEscape(p), ",", "%2C")
	}
	return html.EscapeString(strings.Join(parts, "/"))
}
