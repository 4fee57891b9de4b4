package starnum

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// fixtureFiles serves read_csv from testdata/ and from inline files.
func fixtureFiles(inline map[string]string) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		if s, ok := inline[name]; ok {
			return []byte(s), nil
		}
		if strings.ContainsAny(name, `/\`) {
			return nil, fmt.Errorf("%s: only files in the explainer's folder can be read", name)
		}
		return os.ReadFile("testdata/" + name)
	}
}

// TestReadCSVOldFaithful checks the values the data's README gives: mean
// eruption 3.487783, sd 1.141371 (R's sd, ddof = 1) and R's bw.nrd0,
// 0.9·min(sd, IQR/1.34)·n^(−1/5) = 0.3348, with quantiles of R's default
// type 7, which quantile computes.
func TestReadCSVOldFaithful(t *testing.T) {
	l := New(Options{ReadFile: fixtureFiles(nil)})
	g, err := execWith(l, `
d = read_csv("old-faithful.csv")
e = d["eruptions"]
n = len(e)
m = mean(e)
sd = std(e, ddof=1)
iqr = quantile(e, 0.75) - quantile(e, 0.25)
bw = 0.9 * min([sd, iqr / 1.34]) * pow(n, -0.2)
cols = list(d.keys())
`)
	if err != nil {
		t.Fatal(err)
	}
	if n := num(t, g["n"]); n != 272 {
		t.Errorf("%v eruptions, want 272", n)
	}
	for name, want := range map[string]float64{"m": 3.487783, "sd": 1.141371, "bw": 0.3348} {
		tol := 5e-7
		if name == "bw" {
			tol = 5e-5
		}
		if got := num(t, g[name]); !near(got, want, tol) {
			t.Errorf("%s = %.7f, want %v", name, got, want)
		}
	}
	if got := g["cols"].String(); got != `["eruptions", "waiting"]` {
		t.Errorf("columns %s, want eruptions and waiting in order", got)
	}
}

func TestReadCSVColumns(t *testing.T) {
	l := New(Options{ReadFile: fixtureFiles(map[string]string{
		"mixed.csv": "\uFEFFname, value ,gap\nalpha,1.5,NA\nbeta, \"2\",\n",
	})})
	g, err := execWith(l, `
d = read_csv("mixed.csv")
names = d["name"]
value = d["value"]
gap = d["gap"]
`)
	if err != nil {
		t.Fatal(err)
	}
	if got := g["names"].String(); got != `("alpha", "beta")` {
		t.Errorf("text column = %s, want a tuple of strings", got)
	}
	assertValues(t, "value", values(t, g["value"]), []float64{1.5, 2}, 0)
	assertValues(t, "gap", values(t, g["gap"]), []float64{math.NaN(), math.NaN()}, 0)
}

func TestReadCSVErrors(t *testing.T) {
	l := New(Options{ReadFile: fixtureFiles(map[string]string{
		"ragged.csv": "a,b\n1,2\n3,4,5\n",
		"quote.csv":  "a,b\n1,2\n3,\"4\n",
		"empty.csv":  "",
		"dup.csv":    "\n\na,a\n1,2\n",
		"blank.csv":  "a,\n1,2\n",
	})})
	for src, want := range map[string]string{
		`read_csv("ragged.csv")`:    "read_csv: ragged.csv:3: this row has a different number of fields from the header",
		`read_csv("quote.csv")`:     "read_csv: quote.csv:3: extraneous or missing \" in quoted-field",
		`read_csv("empty.csv")`:     "read_csv: empty.csv:1: the file is empty; want a header row",
		`read_csv("dup.csv")`:       `read_csv: dup.csv:3: columns 1 and 2 are both named "a"`,
		`read_csv("blank.csv")`:     "read_csv: blank.csv:1: column 2 has an empty header",
		`read_csv("../secret.csv")`: "read_csv: ../secret.csv: only files in the explainer's folder can be read",
		`read_csv("missing.csv")`:   "read_csv: open testdata/missing.csv: no such file or directory",
		`read_csv(1)`:               "read_csv: for parameter 1: got int, want string",
	} {
		if got := runErr(t, l, "x = "+src); got != want {
			t.Errorf("%s: error %q, want %q", src, got, want)
		}
	}
	if got := runErr(t, New(Options{}), `x = read_csv("a.csv")`); got != "read_csv: a.csv: no files can be read here" {
		t.Errorf("read_csv without ReadFile: %q", got)
	}
}
