// Package skipped is in a directory starting with an underscore, which
// gosource skips.
package skipped

// Hidden is never found.
func Hidden() {}
