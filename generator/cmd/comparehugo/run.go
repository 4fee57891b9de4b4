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
	// Others is the CPU time that other processes used on the machine
	// while this one ran; -1 when unknown. Other work competing for the
	// cores makes the sample slower than the machine is.
	Others time.Duration
}

// othersCPUs returns how many CPUs other processes kept busy on average
// during the sample, or -1 when unknown.
func (s sample) othersCPUs() float64 {
	if s.Others < 0 || s.Wall <= 0 {
		return -1
	}
	return float64(s.Others) / float64(s.Wall)
}

// busyLimit is the average number of CPUs that other processes may keep
// busy before a sample is reported as disturbed.
const busyLimit = 0.25

// timeProcess runs name with args in dir as a new process, waits for it and
// measures it. The process's output is returned with the error when it
// fails, and discarded otherwise.
func timeProcess(dir, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Flush what earlier builds (and the removal of their output) left for
	// the disk to write, so that neither generator pays for the other's.
	flushDisks()
	before, known := machineCPU()
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	after, knownAfter := machineCPU()
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	s := sample{
		Wall:   wall,
		CPU:    cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		MaxRSS: maxRSSKiB(cmd.ProcessState),
		Others: -1,
	}
	if known && knownAfter {
		s.Others = max(after-before-s.CPU, 0)
	}
	return s, nil
}

// stats summarises the samples of one kind of build.
type stats struct {
	N                        int
	Median, Min, Max, MedCPU time.Duration
	MedianRSS, MaxRSS        int64 // KiB; -1 when unknown
	Busy                     int   // samples during which other processes kept more than busyLimit CPUs busy
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
	busy := 0
	for i, s := range samples {
		walls[i], cpus[i], rss[i] = s.Wall, s.CPU, s.MaxRSS
		if s.othersCPUs() > busyLimit {
			busy++
		}
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
		Busy:      busy,
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
	busy := ""
	if s.Busy > 0 {
		busy = fmt.Sprintf("; %d of %d runs disturbed by other processes", s.Busy, s.N)
	}
	return fmt.Sprintf("median %s (min %s, max %s, %d runs), CPU median %s; %s%s",
		ms(s.Median), ms(s.Min), ms(s.Max), s.N, ms(s.MedCPU), rss, busy)
}

// ms formats d in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

// mib formats a size in KiB as MiB.
func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }
