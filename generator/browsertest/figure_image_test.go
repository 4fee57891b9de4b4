package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kernelpress/kernelpress/generator/site"
)

// imageSelector picks the image of every image figure ({figure}).
const imageSelector = "figure.kp-figure .kp-figure-image img"

// shownImage is an image figure's <img> as the browser shows it.
type shownImage struct {
	Figure     string  `json:"figure"`
	Src        string  `json:"src"`        // the file the browser chose (currentSrc)
	Dark       string  `json:"dark"`       // the dark <source>'s file, or ""
	Complete   bool    `json:"complete"`   // loaded
	Natural    float64 `json:"natural"`    // naturalWidth: 0 when it failed
	Width      float64 `json:"width"`      // the box it takes
	Height     float64 `json:"height"`     //
	AttrWidth  float64 `json:"attrWidth"`  // the width and height written for the file chosen
	AttrHeight float64 `json:"attrHeight"` //
	IsDark     bool    `json:"isDark"`     // the page is in dark mode
}

// readImages lists the image figures' images.
func readImages(ctx context.Context) ([]shownImage, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]shownImage](`[...document.querySelectorAll(`+jsString(imageSelector)+`)].map(img => {
		const r = img.getBoundingClientRect();
		const source = img.closest('picture') && img.closest('picture').querySelector('source');
		const darkURL = source ? new URL(source.getAttribute('srcset'), document.baseURI).href : '';
		const chosen = darkURL && img.currentSrc === darkURL ? source : img;
		return {figure: img.closest('figure').id, src: img.currentSrc, dark: darkURL, complete: img.complete,
			natural: img.naturalWidth, width: r.width, height: r.height,
			attrWidth: +chosen.getAttribute('width'), attrHeight: +chosen.getAttribute('height'),
			isDark: matchMedia('(prefers-color-scheme: dark)').matches};
	})`))
}

// checkImageFigures fails unless every image figure's image has loaded,
// is the dark variant exactly when the page is in dark mode, takes a box
// in the proportions of the width and height written for it, no wider
// than them, and shows more than a flat colour.
func (v *visit) checkImageFigures(t reporter) {
	t.Helper()
	images, err := readImages(v.ctx)
	if err != nil {
		t.Errorf("finding the image figures: %v", err)
		return
	}
	if len(images) == 0 {
		return
	}
	nodes, err := chromedp.Run(v.ctx, chromedp.Nodes(chromedp.CSSAll(imageSelector)))
	if err != nil || len(nodes) != len(images) {
		t.Errorf("querying the %d images: got %d nodes, %v", len(images), len(nodes), err)
		return
	}
	for i, img := range images {
		name := "image figure #" + img.Figure
		switch {
		case !img.Complete || img.Natural == 0:
			t.Errorf("%s: %s did not load", name, img.Src)
			continue
		case img.Dark != "" && (img.Src == img.Dark) != img.IsDark:
			t.Errorf("%s shows %s in %s mode; its dark variant is %s", name, img.Src, map[bool]string{true: "dark", false: "light"}[img.IsDark], img.Dark)
		case img.AttrWidth <= 0 || img.AttrHeight <= 0:
			t.Errorf("%s: no width and height written for %s", name, img.Src)
			continue
		case img.Width > img.AttrWidth+0.5 || math.Abs(img.Width/img.Height-img.AttrWidth/img.AttrHeight) > 0.02*img.AttrWidth/img.AttrHeight:
			t.Errorf("%s takes %.1f × %.1f, out of the proportions of the %g × %g written for %s", name, img.Width, img.Height, img.AttrWidth, img.AttrHeight, img.Src)
		}
		shot, err := chromedp.Run(v.ctx, chromedp.ScreenshotNodes([]*chromedp.Node{nodes[i]}, 1))
		if err != nil {
			t.Errorf("%s: screenshot: %v", name, err)
			continue
		}
		if s, err := measurePNG(shot); err != nil || !s.drawn() {
			t.Errorf("%s looks blank: %v %v", name, s, err)
		}
	}
}

