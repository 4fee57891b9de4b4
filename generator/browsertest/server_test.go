package browsertest

import (
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/site"
)

// basePath is the sub-path the site is built for and served under, as for a
// GitHub project page.
const basePath = "/kp/"

// Where the shipped sources are, seen from this package.
const (
	contentDir  = "../../content"
	templateDir = "../../templates"
	sourceDir   = "../../generator"
)

// serveSite builds the shipped site for basePath into a temporary directory
// and serves it; it returns the server's base URL, ending in basePath.
func serveSite(t *testing.T) string {
	base, _ := serveSiteFrom(t)
	return base
}

// serveSiteFrom is serveSite that also returns the folder the site was
// built into.
func serveSiteFrom(t *testing.T) (base, root string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	_, err := site.Build(site.Config{
		Directives:  seedModel,
		ContentDir:  contentDir,
		TemplateDir: templateDir,
		OutDir:      out,
		SourceDir:   sourceDir,
		BaseURL:     basePath,
	})
	if err != nil {
		t.Fatalf("building the shipped site: %v", err)
	}
	srv := httptest.NewServer(pagesHandler(out, basePath))
	t.Cleanup(srv.Close)
	return srv.URL + basePath, out
}

// pagesHandler serves the built site in root under prefix the way GitHub
// Pages does: a folder URL serves its index.html, a folder without its
// trailing slash redirects to it, and anything missing gets 404.html with
// status 404.
func pagesHandler(root, prefix string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path+"/" == prefix {
			http.Redirect(w, r, prefix, http.StatusMovedPermanently)
			return
		}
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if !ok {
			serveNotFound(w, r, root)
			return
		}
		name := filepath.Join(root, filepath.FromSlash(path.Clean("/"+rel)))
		info, err := os.Stat(name)
		if err == nil && info.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			name = filepath.Join(name, "index.html")
			info, err = os.Stat(name)
		}
		if errors.Is(err, fs.ErrNotExist) {
			serveNotFound(w, r, root)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		f, err := os.Open(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, info.ModTime(), f)
	})
}

// serveNotFound answers with the site's 404.html and status 404.
func serveNotFound(w http.ResponseWriter, r *http.Request, root string) {
	page, err := os.ReadFile(filepath.Join(root, "404.html"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write(page)
}

// TestPagesHandlerServesLikeGitHubPages checks the test server itself, without
// a browser.
func TestPagesHandlerServesLikeGitHubPages(t *testing.T) {
	root := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       "home",
		"404.html":         "missing",
		"essay/index.html": "essay",
		"css/a.css":        "body{}",
	} {
		file := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(pagesHandler(root, "/kp/"))
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	tests := []struct {
		path     string
		status   int
		body     string // for a 200 or a 404
		location string // for a redirect
	}{
		{"/kp/", 200, "home", ""},
		{"/kp/essay/", 200, "essay", ""},
		{"/kp/css/a.css", 200, "body{}", ""},
		{"/kp/essay", 301, "", "/kp/essay/"},
		{"/kp", 301, "", "/kp/"},
		{"/kp/no/such/page", 404, "missing", ""},
		{"/elsewhere/", 404, "missing", ""},
	}
	for _, tt := range tests {
		resp, err := client.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, resp)
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
		if tt.location != "" && resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: redirects to %q, want %q", tt.path, resp.Header.Get("Location"), tt.location)
		}
		if tt.body != "" && body != tt.body {
			t.Errorf("GET %s: body %q, want %q", tt.path, body, tt.body)
		}
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
