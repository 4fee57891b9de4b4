package site

import "testing"

func TestBasePathAcceptsWhatGitHubPagesGives(t *testing.T) {
	tests := []struct {
		in, want string
		fails    bool
	}{
		{in: "", want: "/"},
		{in: "/", want: "/"},
		{in: "/repo", want: "/repo/"},
		{in: "/repo/", want: "/repo/"},
		{in: "https://user.github.io/repo/", want: "/repo/"},
		{in: "https://user.github.io/repo", want: "/repo/"},
		{in: "https://example.com/", want: "/"},
		{in: "https://example.com", want: "/"},
		{in: "repo/", fails: true},
		{in: "/a b/", fails: true},
		{in: `/x"onload="/`, fails: true},
		{in: "//evil.example/", fails: true},
		{in: "//evil.example", fails: true},
		{in: "https://user.github.io//evil.example/", fails: true},
		{in: "/a//b/", fails: true},
		{in: "/a/../b/", fails: true},
		{in: `/\evil.example/`, fails: true},
		{in: "/a/b/", want: "/a/b/"},
	}
	for _, tt := range tests {
		got, err := Config{BaseURL: tt.in}.basePath()
		switch {
		case tt.fails && err == nil:
			t.Errorf("basePath(%q) = %q, want an error", tt.in, got)
		case !tt.fails && (err != nil || got != tt.want):
			t.Errorf("basePath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
