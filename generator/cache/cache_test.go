package cache

import (
	"os"
	"path/filepath"
	"strings"
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
	entries, _ := filepath.Glob(filepath.Join(s.dir, format, "math", k[:2], "*"))
	if len(entries) != 1 || filepath.Base(entries[0]) != k[2:] {
		t.Errorf("the folder of the entry holds %v, want the entry alone", entries)
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

// entryFile is where s keeps the entry of kind and key.
func entryFile(t *testing.T, s *Store, kind, key string) string {
	t.Helper()
	file, ok := s.path(kind, key)
	if !ok {
		t.Fatalf("%q has no path", key)
	}
	return file
}

func TestATamperedEntryIsMissedRemovedAndWarnedOfOnce(t *testing.T) {
	a, b := Key("a"), Key("b")
	tamper := map[string]func(s *Store){
		"truncated": func(s *Store) {
			f := entryFile(t, s, "math", a)
			data, _ := os.ReadFile(f)
			os.WriteFile(f, data[:len(data)-3], 0o644)
		},
		"with markup appended": func(s *Store) {
			f := entryFile(t, s, "math", a)
			data, _ := os.ReadFile(f)
			os.WriteFile(f, append(data, "<script>alert(1)</script>"...), 0o644)
		},
		"swapped with another entry": func(s *Store) {
			fa, fb := entryFile(t, s, "math", a), entryFile(t, s, "math", b)
			da, _ := os.ReadFile(fa)
			db, _ := os.ReadFile(fb)
			os.WriteFile(fa, db, 0o644)
			os.WriteFile(fb, da, 0o644)
		},
		"moved to another kind": func(s *Store) {
			data, _ := os.ReadFile(entryFile(t, s, "figure", a))
			os.WriteFile(entryFile(t, s, "math", a), data, 0o644)
		},
		"without its checksum line": func(s *Store) {
			os.WriteFile(entryFile(t, s, "math", a), []byte("<b>A</b>"), 0o644)
		},
		"emptied": func(s *Store) { os.WriteFile(entryFile(t, s, "math", a), nil, 0o644) },
		"replaced by a link": func(s *Store) {
			f := entryFile(t, s, "math", a)
			os.Remove(f)
			os.Symlink(entryFile(t, s, "math", b), f)
		},
	}
	for name, change := range tamper {
		t.Run(name, func(t *testing.T) {
			s := Open(t.TempDir())
			for _, e := range []struct{ kind, key, data string }{{"math", a, "<b>A</b>"}, {"math", b, "<b>B</b>"}, {"figure", a, "<svg/>"}} {
				if err := s.Put(e.kind, e.key, []byte(e.data)); err != nil {
					t.Fatal(err)
				}
			}
			change(s)
			if got, ok := s.Get("math", a); ok {
				t.Errorf("Get returned %q from an entry %s", got, name)
			}
			if w := s.Warnings(); len(w) != 1 || !strings.Contains(w[0], "computed again") {
				t.Errorf("warnings %q, want one", w)
			}
			if w := s.Warnings(); len(w) != 0 {
				t.Errorf("warnings %q were given twice", w)
			}
			if name != "swapped with another entry" {
				if got, ok := s.Get("math", b); !ok || string(got) != "<b>B</b>" {
					t.Errorf("an untouched entry reads %q, %v", got, ok)
				}
			}
			s.Put("math", a, []byte("<b>A</b>"))
			if got, ok := s.Get("math", a); !ok || string(got) != "<b>A</b>" {
				t.Errorf("the entry put again reads %q, %v", got, ok)
			}
		})
	}
}

func TestKeysThatAreNotDigestsHaveNoEntry(t *testing.T) {
	s := Open(t.TempDir())
	for _, key := range []string{"", "../../../../etc/passwd", Key("a")[:10], strings.ToUpper(Key("a"))} {
		if err := s.Put("math", key, []byte("x")); err == nil {
			t.Errorf("Put under %q succeeded", key)
		}
		if _, ok := s.Get("math", key); ok {
			t.Errorf("Get under %q found an entry", key)
		}
	}
	if err := s.Put("../x", Key("a"), []byte("x")); err == nil {
		t.Error("Put under the kind ../x succeeded")
	}
}
