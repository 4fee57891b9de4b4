// Command comparehugo builds one synthetic site with kernelpress and with
// Hugo, alternately and each build as a fresh process, and prints how long
// the builds took and how much memory they used.
//
// Usage, from the repository root (make compare-hugo runs it):
//
//	go run ./generator/cmd/comparehugo [-pages 1000] [-runs 5] [-keep]
//
// The site has -pages pages of generated prose, each with front matter
// (title, date, description), a heading and one fenced Go block of 15 lines,
// the same text for both generators, written to a temporary folder in each
// one's layout. kernelpress is compiled once with go build and run with the
// repository's templates/ and an empty cache folder each time (and again
// with the cache the cold build filled, reported as warm); Hugo is run with
// hugo --quiet, highlighting with CSS classes as kernelpress does, into an
// emptied output folder. Before the timed runs each generator builds once
// untimed, and its output is checked: one HTML file per page, an index
// linking every page, and highlighted code.
//
// The temporary folder is made in $TMPDIR (else /tmp), so the disk's cost
// of creating a thousand folders and files is part of every build; run with
// TMPDIR=/dev/shm to leave it out. Each run says when other processes kept
// the CPUs busy meanwhile, and the summary repeats the statistics for the
// undisturbed runs alone.
//
// Without hugo on the PATH it says how to install it and measures
// kernelpress alone. It is not part of make test.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kernelpress/kernelpress/generator/directive"
	"github.com/kernelpress/kernelpress/generator/models/attention"
	"github.com/kernelpress/kernelpress/generator/site"
)

const module = "github.com/kernelpress/kernelpress"

