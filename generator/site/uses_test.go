package site

import (
	"reflect"
	"testing"
)

func TestHTMLUsesReadsTheAttributesABrowserFetchesOrFollows(t *testing.T) {
	doc := `<p><a href="paper.pdf#page=2">paper</a> <a href="my%20data.csv?dl=1">data</a>
<img src="img/a.png" srcset="img/a@2x.png 2x, img/a-wide.png 800w" alt="">
<picture><source srcset="dark.svg" media="(prefers-color-scheme: dark)"><img src="light.svg" alt=""></picture>
<video poster="still.jpg"><source src="clip.webm"><track src="subs.vtt"></video>
<object data="diagram.svg"></object> <a href="fish&amp;chips.txt">amp</a>
<svg><image href="inline.png"/><a xlink:href="linked.svg"><text>x</text></a></svg>
<a href="../other/shared.csv">other</a> <a href="../">home</a> <a href="./">here</a> <a href="#fig-1">fig</a>
<a href="https://example.org/x.csv">far</a> <a href="/abs.csv">abs</a> <a href="../../out.csv">out</a>
<a href="mailto:a@b.c">mail</a> <a href="sub/">folder</a>
<code>[x](in-code.csv)</code> <pre><code>&lt;img src="in-pre.png"&gt;</code></pre> <p data-x="attr.csv">x</p></p>`
	want := []string{
		"other/shared.csv",
		"x/clip.webm", "x/dark.svg", "x/diagram.svg", "x/fish&chips.txt",
		"x/img/a-wide.png", "x/img/a.png", "x/img/a@2x.png",
		"x/inline.png", "x/light.svg", "x/linked.svg", "x/my data.csv", "x/paper.pdf",
		"x/still.jpg", "x/subs.vtt",
	}
	if got := htmlUses("x/index.html", []byte(doc)); !reflect.DeepEqual(got, want) {
		t.Errorf("htmlUses =\n%q\nwant\n%q", got, want)
	}
}

func TestSrcsetURLsSplitsCandidatesAsHTMLDoes(t *testing.T) {
	for srcset, want := range map[string][]string{
		"a.png":                             {"a.png"},
		"a.png 1x, b.png 2x":                {"a.png", "b.png"},
		" a.png, b.png 640w ,  c.png\t3x":   {"a.png", "b.png", "c.png"},
		"a,b.png 1x, c.png":                 {"a,b.png", "c.png"},
		"a.png 1x (odd, descriptor), b.png": {"a.png", "b.png"},
		"":                                  nil,
	} {
		if got := srcsetURLs(srcset); !reflect.DeepEqual(got, want) {
			t.Errorf("srcsetURLs(%q) = %q, want %q", srcset, got, want)
		}
	}
}
