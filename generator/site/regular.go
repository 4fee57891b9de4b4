package site

import (
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// A named pipe, a device or a socket among the inputs would make a build
// wait forever for bytes that never come (opening a pipe for reading blocks
// until something writes to it). Every input is therefore opened without
// blocking and refused unless it is a regular file.

// openRegular opens file for reading, refusing anything but a regular file.
func openRegular(file string) (*os.File, error) {
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file but %s; only files can be read", file, kindOf(info.Mode()))
	}
	return f, nil
}

// readRegular reads a whole regular file, as os.ReadFile does.
func readRegular(file string) ([]byte, error) {
	f, err := openRegular(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// regularInfo returns the size and modification time of a regular file,
// refusing anything else, without reading it.
func regularInfo(file string) (int64, time.Time, error) {
	f, err := openRegular(file)
	if err != nil {
		return 0, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, time.Time{}, err
	}
	return info.Size(), info.ModTime(), nil
}

// kindOf names a file mode's type for messages.
func kindOf(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	}
	return "not a file"
}
