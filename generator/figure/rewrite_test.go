package figure

import "testing"

func TestMergeStrokesJoinsRunsOfPlainStrokes(t *testing.T) {
	const tick = "fill:none;stroke:currentColor;stroke-width:0.75"
	in := `<g>
<path d="M1,2L1,5" style="` + tick + `" />
<path d="M3,2L3,5" style="` + tick + `" />
<path d="M0,5L9,5" style="` + tick + `" />
<text x="1" y="2" style="fill:currentColor">a</text>
<path d="M4,2L4,5" style="` + tick + `" />
<path d="M5,2L5,5" style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3" />
<path d="M6,2L6,5" style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3" />
<path d="M7,2Z" style="fill:currentColor" />
<path d="M8,2Z" style="fill:currentColor" />
<path d="M9,2L9,5" style="fill:none;stroke:var(--kp-series-1, #0072B2);stroke-width:1.5" />
<path d="M9,2L9,6" style="` + tick + `" />
</g>`
	// The first three ticks merge; the lone tick after the text, the
	// dashed and the filled paths stay as they are; a style change ends a
	// run.
	want := `<g>
<path d="M1,2L1,5M3,2L3,5M0,5L9,5" style="` + tick + `" />
<text x="1" y="2" style="fill:currentColor">a</text>
<path d="M4,2L4,5" style="` + tick + `" />
<path d="M5,2L5,5" style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3" />
<path d="M6,2L6,5" style="fill:none;stroke:currentColor;stroke-width:0.75;stroke-dasharray:3,3" />
<path d="M7,2Z" style="fill:currentColor" />
<path d="M8,2Z" style="fill:currentColor" />
<path d="M9,2L9,5" style="fill:none;stroke:var(--kp-series-1, #0072B2);stroke-width:1.5" />
<path d="M9,2L9,6" style="` + tick + `" />
</g>`
	if got := string(mergeStrokes([]byte(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
