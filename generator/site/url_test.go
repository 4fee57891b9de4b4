package site

import "testing"

func TestOriginIsKnownOnlyForAFullURL(t *testing.T) {
	tests := []struct {
		name, in, want string
		fails          bool
	}{
		{name: "an empty base URL has no origin", in: ""},
		{name: "a path has no origin", in: "/repo/"},
		{name: "a project page URL gives its host", in: "https://user.github.io/repo/", want: "https://user.github.io"},
		{name: "a bare origin gives itself", in: "https://example.org", want: "https://example.org"},
		{name: "the scheme and host are lower-cased", in: "HTTPS://Example.ORG/x/", want: "https://example.org"},
		{name: "a port is kept", in: "http://localhost:8000/", want: "http://localhost:8000"},
		{name: "another scheme is refused", in: "ftp://example.org/", fails: true},
		{name: "a user name is refused", in: "https://me@example.org/", fails: true},
		{name: "a query is refused", in: "https://example.org/?x=1", fails: true},
		{name: "a host with markup is refused", in: `https://ex"ample.org/`, fails: true},
		{name: "a missing host is refused", in: "https:///repo/", fails: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Config{Directives: seedModel, BaseURL: tt.in}.origin()
			switch {
			case tt.fails && err == nil:
				t.Errorf("origin(%q) = %q, want an error", tt.in, got)
			case !tt.fails && (err != nil || got != tt.want):
				t.Errorf("origin(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			if _, err := (Config{Directives: seedModel, BaseURL: tt.in}).basePath(); tt.fails && err == nil {
				t.Errorf("basePath(%q) accepts what origin refuses", tt.in)
			}
		})
	}
}
