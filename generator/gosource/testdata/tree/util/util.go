// Package util is a second package for gosource's tests.
package util

// Clamp limits x to [lo, hi].
func Clamp(x, lo, hi float64) float64 { return max(lo, min(x, hi)) }
