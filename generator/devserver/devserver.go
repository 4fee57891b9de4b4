// Package devserver is kernelpress's server for authors: it builds the site,
// serves it on the loopback interface the way GitHub Pages would, watches
// content/ and templates/ for changes, rebuilds, and reloads the pages open
// in the browser through server-sent events. A failed rebuild leaves the
// last good site in place and shows its problems as an overlay on the open
// pages.
//
// The site is built in memory (site.Generate) and served from memory: the
// latest good build is one immutable snapshot behind an atomic pointer, so a
// rebuild writes nothing to disk, a request sees either the old site or the
// new one in full, and no URL can reach a file outside the built site. The
// reload script is added to HTML responses as they are served; it is never
// part of the build output.
package devserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/kernelpress/kernelpress/generator/site"
)

// Defaults for a Config's zero fields.
const (
	DefaultHost     = "127.0.0.1"
	DefaultPort     = 8000
	DefaultDebounce = 50 * time.Millisecond
)

// Config says what to build and where to serve it.
type Config struct {
	// Site is what to build. OutDir is not used: the dev server keeps the
	// site in memory and leaves public/ alone.
	Site site.Config
	// Addr is host:port, or only a host, in which case Port is used. The
	// default host is 127.0.0.1, so that the site is not served to the
	// network unless asked for.
	Addr string
	Port int // used when Addr has no port; 0 means DefaultPort
	// Debounce is how long the watcher waits after a file event for more
	// before it rebuilds, so that a burst (an editor's save, a git checkout)
	// causes one build. 0 means DefaultDebounce.
	Debounce time.Duration
	Stdout   io.Writer // progress; nil means os.Stdout
	Stderr   io.Writer // build problems and server errors; nil means os.Stderr
}

// listenAddr returns the host:port to listen on.
func (c Config) listenAddr() string {
	port := c.Port
	if port == 0 {
		port = DefaultPort
	}
	addr := strings.TrimSpace(c.Addr)
	if addr == "" {
		return net.JoinHostPort(DefaultHost, strconv.Itoa(port))
	}
	if _, _, err := net.SplitHostPort(addr); err == nil {
		return addr
	}
	return net.JoinHostPort(strings.Trim(addr, "[]"), strconv.Itoa(port))
}

// Run builds the site, serves it on cfg's address and rebuilds it on every
// change until ctx is cancelled (on SIGINT or SIGTERM, say), then closes the
// event streams and shuts the server down.
func Run(ctx context.Context, cfg Config) error {
	s, err := New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.listenAddr())
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Server builds, watches and serves one site.
type Server struct {
	cfg Config
	// generate builds the site in memory: site.Generate, which tests stub.
	generate func(site.Config) (site.Output, site.Summary, error)
	base     string // the path the site is served under, "/" or "/repo/"
	instance string // tells this process's builds from a previous one's

	state   atomic.Pointer[state] // what is being served; never nil after New
	changes atomic.Uint64         // relevant file events seen, to tell if a build's inputs moved under it
	trigger chan struct{}         // capacity 1: a build is due
	closing chan struct{}         // closed when the server shuts down: event streams end
	watcher atomic.Pointer[fsnotify.Watcher]

	subsMu sync.Mutex
	subs   map[chan struct{}]struct{}

	outMu sync.Mutex // serialises what is printed
}

// state is one published outcome: the last good site and whether the most
// recent build failed. It is never modified once published.
type state struct {
	seq      uint64    // increases with every publication
	site     *snapshot // the last good build; nil until one succeeds
	problems []string  // the latest build's problems, nil when it succeeded
}

// New checks cfg and returns a server that has built nothing yet.
func New(cfg Config) (*Server, error) {
	if cfg.Debounce <= 0 {
		cfg.Debounce = DefaultDebounce
	}
	if cfg.Stdout == nil {
		cfg.Stdout = os.Stdout
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	base, err := basePath(cfg.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	var id [4]byte
	rand.Read(id[:])
	s := &Server{
		cfg:      cfg,
		generate: site.Generate,
		base:     base,
		instance: hex.EncodeToString(id[:]),
		trigger:  make(chan struct{}, 1),
		closing:  make(chan struct{}),
		subs:     map[chan struct{}]struct{}{},
	}
	s.state.Store(&state{})
	return s, nil
}

// basePath returns the path part of a base URL ("/", "/repo/",
// "https://x.github.io/repo/"), starting and ending with "/". The build
// reports a malformed one; here it only has to be read.
func basePath(baseURL string) (string, error) {
	u := strings.TrimSpace(baseURL)
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return "/", nil
		}
		u = rest[slash:]
	}
	if u == "" {
		return "/", nil
	}
	if !strings.HasPrefix(u, "/") || strings.ContainsAny(u, "?#\\") {
		return "", fmt.Errorf("base URL %q must be a path such as /repo/", baseURL)
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}

// Serve builds the site once, then serves it on ln, watching for changes,
// until ctx is cancelled. It closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Watch before the first build, so that nothing saved during it is
	// missed.
	w, err := s.watch(ctx)
	if err != nil {
		ln.Close()
		return err
	}
	s.build()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); s.buildLoop(ctx) }()

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		// No WriteTimeout: the event streams stay open.
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.printf(s.cfg.Stdout, "kernelpress: serving http://%s%s with live reload (Ctrl-C to stop)\n", ln.Addr(), s.base)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		s.printf(s.cfg.Stderr, "kernelpress: warning: %s is not a loopback address; anyone on the network can load the site\n", tcp.IP)
	}

	select {
	case err = <-served:
		cancel()
	case <-ctx.Done():
	}
	close(s.closing) // ends the event streams, which Shutdown would wait for
	shutCtx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	if serr := srv.Shutdown(shutCtx); serr != nil && err == nil {
		err = serr
	}
	wg.Wait() // a build in progress finishes
	<-w.done
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// schedule asks for a build. A request made while a build runs makes
// exactly one more build after it, however many requests there are.
func (s *Server) schedule() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

