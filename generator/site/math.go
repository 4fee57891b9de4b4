package site

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/mathtex"
)

// typesetter is shared by every build in the process: starting KaTeX costs
// a tenth of a second, and its cache (keyed by the TeX alone) never goes stale.
var typesetter = sync.OnceValue(func() *mathtex.Typesetter { return mathtex.New(0) })

// mathKind names typeset formulas in the on-disk cache.
const mathKind = "math"

// Limits on the math of one Markdown file, checked before anything is
// typeset. KaTeX in goja takes 0.2–0.5 ms per byte of TeX plus a few
// milliseconds per formula, so without them a file could hold minutes of
// typesetting. The shipped explainer has 140 formulas, 2.4 kB of TeX in all,
// the longest 149 bytes. They count formulas that come from the cache too,
// so whether a page builds never depends on an earlier build. Fixed limits.
const (
	maxFormulaBytes = 2_000     // one formula
	maxFormulas     = 2_000     // formulas in one file
	maxMathBytes    = 32 * 1024 // TeX of all the formulas of one file
)

// mathLimits returns a problem for each formula over maxFormulaBytes and one
// for the formula that takes the file over maxFormulas or maxMathBytes.
func mathLimits(maths []*markup.Math) []*lineError {
	var (
		errs  []*lineError
		total int
	)
	for i, m := range maths {
		if len(m.TeX) > maxFormulaBytes {
			errs = append(errs, &lineError{line: m.Line, msg: fmt.Sprintf(
				"math: this formula is %d bytes of TeX, over the limit of %d for one formula (typesetting takes about a second per 2,000 bytes); split it",
				len(m.TeX), maxFormulaBytes)})
		}
		total += len(m.TeX)
		switch {
		case i+1 > maxFormulas:
			return append(errs, &lineError{line: m.Line, msg: fmt.Sprintf(
				"math: this is formula %d of the file, over the limit of %d for one file (each takes a few milliseconds to typeset); split the explainer",
				i+1, maxFormulas)})
		case total > maxMathBytes:
			return append(errs, &lineError{line: m.Line, msg: fmt.Sprintf(
				"math: with this formula the file has %d bytes of TeX, over the limit of %d for one file (typesetting takes 0.2–0.5 ms a byte); split the explainer",
				total, maxMathBytes)})
		}
	}
	return errs
}

// typesetMath typesets every formula of doc, in parallel, and stores the
// result in the document for rendering; formulas typeset by an earlier build
// come from the store. It returns a problem for each formula KaTeX rejects,
// at the formula's line.
func typesetMath(doc *markup.Document, store *cache.Store) []*lineError {
	maths := markup.Maths(doc.Root)
	if len(maths) == 0 {
		return nil
	}
	if errs := mathLimits(maths); len(errs) > 0 {
		return errs
	}
	results := make([]mathtex.Result, len(maths))
	keys := make([]string, len(maths))
	var (
		jobs    []mathtex.Job
		pending []int // index in maths of each job
	)
	for i, m := range maths {
		keys[i] = cache.Key(mathtex.CacheKey(m.TeX, m.Display)...)
		if html, ok := store.Get(mathKind, keys[i]); ok {
			results[i].HTML = string(html)
			continue
		}
		jobs = append(jobs, mathtex.Job{TeX: m.TeX, Display: m.Display})
		pending = append(pending, i)
	}
	for j, r := range typesetter().RenderAll(jobs) {
		i := pending[j]
		results[i] = r
		if r.Err == nil {
			// A cache that cannot be written only makes the next build slower.
			_ = store.Put(mathKind, keys[i], []byte(r.HTML))
		}
	}
	var errs []*lineError
	for i, r := range results {
		m := maths[i]
		if r.Err != nil {
			errs = append(errs, mathProblem(m, r.Err))
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

// katexWhere is the part of a KaTeX message that says where the error is
// and echoes the formula over several lines, underlined.
var katexWhere = regexp.MustCompile(`(?s) at (position \d+|end of input): .*$`)

// mathProblem words a typesetting error on one line, at the line of the
// formula where KaTeX found it, quoting the TeX from there.
func mathProblem(m *markup.Math, err error) *lineError {
	msg, pos := err.Error(), -1
	var te *mathtex.Error
	if errors.As(err, &te) {
		msg, pos = te.Message, te.Position
	}
	where := katexWhere.FindStringSubmatch(msg)
	msg = oneLine(katexWhere.ReplaceAllString(msg, ""))
	line := m.Line
	switch {
	case where != nil && where[1] == "end of input":
		msg += fmt.Sprintf(", at the end of `%s`", clip(strings.TrimSpace(m.TeX), -40))
	case pos >= 0 && pos <= len(m.TeX):
		line += strings.Count(m.TeX[:pos], "\n")
		msg += fmt.Sprintf(", at `%s`", clip(m.TeX[pos:], 24))
	}
	return &lineError{line: line, msg: "math: " + msg}
}

// clip returns the first n runes of s on one line, or the last -n, marking
// what it leaves out with an ellipsis.
func clip(s string, n int) string {
	r := []rune(oneLine(s))
	switch {
	case n > 0 && len(r) > n:
		return string(r[:n]) + "…"
	case n < 0 && len(r) > -n:
		return "…" + string(r[len(r)+n:])
	}
	return string(r)
}

// checkMath reports math that will not be typeset as written: display math
// that is not closed or holds a blank line, and math delimiters left in the
// text, where a reader would see them (see markup.CheckMath).
func checkMath(doc *markup.Document) []*lineError {
	var errs []*lineError
	for _, p := range markup.CheckMath(doc) {
		errs = append(errs, &lineError{line: p.Line, msg: p.Msg})
	}
	return errs
}
