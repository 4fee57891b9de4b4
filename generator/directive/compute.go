package directive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/starnum"
	"github.com/kernelpress/kernelpress/generator/suggest"
)

// This file holds the whole contract of {compute}: a block of Starlark code
// run when the site is built, with the numeric library starnum predeclared.
//
// Namespace. The compute blocks of a page run one after another, in the
// order of the page, on one Starlark thread, in one set of globals (as the
// cells of a notebook do: a later block may use, and rebind, what an earlier
// one defined, functions included). After each block every global is
// frozen, and the globals as they then are (a copy of the dictionary) are
// the namespace as of that point of the page: a block never sees a name
// defined below it, and a later block cannot change a value an earlier one
// made (it may bind the name to a new one). Compute blocks run serially,
// before the page's figures are computed concurrently; a figure that draws
// computed names ({plot}, a namespaceUser) sees the snapshot after the last
// compute block above it.
//
// Limits. All the compute blocks of a page share MaxComputeSteps Starlark
// steps (Thread.SetMaxExecutionSteps; a step is one bytecode instruction,
// counted as one work unit) and starnum's bound on the size of each
// array. What a block costs cannot be known before it runs, so each declares
// only the cost of compiling it (Work), and the page's compute blocks may
// then spend the rest of the page's work budget, MaxPageWork less what every
// block of the page declared: their steps plus starnum's count of numeric
// operations (Library.Work) are held to it while they run (as the library's
// MaxWork and the step limit) and checked after each block. Both counts are
// deterministic, so a page that is over the budget fails the same way on
// every machine, cached or not (the cache keeps the counts).
//
// Files. read_csv reads only files of the explainer's own folder (Page.Dir,
// content/<slug>/), named relative to it: absolute paths, paths with "..",
// and symbolic links that lead out of the folder are errors. Starlark has no
// clock, network or environment, and load is refused.
//
// Cache. A block's run is reused when the code of every compute block of the
// page up to and including it, the bytes of every data file those blocks
// read, and the engine's code version (this package, starnum, the numerics
// and the Starlark interpreter's version) are unchanged: an entry under the
// digest of the code holds the names and digests of the files read and the
// steps and work spent. When every compute block of a page has a valid
// entry, none runs, unless a figure that draws their values misses the
// cache: such a figure's key includes the key of the compute blocks above
// it (their code, and the digests of the data files the entries name),
// which stands for the values it draws, so Starlark values are never serialised. Then the page's
// compute blocks run once, in order, when the first such figure asks for
// its namespace. A prose edit therefore recomputes nothing; a code or data
// edit runs the page's compute blocks again.
//
// Errors are located at the essay's lines: the body is parsed as if it
// started at its line of the essay (blank lines stand in for what comes
// before), so Starlark's positions, tracebacks included, are essay lines.

var computeDirective = Define("compute", "Starlark code run when the site is built, with the numeric library predeclared; later blocks and figures of the page see the names it defines.", runCompute)

type computeOptions struct {
	Show bool `option:"show" default:"true" doc:"Whether to show the code on the page, highlighted and marked as run when the site was built; false hides it (it still runs)."`

	// Set by the engine (setBlock) before anything runs.
	block *markup.Directive
	// Set when the page's compute blocks have run: the block's HTML, and
	// the work it spent (Starlark steps plus numeric operations), run or
	// read from its cache entry.
	html  []byte
	spent int64
}

// MaxComputeSteps bounds the Starlark steps (bytecode instructions) of all
// the compute blocks of one page together: a hundred million, about half a
// second of interpreted loop on one core (about 5 ns a step; an empty
// for loop takes 6 steps an iteration, t += i in one 10). A step counts as
// one unit of the page's work budget, which overstates what it costs.
const MaxComputeSteps = 100_000_000

// maxDataFileBytes bounds each file read_csv reads.
const maxDataFileBytes = 32 << 20

// computeRuns counts the compute blocks actually executed, for tests.
var computeRuns atomic.Int64

