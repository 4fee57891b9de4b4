// Package shapes is a small package for gosource's tests.
package shapes

import "math"

// Area returns the area of a circle of radius r.
//
// It is the classic formula.
func Area(r float64) float64 {
	return math.Pi * r * r
}

// Circle is a circle centred at the origin.
type Circle struct {
	R float64 // radius
}

// Scale returns the circle scaled by k.
func (c Circle) Scale(k float64) Circle { return Circle{R: c.R * k} }

// Grow scales the circle in place.
func (c *Circle) Grow(k float64) {
	c.R *= k
}

type (
	// Point is a point in the plane.
	Point struct{ X, Y float64 }

	// Unit is a length unit.
	Unit int // in millimetres
)

// Stack is a generic stack.
type Stack[T any] struct{ items []T }

// Push adds v on top.
func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }

func undocumented() int { return 1 }
