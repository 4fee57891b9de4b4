package markup

import (
	"go/build"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// coalesced tokenises text with lexer and merges neighbours of one type, as
// every code block is formatted.
func coalesced(t *testing.T, lexer chroma.Lexer, text string) []chroma.Token {
	t.Helper()
	it, err := chroma.Coalesce(lexer).Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

// goCorpus returns pieces of Go to compare the lexers on, the size of a
// listing in an essay: the generator's own files and a few packages of the
// standard library, cut at blank lines into pieces of at most 60 lines.
// (On whole files chroma's lexer gives up on block comments of several
// kilobytes, which it then reads as operators and names.)
func goCorpus(t *testing.T) (pieces []string, files int) {
	t.Helper()
	dirs := []string{".."}
	for _, pkg := range []string{"strings", "strconv", "fmt", "sort", "go/scanner", "go/parser", "encoding/json"} {
		dirs = append(dirs, filepath.Join(build.Default.GOROOT, "src", pkg))
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			var piece strings.Builder
			lines := 0
			for _, line := range strings.SplitAfter(string(src), "\n") {
				piece.WriteString(line)
				lines++
				if strings.TrimSpace(line) == "" && lines >= 20 || lines >= 60 {
					pieces = append(pieces, piece.String())
					piece.Reset()
					lines = 0
				}
			}
			pieces = append(pieces, piece.String())
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return pieces, files
}

func TestGoLexerNamesEveryTokenAsChromasGoLexer(t *testing.T) {
	if _, ok := lexers.Get("go").(*goLexer); !ok {
		t.Fatalf(`lexers.Get("go") is %T, not the fast Go lexer`, lexers.Get("go"))
	}
	pieces, files := goCorpus(t)
	if files < 150 {
		t.Fatalf("only %d Go files to compare on", files)
	}
	fallbacks := 0
	for n, src := range pieces {
		if _, ok := goTokens(src); !ok {
			fallbacks++
		}
		got := coalesced(t, lexers.Get("go"), src)
		want := coalesced(t, lexers.Go, src)
		if len(got) != len(want) {
			t.Errorf("piece %d: %d tokens, chroma's lexer %d:\n%s", n, len(got), len(want), src)
		}
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("piece %d: token %d is %v %q, chroma's lexer says %v %q:\n%s", n, i, got[i].Type, got[i].Value, want[i].Type, want[i].Value, src)
				break
			}
		}
	}
	t.Logf("%d pieces of %d files, %d handed to chroma's lexer", len(pieces), files, fallbacks)
	if fallbacks*10 > len(pieces) {
		t.Errorf("%d of %d pieces fell back to chroma's lexer; the fast path should take almost all", fallbacks, len(pieces))
	}
}

func TestGoLexerHandsUnusualInputToChroma(t *testing.T) {
	for _, src := range []string{
		"x := `{{.Name}}`\n", // a template in a raw string
		"π := 3.14\n",        // a non-ASCII identifier
		"x := 0x1p-2\n",      // a hexadecimal float, which chroma splits
		"x := 'ab'\n",        // invalid Go
		"a @ b\n",            // a character Go does not have
	} {
		if _, ok := goTokens(src); ok {
			t.Errorf("%q: the fast lexer took it, but chroma's tokens may differ", src)
		}
		if got, want := coalesced(t, lexers.Get("go"), src), coalesced(t, lexers.Go, src); len(got) != len(want) {
			t.Errorf("%q: %v, want chroma's %v", src, got, want)
		}
	}
}

// goListing is a listing of the size an essay shows.
const goListing = `// Smooth returns the Nadaraya–Watson estimate at each query.
func Smooth(k Kernel, xs, ys, queries []float64) []float64 {
	out := make([]float64, len(queries))
	logw := make([]float64, len(xs))
	for q, x0 := range queries {
		for i, x := range xs {
			logw[i] = k.LogK(x, x0)
		}
		w := Softmax(logw)
		var sum float64
		for i, wi := range w {
			sum += wi * ys[i] // weights sum to 1
		}
		out[q] = sum
	}
	return out
}
`

// BenchmarkHighlightGo formats a listing with the fast lexer and with
// chroma's own Go lexer.
func BenchmarkHighlightGo(b *testing.B) {
	for _, bc := range []struct {
		name  string
		lexer chroma.Lexer
	}{{"lexer=gofast", lexers.Get("go")}, {"lexer=chroma", lexers.Go}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				it, err := chroma.Coalesce(bc.lexer).Tokenise(nil, goListing)
				if err != nil {
					b.Fatal(err)
				}
				if len(it.Tokens()) < 50 {
					b.Fatal("too few tokens")
				}
			}
		})
	}
}