// computeFileOptions are the Starlark dialect of compute blocks: top-level
// for, if and while, rebinding of globals (each block may rebind what an
// earlier one defined), and sets.
var computeFileOptions = &syntax.FileOptions{TopLevelControl: true, GlobalReassign: true, While: true, Set: true}

func (o *computeOptions) setBlock(b *markup.Directive) { o.block = b }

func (o *computeOptions) bodyIsCode() {}

func (o *computeOptions) body() []byte {
	if o.block == nil {
		return nil
	}
	return o.block.Body
}

// runCompute returns the block's HTML once the page's compute blocks have
// run (runComputeBlocks); the engine never calls it before.
func runCompute(o *computeOptions, _ *Env) (*Result, error) {
	return &Result{HTML: o.html}, nil
}

// Work declares what a compute block costs before it runs: compiling it,
// about one unit a byte. What it costs to run is held to the rest of the
// page's budget while it runs (see the file's comment).
func (o *computeOptions) Work() int64 { return 1_000 + int64(len(o.body())) }

// OutputBytes bounds the HTML of a compute block: its code highlighted,
// where each byte may become a token of its own wrapped in a span of about
// 40 bytes, plus the note and the wrapper.
func (o *computeOptions) OutputBytes() int64 {
	if !o.Show {
		return 0
	}
	return 1_024 + 48*int64(len(o.body()))
}

// computeHTML is the block as shown: its code, highlighted as Python (whose
// syntax Starlark's is), under a caption saying it ran when the site was
// built, which is also the listing's accessible name. No script.
func computeHTML(o *computeOptions) []byte {
	if !o.Show {
		return nil
	}
	var buf bytes.Buffer
	buf.WriteString("<figure class=\"kp-listing kp-compute\">\n")
	buf.WriteString("<figcaption class=\"kp-listing-source\">Computed when the site was built, by this Starlark code:</figcaption>\n")
	buf.Write(bytes.TrimSpace(markup.HighlightFenced(o.body(), "python")))
	buf.WriteString("\n</figure>\n")
	return buf.Bytes()
}

// computeVersion is the code version of what compute blocks compute: the
// directive's own (this package, numerics, figure), starnum's sources and
// the Starlark interpreter's module version.
func computeVersion(def Definition) string {
	return cache.Key("compute", def.version, starnum.SourceDigest, starlarkVersion())
}

// starlarkVersion is the version of go.starlark.net the generator was built
// with, or "unknown".
func starlarkVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "go.starlark.net" {
				return m.Version + " " + m.Sum
			}
		}
	}
	return "unknown"
}

// computeEntry is what the cache keeps of a compute block's run.
type computeEntry struct {
	Files []dataFile `json:"files"` // read by this block and every compute block before it
	Steps uint64     `json:"steps"` // Starlark steps of this block
	Work  int64      `json:"work"`  // starnum's work of this block
	// Sizes are the numbers of values of the page's globals after this
	// block (see valueSizes), which bound what figures drawing them write.
	Sizes map[string]int `json:"sizes"`
}

// dataFile is a file read_csv read, by its name relative to the explainer's
// folder, with the digest of its bytes.
type dataFile struct {
	Name   string `json:"name"`
	Digest string `json:"digest"`
}

// computeKind names compute entries in the cache.
const computeKind = "compute"

// computeSession runs the compute blocks of one page.
type computeSession struct {
	page    Page
	version string
	thread  *starlark.Thread
	lib     *starnum.Library
	globals starlark.StringDict
	files   []dataFile // read so far, in order, each once
	read    map[string]bool
	limit   int64 // what the page's compute blocks may spend: steps + work
	stepCap uint64
	stepHit bool

	xs        []*expansion          // the page's blocks
	idx       []int                 // the indexes in xs of its ready compute blocks
	keys      []string              // keys[k]: the cache key of the first k compute blocks
	snapshots []starlark.StringDict // snapshots[k]: the globals after the first k blocks
	sizes     []map[string]int      // sizes[k]: the sizes of the globals after the first k blocks
	fileSets  [][]dataFile          // fileSets[k]: the data files the first k blocks read
	failed    int                   // the index in idx of the block that failed, len(idx) for none
	lazy      bool                  // the blocks were spared by the cache and run only if needed
	once      sync.Once             // runs them then
	lazyErr   error                 // what running them then went wrong with
}

