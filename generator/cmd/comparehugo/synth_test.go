package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestEveryPageIsDatedInThePast checks the date of every page a synthetic
// site can have: before 2020-01-02, whatever today is, so that Hugo keeps
// them all, and each on a day of its own, the newest first.
func TestEveryPageIsDatedInThePast(t *testing.T) {
	past := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	prev := past
	for i := range maxPages {
		d := pageDate(i)
		if !d.Before(past) {
			t.Fatalf("page %d is dated %s, not before %s", i, d.Format(time.DateOnly), past.Format(time.DateOnly))
		}
		// The front matter gives the day only, so each page must have
		// its own day: a day before the previous page's.
		if want := prev.AddDate(0, 0, -1); d.Format(time.DateOnly) != want.Format(time.DateOnly) {
			t.Fatalf("page %d is dated %s, want %s, the day before page %d", i, d.Format(time.DateOnly), want.Format(time.DateOnly), i-1)
		}
		prev = d
	}
	for i, want := range map[int]string{0: "2020-01-01", 999: "2017-04-07", 9999: "1992-08-16", maxPages - 1: "1746-03-19"} {
		if fm := synthPage(i).frontMatter(); !strings.Contains(fm, "\ndate: "+want+"\n") {
			t.Errorf("page %d's front matter does not say date: %s:\n%s", i, want, fm)
		}
	}
}

func TestPagesDoNotDependOnTheirNumber(t *testing.T) {
	a, b := synthPage(2500), synthPage(2500)
	if a != b {
		t.Error("page 2500 came out differently twice")
	}
	if a.Slug != "page-2500" || !a.Date.Equal(pageDate(2500)) {
		t.Errorf("page 2500 is %s dated %s", a.Slug, a.Date.Format(time.DateOnly))
	}
}

func TestPagesOutOfRangeAreRefused(t *testing.T) {
	for _, pages := range []string{"0", "100001"} {
		var stdout, stderr bytes.Buffer
		if code := command([]string{"-pages", pages}, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "1 to 100000") {
			t.Errorf("-pages %s: exit %d, %q; want 2 and the range", pages, code, stderr.String())
		}
	}
}