// buildLoop runs the scheduled builds, one at a time.
func (s *Server) buildLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.trigger:
			s.build()
		}
	}
}

// build generates the site and publishes the outcome: a new good site, or
// the problems alongside the last good one.
func (s *Server) build() {
	changes := s.changes.Load()
	out, sum, err := s.generateSafely()
	prev := s.state.Load()
	if err != nil {
		if s.changes.Load() != changes {
			// Files changed while building, perhaps half-saved; the build
			// that is coming reports whatever is still wrong.
			return
		}
		problems := problemLines(err)
		var b strings.Builder
		for _, p := range problems {
			b.WriteString(p + "\n")
		}
		what := "still serving the last good build"
		if prev.site == nil {
			what = "nothing to serve until it builds"
		}
		fmt.Fprintf(&b, "kernelpress: build failed with %d %s; %s\n", len(problems), plural(len(problems), "problem", "problems"), what)
		s.printf(s.cfg.Stderr, "%s", b.String())
		s.publish(&state{seq: prev.seq + 1, site: prev.site, problems: problems})
		return
	}
	for _, w := range sum.Warnings {
		s.printf(s.cfg.Stderr, "kernelpress: warning: %s\n", w)
	}
	snap := newSnapshot(out, fmt.Sprintf("%s-%d", s.instance, prev.seq+1))
	if prev.site != nil && snap.sameFiles(prev.site) {
		if prev.problems == nil {
			s.printf(s.cfg.Stdout, "kernelpress: %s; nothing changed\n", sum)
			return
		}
		// Fixed back to the last good site: the pages it is open in need
		// not reload, only lose their overlay.
		snap = prev.site
	}
	s.publish(&state{seq: prev.seq + 1, site: snap})
	// What each bundle published, as make site prints it; a build that
	// changed nothing published nothing new.
	for _, b := range sum.Bundles {
		s.printf(s.cfg.Stdout, "kernelpress: %s\n", b)
	}
	s.printf(s.cfg.Stdout, "kernelpress: %s\n", sum)
}

// generateSafely builds the site, turning a panic in the generator into a
// failed build, so that a bug met while editing does not stop the server.
func (s *Server) generateSafely() (out site.Output, sum site.Summary, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.printf(s.cfg.Stderr, "kernelpress: the build panicked: %v\n%s", v, debug.Stack())
			out, err = site.Output{}, fmt.Errorf("the build panicked: %v (the stack is in the terminal)", v)
		}
	}()
	return s.generate(s.cfg.Site)
}

// problemLines returns a failed build's problems, one file:line: message
// each.
func problemLines(err error) []string {
	var be *site.BuildError
	if errors.As(err, &be) && len(be.Problems) > 0 {
		lines := make([]string, len(be.Problems))
		for i, p := range be.Problems {
			lines[i] = p.Error()
		}
		return lines
	}
	return []string{err.Error()}
}

// publish makes st what is served and tells every event stream.
func (s *Server) publish(st *state) {
	s.state.Store(st)
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // it has a notice pending already; it reads the latest state
		}
	}
}

// subscribe returns a channel that receives a value after each publication
// (several publications may make one value); unsubscribe releases it.
func (s *Server) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	s.subsMu.Lock()
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan struct{}) {
	s.subsMu.Lock()
	delete(s.subs, ch)
	s.subsMu.Unlock()
}

// printf writes one message whole, even when builds and the watcher print
// at once.
func (s *Server) printf(w io.Writer, format string, args ...any) {
	s.outMu.Lock()
	defer s.outMu.Unlock()
	fmt.Fprintf(w, format, args...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