// stripes is a PNG of w × h pixels: three bands of colour on ground, so a
// screenshot of it is not blank.
func stripes(t *testing.T, w, h int, ground color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bands := []color.RGBA{{0, 114, 178, 255}, {213, 94, 0, 255}, {0, 158, 115, 255}}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := ground
			if b := 4 * y / h; b > 0 && x%40 < 30 {
				c = bands[b-1]
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// imageGate holds the responses for images while it is shut, so that a
// test can see the page before its images arrive.
type imageGate struct {
	mu   sync.Mutex
	shut chan struct{} // nil when open
}

func (g *imageGate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut == nil {
		g.shut = make(chan struct{})
	}
}

func (g *imageGate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut != nil {
		close(g.shut)
		g.shut = nil
	}
}

func (g *imageGate) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ext := filepath.Ext(r.URL.Path); ext == ".png" || ext == ".svg" {
			g.mu.Lock()
			shut := g.shut
			g.mu.Unlock()
			if shut != nil {
				select {
				case <-shut:
				case <-r.Context().Done():
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}

// serveImages builds a bundle with image figures among a computed one and
// serves it behind gate; it returns the page's URL.
func serveImages(t *testing.T, gate *imageGate) string {
	t.Helper()
	content := t.TempDir()
	bundle := filepath.Join(content, "pictures")
	files := map[string][]byte{
		"index.md": []byte("---\ntitle: \"Pictures\"\n---\n\nA photograph, [](#fig-photo), a diagram, [](#fig-diagram), and data, [](#fig-data).\n\n" +
			"```{figure} img/photo.png\n:label: fig-photo\n:alt: Three bands of colour.\n:dark: img/photo-dark.png\n\nA picture 800 by 400 pixels, 600 by 600 in dark mode.\n```\n\n" +
			"```{signal}\n:label: fig-data\n:n: 20\n```\n\n" +
			"```{figure} diagram.svg\n:label: fig-diagram\n:alt: A circle in a square.\n:width: 240\n\nA diagram shown 240 pixels wide, after [](#fig-data).\n```\n"),
		"img/photo.png":      stripes(t, 800, 400, color.White),
		"img/photo-dark.png": stripes(t, 600, 600, color.RGBA{21, 23, 26, 255}),
		"diagram.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2in" height="1.5in" viewBox="0 0 40 30">` +
			`<rect x="1" y="1" width="38" height="28" fill="#fdfdfb" stroke="#0072b2" stroke-width="2"/><circle cx="20" cy="15" r="10" fill="#d55e00"/></svg>`),
	}
	for name, data := range files {
		p := filepath.Join(bundle, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Config{Directives: seedModel, ContentDir: content, TemplateDir: templateDir, OutDir: out, SourceDir: sourceDir, BaseURL: basePath}); err != nil {
		t.Fatalf("building the scratch site: %v", err)
	}
	srv := httptest.NewServer(gate.wrap(pagesHandler(out, basePath)))
	t.Cleanup(srv.Close)
	t.Cleanup(gate.open) // runs first: no request is left waiting
	return srv.URL + basePath + "pictures/"
}

// TestImageFiguresInTheBrowser opens a page of image figures at each
// viewport: each image loads, in dark mode its dark variant, at the size
// its file gives (or :width:), shrunk to the column on a phone, numbered
// among the computed figures; and the page does not move when the images
// arrive, because their boxes are held by the width and height written
// for them.
func TestImageFiguresInTheBrowser(t *testing.T) {
	sharedBrowser(t)
	gate := &imageGate{}
	url := serveImages(t, gate)
	shots := screenshotDir(t)
	for _, v := range viewports {
		t.Run(v.String(), func(t *testing.T) {
			page := openPage(t, url, v, http.StatusOK)
			page.saveScreenshot(t, shots, "figure-image-"+strings.ReplaceAll(v.String(), "/", "-"))
			page.checkNoHorizontalScroll(t)
			page.checkFiguresVisible(t) // the images too (checkImageFigures)
			page.checkAccessibility(t)
			images, err := readImages(page.ctx)
			if err != nil || len(images) != 2 {
				t.Fatalf("%d image figures (%v), want 2", len(images), err)
			}
			photo, diagram := images[0], images[1]
			wantPhoto, wantW, wantH := "img/photo.png", 800.0, 400.0
			if v.Scheme == "dark" {
				wantPhoto, wantW, wantH = "img/photo-dark.png", 600, 600
			}
			if !strings.HasSuffix(photo.Src, "/pictures/"+wantPhoto) {
				t.Errorf("the photograph shows %s, want %s", photo.Src, wantPhoto)
			}
			// Wide, each at its own size (a diagram of 2 × 1.5 inches is
			// 192 × 144 CSS pixels; :width: 240 makes it 240 × 180); on a
			// phone the photograph shrinks to the column, which is
			// narrower than the window, in proportion.
			if v.Width >= 1280 {
				if photo.Width != wantW || photo.Height != wantH {
					t.Errorf("the photograph is %g × %g, want %g × %g", photo.Width, photo.Height, wantW, wantH)
				}
			} else if photo.Width >= float64(v.Width) || math.Abs(photo.Height-photo.Width*wantH/wantW) > 1 {
				t.Errorf("on a phone the photograph is %g × %g, want narrower than %d at %g:%g", photo.Width, photo.Height, v.Width, wantW, wantH)
			}
			if diagram.Width != 240 || diagram.Height != 180 || diagram.AttrWidth != 240 || diagram.AttrHeight != 180 {
				t.Errorf("the diagram is %g × %g, written as %g × %g; want 240 × 180", diagram.Width, diagram.Height, diagram.AttrWidth, diagram.AttrHeight)
			}
			captions, err := chromedp.Run(page.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('figure.kp-figure')].map(f => f.id + ' ' + f.querySelector('.kp-figure-number').textContent)`))
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(captions, ", "); got != "fig-photo Figure 1., fig-data Figure 2., fig-diagram Figure 3." {
				t.Errorf("figures %s, want the photograph, the data and the diagram as Figures 1, 2 and 3", got)
			}
			page.checkNoProblems(t)
		})
	}
	for _, scheme := range []string{"light", "dark"} {
		t.Run("before-the-images-load/"+scheme, func(t *testing.T) {
			checkNoShiftWhenImagesArrive(t, gate, url, viewport{390, 844, scheme})
		})
	}
}

