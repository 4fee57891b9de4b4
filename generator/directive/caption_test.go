package directive_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
)

func TestEveryProblemOfACaptionIsReportedAtItsLine(t *testing.T) {
	engine := markup.New(markup.Config{})
	doc, err := engine.Parse([]byte("```{signal}\n:n: 5\n\nFirst line,\nsecond line.\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	caption := func([]byte) ([]byte, error) {
		return nil, errors.Join(&CaptionError{Line: 1, Msg: "first problem"}, &CaptionError{Line: 2, Msg: "second problem"})
	}
	_, errs := seed.Expand(Page{File: "x.md", Caption: caption}, markup.Directives(doc.Root))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{"x.md:4: {signal}: caption: first problem", "x.md:5: {signal}: caption: second problem"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
