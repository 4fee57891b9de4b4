//go:build !linux

package site

// exchangeDirs reports that this system cannot exchange two names in one
// step; swapDir then renames the previous site aside first.
var exchangeDirs = func(a, b string) error { return errExchangeUnsupported }

// lockDir does nothing here: builds are not serialised on this system.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }
