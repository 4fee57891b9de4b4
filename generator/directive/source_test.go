package directive_test

import (
	"os"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

// expandSource expands a page's directives with the generator's own source
// tree (this package's parent folder) as SourceDir.
func expandSource(t *testing.T, src string) (Outcome, []string, []*markup.Directive) {
	t.Helper()
	out, errs, blocks := expandIn(t, src, &Env{SourceDir: ".."})
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return out, msgs, blocks
}

func TestSourceQuotesAFunctionWithItsFile(t *testing.T) {
	out, errs, blocks := expandSource(t, "# T\n\n```{source}\n:func: numerics.Smooth\n\nThe *smoother*.\n```\n")
	if len(errs) > 0 {
		t.Fatal(strings.Join(errs, "\n"))
	}
	if out.Figures != 0 {
		t.Errorf("a listing counted as %d figures, want 0", out.Figures)
	}
	got := string(blocks[0].HTML)
	for _, want := range []string{
		`<figure class="kp-listing">`,
		`<p class="kp-listing-source"><a href="../source/generator/numerics/smoother.go.txt#L`,
		`">generator/numerics/smoother.go</a>, lines `,
		`<pre tabindex="0" class="chroma"><code>`,
		`Smooth`,
		`<figcaption>The <em>smoother</em>.</figcaption>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(got, "</figcaption>\n</figure>\n") || strings.Contains(got, "Figure 1") {
		t.Errorf("not an unnumbered figure ending in its caption:\n%s", got)
	}
	if len(out.Files) != 1 || out.Files[0].Name != "../source/generator/numerics/smoother.go.txt" {
		t.Fatalf("files %v, want the copy of smoother.go", fileNames(out.Files))
	}
	file, err := os.ReadFile("../numerics/smoother.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(out.Files[0].Data) != string(file) {
		t.Errorf("the copy is not smoother.go as it is")
	}
}

func TestSourceQuotesSeveralNamesOnce(t *testing.T) {
	src := "```{source}\n:func: numerics.Smooth, numerics.SmootherWeights numerics.Attention numerics.Attention.Apply\n:title: The two methods\n```\n"
	out, errs, blocks := expandSource(t, src)
	if len(errs) > 0 {
		t.Fatal(strings.Join(errs, "\n"))
	}
	got := string(blocks[0].HTML)
	if n := strings.Count(got, `<pre tabindex="0" class="chroma">`); n != 4 {
		t.Errorf("%d code blocks, want 4:\n%s", n, got)
	}
	if !strings.Contains(got, `<p class="kp-listing-title">The two methods</p>`) || strings.Contains(got, "<figcaption>") {
		t.Errorf("title missing, or an empty caption shown:\n%s", got)
	}
	want := []string{"../source/generator/numerics/smoother.go.txt", "../source/generator/numerics/attention.go.txt"}
	if strings.Join(fileNames(out.Files), " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", fileNames(out.Files), want)
	}
}

func TestSourceReportsProblemsAtTheFuncLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{
			name: "func is required",
			src:  "```{source}\n:title: Code\n```\n",
			want: `x.md:1: {source}: option "func" is required, e.g. :func: numerics.Smooth`,
		},
		{
			name: "a misspelt function gets a suggestion",
			src:  "```{source}\n:title: Code\n:func: numerics.Smoth\n```\n",
			want: `x.md:3: {source}: option "func": numerics.Smoth is not a function, method or type in package numerics (did you mean numerics.Smooth?)`,
		},
		{
			name: "a misspelt method gets a suggestion",
			src:  "```{source}\n:func: numerics.Attention.Aply\n```\n",
			want: `x.md:2: {source}: option "func": numerics.Attention.Aply is not a function, method or type in package numerics (did you mean numerics.Attention.Apply?)`,
		},
		{
			name: "an unknown package lists the packages",
			src:  "```{source}\n:func: numerix.Smooth\n```\n",
			want: `x.md:2: {source}: option "func": there is no package numerix under .. (did you mean numerics?); packages are `,
		},
		{
			name: "a bare name is not qualified",
			src:  "```{source}\n:func: Smooth\n```\n",
			want: `x.md:2: {source}: option "func": "Smooth" is not a qualified name: write package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth`,
		},
		{
			name: "every bad name is reported",
			src:  "```{source}\n:func: numerics.Smooth numerics.Smooth numerics.Nope\n```\n",
			want: `x.md:2: {source}: option "func": numerics.Smooth is named twice; numerics.Nope is not a function, method or type in package numerics`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := expandSource(t, tt.src)
			if len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want) {
				t.Errorf("errors:\n%s\nwant one starting:\n%s", strings.Join(errs, "\n"), tt.want)
			}
		})
	}
}

func TestSourceNeedsASourceDir(t *testing.T) {
	_, errs, _ := expand(t, "```{source}\n:func: numerics.Smooth\n```\n")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "does not say where the generator's Go source is") {
		t.Errorf("errors %v, want one saying the source folder is unknown", errs)
	}
}

func fileNames(files []File) []string {
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	return names
}
