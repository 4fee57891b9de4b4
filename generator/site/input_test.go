package site

import (
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// Unit tests for the checks that turn an author's mistake into one located
// message; generator/testdata/bad runs them through whole builds.

func TestCheckTextLocatesWhatIsNotText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", `x.md:1: the file is empty; an explainer starts with front matter`},
		{" \n\n\t\n", `x.md:1: the file is empty`},
		{"---\ntitle: T\n---\n\nA caf\xe9.\n", `x.md:5: the file is not valid UTF-8 (byte 0xe9 at column 6); save it as UTF-8`},
		{"é\xff", `x.md:1: the file is not valid UTF-8 (byte 0xff at column 2)`},
		{"---\ntitle: T\n---\n\x00", `x.md:4: the file holds a NUL byte (at column 1), so it is not text`},
		{"---\ntitle: Café ∑ 😀\n---\n", ""},
	}
	for _, tt := range tests {
		err := checkText("x.md", []byte(tt.src))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%q: %v", tt.src, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %s…", tt.src, err, tt.want)
		}
	}
}

func TestReadTextRefusesAFileOverTheLimitWithoutReadingItAll(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 1 GB file: reading it whole would take seconds and a gigabyte.
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = readText(big)
	if err == nil || !strings.Contains(err.Error(), "big.md:1: the file is 1024 MiB, over the limit of 1 MiB for one Markdown file (a fixed limit: it cannot be raised)") {
		t.Errorf("got %v", err)
	}

	bom := filepath.Join(dir, "bom.md")
	if err := os.WriteFile(bom, []byte("\xef\xbb\xbf---\ntitle: T\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := readText(bom)
	if err != nil || !strings.HasPrefix(string(src), "---\n") {
		t.Errorf("a byte order mark is not dropped: %q, %v", src, err)
	}
}

func TestFrontMatterProblemsSayWhereAndWhatWasExpected(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"an unclosed quote points at its line",
			"---\ntitle: \"Kernels\ndescription: x\n---\n",
			[]string{`x.md:2: front matter: the quoted value on this line is never closed; end it with the same quote mark it starts with`}},
		{"an unclosed single quote too",
			"---\ntitle: Kernels\ndescription: 'it''s\n---\n",
			[]string{`x.md:3: front matter: the quoted value on this line is never closed`}},
		{"a badly indented item points at its line",
			"---\ntitle: Kernels\ntags:\n  - a\n - b\n---\n",
			[]string{`x.md:5: front matter: not valid YAML: did not find expected key; write one key: value per line`}},
		{"an unclosed list points at its bracket",
			"---\ntitle: Kernels\ntags: [a, b\ndate: 2026-11-25\n---\n",
			[]string{`x.md:3: front matter: the list opened with [ on this line is never closed; end it with ]`}},
		{"a tab",
			"---\ntitle: Kernels\n\tdate: 2026-11-25\n---\n",
			[]string{`x.md:3: front matter: not valid YAML: found a tab character that violates indentation`}},
		{"a key given twice",
			"---\ntitle: A\ndate: 2026-11-25\ntitle: B\n---\n",
			[]string{`x.md:4: front matter: "title" is given twice (first on line 2)`}},
		{"a list where keys belong",
			"---\n- title\n- A\n---\n",
			[]string{`x.md:2: front matter must be keys with values, one per line like title: "Attention as smoothing", not a list`}},
		{"a line of text where keys belong",
			"---\nKernels\n---\n",
			[]string{`x.md:2: front matter must be keys with values, one per line like title: "Attention as smoothing", not a line of text`}},
		{"front matter that is never closed",
			"---\ntitle: Kernels\n\nProse.\n",
			[]string{`x.md:1: front matter: the block opened here with --- is never closed; end it with a line --- before the essay begins`}},
		{"a closing line with a space after it does not close it",
			"---\ntitle: Kernels\n--- \n\nProse.\n",
			[]string{`x.md:3: front matter: this line would close the block opened on line 1 if it held only ---, with nothing before or after it`}},
		{"a closing line of another length does not close it",
			"+++\ntitle = \"Kernels\"\n++++\n",
			[]string{`x.md:1: front matter: the block opened here with +++ is never closed; end it with a line +++ before the essay begins`}},
		{"a bad TOML date names its key",
			"+++\ntitle = \"Kernels\"\ndate = 2026-13-45\n+++\n",
			[]string{`x.md:3: front matter: not valid TOML: Invalid TOML Datetime: "2026-13-45" (at key "date"); write one key = value per line`}},
		{"YAML written between +++ lines",
			"+++\ntitle: \"Kernels\"\n+++\n",
			[]string{`x.md:2: front matter: not valid TOML: expected '.' or '=', but got ':' instead; write one key = value per line`}},
		{"field problems come in line order",
			"---\ntitle: 1\ndraft: maybe\nauthor: 2\n---\n",
			[]string{`x.md:2: front matter: "title"`, `x.md:3: front matter: "draft"`, `x.md:4: front matter: "author"`}},
		{"Windows line endings",
			"---\r\ntitle: Kernels\r\ndraft: maybe\r\n---\r\n",
			[]string{`x.md:3: front matter: "draft" must be true or false, got "maybe"`}},
	}
	b := &builder{engine: markup.New(markup.Config{})}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, errs := b.parse("x.md", []byte(tt.src))
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(errs), errs, len(tt.want))
			}
			for i, e := range errs {
				if !strings.HasPrefix(e.Error(), tt.want[i]) {
					t.Errorf("problem %d:\n%s\nwant it to start:\n%s", i+1, e, tt.want[i])
				}
			}
		})
	}
}

