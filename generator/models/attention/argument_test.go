package attention

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The directives that carry the essay's argument further: each draws, links
// its data, and refuses settings that cannot work.

func TestArgumentDirectivesReportBadSettingsAtTheirLine(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"a heat map of more points than fit", "```{heatmap}\n:n: 300\n```\n",
			`x.md:2: {heatmap}: option "n" must be ≤ 200 for {heatmap} (a 300×300 matrix), got "300"`},
		{"a search range whose minimum is at its end", "```{bandwidth}\n:search: 0.1:0.3\n```\n",
			`x.md:2: {bandwidth}: option "search": the cross-validation error is smallest at the end of the range (h = 0.1), so the range 0.1:0.3 does not bracket the best bandwidth; widen it`},
		{"a search range written backwards", "```{bandwidth}\n:search: 0.3:0.1\n```\n",
			`x.md:2: {bandwidth}: option "search" must be min:max with 0 < min < max ≤ 1000, like "0.005:0.3", got "0.3:0.1"`},
		{"seven panels", "```{bandwidth}\n:bandwidths: 1 2 3 4 5 6 7\n```\n",
			`x.md:2: {bandwidth}: option "bandwidths" must list 1 to 6 bandwidths, like "0.01 0.03 0.1 0.3", got "1 2 3 4 5 6 7"`},
		{"training too long for the points", "```{train}\n:n: 1000\n:steps: 2000\n```\n",
			`x.md:3: {train}: option "steps": 2000 steps on 1000 points is 2000000000 weight evaluations, over the limit of 100000000; use fewer steps or points`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, _ := expand(t, tt.src)
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("errors %v\nwant %s", errs, tt.want)
			}
		})
	}
}

// note returns the text of the figure's note line.
func note(t *testing.T, html []byte) string {
	t.Helper()
	m := regexp.MustCompile(`<p class="kp-figure-note">([^<]*)</p>`).FindSubmatch(html)
	if m == nil {
		t.Fatalf("no note in\n%.300s", html)
	}
	return string(m[1])
}

func TestEquivalencePrintsADifferenceAtRoundingLevel(t *testing.T) {
	_, errs, blocks := expand(t, "```{equivalence}\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := regexp.MustCompile(`Largest difference between the two curves: (\S+) `).FindStringSubmatch(note(t, blocks[0].HTML))
	if m == nil {
		t.Fatalf("note: %q", note(t, blocks[0].HTML))
	}
	if d, err := strconv.ParseFloat(m[1], 64); err != nil || d > 1e-12 {
		t.Errorf("largest difference %s, want ≤ 1e-12 (rounding)", m[1])
	}
}

func TestBandwidthMarksAnInteriorMinimum(t *testing.T) {
	out, errs, blocks := expand(t, "```{bandwidth}\n:label: fig-bw\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var loocv [][]string
	for _, f := range out.Files {
		if f.Name == "fig-bw-loocv.csv" {
			loocv, _ = csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
		}
	}
	if len(loocv) != searchPoints+1 {
		t.Fatalf("LOOCV table has %d rows, want %d and a header", len(loocv), searchPoints)
	}
	best, bestErr := 0, 1e300
	for i, r := range loocv[1:] {
		if e, _ := strconv.ParseFloat(r[1], 64); e < bestErr {
			best, bestErr = i, e
		}
	}
	if best == 0 || best == searchPoints-1 {
		t.Errorf("the minimum is at the end of the search, row %d", best)
	}
	if h := loocv[best+1][0]; !strings.Contains(note(t, blocks[0].HTML), "h ≈ "+h[:4]) {
		t.Errorf("the note %q does not name the minimum's bandwidth %s", note(t, blocks[0].HTML), h)
	}
	if !strings.Contains(string(blocks[0].HTML), `href="fig-bw-loocv.csv">LOOCV (CSV)</a>`) {
		t.Error("no link to the LOOCV data")
	}
}

func TestTrainingLowersTheLoss(t *testing.T) {
	out, errs, blocks := expand(t, "```{train}\n:label: fig-t\n:steps: 300\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := regexp.MustCompile(`Loss fell from (\S+) to (\S+) in 300 steps`).FindStringSubmatch(note(t, blocks[0].HTML))
	if m == nil {
		t.Fatalf("note: %q", note(t, blocks[0].HTML))
	}
	first, _ := strconv.ParseFloat(m[1], 64)
	last, _ := strconv.ParseFloat(m[2], 64)
	if !(last < first/10) {
		t.Errorf("loss fell only from %g to %g", first, last)
	}
	if len(out.Files) != 2 || out.Files[1].Name != "fig-t-loss.csv" || bytes.Count(out.Files[1].Data, []byte("\n")) != 302 {
		t.Errorf("want the profile data and a loss table of 301 steps and a header")
	}
}

func TestHeatmapDataHasEveryPair(t *testing.T) {
	out, errs, _ := expand(t, "```{heatmap}\n:n: 7\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rows, err := csv.NewReader(bytes.NewReader(out.Files[0].Data)).ReadAll()
	if err != nil || len(rows) != 7*7+1 {
		t.Fatalf("%d rows, %v; want 49 and a header", len(rows), err)
	}
	// Row 1 + 7·o + i holds query o and input i; each query's weights sum
	// to one under both methods.
	for o := 0; o < 7; o++ {
		var k, a float64
		for i := 0; i < 7; i++ {
			r := rows[1+7*o+i]
			kw, _ := strconv.ParseFloat(r[2], 64)
			aw, _ := strconv.ParseFloat(r[3], 64)
			k, a = k+kw, a+aw
		}
		if d := k - 1; d > 1e-12 || d < -1e-12 {
			t.Errorf("query %d: kernel weights sum to %v", o, k)
		}
		if d := a - 1; d > 1e-12 || d < -1e-12 {
			t.Errorf("query %d: attention weights sum to %v", o, a)
		}
	}
}
