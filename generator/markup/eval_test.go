package markup

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// evalsOf parses src and returns its roles as expression, line and
// problem, the roles themselves, and the document.
func evalsOf(t *testing.T, src string) ([]Eval, []*Eval, *Document) {
	t.Helper()
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	roles := Evals(doc.Root)
	var got []Eval
	for _, e := range roles {
		got = append(got, Eval{Expr: e.Expr, Line: e.Line, Problem: e.Problem})
	}
	return got, roles, doc
}

func TestEvalRoleIsReadOnlyBeforeACodeSpan(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []Eval
	}{
		{"a role", "h is {eval}`\"%.4f\" % h`.", []Eval{{Expr: `"%.4f" % h`, Line: 1}}},
		{"two on a line, then one later", "{eval}`a` and {eval}`b`\n\nthen\n{eval}`c`", []Eval{{Expr: "a", Line: 1}, {Expr: "b", Line: 1}, {Expr: "c", Line: 4}}},
		{"double backticks hold a backtick", "{eval}`` \"`\" + s ``", []Eval{{Expr: "\"`\" + s", Line: 1}}},
		{"a span over two lines joins them with a space", "x {eval}`a +\nb` y", []Eval{{Expr: "a + b", Line: 1}}},
		{"a space after the role is no role", "{eval} `a`", nil},
		{"an escaped brace is no role", `\{eval}` + "`a`", nil},
		{"inside a code span it is code", "`{eval}` and ``{eval}`a` ``", nil},
		{"inside a fenced code block it is code", "```\n{eval}`a`\n```\n", nil},
		{"inside an indented code block it is code", "    {eval}`a`\n", nil},
		{"inside math it is TeX", `\( {eval}` + "`a`" + ` \)`, nil},
		{"other roles are text", "{math}`a` {evaluate}`b` {Eval}`c`", nil},
		{"in a list, a table, a quote and a footnote", "- {eval}`l`\n\n| a |\n|---|\n| {eval}`t` |\n\n> {eval}`q`\n\nNote[^1].\n\n[^1]: {eval}`f`\n",
			[]Eval{{Expr: "l", Line: 1}, {Expr: "t", Line: 5}, {Expr: "q", Line: 7}, {Expr: "f", Line: 11}}},
		{"in an image's description it is a problem", "![a {eval}`x` b](a.png)", []Eval{{Expr: "x", Line: 1, Problem: "an image's description takes no {eval} role (it would be left out); describe the image in words, and give the value in the text beside it or in a caption"}}},
		{"in link text it is a role", "[a {eval}`x`](b.html)", []Eval{{Expr: "x", Line: 1}}},
		{"a code span never closed", "x {eval}`a\n\nb`", []Eval{{Line: 1, Problem: "the code span after {eval} is never closed in its paragraph: close it with 1 backtick(s), as in {eval}`x`"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, _, _ := evalsOf(t, c.src)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestEvalRendersItsValueAsText(t *testing.T) {
	_, roles, doc := evalsOf(t, "A {eval}`name` and {eval}`n`.")
	roles[0].Value, roles[0].Done = "<b>bold</b> & co", true
	var out bytes.Buffer
	if err := New(Config{}).Render(&out, doc); err != nil {
		t.Fatal(err)
	}
	// The value is escaped; the role not evaluated shows its source as code.
	want := `<p>A <span class="kp-eval" title="name">&lt;b&gt;bold&lt;/b&gt; &amp; co</span> and <code class="kp-eval-source">{eval}` + "`n`" + `</code>.</p>` + "\n"
	if out.String() != want {
		t.Errorf("got  %s\nwant %s", out.String(), want)
	}
}

func TestEvalHeadingIDLeavesTheRoleOut(t *testing.T) {
	// The id is the text's without the role, so it does not change with
	// the value; ids stay unique.
	src := "## Bandwidth {eval}`\"%.2f\" % h` chosen\n\n## Bandwidth chosen\n\n## {eval}`x`\n\nSetext {eval}`y`\n---\n"
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := New(Config{}).Render(&out, doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h2 id="bandwidth-chosen-1">Bandwidth `, `<h2 id="bandwidth-chosen">Bandwidth chosen</h2>`, `<h2 id="heading">`, `<h2 id="setext">`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the page lacks %s:\n%s", want, out.String())
		}
	}
}

func TestCheckMathReportsARoleInsideMath(t *testing.T) {
	src := "Text.\n\nWith \\(h = {eval}`h`\\) inline.\n\n$$\na = {eval}`a`\n$$\n"
	doc, err := New(Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	problems := CheckMath(doc)
	if len(problems) != 2 || problems[0].Line != 3 || problems[1].Line != 5 {
		t.Fatalf("got %+v, want problems at lines 3 and 5", problems)
	}
	for _, p := range problems {
		if !strings.HasPrefix(p.Msg, "{eval}: a role inside math is not evaluated") {
			t.Errorf("problem %q does not say the role is not evaluated", p.Msg)
		}
	}
}

// FuzzEval parses arbitrary Markdown heavy in roles and checks that every
// role points at a line of the file and at its own source, that an
// expression is one line, and that rendering never fails.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"a {eval}`x` b {eval}``y ` z`` c\n",
		"# {eval}`h` {eval}`h`\n\n{eval}`\n",
		"- {eval}`a\n  b`\n> {eval}`q`\n",
		"| {eval}`t` | \\{eval}`u` |\n|---|---|\n",
		"![{eval}`i`](a.png) [{eval}`l`](b) `{eval}` \\({eval}`m`\\)\n",
		"[^1]\n\n[^1]: {eval}`f\n\n{eval}``",
		"Setext {eval}`s`\n===\n",
	} {
		f.Add(s)
	}
	e := New(Config{})
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		doc, err := e.ParseFragment([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(src, "\n") + 1
		_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			r, ok := n.(*EvalInline)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			if r.Line < 1 || r.Line > lines {
				t.Fatalf("role %q at line %d of %d", r.Expr, r.Line, lines)
			}
			if r.start < 0 || r.stop > len(src) || r.start > r.stop || !strings.HasPrefix(src[r.start:], evalOpen) {
				t.Fatalf("role %q spans [%d, %d) of %q", r.Expr, r.start, r.stop, src)
			}
			if strings.ContainsAny(r.Expr, "\r\n") {
				t.Fatalf("role's expression %q is not one line", r.Expr)
			}
			r.Value, r.Done = "<v>", true
			return ast.WalkContinue, nil
		})
		var buf bytes.Buffer
		if err := e.fragment.Renderer().Render(&buf, doc.Source, doc.Root); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "<v>") {
			t.Fatal("a value was written unescaped")
		}
	})
}
