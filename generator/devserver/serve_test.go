package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/site"
)

// fakeSite is a built site as the handler tests serve it: a page, a
// folder, the 404 page, and files that must come back untouched although
// they mention </body>.
var fakeSite = site.Output{Files: map[string][]byte{
	"index.html":        []byte("<!DOCTYPE html>\n<html><body><p>home</p>\n</body>\n</html>\n"),
	"404.html":          []byte("<!DOCTYPE html>\n<html><body><p>no such page</p></body></html>\n"),
	"essay/index.html":  []byte("<!DOCTYPE html>\n<html><body><p>essay</p><pre>&lt;/body&gt;</pre></body></html>\n"),
	"essay/data.csv":    []byte("x,y\n1,</body>\n"),
	"essay/fig.svg":     []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`),
	"css/style.css":     []byte("body{color:red}/*</body>*/"),
	"css/font.woff2":    []byte("wOF2\x00\x01"),
	"js/vary.js":        []byte("let a='</body>';"),
	"upper/index.html":  []byte("<HTML><BODY><P>shouting</P></BODY></HTML>"),
	"nobody/index.html": []byte("<p>a fragment"),
	"notes.txt":         []byte("plain"),
	".nojekyll":         nil,
}}

// fakeServer serves fakeSite under /kp/ without building anything.
func fakeServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{Site: site.Config{Directives: seedModel, BaseURL: "/kp/"}, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	s.state.Store(&state{seq: 1, site: newSnapshot(fakeSite, "test-1")})
	return s
}

// get serves one request through the handler.
func get(s http.Handler, method, target string) *http.Response {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:8000"
	s.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const injected = `<script src="/__kernelpress/client.js" data-site="test-1"></script>`

func TestServesTheSiteLikeGitHubPages(t *testing.T) {
	s := fakeServer(t)
	tests := []struct {
		path     string
		status   int
		body     string // a part of it
		location string // for a redirect
		ctype    string
	}{
		{"/kp/", 200, "<p>home</p>", "", "text/html; charset=utf-8"},
		{"/kp/index.html", 200, "<p>home</p>", "", "text/html; charset=utf-8"},
		{"/kp/essay/", 200, "<p>essay</p>", "", "text/html; charset=utf-8"},
		{"/kp/essay/index.html", 200, "<p>essay</p>", "", "text/html; charset=utf-8"},
		{"/kp/essay/data.csv", 200, "x,y\n1,</body>\n", "", "text/csv; charset=utf-8"},
		{"/kp/essay/fig.svg", 200, "<svg", "", "image/svg+xml"},
		{"/kp/css/style.css", 200, "body{color:red}", "", "text/css; charset=utf-8"},
		{"/kp/css/font.woff2", 200, "wOF2", "", "font/woff2"},
		{"/kp/js/vary.js", 200, "let a", "", "text/javascript; charset=utf-8"},
		{"/kp/notes.txt", 200, "plain", "", "text/plain; charset=utf-8"},
		{"/kp/essay", 301, "", "/kp/essay/", ""},
		{"/kp", 301, "", "/kp/", ""},
		{"/kp/css", 301, "", "/kp/css/", ""},
		{"/kp/css/", 404, "no such page", "", "text/html; charset=utf-8"}, // a folder without index.html
		{"/kp/no/such/page", 404, "no such page", "", "text/html; charset=utf-8"},
		{"/kp/essay/data.csv/", 404, "no such page", "", "text/html; charset=utf-8"},
		{"/kp//essay/", 404, "no such page", "", "text/html; charset=utf-8"},
		{"/elsewhere/", 404, "no such page", "", "text/html; charset=utf-8"},
		{"/", 404, "no such page", "", "text/html; charset=utf-8"},
		{"/__kernelpress/nothing", 404, "", "", ""},
	}
	for _, tt := range tests {
		resp := get(s, "GET", tt.path)
		got := body(t, resp)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if !strings.Contains(got, tt.body) {
			t.Errorf("GET %s: body %q does not contain %q", tt.path, got, tt.body)
		}
		if loc := resp.Header.Get("Location"); loc != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, loc, tt.location)
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, cc)
		}
	}
}

func TestReloadScriptGoesIntoHTMLOnly(t *testing.T) {
	s := fakeServer(t)
	for _, p := range []string{"/kp/", "/kp/essay/", "/kp/no/such/page"} {
		got := body(t, get(s, "GET", p))
		if strings.Count(got, injected) != 1 || !strings.Contains(got, injected+"\n</body>") {
			t.Errorf("GET %s: the reload script is not just before </body>:\n%s", p, got)
		}
	}
	if got := body(t, get(s, "GET", "/kp/upper/")); got != "<HTML><BODY><P>shouting</P>"+injected+"\n</BODY></HTML>" {
		t.Errorf("upper-case </BODY>: %q", got)
	}
	if got := body(t, get(s, "GET", "/kp/nobody/")); got != "<p>a fragment"+injected+"\n" {
		t.Errorf("a page without </body>: %q", got)
	}
	for _, p := range []string{"/kp/essay/data.csv", "/kp/css/style.css", "/kp/js/vary.js", "/kp/essay/fig.svg"} {
		name := strings.TrimPrefix(p, "/kp/")
		if got := body(t, get(s, "GET", p)); got != string(fakeSite.Files[name]) {
			t.Errorf("GET %s: %q, want it as built: %q", p, got, fakeSite.Files[name])
		}
	}
	// The page length includes the script.
	resp := get(s, "GET", "/kp/")
	if n := len(body(t, resp)); resp.ContentLength != int64(n) {
		t.Errorf("Content-Length %d for a body of %d bytes", resp.ContentLength, n)
	}
}

func TestHeadAndOtherMethods(t *testing.T) {
	s := fakeServer(t)
	resp := get(s, "HEAD", "/kp/essay/")
	if resp.StatusCode != 200 || body(t, resp) != "" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("HEAD: %d %v", resp.StatusCode, resp.Header)
	}
	resp = get(s, "HEAD", "/__kernelpress/events")
	if resp.StatusCode != 200 || body(t, resp) != "" || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Errorf("HEAD of the event stream: %d %v", resp.StatusCode, resp.Header)
	}
	resp = get(s, "POST", "/kp/essay/")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestServesTheClientScript(t *testing.T) {
	s := fakeServer(t)
	resp := get(s, "GET", "/__kernelpress/client.js")
	got := body(t, resp)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(got, "EventSource('/__kernelpress/events')") {
		t.Errorf("client.js: %d %v\n%.200s", resp.StatusCode, resp.Header, got)
	}
}

func TestCleanNameRefusesToClimb(t *testing.T) {
	tests := []struct {
		rel  string
		name string
		ok   bool
	}{
		{"", "", true},
		{"essay/", "essay", true},
		{"essay", "essay", true},
		{"css/style.css", "css/style.css", true},
		{"%2e%2e/x", "%2e%2e/x", true}, // a name like any other, found nowhere
		{"..", "", false},
		{"../x", "", false},
		{"essay/../../x", "", false},
		{"essay/..", "", false},
		{"./x", "", false},
		{"a//b", "", false},
		{"/x", "", false},
		{`..\x`, "", false},
		{`essay\..\..\x`, "", false},
		{"x\x00", "", false},
	}
	for _, tt := range tests {
		name, ok := cleanName(tt.rel)
		if name != tt.name || ok != tt.ok {
			t.Errorf("cleanName(%q) = %q, %v; want %q, %v", tt.rel, name, ok, tt.name, tt.ok)
		}
	}
}

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "/",
		"/":                         "/",
		"/kp":                       "/kp/",
		"/kp/":                      "/kp/",
		"https://x.github.io":       "/",
		"https://x.github.io/repo/": "/repo/",
	} {
		if got, err := basePath(in); got != want || err != nil {
			t.Errorf("basePath(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := basePath("repo/"); err == nil {
		t.Error("basePath(repo/) is accepted")
	}
}

func TestListenAddrDefaultsToLoopback(t *testing.T) {
	for _, tt := range []struct {
		addr string
		port int
		want string
	}{
		{"", 0, "127.0.0.1:8000"},
		{"", 9000, "127.0.0.1:9000"},
		{"127.0.0.1", 0, "127.0.0.1:8000"},
		{"0.0.0.0", 8080, "0.0.0.0:8080"},
		{"127.0.0.1:7000", 9000, "127.0.0.1:7000"},
		{"::1", 8001, "[::1]:8001"},
		{"[::1]", 8001, "[::1]:8001"},
		{"localhost:0", 0, "localhost:0"},
	} {
		if got := (Config{Addr: tt.addr, Port: tt.port}).listenAddr(); got != tt.want {
			t.Errorf("listenAddr(%q, %d) = %q, want %q", tt.addr, tt.port, got, tt.want)
		}
	}
}

func TestBeforeTheFirstGoodBuild(t *testing.T) {
	s, err := New(Config{Site: site.Config{Directives: seedModel, BaseURL: "/kp/"}, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	s.state.Store(&state{seq: 1, problems: []string{`content/a.md:3: bad <b>"value"</b> & more`}})
	resp := get(s, "GET", "/kp/")
	got := body(t, resp)
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", resp.StatusCode)
	}
	if !strings.Contains(got, "content/a.md:3: bad &lt;b&gt;&#34;value&#34;&lt;/b&gt; &amp; more") || strings.Contains(got, "<b>") {
		t.Errorf("the problems are not listed, escaped:\n%s", got)
	}
	if !strings.Contains(got, `<script src="/__kernelpress/client.js" data-site=""></script>`) {
		t.Errorf("no reload script:\n%s", got)
	}
}

func TestAnswersOnlyToItsOwnHostNames(t *testing.T) {
	s := fakeServer(t)
	s.cfg.Addr = "devbox.lan:8000"
	for host, want := range map[string]int{
		"127.0.0.1:8000":         http.StatusOK,
		"[::1]:8000":             http.StatusOK,
		"192.168.1.20:8000":      http.StatusOK,
		"localhost:8000":         http.StatusOK,
		"LOCALHOST.":             http.StatusOK,
		"app.localhost:8000":     http.StatusOK,
		"devbox.lan:8000":        http.StatusOK,
		"evil.example:8000":      http.StatusMisdirectedRequest,
		"localhost.evil.example": http.StatusMisdirectedRequest,
		"127.0.0.1.evil.example": http.StatusMisdirectedRequest,
		"":                       http.StatusMisdirectedRequest,
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/kp/", nil)
		req.Host = host
		s.ServeHTTP(rec, req)
		if rec.Code != want {
			t.Errorf("Host %q: status %d, want %d", host, rec.Code, want)
		}
	}
}

func TestABundleFileIsServedFromDisk(t *testing.T) {
	s := fakeServer(t)
	file := filepath.Join(t.TempDir(), "data.csv")
	if err := os.WriteFile(file, []byte("x,y\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := site.Output{Files: fakeSite.Files, Copies: map[string]site.Copy{"essay/b/data.csv": {Source: file, Size: 8}}}
	s.state.Store(&state{seq: 1, site: newSnapshot(out, "test-1")})
	resp := get(s, "GET", "/kp/essay/b/data.csv")
	if got := body(t, resp); resp.StatusCode != http.StatusOK || got != "x,y\n1,2\n" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Errorf("GET a copied file: %d %q (%s), want 200 and its contents as text/csv", resp.StatusCode, got, resp.Header.Get("Content-Type"))
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	if resp := get(s, "GET", "/kp/essay/b/data.csv"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a copied file removed since the build: status %d, want 404", resp.StatusCode)
	}
}
