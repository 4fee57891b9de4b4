package site

import (
	"os"
	"strings"
	"testing"
)

func TestAuthorIsAFrontMatterKey(t *testing.T) {
	tests := []struct {
		name   string
		values map[string]any
		want   string
		fails  string
	}{
		{name: "a name is kept, trimmed", values: map[string]any{"title": "T", "author": "  Ada Lovelace "}, want: "Ada Lovelace"},
		{name: "no author is fine", values: map[string]any{"title": "T"}},
		{name: "an empty author is an error", values: map[string]any{"title": "T", "author": " "}, fails: `"author" must be a name, got " "`},
		{name: "a number is an error", values: map[string]any{"title": "T", "author": 3}, fails: `"author" must be a name, got the number 3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, errs := decodeMeta(tt.values, nil, 2)
			if tt.fails == "" {
				if len(errs) > 0 || m.Author != tt.want {
					t.Errorf("author %q, errors %v; want %q", m.Author, errs, tt.want)
				}
				return
			}
			if len(errs) != 1 || !strings.Contains(errs[0].msg, tt.fails) {
				t.Errorf("errors %v, want one saying %s", errs, tt.fails)
			}
		})
	}
}

// TestReadmeDocumentsEveryFrontMatterKey keeps the README's front matter
// table in step with the keys the decoder accepts.
func TestReadmeDocumentsEveryFrontMatterKey(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range metaFields {
		if !strings.Contains(string(data), "\n| `"+key+"` |") {
			t.Errorf("README's front matter table has no row for %q", key)
		}
	}
}
