package directive_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive"
)

// The images the tests show, made here: each kind at a size no other has,
// so that a size on the page says which file it was read from.

// pngImage is a PNG of w × h pixels.
func pngImage(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegImage is a JPEG of w × h pixels.
func jpegImage(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.White)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// webpImage is a lossless WebP header of w × h pixels, written by hand
// from the format's specification: a RIFF file of form WEBP holding a VP8L
// chunk, whose signature byte 0x2f is followed by 14 bits of width − 1,
// 14 of height − 1, an alpha bit and a 3-bit version 0, least significant
// bit first; the chunk's odd length is padded to an even one. That header
// is all a reader of its size needs (the image data is left out).
func webpImage(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	chunk := append([]byte{0x2f}, binary.LittleEndian.AppendUint32(nil, bits)...)
	var buf bytes.Buffer
	buf.WriteString("RIFF")
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(4+8+len(chunk)+1)))
	buf.WriteString("WEBPVP8L")
	buf.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(chunk))))
	buf.Write(chunk)
	buf.WriteByte(0)
	return buf.Bytes()
}

// svgImage is an SVG whose root element has the attributes attrs.
func svgImage(attrs string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<!-- drawn by hand -->\n" +
		`<svg xmlns="http://www.w3.org/2000/svg" ` + attrs + `><circle cx="5" cy="5" r="4"/></svg>` + "\n")
}

