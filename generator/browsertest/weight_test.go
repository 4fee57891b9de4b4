package browsertest

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/chromedp/chromedp"
)

// pageWeightBudget is the most a page may weigh, gzipped: its HTML with the
// inline figures, plus every stylesheet, font, script and image the browser
// actually loaded for it. It was 150 KB until the attention essay reached it
// (150.2 KB with the site's icon on a first visit) once its widget learned
// to keep its setting in the address; 160 KB keeps the guard against a page
// that ships far more than its text and figures (a slider over megabytes of
// data) with room for a paragraph more.
const pageWeightBudget = 160 << 10

// checkPageWeight asks the browser what the page loaded and adds up the
// gzipped size of each of those files as built into root.
func (v *visit) checkPageWeight(t reporter, base, root string) {
	t.Helper()
	urls, err := chromedp.Run(v.ctx, chromedp.Evaluate[[]string](
		`[location.href, ...performance.getEntriesByType('resource').map(e => e.name)]`))
	if err != nil {
		t.Errorf("listing what the page loaded: %v", err)
		return
	}
	total := 0
	for _, u := range urls {
		file, ok := fileFor(u, base, root)
		if !ok {
			t.Errorf("the page loaded %s, which is not part of the site", u)
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("the page loaded %s: %v", u, err)
			continue
		}
		total += gzippedSize(data)
	}
	t.Logf("page weight: %.1f KB gzipped in %d files (budget %d KB)", float64(total)/1024, len(urls), pageWeightBudget>>10)
	if total > pageWeightBudget {
		t.Errorf("the page weighs %d bytes gzipped, over the budget of %d", total, pageWeightBudget)
	}
}

// fileFor maps a URL below base to the file under root that serves it.
func fileFor(raw, base, root string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	u.Fragment, u.RawQuery = "", ""
	rel, ok := strings.CutPrefix(u.String(), base)
	if !ok {
		return "", false
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return filepath.Join(root, filepath.FromSlash(rel)), true
}

// gzippedSize is the size of data after gzip at its best compression, about
// what a static host sends.
func gzippedSize(data []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return buf.Len()
}
