package devserver

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/kernelpress/kernelpress/generator/site"
)

func quietServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Site: site.Config{Directives: seedModel, BaseURL: "/"}, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOneBuildAtATimeAndExactlyOneMoreAfter(t *testing.T) {
	s := quietServer(t)
	var active, most, calls atomic.Int32
	started := make(chan struct{})
	release := make(chan struct{})
	s.generate = func(site.Config) (site.Output, site.Summary, error) {
		n := active.Add(1)
		if n > most.Load() {
			most.Store(n)
		}
		calls.Add(1)
		started <- struct{}{}
		<-release
		active.Add(-1)
		return site.Output{Files: map[string][]byte{"index.html": []byte("x")}}, site.Summary{}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.buildLoop(ctx) }()

	s.schedule()
	<-started // the first build runs
	for range 10 {
		s.schedule() // changes while it runs
	}
	release <- struct{}{}
	<-started // the one build they asked for
	if n := len(s.trigger); n != 0 {
		t.Errorf("%d more builds are due; ten requests during a build make exactly one", n)
	}
	cancel() // nothing is due, so the loop ends after this build
	release <- struct{}{}
	wg.Wait()
	if calls.Load() != 2 || most.Load() != 1 {
		t.Errorf("%d builds, at most %d at once; want 2, 1", calls.Load(), most.Load())
	}
}

func TestWhatABuildPublishes(t *testing.T) {
	s := quietServer(t)
	var result func() (site.Output, error)
	s.generate = func(site.Config) (site.Output, site.Summary, error) {
		out, err := result()
		return out, site.Summary{}, err
	}
	good := func() (site.Output, error) {
		return site.Output{Files: map[string][]byte{"index.html": []byte("v1")}}, nil
	}
	bad := func() (site.Output, error) {
		return site.Output{}, &site.BuildError{Problems: []error{errors.New("content/a.md:3: bad"), errors.New("content/b.md:1: worse")}}
	}
	seq := func() uint64 { return s.state.Load().seq }

	result = good
	s.build()
	first := s.state.Load()
	if first.seq != 1 || first.site == nil || first.problems != nil {
		t.Fatalf("after a good build: %+v", first)
	}
	s.build() // the same files again
	if seq() != 1 {
		t.Errorf("an unchanged site was published again")
	}

	// A failure while files were changing is left to the build that follows.
	result = func() (site.Output, error) {
		s.changes.Add(1)
		return bad()
	}
	s.build()
	if seq() != 1 {
		t.Errorf("a failed build whose files changed under it was published")
	}

	result = bad
	s.build()
	st := s.state.Load()
	if st.seq != 2 || st.site != first.site || len(st.problems) != 2 || st.problems[0] != "content/a.md:3: bad" {
		t.Errorf("after a failed build: %+v, want the last good site and the problems", st)
	}

	// Fixed back to the same files: published, to clear the problems, as
	// the same site, which the pages need not reload.
	result = good
	s.build()
	if st := s.state.Load(); st.seq != 3 || st.problems != nil || st.site != first.site {
		t.Errorf("after the fix: %+v", st)
	}

	result = func() (site.Output, error) {
		return site.Output{Files: map[string][]byte{"index.html": []byte("v2")}}, nil
	}
	s.build()
	if st := s.state.Load(); st.seq != 4 || st.problems != nil || st.site == first.site || st.site.id == first.site.id {
		t.Errorf("after a change: %+v", st)
	}
}

func TestEditorScratchFilesAreIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"content/essay.md":             false,
		"content/bundle/plot.csv":      false,
		"templates/base.html":          false,
		"content/.#essay.md":           true,
		"content/#essay.md#":           true,
		"content/essay.md~":            true,
		"content/.essay.md.swp":        true,
		"content/.essay.md.swx":        true,
		"content/4913":                 true,
		"content/essay.md.tmp":         true,
		"content/essay.md___jb_tmp___": true,
		"content/.DS_Store":            true,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
	if relevant(fsnotify.Event{Name: "content/essay.md", Op: fsnotify.Chmod}) {
		t.Error("a change of permissions alone rebuilds")
	}
	if !relevant(fsnotify.Event{Name: "content/essay.md", Op: fsnotify.Write | fsnotify.Chmod}) {
		t.Error("a write does not rebuild")
	}
}

func TestAPanickingBuildIsAFailedBuild(t *testing.T) {
	s := quietServer(t)
	s.generate = func(site.Config) (site.Output, site.Summary, error) { panic("a bug") }
	s.build()
	st := s.state.Load()
	if len(st.problems) != 1 || !strings.Contains(st.problems[0], "the build panicked: a bug") {
		t.Errorf("after a panic: %+v", st)
	}
}
