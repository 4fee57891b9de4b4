package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBuildPrintsOneSummaryLine(t *testing.T) {
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "public")
	code := run([]string{"build", "-content", "../content", "-templates", "../templates", "-source", ".", "-out", out}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	// A line for each bundle with files of its own, then the summary.
	summary := regexp.MustCompile(`^(kernelpress: [a-z0-9-]+/: (published|kept private: ).*\n)*kernelpress: built \d+ pages? with \d+ figures? \(\d+ files\) in \S+ → .+/\n$`)
	if !summary.MatchString(stdout.String()) {
		t.Errorf("stdout is not one summary line: %q", stdout.String())
	}
}

func TestBuildSaysWhatEachBundlePublished(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a/index.md":  "---\ntitle: A\n---\n\n![A plot](plot.svg)\n",
		"a/plot.svg":  `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"a/notes.md":  "private",
		"b/index.md":  "---\ntitle: B\n---\n\nNothing but text.\n",
		"b/script.py": "print(1)",
		"c/index.md":  "---\ntitle: C\n---\n\nA bundle of one file.\n",
	} {
		file := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-content", filepath.Join(dir, "content"), "-templates", "../templates", "-source", ".", "-cache", "", "-out", filepath.Join(dir, "public")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr.String())
	}
	lines := strings.Split(stdout.String(), "\n")
	want := []string{"kernelpress: a/: published plot.svg (41 bytes); kept private: notes.md", "kernelpress: b/: kept private: script.py"}
	if len(lines) != 4 || lines[0] != want[0] || lines[1] != want[1] || !strings.HasPrefix(lines[2], "kernelpress: built 3 pages") {
		t.Errorf("stdout:\n%s\nwant the lines\n%s\nthen the summary", stdout.String(), strings.Join(want, "\n"))
	}
}

func TestFailedBuildListsProblemsAndExitsNonZero(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	essay := "---\ntitle: Broken\n---\n\n```{signal}\n:n: many\n```\n\n```{compare}\n:temprature: 2\n```\n"
	if err := os.WriteFile(filepath.Join(content, "b.md"), []byte(essay), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-content", content, "-templates", "../templates", "-out", filepath.Join(dir, "public")}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != 3 ||
		!strings.HasSuffix(lines[0], `b.md:6: {signal}: option "n" must be a whole number ≥ 2 and ≤ 4096, got "many"`) ||
		!strings.Contains(lines[1], `b.md:10: {compare}: unknown option "temprature" (did you mean "temperature"?)`) ||
		!strings.Contains(lines[2], "build failed with 2 problems") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a failed first build created the output directory")
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"biuld"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), `unknown command "biuld"`) {
		t.Errorf("stderr: %q", stderr.String())
	}
}

func TestNewWritesADraftAndNeverOverwrites(t *testing.T) {
	content := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "-content", content, "my-explainer"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(content, "my-explainer", "index.md")); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"new", "-content", content, "my-explainer"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "exists") {
		t.Errorf("a second new: exit %d, %q; want 1 and a message that the file exists", code, stderr.String())
	}
}

func TestNewTakesATitle(t *testing.T) {
	content := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"new", "-content", content, "-title", "Kernel density bandwidth", "kde-bandwidth"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	data, err := os.ReadFile(filepath.Join(content, "kde-bandwidth", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\ntitle: \"Kernel density bandwidth\"\n"; !strings.HasPrefix(string(data), want) {
		t.Errorf("the draft starts %.60q, want %q", data, want)
	}
	stderr.Reset()
	if code := run([]string{"new", "-content", content, "-title", "two\nlines", "other"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "title") {
		t.Errorf("a title of two lines: exit %d, %q; want 1 and a message about the title", code, stderr.String())
	}
}

// TestMakeNewPassesTheTitleVerbatim runs make new with GO set to a command
// that prints its arguments, and checks that the title reaches the
// generator as one argument, exactly as given, whatever quotes, $ or
// backticks it holds; and that no title gives an empty one, which the
// generator makes from the slug.
func TestMakeNewPassesTheTitleVerbatim(t *testing.T) {
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skip("no make")
	}
	for _, title := range []string{
		"Kernel density bandwidth",
		"It's \"$5\", $HOME, $$, $(HOME), ${HOME}, `date`, $(oops, 100% \\ back\\slash and a trailing \\",
		"",
	} {
		args := []string{"-s", "-C", "..", "new", "SLUG=kde-bandwidth", "GO=printf '<%s>\\n'"}
		if title != "" {
			args = append(args, "TITLE="+title)
		}
		cmd := exec.Command(mk, args...)
		// Not the flags and jobserver of a make that may be running this
		// test, nor a TITLE of its environment.
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); name != "TITLE" && name != "MAKEFLAGS" && name != "MFLAGS" && name != "MAKELEVEL" {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("make new with title %q: %v\n%s", title, err, out)
		}
		want := "<run>\n<./generator>\n<new>\n<-title>\n<" + title + ">\n<kde-bandwidth>\n"
		if string(out) != want {
			t.Errorf("make new with title %q ran\n%s\nwant\n%s", title, out, want)
		}
	}
}

func TestBuildRefusesToWriteOverTheEssaysOrTheCheckout(t *testing.T) {
	for _, tc := range []struct{ out, want string }{
		{"../content", "is the content folder"},
		{"..", "is or holds the repository"},
		{"../templates/static", "lies inside the templates folder"},
	} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", "-content", "../content", "-templates", "../templates", "-source", ".", "-cache", "", "-out", tc.out}, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), "nothing was built or written") {
			t.Errorf("-out %s: exit code %d, stderr %q; want 1 and a refusal saying it %s", tc.out, code, stderr.String(), tc.want)
		}
	}
	if _, err := os.Stat("../content/attention-is-kernel-smoothing.md"); err != nil {
		t.Errorf("the essays are gone: %v", err)
	}
}
