package shapes

// Perimeter returns the circumference of a circle of radius r.
func Perimeter(r float64) float64 { return 2 * 3.14159 * r }
