package mathtex

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
)

// shared is one Typesetter for the tests that do not look at its internals;
// starting interpreters is the slow part, so the tests share them.
var shared = New(0)

func TestRenderProducesHTMLAndMathMLWithTheTeXKept(t *testing.T) {
	tests := []struct {
		name    string
		tex     string
		display bool
		want    []string // substrings the output must contain
		notWant []string // substrings it must not contain
	}{
		{
			name: "an inline fraction is an mfrac in inline math",
			tex:  `\frac{a}{b}`,
			want: []string{
				`<math xmlns="http://www.w3.org/1998/Math/MathML"`,
				"<mfrac>",
				`<annotation encoding="application/x-tex">\frac{a}{b}</annotation>`,
			},
			notWant: []string{`display="block"`},
		},
		{
			name:    "display math is a block math element",
			tex:     `\frac{a}{b}`,
			display: true,
			want:    []string{`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">`, "<mfrac>"},
		},
		{
			name: "a subscript with a superscript uses msubsup",
			tex:  `x_i^2`,
			want: []string{"<msubsup>", "<mi>x</mi>", "<mi>i</mi>", "<mn>2</mn>"},
		},
		{
			name: "a less-than sign is escaped in the math and in the annotation",
			tex:  `a<b`,
			want: []string{"<mo>&lt;</mo>", `<annotation encoding="application/x-tex">a&lt;b</annotation>`},
		},
		{
			name:    "a script tag in the TeX becomes escaped text",
			tex:     `<script>alert(1)</script>`,
			want:    []string{"&lt;script&gt;"},
			notWant: []string{"<script", "</script"},
		},
		{
			name:    "an ampersand in the annotation is escaped",
			tex:     `a \& b`,
			display: true,
			want:    []string{`<mi mathvariant="normal">&amp;</mi>`, `>a \&amp; b</annotation>`},
			notWant: []string{" & "},
		},
		{
			name: "the visual rendering is hidden from screen readers, which read the MathML",
			tex:  `x`,
			want: []string{`<span class="katex-mathml"><math`, `<span class="katex-html" aria-hidden="true">`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shared.Render(tt.tex, tt.display)
			if err != nil {
				t.Fatalf("Render(%q) error: %v", tt.tex, err)
			}
			wrapper := `<span class="katex">`
			if tt.display {
				wrapper = `<span class="katex-display"><span class="katex">`
			}
			if !strings.HasPrefix(got, wrapper) || !strings.HasSuffix(got, "</span>") || strings.Count(got, "<math") != 1 {
				t.Errorf("Render(%q) = %q, want one <math> element inside %s", tt.tex, got, wrapper)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.tex, got, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it not to contain %q", tt.tex, got, w)
				}
			}
		})
	}
}

func TestCommonNotationTypesets(t *testing.T) {
	for _, tex := range []string{
		`x_i^2`,
		`\sqrt{d}`,
		`\sum_{i=1}^n x_i`,
		`\mathbf{w}^\top \mathbf{x}`,
		`\operatorname{diag}(v)`,
		`\text{exp}(x)`,
		`\left(\dfrac{a}{b}\right)`,
		`\hat y`,
		`a\!b`,
		`\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}`,
		`\mathbb{R}^{n \times d}`,
		`ÿ = α + β`,
	} {
		for _, display := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s with display %v", tex, display), func(t *testing.T) {
				got, err := shared.Render(tex, display)
				if err != nil {
					t.Fatalf("Render(%q) error: %v", tex, err)
				}
				if !strings.Contains(got, "<annotation encoding=\"application/x-tex\">") {
					t.Errorf("Render(%q) = %q, want the TeX annotation", tex, got)
				}
			})
		}
	}
}

func TestModeratelyDeepNestingTypesets(t *testing.T) {
	// A hundred levels is far beyond real formulas and well inside the
	// call-depth limit.
	for _, open := range []string{`{`, `\frac{1}{`, `\sqrt{`} {
		tex := strings.Repeat(open, 100) + "x" + strings.Repeat("}", 100)
		t.Run(open+" nested a hundred times", func(t *testing.T) {
			if _, err := shared.Render(tex, false); err != nil {
				t.Errorf("Render error: %v", err)
			}
		})
	}
}

