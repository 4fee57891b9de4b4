package markup

import (
	"go/scanner"
	"go/token"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// goLexer tokenises Go with the standard library's go/scanner and names the
// tokens exactly as chroma's own Go lexer does, about ten times faster:
// chroma's lexer tries some forty regular expressions at every token, and
// highlighting was most of the time of a build of many pages with code.
// For the few inputs whose tokens the two would split or name differently
// (invalid Go, non-ASCII identifiers, rare number forms, templates inside
// raw strings) it hands the whole text to chroma's lexer, so the output is
// chroma's either way; a test compares the two over thousands of files.
type goLexer struct {
	chroma chroma.Lexer // chroma's Go lexer: the reference, and the fallback
}

// The Go lexer chroma registers under "go" is replaced by goLexer, which
// chroma's registry supports (Register replaces a lexer of the same name).
// Fenced code blocks and Highlight both look lexers up there.
func init() {
	lexers.Register(&goLexer{chroma: lexers.Go})
}

// Config implements chroma.Lexer: the same name, aliases and file names as chroma's.
func (l *goLexer) Config() *chroma.Config { return l.chroma.Config() }

// SetRegistry implements chroma.Lexer.
func (l *goLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return l }

// SetAnalyser implements chroma.Lexer; the analyser is chroma's.
func (l *goLexer) SetAnalyser(func(string) float32) chroma.Lexer { return l }

// AnalyseText implements chroma.Lexer with chroma's analyser.
func (l *goLexer) AnalyseText(text string) float32 { return l.chroma.AnalyseText(text) }

// Tokenise implements chroma.Lexer.
func (l *goLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options == nil || options.EnsureLF {
		// As chroma's regexp lexers do by default.
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	if options != nil && options.State != "" && options.State != "root" {
		return l.chroma.Tokenise(options, text)
	}
	tokens, ok := goTokens(text)
	if !ok {
		return l.chroma.Tokenise(options, text)
	}
	return chroma.Literator(tokens...), nil
}

// goTokens splits text into chroma tokens, or reports false when chroma's Go
// lexer might tokenise it differently.
func goTokens(text string) ([]chroma.Token, bool) {
	src := []byte(text)
	file := token.NewFileSet().AddFile("", -1, len(src))
	var (
		s      scanner.Scanner
		failed bool
	)
	s.Init(file, src, func(token.Position, string) { failed = true }, scanner.ScanComments)
	var (
		tokens []chroma.Token
		at     int // offset of the first byte not yet in a token
	)
	emit := func(t chroma.TokenType, end int) {
		tokens = append(tokens, chroma.Token{Type: t, Value: text[at:end]})
		at = end
	}
	for {
		pos, tok, lit := s.Scan()
		if failed {
			return nil, false
		}
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit != ";" {
			continue // inserted by the scanner at a line end, not in the text
		}
		start := file.Offset(pos)
		if start > at {
			if strings.TrimLeft(text[at:start], " \t\n\r\f\v") != "" {
				return nil, false
			}
			emit(chroma.TextWhitespace, start)
		}
		end := start + len(tok.String())
		if tok.IsLiteral() || tok == token.COMMENT || tok.IsKeyword() {
			end = start + len(lit)
		}
		switch {
		case tok == token.IDENT:
			if !isASCII(lit) {
				return nil, false
			}
			emit(identType(lit, text[end:]), end)
		case tok.IsKeyword():
			emit(keywordType(tok), end)
		case tok == token.COMMENT:
			switch {
			case strings.HasPrefix(lit, "/*"):
				emit(chroma.CommentMultiline, end)
			case len(lit) > 2 && !strings.ContainsRune(" \t\n\r\f\v", rune(lit[2])):
				emit(chroma.CommentPreproc, end)
			default:
				emit(chroma.CommentSingle, end)
			}
		case tok == token.STRING:
			if lit[0] == '`' && strings.Contains(lit, "{{") {
				return nil, false // chroma highlights templates inside raw strings
			}
			emit(chroma.LiteralString, end)
		case tok == token.CHAR:
			emit(chroma.LiteralStringChar, end)
		case tok == token.INT && goSplitInt.MatchString(lit):
			// 0o755: chroma reads a 0, then a name.
			emit(chroma.LiteralNumberInteger, start+1)
			emit(identType(lit[1:], text[end:]), end)
		case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
			t, ok := numberType(tok, lit)
			if !ok {
				return nil, false
			}
			emit(t, end)
		default:
			t, ok := operatorType(tok)
			if !ok {
				return nil, false
			}
			emit(t, end)
		}
	}
	if at < len(text) {
		if strings.TrimLeft(text[at:], " \t\n\r\f\v") != "" {
			return nil, false
		}
		emit(chroma.TextWhitespace, len(text))
	}
	return tokens, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// goBuiltinCalls are the names chroma marks as builtins when a '(' follows
// at once; goTypes, the names it marks as types otherwise.
var (
	goBuiltinCalls = wordSet("uint uint8 uint16 uint32 uint64 int int8 int16 int32 int64 float float32 float64 complex64 complex128 byte rune string bool error uintptr print println panic recover close complex real imag len cap append copy delete new make clear min max")
	goTypes        = wordSet("uint uint8 uint16 uint32 uint64 int int8 int16 int32 int64 float float32 float64 complex64 complex128 byte rune string bool error uintptr any")
	goConstants    = wordSet("true false iota nil")
)

func wordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// identType names an identifier as chroma's rules do, in their order;
// rest is the text after it.
func identType(name, rest string) chroma.TokenType {
	switch {
	case goConstants[name]:
		return chroma.KeywordConstant
	case goBuiltinCalls[name] && strings.HasPrefix(rest, "("):
		return chroma.NameBuiltin
	case goTypes[name]:
		return chroma.KeywordType
	case strings.HasPrefix(strings.TrimLeft(rest, " \t\n\r\f\v"), "("):
		return chroma.NameFunction
	}
	return chroma.NameOther
}

func keywordType(tok token.Token) chroma.TokenType {
	switch tok {
	case token.IMPORT, token.PACKAGE:
		return chroma.KeywordNamespace
	case token.VAR, token.FUNC, token.STRUCT, token.MAP, token.CHAN, token.TYPE, token.INTERFACE, token.CONST:
		return chroma.KeywordDeclaration
	}
	return chroma.Keyword
}

// The number forms chroma's Go lexer reads as one token of one type.
var (
	goImaginary = regexp.MustCompile(`^(\d+i|\d+\.\d*([Ee][-+]\d+)?i|\.\d+([Ee][-+]\d+)?i|\d+[Ee][-+]\d+i)$`)
	goFloat     = regexp.MustCompile(`^(\d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)|\.\d+([eE][+\-]?\d+)?)$`)
	goOctal     = regexp.MustCompile(`^0[0-7]+$`)
	goHex       = regexp.MustCompile(`^0[xX][0-9a-fA-F_]+$`)
	goBinary    = regexp.MustCompile(`^0b[01_]+$`)
	goDecimal   = regexp.MustCompile(`^(0|[1-9][0-9_]*)$`)
	// Octal with 0o or 0O and binary with 0B, which chroma's rules do not
	// know: it reads the 0 as a number and the rest as a name.
	goSplitInt = regexp.MustCompile(`^0[oOB][0-9a-fA-F_]+$`)
)

func numberType(tok token.Token, lit string) (chroma.TokenType, bool) {
	switch {
	case tok == token.IMAG:
		return chroma.LiteralNumber, goImaginary.MatchString(lit)
	case tok == token.FLOAT:
		return chroma.LiteralNumberFloat, goFloat.MatchString(lit)
	case goOctal.MatchString(lit):
		return chroma.LiteralNumberOct, true
	case goHex.MatchString(lit):
		return chroma.LiteralNumberHex, true
	case goBinary.MatchString(lit):
		return chroma.LiteralNumberBin, true
	case goDecimal.MatchString(lit):
		return chroma.LiteralNumberInteger, true
	}
	return chroma.Error, false
}

// operatorType names operators and punctuation as chroma does: its operator
// rule lists most compound operators and + - * / % &; the other single
// characters, and ^=, are punctuation.
func operatorType(tok token.Token) (chroma.TokenType, bool) {
	switch tok {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND,
		token.SHL, token.SHR, token.AND_NOT,
		token.ADD_ASSIGN, token.SUB_ASSIGN, token.MUL_ASSIGN, token.QUO_ASSIGN, token.REM_ASSIGN,
		token.AND_ASSIGN, token.OR_ASSIGN, token.SHL_ASSIGN, token.SHR_ASSIGN, token.AND_NOT_ASSIGN,
		token.LAND, token.LOR, token.ARROW, token.INC, token.DEC,
		token.EQL, token.NEQ, token.LEQ, token.GEQ, token.DEFINE, token.ELLIPSIS:
		return chroma.Operator, true
	case token.OR, token.XOR, token.XOR_ASSIGN, token.LSS, token.GTR, token.ASSIGN, token.NOT,
		token.LPAREN, token.RPAREN, token.LBRACK, token.RBRACK, token.LBRACE, token.RBRACE,
		token.PERIOD, token.COMMA, token.SEMICOLON, token.COLON, token.TILDE:
		return chroma.Punctuation, true
	}
	return chroma.Error, false
}
