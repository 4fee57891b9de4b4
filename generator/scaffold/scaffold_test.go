package scaffold

import (
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kernelpress/kernelpress/generator/site"
)

var day = time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC)

// siteConfig builds content from dir into out with the repository's
// templates and source, drafts included and no cache.
func siteConfig(content, out string) site.Config {
	return site.Config{Directives: seedModel, ContentDir: content, TemplateDir: "../../templates", SourceDir: "../../generator", OutDir: out, Drafts: true}
}

func TestWrittenExplainerBuilds(t *testing.T) {
	content, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	path, err := Write(content, "my-explainer", "", day, seedDirectives())
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(content, "my-explainer", "index.md"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	sum, err := site.Build(siteConfig(content, out))
	if err != nil {
		t.Fatalf("the new explainer does not build:\n%v", err)
	}
	// The engine's figures come first, {plot} followed by its slider
	// example, then the model's, each group by name.
	var general, model []string
	for _, d := range seedDirectives() {
		switch {
		case !d.IsFigure() || d.ShowsFile(): // {figure} needs an image the draft has not got
		case d.Model() == "":
			general = append(general, d.Name)
			if d.Name == "plot" {
				general = append(general, "slider")
			}
		default:
			model = append(model, d.Name)
		}
	}
	figures := append(general, model...)
	if sum.Pages != 1 || sum.Figures != len(figures) {
		t.Errorf("built %d pages with %d figures, want 1 with %d (one per figure directive, and the slider)", sum.Pages, sum.Figures, len(figures))
	}
	if len(general) != 2 || general[0] != "plot" || len(model) != 9 {
		t.Errorf("figures %v then %v; want {plot} and its slider, then the attention model's nine", general, model)
	}
	html, err := os.ReadFile(filepath.Join(out, "my-explainer", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for i, name := range figures {
		for _, want := range []string{
			`<figure class="kp-figure" id="fig-` + name + `">`,
			`href="#fig-` + name + `">Figure` + "\u00a0" + strconv.Itoa(i+1) + `</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
	}
	// The {eval} example states the sine's peak, at x = 0.25 of 101
	// points on [0, 1].
	for _, want := range []string{"<title>My explainer", `<figure class="kp-listing">`, "<math", "sidenote", `peaks at x = <span class="kp-eval" title="&#34;%.2f&#34; % xs[argmax(ys)]">0.25</span>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func TestSourceHasEveryFigureDirectiveAndSource(t *testing.T) {
	src := Source("My explainer", day, seedDirectives())
	for _, want := range []string{
		"---\ntitle: \"My explainer\"\ndescription: \"",
		"\ndate: 2026-12-01\ndraft: true\ntags: []\n---\n",
		`\(`, "$$\n",
		"```{source}\n:func: numerics.Smooth\n\n",
		"Put its data files and images beside this file",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the new explainer lacks %q:\n%s", want, src)
		}
	}
	blocks := 0
	for _, d := range seedDirectives() {
		if !d.IsFigure() || d.ShowsFile() {
			continue
		}
		blocks++
		for _, want := range []string{"```{" + d.Name + "}\n:label: fig-" + d.Name + "\n", "[](#fig-" + d.Name + ")"} {
			if !strings.Contains(src, want) {
				t.Errorf("the new explainer lacks %q", want)
			}
		}
	}
	if got := strings.Count(src, "```{"); got != blocks+3 {
		t.Errorf("%d directive blocks, want %d figures, the slider, the {compute} block {plot} draws from and one {source}", got, blocks)
	}
	// A new explainer on any topic starts with the figures of its own
	// data; the model's come after, under their own heading.
	if i, j := strings.Index(src, "```{plot}"), strings.Index(src, "```{bandwidth}"); i < 0 || j < 0 || i > j || !strings.Contains(src, "### The attention model") {
		t.Errorf("{plot} at %d, {bandwidth} at %d; want {plot} first and the model's figures under their heading", i, j)
	}
	if Source("My explainer", day, seedDirectives()) != src {
		t.Error("the same title and date give different files")
	}
}

func TestTitle(t *testing.T) {
	for slug, want := range map[string]string{
		"my-explainer":         "My explainer",
		"attention":            "Attention",
		"2026-kernel-notes":    "2026 kernel notes",
		"bandwidth-by-example": "Bandwidth by example",
	} {
		if got := Title(slug); got != want {
			t.Errorf("Title(%q) = %q, want %q", slug, got, want)
		}
	}
}

// slugCase is a slug and whether it can name an explainer.
type slugCase struct {
	slug string
	ok   bool
}

// slugCases are slugs that the site and Write must judge alike.
var slugCases = []slugCase{
	{"my-explainer", true},
	{"a", true},
	{"x1", true},
	{"2026-notes", true},
	{"a-b-c-9", true},
	{"My-Explainer", false},
	{"my--explainer", false},
	{"-leading", false},
	{"trailing-", false},
	{"my_explainer", false},
	{"my explainer", false},
	{"a.b", false},
	{"ünïcode", false},
	{"css", false},
	{"404", false},
	{"index", false},
}

func TestWriteChecksTheSlug(t *testing.T) {
	content := t.TempDir()
	// The site never sees these: it skips names starting with "." or "_".
	more := []slugCase{{"", false}, {"../escape", false}, {"_hidden", false}, {".hidden", false}}
	for _, tt := range append(slugCases, more...) {
		_, err := Write(content, tt.slug, "", day, seedDirectives())
		if (err == nil) != tt.ok {
			t.Errorf("Write(%q): error %v, want ok=%v", tt.slug, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "cannot be a slug") {
			t.Errorf("Write(%q): %v, want a message about the slug", tt.slug, err)
		}
	}
	entries, _ := os.ReadDir(content)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "2026-notes a a-b-c-9 my-explainer x1"
	if strings.Join(names, " ") != want {
		t.Errorf("wrote %v, want only the valid slugs: %s", names, want)
	}
}

func TestSlugSuggestion(t *testing.T) {
	for slug, want := range map[string]string{
		"My Explainer":  `; did you mean my-explainer?`,
		"my_explainer":  `; did you mean my-explainer?`,
		"my--explainer": `; did you mean my-explainer?`,
	} {
		err := checkSlug(slug)
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("checkSlug(%q) = %v, want it to end %s", slug, err, want)
		}
	}
	if err := checkSlug("CSS"); err == nil || strings.Contains(err.Error(), "did you mean") {
		t.Errorf("checkSlug(\"CSS\") = %v, want no suggestion of a reserved name", err)
	}
}

// TestSlugRuleMatchesTheSite builds a page under each slug and checks that
// the site refuses exactly the slugs that Write refuses.
func TestSlugRuleMatchesTheSite(t *testing.T) {
	for _, tt := range slugCases {
		content := t.TempDir()
		page := "---\ntitle: \"T\"\n---\n\nText.\n"
		if err := os.WriteFile(filepath.Join(content, tt.slug+".md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := site.Generate(siteConfig(content, ""))
		siteOK := err == nil
		if err != nil && !strings.Contains(err.Error(), "cannot be a URL") {
			t.Fatalf("slug %q: the site fails for another reason: %v", tt.slug, err)
		}
		if siteOK != tt.ok {
			t.Errorf("slug %q: the site accepts it: %v, Write accepts it: %v", tt.slug, siteOK, tt.ok)
		}
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	content := t.TempDir()
	path, err := Write(content, "taken", "", day, seedDirectives())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("the author's work"), 0o644); err != nil {
		t.Fatal(err)
	}
	bundle := filepath.Join(content, "taken")
	_, err = Write(content, "taken", "", day, seedDirectives())
	if err == nil || !strings.HasPrefix(err.Error(), bundle+string(filepath.Separator)+" already exists") {
		t.Errorf("second Write: %v, want an error naming %s", err, bundle)
	}
	if data, _ := os.ReadFile(path); string(data) != "the author's work" {
		t.Errorf("the existing file was changed: %q", data)
	}

	// A folder without index.md yet, perhaps holding the data already.
	empty := filepath.Join(content, "bundled")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = Write(content, "bundled", "", day, seedDirectives())
	if err == nil || !strings.HasPrefix(err.Error(), empty+string(filepath.Separator)+" already exists") {
		t.Errorf("Write into an existing folder: %v, want an error naming %s", err, empty)
	}
	if _, err := os.Stat(filepath.Join(empty, "index.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write made an index.md in the existing folder (%v)", err)
	}

	// A single-file explainer of that slug, whatever the case of its ending.
	for _, name := range []string{"single.md", "upper.MD", "long.markdown"} {
		file := filepath.Join(content, name)
		if err := os.WriteFile(file, []byte("the author's work"), 0o644); err != nil {
			t.Fatal(err)
		}
		slug := name[:strings.IndexByte(name, '.')]
		_, err = Write(content, slug, "", day, seedDirectives())
		if want := file + " already exists"; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Write beside %s: %v, want an error starting %q", name, err, want)
		}
		if _, err := os.Lstat(filepath.Join(content, slug)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Write made the folder %s beside %s (%v)", slug, name, err)
		}
	}
}

func TestWriteNeedsTheContentDirectory(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	if _, err := Write(missing, "x", "", day, seedDirectives()); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Write into a missing folder: %v, want an error naming it", err)
	}
}

func TestWriteTakesTheTitleOrMakesItFromTheSlug(t *testing.T) {
	content := t.TempDir()
	for _, tt := range []struct{ slug, title, want string }{
		{"kde-bandwidth", "Kernel density bandwidth", "title: \"Kernel density bandwidth\"\n"},
		{"kde-bandwidth-2", "  Padded title\u00a0 ", "title: \"Padded title\"\n"},
		{"kde-default", "", "title: \"Kde default\"\n"},
	} {
		path, err := Write(content, tt.slug, tt.title, day, seedDirectives())
		if err != nil {
			t.Fatalf("Write(%q, %q): %v", tt.slug, tt.title, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "---\n"+tt.want) {
			t.Errorf("Write(%q, %q) starts\n%.60s\nwant its second line %q", tt.slug, tt.title, data, tt.want)
		}
	}
}

func TestWriteRefusesATitleThatIsNotOneLine(t *testing.T) {
	content := t.TempDir()
	for _, title := range []string{" ", "\t", "two\nlines", "a\ttab", "bell\a", "next\u0085line", "bad \xff byte"} {
		_, err := Write(content, "refused", title, day, seedDirectives())
		if err == nil || !strings.Contains(err.Error(), "title") {
			t.Errorf("Write with title %q: %v, want an error about the title", title, err)
		}
	}
	if entries, _ := os.ReadDir(content); len(entries) != 0 {
		t.Errorf("refused titles wrote %d files", len(entries))
	}
}

func TestYAMLString(t *testing.T) {
	for in, want := range map[string]string{
		"Kernel density bandwidth": `"Kernel density bandwidth"`,
		`Say "hi"`:                 `"Say \"hi\""`,
		`C:\path\n`:                `"C:\\path\\n"`,
		"a\u2028b\u2029c\ufeff":    `"a\u2028b\u2029c\uFEFF"`,
		"tab\there\x7f":            `"tab\u0009here\u007F"`,
		"Ünïcode — $5 `x` 'q'":     "\"Ünïcode — $5 `x` 'q'\"",
	} {
		if got := yamlString(in); got != want {
			t.Errorf("yamlString(%q) = %s, want %s", in, got, want)
		}
	}
}

// trickyTitles are titles that YAML, Markdown, HTML or a shell would read
// as something other than text if they were not quoted.
var trickyTitles = []string{
	"Kernel density bandwidth",
	`It's "quoted", with a \backslash\ and \n`,
	"Price: $5 and $HOME, $(id) and `date`",
	"# not a comment: key: value",
	"- a leading dash",
	"[a, list] {a: map} & <b>bold</b>",
	"true",
	"null",
	"0x10",
	"2026-12-01",
	"*emphasis* and \\(x^2\\)",
	"Ünïcode — dashes, “quotes” and a\u00a0no-break space",
	"a\u2028line separator",
	"'single' \"double\" 'unbalanced",
	"%q %s %%",
}

// TestTitlesReadBackExactly writes the front matter of a new explainer for
// each tricky title and builds them as pages: every page's title is its
// title exactly.
func TestTitlesReadBackExactly(t *testing.T) {
	content := t.TempDir()
	for i, title := range trickyTitles {
		src := Source(title, day, seedDirectives())
		end := strings.Index(src[4:], "\n---\n")
		if !strings.HasPrefix(src, "---\n") || end < 0 {
			t.Fatalf("no front matter in\n%s", src)
		}
		page := src[:4+end+5] + "\nText.\n"
		if err := os.WriteFile(filepath.Join(content, "t"+strconv.Itoa(i)+".md"), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := site.Generate(siteConfig(content, ""))
	if err != nil {
		t.Fatalf("the titles do not build: %v", err)
	}
	for i, title := range trickyTitles {
		html := string(out.Files["t"+strconv.Itoa(i)+"/index.html"])
		if want := "<title>" + template.HTMLEscapeString(title) + " · "; !strings.Contains(html, want) {
			t.Errorf("title %q: the page lacks %q", title, want)
		}
	}
}