func TestBadPathRefusesOnlyPathsThatCannotWork(t *testing.T) {
	fine := []string{"", "#fig-1", "diagram.svg", "img/a.png", "./a.png", "../other/", "../other/#x", "https://example.org/a", "mailto:a@b.c", "//cdn.example.org/x.js", "a/../../b"}
	for _, dest := range fine {
		if msg := badPath(dest, 1); msg != "" {
			t.Errorf("%q from an explainer: %s", dest, msg)
		}
	}
	bad := map[string]string{
		"/etc/passwd":         "is an absolute path",
		`\windows\x`:          "is an absolute path",
		"file:///etc/shadow":  "points at a file on your computer",
		"FILE:C:/secret":      "points at a file on your computer",
		"../../secret":        "climbs out of the site",
		"a/../../../b":        "climbs out of the site",
		"../x/../../y?q=1#id": "climbs out of the site",
	}
	for dest, want := range bad {
		if msg := badPath(dest, 1); !strings.Contains(msg, want) {
			t.Errorf("%q from an explainer: %q, want it to say %q", dest, msg, want)
		}
	}
	if msg := badPath("../x", 0); !strings.Contains(msg, "the index page is at the site's root") {
		t.Errorf("../x from the index page: %q", msg)
	}
}

func TestTemplateProblemsNameTheTemplateFileAndLine(t *testing.T) {
	parse := func(src string) error {
		_, err := template.New("page.html").Funcs(template.FuncMap{"rel": func(string) string { return "" }}).Parse(src)
		return err
	}
	tests := []struct {
		err  error
		want string
	}{
		{parse("a\n{{.Page.Title}\n"), `tpl/page.html:2: bad character U+007D '}'; an action ends with two braces, }}`},
		{parse("{{if .X}}\n\n"), `tpl/page.html:3: unexpected EOF; the file ends inside an {{if}}, {{range}}, {{with}}, {{block}} or {{define}}: is its {{end}} missing?`},
		{parse("{{reel \"x\"}}"), `tpl/page.html:1: function "reel" not defined (did you mean rel?); functions are and, call, date,`},
		{parse("\n{{end}}"), `tpl/page.html:2: unexpected {{end}}; it closes nothing`},
	}
	tmpl := template.Must(template.New("page.html").Parse("\n\n{{.Page.Titel}}"))
	tests = append(tests, struct {
		err  error
		want string
	}{tmpl.Execute(new(strings.Builder), &view{Page: &Page{}}), `tpl/page.html:3: .Page.Titel: can't evaluate field Titel in type *site.Page (did you mean .Title?); its fields are .Author, .Content,`})
	for _, tt := range tests {
		got := templateProblem("tpl", tt.err, "").Error()
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%v:\ngot  %s\nwant %s…", tt.err, got, tt.want)
		}
	}
	if got := templateProblem("tpl", tests[0].err, "rendering content/x.md").Error(); !strings.HasSuffix(got, " (rendering content/x.md)") {
		t.Errorf("the page being rendered is not named: %s", got)
	}
}

func TestAPanicWhileBuildingIsAProblemNamingTheFile(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for name, text := range map[string]string{"a.md": "---\ntitle: A\n---\n", "b.md": "---\ntitle: B\n---\n"} {
		if err := os.MkdirAll(content, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	testHookPage = func(file string) {
		if filepath.Base(file) == "b.md" {
			var m map[string]int
			m["boom"]++ // a bug: assignment to a nil map
		}
	}
	defer func() { testHookPage = nil }()
	out := filepath.Join(dir, "public")
	_, err := Build(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: out})
	var be *BuildError
	if !errors.As(err, &be) || len(be.Problems) != 1 {
		t.Fatalf("got %v, want one problem", err)
	}
	b := filepath.Join(content, "b.md")
	want := b + ":1: internal error while building " + b + ": assignment to entry in nil map; please report it"
	if got := be.Problems[0].Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the build that panicked wrote %s", out)
	}
}

func TestABadNameGetsAValidOne(t *testing.T) {
	for name, want := range map[string]string{"My Essay": "my-essay", "Kernels_2": "kernels-2", "--a--b--": "a-b", "ok": "", "CSS": "", "!!!": ""} {
		if got := slugify(name); got != want {
			t.Errorf("slugify(%q) = %q, want %q", name, got, want)
		}
	}
}