func main() {
	os.Exit(command(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the command line asks for.
type config struct {
	pages, runs int
	repo        string // the repository root
	goCmd       string // the go command that compiles kernelpress
	keep        bool   // keep the temporary folder
	warm        bool   // also time kernelpress with the cache its cold build filled
	cpuprofile  string // write a CPU profile of one in-process kernelpress build here
}

// command executes the comparison and returns the process's exit code.
// (Not named run: {source} finds declarations by package name, and
// generator/main.go, also package main, has a run.)
func command(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("comparehugo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.IntVar(&c.pages, "pages", 1000, fmt.Sprintf("number of pages in the synthetic site, at most %d (dated a day apart, back from 2020-01-01)", maxPages))
	fs.IntVar(&c.runs, "runs", 5, "timed builds of each generator, alternating")
	fs.StringVar(&c.repo, "repo", ".", "the kernelpress repository (its templates/ and generator/ are used)")
	fs.StringVar(&c.goCmd, "go", "go", "the go command that compiles kernelpress")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary folder with both sites and their output, and print where it is")
	fs.BoolVar(&c.warm, "warm", true, "also time kernelpress with the cache that its cold build filled")
	fs.StringVar(&c.cpuprofile, "cpuprofile", "", "after the timed runs, build the site once more inside this process with an empty cache and write a CPU profile of it to this file (for diagnosis)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || c.pages < 1 || c.pages > maxPages || c.runs < 1 {
		fmt.Fprintf(stderr, "usage: comparehugo [-pages N, 1 to %d] [-runs N ≥ 1] [-keep] [-warm=false] [-repo dir] [-go cmd] [-cpuprofile file]\n", maxPages)
		return 2
	}
	if err := compare(c, stdout); err != nil {
		fmt.Fprintln(stderr, "comparehugo:", err)
		return 1
	}
	return 0
}

// compare writes the sites, builds them and prints the report.
func compare(c config, w io.Writer) (err error) {
	repo, err := filepath.Abs(c.repo)
	if err != nil {
		return fmt.Errorf("finding the repository: %w", err)
	}
	if mod, err := os.ReadFile(filepath.Join(repo, "go.mod")); err != nil || !bytes.Contains(mod, []byte("module "+module+"\n")) {
		return fmt.Errorf("%s is not the kernelpress repository (no go.mod for %s); run from its root or give -repo", repo, module)
	}
	tmp, err := os.MkdirTemp("", "comparehugo-")
	if err != nil {
		return fmt.Errorf("making a temporary folder: %w", err)
	}
	defer func() {
		if c.keep {
			fmt.Fprintf(w, "\nkept %s (sites in ours/ and hugo/, output in ours-public/ and hugo-public/)\n", tmp)
		} else if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
			err = fmt.Errorf("removing the temporary folder: %w", rmErr)
		}
	}()

	hugo, hugoVersion := findHugo()
	fmt.Fprintf(w, "comparehugo: %d synthetic pages (front matter, prose, one heading, one 15-line Go block each), %d timed runs of each build, alternating, each a fresh process\n", c.pages, c.runs)
	fmt.Fprintf(w, "machine: %s/%s, %d CPUs, GOMAXPROCS %d (%s); this program built with %s\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), gomaxprocsEnv(), runtime.Version())
	fmt.Fprintf(w, "sites and output in %s\n", tmp)
	if hugo == "" {
		fmt.Fprint(w, hugoMissing)
	} else {
		fmt.Fprintf(w, "hugo: %s (%s)\n", hugoVersion, hugo)
	}

	ours := kernelpressBuild{
		root:      filepath.Join(tmp, "ours"),
		out:       filepath.Join(tmp, "ours-public"),
		cache:     filepath.Join(tmp, "ours-cache"),
		templates: filepath.Join(repo, "templates"),
		source:    filepath.Join(repo, "generator"),
		bin:       filepath.Join(tmp, "bin", "kernelpress"),
	}
	hugoSite := hugoBuild{hugo: hugo, root: filepath.Join(tmp, "hugo"), out: filepath.Join(tmp, "hugo-public")}
	if err := writeSites(ours.root, hugoSite.root, c.pages); err != nil {
		return err
	}
	if err := ours.compile(c.goCmd, repo, w); err != nil {
		return err
	}

	// One untimed build of each, whose output is checked.
	if _, err := ours.run(true); err != nil {
		return err
	}
	report, err := verifyOurs(ours.out, c.pages)
	if err != nil {
		return fmt.Errorf("kernelpress's output: %w", err)
	}
	fmt.Fprintf(w, "checked kernelpress's output: %s\n", report)
	if hugo != "" {
		if _, err := hugoSite.run(); err != nil {
			return err
		}
		report, err := verifyHugo(hugoSite.out, c.pages)
		if err != nil {
			return fmt.Errorf("Hugo's output: %w", err)
		}
		fmt.Fprintf(w, "checked Hugo's output: %s\n", report)
	}

	var cold, warm, hugos []sample
	for i := range c.runs {
		line := fmt.Sprintf("run %d/%d:", i+1, c.runs)
		s, err := ours.run(true)
		if err != nil {
			return err
		}
		cold = append(cold, s)
		line += " kernelpress cold " + short(s)
		if hugo != "" {
			s, err := hugoSite.run()
			if err != nil {
				return err
			}
			hugos = append(hugos, s)
			line += " · hugo " + short(s)
		}
		if c.warm {
			s, err := ours.run(false)
			if err != nil {
				return err
			}
			warm = append(warm, s)
			line += " · kernelpress warm " + short(s)
		}
		fmt.Fprintln(w, line)
	}

	fmt.Fprintln(w)
	printSummary(w, "all runs", cold, warm, hugos, hugo != "")
	if quiet := [][]sample{undisturbed(cold), undisturbed(warm), undisturbed(hugos)}; len(quiet[0]) < len(cold) && len(quiet[0]) > 0 && (hugo == "" || len(quiet[2]) > 0) {
		fmt.Fprintln(w)
		printSummary(w, "undisturbed runs only", quiet[0], quiet[1], quiet[2], hugo != "")
	}
	if hugo == "" {
		fmt.Fprintln(w, "hugo: not measured (not installed)")
	}

	if c.cpuprofile != "" {
		if err := ours.profile(c.cpuprofile, filepath.Join(tmp, "profile")); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote a CPU profile of one in-process build with an empty cache to %s (go tool pprof -top %s)\n", c.cpuprofile, c.cpuprofile)
	}
	return nil
}

// printSummary prints the statistics of each kind of build and, with
// Hugo, the ratios of kernelpress's cold build to Hugo's.
func printSummary(w io.Writer, which string, cold, warm, hugos []sample, withHugo bool) {
	fmt.Fprintf(w, "%s:\n", which)
	oc := summarise(cold)
	fmt.Fprintf(w, "  kernelpress, empty cache: %s\n", oc)
	if len(warm) > 0 {
		fmt.Fprintf(w, "  kernelpress, warm cache:  %s\n", summarise(warm))
	}
	if !withHugo || len(hugos) == 0 {
		return
	}
	h := summarise(hugos)
	fmt.Fprintf(w, "  hugo:                     %s\n", h)
	fmt.Fprintf(w, "  ratio kernelpress (empty cache) / hugo: wall time %.2f× (medians), CPU time %.2f×", ratio(oc.Median, h.Median), ratio(oc.MedCPU, h.MedCPU))
	if oc.MaxRSS > 0 && h.MaxRSS > 0 {
		fmt.Fprintf(w, ", peak RSS %.2f× (largest)", float64(oc.MaxRSS)/float64(h.MaxRSS))
	}
	fmt.Fprintln(w)
}

// undisturbed returns the samples during which other processes kept no
// more than busyLimit CPUs busy.
func undisturbed(samples []sample) []sample {
	var out []sample
	for _, s := range samples {
		if s.othersCPUs() <= busyLimit {
			out = append(out, s)
		}
	}
	return out
}

// hugoMissing says how to install Hugo, and why without recommended packages.
const hugoMissing = `hugo: not found on the PATH, so only kernelpress is measured. To install it on Debian or Ubuntu:
    apt-get install --no-install-recommends hugo
  (--no-install-recommends because Debian's hugo recommends golang-any, which would
  install Debian's older Go as /usr/bin/go, where it may shadow the Go this project needs)
`

// gomaxprocsEnv says what the builds' processes will take as GOMAXPROCS.
func gomaxprocsEnv() string {
	if v := os.Getenv("GOMAXPROCS"); v != "" {
		return "GOMAXPROCS=" + v + " in the environment, for both builds"
	}
	return "both builds use every CPU"
}

// findHugo returns the path of hugo and the first line of hugo version, or
// "" when it is not on the PATH or does not run.
func findHugo() (path, version string) {
	path, err := exec.LookPath("hugo")
	if err != nil {
		return "", ""
	}
	out, err := exec.Command(path, "version").CombinedOutput()
	if err != nil {
		return "", ""
	}
	return path, strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// kernelpressBuild is the synthetic site in kernelpress's layout and where
// its build goes.
type kernelpressBuild struct {
	root, out, cache  string
	templates, source string
	bin               string
}

// compile builds the kernelpress command from the repository.
func (k kernelpressBuild) compile(goCmd, repo string, w io.Writer) error {
	cmd := exec.Command(goCmd, "build", "-o", k.bin, "./generator")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("compiling kernelpress (%s build -o %s ./generator): %w\n%s", goCmd, k.bin, err, out)
	}
	version, err := exec.Command(goCmd, "version").Output()
	if err != nil {
		return fmt.Errorf("asking %s for its version: %w", goCmd, err)
	}
	fmt.Fprintf(w, "kernelpress: compiled from %s with %s", repo, version)
	return nil
}

// args are the command-line arguments of a build.
func (k kernelpressBuild) args() []string {
	return []string{"build", "-content", filepath.Join(k.root, "content"), "-templates", k.templates,
		"-source", k.source, "-out", k.out, "-cache", k.cache, "-base-url", "/"}
}

// run builds the site in a new process into an emptied output folder, from
// an empty cache when cold is set and otherwise with the cache as it is.
func (k kernelpressBuild) run(cold bool) (sample, error) {
	remove := []string{k.out}
	if cold {
		remove = append(remove, k.cache)
	}
	if err := removeAll(remove...); err != nil {
		return sample{}, err
	}
	s, err := timeProcess(k.root, k.bin, k.args()...)
	if err != nil {
		return sample{}, fmt.Errorf("kernelpress build: %w", err)
	}
	return s, nil
}

// profile builds the site once in this process, from an empty cache into
// dir, with the CPU profiler writing to file.
func (k kernelpressBuild) profile(file, dir string) (err error) {
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("creating the CPU profile: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("writing the CPU profile: %w", cerr)
		}
	}()
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("starting the CPU profile: %w", err)
	}
	_, err = site.Build(site.Config{
		Directives:  []directive.Extension{attention.Model}, // as the command builds
		ContentDir:  filepath.Join(k.root, "content"),
		TemplateDir: k.templates,
		SourceDir:   k.source,
		OutDir:      filepath.Join(dir, "public"),
		CacheDir:    filepath.Join(dir, "cache"),
		BaseURL:     "/",
	})
	pprof.StopCPUProfile()
	if err != nil {
		return fmt.Errorf("building the site in-process for the profile: %w", err)
	}
	return nil
}

// hugoBuild is the synthetic site in Hugo's layout and where its build goes.
type hugoBuild struct {
	hugo, root, out string
}

// run builds the site with Hugo in a new process, after removing its output
// and its resources folder (Hugo's cache of processed assets).
func (h hugoBuild) run() (sample, error) {
	if err := removeAll(h.out, filepath.Join(h.root, "resources")); err != nil {
		return sample{}, err
	}
	s, err := timeProcess(h.root, h.hugo, "--quiet", "-s", h.root, "-d", h.out)
	if err != nil {
		return sample{}, fmt.Errorf("hugo: %w", err)
	}
	return s, nil
}

// removeAll removes each folder and everything in it.
func removeAll(dirs ...string) error {
	for _, d := range dirs {
		if err := os.RemoveAll(d); err != nil {
			return fmt.Errorf("emptying %s: %w", d, err)
		}
	}
	return nil
}

// verifyOurs checks kernelpress's output of n pages and describes it.
func verifyOurs(out string, n int) (string, error) {
	return verify(out, "page-*/index.html", "index.html", `href="page-`, n)
}

// verifyHugo checks Hugo's output of n pages and describes it.
func verifyHugo(out string, n int) (string, error) {
	return verify(out, "posts/page-*/index.html", "index.html", `href="/posts/page-`, n)
}

// highlighted is what a Go keyword looks like when chroma has highlighted
// it with CSS classes: "func" as a declaration keyword.
const highlighted = `<span class="kd">func</span>`

// verify checks that out has n page files matching pattern, each with
// highlighted code, and an index with at least n links starting with link;
// it describes the output: pages, files and bytes.
func verify(out, pattern, index, link string, n int) (string, error) {
	pages, err := filepath.Glob(filepath.Join(out, pattern))
	if err != nil {
		return "", fmt.Errorf("listing the pages: %w", err)
	}
	if len(pages) != n {
		return "", fmt.Errorf("%d pages match %s, want %d", len(pages), pattern, n)
	}
	for _, p := range pages {
		html, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("reading a page: %w", err)
		}
		if !bytes.Contains(html, []byte(`class="chroma"`)) || !bytes.Contains(html, []byte(highlighted)) {
			return "", fmt.Errorf("%s has no code highlighted with CSS classes (no %s)", p, highlighted)
		}
	}
	home, err := os.ReadFile(filepath.Join(out, index))
	if err != nil {
		return "", fmt.Errorf("reading the index: %w", err)
	}
	if links := bytes.Count(home, []byte(link)); links < n {
		return "", fmt.Errorf("the index has %d links to pages, want %d", links, n)
	}
	files, size, err := du(out)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d pages with highlighted Go code (%s), an index linking all of them; %d files, %s in all",
		n, highlighted, files, mib(size/1024)), nil
}

// du counts the files under dir and their bytes.
func du(dir string) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			files++
			size += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return files, size, nil
}

// short formats one sample for the per-run line: wall time, peak RSS, and
// the CPUs other processes kept busy meanwhile when that was over busyLimit.
func short(s sample) string {
	out := ms(s.Wall)
	if s.MaxRSS >= 0 {
		out += " " + mib(s.MaxRSS)
	}
	if o := s.othersCPUs(); o > busyLimit {
		out += fmt.Sprintf(" (other processes busy on %.1f CPUs)", o)
	}
	return out
}

// ratio returns a/b, or 0 when b is zero.
func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
