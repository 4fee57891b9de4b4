package markup

import (
	"bytes"
	"strings"
	"testing"
)

func TestFootnotesAreRepeatedAsHiddenSidenotes(t *testing.T) {
	src := "A claim.[^a] Again.[^a]\n\n[^a]: The *source*, see [here](https://x.org).\n"
	e := New(Config{})
	doc, err := e.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := e.Render(&out, doc); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	want := `<span class="sidenote" aria-hidden="true"><span class="sidenote-number">1</span> The <em>source</em>, see <a tabindex="-1" href="https://x.org">here</a>.</span>`
	if !strings.Contains(html, want) {
		t.Errorf("no sidenote after the reference:\n%s", html)
	}
	if n := strings.Count(html, `class="sidenote"`); n != 1 {
		t.Errorf("%d sidenotes for one footnote referenced twice, want 1", n)
	}
	if !strings.Contains(html, `<li id="fn:1">`) || !strings.Contains(html, "footnote-backref") {
		t.Errorf("the footnote list at the end is missing:\n%s", html)
	}
	if strings.Contains(html[:strings.Index(html, `<div class="footnotes"`)], "footnote-backref") {
		t.Errorf("the sidenote repeats the back link")
	}
}
