package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kernelpress/kernelpress/generator/site"
)

// waitLimit bounds every wait for the server: a failure bound, not a timing
// assertion. A rebuild of the tiny site takes milliseconds.
const waitLimit = 20 * time.Second

// tinySite writes a site of one page, page.md, into a temporary folder and
// returns a configuration that builds it with the shipped templates, under
// /kp/, and the page's file.
func tinySite(t testing.TB, page string) (site.Config, string) {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(content, "page.md")
	writeFile(t, file, page)
	return site.Config{
		Directives:  seedModel,
		ContentDir:  content,
		TemplateDir: "../../templates",
		SourceDir:   "../../generator",
		CacheDir:    filepath.Join(dir, "cache"),
		OutDir:      filepath.Join(dir, "public"), // must stay unwritten
		BaseURL:     "/kp/",
	}, file
}

func writeFile(t testing.TB, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// running is a dev server started by a test, stopped when it ends.
type running struct {
	srv  *Server
	url  string // http://127.0.0.1:port
	base string // url + the base path
	log  *syncBuffer
	stop func() error
}

// startServer runs a dev server for cfg on a free loopback port. The
// setup functions can change the server before it starts.
func startServer(t testing.TB, cfg site.Config, setup ...func(*Server)) *running {
	t.Helper()
	log := &syncBuffer{}
	s, err := New(Config{Site: cfg, Stdout: log, Stderr: log})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range setup {
		f(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	var stopErr error
	stop := func() error {
		once.Do(func() {
			cancel()
			select {
			case stopErr = <-done:
			case <-time.After(waitLimit):
				stopErr = context.DeadlineExceeded
			}
		})
		return stopErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stopping the server: %v", err)
		}
	})
	url := "http://" + ln.Addr().String()
	return &running{srv: s, url: url, base: url + s.base, log: log, stop: stop}
}

// syncBuffer collects what the server prints.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// sseEvent is one server-sent event.
type sseEvent struct {
	name string
	msg  message
}

// eventStream reads a server's event stream.
type eventStream struct {
	events chan sseEvent
	closed chan struct{} // closed when the stream ends
	resp   *http.Response
}

func openEvents(t testing.TB, r *running) *eventStream {
	t.Helper()
	resp, err := http.Get(r.url + "/__kernelpress/events")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("event stream: %d %v", resp.StatusCode, resp.Header)
	}
	es := &eventStream{events: make(chan sseEvent, 100), closed: make(chan struct{}), resp: resp}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		defer close(es.closed)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev sseEvent
		var data string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				if err := json.Unmarshal([]byte(data), &ev.msg); err != nil {
					ev.name = "bad JSON: " + data
				}
				es.events <- ev
				ev, data = sseEvent{}, ""
			}
		}
	}()
	return es
}

// expect returns the next event, failing the test unless it is named name.
func (es *eventStream) expect(t testing.TB, name string) message {
	t.Helper()
	select {
	case ev := <-es.events:
		if ev.name != name {
			t.Fatalf("got the event %q (%+v), want %q", ev.name, ev.msg, name)
		}
		return ev.msg
	case <-time.After(waitLimit):
		t.Fatalf("no %q event within %s", name, waitLimit)
	}
	return message{}
}

