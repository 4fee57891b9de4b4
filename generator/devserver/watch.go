package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher follows the site's sources and schedules a build after each burst
// of changes.
type watcher struct {
	fsw  *fsnotify.Watcher
	done chan struct{} // closed when the watcher has stopped
}

// watch starts watching the content and template folders, every folder
// below them included, until ctx is cancelled.
func (s *Server) watch(ctx context.Context) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching for changes: %w", err)
	}
	w := &watcher{fsw: fsw, done: make(chan struct{})}
	for _, dir := range []string{s.cfg.Site.ContentDir, s.cfg.Site.TemplateDir} {
		if err := s.addTree(fsw, dir); err != nil {
			fsw.Close()
			return nil, err
		}
	}
	s.watcher.Store(fsw)
	go s.watchLoop(ctx, w)
	return w, nil
}

// addTree watches dir and every folder below it. fsnotify watches one
// folder at a time.
func (s *Server) addTree(fsw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // gone already
			}
			return fmt.Errorf("watching %s: %w", p, err)
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && ignored(p) {
			return filepath.SkipDir
		}
		if err := fsw.Add(p); err != nil {
			return fmt.Errorf("watching %s: %w", p, err)
		}
		return nil
	})
}

// watchLoop turns file events into builds: a build once no event has come
// for the debounce interval.
func (s *Server) watchLoop(ctx context.Context, w *watcher) {
	defer close(w.done)
	defer w.fsw.Close()
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// A new folder: watch it and what it already holds.
					if err := s.addTree(w.fsw, ev.Name); err != nil {
						s.printf(s.cfg.Stderr, "kernelpress: %v\n", err)
					}
				}
			}
			s.changes.Add(1)
			quiet.Reset(s.cfg.Debounce)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflow loses events: rebuild to be sure.
			s.printf(s.cfg.Stderr, "kernelpress: watching for changes: %v\n", err)
			s.changes.Add(1)
			quiet.Reset(s.cfg.Debounce)
		case <-quiet.C:
			s.schedule()
		}
	}
}

// relevant reports whether an event may change the site: not an editor's
// temporary file, and not a change of permissions or times only.
func relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	return !ignored(ev.Name)
}

// ignored reports whether a path is an editor's or the system's scratch
// file, which never goes into the site: Emacs' lock (.#x) and auto-save
// (#x#) files, backups (x~), Vim's swap files (.x.swp) and its write test
// (4913), JetBrains' safe-write copies, and the like.
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case strings.HasPrefix(base, ".#"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"), strings.HasSuffix(base, ".crswap"),
		strings.Contains(base, "___jb_"),
		base == "4913", base == ".DS_Store", base == ".git":
		return true
	}
	return false
}
