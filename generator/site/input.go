package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/kernelpress/kernelpress/generator/markup"
)

// maxFileSize is the largest Markdown file a build reads, checked before
// parsing. The longest explainer is about 25 kB; a file forty times that is
// a mistake (a data dump pasted in, a binary saved as .md), and parsing it
// could take long. The limit is fixed: there is no flag to raise it.
const maxFileSize = 1 << 20

// utf8BOM is the byte order mark some editors write at the start of a file.
var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// readText reads a Markdown file, at most maxFileSize bytes of it, and
// checks it with checkText; the UTF-8 byte order mark is dropped.
func readText(file string) ([]byte, error) {
	f, err := openRegular(file)
	if err != nil {
		return nil, fmt.Errorf("%s:1: cannot read the file: %w", file, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s:1: cannot read the file: %w", file, err)
	}
	if len(src) > maxFileSize {
		if info, err := f.Stat(); err == nil && info.Size() > int64(len(src)) {
			return nil, tooLarge(file, int(info.Size()))
		}
	}
	src = bytes.TrimPrefix(src, utf8BOM)
	if err := checkText(file, src); err != nil {
		return nil, err
	}
	return src, nil
}

// tooLarge is the problem with a file over maxFileSize.
func tooLarge(file string, n int) error {
	return fmt.Errorf("%s:1: the file is %s, over the limit of %s for one Markdown file (a fixed limit: it cannot be raised); split the explainer, or keep large data out of the Markdown",
		file, size(n), size(maxFileSize))
}

// checkText refuses a Markdown file that cannot be an explainer before it
// is parsed: an empty file, one over maxFileSize, one that is not UTF-8 or
// holds NUL bytes, or one whose shape would make parsing it slow (see
// markup.CheckShape). The error is located as file:line and says what to do;
// shape problems are all reported, joined one per line.
func checkText(file string, src []byte) error {
	if len(bytes.TrimSpace(src)) == 0 {
		return fmt.Errorf("%s:1: the file is empty; an explainer starts with front matter: a line ---, then title: \"…\", then a line ---", file)
	}
	if len(src) > maxFileSize {
		return tooLarge(file, len(src))
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return fmt.Errorf("%s:%d: the file is not valid UTF-8 (byte 0x%02x at column %d); save it as UTF-8", file, line, src[i], col)
		case r == 0:
			return fmt.Errorf("%s:%d: the file holds a NUL byte (at column %d), so it is not text; an explainer is a Markdown file saved as UTF-8", file, line, col)
		case r == '\n':
			line, col = line+1, 0
		}
		i += n
		col++
	}
	var shapeErrs []error
	for _, e := range markup.CheckShape(src) {
		shapeErrs = append(shapeErrs, fmt.Errorf("%s:%d: %s", file, e.Line, e.Msg))
	}
	return errors.Join(shapeErrs...)
}

// size formats a byte count for a message: 10.5 MB, 1 MiB.
func size(n int) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