// fetch GETs a URL and returns its status and body.
func fetch(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

const livePage = "---\ntitle: Live\n---\n\n%s\n"

func page(prose string) string { return strings.Replace(livePage, "%s", prose, 1) }

func TestEditRebuildsAndReloads(t *testing.T) {
	cfg, file := tinySite(t, page("First version of the prose."))
	r := startServer(t, cfg)
	es := openEvents(t, r)
	hello := es.expect(t, "hello")
	if hello.Site == "" || len(hello.Problems) != 0 {
		t.Fatalf("hello: %+v", hello)
	}
	if status, got := fetch(t, r.base+"page/"); status != 200 || !strings.Contains(got, "First version") ||
		!strings.Contains(got, `data-site="`+hello.Site+`"`) {
		t.Fatalf("the page before the edit: %d\n%s", status, got)
	}

	writeFile(t, file, page("Second version of the prose."))
	reload := es.expect(t, "reload")
	if reload.Site == hello.Site || len(reload.Problems) != 0 {
		t.Errorf("reload: %+v after hello %+v", reload, hello)
	}
	if status, got := fetch(t, r.base+"page/"); status != 200 || !strings.Contains(got, "Second version") ||
		!strings.Contains(got, `data-site="`+reload.Site+`"`) {
		t.Fatalf("the page after the edit: %d\n%s", status, got)
	}

	// A broken directive: the problems go to the pages and the terminal,
	// and the last good page is still served.
	writeFile(t, file, page("Broken version.\n\n```{signal}\n:n: <many>\n```"))
	errs := es.expect(t, "errors")
	if errs.Site != reload.Site || len(errs.Problems) != 1 ||
		!strings.HasPrefix(errs.Problems[0], file+":8: ") || !strings.Contains(errs.Problems[0], `"<many>"`) {
		t.Errorf("errors: %+v", errs)
	}
	if status, got := fetch(t, r.base+"page/"); status != 200 || !strings.Contains(got, "Second version") {
		t.Errorf("after a failed build: %d, want the last good page\n%s", status, got)
	}
	if !strings.Contains(r.log.String(), file+":8: ") {
		t.Errorf("the terminal does not show the problem:\n%s", r.log.String())
	}
	// A page opened now learns of the problems at once.
	late := openEvents(t, r)
	if m := late.expect(t, "hello"); m.Site != reload.Site || len(m.Problems) != 1 {
		t.Errorf("hello while broken: %+v", m)
	}

	writeFile(t, file, page("Fixed version of the prose."))
	fixed := es.expect(t, "reload")
	if fixed.Site == reload.Site || len(fixed.Problems) != 0 {
		t.Errorf("reload after the fix: %+v", fixed)
	}
	late.expect(t, "reload")
	if status, got := fetch(t, r.base+"page/"); status != 200 || !strings.Contains(got, "Fixed version") {
		t.Errorf("after the fix: %d\n%s", status, got)
	}

	if _, err := os.Stat(cfg.OutDir); !os.IsNotExist(err) {
		t.Errorf("the dev server wrote %s (%v); it serves from memory", cfg.OutDir, err)
	}
}

func TestNewFoldersAreWatched(t *testing.T) {
	cfg, _ := tinySite(t, page("The first page."))
	r := startServer(t, cfg)
	es := openEvents(t, r)
	es.expect(t, "hello")

	// A new bundle: a folder with its index.md and a file beside it.
	bundle := filepath.Join(cfg.ContentDir, "bundle")
	if err := os.Mkdir(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(bundle, "index.md"), "---\ntitle: Bundle\n---\n\nA bundled page.\n")
	writeFile(t, filepath.Join(bundle, "data.csv"), "x,y\n1,2\n")
	es.expect(t, "reload")
	// The writes may have come after the first rebuild started.
	for deadline := time.Now().Add(waitLimit); ; {
		status, got := fetch(t, r.base+"bundle/")
		if status == 200 && strings.Contains(got, "A bundled page.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new bundle is not served: %d\n%s", status, got)
		}
		es.expect(t, "reload")
	}
	for len(es.events) > 0 {
		<-es.events
	}

	// A folder inside the new one, and a file in it.
	deeper := filepath.Join(bundle, "img")
	if err := os.Mkdir(deeper, 0o755); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(waitLimit); !watching(r.srv, deeper); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%s is not watched", deeper)
		}
	}
	for len(es.events) > 0 {
		<-es.events
	}
	// A file in it, which the page does not use yet: it stays private.
	writeFile(t, filepath.Join(deeper, "x.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><title>one</title></svg>`)
	writeFile(t, filepath.Join(bundle, "index.md"), "---\ntitle: Bundle\n---\n\nA bundled page.\n\n![X](img/x.svg)\n")
	for deadline := time.Now().Add(waitLimit); ; {
		es.expect(t, "reload")
		if status, got := fetch(t, r.base+"bundle/img/x.svg"); status == 200 && strings.Contains(got, "one") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the image the page now shows is not served")
		}
	}
	for len(es.events) > 0 {
		<-es.events
	}
	// Changing it, in the new sub-folder, rebuilds the site and reloads
	// the page, also when the edit keeps its size ("one" becomes "two").
	writeFile(t, filepath.Join(deeper, "x.svg"), `<svg xmlns="http://www.w3.org/2000/svg"><title>two</title></svg>`)
	es.expect(t, "reload")
	if status, got := fetch(t, r.base+"bundle/img/x.svg"); status != 200 || !strings.Contains(got, "two") {
		t.Errorf("a file in a new sub-folder: %d %q", status, got)
	}
}

func TestTheServerPublishesWhatABuildPublishes(t *testing.T) {
	cfg, _ := tinySite(t, page("The first page."))
	bundle := filepath.Join(cfg.ContentDir, "bundle")
	if err := os.Mkdir(bundle, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(bundle, "index.md"), "---\ntitle: Bundle\n---\n\nThe [data](data.csv).\n")
	writeFile(t, filepath.Join(bundle, "data.csv"), "x,y\n1,2\n")
	writeFile(t, filepath.Join(bundle, "notes.md"), "private notes")
	r := startServer(t, cfg)
	es := openEvents(t, r)
	es.expect(t, "hello")
	if status, got := fetch(t, r.base+"bundle/data.csv"); status != 200 || got != "x,y\n1,2\n" {
		t.Errorf("the linked data: %d %q", status, got)
	}
	if status, _ := fetch(t, r.base+"bundle/notes.md"); status != 404 {
		t.Errorf("the private notes: %d, want 404", status)
	}
	if log := r.log.String(); !strings.Contains(log, "kernelpress: bundle/: published data.csv (8 bytes); kept private: notes.md\n") {
		t.Errorf("the terminal does not say what the bundle published:\n%s", log)
	}
	// Linking the notes publishes them on the next build.
	writeFile(t, filepath.Join(bundle, "index.md"), "---\ntitle: Bundle\n---\n\nThe [data](data.csv) and [notes](notes.md).\n")
	es.expect(t, "reload")
	if status, got := fetch(t, r.base+"bundle/notes.md"); status != 200 || got != "private notes" {
		t.Errorf("the notes once linked: %d %q", status, got)
	}
}

