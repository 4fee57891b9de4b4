package site

import (
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
)

func TestTableOfContentsReadsHeadingsAsTheReaderSeesThem(t *testing.T) {
	src := "## AT&amp;T and \\*stars\\*\n\n## Code `a\\*b &amp;`\n\n## It's &#955;\n\n## Plain\n"
	doc, err := markup.New(markup.Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := tableOfContents(doc)
	want := []string{"AT&T and *stars*", "Code a\\*b &amp;", "It’s λ", "Plain"}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(got), got, len(want))
	}
	for i, e := range got {
		if e.Text != want[i] {
			t.Errorf("entry %d: %q, want %q", i, e.Text, want[i])
		}
	}
}

func TestTableOfContentsKeepsAHeadingsFormula(t *testing.T) {
	src := "## Cost \\(O(n^2)\\) & more\n"
	doc, err := markup.New(markup.Config{}).Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	h := doc.Root.FirstChild()
	if got, want := plainText(h, doc.Source), "Cost O(n^2) & more"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	// Before typesetting the formula is its escaped TeX; after, its HTML.
	if got, want := string(textHTML(h, doc.Source)), `Cost \(O(n^2)\) &amp; more`; got != want {
		t.Errorf("HTML %q, want %q", got, want)
	}
	markup.Maths(doc.Root)[0].HTML = []byte(`<span class="math inline">K</span>`)
	if got, want := string(textHTML(h, doc.Source)), `Cost <span class="math inline">K</span> &amp; more`; got != want {
		t.Errorf("HTML %q, want %q", got, want)
	}
}
