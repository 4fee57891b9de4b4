package site

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// pageWeightBudget is the most the explainer may weigh, gzipped: its HTML
// with the inline figures, plus every stylesheet, script, font and image it
// loads.
const pageWeightBudget = 150 << 10

func TestExplainerStaysWithinItsPageWeightBudget(t *testing.T) {
	out, _ := buildReal(t, "/")
	pageDir := filepath.Join(out, explainer)
	html, err := os.ReadFile(filepath.Join(pageDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	total := gzipSize(t, html)
	// Everything the page loads: stylesheets, icons, scripts, fonts, images.
	// Data links (CSV) are followed only on demand and are not counted.
	loads := regexp.MustCompile(`<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"`).FindAllSubmatch(html, -1)
	for _, m := range loads {
		ref := string(m[1])
		if ref[0] == '/' || regexp.MustCompile(`^[a-z]+:`).MatchString(ref) {
			continue // canonical links and external URLs are not loaded from the site
		}
		data, err := os.ReadFile(filepath.Join(pageDir, filepath.FromSlash(ref)))
		if err != nil {
			t.Fatalf("the page loads %s, which is missing: %v", ref, err)
		}
		total += gzipSize(t, data)
	}
	t.Logf("explainer page weight: %.1f KB gzipped (budget %d KB)", float64(total)/1024, pageWeightBudget>>10)
	if total > pageWeightBudget {
		t.Errorf("the explainer weighs %d bytes gzipped, over the budget of %d", total, pageWeightBudget)
	}
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}
