package site

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// hostileFrontMatter builds an essay whose front matter is fm.
func hostileFrontMatter(delim, fm string) string {
	return delim + "\n" + fm + delim + "\n\nText.\n"
}

func TestFrontMatterThatWouldExplodeIsRefusedBeforeDecoding(t *testing.T) {
	anchor := strings.Repeat("x", 2000)
	var aliases strings.Builder
	for range 200 {
		aliases.WriteString("*a, ")
	}
	var laughs strings.Builder // nine levels of nine aliases each: 9^9 strings once decoded
	laughs.WriteString("title: T\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&laughs, "l%d: &l%d [", i, i)
		for range 9 {
			fmt.Fprintf(&laughs, "*l%d, ", i-1)
		}
		laughs.WriteString("]\n")
	}
	laughs.WriteString("tags: *l8\n")
	tests := []struct {
		name, essay, want string
	}{
		{
			"a YAML anchor repeated in tags",
			hostileFrontMatter("---", "title: T\nx: &a "+anchor+"\ntags: ["+aliases.String()+"]\n"),
			`"tags" holds 200 tags, over the limit of 32`,
		},
		{"a YAML anchor as the title", hostileFrontMatter("---", "x: &a "+anchor+"\ntitle: *a\n"), `"title" is 2000 characters long, over the limit of 300`},
		{"a long tag", hostileFrontMatter("---", "title: T\ntags: ["+strings.Repeat("y", 65)+"]\n"), "item 1 is 65 characters long, over the limit of 64"},
		{"a long description", hostileFrontMatter("---", "title: T\ndescription: "+strings.Repeat("d ", 600)+"\n"), `"description" is`},
		{"a long author", hostileFrontMatter("---", "title: T\nauthor: "+strings.Repeat("a", 201)+"\n"), `"author" is 201 characters long`},
		{"nested YAML aliases", hostileFrontMatter("---", laughs.String()), "excessive aliasing"},
		{"a large block", hostileFrontMatter("---", "title: T\n"+strings.Repeat("# a comment\n", 2000)), "front matter: 24009 bytes, over the limit of 16384"},
		{"TOML inline tables nested deep", hostileFrontMatter("+++", "title = \"T\"\nx = "+strings.Repeat("{a = ", 2000)+"1"+strings.Repeat("}", 2000)+"\n"), "nested more than 16 deep"},
		{"TOML arrays nested deep", hostileFrontMatter("+++", "title = \"T\"\nx = "+strings.Repeat("[", 900)+strings.Repeat("]", 900)+"\n"), "nested more than 16 deep"},
		{"a TOML dotted key", hostileFrontMatter("+++", "title = \"T\"\n"+strings.Repeat("a.", 5000)+"a = 1\n"), "nested more than 16 deep"},
		{"a TOML table header", hostileFrontMatter("+++", "title = \"T\"\n["+strings.Repeat("a.", 40)+"a]\nb = 1\n"), "nested more than 16 deep"},
		{"YAML flow mappings nested deep", hostileFrontMatter("---", "title: T\nx: "+strings.Repeat("{a: ", 2000)+"1"+strings.Repeat("}", 2000)+"\n"), "nested more than 16 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := writeContent(t, map[string]string{"e.md": tt.essay})
			_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(t.TempDir(), "public")})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want a problem saying %s", err, tt.want)
			}
			if !strings.Contains(err.Error(), "e.md:") {
				t.Errorf("the problem names no line of the file: %v", err)
			}
		})
	}
}

func TestOrdinaryFrontMatterPassesTheShapeCheck(t *testing.T) {
	for name, fm := range map[string]string{
		"YAML with a list and a quoted bracket": hostileFrontMatter("---", "title: \"A [bracketed] { title\"\ntags: [a, b, c]\ndate: 2026-01-02\n"),
		"TOML with a quoted dot and a list":     hostileFrontMatter("+++", "title = \"v1.2.3 explained\"\ntags = [\"a\", \"b\"]\ndescription = 'it [has] {brackets}'\n"),
		"YAML with a comment holding brackets":  hostileFrontMatter("---", "title: T # [[[[[[[[[[[[[[[[[[[[\n"),
	} {
		content := writeContent(t, map[string]string{"e.md": fm})
		if _, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(t.TempDir(), "public")}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
