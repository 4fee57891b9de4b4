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
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(cfg.OutDir))))
	fmt.Fprintf(stdout, "kernelpress: serving http://%s%s (Ctrl-C to stop)\n", ln.Addr(), base)
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	return 0
}
