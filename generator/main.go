// Command kernelpress builds a site of computational explainers: Markdown
// essays whose figures are computed and drawn when the site is built.
//
// Usage:
//
//	kernelpress build [flags]   build content/ into public/
//	kernelpress serve [flags]   build, then serve public/ on 127.0.0.1
//
// Run "kernelpress build -h" for the flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/kernelpress/kernelpress/generator/site"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process's exit code.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build", "serve":
	case "help":
		fmt.Fprintln(stdout, "usage: kernelpress build|serve [flags]; kernelpress build -h lists the flags")
		return 0
	default:
		fmt.Fprintf(stderr, "kernelpress: unknown command %q; commands are build and serve\n", cmd)
		return 2
	}

	fs := flag.NewFlagSet("kernelpress "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg site.Config
	fs.StringVar(&cfg.ContentDir, "content", "content", "directory of Markdown essays")
	fs.StringVar(&cfg.TemplateDir, "templates", "templates", "directory of templates and static assets")
	fs.StringVar(&cfg.SourceDir, "source", "generator", "directory of the generator's Go code, quoted by {source}")
	fs.StringVar(&cfg.CacheDir, "cache", ".cache", "directory for results kept between builds (typeset formulas); empty to turn it off")
	fs.StringVar(&cfg.OutDir, "out", "public", "output directory; replaced only when the build succeeds")
	fs.StringVar(&cfg.BaseURL, "base-url", "/", "path the site is served under, e.g. /repo/ for a GitHub project page")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include explainers marked draft: true")
	addr := fs.String("addr", "127.0.0.1:8000", "address to serve on (serve only)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kernelpress: unexpected argument %q\n", fs.Arg(0))
		return 2
	}

	sum, err := site.Build(cfg)
	if err != nil {
		var be *site.BuildError
		if errors.As(err, &be) {
			for _, p := range be.Problems {
				fmt.Fprintln(stderr, p)
			}
			fmt.Fprintf(stderr, "kernelpress: build failed with %d %s; %s/ was left as it was\n",
				len(be.Problems), map[bool]string{true: "problem", false: "problems"}[len(be.Problems) == 1], cfg.OutDir)
		} else {
			fmt.Fprintln(stderr, "kernelpress:", err)
		}
		return 1
	}
	fmt.Fprintf(stdout, "kernelpress: %s → %s/\n", sum, cfg.OutDir)
	if cmd == "serve" {
		return serve(cfg, *addr, stdout, stderr)
	}
	return 0
}

// serve serves the built site under its base path until the process is
// stopped.
func serve(cfg site.Config, addr string, stdout, stderr io.Writer) int {
	base := "/" + strings.Trim(cfg.BaseURL, "/") + "/"
	if base == "//" {
		base = "/"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	files := http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(cfg.OutDir)))
	mux := http.NewServeMux()
	mux.Handle(base, notFoundPage(files, cfg.OutDir))
	fmt.Fprintf(stdout, "kernelpress: serving http://%s%s (Ctrl-C to stop)\n", ln.Addr(), base)
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	return 0
}

// notFoundPage serves the site's 404.html, with status 404, for paths that
// name no file, as GitHub Pages does.
func notFoundPage(files http.Handler, dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		files.ServeHTTP(rec, r)
		if rec.status == http.StatusNotFound {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if page, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Write(page)
			}
		}
	})
}

// statusRecorder passes a response through unless it is a 404, which it
// swallows so that notFoundPage can write the site's own page instead.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	if code != http.StatusNotFound {
		r.ResponseWriter.WriteHeader(code)
	}
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == http.StatusNotFound {
		return len(b), nil
	}
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}
