package site

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestANamedPipeAmongTheInputsIsRefusedNotWaitedFor(t *testing.T) {
	for _, where := range []string{"fifo.md", "_index.md", "bundle/pipe.csv"} {
		t.Run(where, func(t *testing.T) {
			content := writeContent(t, map[string]string{"a.md": "---\ntitle: A\n---\n\nText.\n"})
			if err := os.MkdirAll(filepath.Join(content, "bundle"), 0o755); err != nil {
				t.Fatal(err)
			}
			// A bundle reads only the files its page uses: this one links
			// to the pipe.
			if err := os.WriteFile(filepath.Join(content, "bundle", "index.md"), []byte("---\ntitle: B\n---\n\nText, [data](pipe.csv).\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			fifo := filepath.Join(content, filepath.FromSlash(where))
			if strings.HasPrefix(where, "bundle/") {
				// A bundle skips a pipe it finds, but not a link to one.
				pipe := filepath.Join(content, "bundle", ".pipe")
				if err := syscall.Mkfifo(pipe, 0o644); err != nil {
					t.Fatalf("making a named pipe: %v", err)
				}
				if err := os.Symlink(".pipe", fifo); err != nil {
					t.Fatal(err)
				}
			} else if err := syscall.Mkfifo(fifo, 0o644); err != nil {
				t.Fatalf("making a named pipe: %v", err)
			}
			done := make(chan error, 1)
			go func() {
				_, _, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "is not a regular file but a named pipe") {
					t.Errorf("got %v, want the pipe refused", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("the build is still waiting on the named pipe after a minute")
			}
		})
	}
}

func TestMarkdownFilesAreFoundWhateverTheCaseOfTheirEnding(t *testing.T) {
	essay := "---\ntitle: T\n---\n\nText.\n"
	content := writeContent(t, map[string]string{"upper.MD": essay, "long.markdown": essay, "mixed.Markdown": essay, "notes.txt": "x"})
	out, sum, err := Generate(Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages != 3 {
		t.Errorf("built %d pages, want 3", sum.Pages)
	}
	for _, slug := range []string{"upper", "long", "mixed"} {
		if _, ok := out.Files[slug+"/index.html"]; !ok {
			t.Errorf("%s/index.html was not built", slug)
		}
	}
}
