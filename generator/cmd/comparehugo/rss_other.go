//go:build !unix

package main

import "os"

// maxRSSKiB returns -1: peak memory is read from rusage, which only Unix
// systems have.
func maxRSSKiB(*os.ProcessState) int64 { return -1 }

// flushDisks does nothing where sync(2) is not available.
func flushDisks() {}