func TestBadTeXIsAnError(t *testing.T) {
	deep := strings.Repeat("{", 20000) + "x" + strings.Repeat("}", 20000)
	tests := []struct {
		name        string
		tex         string
		wantMessage string // substring of Error.Message
		wantPos     int    // expected Position; -2 means any
	}{
		{
			// KaTeX reports the start of the bad token: the backslash at 0.
			name:        "an undefined command is reported at its backslash",
			tex:         `\foo`,
			wantMessage: "Undefined control sequence",
			wantPos:     0,
		},
		{
			// "x+" is 2 bytes, so the command starts at byte 2.
			name:        "the position of an undefined command is a byte offset",
			tex:         `x+\foo`,
			wantMessage: "Undefined control sequence",
			wantPos:     2,
		},
		{
			// "α" is 2 bytes in UTF-8 but one UTF-16 unit, so KaTeX's
			// position 1 must become byte 2.
			name:        "positions after non-ASCII text count bytes, not UTF-16 units",
			tex:         `α\foo`,
			wantMessage: "Undefined control sequence",
			wantPos:     2,
		},
		{
			name:        "a fraction missing its denominator is an error",
			tex:         `\frac{a}`,
			wantMessage: "KaTeX parse error",
			wantPos:     -2,
		},
		{
			name:        "an unbalanced brace is an error",
			tex:         `{x`,
			wantMessage: "Expected '}'",
			wantPos:     -2,
		},
		{
			name:        "an unmatched closing brace is an error",
			tex:         `x}`,
			wantMessage: "KaTeX parse error",
			wantPos:     -2,
		},
		{
			// Each macro doubles the next, so \a would expand 2^20 times.
			name:        "a macro bomb is refused at its first definition",
			tex:         macroBomb(20),
			wantMessage: `\def defines a macro`,
			wantPos:     0,
		},
		{
			// Eight nested calls copy the argument 4^8 times, within
			// KaTeX's expansion limit: it took 4.5 s before it was refused.
			name:        "a macro that copies its argument is refused",
			tex:         `x+\def\a#1{#1#1#1#1}\a{\a{\a{\a{\a{\a{\a{\a{xxxxxxxx}}}}}}}}`,
			wantMessage: `\def defines a macro`,
			wantPos:     2,
		},
		{
			// 9 × 10 × 10 calls of \b, each three fractions: over 5 s.
			name:        "parameterless macros calling each other are refused",
			tex:         `\newcommand{\b}{\frac{x}{y}}\newcommand{\c}{\b\b\b\b\b\b\b\b\b\b}\c`,
			wantMessage: `\newcommand defines a macro`,
			wantPos:     0,
		},
		{name: "\\let is refused", tex: `a\let\x=y`, wantMessage: `\let defines a macro`, wantPos: 1},
		{
			name:        "a javascript: link is an error, not red text",
			tex:         `\href{javascript:alert(1)}{x}`,
			wantMessage: `\href to "javascript:alert(1)" is not allowed`,
			wantPos:     -1,
		},
		{name: "an image is an error", tex: `x\includegraphics{a.png}`, wantMessage: `\includegraphics loads an image`, wantPos: 1},
		{name: "an HTML class is an error", tex: `\htmlClass{c}{x}`, wantMessage: `\htmlClass writes an HTML class`, wantPos: 0},
		{name: "an HTML style is an error", tex: `\htmlStyle{color:red}{x}`, wantMessage: `\htmlStyle writes an HTML style`, wantPos: 0},
		{name: "HTML data is an error", tex: `\htmlData{a=b}{x}`, wantMessage: `\htmlData writes HTML data`, wantPos: 0},
		{name: "an HTML id is an error", tex: `\htmlId{i}{x}`, wantMessage: `\htmlId writes an HTML id`, wantPos: 0},
		{
			name:        "deep nesting fails cleanly instead of exhausting the stack",
			tex:         deep,
			wantMessage: "too deeply",
			wantPos:     -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := shared.Render(tt.tex, false)
			if err == nil {
				t.Fatalf("Render(%.40q) = %.80q, want an error", tt.tex, got)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Render(%.40q) error %T %v, want *Error", tt.tex, err, err)
			}
			if !strings.Contains(e.Message, tt.wantMessage) {
				t.Errorf("Message = %q, want it to contain %q", e.Message, tt.wantMessage)
			}
			if tt.wantPos != -2 && e.Position != tt.wantPos {
				t.Errorf("Position = %d, want %d", e.Position, tt.wantPos)
			}
			if got != "" {
				t.Errorf("output = %q alongside an error, want empty", got)
			}
			if !strings.HasPrefix(err.Error(), "mathtex: ") {
				t.Errorf("Error() = %q, want the package prefix", err.Error())
			}
		})
	}
}

// macroBomb defines n macros, each expanding to two copies of the next, and
// uses the first.
func macroBomb(n int) string {
	var b strings.Builder
	name := func(i int) string { return `\m` + strings.Repeat("x", i) }
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `\def%s{%s%s}`, name(i), name(i+1), name(i+1))
	}
	fmt.Fprintf(&b, `\def%s{x}%s`, name(n), name(0))
	return b.String()
}

func TestRenderingTheSameFormulaTwiceUsesTheCache(t *testing.T) {
	ts := New(1)
	first, err := ts.Render(`\sum_{i=1}^n i`, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := ts.katexCalls.Load(); n != 1 {
		t.Fatalf("KaTeX ran %d times for one formula, want 1", n)
	}
	second, err := ts.Render(`\sum_{i=1}^n i`, true)
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Errorf("second render %q differs from first %q", second, first)
	}
	if n := ts.katexCalls.Load(); n != 1 {
		t.Errorf("KaTeX ran %d times after a repeat, want 1", n)
	}
	// The same TeX inline is a different formula.
	if _, err := ts.Render(`\sum_{i=1}^n i`, false); err != nil {
		t.Fatal(err)
	}
	if n := ts.katexCalls.Load(); n != 2 {
		t.Errorf("KaTeX ran %d times after the inline variant, want 2", n)
	}
	// TeX errors are cached too.
	_, err1 := ts.Render(`\foo`, false)
	_, err2 := ts.Render(`\foo`, false)
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Errorf("errors %v and %v, want the same error twice", err1, err2)
	}
	if n := ts.katexCalls.Load(); n != 3 {
		t.Errorf("KaTeX ran %d times after a repeated error, want 3", n)
	}
}

func TestConcurrentRequestsForOneFormulaRunKaTeXOnce(t *testing.T) {
	ts := New(4)
	var wg sync.WaitGroup
	outs := make([]string, 16)
	for i := range outs {
		wg.Go(func() {
			out, err := ts.Render(`\int_0^1 f(x)\,dx`, true)
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		})
	}
	wg.Wait()
	for i, out := range outs {
		if out != outs[0] {
			t.Errorf("result %d = %q, want %q", i, out, outs[0])
		}
	}
	if n := ts.katexCalls.Load(); n != 1 {
		t.Errorf("KaTeX ran %d times, want 1", n)
	}
}

func TestRenderAllKeepsOrderAndPerJobErrors(t *testing.T) {
	var jobs []Job
	for i := range 20 {
		switch i % 4 {
		case 0:
			jobs = append(jobs, Job{TeX: fmt.Sprintf(`x_{%d}`, i)})
		case 1:
			jobs = append(jobs, Job{TeX: fmt.Sprintf(`\frac{%d}{n}`, i), Display: true})
		case 2:
			jobs = append(jobs, Job{TeX: fmt.Sprintf(`\bad%c`, 'a'+i)})
		case 3:
			jobs = append(jobs, Job{TeX: `x_{1}`}) // a repeat of job 0's shape, not its TeX
		}
	}
	results := New(3).RenderAll(jobs)
	if len(results) != len(jobs) {
		t.Fatalf("got %d results for %d jobs", len(results), len(jobs))
	}
	for i, r := range results {
		job := jobs[i]
		if strings.HasPrefix(job.TeX, `\bad`) {
			var e *Error
			if !errors.As(r.Err, &e) || !strings.Contains(e.Message, "Undefined control sequence") {
				t.Errorf("job %d (%q): err %v, want an undefined control sequence", i, job.TeX, r.Err)
			}
			if !strings.Contains(e.Message, job.TeX) {
				t.Errorf("job %d: message %q does not name %q", i, e.Message, job.TeX)
			}
			continue
		}
		if r.Err != nil {
			t.Errorf("job %d (%q): unexpected error %v", i, job.TeX, r.Err)
			continue
		}
		// The annotation holds the job's own TeX, which proves the order.
		if !strings.Contains(r.HTML, ">"+job.TeX+"</annotation>") {
			t.Errorf("job %d (%q): result %q is for another formula", i, job.TeX, r.HTML)
		}
		if got := strings.Contains(r.HTML, `display="block"`); got != job.Display {
			t.Errorf("job %d: display block %v, want %v", i, got, job.Display)
		}
	}
}

func TestRenderAllWithNoJobsReturnsNoResults(t *testing.T) {
	if got := shared.RenderAll(nil); len(got) != 0 {
		t.Errorf("RenderAll(nil) = %v, want empty", got)
	}
}