// namespaceUser is implemented by the options of a directive that reads
// what the page's compute blocks computed ({plot}). Before anything runs
// the engine gives it the cache key of the values of the compute blocks
// above it (chain: their code and the digests of the data files they read,
// which its figure's cache key includes) and a function returning the
// frozen globals as of its position on the page, running the compute
// blocks first if the cache had spared them; the function is safe to call
// from any goroutine.
type namespaceUser interface {
	useNamespace(chain string, namespace func() (starlark.StringDict, error))
}

// sizeUser is implemented by the options of a namespaceUser whose bound on
// bytes depends on how many values the names it draws hold: once the
// compute blocks have run, or their cache entries have been read, the
// engine gives it the sizes of the globals as of its position on the page
// (valueSizes), before the page's bytes are checked.
type sizeUser interface {
	useSizes(sizes map[string]int)
	// workBeforeSizes is the part of its Work that does not depend on
	// the sizes, declared before the compute blocks run; the whole is
	// checked after (work.go's overBudget).
	workBeforeSizes() int64
}

// valueSizes returns, for each global holding values a figure may draw,
// how many it holds: the length of a list, a tuple or a one-dimensional
// array, the cells of a two-dimensional array.
func valueSizes(globals starlark.StringDict) map[string]int {
	sizes := map[string]int{}
	for name, v := range globals {
		switch v := v.(type) {
		case *starnum.Array:
			n := 1
			for _, d := range v.Shape() {
				n *= d
			}
			sizes[name] = n
		case *starlark.List:
			sizes[name] = v.Len()
		case starlark.Tuple:
			sizes[name] = v.Len()
		}
	}
	return sizes
}

// runComputeBlocks runs the page's ready compute blocks in order, or takes
// their runs from the cache, gives each its HTML, and gives every block
// that reads their names (namespaceUser) its namespace. declared is the
// work every ready block of the page declared. It returns the problems of
// each compute block, by the block's index in xs, the files of the
// explainer's folder that the blocks read (see Outcome.Read), and the
// session, for the page's {eval} roles (nil when the page has no block
// that computes or reads computed names).
func runComputeBlocks(page Page, xs []*expansion, declared int64) (map[int][]*Error, []string, *computeSession) {
	var idx, users []int
	for i, x := range xs {
		if !x.ready {
			continue
		}
		if _, ok := x.opts.(*computeOptions); ok {
			idx = append(idx, i)
		} else if _, ok := x.opts.(namespaceUser); ok {
			users = append(users, i)
		}
	}
	if len(idx) == 0 && len(users) == 0 {
		return nil, nil, nil
	}
	def, _ := xs[0].reg.Lookup("compute")
	s := &computeSession{page: page, version: computeVersion(def), read: map[string]bool{}, xs: xs, idx: idx}
	s.limit = MaxPageWork - declared
	s.keys = make([]string, len(idx)+1) // keys[k]: the first k compute blocks
	s.fileSets = make([][]dataFile, len(idx)+1)
	chain := []string{"compute-chain", s.version}
	s.keys[0] = cache.Key(chain...)
	for k, i := range idx {
		chain = append(chain, string(xs[i].opts.(*computeOptions).body()))
		s.keys[k+1] = cache.Key(chain...)
	}
	s.lib = starnum.New(starnum.Options{ReadFile: s.readFile, FileName: s.fileName, MaxWork: max(s.limit, 1)})
	s.stepCap = uint64(max(min(MaxComputeSteps, s.limit), 1))
	s.thread = &starlark.Thread{Name: page.File, Load: refuseLoad}
	s.thread.SetMaxExecutionSteps(s.stepCap)
	s.thread.OnMaxSteps = func(t *starlark.Thread) {
		s.stepHit = true
		t.Cancel("step limit")
	}
	s.globals = s.lib.Predeclared()
	s.globals[percentName] = percentBuiltin
	s.snapshots = []starlark.StringDict{copyDict(s.globals)}
	s.sizes = []map[string]int{{}}

	errs := map[int][]*Error{}
	failed := len(idx)  // the index among idx of the block that failed
	var read []dataFile // the files the blocks read
	// Every block's entry valid: nothing runs now, the counts come from the
	// entries, so the budget is checked as if the blocks had run; they run
	// only if a block below needs their values.
	if entries := s.cached(s.keys[1:]); entries != nil {
		var spent int64
		for k, i := range idx {
			read = append(read, entries[k].Files...)
			spent += int64(entries[k].Steps) + entries[k].Work
			s.fileSets[k+1] = entries[k].Files
			if spent > s.limit {
				errs[i] = []*Error{xs[i].at(xs[i].block.Line, "%s", s.overBudget(spent))}
				failed = k
				break
			}
			s.sizes = append(s.sizes, entries[k].Sizes)
			xs[i].opts.(*computeOptions).spent = int64(entries[k].Steps) + entries[k].Work
		}
		s.lazy = true
	} else {
		failed, errs = s.runAll()
		read = s.files
	}
	s.failed = failed
	for k, i := range idx {
		if k < failed {
			o := xs[i].opts.(*computeOptions)
			o.html = computeHTML(o)
		}
	}
	for _, i := range users {
		above := 0 // how many compute blocks are above the block
		for above < len(idx) && idx[above] < i {
			above++
		}
		if above > failed {
			xs[i].ready = false // the page fails on the compute block already
			continue
		}
		xs[i].opts.(namespaceUser).useNamespace(s.dataKey(above), func() (starlark.StringDict, error) { return s.namespace(above) })
		if u, ok := xs[i].opts.(sizeUser); ok && above < len(s.sizes) {
			u.useSizes(s.sizes[above])
		}
	}
	return errs, readNames(read), s
}

