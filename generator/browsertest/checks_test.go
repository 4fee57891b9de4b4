package browsertest

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// reporter is the part of *testing.T that the checks use, so that a test can
// run them on a broken page and see them fail.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

// checkNoHorizontalScroll fails when the page is wider than the window.
func (v *visit) checkNoHorizontalScroll(t reporter) {
	t.Helper()
	type widths struct {
		Scroll   int64    `json:"scroll"`
		Inner    int64    `json:"inner"`
		Culprits []string `json:"culprits"`
	}
	// Culprits are the outermost elements that stick out past the window's
	// right edge and that no scrolling or clipping box contains: what to fix.
	w, err := chromedp.Run(v.ctx, chromedp.Evaluate[widths](`(() => {
		const inner = window.innerWidth, culprits = [];
		const contained = el => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				if (getComputedStyle(p).overflowX !== 'visible') return true;
			}
			return false;
		};
		const describe = el => {
			let s = el.tagName.toLowerCase();
			if (el.id) s += '#' + el.id;
			if (el.classList.length) s += '.' + [...el.classList].join('.');
			const p = el.parentElement;
			return (p && p !== document.body ? describe(p) + ' > ' : '') + s;
		};
		for (const el of document.body.querySelectorAll('*')) {
			if (culprits.length === 3) break;
			if (el.getBoundingClientRect().right <= inner + 0.5) continue;
			if (culprits.some(c => c.contains(el)) || contained(el)) continue;
			culprits.push(el);
		}
		return {scroll: document.documentElement.scrollWidth, inner,
			culprits: culprits.map(el => describe(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)')};
	})()`))
	if err != nil {
		t.Errorf("measuring the page width: %v", err)
		return
	}
	if w.Scroll > w.Inner {
		t.Errorf("the page scrolls sideways: scrollWidth %d > innerWidth %d; sticking out: %s", w.Scroll, w.Inner, strings.Join(w.Culprits, "; "))
	}
}

// figureSelector picks the drawing of every figure.
const figureSelector = "figure.kp-figure svg:not(figcaption svg):not(.kp-figure-note svg)"

// checkFiguresVisible fails unless each figure shows exactly one of its
// drawings (every figure has a wide and a compact one, picked by screen
// width), and that one has a size and renders as more than a flat colour;
// an image figure, which has no drawing, is checked by checkImageFigures.
func (v *visit) checkFiguresVisible(t reporter) {
	t.Helper()
	v.checkImageFigures(t)
	type figureBox struct {
		Figure     string  `json:"figure"`
		Width      float64 `json:"width"`
		Height     float64 `json:"height"`
		Display    string  `json:"display"`
		Visibility string  `json:"visibility"`
		Visible    bool    `json:"visible"`
	}
	boxes, err := chromedp.Run(v.ctx, chromedp.Evaluate[[]figureBox](`[...document.querySelectorAll(`+jsString(figureSelector)+`)].map(svg => {
		const r = svg.getBoundingClientRect(), cs = getComputedStyle(svg);
		return {figure: svg.closest('figure').id, width: r.width, height: r.height,
			display: cs.display, visibility: cs.visibility,
			visible: svg.checkVisibility({checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true})};
	})`))
	if err != nil {
		t.Errorf("finding the figures: %v", err)
		return
	}
	if len(boxes) == 0 {
		return
	}
	nodes, err := chromedp.Run(v.ctx, chromedp.Nodes(chromedp.CSSAll(figureSelector)))
	if err != nil || len(nodes) != len(boxes) {
		t.Errorf("querying the %d figure drawings: got %d nodes, %v", len(boxes), len(nodes), err)
		return
	}
	shown := map[string]int{}
	var order []string
	for _, b := range boxes {
		if _, seen := shown[b.Figure]; !seen {
			order = append(order, b.Figure)
		}
		if b.Visible {
			shown[b.Figure]++
		}
	}
	for _, f := range order {
		if shown[f] != 1 {
			t.Errorf("figure #%s shows %d of its drawings, want exactly 1", f, shown[f])
		}
	}
	for i, b := range boxes {
		name := fmt.Sprintf("figure #%s (drawing %d)", b.Figure, i+1)
		switch {
		case !b.Visible:
			continue // the other rendering of a figure; counted above
		case b.Width <= 0 || b.Height <= 0:
			t.Errorf("%s has an empty box: %gx%g", name, b.Width, b.Height)
			continue
		}
		shot, err := chromedp.Run(v.ctx, chromedp.ScreenshotNodes([]*chromedp.Node{nodes[i]}, 1))
		if err != nil {
			t.Errorf("%s: screenshot: %v", name, err)
			continue
		}
		s, err := measurePNG(shot)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !s.drawn() {
			t.Errorf("%s looks blank: %s", name, s)
			continue
		}
		t.Logf("%s: %s", name, s)
	}
}

// pixelStats summarises a screenshot's colours.
type pixelStats struct {
	Pixels     int     // width × height
	Colors     int     // distinct RGBA values
	Foreground float64 // share of pixels that differ from the commonest colour
}

// drawn reports whether the image shows a drawing rather than a blank area:
// at least 3 colours and 1% of pixels off the background.
func (s pixelStats) drawn() bool {
	return s.Colors >= 3 && s.Foreground >= 0.01
}

func (s pixelStats) String() string {
	return fmt.Sprintf("%d pixels, %d distinct colours, %.2f%% off the background colour", s.Pixels, s.Colors, 100*s.Foreground)
}

