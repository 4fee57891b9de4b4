// Package inner sits in a testdata directory, which gosource skips.
package inner

// Hidden is never found.
func Hidden() {}
