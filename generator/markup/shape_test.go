package markup

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func shapeMessages(src string) []string {
	var out []string
	for _, e := range CheckShape([]byte(src)) {
		out = append(out, e.Error())
	}
	return out
}

func TestCheckShapeAcceptsOrdinaryMarkdownAtItsLimits(t *testing.T) {
	var table strings.Builder
	table.WriteString("| a | b |\n|:--|--:|\n")
	for range 1000 {
		table.WriteString("| [x](y) | \\(z\\) |\n") // 2 cells, 1 '[' and 1 \( a row
	}
	for name, src := range map[string]string{
		"nesting at the limit":   strings.Repeat("> ", MaxNesting) + "a\n",
		"a long thematic break":  strings.Repeat("* ", 100) + "\n",
		"brackets at the limit":  strings.Repeat("[a] ", MaxBrackets) + "\n",
		"paragraphs split":       strings.Repeat(strings.Repeat("[a](b) ", 600)+"\n\n", 4),
		"math at the limit":      strings.Repeat(`\(x\) `, MaxMathDelimiters) + "\n",
		"a table of 1000 rows":   table.String(),
		"code in a fence":        "```json\n" + strings.Repeat("[[1, 2], [3, 4]]\n", 2000) + "```\n\ntext [a](b)\n",
		"a tilde fence":          "~~~~\n" + strings.Repeat("[", 2000) + "\n~~~\n~~~~\n",
		"footnotes at the limit": strings.Repeat("x[^a]\n\n", 10) + strings.Repeat("[^a]: note\n\n", MaxFootnotes),
	} {
		if msgs := shapeMessages(src); len(msgs) > 0 {
			t.Errorf("%s: unexpected problems %q", name, msgs)
		}
	}
}

func TestCheckShapeReportsEachProblemAtItsLine(t *testing.T) {
	var wide strings.Builder
	wide.WriteString(strings.Repeat("|a", 200) + "|\n" + strings.Repeat("|-", 200) + "|\n")
	// 200 columns × (2 + 498) rows = 100,000 cells; the next row goes over.
	wide.WriteString(strings.Repeat("|\n", 499))
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"block quotes on one line", "text\n\n" + strings.Repeat(">", MaxNesting+1) + " a\n",
			[]string{"3: this line opens 33 block quotes and list items, one inside another, over the limit of 32"}},
		{"lists on one line", strings.Repeat("- ", 40) + "a\n",
			[]string{"1: this line opens 40 block quotes and list items, one inside another, over the limit of 32"}},
		{"ordered lists", strings.Repeat("1. ", 20) + strings.Repeat("2) ", 20) + "a\n",
			[]string{"1: this line opens 40 block quotes and list items, one inside another, over the limit of 32"}},
		{"unclosed links", "# t\n\n" + strings.Repeat("[a](", MaxBrackets+1),
			[]string{"3: this paragraph has 1001 '[' (links, images, footnote references), over the limit of 1000 for one paragraph; split it with blank lines"}},
		{"brackets over several lines", "a\n" + strings.Repeat("[\n", MaxBrackets) + "[\n",
			[]string{"1: this paragraph has 1001 '['"}},
		{"math openings", strings.Repeat(`\(`, 600) + "\n" + strings.Repeat(`$$`, 401) + "\n",
			[]string{`1: this paragraph opens math (\( \[ $$) 1001 times, over the limit of 1000`}},
		{"a fence indented into a list is counted as text", "- a\n\n  ```\n" + strings.Repeat("[", 1001) + "\n  ```\n",
			[]string{"3: this paragraph has 1001 '['"}},
		{"a wide table with empty rows", "intro\n\n" + wide.String(),
			[]string{"503: with this row the tables of the file have more than 100000 cells"}},
		{"too many footnotes", strings.Repeat("[^n]: a\n", MaxFootnotes) + "\n[^m]: b\n",
			[]string{"502: this is footnote 501 of the file, over the limit of 500 for one file"}},
		{"several problems, in line order", strings.Repeat(">", 40) + "\n\n" + strings.Repeat("[", 1001) + "\n\n" + strings.Repeat(`\[`, 1001),
			[]string{"1: this line opens 40", "3: this paragraph has 1001 '['", "5: this paragraph opens math"}},
	} {
		got := shapeMessages(tc.src)
		ok := len(got) == len(tc.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(got[i], tc.want[i])
		}
		if !ok {
			t.Errorf("%s:\n got %q\nwant prefixes %q", tc.name, got, tc.want)
		}
	}
}

func TestTheShippedEssaysAreWellInsideTheShapeLimits(t *testing.T) {
	files, _ := filepath.Glob("../../content/*.md")
	if len(files) == 0 {
		t.Fatal("no essays found in ../../content")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if msgs := shapeMessages(string(src)); len(msgs) > 0 {
			t.Errorf("%s: %q", f, msgs)
		}
	}
}

func TestUnescapedSkipsBracketsAfterAnOddNumberOfBackslashes(t *testing.T) {
	for text, want := range map[string]int{`[a]`: 1, `\[`: 0, `\\[`: 1, `\\\[`: 0, `a\[b[c`: 1, ``: 0} {
		if got := unescaped([]byte(text), '['); got != want {
			t.Errorf("unescaped(%q) = %d, want %d", text, got, want)
		}
	}
}

func TestCheckShapeCountsTheLanguagesOfCodeFences(t *testing.T) {
	var src strings.Builder
	for i := range MaxFenceLanguages {
		fmt.Fprintf(&src, "```lang%d\ncode\n```\n\n- ```lang%d\n  code\n  ```\n\n", i, i) // each twice, once in a list
	}
	src.WriteString("```{signal}\n```\n\n")
	if msgs := shapeMessages(src.String()); len(msgs) > 0 {
		t.Fatalf("%d languages, each twice, and a directive: %q", MaxFenceLanguages, msgs)
	}
	lines := strings.Count(src.String(), "\n")
	src.WriteString("> ~~~~ one-more\n")
	want := fmt.Sprintf("%d: this code fence names the language \"one-more\", language number 33 of the file, over the limit of 32", lines+1)
	if msgs := shapeMessages(src.String()); len(msgs) != 1 || !strings.HasPrefix(msgs[0], want) {
		t.Errorf("got %q, want %q", msgs, want)
	}
}