func TestFreshTypesettersGiveIdenticalOutput(t *testing.T) {
	formulas := []Job{
		{TeX: `\frac{a}{b}`},
		{TeX: `\sum_{i=1}^n x_i^2`, Display: true},
		{TeX: `\left(\dfrac{a}{b}\right)`},
		{TeX: `\operatorname{diag}(\mathbf{w})`, Display: true},
		{TeX: `\begin{aligned} a &= b \\ c &= d \end{aligned}`, Display: true},
	}
	a := New(2).RenderAll(formulas)
	b := New(2).RenderAll(formulas)
	for i := range formulas {
		if a[i].Err != nil || b[i].Err != nil {
			t.Fatalf("formula %q: errors %v, %v", formulas[i].TeX, a[i].Err, b[i].Err)
		}
		if a[i].HTML != b[i].HTML {
			t.Errorf("formula %q differs between typesetters:\n%s\n%s", formulas[i].TeX, a[i].HTML, b[i].HTML)
		}
	}
}

func TestAPanicInsideTheInterpreterBecomesAnError(t *testing.T) {
	prog, err := goja.Compile("katex.min.js", katexSource, false)
	if err != nil {
		t.Fatal(err)
	}
	in, e := newInterp(prog)
	if e != nil {
		t.Fatal(e)
	}
	boom := func(goja.Value, ...goja.Value) (goja.Value, error) { panic("boom") }
	_, e = in.call("", boom)
	if e == nil || !strings.Contains(e.Message, "boom") || e.Position != -1 {
		t.Fatalf("err = %v, want an *Error naming the panic", e)
	}
	if !in.broken {
		t.Error("a crashed interpreter is not marked broken")
	}
}

func TestByteOffsetConvertsUTF16Units(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		units int
		want  int
	}{
		{"ASCII offsets are unchanged", `x+\foo`, 2, 2},
		{"a two-byte rune is one unit", "α\\foo", 1, 2},
		{"an astral rune is two units and four bytes", "𝔸\\foo", 2, 4},
		{"an offset past the end is the length", "ab", 9, 2},
		{"an invalid byte is one unit", "\xffx", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := byteOffset(tt.s, tt.units); got != tt.want {
				t.Errorf("byteOffset(%q, %d) = %d, want %d", tt.s, tt.units, got, tt.want)
			}
		})
	}
}

func TestKaTeXVersionIsRecorded(t *testing.T) {
	if KaTeXVersion == "" || strings.ContainsAny(KaTeXVersion, " \n") {
		t.Errorf("KaTeXVersion = %q", KaTeXVersion)
	}
	if !strings.Contains(KaTeXLicense, "MIT") {
		t.Error("KaTeXLicense does not hold the MIT license")
	}
}

func TestEveryFontTheStylesheetNamesIsEmbedded(t *testing.T) {
	fonts := Fonts()
	named := regexp.MustCompile(`url\((fonts/[^)]+)\)`).FindAllStringSubmatch(string(Stylesheet), -1)
	if len(named) == 0 {
		t.Fatal("the stylesheet names no fonts")
	}
	for _, m := range named {
		if _, ok := fonts[m[1]]; !ok {
			t.Errorf("the stylesheet names %s, which is not embedded", m[1])
		}
		if !strings.HasSuffix(m[1], ".woff2") {
			t.Errorf("the stylesheet names %s; only WOFF2 fonts are shipped", m[1])
		}
	}
}

func TestLinksInMathLeadToWebAndRelativeAddressesOnly(t *testing.T) {
	for tex, want := range map[string]string{
		`\href{https://example.org/a?b=1}{x}`: `href="https://example.org/a?b=1"`,
		`\href{../other/}{x}`:                 `href="../other/"`,
		`\url{http://example.org/}`:           `href="http://example.org/"`,
		`\href{mailto:a@example.org}{x}`:      `href="mailto:a@example.org"`,
	} {
		got, err := shared.Render(tex, false)
		if err != nil || !strings.Contains(got, want) {
			t.Errorf("Render(%q) = %.200q, %v; want a link %s", tex, got, err, want)
		}
	}
}

func TestAnEscapedBackslashIsNotAMacroDefinition(t *testing.T) {
	// \\ is a line break; the letters after it are text, not \def.
	if _, err := shared.Render(`\begin{matrix}a\\def\end{matrix}`, true); err != nil {
		t.Errorf("a line break followed by the letters def was refused: %v", err)
	}
}