// imageBundle writes an explainer's folder holding files, and returns it.
func imageBundle(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content", "essay")
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// figurePage expands src as dir/index.md (x.md, a page without a folder,
// when dir is empty), and returns the outcome, each block's HTML and every
// problem as text.
func figurePage(t *testing.T, dir, src string, env *Env) (Outcome, []string, []string) {
	t.Helper()
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	blocks := markup.Directives(doc.Root)
	file := "x.md"
	if dir != "" {
		file = filepath.Join(dir, "index.md")
	}
	out, errs := seed.Expand(Page{File: file, Caption: engine.RenderFragment, Env: env, Dir: dir}, blocks)
	var html, msgs []string
	for _, b := range blocks {
		html = append(html, string(b.HTML))
	}
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return out, html, msgs
}

func TestFigureShowsAnImageNumberedWithTheComputedFigures(t *testing.T) {
	dir := imageBundle(t, map[string][]byte{"diagram.svg": svgImage(`width="320" height="120"`)})
	src := "```{signal}\n:label: fig-data\n:n: 5\n```\n\n" +
		"```{figure} diagram.svg\n:label: fig-diagram\n:alt: A circle & a \"quote\".\n\nThe *diagram*, after [](#fig-data).\n```\n\n" +
		"```{signal}\n:n: 5\n```\n"
	out, html, errs := figurePage(t, dir, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	// Three figures, numbered in order; the image has no data, so the two
	// signals' CSV files are all the page writes.
	if out.Figures != 3 || len(out.Files) != 2 || out.Files[0].Name != "fig-data.csv" || out.Files[1].Name != "fig-3.csv" {
		t.Fatalf("%d figures, files %v; want 3 figures writing fig-data.csv and fig-3.csv", out.Figures, out.Files)
	}
	want := `<figure class="kp-figure" id="fig-diagram">` + "\n" +
		`<div class="kp-figure-image"><img src="diagram.svg" alt="A circle &amp; a &#34;quote&#34;." width="320" height="120"></div>` + "\n" +
		`<figcaption><span class="kp-figure-number">Figure 2.</span> The <em>diagram</em>, after <a href="#fig-data"></a>. </figcaption>` + "\n</figure>\n"
	if html[1] != want {
		t.Errorf("the image figure is\n%s\nwant\n%s", html[1], want)
	}
	if !strings.Contains(html[2], `id="fig-3"`) || !strings.Contains(html[2], "Figure 3.") {
		t.Errorf("the figure after the image is not Figure 3 (fig-3):\n%.300s", html[2])
	}
	// A page whose first figure is an image takes its link preview from
	// the first figure that is drawn.
	out, _, errs = figurePage(t, dir, "```{figure} diagram.svg\n:alt: x\n```\n\n```{signal}\n:n: 5\n```\n", &Env{})
	if len(errs) > 0 || !bytes.HasPrefix(out.Social, []byte("\x89PNG")) {
		t.Errorf("a page opening with an image figure has no social PNG from the signal below it (%v)", errs)
	}
	// References resolve to its number before anything runs.
	doc, _ := markup.New(markup.Config{}).Parse([]byte(src))
	labels := seed.Labels(markup.Directives(doc.Root))
	if labels["fig-data"] != 1 || labels["fig-diagram"] != 2 || labels["fig-3"] != 3 {
		t.Errorf("labels %v, want fig-data 1, fig-diagram 2, fig-3 3", labels)
	}
}

func TestFigureReadsTheSizeOfEachKindOfImage(t *testing.T) {
	dir := imageBundle(t, map[string][]byte{
		"a.png":         pngImage(t, 7, 3),
		"b.jpg":         jpegImage(t, 5, 4),
		"c.JPEG":        jpegImage(t, 2, 9),
		"d.webp":        webpImage(6, 11),
		"svg/px.svg":    svgImage(`width="320px" height="120"`),
		"svg/inch.svg":  svgImage(`width="2in" height="0.5in"`),     // 96 px an inch
		"svg/pt.svg":    svgImage(`width="72pt" height="36pt"`),     // 72 pt an inch
		"svg/cm.svg":    svgImage(`width="2.54cm" height="25.4mm"`), // an inch each
		"svg/vb.svg":    svgImage(`viewBox="0 0 40 30"`),            // the viewBox's size
		"svg/pct.svg":   svgImage(`width="100%" height="100%" viewBox="0,0,40,30"`),
		"svg/wide.svg":  svgImage(`width="80" viewBox="-5 -5 40 30"`),  // the viewBox's proportions
		"svg/tall.svg":  svgImage(`height="15em" viewBox="0 0 40 30"`), // em is relative: the viewBox alone
		"svg/round.svg": svgImage(`width="10.4" height="10.6"`),        // whole pixels, rounded
		"svg/tiny.svg":  svgImage(`viewBox="0 0 0.2 0.2"`),             // at least a pixel
		"svg/bom.svg":   append([]byte("\xef\xbb\xbf  \n"), svgImage(`width="3" height="4"`)...),
	})
	for name, size := range map[string]string{
		"a.png":         `width="7" height="3"`,
		"b.jpg":         `width="5" height="4"`,
		"c.JPEG":        `width="2" height="9"`,
		"d.webp":        `width="6" height="11"`,
		"svg/px.svg":    `width="320" height="120"`,
		"svg/inch.svg":  `width="192" height="48"`,
		"svg/pt.svg":    `width="96" height="48"`,
		"svg/cm.svg":    `width="96" height="96"`,
		"svg/vb.svg":    `width="40" height="30"`,
		"svg/pct.svg":   `width="40" height="30"`,
		"svg/wide.svg":  `width="80" height="60"`,
		"svg/tall.svg":  `width="40" height="30"`,
		"svg/round.svg": `width="10" height="11"`,
		"svg/tiny.svg":  `width="1" height="1"`,
		"svg/bom.svg":   `width="3" height="4"`,
	} {
		_, html, errs := figurePage(t, dir, "```{figure} "+name+"\n:alt: An image.\n```\n", &Env{})
		if len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		if want := `<img src="` + name + `" alt="An image." ` + size + `>`; !strings.Contains(html[0], want) {
			t.Errorf("%s: the figure lacks %s:\n%s", name, want, html[0])
		}
	}
}

func TestFigureShowsADarkVariantAndAWidth(t *testing.T) {
	dir := imageBundle(t, map[string][]byte{
		"light.svg":      svgImage(`viewBox="0 0 320 120"`),
		"dark mode,.svg": svgImage(`viewBox="0 0 300 100"`),
	})
	_, html, errs := figurePage(t, dir, "```{figure} light.svg\n:alt: A circle.\n:dark: dark mode,.svg\n```\n", &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := `<div class="kp-figure-image"><picture><source media="(prefers-color-scheme: dark)" srcset="dark%20mode%2C.svg" width="300" height="100"><img src="light.svg" alt="A circle." width="320" height="120"></picture></div>`
	if !strings.Contains(html[0], want) {
		t.Errorf("the figure lacks\n%s:\n%s", want, html[0])
	}
	// At a width of 160 each is shown at half (light) or 160/300 (dark,
	// 100 × 160/300 = 53.3) of its size, keeping its proportions.
	_, html, errs = figurePage(t, dir, "```{figure} light.svg\n:alt: A circle.\n:dark: dark mode,.svg\n:width: 160\n```\n", &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`srcset="dark%20mode%2C.svg" width="160" height="53">`, `<img src="light.svg" alt="A circle." width="160" height="60">`} {
		if !strings.Contains(html[0], want) {
			t.Errorf("the figure lacks\n%s:\n%s", want, html[0])
		}
	}
}

func TestFigureReportsEachProblemAtItsLineNamingTheFile(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.png")
	if err := os.WriteFile(outside, pngImage(t, 2, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := imageBundle(t, map[string][]byte{
		"ok.svg":         svgImage(`viewBox="0 0 10 10"`),
		"png.svg":        pngImage(t, 2, 2),
		"svg.jpg":        svgImage(`viewBox="0 0 1 1"`),
		"text.png":       []byte("not an image at all\n"),
		"truncated.png":  pngImage(t, 2, 2)[:12],
		"page.svg":       []byte("<html><body>hi</body></html>\n"),
		"bare.svg":       []byte(`<svg viewBox="0 0 1 1"></svg>`),
		"unsized.svg":    svgImage(`width="50%"`),
		"badbox.svg":     svgImage(`viewBox="0 0 -1 1"`),
		"huge.svg":       svgImage(`width="2000000" height="1"`),
		"anim.gif":       []byte("GIF89a"),
		".hidden.svg":    svgImage(`viewBox="0 0 1 1"`),
		"../sibling.svg": svgImage(`viewBox="0 0 1 1"`), // beside the folder, not in it
		"sub/nested.svg": svgImage(`viewBox="0 0 1 1"`),
	})
	if err := os.Symlink(outside, filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.svg"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.png")
	if err := os.WriteFile(big, pngImage(t, 1, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxImageBytes+1); err != nil { // sparse: takes no room
		t.Fatal(err)
	}
	folder := filepath.ToSlash(dir) + "/"
	file := filepath.Join(dir, "index.md")
	tests := []struct{ name, src, want string }{
		{"no file", "```{figure}\n:alt: x\n```\n", ":1: {figure}: which image? name its file after the directive, e.g. ```{figure} diagram.svg"},
		{"no alt", "text\n\n```{figure} ok.svg\n:label: fig-x\n```\n", `:3: {figure}: option "alt" is required`},
		{"an empty alt", "```{figure} ok.svg\n:alt:   \n```\n", `:2: {figure}: option "alt" is required`},
		{"a title", "```{figure} ok.svg\n:alt: x\n:title: T\n```\n", `:3: {figure}: unknown option "title"`},
		{"a missing file", "\n```{figure} nope.svg\n:alt: x\n```\n", `:2: {figure}: "nope.svg": no such file in the explainer's folder ` + folder},
		{"a misspelt file", "```{figure} sub/nestd.svg\n:alt: x\n```\n", `:1: {figure}: "sub/nestd.svg": no such file in the explainer's folder ` + folder + ` (did you mean sub/nested.svg?)`},
		{"a missing dark variant", "```{figure} ok.svg\n:alt: x\n:label: fig-q\n:dark: nope.svg\n```\n", `:4: {figure}: option "dark": "nope.svg": no such file in the explainer's folder ` + folder},
		{"a file beside the folder", "```{figure} ../sibling.svg\n:alt: x\n```\n", `:1: {figure}: "../sibling.svg": a figure shows only files of the explainer's folder ` + folder},
		{"a path climbing back in", "```{figure} sub/../../essay/ok.svg\n:alt: x\n```\n", `"sub/../../essay/ok.svg": a figure shows only files of the explainer's folder`},
		{"an absolute path", "```{figure} " + filepath.Join(dir, "ok.svg") + "\n:alt: x\n```\n", `a figure shows only files of the explainer's folder`},
		{"a link out", "```{figure} link.png\n:alt: x\n```\n", `:1: {figure}: "link.png": is a symbolic link out of the explainer's folder ` + folder},
		{"a named pipe", "```{figure} pipe.svg\n:alt: x\n```\n", `:1: {figure}: "pipe.svg": is not a regular file`},
		{"a folder", "```{figure} sub\n:alt: x\n```\n", `"sub": a figure shows SVG, PNG, JPEG and WebP images, named .svg, .png, .jpg, .jpeg or .webp`},
		{"a hidden file", "```{figure} .hidden.svg\n:alt: x\n```\n", `".hidden.svg": names starting with a dot are not published with the page`},
		{"a GIF", "```{figure} anim.gif\n:alt: x\n```\n", `"anim.gif": a figure shows SVG, PNG, JPEG and WebP images`},
		{"a PNG named .svg", "```{figure} png.svg\n:alt: x\n```\n", `:1: {figure}: "png.svg": the file's content is a PNG image, not SVG as its name says`},
		{"text named .png", "```{figure} text.png\n:alt: x\n```\n", `"text.png": the file is not a PNG image: its content is none of the kinds`},
		{"a truncated PNG", "```{figure} truncated.png\n:alt: x\n```\n", `"truncated.png": cannot read the size of the PNG image`},
		{"HTML named .svg", "```{figure} page.svg\n:alt: x\n```\n", `"page.svg": the file is not an SVG image: its root element is <html>, not <svg>`},
		{"an SVG without its namespace", "```{figure} bare.svg\n:alt: x\n```\n", `"bare.svg": the <svg> element has no xmlns="http://www.w3.org/2000/svg"`},
		{"an SVG without a size", "```{figure} unsized.svg\n:alt: x\n```\n", `"unsized.svg": the <svg> element has neither a width and height in absolute units nor a viewBox`},
		{"an SVG with a bad viewBox", "```{figure} badbox.svg\n:alt: x\n```\n", `"badbox.svg": the <svg> element's viewBox "0 0 -1 1" is not four numbers`},
		{"an SVG too large", "```{figure} huge.svg\n:alt: x\n```\n", `"huge.svg": the <svg> element says it is 2000000 × 1 pixels, over the limit of 1,000,000 either way`},
		{"a file too large", "```{figure} big.png\n:alt: x\n```\n", `"big.png": the file is 100.1 MiB, over the limit of 100 MiB for a file of a bundle`},
		{"a dark variant of the wrong kind", "```{figure} ok.svg\n:alt: x\n:dark: png.svg\n```\n", `:3: {figure}: option "dark": "png.svg": the file's content is a PNG image, not SVG`},
		{"an SVG named .jpg", "```{figure} ok.svg\n:alt: x\n:dark: svg.jpg\n```\n", `:3: {figure}: option "dark": "svg.jpg": the file's content is an SVG image, not JPEG`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, html, errs := figurePage(t, dir, tt.src, &Env{})
			if len(errs) != 1 || !strings.HasPrefix(errs[0], file+":") || !strings.Contains(errs[0], tt.want) {
				t.Fatalf("errors %q, want one of %s containing %q", errs, file, tt.want)
			}
			if html[0] != "" {
				t.Errorf("a block with a problem has HTML: %s", html[0])
			}
		})
	}
}

func TestFigureInAPageWithoutAFolderSaysToMakeItABundle(t *testing.T) {
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte("# Title\n\n```{figure} diagram.svg\n:alt: x\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, errs := seed.Expand(Page{File: "content/kde.md", Caption: engine.RenderFragment, Env: &Env{}}, markup.Directives(doc.Root))
	want := `content/kde.md:3: {figure}: "diagram.svg": this page is a single file, which has no folder for images; make it a folder bundle, content/kde/index.md, and put diagram.svg beside it`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %v, want\n%s", errs, want)
	}
}

func TestOtherDirectivesStillRefuseTextAfterTheirName(t *testing.T) {
	_, _, errs := figurePage(t, imageBundle(t, nil), "```{signal} data.csv\n```\n", &Env{})
	if len(errs) != 1 || !strings.Contains(errs[0], `:1: {signal}: unexpected text "data.csv" after {signal}`) {
		t.Errorf("errors %q, want the unexpected text refused", errs)
	}
}

// imgSize is the width and height written on a figure's <img>.
var imgSize = regexp.MustCompile(`<img [^>]*width="(\d+)" height="(\d+)"`)

func TestFigureIsCachedByTheImagesBytes(t *testing.T) {
	dir := imageBundle(t, map[string][]byte{"a.png": pngImage(t, 4, 3), "b.png": pngImage(t, 8, 8)})
	cacheDir := t.TempDir()
	store := cache.Open(cacheDir)
	page := "```{figure} a.png\n:alt: x\n:dark: b.png\n```\n"
	size := func() string {
		t.Helper()
		_, html, errs := figurePage(t, dir, page, &Env{Store: store})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		m := imgSize.FindStringSubmatch(html[0])
		if m == nil {
			t.Fatalf("no <img> with a size in %s", html[0])
		}
		return m[1] + "×" + m[2] + map[bool]string{true: " (cached)"}[strings.Contains(html[0], "<!--cached-->")]
	}
	if got := size(); got != "4×3" {
		t.Fatalf("first build: %s, want 4×3", got)
	}
	plantMarker(t, cacheDir)
	if got := size(); got != "4×3 (cached)" {
		t.Errorf("the same bytes: %s, want 4×3 from the cache", got)
	}
	// The image redrawn at another size: read again, whatever the cache.
	if err := os.WriteFile(filepath.Join(dir, "a.png"), pngImage(t, 6, 5), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := size(); got != "6×5" {
		t.Errorf("after the image changed: %s, want 6×5 read anew", got)
	}
	// So is a change to the dark variant alone.
	plantMarker(t, cacheDir)
	if err := os.WriteFile(filepath.Join(dir, "b.png"), pngImage(t, 9, 9), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := size(); got != "6×5" {
		t.Errorf("after the dark variant changed: %s, want 6×5 read anew", got)
	}
}

func TestFigureBoundsItsWorkAndBytes(t *testing.T) {
	long := strings.Repeat(`&<"x`, 150) // 600 bytes, which escaping makes 2,550
	dir := imageBundle(t, map[string][]byte{
		"a.png":                              pngImage(t, 4, 3),
		strings.Repeat("ü, ", 30) + "x.webp": webpImage(3, 3), // escaped to 9 bytes a character
	})
	src := "```{figure} a.png\n:label: f" + strings.Repeat("-x", 100) + "\n:alt: " + long + "\n:dark: " + strings.Repeat("ü, ", 30) + "x.webp\n:width: 10000\n```\n"
	_, html, errs := figurePage(t, dir, src, &Env{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	doc, _ := markup.New(markup.Config{}).Parse([]byte(src))
	b := markup.Directives(doc.Root)[0]
	opts, errs2 := seed.PreparedIn(dir, b)
	if len(errs2) > 0 {
		t.Fatal(errs2)
	}
	bound := opts.(Sizer).OutputBytes()
	if got := int64(len(html[0])); got > bound {
		t.Errorf("the figure wrote %d bytes, over its bound of %d", got, bound)
	}
	// Its work is reading each file once: a few thousand units, and an
	// eighth of a unit a byte.
	if w := opts.(Estimator).Work(); w < 3_000 || w > 3_000+int64(len(pngImage(t, 4, 3))+len(webpImage(3, 3))) {
		t.Errorf("work %d, want 3,000 and an eighth of a unit a byte of the two files", w)
	}
}
