package directive

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/starnum"
)

// This file holds the whole contract of the {eval} role, {eval}`expr`,
// which puts a value the page computed into its prose (markup reads it).
//
// Namespace. The expression is Starlark, evaluated in the frozen globals
// of the page's {compute} blocks as they stand at the role: after the
// blocks above it, never those below (as {plot} sees them, compute.go). A
// role in a figure's caption sees what its figure sees. An expression
// cannot change a value; formatting is Starlark's own: "%.4f" % h.
//
// Value. A string is shown as it is, an int or a float as Starlark's str()
// writes it, all as text (escaped, never markup), at most MaxEvalChars
// characters. Any other value is an error asking to format it.
//
// Limits. Each role may spend MaxEvalWork units (Starlark steps plus the
// numeric library's operations), and what the page's roles spend counts,
// after its compute blocks, into what the page's work budget leaves them
// (computeSession.limit); a page has at most MaxEvals roles. The counts are
// deterministic and kept in the cache with each value, so a page over a
// limit fails the same way cached or not.
//
// Cache. A value is kept under its expression and the key of the values of
// the compute blocks above the role (their code and the digests of their
// data files). A page whose every role and compute block comes from the
// cache runs no Starlark at all, so a prose edit computes nothing; a new or
// changed expression runs the page's compute blocks once (if the cache had
// spared them) and evaluates that role; a code or data edit changes the key
// of every role below it.

// MaxEvalChars bounds the text of one {eval} value: a number or a short
// phrase.
const MaxEvalChars = 200

// MaxEvalWork bounds the work of one {eval}: a million Starlark steps and
// numeric operations, about 5 ms. Heavier work belongs in a {compute} block.
const MaxEvalWork = 1_000_000

// MaxEvals bounds the {eval} roles of one page, captions included.
const MaxEvals = 1_000

// evalKind names {eval} values in the cache.
const evalKind = "eval"

// evalEntry is what the cache keeps of an evaluated role.
type evalEntry struct {
	Value string `json:"value"`
	Steps int64  `json:"steps"`
	Work  int64  `json:"work"`
}

// evaluator evaluates the {eval} roles of one page, in order: those of its
// prose, then those of each caption as its figure is finished.
type evaluator struct {
	page    Page
	s       *computeSession // nil when the page has no ready compute block
	xs      []*expansion    // the page's blocks
	skipped bool            // the page failed before its roles could be evaluated: evaluate nothing
	room    int64           // the work the page's budget leaves its roles
	count   int             // roles seen so far
	spent   int64           // what the roles evaluated so far spent
}

// evalErrors are the problems of a caption's roles, returned through the
// caption renderer (Page.CaptionEval) to finish, which reports each as it is.
type evalErrors []*Error

func (e evalErrors) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Msg
	}
	return strings.Join(msgs, "; ")
}

