package numerics

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// matrixStream is the fixed second word of the PCG state used by
// RandomMatrix, so that the seed alone determines the matrix.
const matrixStream uint64 = 0x6b702d6d61747278 // "kp-matrx"

// Matrix is a dense matrix stored as rows.
type Matrix [][]float64

// Zeros returns a rows×cols matrix of zeros (empty if either is ≤ 0).
func Zeros(rows, cols int) Matrix {
	if rows <= 0 || cols <= 0 {
		return Matrix{}
	}
	data := make([]float64, rows*cols)
	m := make(Matrix, rows)
	for i := range m {
		m[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return m
}

// Identity returns the d×d identity matrix.
func Identity(d int) Matrix {
	m := Zeros(d, d)
	for i := range m {
		m[i][i] = 1
	}
	return m
}

// Diag returns the square matrix with v on its diagonal and zeros elsewhere.
func Diag(v ...float64) Matrix {
	m := Zeros(len(v), len(v))
	for i, x := range v {
		m[i][i] = x
	}
	return m
}

// DefaultWQ returns diag(1,1,0,0), the seed explainer's W_q (also used as
// the default W_k): it keeps the sin/cos part of SeedEncoding, so the
// attention logit between x0 and x_i is cos(2π(x_i − x0)).
func DefaultWQ() Matrix { return Diag(1, 1, 0, 0) }

// RandomMatrix returns a rows×cols matrix of independent N(0, 1/cols)
// entries drawn from a PCG generator seeded by seed, so the same arguments
// always give the same matrix.
func RandomMatrix(rows, cols int, seed uint64) Matrix {
	m := Zeros(rows, cols)
	if len(m) == 0 {
		return m
	}
	rng := rand.New(rand.NewPCG(seed, matrixStream))
	sd := 1 / math.Sqrt(float64(cols))
	for _, row := range m {
		for j := range row {
			row[j] = sd * rng.NormFloat64()
		}
	}
	return m
}

// Dims returns the number of rows and the length of the first row.
func (m Matrix) Dims() (rows, cols int) {
	if len(m) == 0 {
		return 0, 0
	}
	return len(m), len(m[0])
}

// Clone returns a deep copy of m.
func (m Matrix) Clone() Matrix {
	rows, cols := m.Dims()
	c := Zeros(rows, cols)
	for i := range c {
		copy(c[i], m[i])
	}
	return c
}

// Validate reports whether m is non-empty, rectangular and free of NaN and
// Inf entries.
func (m Matrix) Validate() error {
	rows, cols := m.Dims()
	if rows == 0 || cols == 0 {
		return fmt.Errorf("matrix is empty (%d×%d)", rows, cols)
	}
	for i, row := range m {
		if len(row) != cols {
			return fmt.Errorf("row %d has %d entries, want %d like row 0", i, len(row), cols)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("entry [%d][%d] is %v, want a finite number", i, j, v)
			}
		}
	}
	return nil
}

// MulVec returns the product m·v; it assumes m is rectangular with len(v)
// columns.
func (m Matrix) MulVec(v []float64) []float64 {
	out := make([]float64, len(m))
	for i, row := range m {
		s := 0.0
		for j, x := range row {
			s += x * v[j]
		}
		out[i] = s
	}
	return out
}

// dense copies a validated, non-empty m into a gonum matrix.
func (m Matrix) dense() *mat.Dense {
	rows, cols := m.Dims()
	d := mat.NewDense(rows, cols, nil)
	for i, row := range m {
		d.SetRow(i, row)
	}
	return d
}