// measurePNG decodes a PNG and counts its colours, taking the commonest one
// as the background.
func measurePNG(data []byte) (pixelStats, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return pixelStats{}, fmt.Errorf("decoding the screenshot: %w", err)
	}
	counts := map[[4]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			counts[[4]uint32{r, g, bl, a}]++
		}
	}
	s := pixelStats{Pixels: b.Dx() * b.Dy(), Colors: len(counts)}
	if s.Pixels == 0 {
		return s, nil
	}
	background := 0
	for _, n := range counts {
		background = max(background, n)
	}
	s.Foreground = float64(s.Pixels-background) / float64(s.Pixels)
	return s, nil
}

// rawDelimiters are the TeX delimiters that must not survive into the page's
// visible text: their presence means a formula was not typeset.
var rawDelimiters = []string{`$$`, `\[`, `\]`, `\(`, `\)`}

// checkFormulasTypeset fails when visible text outside pre and code holds a
// raw TeX delimiter, or when the page has fewer MathML elements than
// wantMath, the number of formulas in its Markdown source.
func (v *visit) checkFormulasTypeset(t reporter, wantMath int) {
	t.Helper()
	type textAndMath struct {
		Text string `json:"text"`
		Math int    `json:"math"`
	}
	// Hide pre and code for a moment so that innerText, which only sees
	// rendered text, leaves them out; then restore their style attributes.
	got, err := chromedp.Run(v.ctx, chromedp.Evaluate[textAndMath](`(() => {
		const saved = [...document.body.querySelectorAll('pre, code')].map(el => [el, el.getAttribute('style')]);
		for (const [el] of saved) el.style.setProperty('display', 'none', 'important');
		const text = document.body.innerText;
		for (const [el, style] of saved) style === null ? el.removeAttribute('style') : el.setAttribute('style', style);
		return {text, math: document.querySelectorAll('math').length};
	})()`))
	if err != nil {
		t.Errorf("reading the page text: %v", err)
		return
	}
	for _, d := range rawDelimiters {
		if n := strings.Count(got.Text, d); n > 0 {
			t.Errorf("visible text has %d raw %s, so formulas were not typeset; first at: “%s”", n, d, around(got.Text, d, 40))
		}
	}
	if got.Math < wantMath {
		t.Errorf("the page has %d <math> elements, want at least %d (one per formula in the Markdown source): math is not typeset to MathML at build time", got.Math, wantMath)
	}
}

// around returns the text around the first occurrence of sub.
func around(text, sub string, n int) string {
	i := strings.Index(text, sub)
	if i < 0 {
		return ""
	}
	start, end := max(0, i-n), min(len(text), i+len(sub)+n)
	for start > 0 && !isRuneStart(text[start]) {
		start--
	}
	for end < len(text) && !isRuneStart(text[end]) {
		end++
	}
	return strings.Join(strings.Fields(text[start:end]), " ")
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

var (
	codeFence  = regexp.MustCompile("^\\s{0,3}(`{3,}|~{3,})(.*)$")
	codeSpan   = regexp.MustCompile("(`+)[^`]*?(`+)")
	formulaTeX = regexp.MustCompile(`\\\(|\\\[`)
)

// countFormulas counts the formulas in a Markdown file: each \( and \[ opens
// one, and each pair of $$ delimits one. Fenced code and code spans are left
// out, but a directive block (a fence whose info string starts with "{") is
// counted, because its caption is Markdown.
func countFormulas(markdown string) int {
	var prose strings.Builder
	fence, inCode := "", false // the open fence, and whether it holds code
	for line := range strings.Lines(markdown) {
		if m := codeFence.FindStringSubmatch(strings.TrimRight(line, "\r\n")); m != nil {
			info := strings.TrimSpace(m[2])
			switch {
			case fence == "":
				fence, inCode = m[1], !strings.HasPrefix(info, "{")
				continue
			case m[1][0] == fence[0] && len(m[1]) >= len(fence) && info == "":
				fence, inCode = "", false
				continue
			}
		}
		if !inCode {
			prose.WriteString(line)
		}
	}
	text := codeSpan.ReplaceAllString(prose.String(), "")
	return len(formulaTeX.FindAllString(text, -1)) + strings.Count(text, "$$")/2
}

// formulasInFile counts the formulas of a Markdown source file.
func formulasInFile(t *testing.T, name string) int {
	t.Helper()
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return countFormulas(string(src))
}

// axeScript is axe-core's browser bundle, read once.
var axeScript = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axeScriptPath)
	return string(b), err
})

// axeViolation is the part of an axe-core result that a failure reports.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"` // the first few offending elements
	Summary string   `json:"summary"` // axe's explanation for the first one
}

// checkAccessibility runs axe-core in the page and fails for every violation.
func (v *visit) checkAccessibility(t reporter) {
	t.Helper()
	for _, viol := range v.runAxe(t) {
		t.Errorf("axe %s (%s, %d elements): %s\n\tfirst elements: %s\n\t%s\n\t%s",
			viol.ID, viol.Impact, viol.Nodes, viol.Help, strings.Join(viol.Targets, " | "),
			strings.ReplaceAll(viol.Summary, "\n", "\n\t"), viol.HelpURL)
	}
}

// runAxe injects axe-core and returns its violations for the whole document.
func (v *visit) runAxe(t reporter) []axeViolation {
	t.Helper()
	script, err := axeScript()
	if err != nil {
		t.Errorf("reading axe-core: %v (%s)", err, installHint)
		return nil
	}
	if err := chromedp.Do(v.ctx, chromedp.Evaluate[chromedp.Void](script)); err != nil {
		t.Errorf("injecting axe-core: %v", err)
		return nil
	}
	violations, err := chromedp.Run(v.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ['violations']}).then(r =>
		r.violations.map(v => ({
			id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.length,
			targets: v.nodes.slice(0, 5).map(n => n.target.flat(Infinity).join(' ')),
			summary: (v.nodes[0] && v.nodes[0].failureSummary) || '',
		})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Errorf("running axe-core: %v", err)
		return nil
	}
	return violations
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}
