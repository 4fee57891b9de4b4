package numerics_test

import (
	"math"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/numerics"
	"gonum.org/v1/gonum/stat"
)

// checkMatrix fails t unless got equals want exactly, row by row.
func checkMatrix(t *testing.T, label string, got, want numerics.Matrix) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d rows, want %d", label, len(got), len(want))
	}
	for i := range want {
		checkAllClose(t, label, got[i], want[i], 0)
	}
}

func TestSmallMatrixConstructorsBuildTheExpectedEntries(t *testing.T) {
	tests := []struct {
		name string
		got  numerics.Matrix
		want numerics.Matrix
	}{
		{"Identity(3)", numerics.Identity(3), numerics.Matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}},
		{"Diag(2, -3)", numerics.Diag(2, -3), numerics.Matrix{{2, 0}, {0, -3}}},
		{"DefaultWQ is diag(1,1,0,0)", numerics.DefaultWQ(), numerics.Matrix{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}},
		{"Zeros(2, 3)", numerics.Zeros(2, 3), numerics.Matrix{{0, 0, 0}, {0, 0, 0}}},
		{"Identity(0) is empty", numerics.Identity(0), numerics.Matrix{}},
		{"Zeros with a negative size is empty", numerics.Zeros(-1, 3), numerics.Matrix{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkMatrix(t, tc.name, tc.got, tc.want) })
	}
}

func TestMatrixMulVecAndDimsWorkOnASmallExample(t *testing.T) {
	m := numerics.Matrix{{1, 2, 3}, {-1, 0, 4}}
	// [1 2 3]·[1 1 2] = 9 and [−1 0 4]·[1 1 2] = 7.
	checkAllClose(t, "MulVec", m.MulVec([]float64{1, 1, 2}), []float64{9, 7}, 0)
	if r, c := m.Dims(); r != 2 || c != 3 {
		t.Fatalf("Dims() = %d, %d; want 2, 3", r, c)
	}
}

func TestMatrixCloneIsADeepCopy(t *testing.T) {
	m := numerics.Matrix{{1, 2}, {3, 4}}
	c := m.Clone()
	c[0][0] = 100
	if m[0][0] != 1 {
		t.Fatal("changing the clone changed the original")
	}
}

func TestMatrixValidateNamesTheProblem(t *testing.T) {
	tests := []struct {
		name    string
		m       numerics.Matrix
		wantErr string
	}{
		{"an empty matrix", numerics.Matrix{}, "matrix is empty"},
		{"a matrix with an empty row", numerics.Matrix{{}}, "matrix is empty"},
		{"a ragged matrix", numerics.Matrix{{1, 2}, {3}}, "row 1 has 1 entries, want 2"},
		{"a NaN entry", numerics.Matrix{{1, 2}, {3, math.NaN()}}, "entry [1][1] is NaN"},
		{"an infinite entry", numerics.Matrix{{math.Inf(-1)}}, "entry [0][0] is -Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.m.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
	if err := numerics.Identity(2).Validate(); err != nil {
		t.Fatalf("Identity(2).Validate() = %v, want nil", err)
	}
}

func TestRandomMatrixHasTheRequestedShapeAndIsDeterministic(t *testing.T) {
	a := numerics.RandomMatrix(3, 5, 11)
	if r, c := a.Dims(); r != 3 || c != 5 {
		t.Fatalf("RandomMatrix(3, 5, _) is %d×%d", r, c)
	}
	for i, row := range a {
		if len(row) != 5 {
			t.Fatalf("row %d has %d entries, want 5", i, len(row))
		}
	}
	checkMatrix(t, "same seed", numerics.RandomMatrix(3, 5, 11), a)

	b := numerics.RandomMatrix(3, 5, 12)
	for i := range a {
		for j := range a[i] {
			if a[i][j] == b[i][j] {
				t.Fatalf("seeds 11 and 12 agree at [%d][%d]", i, j)
			}
		}
	}
	if got := numerics.RandomMatrix(0, 5, 1); len(got) != 0 {
		t.Fatalf("RandomMatrix(0, 5, 1) has %d rows, want 0", len(got))
	}
}

func TestRandomMatrixEntriesHaveVarianceOneOverColumns(t *testing.T) {
	// 40 000 draws of N(0, 1/400): the sample variance has a relative
	// standard error of √(2/40000) ≈ 0.7%, so 5% is a loose bound; the mean's
	// standard error is 0.05/200 = 2.5e-4.
	m := numerics.RandomMatrix(100, 400, 3)
	var all []float64
	for _, row := range m {
		all = append(all, row...)
	}
	mu, v := stat.MeanVariance(all, nil)
	if !within(mu, 0, 0.002) || !within(v, 1.0/400, 0.05/400) {
		t.Fatalf("entries have mean %v and variance %v, want about 0 and %v", mu, v, 1.0/400)
	}
}

func TestSeedEncodingIsSinCosPositionAndOne(t *testing.T) {
	tests := []struct {
		x    float64
		want []float64
	}{
		{0, []float64{0, 1, 0, 1}},
		{0.25, []float64{1, 0, 0.25, 1}},
		{0.5, []float64{0, -1, 0.5, 1}},
		{0.125, []float64{math.Sqrt2 / 2, math.Sqrt2 / 2, 0.125, 1}},
	}
	for _, tc := range tests {
		checkAllClose(t, "SeedEncoding", numerics.SeedEncoding(tc.x), tc.want, 1e-15)
	}
}
