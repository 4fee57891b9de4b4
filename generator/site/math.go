package site

import (
	"errors"
	"sync"

	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/mathtex"
)

// typesetter is shared by every build in the process: starting KaTeX costs
// a tenth of a second, and its cache (keyed by the TeX alone) never goes stale.
var typesetter = sync.OnceValue(func() *mathtex.Typesetter { return mathtex.New(0) })

// typesetMath typesets every formula of doc as MathML, in parallel, and
// stores the result in the document for rendering. It returns a problem for
// each formula KaTeX rejects, at the formula's line.
func typesetMath(doc *markup.Document) []*lineError {
	maths := markup.Maths(doc.Root)
	if len(maths) == 0 {
		return nil
	}
	jobs := make([]mathtex.Job, len(maths))
	for i, m := range maths {
		jobs[i] = mathtex.Job{TeX: m.TeX, Display: m.Display}
	}
	var errs []*lineError
	for i, r := range typesetter().RenderAll(jobs) {
		m := maths[i]
		if r.Err != nil {
			msg := r.Err.Error()
			var te *mathtex.Error
			if errors.As(r.Err, &te) {
				msg = te.Message
			}
			errs = append(errs, &lineError{line: m.Line, msg: "math: " + msg})
			continue
		}
		if m.Display {
			// A wide formula scrolls sideways on a narrow screen, so keyboard
			// users must be able to focus it.
			m.HTML = []byte(`<div class="math display" tabindex="0">` + r.HTML + `</div>`)
		} else {
			m.HTML = []byte(`<span class="math inline">` + r.HTML + `</span>`)
		}
	}
	return errs
}