// checkNoShiftWhenImagesArrive opens url with the images held back, notes
// where each figure and the paragraph after the last one are, lets the
// images come, and checks that nothing moved.
func checkNoShiftWhenImagesArrive(t *testing.T, gate *imageGate, url string, v viewport) {
	ctx := newTab(t, visitLimit)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.Width, v.Height), emulateColorScheme(v.Scheme)); err != nil {
		t.Fatal(err)
	}
	gate.close()
	defer gate.open()
	// With the browser's cache off, so that no image comes from an earlier
	// visit, Page.navigate without waiting for the load event, which
	// waits for the images.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.Navigate, page.NavigateParams{URL: url})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	const layout = `[...document.querySelectorAll('figure.kp-figure, .site-footer')].map(e => { const r = e.getBoundingClientRect(); return e.id + ' ' + r.top.toFixed(1) + '–' + r.bottom.toFixed(1); }).join(', ')`
	if err := waitFor(ctx, `document.readyState !== 'loading' && document.fonts.status === 'loaded' && [...document.querySelectorAll('img')].length === 2`); err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(ctx, chromedp.Evaluate[string](layout))
	if err != nil {
		t.Fatal(err)
	}
	pending, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('img')].filter(i => !i.complete).length`))
	if err != nil || pending != 2 {
		t.Fatalf("%d images still loading before the gate opened, want 2 (%v)", pending, err)
	}
	gate.open()
	if err := waitFor(ctx, `[...document.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)`); err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[string](layout))
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the page moved when its images arrived:\nbefore %s\nafter  %s", before, after)
	} else {
		t.Logf("%s: figures and footer at %s, before and after the images", v, after)
	}
}

// waitFor polls the expression cond in the page until it is true.
func waitFor(ctx context.Context, cond string) error {
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %v (last error %v)", cond, ctx.Err(), err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
