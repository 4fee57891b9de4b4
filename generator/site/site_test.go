package site

import (
	"bytes"
	"encoding/csv"
	"errors"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const (
	realContent   = "../../content"
	realTemplates = "../../templates"
	explainer     = "attention-is-kernel-smoothing"
)

// buildReal builds the shipped content into a fresh directory.
func buildReal(t *testing.T, baseURL string) (string, Summary) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	sum, err := Build(Config{Directives: seedModel, ContentDir: realContent, TemplateDir: realTemplates, SourceDir: "../../generator", OutDir: out, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("building the shipped site: %v", err)
	}
	return out, sum
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestShippedExplainerHasItsThreeFigures(t *testing.T) {
	out, sum := buildReal(t, "/")
	page := readFile(t, filepath.Join(out, explainer, "index.html"))

	figures := regexp.MustCompile(`(?s)<figure class="kp-figure" id="([^"]+)">(.*?)</figure>`).FindAllStringSubmatch(page, -1)
	if len(figures) < 3 {
		t.Fatalf("the explainer has %d figures, want at least 3", len(figures))
	}
	// The summary counts the figures of every page.
	all := 0
	pages, _ := filepath.Glob(filepath.Join(out, "*", "index.html"))
	for _, p := range pages {
		all += strings.Count(readFile(t, p), `<figure class="kp-figure" id=`)
	}
	if sum.Figures != all {
		t.Errorf("summary counts %d figures, the pages have %d", sum.Figures, all)
	}
	kinds := map[string]bool{}
	for i, f := range figures {
		id, body := f[1], f[2]
		if !strings.Contains(body, "<svg") || !strings.Contains(body, "viewBox=") {
			t.Errorf("figure %s has no inline SVG with a viewBox", id)
		}
		caption := regexp.MustCompile(`(?s)<figcaption>(.*?)</figcaption>`).FindStringSubmatch(body)
		if caption == nil || !strings.Contains(caption[1], "Figure "+strconv.Itoa(i+1)+".") {
			t.Errorf("figure %s has no caption numbered %d", id, i+1)
			continue
		}
		text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(caption[1], "")
		if len(strings.Fields(text)) < 8 {
			t.Errorf("figure %s has a caption too short to explain it: %q", id, text)
		}
		link := regexp.MustCompile(`href="([^"]+\.csv)"`).FindStringSubmatch(caption[1])
		if link == nil {
			t.Errorf("figure %s has no data link", id)
			continue
		}
		data := readFile(t, filepath.Join(out, explainer, link[1]))
		header := strings.SplitN(data, "\n", 2)[0]
		kinds[header] = true
	}
	for _, header := range []string{"x,y", "x,y,kernel,attention", "x,kernel_weight,attention_weight"} {
		if !kinds[header] {
			t.Errorf("no figure's data has the columns %s; the explainer needs {signal}, {compare} and {weights}", header)
		}
	}
}

// TestCompareDataMatchesAnIndependentComputation recomputes the seed's
// settings here with plain loops, written from the formulas rather than from
// the numerics package: n = 50 inputs at x_i = i/50, y = sin(4πx)e^(−x) +
// 0.5 sin(2πx), a Gaussian kernel with h = 0.1, and attention with
// W_q = W_k = diag(1,1,0,0) on p(x) = [sin 2πx, cos 2πx, x, 1], d = 4, T = 1.
func TestCompareDataMatchesAnIndependentComputation(t *testing.T) {
	out, _ := buildReal(t, "/")
	var rows [][]string
	files, _ := filepath.Glob(filepath.Join(out, explainer, "*.csv"))
	for _, f := range files {
		data := readFile(t, f)
		if strings.HasPrefix(data, "x,y,kernel,attention\n") {
			r, err := csv.NewReader(strings.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if rows == nil || f == filepath.Join(out, explainer, "fig-compare.csv") {
				rows = r
			}
		}
	}
	if rows == nil {
		t.Fatal("no {compare} data in the built explainer")
	}
	const n = 50
	if len(rows) != n+1 {
		t.Fatalf("the {compare} data has %d rows, want %d and a header", len(rows)-1, n)
	}
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = float64(i) / n
		y[i] = math.Sin(4*math.Pi*x[i])*math.Exp(-x[i]) + 0.5*math.Sin(2*math.Pi*x[i])
	}
	for o := 0; o < n; o++ {
		var kNum, kDen, aNum, aDen float64
		for i := 0; i < n; i++ {
			kw := math.Exp(-(x[i] - x[o]) * (x[i] - x[o]) / (2 * 0.1 * 0.1))
			kNum += kw * y[i]
			kDen += kw
			q := []float64{math.Sin(2 * math.Pi * x[o]), math.Cos(2 * math.Pi * x[o])}
			k := []float64{math.Sin(2 * math.Pi * x[i]), math.Cos(2 * math.Pi * x[i])}
			aw := math.Exp((q[0]*k[0] + q[1]*k[1]) / math.Sqrt(4))
			aNum += aw * y[i]
			aDen += aw
		}
		want := []float64{x[o], y[o], kNum / kDen, aNum / aDen}
		for c, w := range want {
			got, err := strconv.ParseFloat(rows[o+1][c], 64)
			if err != nil {
				t.Fatalf("row %d column %s: %v", o+1, rows[0][c], err)
			}
			if math.Abs(got-w) > 1e-12 {
				t.Errorf("row %d column %s = %v, want %v", o+1, rows[0][c], got, w)
			}
		}
	}
}

func TestBrokenDirectiveFailsTheBuildAndKeepsTheLastGoodSite(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	out := filepath.Join(dir, "public")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	essay := filepath.Join(content, "essay.md")
	good := "---\ntitle: Scratch\n---\n\nSome prose.\n\n```{compare}\n:bandwidth: 0.2\n```\n"
	if err := os.WriteFile(essay, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out}
	if _, err := Build(cfg); err != nil {
		t.Fatalf("the good essay does not build: %v", err)
	}
	before := snapshot(t, out)

	bad := strings.Replace(good, ":bandwidth: 0.2", ":bandwidth: -0.2", 1)
	bad += "\n```{weigths}\n```\n"
	if err := os.WriteFile(essay, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(cfg)
	var be *BuildError
	if !errors.As(err, &be) {
		t.Fatalf("the broken essay built, or failed without a BuildError: %v", err)
	}
	want := []string{
		essay + `:8: {compare}: option "bandwidth" must be > 0 and ≤ 1000, got "-0.2"`,
		essay + `:11: {weigths}: unknown directive {weigths} (did you mean {weights}?); directives are {bandwidth}, {builtins}, {compare}, {compute}, {equivalence}, {explore}, {figure}, {heatmap}, {kernels}, {options}, {plot}, {signal}, {source}, {train}, {weights}`,
	}
	if got := be.Error(); got != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	if after := snapshot(t, out); !equalSnapshots(before, after) {
		t.Errorf("the failed build changed %s", out)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public-*"))
	if len(leftovers) > 0 {
		t.Errorf("the failed build left staging directories behind: %v", leftovers)
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	a, _ := buildReal(t, "/")
	b, _ := buildReal(t, "/")
	if !equalSnapshots(snapshot(t, a), snapshot(t, b)) {
		t.Error("two builds of the same input differ")
	}
}

// TestEveryInternalLinkResolves builds for a sub-path, as GitHub project
// pages are served, and for a domain's root, and checks that each href and
// src, resolved as a browser would from the page's URL, names a file in the
// output. External links are listed in the test log, not fetched.
func TestEveryInternalLinkResolves(t *testing.T) {
	for _, base := range []string{"/repo/", "/"} {
		t.Run("under "+base, func(t *testing.T) {
			out, _ := buildReal(t, base)
			files := snapshot(t, out)
			attr := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
			checked := 0
			external := map[string]bool{}
			for name, data := range files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pageURL := base + name
				if name == "404.html" {
					pageURL = base + "some/missing/page" // GitHub Pages serves 404.html at any path
				}
				for _, m := range attr.FindAllStringSubmatch(string(data), -1) {
					link := html.UnescapeString(m[1])
					if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
						external[link] = true
						continue
					}
					if strings.HasPrefix(link, "#") || strings.HasPrefix(link, "data:") {
						continue
					}
					target := resolve(pageURL, link)
					if !strings.HasPrefix(target, base) {
						t.Errorf("%s: link %q leaves the base path (resolves to %s)", name, link, target)
						continue
					}
					file := strings.TrimPrefix(target, base)
					if file == "" || strings.HasSuffix(file, "/") {
						file += "index.html"
					}
					if _, ok := files[file]; !ok {
						t.Errorf("%s: link %q resolves to %s, which is not in the output", name, link, target)
					}
					checked++
				}
			}
			if checked < 10 {
				t.Errorf("checked only %d links; the pages should link stylesheet, favicon, explainers and data", checked)
			}
			var ext []string
			for l := range external {
				ext = append(ext, l)
			}
			sort.Strings(ext)
			t.Logf("checked %d internal links; %d external links, not fetched:\n%s", checked, len(ext), strings.Join(ext, "\n"))
		})
	}
}

func TestABuildFromTheCacheEqualsTheBuildThatFilledIt(t *testing.T) {
	dir := t.TempDir()
	build := func(out string) map[string][]byte {
		t.Helper()
		cfg := Config{Directives: seedModel, ContentDir: realContent, TemplateDir: realTemplates, SourceDir: "../../generator", OutDir: out, CacheDir: filepath.Join(dir, ".cache")}
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
		return snapshot(t, out)
	}
	cold := build(filepath.Join(dir, "cold"))
	warm := build(filepath.Join(dir, "warm"))
	if !equalSnapshots(cold, warm) {
		t.Error("the warm build differs from the cold one")
	}
}

// resolve resolves a relative reference against a page URL path, dropping
// any fragment.
func resolve(page, ref string) string {
	ref, _, _ = strings.Cut(ref, "#")
	if strings.HasPrefix(ref, "/") {
		return ref
	}
	dir := page[:strings.LastIndex(page, "/")+1]
	parts := strings.Split(dir+ref, "/")
	var stack []string
	for i, p := range parts {
		switch {
		case p == "..":
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case p == "." || (p == "" && i > 0 && i < len(parts)-1):
		default:
			stack = append(stack, p)
		}
	}
	return strings.Join(stack, "/")
}

func TestResolveFollowsBrowserRules(t *testing.T) {
	tests := []struct{ page, ref, want string }{
		{"/repo/index.html", "css/a.css", "/repo/css/a.css"},
		{"/repo/essay/index.html", "../css/a.css", "/repo/css/a.css"},
		{"/repo/essay/index.html", "fig-1.csv", "/repo/essay/fig-1.csv"},
		{"/repo/essay/index.html", "../", "/repo/"},
		{"/repo/a/b", "/repo/x", "/repo/x"},
	}
	for _, tt := range tests {
		if got := resolve(tt.page, tt.ref); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.page, tt.ref, got, tt.want)
		}
	}
}

func TestDraftsAreLeftOutUnlessAskedFor(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old.md", "---\ntitle: Older\ndate: 2024-01-02\n---\nA.\n")
	write("new.md", "---\ntitle: Newer\ndate: 2025-06-01\n---\nB.\n")
	write("wip.md", "---\ntitle: Unfinished\ndraft: true\n---\nC.\n")

	for _, drafts := range []bool{false, true} {
		out := filepath.Join(dir, "public")
		if _, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out, Drafts: drafts}); err != nil {
			t.Fatal(err)
		}
		_, err := os.Stat(filepath.Join(out, "wip", "index.html"))
		if built := err == nil; built != drafts {
			t.Errorf("with drafts=%v the draft was built: %v", drafts, built)
		}
		index := readFile(t, filepath.Join(out, "index.html"))
		newer, older := strings.Index(index, "Newer"), strings.Index(index, "Older")
		if newer < 0 || older < 0 || newer > older {
			t.Errorf("the index does not list the newer explainer first")
		}
	}
}

func TestFrontMatterProblemsNameTheLine(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"a missing title", "---\ndescription: x\n---\nBody\n", `:2: front matter: "title" is required`},
		{"a misspelt key", "---\ntitle: T\ndescripton: x\n---\n", `:3: front matter: unknown key "descripton" (did you mean "description"?); keys are title, description, date, draft, tags, author, raw_html`},
		{"a date that is not a date", "---\ntitle: T\ndate: soon\n---\n", `:3: front matter: "date" must be a date like 2026-11-25, got "soon"`},
		{"a draft flag that is not a boolean", "---\ntitle: T\ndraft: maybe\n---\n", `:3: front matter: "draft" must be true or false, got "maybe"`},
		{"no front matter at all", "# Just text\n", `:1: front matter is missing: start the file with a line ---, then title: "…", then a line ---`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "content", "x.md")
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Build(Config{Directives: seedModel, ContentDir: filepath.Dir(file), TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public")})
			if err == nil || err.Error() != file+tt.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, file+tt.want)
			}
		})
	}
}

// snapshot reads every file under dir, keyed by slash-separated relative path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalSnapshots(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}
