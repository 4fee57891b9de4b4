package markup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

func TestEveryMeasuredLexerIsOneChromaHas(t *testing.T) {
	names := map[string]bool{}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		names[l.Config().Name] = true
	}
	for name := range lexerCosts {
		if !names[name] {
			t.Errorf("lexerCosts names %q, which chroma does not have: run go run ./generator/cmd/lexerscan -write generator/markup/lexercost_table.go", name)
		}
	}
	if len(lexerCosts) < len(names)*9/10 {
		t.Errorf("lexerCosts measures %d of chroma's %d lexers; run lexerscan again", len(lexerCosts), len(names))
	}
}

func TestHighlightCostScalesWithTheSquareOfTheSize(t *testing.T) {
	for _, name := range []string{"JavaScript", "Python"} {
		ms, ok := lexerCosts[name]
		if !ok {
			t.Fatalf("%s was not measured", name)
		}
		lang := strings.ToLower(name)
		cost := func(n int) float64 { ms, _ := HighlightCost(lang, make([]byte, n)); return ms }
		if at, twice, half := cost(measuredBytes), cost(2*measuredBytes), cost(measuredBytes/2); at != ms || twice != 4*ms || half != ms/2 {
			t.Errorf("%s: %v ms at 1 KiB, %v at 2 KiB and %v at 4 KiB; want %v, %v and %v (linear below the measured size, quadratic above)", name, half, at, twice, ms/2, ms, 4*ms)
		}
	}
	if _, ok := HighlightCost("no-such-language", []byte("x")); ok {
		t.Error("a language chroma does not know has a cost")
	}
	valid := []byte(strings.Repeat("x := 1 // a comment\n", 16<<10/20))
	if ms, ok := HighlightCost("go", valid); !ok || ms > 8*goLexerMs {
		t.Errorf("Go that go/scanner reads costs %v, %v on 16 KiB; want at most %v", ms, ok, 8*goLexerMs)
	}
	// An unclosed comment sends the block to chroma's Go lexer, which is
	// quadratic on it: it costs what chroma's lexer was measured at.
	unclosed := []byte(strings.Repeat("/*a", measuredBytes/3+1)[:measuredBytes])
	if ms, ok := HighlightCost("go", unclosed); !ok || ms != lexerCosts["Go"] {
		t.Errorf("Go with an unclosed comment costs %v, %v; want chroma's %v", ms, ok, lexerCosts["Go"])
	}
}

func TestALexerThatNeverFinishesIsNeverUsed(t *testing.T) {
	// JSONata's lexer did not finish on 2 KiB of pathological input in
	// ten seconds, so it is not in the table: its blocks are plain text.
	if lexerFor("jsonata") == nil {
		t.Fatal("chroma no longer has a JSONata lexer: choose another lexer lexerscan leaves out")
	}
	if _, ok := lexerCosts["JSONata"]; ok {
		t.Fatal("JSONata is in the table; this test's premise is gone")
	}
	got := string(HighlightFenced([]byte("$x := 1\n"), "jsonata"))
	if !strings.Contains(got, `<code class="language-jsonata">$x := 1`) {
		t.Errorf("a JSONata block is %q; want it plain", got)
	}
}

// BenchmarkGoLexerOnPathologicalInput times our Go lexer on the inputs
// that make chroma's quadratic, at 2 and 16 KiB, for goLexerMs.
func BenchmarkGoLexerOnPathologicalInput(b *testing.B) {
	for _, pattern := range []string{"/*a", "`a", `"a`, "'a"} {
		for _, size := range []int{2 << 10, 16 << 10} {
			code := strings.Repeat(pattern, size/len(pattern))
			b.Run(fmt.Sprintf("pattern=%q/bytes=%d", pattern, size), func(b *testing.B) {
				for b.Loop() {
					it, err := chroma.Coalesce(lexerFor("go")).Tokenise(nil, code)
					if err != nil {
						b.Fatal(err)
					}
					for tok := it(); tok != chroma.EOF; tok = it() {
					}
				}
			})
		}
	}
}