// readNames returns the names of files, cleaned (./a.csv is a.csv), each
// once, sorted.
func readNames(files []dataFile) []string {
	seen := map[string]bool{}
	var names []string
	for _, f := range files {
		if name := path.Clean(f.Name); !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// runAll runs every compute block in order until one fails, saving the run
// of each in the cache and a snapshot of the globals after it. It returns
// the index among s.idx of the block that failed (len(s.idx) for none) and
// its problem.
func (s *computeSession) runAll() (int, map[int][]*Error) {
	errs := map[int][]*Error{}
	for k, i := range s.idx {
		x := s.xs[i]
		o := x.opts.(*computeOptions)
		steps, work := s.thread.ExecutionSteps(), s.lib.Work()
		if e := s.run(x, o); e != nil {
			errs[i] = []*Error{e}
			return k, errs // later blocks would only fail on what this one did not define
		}
		sizes := valueSizes(s.globals)
		if !s.lazy {
			o.spent = int64(s.thread.ExecutionSteps()-steps) + s.lib.Work() - work
		}
		entry := computeEntry{Files: append([]dataFile(nil), s.files...), Steps: s.thread.ExecutionSteps() - steps, Work: s.lib.Work() - work, Sizes: sizes}
		s.fileSets[k+1] = entry.Files
		if spent := int64(s.thread.ExecutionSteps()) + s.lib.Work(); spent > s.limit {
			errs[i] = []*Error{x.at(x.block.Line, "%s", s.overBudget(spent))}
			return k, errs
		}
		if data, err := json.Marshal(entry); err == nil {
			_ = s.page.Env.store().Put(computeKind, s.keys[k+1], data)
		}
		s.snapshots = append(s.snapshots, copyDict(s.globals))
		if !s.lazy {
			s.sizes = append(s.sizes, sizes)
		}
	}
	return len(s.idx), errs
}

// dataKey is the cache key of the values the first k compute blocks
// computed: their code (keys[k]) and the digests of the data files they
// read.
func (s *computeSession) dataKey(k int) string {
	parts := []string{"compute-data", s.keys[k]}
	for _, f := range s.fileSets[k] {
		parts = append(parts, f.Name, f.Digest)
	}
	return cache.Key(parts...)
}

// namespace returns the globals as of after the first k compute blocks,
// running the blocks first when the cache spared them.
func (s *computeSession) namespace(k int) (starlark.StringDict, error) {
	if k > 0 && s.lazy {
		s.once.Do(func() {
			if failed, errs := s.runAll(); failed < len(s.idx) {
				// They ran without a problem before, with the same code
				// and data: only a bug gets here.
				e := errs[s.idx[failed]][0]
				s.lazyErr = fmt.Errorf("internal error: the compute block on line %d, which ran before with the same code and data, failed when run again: %s; please report it", e.Line, e.Msg)
			}
		})
		if s.lazyErr != nil {
			return nil, s.lazyErr
		}
	}
	return s.snapshots[k], nil
}

// copyDict returns a shallow copy of d.
func copyDict(d starlark.StringDict) starlark.StringDict {
	out := make(starlark.StringDict, len(d))
	for k, v := range d {
		out[k] = v
	}
	return out
}

// overBudget words the problem of compute blocks that spent more than the
// page's budget left them.
func (s *computeSession) overBudget(spent int64) string {
	return fmt.Sprintf("with this block the compute blocks of the page have spent %s units of work (Starlark steps plus numeric operations), over the %s that the page's work budget of %s (a fixed limit) leaves them after what its other blocks need; compute less (fewer points, a vectorised builtin instead of a loop) or split the explainer into several pages",
		thousands(spent), thousands(max(s.limit, 0)), thousands(MaxPageWork))
}

// cached returns the entries of every key when each is in the cache and
// every data file it names still has the same bytes, or nil.
func (s *computeSession) cached(keys []string) []computeEntry {
	store := s.page.Env.store()
	if store == nil {
		return nil
	}
	entries := make([]computeEntry, len(keys))
	checked := map[string]bool{}
	for k, key := range keys {
		data, ok := store.Get(computeKind, key)
		if !ok || json.Unmarshal(data, &entries[k]) != nil {
			return nil
		}
		for _, f := range entries[k].Files {
			if checked[f.Name+"\x00"+f.Digest] {
				continue
			}
			b, err := s.readData(f.Name)
			if err != nil || cache.Key("data", string(b)) != f.Digest {
				return nil
			}
			checked[f.Name+"\x00"+f.Digest] = true
		}
	}
	return entries
}

// run executes one block in the page's globals, then freezes them.
func (s *computeSession) run(x *expansion, o *computeOptions) *Error {
	b := x.block
	computeRuns.Add(1)
	// Blank lines before the body make Starlark's line numbers the essay's.
	src := strings.Repeat("\n", max(b.BodyLine-1, 0)) + string(b.Body)
	f, err := computeFileOptions.Parse(s.page.File, src, 0)
	if err == nil {
		rewritePercentUnder(f) // Python's "%.4f" % x (percent.go)
		err = starlark.ExecREPLChunk(f, s.thread, s.globals)
	}
	s.globals.Freeze()
	if err == nil {
		return nil
	}
	return s.problem(x, err)
}

// problem turns a Starlark error into the block's error at the essay line
// of the failing statement.
func (s *computeSession) problem(x *expansion, err error) *Error {
	line := x.block.Line
	var (
		se  syntax.Error
		re  resolve.ErrorList
		ee  *starlark.EvalError
		msg = err.Error()
	)
	switch {
	case errors.As(err, &se):
		line, msg = int(se.Pos.Line), "syntax error: "+se.Msg
		b := x.block
		src := strings.Repeat("\n", max(b.BodyLine-1, 0)) + string(b.Body)
		if open, c, ok := unclosedBracket(src, se); ok {
			msg = fmt.Sprintf("syntax error: the %c on this line is never closed (on line %d Starlark %s)", c, line, se.Msg)
			line = open
		}
	case errors.As(err, &re):
		line, msg = int(re[0].Pos.Line), s.withSuggestion(re[0].Msg)
	case errors.As(err, &ee):
		msg = ee.Msg
		if s.stepHit {
			if s.stepCap == MaxComputeSteps {
				msg = fmt.Sprintf("the compute blocks of the page ran over the limit of %s Starlark steps for one page (a fixed limit); use a vectorised builtin (e.g. sum(xs) or kde(…)) instead of a loop, or compute less", thousands(MaxComputeSteps))
			} else {
				msg = s.overBudget(int64(s.stepCap) + s.lib.Work())
			}
		}
		var frames []string
		for _, fr := range ee.CallStack {
			if fr.Pos.Filename() != s.page.File || fr.Pos.Line <= 0 {
				continue
			}
			line = int(fr.Pos.Line)
			where := "top level"
			if fr.Name != "<toplevel>" {
				where = "in " + fr.Name
			}
			frames = append(frames, fmt.Sprintf("line %d (%s)", fr.Pos.Line, where))
		}
		if len(frames) > 1 {
			msg += "; traceback, most recent call last: " + strings.Join(frames, ", ")
		}
	}
	return x.at(line, "%s", msg)
}

// withSuggestion adds a did-you-mean to an "undefined: name" message that
// has none, from the page's names so far and Starlark's own.
func (s *computeSession) withSuggestion(msg string) string {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok || strings.Contains(name, " ") {
		return msg
	}
	return msg + didYouMean(name, s.globals) + "; a block sees the names of the blocks above it on the page, never those below"
}

// didYouMean returns " (did you mean X?)" for the name nearest to name
// among globals and Starlark's universe, or "" when none is near.
func didYouMean(name string, globals starlark.StringDict) string {
	var names []string
	for n := range globals {
		if n != percentName {
			names = append(names, n)
		}
	}
	for n := range starlark.Universe {
		names = append(names, n)
	}
	sort.Strings(names)
	if c := suggest.Closest(name, names); c != "" {
		return fmt.Sprintf(" (did you mean %s?)", c)
	}
	return ""
}

// refuseLoad is the thread's Load: compute blocks reach no module.
func refuseLoad(*starlark.Thread, string) (starlark.StringDict, error) {
	return nil, errors.New("load is not available in {compute} blocks: the numeric library is predeclared, and a page's blocks share their names")
}

// fileName names a data file in errors about its contents as the site's
// other files are named: by its path, e.g. content/kde/faithful.csv.
func (s *computeSession) fileName(name string) string {
	return filepath.ToSlash(filepath.Join(s.page.Dir, path.Clean(name)))
}

// readFile is read_csv's access to disk: a file of the explainer's folder,
// recorded with its digest for the cache.
func (s *computeSession) readFile(name string) ([]byte, error) {
	data, err := s.readData(name)
	if err != nil {
		return nil, err
	}
	if !s.read[name] {
		s.read[name] = true
		s.files = append(s.files, dataFile{Name: name, Digest: cache.Key("data", string(data))})
	}
	return data, nil
}

// readData reads name from the explainer's folder, refusing anything that
// leads out of it.
func (s *computeSession) readData(name string) ([]byte, error) {
	if s.page.Dir == "" {
		return nil, fmt.Errorf("%s: this page is not an explainer folder, so it has no files to read; make it content/<slug>/index.md and put %s beside it", name, name)
	}
	outside := fmt.Errorf("%s: read_csv reads only files of the explainer's folder %s, named relative to it (e.g. data.csv or data/old-faithful.csv)", name, filepath.ToSlash(s.page.Dir))
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || filepath.IsAbs(name) {
		return nil, outside
	}
	clean := path.Clean(name)
	if clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains("/"+name+"/", "/../") {
		return nil, outside
	}
	root, err := os.OpenRoot(s.page.Dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	defer root.Close()
	f, err := root.Open(clean)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file in the explainer's folder %s", name, filepath.ToSlash(s.page.Dir))
		}
		if strings.Contains(err.Error(), "escapes from parent") {
			return nil, fmt.Errorf("%s: is a symbolic link out of the explainer's folder %s; read_csv reads only files of the folder, so copy the file in", name, filepath.ToSlash(s.page.Dir))
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: is not a regular file", name)
	}
	if info.Size() > maxDataFileBytes {
		return nil, fmt.Errorf("%s: the file is %s, over the limit of %s for a data file", name, ByteSize(info.Size()), ByteSize(maxDataFileBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDataFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return data, nil
}
