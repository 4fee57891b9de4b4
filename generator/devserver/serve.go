package devserver

import (
	"bytes"
	"html"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/kernelpress/kernelpress/generator/site"
)

// devPrefix is where the dev server's own endpoints live, outside any base
// path. The build never writes there.
const devPrefix = "/__kernelpress/"

// Paths of the dev server's own endpoints.
const (
	eventsPath = devPrefix + "events"
	clientPath = devPrefix + "client.js"
)

// snapshot is one good build, as served: immutable once made.
type snapshot struct {
	id     string               // names this build to the reload script
	files  map[string][]byte    // by slash-separated path below the site root
	copies map[string]site.Copy // bundle files, read from disk on request
	dirs   map[string]bool      // every folder that holds a file, "" excepted
}

func newSnapshot(out site.Output, id string) *snapshot {
	snap := &snapshot{id: id, files: out.Files, copies: out.Copies, dirs: map[string]bool{}}
	for _, name := range out.Paths() {
		for d := path.Dir(name); d != "." && !snap.dirs[d]; d = path.Dir(d) {
			snap.dirs[d] = true
		}
	}
	return snap
}

// sameFiles reports whether two builds have exactly the same files. Copied
// files are the same when they are the same file on disk with the same size
// and modification time (site.Copy.Same).
func (s *snapshot) sameFiles(o *snapshot) bool {
	if len(s.files) != len(o.files) || len(s.copies) != len(o.copies) {
		return false
	}
	for name, c := range s.copies {
		if other, ok := o.copies[name]; !ok || !other.Same(c) {
			return false
		}
	}
	for name, data := range s.files {
		other, ok := o.files[name]
		if !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}

// ServeHTTP serves the dev server's endpoints and the latest good site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		// A page on another site can make a browser send requests here
		// under a name of its own that resolves to this machine (DNS
		// rebinding); such a request names that other host.
		http.Error(w, "kernelpress serve answers only to localhost, an IP address or the host given to -addr", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.serveEvents(w, r)
		return
	case clientPath:
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(clientScript)
		return
	}
	if strings.HasPrefix(r.URL.Path, devPrefix) {
		http.NotFound(w, r)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		s.serveNoSite(w, st)
		return
	}
	s.serveSite(w, r, st.site)
}

// serveSite serves a file of the site the way GitHub Pages does: a folder
// URL serves its index.html, a folder without its trailing slash redirects
// to it, and a path that names no file gets 404.html with status 404.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	p := r.URL.Path // already percent-decoded, once
	if p+"/" == s.base {
		http.Redirect(w, r, s.base, http.StatusMovedPermanently)
		return
	}
	rel, ok := strings.CutPrefix(p, s.base)
	if !ok {
		s.serveNotFound(w, r, snap)
		return
	}
	name, ok := cleanName(rel)
	if !ok {
		s.serveNotFound(w, r, snap)
		return
	}
	if name == "" || snap.dirs[name] {
		if !strings.HasSuffix(rel, "/") && rel != "" {
			http.Redirect(w, r, s.base+name+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	} else if strings.HasSuffix(rel, "/") {
		s.serveNotFound(w, r, snap) // a file is not a folder
		return
	}
	if c, ok := snap.copies[name]; ok {
		s.serveCopy(w, r, snap, name, c)
		return
	}
	data, ok := snap.files[name]
	if !ok {
		s.serveNotFound(w, r, snap)
		return
	}
	s.serveFile(w, r, name, data, http.StatusOK, snap.id)
}

// serveCopy serves a bundle's file from disk, a piece at a time: such a
// file may be large, and the site does not hold it in memory.
func (s *Server) serveCopy(w http.ResponseWriter, r *http.Request, snap *snapshot, name string, c site.Copy) {
	f, err := os.Open(c.Source)
	if err != nil {
		s.serveNotFound(w, r, snap) // removed since the build; the next build says so
		return
	}
	defer f.Close()
	if ctype := mime.TypeByExtension(path.Ext(name)); ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	http.ServeContent(w, r, name, time.Time{}, f)
}

// cleanName turns the part of a URL path below the base into a key of the
// site's files, or reports false for what could only climb out of the site
// or name nothing in it: "..", backslashes, NUL, empty segments. The site is
// a map of its own files, so nothing outside it can be served anyway; this
// refuses such paths outright rather than resolving them.
func cleanName(rel string) (string, bool) {
	if strings.ContainsAny(rel, "\\\x00") {
		return "", false
	}
	trimmed := strings.TrimSuffix(rel, "/")
	if trimmed == "" {
		return "", rel == ""
	}
	for _, seg := range strings.Split(trimmed, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return trimmed, true
}

// serveNotFound answers with the site's 404.html and status 404.
func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	page, ok := snap.files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.serveFile(w, r, "404.html", page, http.StatusNotFound, snap.id)
}

// serveFile writes one file of the site, with the reload script added to
// HTML.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string, data []byte, status int, siteID string) {
	ctype := contentType(name, data)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectSnippet(data, siteID)
	}
	if status == http.StatusOK {
		// Ranges and HEAD; no modification time, as nothing is cached.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveNoSite answers while no build has succeeded yet: a page that lists
// the problems and reloads when the site builds.
func (s *Server) serveNoSite(w http.ResponseWriter, st *state) {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Build failed</title></head>\n<body>\n<h1>The site has not built yet</h1>\n")
	if len(st.problems) > 0 {
		b.WriteString("<pre>")
		for _, p := range st.problems {
			b.WriteString(html.EscapeString(p) + "\n")
		}
		b.WriteString("</pre>\n")
	}
	b.WriteString("<p>Fix the problems and save: this page reloads when the site builds.</p>\n</body>\n</html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	w.Write(injectSnippet([]byte(b.String()), ""))
}

// contentTypes are the types of what a site is made of, fixed here rather
// than left to the system's MIME tables, which vary.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".csv":   "text/csv; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
	".pdf":   "application/pdf",
	".xml":   "application/xml",
}

func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// snippetStart begins the tag injected into every HTML page served; the
// build output never contains it.
const snippetStart = `<script src="` + clientPath + `" data-site="`

// injectSnippet returns page with the reload script added before its last
// </body>, or at its end when it has none. siteID names the build the page
// is from, so that the script can tell a stale page.
func injectSnippet(page []byte, siteID string) []byte {
	tag := snippetStart + html.EscapeString(siteID) + `"></script>` + "\n"
	at := lastIndexFold(page, "</body>")
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex for an ASCII needle, ignoring case,
// without changing the offsets of the rest of s as lowering all of it could.
func lastIndexFold(s []byte, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if s[i] == needle[0] && strings.EqualFold(string(s[i:i+len(needle)]), needle) {
			return i
		}
	}
	return -1
}

// hostAllowed reports whether a request's Host header names this server:
// an IP address (which no other site can point at this machine), localhost
// or a name below .localhost, or the host name the server was told to
// listen on.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return false
	}
	if net.ParseIP(host) != nil || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	own := strings.TrimSpace(s.cfg.Addr)
	if h, _, err := net.SplitHostPort(own); err == nil {
		own = h
	}
	own = strings.ToLower(strings.TrimSuffix(strings.Trim(own, "[]"), "."))
	return own != "" && host == own
}