// watching reports whether the server's watcher follows dir.
func watching(s *Server, dir string) bool {
	fsw := s.watcher.Load()
	if fsw == nil {
		return false
	}
	for _, p := range fsw.WatchList() {
		if p == dir {
			return true
		}
	}
	return false
}

func TestFirstBuildFailsThenSucceeds(t *testing.T) {
	cfg, file := tinySite(t, page("```{signal}\n:n: many\n```"))
	r := startServer(t, cfg)
	es := openEvents(t, r)
	if m := es.expect(t, "hello"); m.Site != "" || len(m.Problems) != 1 {
		t.Fatalf("hello: %+v", m)
	}
	if status, got := fetch(t, r.base+"page/"); status != http.StatusServiceUnavailable || !strings.Contains(got, file+":6: ") {
		t.Errorf("before a good build: %d\n%s", status, got)
	}
	writeFile(t, file, page("Now it builds."))
	if m := es.expect(t, "reload"); m.Site == "" || len(m.Problems) != 0 {
		t.Errorf("reload: %+v", m)
	}
	if status, got := fetch(t, r.base+"page/"); status != 200 || !strings.Contains(got, "Now it builds.") {
		t.Errorf("after the fix: %d\n%s", status, got)
	}
}

func TestShutdownClosesEventStreams(t *testing.T) {
	cfg, _ := tinySite(t, page("Prose."))
	r := startServer(t, cfg)
	streams := []*eventStream{openEvents(t, r), openEvents(t, r)}
	for _, es := range streams {
		es.expect(t, "hello")
	}
	if err := r.stop(); err != nil {
		t.Fatalf("Serve returned %v", err)
	}
	for _, es := range streams {
		select {
		case <-es.closed:
		case <-time.After(waitLimit):
			t.Fatal("an event stream is still open after the shutdown")
		}
	}
	if _, err := http.Get(r.base); err == nil {
		t.Error("the server still answers after the shutdown")
	}
}

// TestNeverServesOutsideTheSite sends traversal attempts as raw request
// lines, so that no client tidies them first, with a secret beside the
// content folder.
func TestNeverServesOutsideTheSite(t *testing.T) {
	cfg, _ := tinySite(t, page("Prose."))
	secret := "TOP-SECRET-" + t.Name()
	writeFile(t, filepath.Join(filepath.Dir(cfg.ContentDir), "secret.txt"), secret)
	writeFile(t, filepath.Join(cfg.ContentDir, "secret.txt"), secret)
	r := startServer(t, cfg)
	openEvents(t, r).expect(t, "hello") // the site is built

	for _, target := range []string{
		"/kp/../secret.txt",
		"/kp/../content/page.md",
		"/kp/%2e%2e/secret.txt",
		"/kp/%2E%2E/%2e%2e/secret.txt",
		"/kp/..%2fsecret.txt",
		"/kp/%2e%2e%2fsecret.txt",
		"/kp/%252e%252e/secret.txt",
		"/kp/%252e%252e%252fsecret.txt",
		"/kp/..%5csecret.txt",
		"/kp/%5c..%5c..%5csecret.txt",
		`/kp/..\secret.txt`,
		`/kp/page\..\..\secret.txt`,
		"/kp/%c0%ae%c0%ae/secret.txt",
		"/kp/..%00/secret.txt",
		"/kp/page/../../../secret.txt",
		"/kp/....//secret.txt",
		"/kp/secret.txt",
		"/kp/page.md",
		"/../secret.txt",
		"/%2e%2e/secret.txt",
		"/kp/../../../../../../etc/passwd",
		"/kp/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/__kernelpress/../kp/../secret.txt",
		"/__kernelpress/%2e%2e/secret.txt",
	} {
		status, got := rawGet(t, r.url, target)
		if strings.Contains(got, secret) || strings.Contains(got, "root:") || strings.Contains(got, "title: Live") {
			t.Errorf("GET %s served a file from outside the site:\n%s", target, got)
		}
		if status != 404 {
			t.Errorf("GET %s: status %d, want 404", target, status)
		}
	}
}

// rawGet sends one request line as written and returns the status and
// the whole response.
func rawGet(t *testing.T, url, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitLimit))
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
