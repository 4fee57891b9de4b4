package markup

// Some of chroma's lexers take time that grows with the square of an
// unclosed comment or string (80 KB of "/*a" in JavaScript took 47 s), and
// a few never finish on some inputs of 2 KB. So before a block is
// highlighted, the build estimates what its lexer may cost on it, from
// lexerCosts: the worst time lexerscan measured on pathological blocks of
// 2 KiB, scaled with the square of the block's size, as if every lexer were
// quadratic. The table is committed, so the estimate, and so whether a
// block is highlighted, never depends on the machine.

// measuredBytes is the size of the blocks lexerCosts was measured on.
const measuredBytes = 2048

// HighlightCost estimates, in milliseconds, the worst time highlighting
// code in language may take; ok is false when the block is never
// highlighted: a language chroma does not know, or whose lexer was not
// measured or did not finish. Go is read by our own lexer, which is linear
// and fast, unless go/scanner finds a mistake in the code and chroma's Go
// lexer takes over: that is decided here, in linear time, before the
// estimate.
func HighlightCost(language string, code []byte) (ms float64, ok bool) {
	lexer := lexerFor(language)
	if language == "" || lexer == nil {
		return 0, false
	}
	scale := float64(max(len(code), 1)) / measuredBytes
	if _, own := lexer.(*goLexer); own {
		if _, fast := goTokens(string(code)); fast {
			return goLexerMs * scale, true
		}
	}
	worst, ok := lexerCosts[lexer.Config().Name]
	if !ok {
		return 0, false
	}
	return worst * max(scale, scale*scale), true
}

// goLexerMs bounds our Go lexer's time on 2 KiB that go/scanner reads
// without a mistake: it reads each byte once (0.05–0.1 ms for 2 KiB, see
// BenchmarkGoLexerOnPathologicalInput); the bound leaves room.
const goLexerMs = 1