// prose evaluates the roles of the page's text (Page.Evals).
func (v *evaluator) prose() []*Error {
	var errs []*Error
	for _, e := range v.page.Evals {
		if err := v.evalAt(e, e.Line, e.Line); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// caption returns the function that evaluates the roles of the caption of
// x, whose lines count from the caption's first.
func (v *evaluator) caption(x *expansion) func([]*markup.Eval) error {
	return func(roles []*markup.Eval) error {
		var errs evalErrors
		for _, e := range roles {
			line := x.block.BodyLine + max(e.Line, 1) - 1
			if v == nil {
				errs = append(errs, evalError(line, "{eval} roles are evaluated only when the whole page is expanded"))
				continue
			}
			if err := v.evalAt(e, line, x.block.Line); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) > 0 {
			return errs
		}
		return nil
	}
}

// evalError is a problem of the role at line.
func evalError(line int, format string, args ...any) *Error {
	return &Error{Line: line, Directive: "eval", Msg: fmt.Sprintf(format, args...)}
}

// evalAt evaluates the role e, reported at line, in the namespace as of
// the page's line at (the role's own line, or its figure's).
func (v *evaluator) evalAt(e *markup.Eval, line, at int) *Error {
	if v.skipped {
		return nil
	}
	v.count++
	if v.count > MaxEvals {
		if v.count == MaxEvals+1 {
			return evalError(line, "this is role %s of the page, over the limit of %s {eval} roles for one page (a fixed limit); split the explainer into several pages", thousands(int64(v.count)), thousands(MaxEvals))
		}
		return nil
	}
	if e.Problem != "" {
		return evalError(line, "%s", e.Problem)
	}
	if strings.TrimSpace(e.Expr) == "" {
		return evalError(line, "the role holds no expression; write one between the backticks, e.g. {eval}`\"%%.4f\" %% h`")
	}
	// The compute blocks above at: how many are ready, and whether one is
	// not (its problem is reported, and its names are missing).
	above, first, broken := 0, 0, false
	for _, x := range v.xs {
		if x.block.Name != "compute" {
			continue
		}
		if first == 0 {
			first = x.block.Line
		}
		if x.block.Line >= at {
			break
		}
		if x.ready {
			above++
		} else {
			broken = true
		}
	}
	switch {
	case broken || (v.s != nil && above > v.s.failed):
		return nil // the page fails on that block already
	case above == 0 && first == 0:
		return evalError(line, "the page has no {compute} block; an {eval} role shows a value that the {compute} blocks above it computed")
	case above == 0:
		return evalError(line, "there is no {compute} block above this role (the first is on line %d); an {eval} role sees only the names of the {compute} blocks above it", first)
	}
	return v.eval(e, line, above)
}

// eval evaluates e in the namespace after the first k compute blocks, or
// takes its value from the cache.
func (v *evaluator) eval(e *markup.Eval, line, k int) *Error {
	s := v.s
	store := v.page.Env.store()
	key := cache.Key(evalKind, s.dataKey(k), e.Expr)
	if data, ok := store.Get(evalKind, key); ok {
		var entry evalEntry
		if json.Unmarshal(data, &entry) == nil && utf8.RuneCountInString(entry.Value) <= MaxEvalChars && entry.Steps >= 0 && entry.Work >= 0 {
			if err := v.account(e, line, entry.Steps+entry.Work); err != nil {
				return err
			}
			e.Value, e.Done = entry.Value, true
			return nil
		}
		store.Warn("the {eval} value under key %s cannot be read; it was evaluated again", key)
	}
	ns, err := s.namespace(k)
	if err != nil {
		return evalError(line, "%v", err)
	}
	expr, err := computeFileOptions.ParseExpr(v.page.File, e.Expr, 0)
	if err != nil {
		return evalError(line, "%s", v.compileProblem(e.Expr, err, k))
	}
	remaining := v.room - v.spent
	limit := min(int64(MaxEvalWork), max(remaining, 1))
	hit := false
	thread := &starlark.Thread{Name: v.page.File, Load: refuseLoad, Print: func(*starlark.Thread, string) {}}
	thread.SetMaxExecutionSteps(uint64(limit))
	thread.OnMaxSteps = func(t *starlark.Thread) {
		hit = true
		t.Cancel("step limit")
	}
	// The library's builtins are the role's own, bounded by its limit and
	// reading no file; functions the blocks defined count into theirs.
	lib := starnum.New(starnum.Options{MaxWork: limit})
	env := copyDict(ns)
	for name, b := range lib.Predeclared() {
		if _, builtin := env[name].(*starlark.Builtin); builtin {
			env[name] = b
		}
	}
	work, files := s.lib.Work(), len(s.files)
	value, err := starlark.EvalExprOptions(computeFileOptions, thread, rewritePercent(expr), env)
	var re resolve.ErrorList
	if errors.As(err, &re) {
		return evalError(line, "%s", v.compileProblem(e.Expr, err, k))
	}
	if len(s.files) > files {
		// The file would be missing from the value's cache key.
		return evalError(line, "`%s` reads the file %s; an {eval} role reads no file: read it in a {compute} block and show what it computed", e.Expr, s.files[files].Name)
	}
	cost := int64(thread.ExecutionSteps()) + lib.Work() + s.lib.Work() - work
	total := v.spent + max(cost, limit*boolInt(hit))
	switch {
	case (hit && limit < MaxEvalWork) || total > v.room:
		return evalError(line, "%s", v.overBudget(total))
	case hit || cost > MaxEvalWork:
		return evalError(line, "`%s` ran over the limit of %s units of work (Starlark steps and numeric operations) for one {eval} role (a fixed limit); compute the value in a {compute} block and show it here by name", e.Expr, thousands(MaxEvalWork))
	case err != nil:
		msg := err.Error()
		var ee *starlark.EvalError
		if errors.As(err, &ee) {
			msg = ee.Msg
		}
		return evalError(line, "evaluating `%s`: %s", e.Expr, msg)
	}
	text, problem := evalText(e.Expr, value)
	if problem != "" {
		return evalError(line, "%s", problem)
	}
	if err := v.account(e, line, cost); err != nil {
		return err
	}
	e.Value, e.Done = text, true
	if data, err := json.Marshal(evalEntry{Value: text, Steps: int64(thread.ExecutionSteps()), Work: cost - int64(thread.ExecutionSteps())}); err == nil {
		_ = store.Put(evalKind, key, data)
	}
	return nil
}

// boolInt is 1 for true and 0 for false.
func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// account adds what a role spent to the page's count, failing when the
// page's compute blocks and roles together are over what the page's work
// budget leaves them.
func (v *evaluator) account(e *markup.Eval, line int, cost int64) *Error {
	v.spent += cost
	if v.spent > v.room {
		return evalError(line, "%s", v.overBudget(v.spent))
	}
	return nil
}

// overBudget words the problem of roles that spent more than the page's
// work budget leaves them.
func (v *evaluator) overBudget(spent int64) string {
	return fmt.Sprintf("with this role the {eval} roles of the page have spent %s units of work (Starlark steps plus numeric operations), over the %s that the page's work budget of %s (a fixed limit) leaves them after its directives and compute blocks; compute less, or split the explainer into several pages",
		thousands(spent), thousands(max(v.room, 0)), thousands(MaxPageWork))
}

// pageWork is the work of the page's ready blocks once the compute blocks
// ran: what each declared, and what each compute block spent.
func pageWork(xs []*expansion) int64 {
	var total int64
	for _, x := range xs {
		if !x.ready {
			continue
		}
		total += min(x.opts.(Estimator).Work(), MaxPageWork)
		if c, ok := x.opts.(*computeOptions); ok {
			total += c.spent
		}
	}
	return min(total, MaxPageWork)
}

// evalText is the text of a role's value, or the problem with it.
func evalText(expr string, value starlark.Value) (string, string) {
	var text string
	switch x := value.(type) {
	case starlark.String:
		text = string(x)
	case starlark.Int, starlark.Float:
		text = x.String()
	default:
		shown := value.String()
		if utf8.RuneCountInString(shown) > 40 {
			shown = string([]rune(shown)[:40]) + "…"
		}
		return "", fmt.Sprintf("`%s` is a %s (%s), not a string or a number; format it into a string in the expression, e.g. {eval}`\"%%.4f\" %% x` or {eval}`str(x)`", expr, value.Type(), shown)
	}
	if n := utf8.RuneCountInString(text); n > MaxEvalChars {
		return "", fmt.Sprintf("`%s` gives %s characters, over the limit of %d for one {eval} role (a fixed limit); a role shows a number or a short phrase: format it shorter, e.g. \"%%.4f\" %% x", expr, thousands(int64(n)), MaxEvalChars)
	}
	return text, ""
}

// compileProblem words a syntax or name error of an expression evaluated
// after the first k compute blocks, pointing out a name that a block below
// defines.
func (v *evaluator) compileProblem(expr string, err error, k int) string {
	var se syntax.Error
	var re resolve.ErrorList
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error in `%s`: %s; a role holds one Starlark expression, e.g. {eval}`\"%%.4f\" %% h`", expr, se.Msg)
	case errors.As(err, &re):
		msg := re[0].Msg
		name, ok := strings.CutPrefix(msg, "undefined: ")
		if !ok || strings.Contains(name, " ") {
			return msg
		}
		s := v.s
		for j := k + 1; j < len(s.snapshots); j++ {
			if _, below := s.snapshots[j][name]; below {
				return fmt.Sprintf("%s is defined by the {compute} block on line %d, below this role; an {eval} role sees only the names of the {compute} blocks above it: move the role below that block, or the computation above the role", name, s.xs[s.idx[j-1]].block.Line)
			}
		}
		return msg + didYouMean(name, s.snapshots[k]) + "; an {eval} role sees the names of the {compute} blocks above it"
	}
	return err.Error()
}
