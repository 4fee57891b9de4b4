package markup

import (
	"bytes"
	"strings"
	"testing"
)

func TestReferencesFindsEmptySamePageLinks(t *testing.T) {
	src := "---\ntitle: T\n---\nSee [](#fig-a) and\n[the figure](#fig-b), [](https://x.org), [](#fig-c).\n"
	e := New(Config{})
	doc, err := e.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	refs := References(doc)
	if len(refs) != 2 || refs[0].ID != "fig-a" || refs[1].ID != "fig-c" {
		t.Fatalf("references = %+v, want fig-a and fig-c (a link with text or an external target is not one)", refs)
	}
	if refs[0].Line != 4 || refs[1].Line != 5 {
		t.Errorf("lines = %d, %d, want 4 and 5", refs[0].Line, refs[1].Line)
	}
	refs[0].SetText("Figure\u00a01")
	refs[1].SetText("<Figure 2>")
	var out bytes.Buffer
	if err := e.Render(&out, doc); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="#fig-a">Figure` + "\u00a0" + `1</a>`, `<a href="#fig-c">&lt;Figure 2&gt;</a>`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
