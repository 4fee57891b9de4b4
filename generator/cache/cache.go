// Package cache keeps build results on disk between builds, under keys that
// name everything the results depend on, so that a result is reused only
// when recomputing it would give the same bytes.
//
// The cache is checked, never trusted: every entry starts with a line
// holding the SHA-256 of its kind, its key and its contents, and an entry
// whose line does not match what is read (truncated, swapped with another,
// edited by hand) is removed and reported as a miss, with one warning, so
// that the result is computed again rather than published.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Store is a folder of cached results. A nil *Store caches nothing, so
// callers need not check whether caching is on. It is safe for concurrent use.
type Store struct {
	dir string

	mu       sync.Mutex
	warnings []string
}

// format names the layout of entries; a store of another layout is a
// different folder, so entries of an older one are never read.
const format = "v2"

// magic starts every entry, before the hex checksum and a newline.
const magic = "kernelpress-cache " + format + " sha256:"

// Open returns a Store in dir, or nil (no caching) when dir is empty. The
// folder is created when the first result is written.
func Open(dir string) *Store {
	if dir == "" {
		return nil
	}
	return &Store{dir: dir}
}

// Key hashes the parts into one key. Each part is length-prefixed, so that
// ("ab", "c") and ("a", "bc") give different keys.
func Key(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// path spreads entries of one kind over 256 folders by the key's first
// byte. Kinds and keys come from the code, never from the cache; a key that
// is not a hex digest has no path.
func (s *Store) path(kind, key string) (string, bool) {
	if len(key) != 2*sha256.Size || strings.Trim(key, "0123456789abcdef") != "" || kind == "" || strings.ContainsAny(kind, `/\.`) {
		return "", false
	}
	return filepath.Join(s.dir, format, kind, key[:2], key[2:]), true
}

// checksum is what an entry's first line records: the SHA-256 of its kind,
// its key and its contents.
func checksum(kind, key string, data []byte) string {
	return Key("entry", kind, key, string(data))
}

// Get returns the result stored under kind and key, if there is one. An
// entry that fails its checksum is removed, noted as a warning, and missed.
func (s *Store) Get(kind, key string) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	file, ok := s.path(kind, key)
	if !ok {
		return nil, false
	}
	info, err := os.Lstat(file)
	if err != nil {
		return nil, false
	}
	if !info.Mode().IsRegular() {
		s.Warn("%s is not a regular file; it was ignored and the result computed again", file)
		return nil, false
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	header, data, found := bytes.Cut(raw, []byte("\n"))
	sum, hasMagic := bytes.CutPrefix(header, []byte(magic))
	if !found || !hasMagic || string(sum) != checksum(kind, key, data) {
		_ = os.Remove(file)
		s.Warn("%s does not match its checksum (changed outside kernelpress?); it was removed and the result computed again", file)
		return nil, false
	}
	return data, true
}

// Warn notes a problem with the cache that the build survives, for
// Warnings to return.
func (s *Store) Warn(format string, args ...any) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings = append(s.warnings, "cache: "+fmt.Sprintf(format, args...))
}

// Warnings returns, sorted, the warnings noted since the last call, and
// forgets them.
func (s *Store) Warnings() []string {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.warnings
	s.warnings = nil
	slices.Sort(w)
	return slices.Compact(w)
}

// Put stores a result under kind and key. The file is written beside its
// final name and renamed into place, so a reader never sees half of it and
// concurrent writers of the same key (who write the same bytes) do no harm.
func (s *Store) Put(kind, key string, data []byte) error {
	if s == nil {
		return nil
	}
	final, ok := s.path(kind, key)
	if !ok {
		return fmt.Errorf("cache: %q is not a key", key)
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	entry := append([]byte(magic+checksum(kind, key, data)+"\n"), data...)
	if _, err := tmp.Write(entry); err != nil {
		tmp.Close()
		return fmt.Errorf("cache: writing %s: %w", final, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cache: writing %s: %w", final, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// DigestFS hashes the Go source files (not the tests) at the top of fsys,
// in name order: a version of the code they hold, for cache keys.
func DigestFS(fsys fs.FS) string {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		panic(fmt.Sprintf("cache: reading embedded sources: %v", err)) // embedded: cannot fail
	}
	parts := []string{"go-sources"}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(fmt.Sprintf("cache: reading embedded %s: %v", name, err))
		}
		parts = append(parts, name, string(data))
	}
	return Key(parts...)
}
