//go:build !linux

package main

import "time"

// machineCPU reports that the machine's CPU time is unknown: it is read
// from Linux's /proc/stat.
func machineCPU() (time.Duration, bool) { return 0, false }
