package figure

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"testing"
)

func TestCSVWritesHeaderAndShortestRoundTrippingNumbers(t *testing.T) {
	third := 1.0 / 3
	b, err := CSV([]string{"x", `value, "quoted"`}, []float64{0.1, third, 1e-300, 1}, []float64{math.NaN(), math.Inf(1), math.Inf(-1), -0.0})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, b)
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"there is a header and one row per index", len(rows) == 5},
		{"the header names survive quoting", rows[0][0] == "x" && rows[0][1] == `value, "quoted"`},
		{"0.1 is written as 0.1", rows[1][0] == "0.1"},
		{"1/3 parses back exactly", parse(rows[2][0]) == third},
		{"1e-300 is written as 1e-300", rows[3][0] == "1e-300"},
		{"1 is written as 1", rows[4][0] == "1"},
		{"NaN is written as NaN", rows[1][1] == "NaN"},
		{"+Inf is written as +Inf", rows[2][1] == "+Inf"},
		{"-Inf is written as -Inf", rows[3][1] == "-Inf"},
		{"lines end in a bare newline", !bytes.Contains(b, []byte("\r"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.ok {
				t.Errorf("failed:\n%s", b)
			}
		})
	}
}

func parse(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

func TestCSVReportsBadInput(t *testing.T) {
	tests := []struct {
		name    string
		names   []string
		columns [][]float64
	}{
		{"columns of different lengths are an error", []string{"a", "b"}, [][]float64{{1, 2}, {1}}},
		{"fewer names than columns is an error", []string{"a"}, [][]float64{{1}, {2}}},
		{"no columns is an error", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := CSV(tt.names, tt.columns...); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestCSVOfEmptyColumnsIsJustTheHeader(t *testing.T) {
	b, err := CSV([]string{"a", "b"}, nil, []float64{})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "a,b\n" {
		t.Errorf("got %q", b)
	}
}
