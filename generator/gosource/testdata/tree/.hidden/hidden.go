// Package secret is in a hidden directory, which gosource skips.
package secret

// Hidden is never found.
func Hidden() {}
