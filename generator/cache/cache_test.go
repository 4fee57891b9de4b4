package cache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKeyDependsOnEveryPartAndItsBoundaries(t *testing.T) {
	base := Key("katex", "0.19.1", "x_1")
	for name, other := range map[string]string{
		"another version":        Key("katex", "0.19.2", "x_1"),
		"another formula":        Key("katex", "0.19.1", "x_2"),
		"parts split elsewhere":  Key("katex", "0.19.", "1x_1"),
		"an extra empty part":    Key("katex", "0.19.1", "x_1", ""),
		"the parts in the other": Key("0.19.1", "katex", "x_1"),
	} {
		if other == base {
			t.Errorf("%s gives the same key", name)
		}
	}
	if Key("katex", "0.19.1", "x_1") != base {
		t.Error("the same parts give different keys")
	}
}

func TestStoreRoundTripsAndMissesCleanly(t *testing.T) {
	s := Open(filepath.Join(t.TempDir(), "cache"))
	k := Key("a")
	if _, ok := s.Get("math", k); ok {
		t.Fatal("an empty store has an entry")
	}
	if err := s.Put("math", k, []byte("<b>x</b>")); err != nil {
		t.Fatal(err)
	}
	got, ok := s.Get("math", k)
	if !ok || string(got) != "<b>x</b>" {
		t.Errorf("Get = %q, %v", got, ok)
	}
	if _, ok := s.Get("figure", k); ok {
		t.Error("a key stored under one kind is found under another")
	}
	leftovers, _ := filepath.Glob(filepath.Join(s.dir, "math", k[:2], ".tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestANilStoreCachesNothing(t *testing.T) {
	var s *Store = Open("")
	if err := s.Put("math", Key("a"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get("math", Key("a")); ok {
		t.Error("a nil store returned an entry")
	}
}

func TestAnUnwritableFolderIsAnError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Open(file).Put("math", Key("a"), []byte("x")); err == nil {
		t.Error("writing under a regular file succeeded")
	}
}
