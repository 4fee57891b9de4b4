package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// sample is what one build cost, measured from outside its process.
type sample struct {
	Wall   time.Duration // from start to exit
	CPU    time.Duration // user + system time of the process
	MaxRSS int64         // peak resident set size in KiB; -1 when unknown
}

// timeProcess runs name with args in dir as a new process, waits for it and
// measures it. The process's output is returned with the error when it
// fails, and discarded otherwise.
func timeProcess(dir, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return sample{
		Wall:   wall,
		CPU:    cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		MaxRSS: maxRSSKiB(cmd.ProcessState),
	}, nil
}

// stats summarises the samples of one kind of build.
type stats struct {
	N                        int
	Median, Min, Max, MedCPU time.Duration
	MedianRSS, MaxRSS        int64 // KiB; -1 when unknown
}

// summarise returns the median, minimum and maximum wall time, the median
// CPU time and the median and largest peak RSS of samples.
func summarise(samples []sample) stats {
	if len(samples) == 0 {
		return stats{}
	}
	walls := make([]time.Duration, len(samples))
	cpus := make([]time.Duration, len(samples))
	rss := make([]int64, len(samples))
	for i, s := range samples {
		walls[i], cpus[i], rss[i] = s.Wall, s.CPU, s.MaxRSS
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	return stats{
		N:         len(samples),
		Median:    median(walls),
		Min:       walls[0],
		Max:       walls[len(walls)-1],
		MedCPU:    median(cpus),
		MedianRSS: median(rss),
		MaxRSS:    rss[len(rss)-1],
	}
}

// median returns the middle of sorted values, or the mean of the two
// middle ones.
func median[T int64 | time.Duration](sorted []T) T {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// String reads as one line of the report.
func (s stats) String() string {
	rss := "peak RSS unknown"
	if s.MaxRSS >= 0 {
		rss = fmt.Sprintf("peak RSS median %s, max %s", mib(s.MedianRSS), mib(s.MaxRSS))
	}
	return fmt.Sprintf("median %s (min %s, max %s, %d runs), CPU median %s; %s",
		ms(s.Median), ms(s.Min), ms(s.Max), s.N, ms(s.MedCPU), rss)
}

// ms formats d in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

// mib formats a size in KiB as MiB.
func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }
