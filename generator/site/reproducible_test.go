package site

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"testing"
)

// The reproducibility tests build the shipped site in child processes, each
// with its own GOMAXPROCS, so that the build's parallel parts (typesetting,
// figures) run with different schedules; the trees they write must be equal
// byte for byte. The child is this test binary running TestHelperBuild.
const (
	helperOutEnv   = "KP_HELPER_OUT"   // where the child writes the site; unset means "not a child"
	helperCacheEnv = "KP_HELPER_CACHE" // the child's cache folder; empty turns the cache off
)

// TestHelperBuild is not a test of its own: run by helperBuild in a child
// process, it builds the shipped site into $KP_HELPER_OUT.
func TestHelperBuild(t *testing.T) {
	out := os.Getenv(helperOutEnv)
	if out == "" {
		t.Skip("the child process of the reproducibility tests")
	}
	cfg := Config{Directives: seedModel, ContentDir: realContent, TemplateDir: realTemplates, SourceDir: "../../generator", OutDir: out, CacheDir: os.Getenv(helperCacheEnv), BaseURL: "/"}
	if _, err := Build(cfg); err != nil {
		t.Fatalf("building the shipped site: %v", err)
	}
	t.Logf("built with GOMAXPROCS=%d", runtime.GOMAXPROCS(0))
}

// helperBuild builds the shipped site in a child process with the given
// GOMAXPROCS and cache folder ("" for none) and returns the tree it wrote.
func helperBuild(t *testing.T, procs int, cache string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBuild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), helperOutEnv+"="+out, helperCacheEnv+"="+cache, "GOMAXPROCS="+strconv.Itoa(procs))
	output, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(output, []byte("--- PASS: TestHelperBuild")) {
		t.Fatalf("the build with GOMAXPROCS=%d (cache %q) failed: %v\n%s", procs, cache, err, output)
	}
	if want := fmt.Sprintf("built with GOMAXPROCS=%d\n", procs); !bytes.Contains(output, []byte(want)) {
		t.Fatalf("the child did not report %q:\n%s", want, output)
	}
	return snapshot(t, out)
}

// diffTrees reports every path that is missing from one tree or differs.
func diffTrees(t *testing.T, nameA, nameB string, a, b map[string][]byte) {
	t.Helper()
	var paths []string
	for p := range a {
		paths = append(paths, p)
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	differ := 0
	for _, p := range paths {
		x, inA := a[p]
		y, inB := b[p]
		switch {
		case !inA:
			t.Errorf("%s is in the %s build only", p, nameB)
		case !inB:
			t.Errorf("%s is in the %s build only", p, nameA)
		case !bytes.Equal(x, y):
			differ++
			i := 0
			for i < len(x) && i < len(y) && x[i] == y[i] {
				i++
			}
			t.Errorf("%s differs between the %s and the %s build from byte %d: %q… vs %q…", p, nameA, nameB, i, excerpt(x, i), excerpt(y, i))
		}
	}
	if len(a) < 20 {
		t.Errorf("the %s build wrote only %d files", nameA, len(a))
	}
}

func excerpt(b []byte, from int) []byte {
	from = max(0, from-20)
	return b[from:min(len(b), from+80)]
}

func TestBuildsAreByteIdenticalAtAnyGOMAXPROCS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shipped site three times")
	}
	one := helperBuild(t, 1, "")
	two := helperBuild(t, 2, "")
	eight := helperBuild(t, 8, "")
	diffTrees(t, "GOMAXPROCS=1", "GOMAXPROCS=2", one, two)
	diffTrees(t, "GOMAXPROCS=2", "GOMAXPROCS=8", two, eight)
}

func TestBuildsFromAColdAndAWarmCacheAreByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the shipped site three times")
	}
	cache := filepath.Join(t.TempDir(), ".cache")
	cold := helperBuild(t, 2, cache)
	entries, err := os.ReadDir(cache)
	if err != nil || len(entries) == 0 {
		t.Fatalf("the cold build left no cache in %s (%v)", cache, err)
	}
	warm := helperBuild(t, 1, cache)
	uncached := helperBuild(t, 2, "")
	diffTrees(t, "cold", "warm", cold, warm)
	diffTrees(t, "cold", "uncached", cold, uncached)
}
