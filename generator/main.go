// Command kernelpress builds a site of computational explainers: Markdown
// essays whose figures are computed and drawn when the site is built.
//
// Usage:
//
//	kernelpress build [flags]   build content/ into public/
//	kernelpress serve [flags]   build and serve the site on 127.0.0.1, rebuilding
//	                            and reloading the browser on every change
//	kernelpress new [-title t] <slug>
//	                            start a draft explainer, the bundle content/<slug>/index.md
//
// Run "kernelpress build -h" for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/kernelpress/kernelpress/generator/devserver"
	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/models/attention"
	"github.com/kernelpress/kernelpress/generator/scaffold"
	"github.com/kernelpress/kernelpress/generator/site"
)

// models are the models whose directives the command's essays may use.
var models = []directive.Extension{attention.Model}

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
	case "new":
		return runNew(args, stdout, stderr)
	case "help":
		fmt.Fprintln(stdout, "usage: kernelpress build|serve [flags], or kernelpress new <slug>; kernelpress build -h lists the flags")
		return 0
	default:
		fmt.Fprintf(stderr, "kernelpress: unknown command %q; commands are build, serve and new\n", cmd)
		return 2
	}

	fs := flag.NewFlagSet("kernelpress "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := site.Config{Directives: models}
	fs.StringVar(&cfg.ContentDir, "content", "content", "directory of Markdown essays")
	fs.StringVar(&cfg.TemplateDir, "templates", "templates", "directory of templates and static assets")
	fs.StringVar(&cfg.SourceDir, "source", "generator", "directory of the generator's Go code, quoted by {source}")
	fs.StringVar(&cfg.CacheDir, "cache", ".cache", "directory for results kept between builds (typeset formulas, drawn figures); empty to turn it off")
	fs.StringVar(&cfg.OutDir, "out", "public", "output directory; replaced only when the build succeeds (build only: serve keeps the site in memory)")
	fs.StringVar(&cfg.BaseURL, "base-url", "/", "where the site is served: a path such as /repo/, or a full URL such as https://user.github.io/repo/ (then canonical links, the feed and the sitemap are absolute)")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include explainers marked draft: true")
	addr := fs.String("addr", devserver.DefaultHost, "host or host:port to serve on (serve only); another host than 127.0.0.1 exposes the site to the network")
	port := fs.Int("port", devserver.DefaultPort, "port to serve on when -addr has none (serve only)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "kernelpress: unexpected argument %q\n", fs.Arg(0))
		return 2
	}

	if cmd == "serve" {
		return serve(cfg, *addr, *port, stdout, stderr)
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
	for _, w := range sum.Warnings {
		fmt.Fprintln(stderr, "kernelpress: warning:", w)
	}
	for _, b := range sum.Bundles {
		fmt.Fprintln(stdout, "kernelpress:", b)
	}
	fmt.Fprintf(stdout, "kernelpress: %s → %s/\n", sum, cfg.OutDir)
	return 0
}

// serve runs the dev server until SIGINT or SIGTERM.
func serve(cfg site.Config, addr string, port int, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := devserver.Run(ctx, devserver.Config{Site: cfg, Addr: addr, Port: port, Stdout: stdout, Stderr: stderr})
	if err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	return 0
}

// runNew writes content/<slug>/index.md, a draft explainer to start from,
// dated today, in a folder of its own for its data and images; it never
// overwrites an existing explainer.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kernelpress new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	contentDir := fs.String("content", "content", "directory of Markdown essays")
	title := fs.String("title", "", "the explainer's title; empty to make it from the slug (my-explainer gives \"My explainer\")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: kernelpress new [-content dir] [-title title] <slug>, e.g. kernelpress new -title \"Kernel density bandwidth\" kde-bandwidth")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	directives, err := directive.NewRegistry(models...)
	if err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	path, err := scaffold.Write(*contentDir, fs.Arg(0), *title, time.Now(), directives.All())
	if err != nil {
		fmt.Fprintln(stderr, "kernelpress:", err)
		return 1
	}
	shown := strings.TrimSpace(*title)
	if shown == "" {
		shown = scaffold.Title(fs.Arg(0))
	}
	fmt.Fprintf(stdout, "kernelpress: wrote %s, a draft titled %q (edit its title: line to change that); put its data files and images beside it, preview it with make serve DRAFTS=1, and remove draft: true to publish it\n", path, shown)
	return 0
}
