package directive

import "fmt"

// Error is a problem with one directive block, located in its source file.
// It prints as "content/x.md:14: {compare}: option "bandwidth" must be > 0, got "-0.2"".
type Error struct {
	File      string // path of the Markdown file, as given to Expand
	Line      int    // 1-based line of the offending option, or of the opening fence
	Directive string // the directive's name, without braces
	Msg       string // what is wrong and what was expected
}

// Error formats the problem as file:line: {name}: message.
func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: {%s}: %s", e.File, e.Line, e.Directive, e.Msg)
}

// optionError is returned by a directive's Run for a problem that concerns one
// option (usually a check across several options, such as query < n), so that
// the error can point at the line where that option was written.
type optionError struct {
	option string
	msg    string
}

func (e *optionError) Error() string { return e.msg }

// OptionErrorf reports a problem with the named option, for a directive's
// run function or Limits: the error is shown at the line where the author
// wrote that option (or at the block's first line when they did not).
func OptionErrorf(option, format string, args ...any) error {
	return &optionError{option: option, msg: fmt.Sprintf(format, args...)}
}

// partError is a problem with one part of an option's value, such as one
// entry of a matrix. Its message quotes the offending part itself, so the
// whole value is not quoted again after it.
type partError struct{ msg string }

func (e *partError) Error() string { return e.msg }

// PartErrorf reports a problem with one part of an option's value, for a
// Value's Set: the message quotes the part, so the whole value is not
// quoted again after it.
func PartErrorf(format string, args ...any) error {
	return &partError{msg: fmt.Sprintf(format, args...)}
}
