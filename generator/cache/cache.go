// Package cache keeps build results on disk between builds, under keys that
// name everything the results depend on, so that a result is reused only
// when recomputing it would give the same bytes.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Store is a folder of cached results. A nil *Store caches nothing, so
// callers need not check whether caching is on.
type Store struct {
	dir string
}

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

// path spreads entries of one kind over 256 folders by the key's first byte.
func (s *Store) path(kind, key string) string {
	return filepath.Join(s.dir, kind, key[:2], key[2:])
}

// Get returns the result stored under kind and key, if there is one.
func (s *Store) Get(kind, key string) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	data, err := os.ReadFile(s.path(kind, key))
	if err != nil {
		return nil, false
	}
	return data, true
}

// Put stores a result under kind and key. The file is written beside its
// final name and renamed into place, so a reader never sees half of it and
// concurrent writers of the same key (who write the same bytes) do no harm.
func (s *Store) Put(kind, key string, data []byte) error {
	if s == nil {
		return nil
	}
	final := s.path(kind, key)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".tmp-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(data); err != nil {
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
