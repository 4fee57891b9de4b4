package site

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/markup"
)

func TestMathLimitsCountEveryFormulaOfTheFile(t *testing.T) {
	formulas := func(n, size int) []*markup.Math {
		out := make([]*markup.Math, n)
		for i := range out {
			out[i] = &markup.Math{TeX: strings.Repeat("x", size), Line: i + 1}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		maths []*markup.Math
		want  []string // prefixes, line:message
	}{
		{"the explainer's scale", formulas(140, 20), nil},
		{"at every limit", append(formulas(maxFormulas-1, 15), &markup.Math{TeX: strings.Repeat("y", maxFormulaBytes), Line: 9999}), nil},
		{"one formula too long", formulas(1, maxFormulaBytes+1), []string{"1:math: this formula is 2001 bytes of TeX, over the limit of 2000"}},
		{"too many formulas", formulas(maxFormulas+5, 1), []string{"2001:math: this is formula 2001 of the file, over the limit of 2000"}},
		{"too much TeX", formulas(40, 1000), []string{"33:math: with this formula the file has 33000 bytes of TeX, over the limit of 32768"}},
	} {
		var got []string
		for _, e := range mathLimits(tc.maths) {
			got = append(got, strings.Join([]string{strconv.Itoa(e.line), e.msg}, ":"))
		}
		ok := len(got) == len(tc.want)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.HasPrefix(got[i], tc.want[i])
		}
		if !ok {
			t.Errorf("%s: got %q, want prefixes %q", tc.name, got, tc.want)
		}
	}
}
